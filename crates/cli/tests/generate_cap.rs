//! `hallway generate` must not write what `hallway check` refuses without saying so: a single
//! file over the byte limit is written with a warning on stderr that advises --split, and the
//! checker with the same limit does refuse it (so the warning is about a real refusal).

use assert_cmd::Command;

fn hallway(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("hallway")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn generate_over_the_byte_limit_warns_and_advises_split() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("big.json");
    let out_s = out.to_str().unwrap();
    // 200 talks are about 200 kB: over a 50 kB limit, as 100,000 talks are over the app's 64 MiB.
    let limit = "50000";
    let o = hallway(&[
        "generate",
        "--talks",
        "200",
        "--max-bytes",
        limit,
        "--out",
        out_s,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(
        size > 50_000,
        "the fixture must be over the limit: {size} bytes"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("warning: this is over the limit of 50000 bytes")
            && stderr.contains("hallway check")
            && stderr.contains("--split"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.starts_with("wrote ") && !stdout.contains("warning"),
        "{stdout}"
    );

    let check = hallway(&["check", "--max-bytes", limit, out_s]);
    assert!(
        !check.status.success(),
        "check accepted what generate warned about"
    );

    // Split, the same bundle is under the limit: no warning.
    let split = tmp.path().join("split.json");
    let o = hallway(&[
        "generate",
        "--talks",
        "200",
        "--max-bytes",
        limit,
        "--split",
        "--out",
        split.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("warning"));
}

#[test]
fn generate_under_the_default_limit_does_not_warn() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("small.json");
    let o = hallway(&["generate", "--talks", "200", "--out", out.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
}
