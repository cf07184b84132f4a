//! JSON Schema checks with the `jsonschema` crate: every frab export against the C3VOC
//! schedule schema, and real and generated bundles against our own bundle schema, so that
//! neither the exporter nor `public/schema/bundle-v1.json` can drift from what loads.

mod export_support;

use assert_cmd::Command;
use export_support::*;
use serde_json::Value;
use std::path::Path;

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

fn frab_schema() -> jsonschema::Validator {
    validator(&format!("{DATA}/frab/schema.json"))
}

fn frab(bundle: &Path, event: &str, filter: &str) -> (Value, String) {
    let out = export(
        bundle,
        &["--format", "frab", "--event", event, "--filter", filter],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    (serde_json::from_str(&out.stdout).unwrap(), out.stderr)
}

fn talks_of(doc: &Value) -> Vec<&Value> {
    doc["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["rooms"].as_object().unwrap().values())
        .flat_map(|r| r.as_array().unwrap())
        .collect()
}

#[test]
fn the_schema_rejects_what_it_should() {
    // A sanity check that validation is on: the known-invalid example fails.
    let v = frab_schema();
    assert!(!v.is_valid(&read_json(&format!("{DATA}/frab/invalid-example.json"))));
}

#[test]
fn frab_export_of_awkward_talks_is_valid() {
    let f = fixture();
    let v = frab_schema();
    let (doc, notes) = frab(&f.bundle, "dst-conf-2014", "");
    assert_valid(&v, &doc, "the DST conference schedule");
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
    assert_valid(&v, &narrow, "the filtered schedule");
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

/// Real data: CCC Camp 2019's frab schedule imported, exported again, and validated; every
/// talk keeps its time, offset and length.
#[test]
fn camp2019_round_trips_through_import_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("camp.json");
    let o = Command::cargo_bin("hallway")
        .unwrap()
        .args(["import", "--from", "frab"])
        .arg(format!("{DATA}/frab/frab-camp2019.json"))
        .arg("--out")
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b: Value = serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    let event = b["events"][0]["id"].as_str().unwrap().to_string();
    let (doc, _) = frab(&bundle, &event, "");
    assert_valid(&frab_schema(), &doc, "the re-exported Camp 2019 schedule");

    let original = read_json(&format!("{DATA}/frab/frab-camp2019.json"));
    let mut want = title_date_duration(&original);
    let mut got = title_date_duration(&doc);
    want.sort();
    got.sort();
    assert_eq!(got.len(), 79);
    assert_eq!(got, want);
}

fn generate(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("generated.json");
    let o = Command::cargo_bin("hallway")
        .unwrap()
        .args(["generate", "--talks", "2000", "--seed", "3", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
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
fn frab_exports_of_generated_events_are_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let generated = generate(tmp.path());
    let b: Value = serde_json::from_slice(&std::fs::read(&generated).unwrap()).unwrap();
    let v = frab_schema();
    let mut checked = 0;
    for e in b["events"].as_array().unwrap().iter().take(40) {
        let id = e["id"].as_str().unwrap();
        let out = export(&generated, &["--format", "frab", "--event", id]);
        if out.code == Some(1) && out.stderr.contains("YYYY-MM-DD") {
            continue; // an event dated only to the month cannot be laid out in days
        }
        assert_eq!(out.code, Some(0), "{id}: {}", out.stderr);
        let doc: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_valid(&v, &doc, id);
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} generated events had full dates"
    );
}

/// Each talk of a frab schedule as (title, date, duration), for comparing two schedules.
fn title_date_duration(schedule: &Value) -> Vec<(String, String, String)> {
    talks_of(schedule)
        .iter()
        .map(|t| {
            (
                t["title"].as_str().unwrap().trim().to_string(),
                t["date"].as_str().unwrap().to_string(),
                t["duration"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
