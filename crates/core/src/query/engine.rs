//! Answering a [`Filter`]: matching items in order, facet counts and relaxations for empty results.

use super::bitset::Bitset;
use super::build::SearchBuild;
use super::counts::FacetCounts;
use super::search::TextIndex;
use super::{Facet, Filter, Sort, View};
use crate::date::Date;
use crate::shared::Shared;
use crate::text::fold;
use std::sync::{Arc, OnceLock};

/// Lists in compressed-row form: row `i` is `vals[offsets[i]..offsets[i+1]]`, sorted, distinct.
///
/// Once built, a table whose rows hold at most one value each (a talk's city, year, series or
/// track) is [`Csr::compact`]ed: `offsets` is dropped and `vals` holds each row's value or
/// [`NONE`], half the memory (at 100,000 talks, 400 KB per such facet) and one read per row.
/// A table with no values at all keeps neither.
#[derive(Debug, Default)]
pub(super) struct Csr {
    offsets: Vec<u32>,
    vals: Vec<u32>,
}

/// A compacted row without a value.
const NONE: u32 = u32::MAX;

impl Csr {
    /// An empty table with room for `rows` rows.
    pub(super) fn with_rows(rows: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Csr {
            offsets,
            vals: Vec::new(),
        }
    }

    /// Appends the next row, sorted and without repeats.
    pub(super) fn push_row(&mut self, vals: impl IntoIterator<Item = u32>) {
        let start = self.vals.len();
        self.vals.extend(vals);
        self.vals[start..].sort_unstable();
        let mut w = start;
        for r in start..self.vals.len() {
            if w == start || self.vals[r] != self.vals[w - 1] {
                self.vals[w] = self.vals[r];
                w += 1;
            }
        }
        self.vals.truncate(w);
        self.offsets.push(self.vals.len() as u32);
    }

