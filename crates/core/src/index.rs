//! Lookup tables built once after loading: id to record, and every reverse link the pages show.
//!
//! Positions are `u32` indexes into the bundle's collections; lists are sorted by date so that
//! pages render them as they are.

use crate::model::*;

/// Id to position. The table holds row numbers and the ids are the records' own (`Shared`:
/// a pointer each, no copy of the text): a map keyed by `String` cost an allocation and 40-odd
/// bytes per record (126,000 of each at 100,000 talks) and a third of building the dataset.
/// foldhash, seeded per process like the loader's sets: ids come from the bundle, so a fixed
/// seed would let a crafted bundle collide them, and SipHash cost a third of building these
/// maps.
#[derive(Default)]
pub struct IdMap {
    table: hashbrown::HashTable<u32>,
    ids: Vec<Shared>,
    hasher: foldhash::fast::RandomState,
}

impl IdMap {
    /// Row `i` for the `i`th id; of repeated ids the last one wins, as when collecting a map.
    pub fn new<'a>(ids: impl ExactSizeIterator<Item = &'a Shared>) -> Self {
        use std::hash::BuildHasher;
        let mut map = IdMap {
            table: hashbrown::HashTable::with_capacity(ids.len()),
            ids: Vec::with_capacity(ids.len()),
            hasher: foldhash::fast::RandomState::default(),
        };
        for (row, id) in ids.enumerate() {
            map.ids.push(id.clone());
            let hash = map.hasher.hash_one(id.as_str());
            let (all, hasher) = (&map.ids, &map.hasher);
            match map.table.find_mut(hash, |&r| all[r as usize] == *id) {
                Some(existing) => *existing = row as u32,
                None => {
                    map.table.insert_unique(hash, row as u32, |&r| {
                        hasher.hash_one(all[r as usize].as_str())
                    });
                }
            }
        }
        map
    }

    /// The row of `id`, if it is one.
    pub fn get(&self, id: &str) -> Option<&u32> {
        use std::hash::BuildHasher;
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |&r| self.ids[r as usize] == id)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// How many distinct ids.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

impl std::fmt::Debug for IdMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdMap").field("len", &self.len()).finish()
    }
}

/// A loaded bundle with its indexes. Immutable after construction; shared by the whole app.
#[derive(Debug)]
pub struct Dataset {
    pub bundle: Bundle,
    pub index: Index,
    /// Which bundles each event, talk and report came from; empty (no sources) for a bundle
    /// loaded on its own by `Dataset::new`. A side table, so the format carries no provenance.
    pub provenance: crate::merge::Provenance,
}

#[derive(Debug, Default)]
pub struct Index {
    pub project_by_id: IdMap,
    pub place_by_id: IdMap,
    pub venue_by_id: IdMap,
    pub series_by_id: IdMap,
    pub event_by_id: IdMap,
    pub person_by_id: IdMap,
    pub talk_by_id: IdMap,
    pub report_by_id: IdMap,

    /// Per event: its talks (by start), the reports covering it, events co-located with it
    /// (both directions), and, per series, its editions by date.
    pub talks_of_event: Vec<Vec<u32>>,
    pub reports_of_event: Vec<Vec<u32>>,
    pub colocated: Vec<Vec<u32>>,
    pub events_of_series: Vec<Vec<u32>>,
    pub events_of_place: Vec<Vec<u32>>,
    pub venues_of_place: Vec<Vec<u32>>,
    pub talks_of_person: Vec<Vec<u32>>,
    pub reports_of_talk: Vec<Vec<u32>>,
    pub events_of_project: Vec<Vec<u32>>,
    pub talks_of_project: Vec<Vec<u32>>,
    pub reports_of_project: Vec<Vec<u32>>,
    /// Per talk: the row of its event, resolved once here so that no later pass (the query
    /// index, the search index, each row's render) hashes the id again; [`NO_ROW`] when unknown
    /// (only in a bundle that skipped validation).
    pub event_of_talk: Vec<u32>,
    /// Events sorted by start date, oldest first.
    pub events_by_date: Vec<u32>,
    /// Reports sorted by publication date, oldest first.
    pub reports_by_date: Vec<u32>,
}

/// The row of a reference that does not resolve.
pub const NO_ROW: u32 = u32::MAX;

fn by_id<T>(items: &[T], id: impl Fn(&T) -> &Shared) -> IdMap {
    IdMap::new(items.iter().map(id))
}

