//! Schedule and bundle schema checks: every frab export against the C3VOC schedule format's
//! rules (a structural check, `export_support::frab::shape_problems`; the schema itself is not in
//! a registry, so the extra suite `shared_data.rs` holds the exports to it), and real and
//! generated bundles against our own bundle schema with the `jsonschema` crate, so that neither
//! the exporter nor `public/schema/bundle-v1.json` can drift from what loads.

mod export_support;

use assert_cmd::Command;
use export_support::frab::*;
use export_support::*;
use serde_json::Value;

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn validator(schema_path: &str) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&read_json(schema_path))
        .expect("the schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is invalid:\n{}",
        errors.join("\n")
    );
}

fn assert_well_formed(doc: &Value, what: &str) {
    let problems = shape_problems(doc);
    assert!(
        problems.is_empty(),
        "{what} breaks the schedule format:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_structural_check_refuses_what_it_should() {
    // Not vacuous: the hand-written schedule passes, and each copy with one rule broken fails.
    let own = read_json(&own_schedule_path());
    assert_well_formed(&own, "the own frab fixture");
    for (what, doc) in broken_variants(&own) {
        assert!(!shape_problems(&doc).is_empty(), "not caught: {what}");
    }
}

#[test]
fn frab_export_of_awkward_talks_is_well_formed() {
    let f = fixture();
    let (doc, notes) = frab(&f.bundle, "dst-conf-2014", "");
    assert_well_formed(&doc, "the DST conference schedule");
    assert!(
        notes.contains("untimed"),
        "the untimed talk is noted: {notes}"
    );
    let conf = &doc["schedule"]["conference"];
    assert_eq!(conf["acronym"], "dst_conf_2014");
    assert_eq!(conf["time_zone_name"], "Europe/Berlin");
    assert_eq!(conf["daysCount"], 4);
    let talks = talks_of(&doc);
    assert_eq!(talks.len(), 3);
    let morning = talks.iter().find(|t| t["title"] == AWKWARD).unwrap();
    assert_eq!(morning["date"], "2014-10-24T09:30:00+02:00");
    assert_eq!(morning["end"], "2014-10-24T10:15:00+02:00");
    assert_eq!(morning["room"], "Room 1, upstairs");
    assert_eq!(morning["persons"][1]["name"], "Bob \"the builder\" Ø");
    assert_eq!(
        morning["links"].as_array().unwrap().len(),
        2,
        "the relative link is dropped"
    );
    // Across the DST change the end keeps the start's offset: the same instant, 03:30+02:00
    // being 02:30+01:00.
    let across = talks.iter().find(|t| t["title"] == long_title()).unwrap();
    assert_eq!(across["end"], "2014-10-26T03:30:00+02:00");
    // A filter narrows the schedule to the talks it keeps.
    let (narrow, _) = frab(&f.bundle, "dst-conf-2014", "view=talks&speaker=bob");
    assert_well_formed(&narrow, "the filtered schedule");
    assert_eq!(talks_of(&narrow).len(), 1);
}

#[test]
fn frab_needs_a_known_event() {
    let f = fixture();
    let out = export(&f.bundle, &["--format", "frab"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("--event"), "{}", out.stderr);
    let out = export(&f.bundle, &["--format", "frab", "--event", "dst-conf-2015"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("did you mean `dst-conf-2014`"),
        "{}",
        out.stderr
    );
    let out = export(&f.bundle, &["--format", "frab", "--event", "online-2020"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("YYYY-MM-DD"), "{}", out.stderr);
}

/// The hand-written frab schedule imported, exported again and checked; every talk keeps its
/// title, time, offset and length (the one past midnight too).
#[test]
fn own_frab_schedule_round_trips_through_import_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("flusscamp.json");
    let o = Command::cargo_bin("hallway")
        .unwrap()
        .args(["import", "--from", "frab"])
        .arg(own_schedule_path())
        .arg("--out")
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b: Value = serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    assert_eq!(b["events"].as_array().unwrap().len(), 1);
    let event = b["events"][0]["id"].as_str().unwrap().to_string();
    let (doc, _) = frab(&bundle, &event, "");
    assert_well_formed(&doc, "the re-exported own schedule");
    assert_eq!(
        doc["schedule"]["conference"]["time_zone_name"],
        "Europe/Berlin"
    );

    let got = title_date_duration(&doc);
    assert_eq!(got, title_date_duration(&read_json(&own_schedule_path())));
    assert_eq!(got.len(), 6);
    assert!(got.contains(&(
        "Nachtschicht: Lightning Talks".into(),
        "2023-06-16T23:30:00+02:00".into(),
        "01:15".into()
    )));
}

#[test]
fn bundles_that_load_are_valid_against_the_shipped_schema() {
    let v = validator(&format!("{ROOT}/public/schema/bundle-v1.json"));
    let demo = read_json(&format!("{ROOT}/public/data/bundle.json"));
    assert_valid(&v, &demo, "public/data/bundle.json");
    let tmp = tempfile::tempdir().unwrap();
    let generated = generate(tmp.path());
    let doc: Value = serde_json::from_slice(&std::fs::read(&generated).unwrap()).unwrap();
    assert_valid(&v, &doc, "a generated bundle");
    let f = fixture();
    assert_valid(
        &v,
        &read_json(f.bundle.to_str().unwrap()),
        "the export fixture",
    );
    // And the schema is not vacuous: a bundle without its format is refused.
    let mut broken = demo.clone();
    broken.as_object_mut().unwrap().remove("format");
    assert!(!v.is_valid(&broken));
}

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let shipped = std::fs::read_to_string(format!("{ROOT}/public/schema/bundle-v1.json")).unwrap();
    assert_eq!(
        shipped,
        hallway_core::schema::bundle_schema_json(),
        "regenerate with `cargo run -p hallway-cli -- schema > public/schema/bundle-v1.json`"
    );
}

#[test]
fn frab_exports_of_generated_events_are_well_formed() {
    let tmp = tempfile::tempdir().unwrap();
    let generated = generate(tmp.path());
    let b: Value = serde_json::from_slice(&std::fs::read(&generated).unwrap()).unwrap();
    let mut checked = 0;
    for e in b["events"].as_array().unwrap().iter().take(40) {
        let id = e["id"].as_str().unwrap();
        let out = export(&generated, &["--format", "frab", "--event", id]);
        if out.code == Some(1) && out.stderr.contains("YYYY-MM-DD") {
            continue; // an event dated only to the month cannot be laid out in days
        }
        assert_eq!(out.code, Some(0), "{id}: {}", out.stderr);
        let doc: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_well_formed(&doc, id);
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} generated events had full dates"
    );
}
