//! `hallway export` as a command: split bundles export like single files, `--out DIR` names
//! the file after the view, bad input fails with a message.

mod export_support;

use assert_cmd::Command;
use export_support::*;
use std::path::Path;

fn generate(args: &[&str], out: &Path) {
    let o = Command::cargo_bin("hallway")
        .unwrap()
        .args(["generate", "--talks", "300", "--seed", "3"])
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_split_bundle_exports_its_texts_like_a_single_file() {
    let tmp = tempfile::tempdir().unwrap();
    let single = tmp.path().join("single.json");
    std::fs::create_dir(tmp.path().join("split")).unwrap();
    let split = tmp.path().join("split/bundle.json");
    generate(&[], &single);
    generate(&["--split"], &split);
    for (format, filter) in [("jsonfeed", ""), ("ics", "view=talks"), ("atom", "")] {
        // DTSTAMP is the export time when the bundle has no `generated`: the two runs may fall
        // in different seconds, so it is left out of the comparison.
        let strip = |s: String| {
            s.lines()
                .filter(|l| !l.starts_with("DTSTAMP:"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let a = strip(ok(&single, &["--format", format, "--filter", filter]));
        let b = strip(ok(&split, &["--format", format, "--filter", filter]));
        assert!(
            a == b,
            "{format} differs between the single and the split form"
        );
    }
    let feed = ok(&split, &["--format", "jsonfeed"]);
    assert!(
        feed.contains("content_html"),
        "report bodies came back from the shards"
    );
}

#[test]
fn out_dir_names_the_file_after_the_view() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let o = Command::cargo_bin("hallway")
        .unwrap()
        .args([
            "export",
            "--format",
            "ics",
            "--filter",
            "project=qemu&city=berlin&view=talks",
        ])
        .arg(&f.bundle)
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = dir.path().join("hallway-qemu-berlin-talks.ics");
    let text = std::fs::read_to_string(&file).expect("named after the view");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
}

#[test]
fn bad_input_fails_with_a_message() {
    let f = fixture();
    let o = export(&f.bundle, &["--format", "pdf"]);
    assert_eq!(o.code, Some(2));
    assert!(o.stderr.contains("choose one of ics, atom"), "{}", o.stderr);
    let o = export(Path::new("/nonexistent/bundle.json"), &["--format", "csv"]);
    assert_eq!(o.code, Some(1));
    assert!(o.stderr.contains("cannot read"), "{}", o.stderr);
    // A feed asked for another view says which view it used, and still works.
    let o = export(&f.bundle, &["--format", "atom", "--filter", "view=talks"]);
    assert_eq!(o.code, Some(0));
    assert!(o.stderr.contains("atom lists reports"), "{}", o.stderr);
}
