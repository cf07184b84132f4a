//! The merge rules on small bundles written inline.

use super::*;
use crate::Dataset;

fn part(url: &str, json: &str) -> Part {
    let loaded = load_part(json.as_bytes(), &LoadOptions::default()).expect("loads");
    Part {
        url: url.into(),
        href: url.into(),
        loaded,
    }
}

fn bundle(title: &str, body: &str) -> String {
    format!(r#"{{"format":"hallway-bundle","version":"1.0","title":"{title}",{body}}}"#)
}

const EVENT: &str = r#"{"id":"kvm-forum-2014","name":"KVM Forum 2014","start":"2014-10-14","end":"2014-10-16","place":"dusseldorf"}"#;
const PLACE: &str =
    r#"{"id":"dusseldorf","city":"Düsseldorf","country":"Germany","country_code":"DE"}"#;

fn a() -> String {
    bundle(
        "A",
        &format!(
            r#""places":[{PLACE}],"events":[{EVENT}],
            "talks":[{{"id":"t1","title":"Talk one","event":"kvm-forum-2014"}}],
            "reports":[{{"id":"ra","title":"Report A","published":"2014-10-20","events":["kvm-forum-2014"]}}]"#
        ),
    )
}

fn b() -> String {
    bundle(
        "B",
        &format!(
            r#""places":[{PLACE}],"events":[{EVENT}],
            "reports":[{{"id":"rb","title":"Report B","published":"2014-10-21","events":["kvm-forum-2014"]}}]"#
        ),
    )
}

fn messages(m: &Merged) -> Vec<String> {
    m.problems.iter().map(|p| m.describe(p)).collect()
}

#[test]
fn identical_records_are_one_entity_from_both_sources() {
    let m = merge(vec![part("a.json", &a()), part("b/b.json", &b())]);
    assert!(m.problems.is_empty(), "{:?}", messages(&m));
    assert_eq!(m.bundle.events.len(), 1);
    assert_eq!(m.bundle.places.len(), 1);
    assert_eq!(m.bundle.reports.len(), 2);
    assert_eq!(m.bundle.title, "A + B");
    assert_eq!(m.provenance.events, [0b11]);
    assert_eq!(m.provenance.reports, [0b01, 0b10]);
    let data = Dataset::with_provenance(m.bundle, m.provenance);
    let (e, _) = data.event("kvm-forum-2014").unwrap();
    assert_eq!(data.index.reports_of_event[e as usize].len(), 2);
    assert_eq!(data.source_count(), 2);
}

#[test]
fn conflicting_fields_name_both_sources_and_the_path_and_the_first_wins() {
    let other = b().replace(
        r#""name":"KVM Forum 2014""#,
        r#""name":"KVM Forum Düsseldorf""#,
    );
    let m = merge(vec![part("a.json", &a()), part("b.json", &other)]);
    assert_eq!(m.bundle.events[0].name, "KVM Forum 2014");
    let shown = messages(&m);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(
        shown[0],
        "B (b.json): events[0].name: disagrees with A (a.json) about the same record: \"KVM Forum Düsseldorf\" here, \"KVM Forum 2014\" there; the first bundle's value is kept (record kept without it)"
    );
    assert_eq!(m.provenance.events, [0b11]);
}

#[test]
fn a_reference_into_the_other_bundle_resolves() {
    // B lists neither the event nor the talk its report and talk point at: A does.
    let other = bundle(
        "B",
        r#""talks":[{"id":"t2","title":"Talk two","event":"kvm-forum-2014","speakers":["ann"]}],
           "people":[{"id":"ann","name":"Ann"}],
           "reports":[{"id":"rb","title":"Report B","published":"2014-10-21","talks":["t1"]}]"#,
    );
    let m = merge(vec![part("a.json", &a()), part("b.json", &other)]);
    assert!(m.problems.is_empty(), "{:?}", messages(&m));
    let data = Dataset::with_provenance(m.bundle, m.provenance);
    let (t1, _) = data.talk("t1").unwrap();
    let (rb, _) = data.report("rb").unwrap();
    assert_eq!(data.index.reports_of_talk[t1 as usize], [rb]);
    let (e, _) = data.event("kvm-forum-2014").unwrap();
    assert_eq!(data.index.talks_of_event[e as usize].len(), 2);
}

#[test]
fn a_reference_found_in_no_bundle_names_its_own_bundle_and_record() {
    let other = bundle(
        "B",
        r#""talks":[{"id":"t2","title":"Talk two","event":"no-such-event"},
                   {"id":"t3","title":"Talk three","event":"kvm-forum-2014"}]"#,
    );
    let m = merge(vec![part("a.json", &a()), part("b.json", &other)]);
    let shown = messages(&m);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].starts_with("B (b.json): talks[0].event: unknown event \"no-such-event\""),
        "{shown:?}"
    );
    // The skipped talk does not shift the others' provenance.
    assert_eq!(
        m.bundle.talks.iter().map(|t| &t.id).collect::<Vec<_>>(),
        ["t1", "t3"]
    );
    assert_eq!(m.provenance.talks, [0b01, 0b10]);
}