    pub(super) fn row(&self, i: u32) -> &[u32] {
        let i = i as usize;
        if self.offsets.is_empty() {
            return match self.vals.get(i) {
                Some(v) if *v != NONE => std::slice::from_ref(v),
                _ => &[],
            };
        }
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.vals[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The same rows in the least memory (see [`Csr`]); read-only from then on.
    pub(super) fn compact(self) -> Csr {
        if self.vals.is_empty() {
            return Csr::default();
        }
        if self.offsets.is_empty() {
            return self; // Compacted already.
        }
        let rows = self.offsets.len() - 1;
        if self.vals.len() > rows || self.offsets.windows(2).any(|w| w[1] - w[0] > 1) {
            // Built by appending: give back the growth room (in place) for what comes next.
            let mut many = self;
            many.vals.shrink_to_fit();
            return many;
        }
        let vals = (0..rows as u32)
            .map(|r| self.row(r).first().copied().unwrap_or(NONE))
            .collect();
        Csr {
            offsets: Vec::new(),
            vals,
        }
    }

    /// The transpose: for each of `n` values, the rows holding it (increasing).
    pub(super) fn invert(&self, n: usize) -> Csr {
        let rows = self.offsets.len().saturating_sub(1) as u32;
        let (offsets, vals) = crate::index::transpose(n, 0..rows, |r| self.row(r));
        Csr { offsets, vals }
    }
}

/// The values of one facet and, per view, which items have which.
#[derive(Debug, Default)]
pub(super) struct FacetTable {
    /// The records' own ids where the values are records (a pointer each, no copy).
    pub(super) keys: Vec<Shared>,
    pub(super) labels: Vec<Arc<str>>,
    pub(super) folded: Vec<Arc<str>>,
    /// Each value's position in label order, so that sorting by label compares integers.
    pub(super) rank: Vec<u32>,
    /// Keys and accepted aliases to value numbers.
    /// foldhash, seeded per process as `IdMap` is: keys come from the bundle.
    pub(super) by_key: foldhash::HashMap<Shared, u32>,
    pub(super) forward: [Csr; 3],
    pub(super) inverted: [Csr; 3],
    /// Per view, the values that have items, in display order, for when nothing else narrows
    /// the counts (the first page a reader sees, every time they clear the filters).
    pub(super) unfiltered: [Vec<u32>; 3],
}

impl FacetTable {
    pub(super) fn push(&mut self, key: Shared, label: &str) {
        let v = self.keys.len() as u32;
        self.keys.push(key.clone());
        self.labels.push(label.into());
        self.folded.push(fold(label).into());
        self.by_key.insert(key, v);
    }

    /// Fills `unfiltered` once `inverted` is built.
    pub(super) fn order_unfiltered(&mut self) {
        for v in 0..3 {
            let count = |val: u32| self.inverted[v].row(val).len();
            let mut values: Vec<u32> = (0..self.keys.len() as u32)
                .filter(|&val| count(val) > 0)
                .collect();
            crate::order::rows_by_key(&mut values, |val| {
                (std::cmp::Reverse(count(val)), self.rank[val as usize])
            });
            self.unfiltered[v] = values;
        }
    }

    /// Fills `rank` once every value is pushed.
    pub(super) fn rank_labels(&mut self) {
        let mut order: Vec<u32> = (0..self.keys.len() as u32).collect();
        crate::order::rows_by(&mut order, &|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            self.folded[a]
                .cmp(&self.folded[b])
                .then_with(|| self.keys[a].cmp(&self.keys[b]))
        });
        self.rank = vec![0; order.len()];
        for (r, v) in order.into_iter().enumerate() {
            self.rank[v as usize] = r as u32;
        }
    }
}

/// Everything needed to answer filters quickly; built once per bundle with [`QueryIndex::new`].
///
/// The search index is the costliest part to build (every word of every text) and no use
/// until a reader searches, so it is built on first need: the first filter with text, or an
/// explicit [`QueryIndex::prepare_search`] (the app calls it when the search box takes the
/// focus, or when the browser is idle after the first rows).
#[derive(Debug)]
pub struct QueryIndex {
    pub(super) sizes: [usize; 3],
    /// The date each item sorts and groups by: an event's start, a talk's day (else its event's
    /// start), a report's publication date.
    pub(super) dates: [Vec<Date>; 3],
    /// First and last day (since the epoch) of each item's period, for the date range.
    pub(super) spans: [Vec<(i64, i64)>; 3],
    /// Items oldest first.
    pub(super) order: [Vec<u32>; 3],
    /// Shared with the [`FacetCounts`] of every result, which read keys and labels from them.
    pub(super) tables: Vec<Arc<FacetTable>>,
    /// The bundle, kept for building the search index.
    pub(super) data: Arc<crate::Dataset>,
    pub(super) text: OnceLock<TextIndex>,
    /// The search index while it is built a slice at a time.
    pub(super) search_build: std::sync::Mutex<Option<SearchBuild>>,
    /// A split bundle's fetched search index (`search_index`): what the long texts, which
    /// are not in memory, add to each query word. Empty for single-file bundles.
    pub(super) full_text: std::sync::RwLock<crate::search_index::FullText>,
}

/// The answer to a filter.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    pub view: View,
    /// Matching items (positions in the view's collection), in the filter's sort order.
    pub items: Vec<u32>,
    /// Items matching everything but the date range, in the same order: the histogram's
    /// background, so that a reader sees what widening the range would bring. `None` when no
    /// range is set, where it would equal `items` (a copy of every item per keystroke for
    /// nothing); read it through [`Results::unranged_items`].
    pub unranged: Option<Vec<u32>>,
    pub facets: Vec<FacetCounts>,
    /// `items.len()`.
    pub total: usize,
}

impl Results {
    /// Items matching everything but the date range (`items` when no range is set).
    pub fn unranged_items(&self) -> &[u32] {
        self.unranged.as_deref().unwrap_or(&self.items)
    }
}

/// What dropping one part of a filter would show.
#[derive(Clone, Debug, PartialEq)]
pub struct Relaxation {
    pub filter: Filter,
    /// "Without Projects: QEMU, KVM", for a button.
    pub description: String,
    pub count: usize,
}

/// A part of a filter that narrows the items.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Facet(Facet),
    Text,
    Range,
}

