//! `hallway serve` over HTTP, without a browser (tests/e2e/serve.test.mjs has the browser):
//! the app with the live-reload script, the bundle, the SPA fallback, and the status the
//! script polls through an edit, an error (file:line:col) and its fix.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &std::path::Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hallway"))
        .arg("serve")
        .arg(dir)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Served { child, addr }
}

/// GET `path`: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

fn status(addr: &str) -> serde_json::Value {
    serde_json::from_str(&get(addr, "/_hallway/status").1).unwrap()
}

fn wait_for(addr: &str, what: &str, ok: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let s = status(addr);
        if ok(&s) {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{what}: {s}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_rebuilds_on_changes_and_reports_errors_over_the_last_good_bundle() {
    if let Err(e) = hallway_cli::site::app() {
        panic!("{e}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content");
    hallway_cli::init::init(&dir).unwrap();
    let served = serve(&dir);
    let a = served.addr.as_str();

    let (code, index) = get(a, "/");
    assert_eq!(code, 200);
    assert!(index.contains(r#"<script type="module" src="/_hallway/live.js"></script>"#));
    assert_eq!(
        get(a, "/reports/example-conf-2026").1,
        index,
        "SPA fallback"
    );
    assert_eq!(get(a, "/no-such-file.js").0, 404);
    assert_eq!(get(a, "/_hallway/live.js").0, 200);
    let (code, bundle) = get(a, "/data/bundle.json");
    assert_eq!(code, 200);
    assert!(bundle.contains("What we saw at ExampleConf 2026"));
    let first = wait_for(a, "first build", |s| s["version"] == 1);
    assert!(first["error"].is_null());

    let report = dir.join("reports/example-conf-2026.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replace("What we saw", "What I saw")).unwrap();
    wait_for(a, "rebuild", |s| s["version"] == 2);
    assert!(get(a, "/data/bundle.json")
        .1
        .contains("What I saw at ExampleConf 2026"));

    let places = dir.join("places.toml");
    let good = std::fs::read_to_string(&places).unwrap();
    std::fs::write(&places, good.replace("lat = 52.52", "lat = \"north\"")).unwrap();
    let broken = wait_for(a, "error", |s| s["error"].is_string());
    assert_eq!(broken["version"], 2, "an error keeps the last good bundle");
    let line = good.lines().position(|l| l.starts_with("lat = ")).unwrap() + 1;
    let message = broken["error"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("places.toml:{line}:7: ")),
        "{message}"
    );
    assert!(get(a, "/data/bundle.json").1.contains("What I saw"));

    std::fs::write(&places, &good).unwrap();
    let fixed = wait_for(a, "fix", |s| s["error"].is_null());
    // The fixed content is the bundle already served: no reload is needed, none is asked for.
    assert_eq!(fixed["version"], 2);
}

#[test]
fn serve_refuses_a_folder_without_bundle_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hallway"))
        .arg("serve")
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hallway init"));
}
