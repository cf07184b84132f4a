//! A deterministic 500-record bundle and a way to corrupt exactly K of its records, shared by the
//! core test (`partial_bundles.rs`) and the CLI test (`crates/cli/tests/check_partial.rs`).
//!
//! Every corruption is chosen so that it costs exactly one record and one problem: the record is
//! skipped (never repaired), and nothing else refers to it, so no second problem follows from it.

use serde_json::{json, Value};

/// Records in the clean bundle, summed over all collections.
pub const RECORDS: usize = 500;
const PLACES: usize = 50;
const EVENTS: usize = 5;
const PEOPLE: usize = 95;
const TALKS: usize = RECORDS - PLACES - EVENTS - PEOPLE;
/// Talks name only these people, so the others can be corrupted without dangling references.
const SPEAKERS: usize = 5;

/// The five corruptions, each a skip with one problem.
pub const KINDS: [&str; 5] = [
    "wrong type (talk title is a number)",
    "dangling required reference (talk of an unknown event)",
    "bad coordinates (place latitude is text)",
    "duplicate id (person repeats an earlier id)",
    "malformed date (talk start is not a date-time)",
];

pub fn clean() -> Value {
    // Only place-0 is referenced (by the events), so the others can be corrupted alone.
    let places: Vec<Value> = (0..PLACES)
        .map(|i| json!({"id": format!("place-{i}"), "city": format!("City {i}"), "country": "Ireland", "lat": 53.0 + i as f64 / 100.0, "lon": -6.0}))
        .collect();
    let events: Vec<Value> = (0..EVENTS)
        .map(|i| json!({"id": format!("event-{i}"), "name": format!("Conf {i}"), "start": format!("201{i}-10-05"), "end": format!("201{i}-10-07"), "place": "place-0"}))
        .collect();
    let people: Vec<Value> = (0..PEOPLE)
        .map(|i| json!({"id": format!("person-{i}"), "name": format!("Person {i}")}))
        .collect();
    let talks: Vec<Value> = (0..TALKS)
        .map(|i| {
            let e = i % EVENTS;
            json!({"id": format!("talk-{i}"), "title": format!("Talk {i}"), "event": format!("event-{e}"),
                   "speakers": [format!("person-{}", i % SPEAKERS)], "start": format!("201{e}-10-05T{:02}:00:00Z", 9 + i % 8)})
        })
        .collect();
    json!({"format": "hallway-bundle", "version": "1.0", "title": "Partial bundle test",
           "places": places, "events": events, "people": people, "talks": talks})
}

/// The bundle with exactly `k` (at most 100) records corrupted, cycling through [`KINDS`], and the
/// JSON path of each corrupted record (`talks[3]`), in the order corrupted.
pub fn corrupted(k: usize) -> (Value, Vec<String>) {
    assert!(k <= 100, "the pools below hold 20 records per kind");
    let mut b = clean();
    let mut paths = Vec::with_capacity(k);
    let mut talk = 0;
    for n in 0..k {
        let (collection, i) = match n % KINDS.len() {
            0 => {
                talk += 1;
                b["talks"][talk * 5]["title"] = json!(42);
                ("talks", talk * 5)
            }
            1 => {
                talk += 1;
                b["talks"][talk * 5]["event"] = json!("event-that-never-was");
                ("talks", talk * 5)
            }
            2 => {
                let i = 1 + n / KINDS.len() * 2;
                b["places"][i]["lat"] = json!("53.3N");
                ("places", i)
            }
            3 => {
                let i = SPEAKERS + n / KINDS.len() * 4;
                b["people"][i]["id"] = json!("person-0");
                ("people", i)
            }
            _ => {
                talk += 1;
                b["talks"][talk * 5]["start"] = json!("2015-13-45T25:61:00");
                ("talks", talk * 5)
            }
        };
        paths.push(format!("{collection}[{i}]"));
    }
    (b, paths)
}

/// Pretty-printed, so that line numbers in problems are meaningful.
pub fn to_bytes(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).expect("a Value always serialises");
    s.push('\n');
    s.into_bytes()
}
