//! Sorting with one copy of the standard library's sort per element type, not per call site.
//!
//! Every `sort_by` or `sort_by_key` with its own closure is a separate instantiation of the
//! stable sort (its quicksort, drift sort and small sorts: 2-3 KB of wasm each), and the app's
//! wasm carried more than forty of them, about 100 KB. These take the comparison as a `dyn`,
//! so all callers sorting the same element type share one copy. The indirect call costs a few
//! nanoseconds per comparison: the sorts on a hot path (the facet counts of every keystroke,
//! the talks' order while indexing) keep their own `sort_unstable` and do not come here.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`.
pub fn by<T>(items: &mut [T], cmp: &dyn Fn(&T, &T) -> Ordering) {
    items.sort_by(cmp);
}

/// Sorts `items` stably by `key`, computed per comparison (keys here are cheap: a date, a
/// count, a row's rank).
pub fn by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    by(items, &|a, b| key(a).cmp(&key(b)));
}

/// Rows (indexes into a collection) sorted stably by `key` of the row.
pub fn rows_by_key<K: Ord>(rows: &mut [u32], key: impl Fn(u32) -> K) {
    by(rows, &|a, b| key(*a).cmp(&key(*b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_are_stable_and_follow_the_key() {
        let mut rows = vec![5u32, 1, 4, 2, 3, 0];
        let parity_then_nothing = |r: u32| r % 2;
        rows_by_key(&mut rows, parity_then_nothing);
        // Evens first, each group in its original order.
        assert_eq!(rows, [4, 2, 0, 5, 1, 3]);
        let mut words = vec!["bb", "a", "ccc", "dd"];
        by_key(&mut words, |w| std::cmp::Reverse(w.len()));
        assert_eq!(words, ["ccc", "bb", "dd", "a"]);
        by(&mut words, &|a, b| a.cmp(b));
        assert_eq!(words, ["a", "bb", "ccc", "dd"]);
    }
}
