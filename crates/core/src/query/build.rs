//! Building a [`QueryIndex`] from a [`Dataset`]: every item's facet values, the inverted lists,
//! dates and sort orders, computed once after loading; and the search index, built when first
//! needed (see [`QueryIndex::prepare_search`]).

use super::engine::{Csr, FacetTable, QueryIndex};
use super::search::{TextIndex, TextIndexBuilder};
use super::{date_span, Facet, View};
use crate::index::Dataset;
use crate::model::*;
use crate::text::{fold, slug};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

impl QueryIndex {
    /// Indexes `data` for filtering and faceting; the search index follows on first need (see
    /// [`QueryIndex::prepare_search`]), which is why the index keeps a handle on the data. Cost
    /// grows linearly with the bundle (see `examples/query_timing.rs` for figures).
    pub fn new(data: &Arc<Dataset>) -> Self {
        let b = &data.bundle;
        let ix = &data.index;
        let ev = |id: &str| ix.event_by_id.get(id).copied();
        let tk = |id: &str| ix.talk_by_id.get(id).copied();

        let tables = value_tables(data);
        let country_of_place: Vec<u32> = b
            .places
            .iter()
            .map(|p| {
                let countries = &tables[Facet::Country.index()].by_key;
                // Every place's key was added by `value_tables`.
                countries.get(&*country_key(p)).copied().unwrap_or(0)
            })
            .collect();
        let years: HashMap<i32, u32> = tables[Facet::Year.index()]
            .keys
            .iter()
            .enumerate()
            .filter_map(|(v, k)| Some((k.parse().ok()?, v as u32)))
            .collect();
        let year_value = |y: i32| years.get(&y).copied().unwrap_or(0);
        let track_value = |t: &Talk| {
            t.track
                .as_deref()
                .and_then(|tr| tables[Facet::Track.index()].by_key.get(tr).copied())
        };
        let ids = |map: &crate::index::IdMap, list: &[crate::model::Id]| -> Vec<u32> {
            list.iter().filter_map(|i| map.get(i).copied()).collect()
        };

        let event_of_talk: Vec<Option<u32>> = (0..b.talks.len() as u32)
            .map(|t| ix.talk_event(t))
            .collect();
        let event_date = |e: u32| b.events[e as usize].start;
        let talk_date: Vec<crate::Date> = b
            .talks
            .iter()
            .zip(&event_of_talk)
            .map(|(t, &e)| {
                t.day()
                    .or(e.map(event_date))
                    .unwrap_or(crate::Date::ymd(0, 0, 0))
            })
            .collect();
        // Where an event is, as (city, country) values.
        let event_place: Vec<Option<(u32, u32)>> = b
            .events
            .iter()
            .map(|e| {
                let p = ix.place_by_id.get(e.place.as_deref()?).copied()?;
                Some((p, country_of_place[p as usize]))
            })
            .collect();
        let event_series: Vec<Option<u32>> = b
            .events
            .iter()
            .map(|e| ix.series_by_id.get(e.series.as_deref()?).copied())
            .collect();

        let n = Facet::ALL.len();
        let new_rows = |len: usize| -> Vec<Csr> { (0..n).map(|_| Csr::with_rows(len)).collect() };
        let (p, c, k, y, s, sp, tr, src) = (
            Facet::Project.index(),
            Facet::City.index(),
            Facet::Country.index(),
            Facet::Year.index(),
            Facet::Series.index(),
            Facet::Speaker.index(),
            Facet::Track.index(),
            Facet::Source.index(),
        );
        let prov = &data.provenance;
        // A source set as facet values: the bits' positions, which are the table's values.
        let sources = |list: &[crate::merge::SourceSet], i: usize| {
            let set = list.get(i).copied().unwrap_or(0);
            (0..prov.sources.len() as u32).filter(move |b| set & (1 << b) != 0)
        };

        // An event's own projects, resolved once for all its talks that have none of their own.
        let event_projects: Vec<Vec<u32>> = b
            .events
            .iter()
            .map(|e| ids(&ix.project_by_id, &e.projects))
            .collect();
        // Talks first: events and reports inherit from them. Rows go straight into compressed
        // form, in item order, to spare a small allocation per item and facet. A talk's
        // speakers and projects come resolved from the dataset.
        let mut talk_rows = new_rows(b.talks.len());
        for (ti, t) in b.talks.iter().enumerate() {
            let place = event_of_talk[ti].and_then(|e| event_place[e as usize]);
            let series = event_of_talk[ti].and_then(|e| event_series[e as usize]);
            // A talk's own projects, else its event's.
            let own = &ix.projects_of_talk[ti];
            let projects = match event_of_talk[ti] {
                Some(e) if own.is_empty() => &event_projects[e as usize][..],
                _ => own,
            };
            talk_rows[p].push_row(projects.iter().copied());
            talk_rows[c].push_row(place.map(|(city, _)| city));
            talk_rows[k].push_row(place.map(|(_, country)| country));
            talk_rows[y].push_row([year_value(talk_date[ti].year)]);
            talk_rows[s].push_row(series);
            talk_rows[sp].push_row(ix.speakers_of_talk[ti].iter().copied());
            talk_rows[tr].push_row(track_value(t));
            talk_rows[src].push_row(sources(&prov.talks, ti));
        }

        let mut event_rows = new_rows(b.events.len());
        for (ei, e) in b.events.iter().enumerate() {
            let talks = &ix.talks_of_event[ei];
            let from_talks = |f: usize| gather(&talk_rows[f], talks);
            let own = ids(&ix.project_by_id, &e.projects);
            event_rows[p].push_row(own.into_iter().chain(from_talks(p)));
            event_rows[sp].push_row(from_talks(sp));
            event_rows[tr].push_row(from_talks(tr));
            event_rows[c].push_row(event_place[ei].map(|(city, _)| city));
            event_rows[k].push_row(event_place[ei].map(|(_, country)| country));
            event_rows[s].push_row(event_series[ei]);
            event_rows[src].push_row(sources(&prov.events, ei));
            event_rows[y]
                .push_row((e.start.year..=e.last_day().year.max(e.start.year)).map(year_value));
        }

        let mut report_rows = new_rows(b.reports.len());
        for (ri, r) in b.reports.iter().enumerate() {
            report_rows[src].push_row(sources(&prov.reports, ri));
            let talks: Vec<u32> = r.talks.iter().filter_map(|t| tk(t)).collect();
            let mut events: Vec<u32> = r.events.iter().filter_map(|e| ev(e)).collect();
            events.extend(talks.iter().filter_map(|&t| event_of_talk[t as usize]));
            events.sort_unstable();
            events.dedup();
            let from_talks = |f: usize| gather(&talk_rows[f], &talks);
            let from_events = |f: usize| gather(&event_rows[f], &events);
            let own = ids(&ix.project_by_id, &r.projects);
            report_rows[p].push_row(own.into_iter().chain(from_talks(p)));
            report_rows[sp].push_row(from_talks(sp));
            report_rows[tr].push_row(from_talks(tr));
            report_rows[c].push_row(from_events(c));
            report_rows[k].push_row(from_events(k));
            report_rows[s].push_row(from_events(s));
            report_rows[y].push_row([year_value(r.published.year)]);
        }

        let mut tables = tables;
        for (f, table) in tables.iter_mut().enumerate() {
            let values = table.keys.len();
            for (v, rows) in [
                (View::Events, &mut event_rows),
                (View::Talks, &mut talk_rows),
                (View::Reports, &mut report_rows),
            ] {
                let forward = std::mem::take(&mut rows[f]);
                table.inverted[v.index()] = forward.invert(values);
                table.forward[v.index()] = forward.compact();
            }
            table.order_unfiltered();
        }

        let dates = [
            b.events.iter().map(|e| e.start).collect::<Vec<_>>(),
            talk_date.clone(),
            b.reports.iter().map(|r| r.published).collect(),
        ];
        let spans = [
            b.events
                .iter()
                .map(|e| (date_span(e.start).0, date_span(e.last_day()).1))
                .collect::<Vec<_>>(),
            talk_date.iter().map(|&d| date_span(d)).collect(),
            b.reports.iter().map(|r| date_span(r.published)).collect(),
        ];
        // Keys computed once per talk (a key per comparison cost a tenth of this function at
        // 100k); `t` last makes them unique, so the unstable sort gives the one order.
        let mut talk_keys: Vec<_> = b
            .talks
            .iter()
            .enumerate()
            .map(|(t, talk)| {
                let secs = talk.start.map_or(i64::MIN, |s| s.unix_seconds());
                (talk_date[t], secs, event_of_talk[t], t as u32)
            })
            .collect();
        talk_keys.sort_unstable();
        let talk_order: Vec<u32> = talk_keys.into_iter().map(|k| k.3).collect();
        let order = [
            ix.events_by_date.clone(),
            talk_order,
            ix.reports_by_date.clone(),
        ];

        QueryIndex {
            sizes: [b.events.len(), b.talks.len(), b.reports.len()],
            dates,
            spans,
            order,
            tables: tables.into_iter().map(Arc::new).collect(),
            data: data.clone(),
            text: OnceLock::new(),
            search_build: Default::default(),
            full_text: Default::default(),
        }
    }
}