#[test]
fn the_same_id_in_two_collections_is_two_records() {
    let other = bundle(
        "B",
        r#""projects":[{"id":"kvm-forum-2014","name":"A project named like the event"}]"#,
    );
    let m = merge(vec![part("a.json", &a()), part("b.json", &other)]);
    assert!(m.problems.is_empty(), "{:?}", messages(&m));
    assert_eq!(m.bundle.projects.len(), 1);
    assert_eq!(m.bundle.events.len(), 1);
}

#[test]
fn reports_keep_their_provenance_in_the_dataset() {
    let m = merge(vec![
        part("https://a.example/data/a.json", &a()),
        part("https://b.example/b.json", &b()),
    ]);
    let data = Dataset::with_provenance(m.bundle, m.provenance);
    let (rb, _) = data.report("rb").unwrap();
    let from = data.provenance.of_report(rb);
    assert_eq!(
        from,
        [&SourceInfo {
            title: "B".into(),
            url: "https://b.example/b.json".into(),
            href: "https://b.example/b.json".into()
        }]
    );
}

#[test]
fn shard_lists_are_resolved_against_each_bundle_and_indexes_move() {
    let split = |title: &str, talk: &str| {
        bundle(
            title,
            &format!(
                r#""places":[{PLACE}],"events":[{EVENT}],"texts":{{"shards":["texts-0.json","texts-1.json"]}},
                "talks":[{{"id":"{talk}","title":"T","event":"kvm-forum-2014","text_shard":1}}]"#
            ),
        )
    };
    let m = merge(vec![
        part("https://a.example/data/bundle.json", &split("A", "ta")),
        part("https://b.example/x/y/bundle.json?v=2", &split("B", "tb")),
    ]);
    assert!(m.problems.is_empty(), "{:?}", messages(&m));
    assert_eq!(
        m.bundle.texts.unwrap().shards,
        [
            "https://a.example/data/texts-0.json",
            "https://a.example/data/texts-1.json",
            "https://b.example/x/y/texts-0.json",
            "https://b.example/x/y/texts-1.json",
        ]
    );
    let shards: Vec<_> = m.bundle.talks.iter().map(|t| t.text_shard).collect();
    assert_eq!(shards, [Some(1), Some(3)]);
}

