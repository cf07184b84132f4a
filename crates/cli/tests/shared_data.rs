//! The extra suite of the CLI: checks against the third-party files in `../shared/data` (beside
//! the repository, not in it). Every test here is `#[ignore]`d and named `shared_*`, so a plain
//! `cargo test` never reads that folder; `scripts/test.sh` runs them with
//! `-- --ignored shared_` when the folder exists and says in one line whether it did.
//!
//! Here the frab exports meet the C3VOC schedule schema itself (voc/schedule, EUPL-1.2), the
//! structural check of the default run is held to agree with it, and a real frab export (CCC
//! Camp 2019) round-trips.

mod export_support;

use assert_cmd::Command;
use export_support::frab::*;
use export_support::*;
use serde_json::Value;

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("{path}: {e}; the extra suite needs ../shared/data beside the repository")
    });
    serde_json::from_str(&text).unwrap()
}

fn frab_schema() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&read_json(&format!("{DATA}/frab/schema.json")))
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
    assert_eq!(shape_problems(doc), Vec::<String>::new(), "{what}");
}

#[test]
#[ignore = "extra suite: reads ../shared/data; scripts/test.sh runs it when present"]
fn shared_frab_schema_and_structural_check_agree() {
    let v = frab_schema();
    // The known-invalid example fails both.
    let invalid = read_json(&format!("{DATA}/frab/invalid-example.json"));
    assert!(!v.is_valid(&invalid));
    assert!(!shape_problems(&invalid).is_empty());
    // The hand-written fixture passes both, and each broken copy fails both.
    let own = read_json(&own_schedule_path());
    assert_valid(&v, &own, "the own frab fixture");
    for (what, doc) in broken_variants(&own) {
        // The schema is draft-06, which has no `uuid` format (it came in 2019-09): it asks for
        // UUIDs but cannot check them. The structural check does; the exception stays exact.
        let schema_can_check = what != "guid not a UUID";
        assert_eq!(!v.is_valid(&doc), schema_can_check, "the schema on: {what}");
        assert!(
            !shape_problems(&doc).is_empty(),
            "the check accepts: {what}"
        );
    }
    // The real Camp 2019 file, from an older frab, breaks today's schema with its capitalised
    // acronym and slugs: the check finds the same.
    let camp = read_json(&format!("{DATA}/frab/frab-camp2019.json"));
    assert!(!v.is_valid(&camp));
    let problems = shape_problems(&camp);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("/schedule/conference/acronym"))
            && problems.iter().any(|p| p.contains("/slug")),
        "{problems:?}"
    );
}

#[test]
#[ignore = "extra suite: reads ../shared/data; scripts/test.sh runs it when present"]
fn shared_frab_exports_are_schema_valid() {
    let v = frab_schema();
    let f = fixture();
    let (doc, _) = frab(&f.bundle, "dst-conf-2014", "");
    assert_valid(&v, &doc, "the DST conference schedule");
    let (narrow, _) = frab(&f.bundle, "dst-conf-2014", "view=talks&speaker=bob");
    assert_valid(&v, &narrow, "the filtered schedule");

    let tmp = tempfile::tempdir().unwrap();
    let generated = generate(tmp.path());
    let b: Value = serde_json::from_slice(&std::fs::read(&generated).unwrap()).unwrap();
    let mut checked = 0;
    for e in b["events"].as_array().unwrap().iter().take(40) {
        let id = e["id"].as_str().unwrap();
        let out = export(&generated, &["--format", "frab", "--event", id]);
        if out.code == Some(0) {
            assert_valid(&v, &serde_json::from_str(&out.stdout).unwrap(), id);
            checked += 1;
        }
    }
    assert!(
        checked >= 10,
        "only {checked} generated events had full dates"
    );
}

/// Real data: CCC Camp 2019's frab schedule imported, exported again, and validated; every
/// talk keeps its time, offset and length.
#[test]
#[ignore = "extra suite: reads ../shared/data; scripts/test.sh runs it when present"]
fn shared_camp2019_round_trips_through_import_and_export() {
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
    let got = title_date_duration(&doc);
    assert_eq!(got.len(), 79);
    assert_eq!(got, title_date_duration(&original));
}
