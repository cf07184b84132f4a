//! `hallway generate`: a deterministic synthetic bundle with realistic shapes, for tests and
//! benchmarks. The same `--talks` and `--seed` always give the same bytes (fastrand's seeded
//! generator; no clock, no hash-map order).

use data::{CITIES, FIRST, LAST, SYLLABLES, WORDS};
use hallway_core::model::*;
use hallway_core::{Date, DateTime};
use std::path::PathBuf;

mod data;
use std::process::ExitCode;

/// Command-line arguments of `hallway generate`.
#[derive(clap::Args)]
pub struct Args {
    /// How many talks to generate (at most 10 million, which already needs ~40 GB of memory).
    #[arg(long, value_parser = clap::value_parser!(u64).range(..=10_000_000))]
    talks: u64,
    /// The random seed: the same seed gives byte-identical output.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the bundle's JSON.
    #[arg(long, required_unless_present = "content_dir")]
    out: Option<PathBuf>,
    /// Write the split form (see `hallway build --split`).
    #[arg(long)]
    split: bool,
    /// The byte limit the bundle will be checked against (as `hallway check --max-bytes`): a
    /// single file over it is written with a warning to use --split.
    #[arg(long, default_value_t = hallway_core::load::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Write a content directory (the input of `hallway build`) instead of a bundle.
    #[arg(long, conflicts_with_all = ["out", "split"])]
    content_dir: Option<PathBuf>,
}