impl QueryIndex {
    /// The number of items in a view.
    pub fn len(&self, view: View) -> usize {
        self.sizes[view.index()]
    }

    pub fn is_empty(&self) -> bool {
        self.sizes.iter().all(|&s| s == 0)
    }

    /// The date an item sorts and groups by (see the timeline).
    pub fn date_of(&self, view: View, item: u32) -> Option<Date> {
        self.dates[view.index()].get(item as usize).copied()
    }

    /// The search index, for completions; built now if it was not yet (going on from where
    /// [`QueryIndex::prepare_search_within`] left off).
    pub fn text_index(&self) -> &TextIndex {
        self.text.get_or_init(|| {
            let started = self.started_search().take();
            let mut build = started.unwrap_or_else(|| SearchBuild::new(&self.data));
            while !build.step(&self.data, &self.tables, &mut || true) {}
            build.finish()
        })
    }

    /// Builds the search index now, if it is not built yet, so that the first search does not
    /// wait for it.
    pub fn prepare_search(&self) {
        self.text_index();
    }

    /// Builds some of the search index: items are added while `more()` says so, and the next
    /// call goes on from there. True once the index is built. The app calls it from idle
    /// callbacks with their deadline, so that building it never holds the page for long.
    pub fn prepare_search_within(&self, more: &mut dyn FnMut() -> bool) -> bool {
        if self.search_ready() {
            return true;
        }
        let mut slot = self.started_search();
        let build = slot.get_or_insert_with(|| SearchBuild::new(&self.data));
        if !build.step(&self.data, &self.tables, more) {
            return false;
        }
        let Some(build) = slot.take() else {
            return false;
        };
        drop(slot);
        let _ = self.text.set(build.finish());
        true
    }

