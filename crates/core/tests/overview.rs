//! The home page's lead: newest reports, the talks they cover, counts without zeros.

use hallway_core::overview::*;
use hallway_core::{load, Dataset};
use serde_json::{json, Value};

fn demo_json() -> Value {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-bundle.json"
    ))
    .expect("the seed bundle fixture");
    serde_json::from_slice(&bytes).expect("the seed bundle is JSON")
}

fn dataset(v: &Value) -> Dataset {
    let loaded = load(&serde_json::to_vec(v).unwrap()).expect("the bundle loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    Dataset::new(loaded.bundle)
}

fn ids(d: &Dataset, h: &Highlights) -> (Vec<String>, Vec<String>) {
    (
        h.reports
            .iter()
            .map(|&r| d.bundle.reports[r as usize].id.to_string())
            .collect(),
        h.talks
            .iter()
            .map(|&t| d.bundle.talks[t as usize].id.to_string())
            .collect(),
    )
}

#[test]
fn the_newest_reports_lead_with_the_talks_they_cover() {
    let mut v = demo_json();
    // A newer report covering the seed talk again and a second talk; an older one without talks.
    v["talks"].as_array_mut().unwrap().push(json!({
        "id": "second-talk", "title": "Second", "event": "kvm-forum-2014", "speakers": ["stefan-hajnoczi"]
    }));
    let reports = v["reports"].as_array_mut().unwrap();
    reports.push(
        json!({"id": "newest", "title": "Newest", "published": "2016-01-02",
        "talks": ["second-talk", "tracing-in-the-qemu-emulator"]}),
    );
    reports.push(json!({"id": "oldest", "title": "Oldest", "published": "2013-05"}));
    let d = dataset(&v);
    let all = highlights(&d, 10, 10);
    let (reports, talks) = ids(&d, &all);
    assert_eq!(reports.first().map(String::as_str), Some("newest"));
    assert_eq!(reports.last().map(String::as_str), Some("oldest"));
    assert_eq!(reports.len(), d.bundle.reports.len());
    // Each talk once, in the newest report's order first.
    assert_eq!(talks, ["second-talk", "tracing-in-the-qemu-emulator"]);

    let few = highlights(&d, 2, 1);
    let (reports, talks) = ids(&d, &few);
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0], "newest");
    assert_eq!(talks, ["second-talk"]);
    assert_eq!(highlights(&d, 0, 5), Highlights::default());
}

#[test]
fn counts_leave_out_zeros() {
    assert_eq!(
        nonzero_counts(&[(0, "talk", "talks"), (0, "report", "reports")]),
        None
    );
    assert_eq!(
        nonzero_counts(&[(0, "talk", "talks"), (2, "report", "reports")]).as_deref(),
        Some("2 reports")
    );
    assert_eq!(
        nonzero_counts(&[(1, "talk", "talks"), (1_136, "event", "events")]).as_deref(),
        Some("1 talk, 1,136 events")
    );
    let d = dataset(&demo_json());
    let text = holdings(&d).unwrap();
    assert!(text.starts_with("3 reports, 1 talk, "), "{text}");
    let empty = dataset(&json!({"format": "hallway-bundle", "version": "1.0", "title": "Empty"}));
    assert_eq!(holdings(&empty), None);
}

#[test]
fn long_lists_of_names_are_cut_with_a_count() {
    assert_eq!(names_line(&[], 2), "");
    assert_eq!(names_line(&["KVM Forum 2014"], 2), "KVM Forum 2014");
    assert_eq!(names_line(&["A", "B"], 2), "A, B");
    assert_eq!(names_line(&["A", "B", "C", "D"], 2), "A, B and 2 more");
    assert_eq!(names_line(&["A", "B"], 0), "A and 1 more");
}
