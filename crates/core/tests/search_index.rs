//! The split form's search index: a split bundle (texts out of the main document, the index
//! fetched chunk by chunk) finds exactly what the same bundle in one file finds, and the index
//! says which chunks a query needs.

use hallway_core::query::{Filter, QueryIndex, View};
use hallway_core::search_index::{self, build, decode_chunk, decode_dictionary};
use hallway_core::*;
use std::sync::Arc;

struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const WORDS: [&str; 16] = [
    "kernel",
    "kerning",
    "tracing",
    "trace",
    "Düsseldorf",
    "STRASSE",
    "Straße",
    "école",
    "qemu",
    "q",
    "x86",
    "`code`",
    "**bold**",
    "rust",
    "ruby",
    "zebra",
];

/// `talks` talks (every third without an abstract) and 40 reports with bodies, over 5 events.
fn bundle(talks: usize) -> Bundle {
    let mut rng = Lcg(7);
    let mut text = |n: usize| -> String {
        (0..n)
            .map(|_| WORDS[rng.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let events: Vec<_> = (0..5)
        .map(|e| serde_json::json!({"id": format!("e{e}"), "name": format!("Event {e}"), "start": format!("201{e}-01-01")}))
        .collect();
    let talks: Vec<_> = (0..talks)
        .map(|i| {
            let mut t = serde_json::json!({"id": format!("t{i}"), "title": format!("Talk {i} {}", text(2)), "event": format!("e{}", i % 5)});
            if i % 3 != 0 {
                t["abstract"] = text(12).into();
            }
            t
        })
        .collect();
    let reports: Vec<_> = (0..40)
        .map(|i| serde_json::json!({"id": format!("r{i}"), "title": format!("Report {i}"), "url": "https://example.org/", "published": "2015-01-01", "events": [format!("e{}", i % 5)], "body": text(30)}))
        .collect();
    let json = serde_json::json!({"format": "hallway-bundle", "version": "1.0", "title": "t",
        "events": events, "talks": talks, "reports": reports});
    let loaded = load(json.to_string().as_bytes()).expect("loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.bundle
}

fn ids(q: &QueryIndex, view: View, text: &str) -> Vec<u32> {
    q.items(&Filter {
        view,
        text: text.into(),
        ..Filter::default()
    })
}

const QUERIES: [&str; 12] = [
    "kern",
    "k",
    "dusseldorf",
    "strasse",
    "ECOLE",
    "trac ker",
    "q",
    "qe",
    "x8",
    "code",
    "bold rust",
    "talk zeb",
];

#[test]
fn a_split_bundle_with_its_chunks_finds_what_the_single_file_finds() {
    let whole = bundle(600);
    let built = build(&whole);
    let single = QueryIndex::new(&Arc::new(Dataset::new(whole.clone())));
    let mut main = whole;
    for t in &mut main.talks {
        t.r#abstract = None;
    }
    for r in &mut main.reports {
        r.body = None;
    }
    let split = QueryIndex::new(&Arc::new(Dataset::new(main)));
    split.set_search_dictionary(decode_dictionary(&built.dictionary_bytes).expect("dictionary"));
    // Before its chunks arrive, the split bundle finds only what the main document holds.
    let before = ids(&split, View::Talks, "dusseldorf").len();
    assert!(before > 0 && before < ids(&single, View::Talks, "dusseldorf").len());
    assert_eq!(split.missing_chunks("dusseldorf").len(), 1);
    for q in QUERIES {
        for c in split.missing_chunks(q) {
            let (_, bytes) = built
                .chunks
                .iter()
                .find(|(f, _)| *f == c.file)
                .expect("chunk");
            split.add_chunk(decode_chunk(bytes).expect("chunk decodes"));
        }
        assert!(split.missing_chunks(q).is_empty(), "{q}");
        for view in [View::Talks, View::Reports, View::Events] {
            assert_eq!(
                ids(&split, view, q),
                ids(&single, view, q),
                "{q} in {view:?}"
            );
        }
    }
    // Sanity: the queries do find abstracts only the chunks hold.
    assert!(ids(&split, View::Talks, "dusseldorf").len() > 100);
}

#[test]
fn a_word_needs_the_chunk_of_its_prefix_and_a_one_letter_word_the_chunk_of_its_letter() {
    let built = build(&bundle(300));
    let d = &built.dictionary;
    let keys = |q: &str| -> Vec<String> {
        d.chunks_for_query(q)
            .into_iter()
            .map(|c| c.key.clone())
            .collect()
    };
    assert_eq!(keys("kerning"), ["ke"]);
    assert_eq!(keys("Düss"), ["du"]);
    // A one-letter word needs only its letter's chunk, which lists every item it reaches.
    assert_eq!(keys("k"), ["k"]);
    assert_eq!(keys("q"), ["q"]);
    assert_eq!(keys("kern TRAC"), ["ke", "tr"]);
    assert!(keys("nothing").is_empty());
    // Chunk names carry their content's hash: a changed chunk gets a new name.
    assert!(d
        .chunks
        .iter()
        .all(|c| c.file.ends_with(".json") && c.file.contains('-')));
    assert_eq!(
        d.chunks.iter().map(|c| c.bytes as usize).sum::<usize>(),
        built.chunks.iter().map(|(_, b)| b.len()).sum::<usize>()
    );
}

#[test]
fn compare_names_a_chunk_that_does_not_match_its_texts() {
    let b = bundle(120);
    let built = build(&b);
    let read = |name: &str| {
        built
            .chunks
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, b)| b.clone())
    };
    assert!(search_index::compare(&built, &built.dictionary_bytes, read).is_empty());
    // The texts changed, the index did not.
    let mut changed = b.clone();
    changed.talks[1].r#abstract = Some("zebra zebra unicorn".into());
    let rebuilt = build(&changed);
    let diff = search_index::compare(&rebuilt, &built.dictionary_bytes, read);
    assert!(
        diff.iter()
            .any(|d| d.starts_with("the dictionary does not match")),
        "{diff:?}"
    );
    assert!(diff.iter().any(|d| d.contains("is missing")), "{diff:?}");
    assert!(decode_dictionary(b"{\"format\":\"x\"}").is_err());
    // A dictionary of another main document is refused, not used with the wrong positions.
    assert!(built.dictionary.check(&b).is_ok());
    let mut fewer = b.clone();
    fewer.talks.pop();
    let e = built.dictionary.check(&fewer).unwrap_err();
    assert!(
        e.contains("built for 120 talks and 40 reports, the bundle has 119 and 40"),
        "{e}"
    );
    assert!(
        decode_chunk(br#"{"format":"nope","version":"1.0","key":"a","terms":{}}"#)
            .unwrap_err()
            .contains("hallway-search-chunk")
    );
}