impl Args {
    pub fn run(self) -> ExitCode {
        let mut b = generate(self.talks as usize, self.seed);
        b.generator = Some(Generator {
            name: "hallway".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        });
        if let Some(dir) = &self.content_dir {
            return match crate::build::write_content(&b, dir, true) {
                Ok(()) => {
                    println!(
                        "wrote content tree {} ({} talks)",
                        dir.display(),
                        b.talks.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            };
        }
        let Some(out) = self.out else {
            eprintln!("error: give --out <BUNDLE.json> or --content-dir <DIR>");
            return ExitCode::from(2);
        };
        match crate::split::write(&mut b, &out, self.split) {
            Ok(w) => {
                // Warnings go to stderr, where `hallway check` puts its refusal, so that they
                // show even when the summary is redirected.
                let summary = crate::split::summary_with_limit(&out, &b, &w, self.max_bytes);
                for line in summary.lines() {
                    if line.starts_with("warning:") {
                        eprintln!("{line}");
                    } else {
                        println!("{line}");
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        }
    }
}

/// An index in `0..n` where small indexes are far more likely (log-uniform, roughly Zipf with s = 1):
/// a few speakers and projects appear everywhere, most appear once.
fn zipf(rng: &mut fastrand::Rng, n: usize) -> usize {
    let x = (n as f64 + 1.0).powf(rng.f64()) - 1.0;
    (x as usize).min(n.saturating_sub(1))
}

fn words(rng: &mut fastrand::Rng, out: &mut String, n: usize) {
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let w = WORDS[rng.usize(..WORDS.len())];
        match rng.u8(..40) {
            0 => {
                out.push_str("**");
                out.push_str(w);
                out.push_str("**");
            }
            1 => {
                out.push('`');
                out.push_str(w);
                out.push('`');
            }
            _ => out.push_str(w),
        }
    }
}

/// Every 50th talk's abstract ends with one of 500 rare words (`xylo` and two letters) that
/// appear nowhere else in the bundle: the long tail real abstracts have, and words a search
/// finds only through the abstracts. Derived from the talk's position, not drawn from the
/// generator, so every other text stays as it was.
fn with_rare_word(mut text: String, talk: usize) -> String {
    if talk.is_multiple_of(50) {
        let n = (talk / 50) % 500;
        let (a, b) = (
            (b'a' + (n / 26 % 26) as u8) as char,
            (b'a' + (n % 26) as u8) as char,
        );
        text.push_str(&format!(" See also xylo{a}{b}."));
    }
    text
}

/// Markdown of a number of words drawn from `words_in` in sentences, with a paragraph break in longer texts.
fn prose(rng: &mut fastrand::Rng, words_in: std::ops::RangeInclusive<usize>) -> String {
    let n = rng.usize(words_in);
    let mut out = String::with_capacity(n * 9);
    let mut left = n;
    let mut sentences = 0usize;
    while left > 0 {
        let k = rng.usize(6..=16).min(left);
        let start = out.len();
        words(rng, &mut out, k);
        if let Some(c) = out[start..].chars().next() {
            let upper: String = c.to_uppercase().collect();
            out.replace_range(start..start + c.len_utf8(), &upper);
        }
        out.push('.');
        left -= k;
        sentences += 1;
        if left > 0 {
            out.push_str(if sentences.is_multiple_of(4) {
                "\n\n"
            } else {
                " "
            });
        }
    }
    out
}

fn title(rng: &mut fastrand::Rng) -> String {
    let mut t = String::new();
    let n = rng.usize(3..=8);
    words(rng, &mut t, n);
    let t = t.replace(['*', '`'], "");
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => t,
    }
}

/// The synthetic bundle: about `talks / 110` events over 15 years, ~1,000 places at 100k talks.
pub fn generate(talks: usize, seed: u64) -> Bundle {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut b = Bundle::new(format!(
        "Synthetic conferences ({talks} talks, seed {seed}); generated, not real data"
    ));
    b.attribution.push(Attribution {
        text: "Synthetic data from `hallway generate`: names, places and talks are made up.".into(),
        url: None,
        license: None,
    });

    let n_projects = (talks / 200).clamp(5, 2_000);
    for i in 0..n_projects {
        let name: String = (0..rng.usize(2..=3))
            .map(|_| SYLLABLES[rng.usize(..SYLLABLES.len())])
            .collect();
        b.projects.push(Project {
            id: format!("{name}-{i}").into(),
            name: format!("{}{}", name[..1].to_uppercase(), &name[1..]),
            url: Some(format!("https://example.org/projects/{name}-{i}")),
            summary: rng.bool().then(|| title(&mut rng)),
        });
    }

    let n_places = (talks / 100).clamp(3, 1_000);
    for i in 0..n_places {
        let (city, country, cc, lat, lon, _, _) = CITIES[i % CITIES.len()];
        let k = i / CITIES.len();
        let (plat, plon) = if k == 0 {
            (lat, lon)
        } else {
            (
                (lat + rng.f64() * 3.0 - 1.5).clamp(-89.0, 89.0),
                (lon + rng.f64() * 3.0 - 1.5).clamp(-179.9, 179.9),
            )
        };
        let name = if k == 0 {
            city.to_string()
        } else {
            format!("{city} area {k}")
        };
        b.places.push(Place {
            id: format!("{}-{i}", hallway_core::text::slug(city)).into(),
            city: name,
            country: country.into(),
            country_code: Some(cc.into()),
            lat: Some((plat * 1e4).round() / 1e4),
            lon: Some((plon * 1e4).round() / 1e4),
        });
        b.venues.push(Venue {
            id: format!("venue-{i}").into(),
            name: format!("{city} Congress Centre {}", k + 1),
            place: b.places[i].id.clone(),
            lat: Some(((plat + 0.01) * 1e4).round() / 1e4),
            lon: Some(((plon + 0.01) * 1e4).round() / 1e4),
        });
    }

    let est_events = talks.div_ceil(110).max(1);
    let n_series = (est_events / 15).max(1);
    for s in 0..n_series {
        b.series.push(Series {
            id: format!("series-{s}").into(),
            name: format!("{} Conference", title(&mut rng)),
            organizer: (s % 3 == 0).then(|| "Synthetic Foundation".to_string()),
        });
    }
    let n_people = (talks * 2 / 5).max(1);
    let mut used_people = vec![false; n_people];

    let mut left = talks;
    let mut e = 0usize;
    while left > 0 {
        let count = rng.usize(20..=200).min(left);
        left -= count;
        let s = e % n_series;
        let year = 2010 + ((e / n_series) % 15) as i32;
        let month = rng.u8(1..=12);
        let day = rng.u8(1..=26);
        let start = Date::ymd(year, month, day);
        let days = rng.u8(1..=3);
        let place = rng.usize(..n_places);
        let (_, _, _, _, _, tz, offset) = CITIES[place % CITIES.len()];
        let online = rng.u8(..20) == 0;
        let id = format!("series-{s}-{year}-{e}");
        let mut projects: Vec<Id> = (0..rng.usize(0..=3))
            .map(|_| b.projects[zipf(&mut rng, n_projects)].id.clone())
            .collect();
        projects.sort();
        projects.dedup();
        b.events.push(Event {
            id: Id::from(&id),
            name: format!("{} {year}", b.series[s].name),
            series: Some(b.series[s].id.clone()),
            start,
            end: Some(Date::ymd(year, month, day + days - 1)),
            timezone: Some(tz.into()),
            place: (!online).then(|| b.places[place].id.clone()),
            venue: (!online).then(|| b.venues[place].id.clone()),
            online,
            colocated: Vec::new(),
            url: Some(format!("https://example.org/events/{id}")),
            attendance: None,
            projects,
        });
        for t in 0..count {
            let mut speakers: Vec<Id> = (0..rng.usize(1..=3))
                .map(|_| {
                    let p = zipf(&mut rng, n_people);
                    used_people[p] = true;
                    Id::from(format!("person-{p}"))
                })
                .collect();
            speakers.sort();
            speakers.dedup();
            let mut projects: Vec<Id> = (0..rng.usize(0..=2))
                .map(|_| b.projects[zipf(&mut rng, n_projects)].id.clone())
                .collect();
            projects.sort();
            projects.dedup();
            let day_n = Date::ymd(year, month, day + rng.u8(..days));
            let minute = 9 * 60 + 30 * rng.i64(0..16);
            let start = DateTime::parse(&format!(
                "{day_n}T{:02}:{:02}:00{}{:02}:{:02}",
                minute / 60,
                minute % 60,
                if offset < 0 { '-' } else { '+' },
                offset.abs() / 60,
                offset.abs() % 60
            ))
            .ok();
            let mut links = Vec::new();
            if rng.u8(..3) == 0 {
                links.push(Link {
                    kind: "slides".into(),
                    url: format!("https://example.org/slides/{id}-{t}.pdf"),
                    title: None,
                });
            }
            if rng.u8(..4) == 0 {
                links.push(Link {
                    kind: "video".into(),
                    url: format!("https://example.org/video/{id}-{t}"),
                    title: None,
                });
            }
            b.talks.push(Talk {
                id: format!("{id}-t{t}").into(),
                title: title(&mut rng),
                event: Id::from(&id),
                track: Some(format!("Track {}", rng.u8(1..=4)).into()),
                room: None,
                speakers,
                date: None,
                start,
                duration_min: Some([20, 30, 40, 50][rng.usize(..4)]),
                r#abstract: Some(with_rare_word(prose(&mut rng, 40..=120), b.talks.len())),
                text_shard: None,
                projects,
                links,
            });
        }
        e += 1;
    }

    for (p, used) in used_people.iter().enumerate() {
        if *used {
            b.people.push(Person {
                id: format!("person-{p}").into(),
                name: format!(
                    "{} {}",
                    FIRST[rng.usize(..FIRST.len())],
                    LAST[rng.usize(..LAST.len())]
                ),
                affiliation: rng.bool().then(|| format!("{} Labs", title(&mut rng))),
                url: None,
            });
        }
    }

    // One report per ~50 talks, each covering one event and a handful of its talks.
    let talks_of: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut i = 0;
        for ev in &b.events {
            let start = i;
            while i < b.talks.len() && b.talks[i].event == ev.id {
                i += 1;
            }
            v.push((start, i));
        }
        v
    };
    for r in 0..(talks / 50).max(1).min(b.events.len()) {
        let ev = rng.usize(..b.events.len());
        let (from, to) = talks_of[ev];
        let mut covered: Vec<Id> = (0..rng.usize(1..=10).min(to - from))
            .map(|_| b.talks[rng.usize(from..to)].id.clone())
            .collect();
        covered.sort();
        covered.dedup();
        let last = b.events[ev].last_day();
        let body = format!(
            "{}\n\n## Highlights\n\n{}",
            prose(&mut rng, 60..=150),
            prose(&mut rng, 40..=150)
        );
        b.reports.push(Report {
            id: format!("report-{r}").into(),
            title: format!("Event report: {}", b.events[ev].name),
            author: Some(format!(
                "{} {}",
                FIRST[r % FIRST.len()],
                LAST[r % LAST.len()]
            )),
            published: Date::ymd(last.year, last.month, 0),
            url: None,
            events: vec![b.events[ev].id.clone()],
            talks: covered,
            projects: b.events[ev].projects.clone(),
            summary: Some(title(&mut rng)),
            body: Some(body),
            text_shard: None,
        });
    }
    b.reports
        .sort_by(|a, c| a.published.cmp(&c.published).then_with(|| a.id.cmp(&c.id)));
    b
}
