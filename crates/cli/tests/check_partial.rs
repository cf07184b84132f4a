//! `hallway check` on partial bundles: K corrupted records of 500 give exit 1, exactly K
//! diagnostics (each with its JSON path and file position) and a summary of what still loads.

#[path = "../../core/tests/partial/generate.rs"]
mod generate;

use assert_cmd::Command;

#[test]
fn check_reports_exactly_k_problems_for_k_corrupted_records() {
    let dir = tempfile::tempdir().unwrap();
    for k in [1, 10, 100] {
        let (bundle, expected) = generate::corrupted(k);
        let file = dir.path().join(format!("partial-{k}.json"));
        std::fs::write(&file, generate::to_bytes(&bundle)).unwrap();
        let out = Command::cargo_bin("hallway")
            .unwrap()
            .arg("check")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "K={k}");
        let err = String::from_utf8_lossy(&out.stderr);
        let diagnostics: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
        assert_eq!(diagnostics.len(), k, "K={k}:\n{err}");
        assert!(!err.contains("warning: "), "only skips, no repairs:\n{err}");
        for path in &expected {
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d.starts_with(&format!("error: {path}"))),
                "K={k}: no diagnostic for {path}"
            );
        }
        let positions = err
            .lines()
            .filter(|l| l.contains(&format!("partial-{k}.json:")))
            .count();
        assert_eq!(positions, k, "each diagnostic has a file:line:column");
        let summary = String::from_utf8_lossy(&out.stdout);
        assert!(summary.contains(&format!("{k} problem(s)")), "{summary}");
    }
}