#[test]
fn a_text_in_a_shard_is_no_disagreement_with_the_same_text_inline() {
    let inline = bundle(
        "A",
        &format!(
            r#""places":[{PLACE}],"events":[{EVENT}],"talks":[{{"id":"t","title":"T","event":"kvm-forum-2014","abstract":"Text"}}]"#
        ),
    );
    let split = bundle(
        "B",
        &format!(
            r#""places":[{PLACE}],"events":[{EVENT}],"texts":{{"shards":["s.json"]}},"talks":[{{"id":"t","title":"T","event":"kvm-forum-2014","text_shard":0}}]"#
        ),
    );
    let m = merge(vec![part("a.json", &inline), part("b.json", &split)]);
    assert!(m.problems.is_empty(), "{:?}", messages(&m));
    assert_eq!(m.bundle.talks[0].r#abstract.as_deref(), Some("Text"));
}

#[test]
fn relative_references_resolve_like_links() {
    let cases = [
        (
            "https://a.example/data/bundle.json",
            "texts-0.json",
            "https://a.example/data/texts-0.json",
        ),
        (
            "https://a.example/data/bundle.json",
            "../t/x.json",
            "https://a.example/t/x.json",
        ),
        (
            "https://a.example/data/bundle.json",
            "/t/x.json",
            "https://a.example/t/x.json",
        ),
        (
            "https://a.example/data/bundle.json",
            "//b.example/x.json",
            "https://b.example/x.json",
        ),
        (
            "https://a.example/data/bundle.json",
            "https://c.example/y",
            "https://c.example/y",
        ),
        ("https://a.example", "x.json", "https://a.example/x.json"),
        (
            "out/site/bundle.json",
            "texts/0.json",
            "out/site/texts/0.json",
        ),
        ("bundle.json", "./texts/0.json", "texts/0.json"),
        ("a/b.json", "../../c.json", "../c.json"),
    ];
    for (base, reference, want) in cases {
        assert_eq!(resolve(base, reference), want, "{base} + {reference}");
    }
}

#[test]
fn each_bundle_s_own_problems_name_it() {
    let broken = bundle(
        "B",
        r#""events":[{"id":"e","name":"E","start":"2014-10-14","end":"2014-10-01"}]"#,
    );
    let m = merge(vec![part("a.json", &a()), part("b.json", &broken)]);
    let shown = messages(&m);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].starts_with("B (b.json): events[0].end:"),
        "{shown:?}"
    );
    assert!(shown[0].contains("line 1, column"), "{shown:?}");
}

#[test]
fn the_source_facet_counts_and_filters_by_bundle() {
    use crate::query::{Facet, Filter, QueryIndex, View};
    let m = merge(vec![part("a.json", &a()), part("b/b.json", &b())]);
    let data = std::sync::Arc::new(Dataset::with_provenance(m.bundle, m.provenance));
    let q = QueryIndex::new(&data);
    let reports = Filter::for_view(View::Reports);
    let counts = |f: &Filter| -> Vec<(String, String, u32)> {
        q.run(f).facets[Facet::Source.index()]
            .values()
            .map(|v| (v.key.to_string(), v.label.to_string(), v.count))
            .collect()
    };
    assert_eq!(
        counts(&reports),
        [
            ("a.json".into(), "A".into(), 1),
            ("b/b.json".into(), "B".into(), 1)
        ]
    );
    let (only_b, notices) = Filter::from_query("view=reports&source=b%2Fb.json", &q);
    assert!(notices.is_empty(), "{notices:?}");
    let items = q.items(&only_b);
    assert_eq!(items.len(), 1);
    assert_eq!(data.bundle.reports[items[0] as usize].id, "rb");
    assert_eq!(only_b.to_query(), "view=reports&source=b/b.json");
    // The event both bundles describe counts under each.
    let events = counts(&Filter::for_view(View::Events));
    assert_eq!(events.iter().map(|c| c.2).collect::<Vec<_>>(), [1, 1]);
    // One bundle loaded on its own has no sources.
    let alone = std::sync::Arc::new(Dataset::new(crate::load(a().as_bytes()).unwrap().bundle));
    assert!(QueryIndex::new(&alone).run(&reports).facets[Facet::Source.index()].is_empty());
}
