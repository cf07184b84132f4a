//! Loader tests: document-level failures, per-record problems with paths, and the demo bundle.

use super::*;

fn demo() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/bundle.json"
    ))
    .unwrap()
}

fn minimal(extra: &str) -> String {
    format!(r#"{{"format":"hallway-bundle","version":"1.0","title":"t"{extra}}}"#)
}

#[test]
fn demo_bundle_loads_cleanly() {
    let loaded = load(&demo()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.bundle.talks.len(), 1);
    assert_eq!(loaded.bundle.reports.len(), 3);
}

#[test]
fn a_bom_is_tolerated() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(demo());
    assert!(load(&bytes).is_ok());
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err = load(b"{\n  \"format\": \"hallway-bundle\",\n  \"version\": 1.0.0\n}").unwrap_err();
    match err {
        LoadError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 17)),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("line 3, column 17"));
}

#[test]
fn other_json_is_not_a_bundle() {
    for doc in [
        "[]",
        "42",
        "\"x\"",
        "{}",
        r#"{"format":"geojson"}"#,
        r#"{"format":"hallway-bundle"}"#,
    ] {
        assert!(
            matches!(load(doc.as_bytes()), Err(LoadError::NotABundle { .. })),
            "{doc}"
        );
    }
}

#[test]
fn a_newer_major_version_is_refused_naming_both() {
    let err = load(br#"{"format":"hallway-bundle","version":"2.0","title":"t"}"#).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("2.0") && msg.contains("1.0"), "{msg}");
}

#[test]
fn a_newer_minor_version_loads_with_a_notice() {
    let loaded =
        load(br#"{"format":"hallway-bundle","version":"1.7","title":"t","future":{"x":1}}"#)
            .unwrap();
    assert_eq!(loaded.notices.len(), 1);
}

#[test]
fn oversize_bundles_are_refused_before_parsing() {
    let opts = LoadOptions {
        max_bytes: 10,
        ..LoadOptions::default()
    };
    assert!(matches!(
        load_with(&demo(), &opts),
        Err(LoadError::TooLarge { .. })
    ));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let start = std::time::Instant::now();
    assert!(load(doc.as_bytes()).is_err());
    // Deep inside a collection, only that record is lost.
    let nested = minimal(&format!(
        r#","talks":[{}{}]"#,
        "[".repeat(depth),
        "]".repeat(depth)
    ));
    let loaded = load(nested.as_bytes()).unwrap();
    assert!(loaded.problems[0].path.starts_with("talks[0]"));
    assert!(start.elapsed().as_secs() < 2);
}

#[test]
fn one_bad_record_is_skipped_with_its_path() {
    let doc = minimal(
        r#","places":[{"id":"p","city":"C","country":"X"}],
        "events":[{"id":"e","name":"E","start":"2014-10-13","place":"p"}],
        "talks":[{"id":"ok","title":"T","event":"e"},
                 {"id":"bad","title":"T","event":"kvm-forum-2041"},
                 {"id":"typed","title":7,"event":"e"}]"#,
    );
    let loaded = load(doc.as_bytes()).unwrap();
    assert_eq!(loaded.bundle.talks.len(), 1);
    let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["talks[1].event", "talks[2].title"]);
    assert!(loaded.problems[0]
        .to_string()
        .starts_with(r#"talks[1].event: unknown event "kvm-forum-2041""#));
    assert_eq!(loaded.problems[0].line, 4);
}

#[test]
fn duplicate_ids_keep_the_first() {
    let doc = minimal(r#","projects":[{"id":"q","name":"First"},{"id":"q","name":"Second"}]"#);
    let loaded = load(doc.as_bytes()).unwrap();
    assert_eq!(loaded.bundle.projects.len(), 1);
    assert_eq!(loaded.bundle.projects[0].name, "First");
    assert_eq!(loaded.problems[0].path, "projects[1].id");
}

#[test]
fn dangling_list_references_are_removed_with_a_hint() {
    let doc = minimal(
        r#","projects":[{"id":"qemu","name":"QEMU"}],
        "events":[{"id":"e","name":"E","start":"2014-10-13","projects":["qmeu","qemu"]}]"#,
    );
    let loaded = load(doc.as_bytes()).unwrap();
    assert_eq!(loaded.bundle.events[0].projects, ["qemu"]);
    assert_eq!(loaded.problems[0].path, "events[0].projects[0]");
    assert!(loaded.problems[0].message.contains("did you mean \"qemu\""));
}

#[test]
fn semantic_checks_cover_coordinates_dates_and_ids() {
    let doc = minimal(
        r#","places":[{"id":"p","city":"C","country":"X","lat":91,"lon":0},{"id":"bad id","city":"C","country":"X"}],
        "events":[{"id":"e","name":"E","start":"2014-10-13","end":"2014-10-01"},
                  {"id":"f","name":"F","start":"2014-02-30"}]"#,
    );
    let loaded = load(doc.as_bytes()).unwrap();
    let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "places[0]",
            "places[1].id",
            "events[0].end",
            "events[1].start"
        ]
    );
    assert_eq!(loaded.bundle.places.len(), 1);
    assert_eq!(loaded.bundle.places[0].lat, None);
    assert_eq!(loaded.bundle.events.len(), 1);
    assert_eq!(loaded.bundle.events[0].end, None);
}

#[test]
fn paths_keep_file_indexes_after_skipped_records() {
    let doc = minimal(
        r#","places":[{"id":"p","city":"C","country":"X"}],
        "events":[{"id":"a","name":1,"start":"2014-10-13"},{"id":"b","name":"B","start":"2014-10-13","place":"nowhere"}]"#,
    );
    let loaded = load(doc.as_bytes()).unwrap();
    let paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["events[0].name", "events[1].place"]);
}

#[test]
fn a_collection_of_the_wrong_type_is_ignored_not_fatal() {
    let doc = minimal(r#","talks":{"id":"x"},"projects":[{"id":"q","name":"Q"}]"#);
    let loaded = load(doc.as_bytes()).unwrap();
    assert_eq!(loaded.bundle.projects.len(), 1);
    assert_eq!(loaded.problems[0].path, "talks");
}

#[test]
fn indexes_link_both_ways() {
    let data = crate::Dataset::new(load(&demo()).unwrap().bundle);
    let (ti, talk) = data.talk("tracing-in-the-qemu-emulator").unwrap();
    let (ei, _) = data.event(&talk.event).unwrap();
    assert_eq!(data.index.talks_of_event[ei as usize], [ti]);
    let covering = &data.index.reports_of_talk[ti as usize];
    assert_eq!(
        data.bundle.reports[covering[0] as usize].id,
        "tracing-summit-and-kvm-forum-2014"
    );
    let (pi, _) = data.person("stefan-hajnoczi").unwrap();
    assert_eq!(data.index.talks_of_person[pi as usize], [ti]);
    // Co-location is shown in both directions.
    let (kvm, _) = data.event("kvm-forum-2014").unwrap();
    let (lce, _) = data.event("linuxcon-europe-2014").unwrap();
    assert!(data.index.colocated[kvm as usize].contains(&lce));
}

/// Found by the `bundle` fuzz target: a bad value at the very start of a line inside a record
/// was reported at column 0 (serde_json counts that position as 0); columns are 1-based.
#[test]
fn an_error_at_the_start_of_a_line_inside_a_record_is_at_column_1() {
    let doc = minimal(
        r#","events":[{"id":"e","name":"E","start":"2014-10-13"}],
"talks":[{"id":"t","event":"e","title":"T","speakers":[
{"not":"a string"}]}]"#,
    );
    let loaded = load(doc.as_bytes()).unwrap();
    let p = &loaded.problems[0];
    assert_eq!(p.path, "talks[0].speakers[0]");
    assert_eq!((p.line, p.column), (3, 1), "{p}");
}

#[test]
fn fingerprints_tell_versions_apart_and_repeat() {
    let a = demo();
    let mut b = a.clone();
    let last = b.len() - 2;
    b[last] ^= 1;
    assert_eq!(fingerprint(&a), fingerprint(&a.clone()));
    assert_ne!(fingerprint(&a), fingerprint(&b));
    assert_ne!(fingerprint(b"ab"), fingerprint(b"ba"));
}

/// The one-pass loader must give exactly what the careful loader gives, or step aside.
fn same_as_careful(text: &str) -> Option<Loaded> {
    let options = LoadOptions::default();
    let fast = fast::load(text, &options).unwrap();
    let careful = careful(text, &options).unwrap();
    if let Some(fast) = &fast {
        assert_eq!(fast.bundle, careful.bundle);
        assert_eq!(fast.problems, careful.problems);
        assert_eq!(fast.notices, careful.notices);
    }
    fast
}

#[test]
fn the_one_pass_loader_takes_clean_bundles_and_gives_the_careful_result() {
    let demo = String::from_utf8(demo()).unwrap();
    assert!(same_as_careful(&demo).is_some());
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-bundle.json"
    ))
    .unwrap();
    assert!(same_as_careful(&seed).is_some());
    // A newer minor version still loads in one pass, with its notice.
    let newer = minimal(r#","talks":[]"#).replace("\"1.0\"", "\"1.99\"");
    let loaded = same_as_careful(&newer).expect("one pass");
    assert_eq!(loaded.notices.len(), 1);
}

#[test]
fn the_one_pass_loader_steps_aside_for_every_kind_of_problem() {
    let event = r#"{"id":"e","name":"E","start":"2024-01-01"}"#;
    let cases = [
        // a record of the wrong type
        minimal(r#","talks":[{"id":"t"}]"#),
        // a malformed id, a repeated id
        minimal(&format!(
            r#","events":[{}]"#,
            event.replace("\"e\"", "\"a b\"")
        )),
        minimal(&format!(r#","events":[{event},{event}]"#)),
        // a reference that does not resolve, and one that is repaired
        minimal(r#","talks":[{"id":"t","title":"T","event":"nope"}]"#),
        minimal(&format!(
            r#","events":[{}]"#,
            event.replace("}", r#","projects":["nope"]}"#)
        )),
        // a collection that is not an array, a title that is not a string, no title
        minimal(r#","talks":{}"#),
        minimal("").replace(r#""t""#, "3"),
        r#"{"format":"hallway-bundle","version":"1.0"}"#.to_string(),
        // invalid JSON
        minimal(",").to_string(),
    ];
    for text in &cases {
        assert!(declines(text), "{text}");
    }
}

/// True when the fast path declined, leaving the careful loader to decide.
fn declines(text: &str) -> bool {
    let options = LoadOptions::default();
    matches!(fast::load(text, &options), Ok(None))
}

#[test]
fn the_one_pass_loader_stops_at_the_record_limit() {
    let options = LoadOptions {
        max_records: 2,
        ..LoadOptions::default()
    };
    let talks =
        r#","projects":[{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"c","name":"C"}]"#;
    let text = minimal(talks);
    assert!(matches!(fast::load(&text, &options), Ok(None)));
    assert!(matches!(
        load_with(text.as_bytes(), &options),
        Err(LoadError::TooManyRecords { count: 3, .. })
    ));
    // The bound is restored afterwards: the default applies to the next load.
    assert!(fast::load(&text, &LoadOptions::default())
        .unwrap()
        .is_some());
}

#[test]
fn a_repeated_reference_is_indexed_once() {
    // A speaker named twice on one talk, and a report naming an event and a talk of it: each
    // reverse list holds the item once (the lists are filled in one pass, see `push_new`).
    // So does a project named twice on a talk (the project's page listed the talk twice).
    let doc = minimal(
        r#","events":[{"id":"e","name":"E","start":"2024-01-01"}],
        "projects":[{"id":"x","name":"X"}],
        "people":[{"id":"p","name":"P"}],
        "talks":[{"id":"t","title":"T","event":"e","speakers":["p","p"],"projects":["x","x"]},
                 {"id":"u","title":"U","event":"e","speakers":["p"]}],
        "reports":[{"id":"r","title":"R","url":"https://example.org/r","published":"2024-02-01",
                    "events":["e"],"talks":["t","u","t"]}]"#,
    );
    let data = crate::Dataset::new(load(doc.as_bytes()).unwrap().bundle);
    let (p, _) = data.person("p").unwrap();
    assert_eq!(data.index.talks_of_person[p as usize].len(), 2);
    let (x, _) = data.project("x").unwrap();
    assert_eq!(data.index.talks_of_project[x as usize].len(), 1);
    let (t, _) = data.talk("t").unwrap();
    assert_eq!(data.index.speakers_of_talk[t as usize], [p]);
    assert_eq!(data.index.projects_of_talk[t as usize], [x]);
    let (e, _) = data.event("e").unwrap();
    assert_eq!(data.index.reports_of_event[e as usize], [0]);
    let (t, _) = data.talk("t").unwrap();
    assert_eq!(data.index.reports_of_talk[t as usize], [0]);
    assert_eq!(data.index.talk_event(t), Some(e));
    assert_eq!(data.event_of_talk_row(t).map(|e| e.id.as_str()), Some("e"));
}

/// The streaming loader fed `text` in pieces of `size` bytes.
fn streamed(text: &[u8], size: usize, options: &LoadOptions) -> Result<Option<Loaded>, LoadError> {
    let mut s = StreamLoader::new(options);
    for piece in text.chunks(size.max(1)) {
        s.feed(piece);
    }
    s.finish()
}

#[test]
fn the_streaming_loader_gives_the_one_pass_result_however_the_bytes_arrive() {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-bundle.json"
    ))
    .unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&demo());
    let newer = minimal(r#","talks":[],"later":{"x":[1,"]}"]}"#).replace("\"1.0\"", "\"1.99\"");
    let options = LoadOptions::default();
    for text in [demo(), seed, bom, newer.into_bytes()] {
        let whole = load_clean(&text, &options).unwrap().expect("clean");
        for size in [1, 2, 3, 7, 64, 1000, 65536, text.len()] {
            let s = streamed(&text, size, &options).unwrap().expect("streams");
            assert_eq!(s.bundle, whole.bundle, "pieces of {size}");
            assert_eq!(s.notices, whole.notices);
            assert!(s.problems.is_empty());
        }
        // The fingerprint too does not depend on how the bytes were split.
        let mut f = Fingerprint::new();
        for piece in text.chunks(977) {
            f.update(piece);
        }
        assert_eq!(f.finish(), fingerprint(&text));
    }
}

#[test]
fn the_streaming_loader_steps_aside_where_the_whole_text_path_must_decide() {
    let event = r#"{"id":"e","name":"E","start":"2024-01-01"}"#;
    let cases = [
        // everything the one-pass loader declines
        minimal(r#","talks":[{"id":"t"}]"#),
        minimal(&format!(r#","events":[{event},{event}]"#)),
        minimal(r#","talks":[{"id":"t","title":"T","event":"nope"}]"#),
        minimal(r#","talks":{}"#),
        minimal(r#","talks":null"#),
        minimal("").replace(r#""t""#, "3"),
        r#"{"format":"hallway-bundle","version":"1.0"}"#.to_string(),
        minimal(","),
        // and what only a walk over the top level meets: an escaped or repeated key, a trailing
        // comma, text after the document, a document cut short, invalid UTF-8 in an ignored value
        minimal(r#","t\u0061lks":[]"#),
        minimal(r#","title":"again""#),
        minimal(r#","talks":[],"#),
        minimal(r#","events":[1,]"#),
        minimal("") + " x",
        minimal(r#","events":["#),
        minimal(r#","later":"\xFF""#),
        "[]".to_string(),
    ];
    for text in &cases {
        for size in [1, 5, text.len()] {
            let got = streamed(text.as_bytes(), size, &LoadOptions::default());
            assert!(
                matches!(got, Ok(None)),
                "{text} in pieces of {size}: {got:?}"
            );
        }
    }
    let bad_utf8 = [minimal(r#","later":""#).as_bytes(), b"\xFF\"}"].concat();
    assert!(matches!(
        streamed(&bad_utf8, 4, &LoadOptions::default()),
        Ok(None)
    ));
    // A header the careful loader would refuse is refused here too, with the same error.
    let other = minimal("").replace("hallway-bundle", "something-else");
    assert_eq!(
        streamed(other.as_bytes(), 3, &LoadOptions::default()).unwrap_err(),
        load_clean(other.as_bytes(), &LoadOptions::default()).unwrap_err()
    );
}

#[test]
fn the_streaming_loader_stops_at_the_record_limit() {
    let options = LoadOptions {
        max_records: 2,
        ..LoadOptions::default()
    };
    let event = |i: usize| format!(r#"{{"id":"e{i}","name":"E","start":"2024-01-01"}}"#);
    let two = minimal(&format!(r#","events":[{},{}]"#, event(1), event(2)));
    assert!(streamed(two.as_bytes(), 7, &options).unwrap().is_some());
    let three = minimal(&format!(
        r#","events":[{},{},{}]"#,
        event(1),
        event(2),
        event(3)
    ));
    assert!(streamed(three.as_bytes(), 7, &options).unwrap().is_none());
}

/// Two talks of one event, by one speaker, in one track; then the talks in `extra`.
fn repeating(extra: &str) -> String {
    minimal(&format!(
        r#","places":[{{"id":"p","city":"C","country":"X"}}],
        "people":[{{"id":"ann","name":"Ann"}},{{"id":"bo","name":"Bo"}}],
        "events":[{{"id":"ev","name":"E","start":"2020-01-01","place":"p"}}],
        "talks":[{{"id":"t1","title":"A","event":"ev","track":"Main","speakers":["ann","bo"]}},
                 {{"id":"t2","title":"B","event":"ev","track":"Main","speakers":["ann"]}}{extra}]"#
    ))
}

fn assert_shared(b: &Bundle) {
    use std::sync::Arc;
    let (t1, t2) = (&b.talks[0], &b.talks[1]);
    assert!(Arc::ptr_eq(&t1.event.0, &t2.event.0), "event references");
    assert!(
        Arc::ptr_eq(&t1.event.0, &b.events[0].id.0),
        "a reference and its record's id"
    );
    assert!(
        Arc::ptr_eq(&t1.speakers[0].0, &t2.speakers[0].0),
        "speakers"
    );
    let (a, b2) = (t1.track.as_ref().unwrap(), t2.track.as_ref().unwrap());
    assert!(Arc::ptr_eq(&a.0, &b2.0), "tracks");
    assert_eq!(
        t1.speakers.capacity(),
        2,
        "a short list is kept at its length"
    );
}

#[test]
fn every_loader_decodes_repeated_texts_into_one_allocation() {
    let clean = repeating("");
    let fast = load_clean(clean.as_bytes(), &LoadOptions::default())
        .unwrap()
        .unwrap();
    assert_shared(&fast.bundle);

    let mut s = StreamLoader::new(&LoadOptions::default());
    for piece in clean.as_bytes().chunks(3) {
        s.feed(piece);
    }
    assert_shared(&s.finish().unwrap().unwrap().bundle);

    // A talk with a wrong type sends the text to the careful loader, which skips it.
    let doubtful = repeating(r#",{"id":"t3","title":"C","event":"ev","duration_min":"long"}"#);
    assert!(load_clean(doubtful.as_bytes(), &LoadOptions::default())
        .unwrap()
        .is_none());
    let careful = load(doubtful.as_bytes()).unwrap();
    assert_eq!(careful.problems.len(), 1, "{:?}", careful.problems);
    assert_shared(&careful.bundle);
}
