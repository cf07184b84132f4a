//! `hallway init`: the new folder builds cleanly (strict, no warning), and a folder with
//! anything in it is refused untouched.

use assert_cmd::Command;

fn hallway() -> Command {
    let mut c = Command::cargo_bin("hallway").unwrap();
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}

#[test]
fn an_initialised_folder_builds_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reports");
    let out = hallway().arg("init").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(dir.join("reports/example-conf-2026.md").is_file());
    assert!(dir.join("README.md").is_file());
    let bundle = tmp.path().join("bundle.json");
    let out = hallway()
        .arg("build")
        .arg(&dir)
        .arg("--out")
        .arg(&bundle)
        .arg("--strict")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.is_empty(),
        "a clean build prints nothing on stderr: {err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    for (collection, n) in [
        ("events", 1),
        ("places", 1),
        ("people", 1),
        ("projects", 1),
        ("reports", 1),
    ] {
        assert_eq!(
            json[collection].as_array().map(Vec::len),
            Some(n),
            "{collection}"
        );
    }
    assert_eq!(json["title"], "Our conference reports");
}

#[test]
fn a_folder_that_is_not_empty_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = hallway().arg("init").arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not empty"), "{err}");
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing may be written");
}

#[test]
fn an_empty_existing_folder_is_accepted() {
    let tmp = tempfile::tempdir().unwrap();
    let out = hallway().arg("init").arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(tmp.path().join("bundle.toml").is_file());
}
