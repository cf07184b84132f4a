//! Shared helpers of the `export_*` tests: a bundle full of awkward text and time zones, and a
//! runner for `hallway export`.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::json;
use std::path::{Path, PathBuf};

pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
/// The third-party data beside the repository: only the extra suite (`shared_data.rs`) reads it.
pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

pub mod frab;

/// Text that every format must carry unchanged: the characters each one escapes.
pub const AWKWARD: &str = "Commas, semi;colons, back\\slash, \"quotes\" & <angle> brackets";
/// Longer than a folded iCalendar line, with multi-byte characters at every position.
pub fn long_title() -> String {
    "Ünïcödé ✓ 日本語 ".repeat(9).trim_end().to_string()
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub bundle: PathBuf,
}

/// Writes the awkward bundle into a temporary directory.
pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("bundle.json");
    let talk = |id: &str, event: &str, start: Option<&str>, minutes: Option<u32>| {
        let mut t = json!({
            "id": id, "title": format!("Talk {id}"), "event": event, "speakers": ["ada"],
            "projects": ["qemu"],
        });
        if let Some(s) = start {
            t["start"] = s.into();
        }
        if let Some(m) = minutes {
            t["duration_min"] = m.into();
        }
        t
    };
    let mut talks = vec![
        talk(
            "morning",
            "dst-conf-2014",
            Some("2014-10-24T09:30:00+02:00"),
            Some(45),
        ),
        talk(
            "across-dst",
            "dst-conf-2014",
            Some("2014-10-26T01:30:00+02:00"),
            Some(120),
        ),
        talk(
            "after-dst",
            "dst-conf-2014",
            Some("2014-10-27T09:30:00+01:00"),
            Some(60),
        ),
        talk("untimed", "dst-conf-2014", None, None),
        talk(
            "seattle-evening",
            "linuxcon-na-2015",
            Some("2015-08-18T20:00:00-07:00"),
            Some(30),
        ),
    ];
    talks[0]["title"] = AWKWARD.into();
    talks[0]["abstract"] = "First line,\nsecond; line with **bold** and a \\ backslash.".into();
    talks[0]["room"] = "Room 1, upstairs".into();
    talks[0]["track"] = "Virtualization".into();
    talks[0]["speakers"] = json!(["ada", "bob"]);
    talks[0]["links"] = json!([
        { "kind": "slides", "url": "https://example.org/slides.pdf", "title": "Slides" },
        { "kind": "video", "url": "https://example.org/video" },
        { "kind": "code", "url": "relative/path" }
    ]);
    talks[1]["title"] = long_title().into();
    talks[3]["date"] = "2014-10-25".into();
    let doc = json!({
        "format": "hallway-bundle",
        "version": "1.0",
        "title": "Export test, with \"awkward\" text",
        "generated": "2024-01-02T03:04:05Z",
        "projects": [
            { "id": "qemu", "name": "QEMU" },
            { "id": "kvm", "name": "KVM, the hypervisor" }
        ],
        "places": [
            { "id": "berlin", "city": "Berlin", "country": "Germany", "country_code": "DE",
              "lat": 52.52, "lon": 13.405 },
            { "id": "seattle", "city": "Seattle", "country": "United States", "country_code": "US",
              "lat": 47.6062, "lon": -122.3321 }
        ],
        "venues": [
            { "id": "bcc", "name": "bcc; Berlin Congress Center", "place": "berlin",
              "lat": 52.5206, "lon": 13.4165 }
        ],
        "series": [ { "id": "dst", "name": "DST Conf" } ],
        "events": [
            { "id": "dst-conf-2014", "name": AWKWARD, "series": "dst", "start": "2014-10-24",
              "end": "2014-10-27", "timezone": "Europe/Berlin", "place": "berlin", "venue": "bcc",
              "url": "https://example.org/dst", "projects": ["qemu", "kvm"],
              "attendance": "1,500-2,000" },
            { "id": "linuxcon-na-2015", "name": "LinuxCon North America 2015", "start": "2015-08-17",
              "end": "2015-08-19", "timezone": "America/Los_Angeles", "place": "seattle" },
            { "id": "online-2020", "name": "Online thing", "start": "2020-05", "online": true }
        ],
        "people": [
            { "id": "ada", "name": "Lovelace, Ada" },
            { "id": "bob", "name": "Bob \"the builder\" Ø" }
        ],
        "talks": talks,
        "reports": [
            { "id": "report-dst", "title": AWKWARD, "author": "Lovelace, Ada",
              "published": "2014-10", "events": ["dst-conf-2014"], "talks": ["morning"],
              "summary": "Summary & more",
              "body": "# Heading\n\nText with <script>alert(1)</script> & an [link](https://example.org/?a=1&b=2).\n\n[bad](javascript:alert(1))" },
            { "id": "report-seattle", "title": "Seattle", "published": "2015-08-20",
              "events": ["linuxcon-na-2015"], "url": "https://example.org/seattle" },
            { "id": "report-online", "title": "Online", "published": "2020",
              "events": ["online-2020"], "summary": "Only a summary" }
        ]
    });
    std::fs::write(&bundle, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    Fixture { dir, bundle }
}

pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `hallway export <args> <bundle>`.
pub fn export(bundle: &Path, args: &[&str]) -> Output {
    let o = Command::cargo_bin("hallway")
        .unwrap()
        .arg("export")
        .args(args)
        .arg(bundle)
        .output()
        .unwrap();
    Output {
        code: o.status.code(),
        stdout: String::from_utf8(o.stdout).expect("exports are UTF-8"),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Runs an export that must succeed and returns its text.
pub fn ok(bundle: &Path, args: &[&str]) -> String {
    let o = export(bundle, args);
    assert_eq!(
        o.code,
        Some(0),
        "hallway export {args:?} failed: {}",
        o.stderr
    );
    o.stdout
}
