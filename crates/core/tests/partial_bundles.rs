//! Partial bundles: with K of 500 records corrupted, exactly 500 - K load and exactly K problems
//! are reported, one per corrupted record, each with its JSON path. Also keeps the e2e fixture
//! `tests/e2e/fixtures/partial-10.json` equal to what the generator makes.

#[path = "partial/generate.rs"]
mod generate;

use hallway_core::{load, Bundle, Outcome};

fn records(b: &Bundle) -> usize {
    b.projects.len()
        + b.places.len()
        + b.venues.len()
        + b.series.len()
        + b.events.len()
        + b.people.len()
        + b.talks.len()
        + b.reports.len()
}

#[test]
fn the_clean_bundle_has_500_records_and_no_problems() {
    let loaded = load(&generate::to_bytes(&generate::clean())).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(records(&loaded.bundle), generate::RECORDS);
}

#[test]
fn k_corrupted_records_are_skipped_with_one_problem_each() {
    for k in [1, 10, 100] {
        let (bundle, mut expected) = generate::corrupted(k);
        let loaded = load(&generate::to_bytes(&bundle)).unwrap();
        assert_eq!(records(&loaded.bundle), generate::RECORDS - k, "K={k}");
        assert_eq!(loaded.problems.len(), k, "K={k}: {:#?}", loaded.problems);
        let mut got: Vec<String> = loaded
            .problems
            .iter()
            .map(|p| {
                assert_eq!(p.outcome, Outcome::Skipped, "{p}");
                assert!(p.line > 1 && p.column >= 1, "{p}");
                // The record's path, without the field the problem names.
                p.path[..=p.path.find(']').expect("a record path")].to_string()
            })
            .collect();
        got.sort();
        expected.sort();
        assert_eq!(
            got, expected,
            "K={k}: each corrupted record, and only those"
        );
    }
}

#[test]
fn each_kind_of_corruption_names_its_field() {
    let (bundle, _) = generate::corrupted(5);
    let loaded = load(&generate::to_bytes(&bundle)).unwrap();
    let mut paths: Vec<&str> = loaded.problems.iter().map(|p| p.path.as_str()).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "people[5].id",
            "places[1].lat",
            "talks[10].event",
            "talks[15].start",
            "talks[5].title"
        ]
    );
}

#[test]
fn the_e2e_fixture_is_the_generated_k10_bundle() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/e2e/fixtures/partial-10.json"
    );
    let fresh = generate::to_bytes(&generate::corrupted(10).0);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &fresh).unwrap();
    }
    let committed = std::fs::read(path).expect("create it with UPDATE_SNAPSHOTS=1");
    assert!(
        committed == fresh,
        "partial-10.json is stale; rerun with UPDATE_SNAPSHOTS=1"
    );
}