    /// The search index being built in slices. A panic mid-slice (which poisons the lock) may
    /// have left it half-updated: it is dropped, and the build starts over.
    fn started_search(&self) -> std::sync::MutexGuard<'_, Option<SearchBuild>> {
        self.search_build.lock().unwrap_or_else(|poisoned| {
            let mut slot = poisoned.into_inner();
            *slot = None;
            slot
        })
    }

    /// Sets a split bundle's search dictionary; chunks follow with [`QueryIndex::add_chunk`].
    pub fn set_search_dictionary(&self, d: crate::search_index::Dictionary) {
        if let Ok(mut f) = self.full_text.write() {
            *f = crate::search_index::FullText::new(d);
        }
    }

    /// Adds a fetched chunk of the split bundle's search index.
    pub fn add_chunk(&self, chunk: crate::search_index::Chunk) {
        if let Ok(mut f) = self.full_text.write() {
            f.add(chunk);
        }
    }

    /// The chunks of the split bundle's search index that `query` needs and that are not here:
    /// until they are, [`QueryIndex::run`] finds only what the main document holds.
    pub fn missing_chunks(&self, query: &str) -> Vec<crate::search_index::ChunkRef> {
        self.full_text
            .read()
            .map(|f| f.missing(query))
            .unwrap_or_default()
    }

    /// Whether the search index is built.
    pub fn search_ready(&self) -> bool {
        self.text.get().is_some()
    }

    /// The canonical key of a facet value given as a key or an accepted alias (a country's name
    /// slug), or `None` when the bundle has no such value.
    pub fn resolve(&self, facet: Facet, key: &str) -> Option<&str> {
        let t = &self.tables[facet.index()];
        t.by_key.get(key).map(|&v| &*t.keys[v as usize])
    }

    /// The label of a facet value, by key.
    pub fn label(&self, facet: Facet, key: &str) -> Option<&str> {
        let t = &self.tables[facet.index()];
        t.by_key.get(key).map(|&v| &*t.labels[v as usize])
    }

    /// Matching items, facet counts and the histogram's background for `filter`.
    pub fn run(&self, filter: &Filter) -> Results {
        let v = filter.view.index();
        let parts = self.parts(filter);
        let and_except = |skip: Option<Part>| {
            let mut acc = Bitset::full(self.sizes[v]);
            for (p, set) in &parts {
                if Some(*p) != skip {
                    acc.and_with(set);
                }
            }
            acc
        };
        let unranged_set = and_except(Some(Part::Range));
        let ranged = parts.iter().find(|(p, _)| *p == Part::Range).map(|(_, r)| {
            let mut m = unranged_set.clone();
            m.and_with(r);
            m
        });
        let matched = ranged.as_ref().unwrap_or(&unranged_set);
        let items = self.in_order(filter, matched);
        let unranged = ranged
            .is_some()
            .then(|| self.in_order(filter, &unranged_set));
        let facets = Facet::ALL
            .iter()
            .map(|&f| {
                if parts.iter().all(|(p, _)| *p == Part::Facet(f)) {
                    return self.unfiltered_facet(filter, f);
                }
                if filter.is_active(f) {
                    self.count_facet(filter, f, &and_except(Some(Part::Facet(f))))
                } else {
                    self.count_facet(filter, f, matched)
                }
            })
            .collect();
        Results {
            view: filter.view,
            total: items.len(),
            items,
            unranged,
            facets,
        }
    }

    /// Only the matching items of `filter`, in its order: what the map and the downloads need,
    /// without the facet counts and the histogram's background that [`QueryIndex::run`] adds.
    pub fn items(&self, filter: &Filter) -> Vec<u32> {
        let mut acc = Bitset::full(self.sizes[filter.view.index()]);
        for (_, set) in self.parts(filter) {
            acc.and_with(&set);
        }
        self.in_order(filter, &acc)
    }

    /// The members of `set` in the filter's sort order.
    fn in_order(&self, filter: &Filter, set: &Bitset) -> Vec<u32> {
        let order = &self.order[filter.view.index()];
        let mut out = Vec::with_capacity(set.count());
        match filter.sort {
            Sort::Oldest => out.extend(order.iter().copied().filter(|&i| set.contains(i))),
            Sort::Newest => out.extend(order.iter().rev().copied().filter(|&i| set.contains(i))),
        }
        out
    }

    /// The number of items `filter` matches, without ordering or facet counts.
    pub fn count(&self, filter: &Filter) -> usize {
        let mut acc = Bitset::full(self.sizes[filter.view.index()]);
        for (_, set) in self.parts(filter) {
            acc.and_with(&set);
        }
        acc.count()
    }

    /// For each active part of `filter`, the filter without it and how many items it matches,
    /// most items first. Offer these when a filter matches nothing.
    pub fn suggest_relaxations(&self, filter: &Filter) -> Vec<Relaxation> {
        let mut out = Vec::new();
        for f in Facet::ALL {
            if filter.is_active(f) {
                let mut relaxed = filter.clone();
                relaxed.clear(f);
                let labels: Vec<String> = filter
                    .selected(f)
                    .iter()
                    .map(|k| self.label(f, k).unwrap_or(k).to_string())
                    .collect();
                let description = format!("Without {}: {}", f.title(), labels.join(", "));
                out.push((relaxed, description));
            }
        }
        if !filter.text.trim().is_empty() {
            let relaxed = Filter {
                text: String::new(),
                ..filter.clone()
            };
            out.push((
                relaxed,
                format!("Without the search “{}”", filter.text.trim()),
            ));
        }
        if let Some(range) = filter.range {
            let relaxed = Filter {
                range: None,
                ..filter.clone()
            };
            out.push((relaxed, format!("Without the dates {range}")));
        }
        let mut out: Vec<Relaxation> = out
            .into_iter()
            .map(|(filter, description)| Relaxation {
                count: self.count(&filter),
                filter,
                description,
            })
            .collect();
        crate::order::by_key(&mut out, |r| std::cmp::Reverse(r.count));
        out
    }

    /// The set of items each active part of the filter allows.
    fn parts(&self, filter: &Filter) -> Vec<(Part, Bitset)> {
        let v = filter.view.index();
        let n = self.sizes[v];
        let mut parts = Vec::new();
        for f in Facet::ALL {
            if !filter.is_active(f) {
                continue;
            }
            let t = &self.tables[f.index()];
            let mut set = Bitset::empty(n);
            for key in filter.selected(f) {
                if let Some(&val) = t.by_key.get(key.as_str()) {
                    set.insert_all(t.inverted[v].row(val));
                }
            }
            parts.push((Part::Facet(f), set));
        }
        // Text without words (spaces, punctuation) filters nothing and needs no index.
        if !super::search::words(&filter.text).is_empty() {
            let kind = match filter.view {
                View::Talks => Some(crate::search_index::Kind::Talks),
                View::Reports => Some(crate::search_index::Kind::Reports),
                View::Events => None,
            };
            let full = self.full_text.read().ok();
            let extra = |word: &str, set: &mut Bitset| {
                if let (Some(f), Some(kind)) = (&full, kind) {
                    f.each_match(word, kind, |ids| set.insert_all(ids));
                }
            };
            if let Some(set) = self.text_index().search_with(v, &filter.text, extra) {
                parts.push((Part::Text, set));
            }
        }
        if let Some(range) = filter.range {
            let (lo, hi) = range.days();
            let mut set = Bitset::empty(n);
            for (i, &(a, b)) in self.spans[v].iter().enumerate() {
                if a <= hi && b >= lo {
                    set.insert(i as u32);
                }
            }
            parts.push((Part::Range, set));
        }
        parts
    }

    /// The selected values of `facet` that the bundle has, sorted.
    fn selected_values(&self, filter: &Filter, facet: Facet) -> Vec<u32> {
        let t = &self.tables[facet.index()];
        let mut out: Vec<u32> = filter
            .selected(facet)
            .iter()
            .filter_map(|k| t.by_key.get(k.as_str()).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Counts when nothing but this facet is active: every item counts, and the order is known.
    fn unfiltered_facet(&self, filter: &Filter, facet: Facet) -> FacetCounts {
        let t = &self.tables[facet.index()];
        let v = filter.view.index();
        let mut entries: Vec<(u32, u32)> = t.unfiltered[v]
            .iter()
            .map(|&val| (val, t.inverted[v].row(val).len() as u32))
            .collect();
        let selected = self.selected_values(filter, facet);
        // Selected values without items here (a year with reports only, in the talks view).
        let mut empty: Vec<u32> = selected
            .iter()
            .copied()
            .filter(|&val| t.inverted[v].row(val).is_empty())
            .collect();
        crate::order::rows_by_key(&mut empty, |val| t.rank[val as usize]);
        entries.extend(empty.into_iter().map(|val| (val, 0)));
        FacetCounts {
            facet,
            table: t.clone(),
            entries,
            selected,
        }
    }

    fn count_facet(&self, filter: &Filter, facet: Facet, base: &Bitset) -> FacetCounts {
        let t = &self.tables[facet.index()];
        let forward = &t.forward[filter.view.index()];
        let inverted = &t.inverted[filter.view.index()];
        let counts: Vec<u32> = if base.count() * 2 > base.capacity() {
            // Most items match: start from every item's values and take away the few that
            // do not, which is what keeps the first keystrokes of a search cheap.
            let mut counts: Vec<u32> = (0..t.keys.len() as u32)
                .map(|val| inverted.row(val).len() as u32)
                .collect();
            for item in base.iter_missing() {
                for &val in forward.row(item) {
                    counts[val as usize] -= 1;
                }
            }
            counts
        } else {
            let mut counts = vec![0u32; t.keys.len()];
            for item in base.iter() {
                for &val in forward.row(item) {
                    counts[val as usize] += 1;
                }
            }
            counts
        };
        let selected = self.selected_values(filter, facet);
        let mut entries: Vec<(u32, u32)> = counts
            .iter()
            .enumerate()
            .map(|(val, &count)| (val as u32, count))
            .filter(|&(val, count)| count > 0 || selected.binary_search(&val).is_ok())
            .collect();
        entries
            .sort_unstable_by_key(|&(val, count)| (std::cmp::Reverse(count), t.rank[val as usize]));
        FacetCounts {
            facet,
            table: t.clone(),
            entries,
            selected,
        }
    }
}

#[cfg(test)]
mod tests;
