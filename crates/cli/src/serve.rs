//! `hallway serve DIR`: builds the content, serves the app compiled into this binary with that
//! bundle, watches the folder and rebuilds on every change; open pages reload by themselves.
//!
//! A build with errors never stops the server: the terminal gets the full diagnostics, the
//! pages keep the last good bundle and show the errors (file:line:col) until they are fixed.
//! The reload script is `/_hallway/live.js`, added to index.html here only: a built site never
//! has it, and as an external file it passes the app's CSP (`script-src 'self'`).

use crate::build::{build, Options};
use notify::RecursiveMode;
use notify_debouncer_full::new_debouncer;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const LIVE_JS: &str = include_str!("../templates/serve/live.js");
const LIVE_PATH: &str = "/_hallway/live.js";
const STATUS_PATH: &str = "/_hallway/status";

/// Command-line arguments of `hallway serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The content directory (holding bundle.toml).
    dir: PathBuf,
    /// The port to listen on; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The address to listen on. Only this machine by default; 0.0.0.0 shows the site to the
    /// whole network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Reject unknown fields instead of warning about them.
    #[arg(long)]
    strict: bool,
}

/// What the pages see: the last good bundle, its version, and the current errors, if any.
#[derive(Default)]
struct State {
    version: u64,
    bundle: Option<Arc<Vec<u8>>>,
    error: Option<String>,
}

/// Builds `dir` into the bundle's bytes, printing the diagnostics; the errors as
/// `file:line:col: message` lines when it fails.
fn rebuild(dir: &Path, strict: bool) -> Result<Vec<u8>, String> {
    let (bundle, d) = build(
        dir,
        &Options {
            strict,
            generated: None,
        },
    );
    eprint!("{}", d.render());
    match bundle {
        Some(b) => crate::split::to_json(&b),
        None => Err(d.error_lines().join("\n")),
    }
}