impl Dataset {
    /// Builds every index. The bundle must be one the loader validated: references resolve.
    pub fn new(bundle: Bundle) -> Self {
        let b = &bundle;
        let mut ix = Index {
            project_by_id: by_id(&b.projects, |p| &p.id),
            place_by_id: by_id(&b.places, |p| &p.id),
            venue_by_id: by_id(&b.venues, |v| &v.id),
            series_by_id: by_id(&b.series, |s| &s.id),
            event_by_id: by_id(&b.events, |e| &e.id),
            person_by_id: by_id(&b.people, |p| &p.id),
            talk_by_id: by_id(&b.talks, |t| &t.id),
            report_by_id: by_id(&b.reports, |r| &r.id),
            talks_of_event: vec![Vec::new(); b.events.len()],
            reports_of_event: vec![Vec::new(); b.events.len()],
            colocated: vec![Vec::new(); b.events.len()],
            events_of_series: vec![Vec::new(); b.series.len()],
            events_of_place: vec![Vec::new(); b.places.len()],
            venues_of_place: vec![Vec::new(); b.places.len()],
            talks_of_person: vec![Vec::new(); b.people.len()],
            reports_of_talk: vec![Vec::new(); b.talks.len()],
            events_of_project: vec![Vec::new(); b.projects.len()],
            talks_of_project: vec![Vec::new(); b.projects.len()],
            reports_of_project: vec![Vec::new(); b.projects.len()],
            event_of_talk: Vec::new(),
            events_by_date: (0..b.events.len() as u32).collect(),
            reports_by_date: (0..b.reports.len() as u32).collect(),
        };
        crate::order::rows_by(&mut ix.events_by_date, &|&x, &y| {
            let (a, c) = (&b.events[x as usize], &b.events[y as usize]);
            a.start.cmp(&c.start).then_with(|| a.name.cmp(&c.name))
        });
        crate::order::rows_by_key(&mut ix.reports_by_date, |r| b.reports[r as usize].published);

        for (vi, v) in b.venues.iter().enumerate() {
            if let Some(&p) = ix.place_by_id.get(&v.place) {
                ix.venues_of_place[p as usize].push(vi as u32);
            }
        }
        // Walk events in date order so that every per-key list comes out sorted by date.
        for &ei in &ix.events_by_date {
            let e = &b.events[ei as usize];
            if let Some(p) = e.place.as_ref().and_then(|p| ix.place_by_id.get(p)) {
                ix.events_of_place[*p as usize].push(ei);
            }
            if let Some(s) = e.series.as_ref().and_then(|s| ix.series_by_id.get(s)) {
                ix.events_of_series[*s as usize].push(ei);
            }
            for p in &e.projects {
                if let Some(&p) = ix.project_by_id.get(p) {
                    ix.events_of_project[p as usize].push(ei);
                }
            }
            for c in &e.colocated {
                if let Some(&c) = ix.event_by_id.get(c) {
                    push_unique(&mut ix.colocated[ei as usize], c);
                    push_unique(&mut ix.colocated[c as usize], ei);
                }
            }
        }
        ix.event_of_talk = b
            .talks
            .iter()
            .map(|t| ix.event_by_id.get(&t.event).copied().unwrap_or(NO_ROW))
            .collect();
        // Keys computed once per talk, not per comparison; `t` last makes them unique, so the
        // unstable sort gives the one order.
        let mut keys: Vec<(i64, i64, u32)> = (0..b.talks.len() as u32)
            .map(|t| talk_sort_key(b, &ix, t))
            .collect();
        keys.sort_unstable();
        for (_, _, t) in keys {
            let talk = &b.talks[t as usize];
            if let Some(e) = ix.talk_event(t) {
                ix.talks_of_event[e as usize].push(t);
            }
            for s in &talk.speakers {
                if let Some(&p) = ix.person_by_id.get(s) {
                    push_new(&mut ix.talks_of_person[p as usize], t);
                }
            }
            for p in &talk.projects {
                if let Some(&p) = ix.project_by_id.get(p) {
                    ix.talks_of_project[p as usize].push(t);
                }
            }
        }
        for &ri in &ix.reports_by_date {
            let r = &b.reports[ri as usize];
            for e in &r.events {
                if let Some(&e) = ix.event_by_id.get(e) {
                    push_new(&mut ix.reports_of_event[e as usize], ri);
                }
            }
            for t in &r.talks {
                if let Some(&t) = ix.talk_by_id.get(t) {
                    push_new(&mut ix.reports_of_talk[t as usize], ri);
                    // A report covering a talk covers its event too.
                    if let Some(e) = ix.talk_event(t) {
                        push_new(&mut ix.reports_of_event[e as usize], ri);
                    }
                }
            }
            for p in &r.projects {
                if let Some(&p) = ix.project_by_id.get(p) {
                    ix.reports_of_project[p as usize].push(ri);
                }
            }
        }
        for list in &mut ix.colocated {
            crate::order::rows_by_key(list, |e| b.events[e as usize].start);
        }
        Dataset {
            bundle,
            index: ix,
            provenance: Default::default(),
        }
    }

    /// Builds every index of a merged bundle (`merge::merge`) and keeps its provenance.
    pub fn with_provenance(bundle: Bundle, provenance: crate::merge::Provenance) -> Self {
        let mut data = Dataset::new(bundle);
        data.provenance = provenance;
        data
    }

    /// How many bundles this data came from (0 for one loaded on its own).
    pub fn source_count(&self) -> usize {
        self.provenance.sources.len()
    }