/// The values of every listed item, concatenated.
fn gather<'a>(rows: &'a Csr, items: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    items.iter().flat_map(move |&i| rows.row(i)).copied()
}

/// A place's country key: lowercase ISO code when known, else the slug of the name.
pub(super) fn country_key(p: &Place) -> String {
    match p.country_code.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => code.to_ascii_lowercase(),
        _ => slug(&p.country),
    }
}

fn value_tables(data: &Dataset) -> Vec<FacetTable> {
    let b = &data.bundle;
    let mut tables: Vec<FacetTable> = Facet::ALL.iter().map(|_| FacetTable::default()).collect();
    let t = |f: Facet| f.index();
    for pr in &b.projects {
        tables[t(Facet::Project)].push(pr.id.clone(), &pr.name);
    }
    // Two cities of one name ("Portland") are told apart by their country.
    let mut city_names: HashMap<String, usize> = HashMap::new();
    for pl in &b.places {
        *city_names.entry(fold(&pl.city)).or_default() += 1;
    }
    for pl in &b.places {
        let label = if city_names[&fold(&pl.city)] > 1 {
            format!("{}, {}", pl.city, pl.country)
        } else {
            pl.city.clone()
        };
        tables[t(Facet::City)].push(pl.id.clone(), &label);
        let key = country_key(pl);
        let countries = &mut tables[t(Facet::Country)];
        let v = match countries.by_key.get(key.as_str()) {
            Some(&v) => v,
            None => {
                countries.push(key.as_str().into(), &pl.country);
                countries.keys.len() as u32 - 1
            }
        };
        // The name's slug is an accepted spelling in URLs too.
        countries
            .by_key
            .entry(slug(&pl.country).into())
            .or_insert(v);
    }
    let mut years = BTreeSet::new();
    for e in &b.events {
        years.extend(e.start.year..=e.last_day().year.max(e.start.year));
    }
    for tk in &b.talks {
        if let Some(d) = tk.day() {
            years.insert(d.year);
        }
    }
    years.extend(b.reports.iter().map(|r| r.published.year));
    // A talk with neither a day nor a known event (only in an unvalidated bundle) is year 0.
    if b.talks
        .iter()
        .any(|t| t.day().is_none() && !data.index.event_by_id.contains_key(&t.event))
    {
        years.insert(0);
    }
    for y in years {
        let s = y.to_string();
        tables[t(Facet::Year)].push(s.as_str().into(), &s);
    }
    for s in &b.series {
        tables[t(Facet::Series)].push(s.id.clone(), &s.name);
    }
    for p in &b.people {
        tables[t(Facet::Speaker)].push(p.id.clone(), &p.name);
    }
    // Few distinct tracks among many talks: hashed first, sorted once (a sorted set compared
    // strings at every one of 100,000 inserts).
    let tracks: foldhash::HashSet<&str> =
        b.talks.iter().filter_map(|t| t.track.as_deref()).collect();
    let mut tracks: Vec<&str> = tracks.into_iter().collect();
    tracks.sort_unstable();
    for tr in tracks {
        tables[t(Facet::Track)].push(tr.into(), tr);
    }
    for source in &data.provenance.sources {
        tables[t(Facet::Source)].push(source.url.as_str().into(), &source.title);
    }
    for table in &mut tables {
        table.rank_labels();
    }
    tables
}

