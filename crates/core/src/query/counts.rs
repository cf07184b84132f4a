//! A facet's values with their counts, as the facet boxes show them: held as value numbers,
//! made into labelled values only for what is asked for.

use super::engine::FacetTable;
use super::Facet;
use crate::text::fold;
use std::sync::Arc;

/// One value of a facet with the number of items it would show.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetValue {
    /// The value's number within its facet (stable for one `QueryIndex`).
    pub value: u32,
    /// What goes into the filter and the URL.
    pub key: Arc<str>,
    pub label: Arc<str>,
    /// The label folded, for the facet's filter box.
    pub folded: Arc<str>,
    pub count: u32,
    pub selected: bool,
}

/// The values of one facet that have items (or are selected), most items first, then by label.
///
/// Held as value numbers and counts; a [`FacetValue`] (with its key and label) is made only
/// for the values asked for, since a box shows a handful of what may be tens of thousands of
/// speakers, and the counts are redone on every keystroke.
#[derive(Clone)]
pub struct FacetCounts {
    pub facet: Facet,
    pub(super) table: Arc<FacetTable>,
    /// (value, count) in display order.
    pub(super) entries: Vec<(u32, u32)>,
    /// The selected values, sorted.
    pub(super) selected: Vec<u32>,
}

impl FacetCounts {
    /// The number of values.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every value, in display order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = FacetValue> + '_ {
        self.entries.iter().map(|&e| self.value(e))
    }

    /// The `i`th value in display order.
    pub fn get(&self, i: usize) -> Option<FacetValue> {
        self.entries.get(i).map(|&e| self.value(e))
    }

    /// The first `n` values, plus any selected value beyond them (a reader must always see and
    /// be able to remove what they chose).
    pub fn top(&self, n: usize) -> Vec<FacetValue> {
        let mut out: Vec<FacetValue> = self
            .entries
            .iter()
            .take(n)
            .map(|&e| self.value(e))
            .collect();
        if !self.selected.is_empty() {
            out.extend(
                self.entries
                    .iter()
                    .skip(n)
                    .filter(|(val, _)| self.is_selected(*val))
                    .map(|&e| self.value(e)),
            );
        }
        out
    }

    /// The values whose label contains `needle`, folded (for the facet's filter box).
    pub fn matching(&self, needle: &str) -> Vec<FacetValue> {
        let needle = fold(needle.trim());
        self.entries
            .iter()
            .filter(|(val, _)| self.table.folded[*val as usize].contains(needle.as_str()))
            .map(|&e| self.value(e))
            .collect()
    }

    fn is_selected(&self, val: u32) -> bool {
        self.selected.binary_search(&val).is_ok()
    }

    fn value(&self, (val, count): (u32, u32)) -> FacetValue {
        let (t, i) = (&self.table, val as usize);
        FacetValue {
            value: val,
            key: t.keys[i].0.clone(),
            label: t.labels[i].clone(),
            folded: t.folded[i].clone(),
            count,
            selected: self.is_selected(val),
        }
    }
}

/// Equal when they list the same values with the same counts (from either index of a bundle).
impl PartialEq for FacetCounts {
    fn eq(&self, other: &Self) -> bool {
        self.facet == other.facet
            && self.entries == other.entries
            && self.values().eq(other.values())
    }
}

impl std::fmt::Debug for FacetCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FacetCounts")
            .field("facet", &self.facet)
            .field("values", &self.values().collect::<Vec<_>>())
            .finish()
    }
}
