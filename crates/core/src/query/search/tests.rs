//! The search index: prefixes, kinds, postings as lists and bitsets, and highlighting.

use super::*;

fn marked<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
    highlight(text, query)
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(r, _)| &text[r])
        .collect()
}

#[test]
fn prefixes_of_every_word_are_required() {
    let k = 0;
    let ix = TextIndex::build(&[3], |b| {
        b.add(k, 0, "Tracing in the QEMU emulator");
        b.add(k, 1, "Tracing the kernel");
        b.add(k, 2, "Düsseldorf, October 2014");
    });
    let ids = |q: &str| ix.search(k, q).map(|s| s.iter().collect::<Vec<_>>());
    assert_eq!(ids("trac"), Some(vec![0, 1]));
    assert_eq!(ids("TRACING qem"), Some(vec![0]));
    assert_eq!(ids("dusseld"), Some(vec![2]));
    assert_eq!(ids("Düsseldorf"), Some(vec![2]));
    assert_eq!(ids("tracing dusseldorf"), Some(vec![]));
    assert_eq!(ids("d"), Some(vec![2]));
    assert_eq!(ids("t e"), Some(vec![0]));
    assert_eq!(ids("t"), Some(vec![0, 1]));
    assert_eq!(ids("x"), Some(vec![]));
    assert_eq!(ids("  ,, "), None);
    assert_eq!(ix.completions("the ker", 5), vec!["kernel"]);
}

#[test]
fn postings_are_stored_without_spare_room() {
    // Wasm memory keeps its peak: the index must not be built by doubling a vector.
    let k = 0;
    let ix = TextIndex::build(&[5000], |b| {
        for id in 0..5000 {
            b.add(k, id, &format!("talk number {id} about tracing"));
        }
    });
    let p = &ix.postings[k];
    // Each number is one talk's: listed. "talk", "number", "about" and "tracing" are in
    // every talk: a bitset each.
    assert_eq!(p.ids.len(), 5000);
    assert_eq!(p.ids.capacity(), p.ids.len());
    assert_eq!(p.dense.len(), 4);
    assert_eq!(p.bits.len(), 4 * 5000usize.div_ceil(64));
    assert_eq!(p.bits.capacity(), p.bits.len());
    assert_eq!(
        ix.search(k, "tracing").map(|s| s.iter().count()),
        Some(5000)
    );
}

#[test]
fn two_passes_count_each_item_once_per_term_and_keep_kinds_apart() {
    let ix = TextIndex::build(&[2, 2], |b| {
        b.add(0, 0, "alpha alpha beta");
        b.add(1, 0, "alpha");
        b.add(0, 1, "Beta");
        b.add(1, 1, "gamma alpha");
    });
    let found = |k: usize, q: &str| ix.search(k, q).map(|s| s.iter().collect::<Vec<_>>());
    assert_eq!(found(0, "alpha"), Some(vec![0]));
    assert_eq!(found(0, "beta"), Some(vec![0, 1]));
    assert_eq!(found(1, "alpha"), Some(vec![0, 1]));
    assert_eq!(found(1, "gam"), Some(vec![1]));
    assert_eq!(found(0, "gam"), Some(vec![]));
    // alpha once for item 0 despite the repeat, beta for both: with two items, every
    // term is dense.
    assert_eq!(ix.postings[0].ids, [0u32; 0]);
    assert_eq!(ix.postings[0].bits, [0b01, 0b11]);
    assert_eq!(ix.term_count(), 3);
}

proptest::proptest! {
    #[test]
    fn listed_and_dense_terms_find_what_a_scan_finds(
        items in proptest::collection::vec(proptest::collection::vec(0usize..12, 0..6), 1..300),
        query in proptest::collection::vec(0usize..12, 1..3),
    ) {
        // Twelve words over up to 300 items: some in most items (bitsets), some rare (lists).
        let word = |w: usize| ["ab", "abc", "b", "ca", "cab", "d", "de", "e", "ea", "f", "fa", "g"][w];
        let texts: Vec<String> =
            items.iter().map(|ws| ws.iter().map(|&w| word(w)).collect::<Vec<_>>().join(" ")).collect();
        let ix = TextIndex::build(&[texts.len()], |b| {
            for (i, t) in texts.iter().enumerate() {
                b.add(0, i as u32, t);
            }
        });
        let q: Vec<&str> = query.iter().map(|&w| word(w)).collect();
        let scan: Vec<u32> = (0..texts.len() as u32)
            .filter(|&i| {
                q.iter().all(|qw| items[i as usize].iter().any(|&w| word(w).starts_with(qw)))
            })
            .collect();
        let found: Vec<u32> = ix.search(0, &q.join(" ")).unwrap().iter().collect();
        proptest::prop_assert_eq!(found, scan);
    }

    #[test]
    fn ascii_words_are_those_of_the_folding_path(text in "[ -~\t\n]{0,60}") {
        let mut fast = Vec::new();
        for_each_word(&text, |w| fast.push(w.to_string()));
        let mut folded = Vec::new();
        for_each_folded_word(&text, |w| folded.push(w.to_string()));
        proptest::prop_assert_eq!(fast, folded);
    }
}

#[test]
fn highlight_maps_folded_matches_to_original_text() {
    assert_eq!(
        marked("Congress Center Düsseldorf", "dussel"),
        vec!["Düssel"]
    );
    assert_eq!(
        marked("Tracing in the QEMU Emulator", "qemu trac"),
        vec!["Trac", "QEMU"]
    );
    assert_eq!(marked("Straße", "stras"), vec!["Straß"]);
    assert_eq!(marked("Du\u{308}sseldorf", "du"), vec!["Du\u{308}"]);
    assert!(marked("nothing here", "qemu").is_empty());
    let spans = highlight("a qemu b", "qemu");
    assert_eq!(spans, vec![(0..2, false), (2..6, true), (6..8, false)]);
    assert_eq!(highlight("", "x"), vec![]);
}