/// The row of an optional reference, when it resolves.
fn name_of(map: &crate::index::IdMap, id: Option<&str>) -> Option<u32> {
    id.and_then(|i| map.get(i).copied())
}

/// The search index, built a slice of items at a time (see
/// [`QueryIndex::prepare_search_within`]): the builder's two passes over the same texts (see
/// [`TextIndexBuilder`]) and how far they are. It holds row numbers and its own texts, nothing
/// of the data, so it can wait between slices: at 100,000 talks the whole build is about a
/// second of the page's main thread, which a reader scrolling after the first rows felt.
pub(super) struct SearchBuild {
    builder: TextIndexBuilder,
    /// What an event's talks and reports are also found by: its name, series and place.
    event_texts: Vec<String>,
    /// The next item, counting events, then talks, then reports.
    next: usize,
    buf: String,
}

impl std::fmt::Debug for SearchBuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchBuild")
            .field("second_pass", &self.builder.filling())
            .field("next", &self.next)
            .finish()
    }
}

impl SearchBuild {
    pub(super) fn new(data: &Dataset) -> Self {
        let b = &data.bundle;
        let ix = &data.index;
        let event_texts = b
            .events
            .iter()
            .map(|e| {
                let mut out = format!("{}\n", e.name);
                if let Some(s) = name_of(&ix.series_by_id, e.series.as_deref()) {
                    out.push_str(&b.series[s as usize].name);
                    out.push('\n');
                }
                if let Some(p) = name_of(&ix.place_by_id, e.place.as_deref()) {
                    let pl = &b.places[p as usize];
                    out.push_str(&format!("{} {}\n", pl.city, pl.country));
                }
                out
            })
            .collect();
        SearchBuild {
            builder: TextIndexBuilder::new(&[b.events.len(), b.talks.len(), b.reports.len()]),
            event_texts,
            next: 0,
            buf: String::new(),
        }
    }

