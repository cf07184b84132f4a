//! Sorting with one copy of the standard library's stable sort in the whole program.
//!
//! Every `sort_by` or `sort_by_key` with its own closure is a separate instantiation of the
//! stable sort (its quicksort, drift sort and small sorts: 2-4 KB of wasm each), and the app's
//! wasm carried more than forty of them, about 100 KB. These take the comparison as a `dyn`
//! and sort row numbers (`u32`), then move the items into place along the permutation, so
//! every caller shares one copy of the sort whatever it sorts. The indirect call costs a few
//! nanoseconds per comparison and the permutation one pass over the items: the sorts on a hot
//! path (the facet counts of every keystroke, the talks' order while indexing) keep their own
//! `sort_unstable` and do not come here.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`.
pub fn by<T>(items: &mut [T], cmp: &dyn Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    rows_by(&mut order, &|a, b| {
        cmp(&items[*a as usize], &items[*b as usize])
    });
    permute(items, &mut order);
}

/// Sorts `items` stably by `key`, computed per comparison (keys here are cheap: a date, a
/// count, a row's rank).
pub fn by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    by(items, &|a, b| key(a).cmp(&key(b)));
}

/// Rows (indexes into a collection) sorted stably by `key` of the row.
pub fn rows_by_key<K: Ord>(rows: &mut [u32], key: impl Fn(u32) -> K) {
    rows_by(rows, &|a, b| key(*a).cmp(&key(*b)));
}

/// Rows sorted stably by `cmp`, in place: the program's one stable sort. Rows need no
/// permutation, so callers sorting row numbers come here rather than to [`by`].
#[inline(never)]
pub fn rows_by(rows: &mut [u32], cmp: &dyn Fn(&u32, &u32) -> Ordering) {
    rows.sort_by(cmp);
}

/// Moves `items[order[i]]` to place `i`, following each cycle of the permutation with swaps;
/// a place that is done points at itself.
fn permute<T>(items: &mut [T], order: &mut [u32]) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
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

    proptest::proptest! {
        #[test]
        fn sorting_through_the_permutation_is_the_standard_stable_sort(
            items in proptest::collection::vec((0u8..6, proptest::prelude::any::<u16>()), 0..200)
        ) {
            // Keys repeat, so stability shows: the second field keeps its input order.
            let mut ours = items.clone();
            by_key(&mut ours, |&(k, _)| k);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|&(k, _)| k);
            proptest::prop_assert_eq!(ours, std_sorted);
        }
    }
}
