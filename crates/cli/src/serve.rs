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
                self.bundle = Some(Arc::new(bytes));
                self.version += 1;
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

        let server = tiny_http::Server::http((self.bind.as_str(), self.port))
            .map_err(|e| format!("cannot listen on {}:{}: {e}", self.bind, self.port))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or("the server has no IP address")?;
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

        let server = Arc::new(server);
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let (server, files, state) =
                    (Arc::clone(&server), Arc::clone(&files), Arc::clone(&state));
                std::thread::spawn(move || {
                    while let Ok(request) = server.recv() {
                        let response = respond(request.url(), &files, &state);
                        let _ = request.respond(response);
                    }
                })
            })
            .collect();
        for w in workers {
            let _ = w.join();
        }
        Ok(())
    }
}

/// Whether a watcher event can change the content (not a mere read).
fn changes(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match kind {
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

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn respond(
    url: &str,
    files: &BTreeMap<String, Cow<'static, [u8]>>,
    state: &Mutex<State>,
) -> Response {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let (status, kind, body): (u16, &str, Vec<u8>) = match path {
        LIVE_PATH => (200, "text/javascript", LIVE_JS.as_bytes().to_vec()),
        STATUS_PATH => (
            200,
            "application/json",
            state.lock().unwrap().status_json().into_bytes(),
        ),
        "/data/bundle.json" => match state.lock().unwrap().bundle.clone() {
            Some(b) => (200, "application/json", b.to_vec()),
            None => (
                503,
                "text/plain",
                b"the content has errors and has not built yet: see the terminal".to_vec(),
            ),
        },
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
    };
    let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k, v).expect("ASCII header");
    tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        // A preview is always the latest build.
        .with_header(header("Cache-Control", "no-cache"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
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
