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

/// Lists of row numbers, one per key, in one flat allocation: list `k` is
/// `vals[offsets[k]..offsets[k + 1]]`. A `Vec` per key cost a header and a heap block each and
/// grew by copying: at 100,000 talks, 26,000 speakers' lists and a fifth of `Dataset::new`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Lists {
    offsets: Vec<u32>,
    vals: Vec<u32>,
}

impl Lists {
    /// Room for `rows` lists, appended with [`Lists::push_distinct`].
    fn with_rows(rows: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Lists {
            offsets,
            vals: Vec::new(),
        }
    }

    /// Appends the next list: `vals` in their order, each once.
    fn push_distinct(&mut self, vals: impl IntoIterator<Item = u32>) {
        let start = self.vals.len();
        for v in vals {
            // Lists this is used for hold a few entries (a talk's speakers): a scan beats a set.
            if !self.vals[start..].contains(&v) {
                self.vals.push(v);
            }
        }
        self.offsets.push(self.vals.len() as u32);
    }

    /// For each of `keys` keys, the items holding it, in the order `items` yields them (see
    /// [`transpose`]).
    fn group<'a>(
        keys: usize,
        items: impl Iterator<Item = u32> + Clone,
        keys_of: impl Fn(u32) -> &'a [u32],
    ) -> Self {
        let (offsets, vals) = transpose(keys, items, keys_of);
        Lists { offsets, vals }
    }

    /// How many lists.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// List `k`, if there is one.
    pub fn get(&self, k: usize) -> Option<&[u32]> {
        let (&a, &b) = (self.offsets.get(k)?, self.offsets.get(k + 1)?);
        self.vals.get(a as usize..b as usize)
    }
}

/// The transpose of `keys_of` over `items`, in compressed-row form (`offsets`, `vals`): for
/// each of `keys` keys, the items whose `keys_of` hold it, in the order `items` yields them.
/// Counted first, so that every list is written in place once. Shared by the dataset's reverse
/// lists and the query index's inverted facet lists.
pub(crate) fn transpose<'a>(
    keys: usize,
    items: impl Iterator<Item = u32> + Clone,
    keys_of: impl Fn(u32) -> &'a [u32],
) -> (Vec<u32>, Vec<u32>) {
    let mut offsets = vec![0u32; keys + 1];
    for i in items.clone() {
        for &k in keys_of(i) {
            offsets[k as usize + 1] += 1;
        }
    }
    for k in 1..offsets.len() {
        offsets[k] += offsets[k - 1];
    }
    let mut next = offsets[..keys].to_vec();
    let mut vals = vec![0u32; offsets[keys] as usize];
    for i in items {
        for &k in keys_of(i) {
            vals[next[k as usize] as usize] = i;
            next[k as usize] += 1;
        }
    }
    (offsets, vals)
}

/// List `k`; a key out of range has an empty list (keys come from the bundle's own rows).
impl std::ops::Index<usize> for Lists {
    type Output = [u32];
    fn index(&self, k: usize) -> &[u32] {
        self.get(k).unwrap_or(&[])
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
    pub talks_of_event: Lists,
    pub reports_of_event: Vec<Vec<u32>>,
    pub colocated: Vec<Vec<u32>>,
    pub events_of_series: Vec<Vec<u32>>,
    pub events_of_place: Vec<Vec<u32>>,
    pub venues_of_place: Vec<Vec<u32>>,
    /// Per person and per project: their talks, by start. Per talk: its speakers and its own
    /// projects (not its event's), as rows, in the talk's order, each once. Resolved here once
    /// so that no later pass (the query index, a row's render) hashes the ids again.
    pub talks_of_person: Lists,
    pub speakers_of_talk: Lists,
    pub projects_of_talk: Lists,
    pub reports_of_talk: Vec<Vec<u32>>,
    pub events_of_project: Vec<Vec<u32>>,
    pub talks_of_project: Lists,
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
            talks_of_event: Lists::default(),
            reports_of_event: vec![Vec::new(); b.events.len()],
            colocated: vec![Vec::new(); b.events.len()],
            events_of_series: vec![Vec::new(); b.series.len()],
            events_of_place: vec![Vec::new(); b.places.len()],
            venues_of_place: vec![Vec::new(); b.places.len()],
            talks_of_person: Lists::default(),
            speakers_of_talk: Lists::default(),
            projects_of_talk: Lists::default(),
            reports_of_talk: vec![Vec::new(); b.talks.len()],
            events_of_project: vec![Vec::new(); b.projects.len()],
            talks_of_project: Lists::default(),
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
        let by_start = keys.iter().map(|k| k.2);
        // In row order, the order the records are in memory; each id hashed once.
        let (mut speakers, mut projects) = (
            Lists::with_rows(b.talks.len()),
            Lists::with_rows(b.talks.len()),
        );
        for talk in &b.talks {
            let row = |map: &IdMap, id: &Shared| map.get(id).copied();
            speakers.push_distinct(
                talk.speakers
                    .iter()
                    .filter_map(|s| row(&ix.person_by_id, s)),
            );
            projects.push_distinct(
                talk.projects
                    .iter()
                    .filter_map(|p| row(&ix.project_by_id, p)),
            );
        }
        let event_of_talk = &ix.event_of_talk;
        ix.talks_of_event = Lists::group(b.events.len(), by_start.clone(), |t| {
            let e = &event_of_talk[t as usize];
            if *e == NO_ROW {
                &[]
            } else {
                std::slice::from_ref(e)
            }
        });
        ix.talks_of_person =
            Lists::group(b.people.len(), by_start.clone(), |t| &speakers[t as usize]);
        ix.talks_of_project = Lists::group(b.projects.len(), by_start, |t| &projects[t as usize]);
        ix.speakers_of_talk = speakers;
        ix.projects_of_talk = projects;
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
    use super::{IdMap, Lists};
    use crate::model::Shared;
    use proptest::prelude::*;

    proptest! {
        /// `group` is the transpose of the rows it is given, in the order the items come: what
        /// a `Vec` per key filled by pushing gave before.
        #[test]
        fn grouped_lists_are_the_pushed_lists(
            rows in prop::collection::vec(prop::collection::vec(0u32..12, 0..4), 0..60),
            keys in 12usize..15,
            reverse in any::<bool>(),
        ) {
            let mut table = Lists::with_rows(rows.len());
            for row in &rows {
                table.push_distinct(row.iter().copied());
            }
            let mut order: Vec<u32> = (0..rows.len() as u32).collect();
            if reverse {
                order.reverse();
            }
            let grouped = Lists::group(keys, order.iter().copied(), |i| &table[i as usize]);
            let mut pushed = vec![Vec::new(); keys];
            for &i in &order {
                let mut seen = Vec::new();
                for &k in &rows[i as usize] {
                    if !seen.contains(&k) {
                        seen.push(k);
                        pushed[k as usize].push(i);
                    }
                }
            }
            prop_assert_eq!(grouped.len(), keys);
            for (k, list) in pushed.iter().enumerate() {
                prop_assert_eq!(&grouped[k], &list[..]);
            }
            prop_assert!(grouped.get(keys).is_none());
            prop_assert!(grouped[keys].is_empty());
        }
    }

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