    /// Adds items while `more()` says so (it is asked before each one); true once every item
    /// has been added in both passes, when [`SearchBuild::finish`] gives the index.
    pub(super) fn step(
        &mut self,
        data: &Dataset,
        tables: &[Arc<FacetTable>],
        more: &mut dyn FnMut() -> bool,
    ) -> bool {
        let b = &data.bundle;
        let total = b.events.len() + b.talks.len() + b.reports.len();
        loop {
            if self.next >= total {
                if self.builder.filling() {
                    return true;
                }
                self.builder.fill();
                self.next = 0;
            }
            if !more() {
                return false;
            }
            self.buf.clear();
            item_text(data, tables, &self.event_texts, self.next, &mut self.buf);
            let (kind, id) = match self.next {
                i if i < b.events.len() => (0, i),
                i if i < b.events.len() + b.talks.len() => (1, i - b.events.len()),
                i => (2, i - b.events.len() - b.talks.len()),
            };
            self.builder.add(kind, id as u32, &self.buf);
            self.next += 1;
        }
    }

    pub(super) fn finish(self) -> TextIndex {
        self.builder.finish()
    }
}

/// What item `i` is found by (counting events, then talks, then reports): its own words and
/// the names of everything it links to. A talk's speakers and projects are read from the facet
/// tables, already resolved.
fn item_text(
    data: &Dataset,
    tables: &[Arc<FacetTable>],
    event_texts: &[String],
    i: usize,
    buf: &mut String,
) {
    let b = &data.bundle;
    let ix = &data.index;
    let talks = View::Talks.index();
    let talk_speakers = |t: u32| tables[Facet::Speaker.index()].forward[talks].row(t);
    let talk_projects = |t: u32| tables[Facet::Project.index()].forward[talks].row(t);
    let event_of_talk = |t: usize| ix.talk_event(t as u32);
    let event_text = |e: u32, out: &mut String| out.push_str(&event_texts[e as usize]);
    let speakers = |t: u32, out: &mut String| {
        for &p in talk_speakers(t) {
            out.push_str(&b.people[p as usize].name);
            out.push('\n');
        }
    };
    let projects = |list: &mut dyn Iterator<Item = u32>, out: &mut String| {
        for p in list {
            out.push_str(&b.projects[p as usize].name);
            out.push('\n');
        }
    };

    if i < b.events.len() {
        let (ei, e) = (i, &b.events[i]);
        event_text(ei as u32, buf);
        if let Some(v) = name_of(&ix.venue_by_id, e.venue.as_deref()) {
            buf.push_str(&b.venues[v as usize].name);
            buf.push('\n');
        }
        projects(
            &mut e
                .projects
                .iter()
                .filter_map(|p| ix.project_by_id.get(p).copied()),
            buf,
        );
        for &t in &ix.talks_of_event[ei] {
            let talk = &b.talks[t as usize];
            buf.push_str(&talk.title);
            buf.push('\n');
            speakers(t, buf);
        }
        return;
    }
    let i = i - b.events.len();
    if let Some(t) = b.talks.get(i) {
        let ti = i;
        buf.push_str(&t.title);
        buf.push('\n');
        if let Some(a) = &t.r#abstract {
            // Markdown may carry raw HTML: index its text, not its tag names.
            buf.push_str(&crate::markdown::search_text(a));
            buf.push('\n');
        }
        if let Some(track) = &t.track {
            buf.push_str(track);
            buf.push('\n');
        }
        speakers(ti as u32, buf);
        if let Some(e) = event_of_talk(ti) {
            event_text(e, buf);
        }
        projects(&mut talk_projects(ti as u32).iter().copied(), buf);
        return;
    }
    let Some(r) = b.reports.get(i - b.talks.len()) else {
        return;
    };
    for s in [Some(&r.title), r.author.as_ref()].into_iter().flatten() {
        buf.push_str(s);
        buf.push('\n');
    }
    for s in [&r.summary, &r.body].into_iter().flatten() {
        buf.push_str(&crate::markdown::search_text(s));
        buf.push('\n');
    }
    // The events a report covers, directly and through its talks, each once.
    let report_talks: Vec<u32> = r
        .talks
        .iter()
        .filter_map(|t| ix.talk_by_id.get(t).copied())
        .collect();
    let mut report_events: Vec<u32> = r
        .events
        .iter()
        .filter_map(|e| ix.event_by_id.get(e).copied())
        .collect();
    report_events.extend(
        report_talks
            .iter()
            .filter_map(|&t| event_of_talk(t as usize)),
    );
    report_events.sort_unstable();
    report_events.dedup();
    for &e in &report_events {
        event_text(e, buf);
    }
    for &t in &report_talks {
        let talk = &b.talks[t as usize];
        buf.push_str(&talk.title);
        buf.push('\n');
        speakers(t, buf);
    }
    projects(
        &mut r
            .projects
            .iter()
            .filter_map(|p| ix.project_by_id.get(p).copied()),
        buf,
    );
}