impl State {
    /// Takes a build's outcome: a new bundle bumps the version (pages reload); errors keep
    /// the last good bundle.
    fn update(&mut self, outcome: Result<Vec<u8>, String>) {
        match outcome {
            Ok(bytes) => {
                // The same bundle again (a file saved unchanged) reloads nothing.
                if self.bundle.as_deref() != Some(&bytes) {
                    self.bundle = Some(Arc::new(bytes));
                    self.version += 1;
                }
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    fn status_json(&self) -> String {
        serde_json::json!({ "version": self.version, "error": self.error }).to_string()
    }
}

impl Args {
    pub fn run(self) -> ExitCode {
        match self.serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        }
    }

    fn serve(self) -> Result<(), String> {
        if !self.dir.join("bundle.toml").is_file() {
            return Err(format!(
                "`{}` has no bundle.toml; give a content folder (`hallway init DIR` makes one)",
                self.dir.display()
            ));
        }
        let files = Arc::new(app_with_live_reload()?);
        let state = Arc::new(Mutex::new(State::default()));
        let started = Instant::now();
        let first = rebuild(&self.dir, self.strict);
        report(&first, started);
        state.lock().unwrap().update(first);

        let listener = std::net::TcpListener::bind((self.bind.as_str(), self.port))
            .map_err(|e| format!("cannot listen on {}:{}: {e}", self.bind, self.port))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let url = format!("http://{addr}/");
        println!(
            "Serving {} at {url} (Ctrl-C stops); watching it for changes",
            self.dir.display()
        );
        if self.open {
            open_browser(&url);
        }

        // Rebuilds on changes, on this thread's own debouncer; the server keeps serving the
        // last good bundle meanwhile.
        let (tx, rx) = std::sync::mpsc::channel();
        let mut debouncer = new_debouncer(Duration::from_millis(80), None, tx)
            .map_err(|e| format!("cannot watch `{}`: {e}", self.dir.display()))?;
        debouncer
            .watch(&self.dir, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch `{}`: {e}", self.dir.display()))?;
        let (dir, strict, watched) = (self.dir.clone(), self.strict, Arc::clone(&state));
        std::thread::spawn(move || {
            let _keep = debouncer;
            while let Ok(events) = rx.recv() {
                // Reading the files for a build is itself an event (access): only changes count.
                if !events.is_ok_and(|list| list.iter().any(|e| changes(&e.kind))) {
                    continue;
                }
                // Drain what arrived meanwhile: one rebuild per burst of saves.
                while rx.try_recv().is_ok() {}
                let started = Instant::now();
                let outcome = rebuild(&dir, strict);
                report(&outcome, started);
                watched.lock().unwrap().update(outcome);
            }
        });

        // A thread per connection, one request each: a large answer (the wasm) never holds
        // up the small ones, and a preview has a handful of readers.
        for stream in listener.incoming().flatten() {
            let (files, state) = (Arc::clone(&files), Arc::clone(&state));
            std::thread::spawn(move || answer(stream, &files, &state));
        }
        Ok(())
    }
}

/// Whether a watcher event can change the content (not a mere read).
fn changes(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
    match kind {
        // Reading a file may update its access time: metadata only.
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        // Some editors write in place and close: the close after writing is the change.
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

/// One line per build: what happened and how long it took.
fn report(outcome: &Result<Vec<u8>, String>, started: Instant) {
    let ms = started.elapsed().as_millis();
    match outcome {
        Ok(b) => eprintln!("built the bundle ({} bytes) in {ms} ms", b.len()),
        Err(_) => eprintln!("the build failed ({ms} ms); pages keep the last good bundle"),
    }
}

/// The app's files at the root, with the live-reload script in index.html (and 404.html).
fn app_with_live_reload() -> Result<BTreeMap<String, Cow<'static, [u8]>>, String> {
    let mut files = crate::site::app_files("/")?;
    let html = String::from_utf8(files["index.html"].to_vec()).map_err(|e| e.to_string())?;
    let tag = format!("<script type=\"module\" src=\"{LIVE_PATH}\"></script>\n  </head>");
    if !html.contains("</head>") {
        return Err("the app's index.html has no </head>".into());
    }
    let html = html.replacen("</head>", &tag, 1);
    files.insert("index.html".into(), Cow::Owned(html.clone().into_bytes()));
    files.insert("404.html".into(), Cow::Owned(html.into_bytes()));
    Ok(files)
}

/// Reads one request from `stream` and answers it, then closes the connection.
///
/// Written by hand over `std::net` rather than with `tiny_http`: with tiny_http 0.12, one of
/// the ten requests of a first page load in Chromium was now and then never answered (in
/// tests/e2e/serve.test.mjs, about one run in two), and a loopback preview needs only GET, a
/// path and a Content-Length.
fn answer(
    mut stream: std::net::TcpStream,
    files: &BTreeMap<String, Cow<'static, [u8]>>,
    state: &Mutex<State>,
) {
    use std::io::{Read, Write};
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if head.len() > 64 * 1024 {
            return;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut words = head.lines().next().unwrap_or("").split(' ');
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let (status, kind, body) = if method == "GET" || method == "HEAD" {
        respond(target, files, state)
    } else {
        (405, "text/plain", b"only GET and HEAD".to_vec())
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Service Unavailable",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
}

/// The status, content type and body for a request's target (path and query).
fn respond(
    url: &str,
    files: &BTreeMap<String, Cow<'static, [u8]>>,
    state: &Mutex<State>,
) -> (u16, &'static str, Vec<u8>) {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    match path {
        LIVE_PATH => (200, "text/javascript", LIVE_JS.as_bytes().to_vec()),
        STATUS_PATH => {
            let json = state.lock().unwrap().status_json();
            (200, "application/json", json.into_bytes())
        }
        "/data/bundle.json" => {
            let bundle = state.lock().unwrap().bundle.clone();
            match bundle {
                Some(b) => (200, "application/json", b.to_vec()),
                None => (
                    503,
                    "text/plain",
                    b"the content has errors and has not built yet: see the terminal".to_vec(),
                ),
            }
        }
        _ => {
            let rel = path.trim_start_matches('/');
            match files.get(rel) {
                Some(bytes) => (200, content_type(rel), bytes.to_vec()),
                // A file-like path that is not there is a 404; any other path is a page of
                // the app (the SPA fallback).
                None if rel.rsplit('/').next().is_some_and(|n| n.contains('.')) => {
                    (404, "text/plain", b"not found".to_vec())
                }
                None => (
                    200,
                    "text/html; charset=utf-8",
                    files["index.html"].to_vec(),
                ),
            }
        }
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// Hand-written rather than a crate: one call to the platform's own opener.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = cmd.arg(url).spawn() {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_changed_bundle_reloads_pages_and_errors_keep_the_last_good_one() {
        let mut s = State::default();
        s.update(Ok(b"a".to_vec()));
        assert_eq!(s.version, 1);
        // The same bytes again (a build triggered by reading the files): no reload.
        s.update(Ok(b"a".to_vec()));
        assert_eq!(s.version, 1);
        s.update(Err("places.toml:3:7: bad".into()));
        assert_eq!(
            (s.version, s.bundle.as_deref().map(Vec::as_slice)),
            (1, Some(&b"a"[..]))
        );
        assert!(s.status_json().contains("places.toml:3:7"));
        s.update(Ok(b"a".to_vec()));
        assert_eq!(s.error, None);
        s.update(Ok(b"b".to_vec()));
        assert_eq!(s.version, 2);
    }

    #[test]
    fn reads_do_not_count_as_changes() {
        use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
        assert!(!changes(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!changes(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!changes(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes(&EventKind::Modify(ModifyKind::Any)));
        assert!(changes(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
    }
}