    pub fn event(&self, id: &str) -> Option<(u32, &Event)> {
        let &i = self.index.event_by_id.get(id)?;
        Some((i, &self.bundle.events[i as usize]))
    }
    pub fn talk(&self, id: &str) -> Option<(u32, &Talk)> {
        let &i = self.index.talk_by_id.get(id)?;
        Some((i, &self.bundle.talks[i as usize]))
    }
    pub fn report(&self, id: &str) -> Option<(u32, &Report)> {
        let &i = self.index.report_by_id.get(id)?;
        Some((i, &self.bundle.reports[i as usize]))
    }
    pub fn person(&self, id: &str) -> Option<(u32, &Person)> {
        let &i = self.index.person_by_id.get(id)?;
        Some((i, &self.bundle.people[i as usize]))
    }
    pub fn project(&self, id: &str) -> Option<(u32, &Project)> {
        let &i = self.index.project_by_id.get(id)?;
        Some((i, &self.bundle.projects[i as usize]))
    }
    pub fn place(&self, id: &str) -> Option<(u32, &Place)> {
        let &i = self.index.place_by_id.get(id)?;
        Some((i, &self.bundle.places[i as usize]))
    }
    pub fn series(&self, id: &str) -> Option<(u32, &Series)> {
        let &i = self.index.series_by_id.get(id)?;
        Some((i, &self.bundle.series[i as usize]))
    }
    pub fn venue(&self, id: &str) -> Option<(u32, &Venue)> {
        let &i = self.index.venue_by_id.get(id)?;
        Some((i, &self.bundle.venues[i as usize]))
    }

    /// The talk's event; the loader guarantees it exists.
    pub fn event_of_talk(&self, talk: &Talk) -> Option<&Event> {
        self.event(&talk.event).map(|(_, e)| e)
    }

    /// The event of the talk in row `t`, without hashing its id.
    pub fn event_of_talk_row(&self, t: u32) -> Option<&Event> {
        let e = self.index.talk_event(t)?;
        self.bundle.events.get(e as usize)
    }

    /// "Dublin, Ireland" for an event, or "Online", or None when unknown.
    pub fn event_location(&self, event: &Event) -> Option<String> {
        match event.place.as_deref().and_then(|p| self.place(p)) {
            Some((_, p)) => Some(format!("{}, {}", p.city, p.country)),
            None if event.online => Some("Online".into()),
            None => None,
        }
    }

    /// Names of a talk's speakers, in order.
    pub fn speaker_names(&self, talk: &Talk) -> Vec<&str> {
        talk.speakers
            .iter()
            .filter_map(|s| self.person(s))
            .map(|(_, p)| p.name.as_str())
            .collect()
    }
}

impl Index {
    /// The row of talk `t`'s event, when it has one.
    pub fn talk_event(&self, t: u32) -> Option<u32> {
        self.event_of_talk
            .get(t as usize)
            .copied()
            .filter(|&e| e != NO_ROW)
    }
}

fn talk_sort_key(b: &Bundle, ix: &Index, t: u32) -> (i64, i64, u32) {
    let talk = &b.talks[t as usize];
    let event_start = ix
        .talk_event(t)
        .map_or(0, |e| b.events[e as usize].start.key());
    let when = talk
        .start
        .map(|s| s.unix_seconds())
        .or_else(|| talk.day().map(|d| d.days_since_epoch() * 86_400));
    (event_start, when.unwrap_or(i64::MIN), t)
}

fn push_unique(list: &mut Vec<u32>, v: u32) {
    if !list.contains(&v) {
        list.push(v);
    }
}

/// For lists filled in one pass over the items, where item `v` is pushed only while it is the
/// one being visited: a repeat can only be the last entry. `push_unique`'s scan made
/// `talks_of_person` quadratic in a speaker's talks (a tenth of `Dataset::new` at 100k).
fn push_new(list: &mut Vec<u32>, v: u32) {
    if list.last() != Some(&v) {
        list.push(v);
    }
}

#[cfg(test)]
mod tests {
    use super::IdMap;
    use crate::model::Shared;

    #[test]
    fn id_map_finds_every_row_and_nothing_else() {
        let ids: Vec<Shared> = (0..5000).map(|i| format!("talk-{i}").into()).collect();
        let map = IdMap::new(ids.iter());
        assert_eq!(map.len(), 5000);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(map.get(id), Some(&(i as u32)), "{id}");
        }
        for missing in ["", "talk-", "talk-5000", "talk-10", "Talk-1"] {
            assert_eq!(map.get(missing).is_some(), ids.iter().any(|i| i == missing));
        }
        assert!(map.contains_key("talk-4999"));
    }

    #[test]
    fn id_map_keeps_the_last_of_repeated_ids_like_a_collected_map() {
        let ids: Vec<Shared> = ["a", "b", "a", "", "ab"].map(Shared::from).into();
        let map = IdMap::new(ids.iter());
        assert_eq!(map.get("a"), Some(&2));
        assert_eq!(map.get("b"), Some(&1));
        assert_eq!(map.get(""), Some(&3));
        assert_eq!(map.get("ab"), Some(&4));
        assert_eq!(map.len(), 4);
        assert!(IdMap::default().get("a").is_none());
    }
}
