//! The query engine on a synthetic bundle: checked against a brute-force reading of the filter
//! at 5,000 talks, and timed at 100,000.
//!
//! The timing test is ignored in normal runs (over 5 s in a debug build). Run it with
//! `cargo test -p hallway-core --release --test query_scale -- --ignored --nocapture`.

use hallway_core::query::{DateRange, Facet, Filter, QueryIndex, Sort, View};
use hallway_core::timeline::{Histogram, ListLayout};
use hallway_core::*;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A small deterministic generator (64-bit LCG), so the test needs no `rand`.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "ro", "mi", "te", "su", "lo", "ne", "vi", "da", "gu", "pe", "zo", "tra", "ker", "qe",
    "mu", "li", "br", "ux", "on", "ce", "fi", "ha", "jo",
];

fn word(rng: &mut Lcg) -> String {
    (0..2 + rng.below(3))
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

/// `talks` talks over 2,000 events (20 years), 200 cities in 50 countries, 30 projects,
/// talks/3 speakers, 40-word abstracts, one report per 20 talks.
fn synthetic(talks: usize) -> Bundle {
    let mut rng = Lcg(42);
    let vocab: Vec<String> = (0..4000).map(|_| word(&mut rng)).collect();
    let mut b = Bundle::new("synthetic");
    b.projects = (0..30)
        .map(|i| Project {
            id: format!("p{i}").into(),
            name: format!("Project {}", vocab[i]),
            ..Project::default()
        })
        .collect();
    b.places = (0..200)
        .map(|i| Place {
            id: format!("c{i}").into(),
            city: format!("City {}", vocab[100 + i]),
            country: format!("Country {}", i % 50),
            country_code: (i % 50 < 40)
                .then(|| format!("X{}", (b'A' + (i % 50) as u8 % 26) as char)),
            ..Place::default()
        })
        .collect();
    b.series = (0..40)
        .map(|i| Series {
            id: format!("s{i}").into(),
            name: format!("Series {}", vocab[400 + i]),
            organizer: None,
        })
        .collect();
    let events = 2000;
    b.events = (0..events)
        .map(|i| {
            let start = Date::from_days_since_epoch(
                Date::ymd(2005, 1, 1).days_since_epoch() + rng.below(20 * 365) as i64,
            );
            Event {
                id: format!("e{i}").into(),
                name: format!("Event {} {}", vocab[rng.below(4000)], start.year),
                series: Some(format!("s{}", i % 40).into()),
                start,
                end: Some(Date::from_days_since_epoch(start.days_since_epoch() + 2)),
                timezone: None,
                place: Some(format!("c{}", rng.below(200)).into()),
                venue: None,
                online: false,
                colocated: Vec::new(),
                url: None,
                attendance: None,
                projects: (0..rng.below(3))
                    .map(|_| format!("p{}", rng.below(30)).into())
                    .collect(),
            }
        })
        .collect();
    let people = (talks / 3).max(1);
    b.people = (0..people)
        .map(|i| Person {
            id: format!("u{i}").into(),
            name: format!("{} {}", vocab[rng.below(4000)], vocab[rng.below(4000)]),
            ..Person::default()
        })
        .collect();
    let mut projects_seen = BTreeSet::new();
    b.talks = (0..talks)
        .map(|i| {
            let e = rng.below(events);
            let abs: Vec<&str> = (0..40).map(|_| vocab[rng.below(4000)].as_str()).collect();
            let projects: Vec<Id> = (0..rng.below(3))
                .map(|_| format!("p{}", rng.below(30)).into())
                .collect();
            projects_seen.extend(projects.iter().cloned());
            Talk {
                id: format!("t{i}").into(),
                title: (0..5)
                    .map(|_| vocab[rng.below(4000)].as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                event: format!("e{e}").into(),
                track: (rng.below(4) > 0).then(|| format!("Track {}", rng.below(20)).into()),
                room: None,
                speakers: (0..1 + rng.below(2))
                    .map(|_| format!("u{}", rng.below(people)).into())
                    .collect(),
                date: Some(b.events[e].start),
                start: None,
                duration_min: None,
                r#abstract: Some(abs.join(" ")),
                text_shard: None,
                projects,
                links: Vec::new(),
            }
        })
        .collect();
    b.reports = (0..talks / 20)
        .map(|i| Report {
            id: format!("r{i}").into(),
            title: format!("Report on {}", vocab[rng.below(4000)]),
            author: None,
            published: Date::ymd(2005 + rng.below(20) as i32, 1 + rng.below(12) as u8, 0),
            url: None,
            events: vec![format!("e{}", rng.below(events)).into()],
            talks: (0..3)
                .map(|_| format!("t{}", rng.below(talks)).into())
                .collect(),
            projects: Vec::new(),
            summary: None,
            body: None,
            text_shard: None,
        })
        .collect();
    b
}

/// The talks `f` keeps, read straight off the bundle (facets project, city, year, speaker and
/// the date range only).
fn brute_force(data: &Dataset, f: &Filter) -> BTreeSet<u32> {
    let b = &data.bundle;
    (0..b.talks.len() as u32)
        .filter(|&i| {
            let t = &b.talks[i as usize];
            let (_, e) = data.event(&t.event).unwrap();
            let day = t.day().unwrap();
            let any = |set: &BTreeSet<String>, have: &[Id]| {
                set.is_empty() || have.iter().any(|h| set.contains(h.as_str()))
            };
            let projects = if t.projects.is_empty() {
                &e.projects
            } else {
                &t.projects
            };
            let place: Vec<Id> = e.place.iter().cloned().collect();
            any(&f.projects, projects)
                && any(&f.cities, &place)
                && any(&f.speakers, &t.speakers)
                && (f.years.is_empty() || f.years.contains(&day.year))
                && f.range.is_none_or(|r| {
                    let lo = r.from.map_or(i64::MIN, |a| a.days_since_epoch());
                    let hi =
                        r.to.map_or(i64::MAX, |z| hallway_core::query::date_span(z).1);
                    (lo..=hi).contains(&day.days_since_epoch())
                })
        })
        .collect()
}

#[test]
fn engine_agrees_with_brute_force_on_5000_talks() {
    let data = Arc::new(Dataset::new(synthetic(5000)));
    let q = QueryIndex::new(&data);
    let mut rng = Lcg(7);
    for round in 0..30 {
        let mut f = Filter::for_view(View::Talks);
        for _ in 0..rng.below(3) {
            f.toggle(Facet::Project, &format!("p{}", rng.below(30)));
        }
        for _ in 0..rng.below(6) {
            f.toggle(Facet::City, &format!("c{}", rng.below(200)));
        }
        for _ in 0..rng.below(3) {
            f.toggle(Facet::Year, &(2005 + rng.below(20)).to_string());
        }
        if rng.below(4) == 0 {
            f.toggle(Facet::Speaker, &format!("u{}", rng.below(1666)));
        }
        if rng.below(3) == 0 {
            let y = 2005 + rng.below(20) as i32;
            let from = Date::ymd(y, 1 + rng.below(12) as u8, 0);
            let to = Date::ymd(y + rng.below(4) as i32, 0, 0);
            // Open ends too: `from=` alone and `to=` alone.
            f.range = Some(match rng.below(3) {
                0 => DateRange::between(from, to),
                1 => DateRange {
                    from: Some(from),
                    to: None,
                },
                _ => DateRange {
                    from: None,
                    to: Some(to),
                },
            });
        }
        let got: BTreeSet<u32> = q.run(&f).items.into_iter().collect();
        assert_eq!(
            got,
            brute_force(&data, &f),
            "round {round}: {}",
            f.to_query()
        );

        // Each project's count is what selecting only it (instead of the current projects) gives.
        let r = q.run(&f);
        for v in r.facets[Facet::Project.index()].values().take(3) {
            let mut g = f.clone();
            g.clear(Facet::Project);
            g.toggle(Facet::Project, &v.key);
            assert_eq!(
                v.count as usize,
                brute_force(&data, &g).len(),
                "round {round}"
            );
        }
    }
}

/// CPU time of this thread, so that figures mean something on a machine other jobs share.
/// Linux only; zero elsewhere.
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split(' ').next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

#[test]
fn counts_over_most_items_agree_with_brute_force() {
    // A range keeping most talks takes the count-the-complement path.
    let data = Arc::new(Dataset::new(synthetic(3000)));
    let q = QueryIndex::new(&data);
    let mut f = Filter::for_view(View::Talks);
    f.range = Some(DateRange::between(
        Date::ymd(2006, 0, 0),
        Date::ymd(2024, 0, 0),
    ));
    let r = q.run(&f);
    assert!(r.total * 2 > 3000 && r.total < 3000, "{}", r.total);
    for v in r.facets[Facet::Project.index()].values() {
        let mut g = f.clone();
        g.toggle(Facet::Project, &v.key);
        assert_eq!(v.count as usize, brute_force(&data, &g).len(), "{}", v.key);
    }
    for v in r.facets[Facet::City.index()].values().take(20) {
        let mut g = f.clone();
        g.toggle(Facet::City, &v.key);
        assert_eq!(v.count as usize, brute_force(&data, &g).len(), "{}", v.key);
    }
}

#[test]
#[ignore = "takes over 5 s in a debug build; run in release with --ignored --nocapture"]
fn timings_at_100k_talks() {
    let t0 = Instant::now();
    let bundle = synthetic(100_000);
    let t_gen = t0.elapsed();
    let t0 = Instant::now();
    let data = Arc::new(Dataset::new(bundle));
    let t_dataset = t0.elapsed();
    let (t0, c0) = (Instant::now(), cpu());
    let q = QueryIndex::new(&data);
    let (t_index, c_index) = (t0.elapsed(), cpu() - c0);
    let (t0, c0) = (Instant::now(), cpu());
    q.prepare_search();
    let (t_search, c_search) = (t0.elapsed(), cpu() - c0);
    println!(
        "100k talks: generate {t_gen:.1?}, Dataset::new {t_dataset:.1?}, QueryIndex::new {t_index:.1?} wall / {c_index:.1?} cpu, then prepare_search {t_search:.1?} wall / {c_search:.1?} cpu ({} terms)",
        q.text_index().term_count()
    );
    println!(
        "{:<44} {:>9} {:>9}",
        "query (mean of 20 runs)", "wall", "cpu"
    );
    let time = |label: &str, f: &Filter| {
        let runs = 20;
        let (t0, c0) = (Instant::now(), cpu());
        let mut total = 0;
        for _ in 0..runs {
            total = q.run(f).total;
        }
        println!(
            "{label:<44} {:>9.2?} {:>9.2?}  {total} items",
            t0.elapsed() / runs,
            (cpu() - c0) / runs
        );
        total
    };
    let all = Filter::for_view(View::Talks);
    assert_eq!(time("talks, no filter", &all), 100_000);
    let vocab_word = data.bundle.talks[17]
        .title
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    let text = Filter {
        text: vocab_word.clone(),
        ..all.clone()
    };
    assert!(time(&format!("text `{vocab_word}`"), &text) > 0);
    let prefix = Filter {
        text: vocab_word[..3].to_string(),
        ..all.clone()
    };
    time(&format!("text prefix `{}`", &vocab_word[..3]), &prefix);
    time(
        "text one letter `k`",
        &Filter {
            text: "k".into(),
            ..all.clone()
        },
    );
    let two = Filter {
        text: format!("{vocab_word} tra"),
        ..all.clone()
    };
    time("text two words", &two);
    let mut toggled = all.clone();
    toggled.toggle(Facet::Project, "p3");
    time("facet toggle project", &toggled);
    toggled.toggle(Facet::Year, "2014");
    toggled.toggle(Facet::City, "c5");
    toggled.toggle(Facet::City, "c6");
    time("project + year + 2 cities", &toggled);
    let mut busy = text.clone();
    busy.toggle(Facet::Project, "p3");
    busy.range = Some(DateRange::between(
        Date::ymd(2010, 0, 0),
        Date::ymd(2018, 6, 0),
    ));
    busy.sort = Sort::Oldest;
    time("text + project + range", &busy);
    time("events view, no filter", &Filter::default());

    let t0 = Instant::now();
    let r = q.run(&all);
    let layout = ListLayout::new(&r.items, |i| q.date_of(View::Talks, i), 44.0, 96.0);
    let h = Histogram::for_results(&q, &r, 800.0, 80.0);
    println!(
        "{:<44} {:>8.2?} ({} groups, {} bars)",
        "run + list layout + histogram",
        t0.elapsed(),
        layout.headings().len(),
        h.bars.len()
    );
    let t0 = Instant::now();
    let relax = q.suggest_relaxations(&busy);
    println!(
        "{:<44} {:>8.2?} ({} suggestions)",
        "suggest_relaxations (3 parts)",
        t0.elapsed(),
        relax.len()
    );
    // The split form's main document: no abstracts, so a much smaller search index.
    let mut split = data.bundle.clone();
    for t in &mut split.talks {
        t.r#abstract = None;
    }
    let split = Arc::new(Dataset::new(split));
    let (t0, c0) = (Instant::now(), cpu());
    QueryIndex::new(&split).prepare_search();
    println!(
        "{:<44} {:>9.2?} {:>9.2?}",
        "QueryIndex::new + search, no abstracts (split)",
        t0.elapsed(),
        cpu() - c0
    );
    let t0 = Instant::now();
    let url = busy.to_query();
    let (back, _) = Filter::from_query(&url, &q);
    assert_eq!(back, busy);
    println!("{:<44} {:>8.2?}", "to_query + from_query", t0.elapsed());
}
