//! Fetches the bundle (as bytes, decoded by `hallway-core`) and shares it by context. Several
//! bundles (`?bundle=A&bundle=B`, or the site's `hallway-bundles` setting) load in parallel and
//! are merged by core (`hallway_core::merge`); one that fails leaves the others on screen.
//!
//! The fetch retries network errors and 5xx/429 answers with capped exponential backoff, reports
//! progress while the body streams in, notices when the service worker (`public/sw.js`) served a
//! kept copy because the network failed, and, when the network returns, whether the bundle changed.

use hallway_core::merge::{self, Part};
use hallway_core::query::QueryIndex;
use hallway_core::remote::{Answer, Job};
use hallway_core::{load, Dataset, LoadError, LoadOptions, Loaded, Problem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

mod fetch;
pub use fetch::backoff_ms;
use fetch::{fetch_bytes, fetch_retrying, sleep, Body};

/// The default bundle, relative to the app's base URL.
pub const DEFAULT_BUNDLE: &str = hallway_core::source::DEFAULT_BUNDLE;

/// How many times a bundle fetch is tried before the error view shows.
pub const ATTEMPTS: u32 = 3;

/// A bundle that loaded, with what the loader reported.
pub struct Ready {
    /// Shared with `query`, which builds its search index from it on first need.
    pub data: Arc<Dataset>,
    /// Facet and search indexes, built once after loading.
    pub query: QueryIndex,
    pub problems: Vec<Problem>,
    pub notices: Vec<String>,
    /// The URL the (first) bundle came from.
    pub source: String,
    /// Every bundle that loaded, resolved, in list order, with the hash of its bytes.
    pub sources: Vec<(String, u64)>,
    /// The bundles of the list that could not be loaded (the others are shown).
    pub failed: Vec<Arc<FetchError>>,
    /// Set when the network failed and the service worker served its kept copy: when that copy
    /// was saved (ISO 8601, as the worker wrote it).
    pub cached_at: Option<String>,
    /// A hash of the bundle bytes, to notice a changed bundle later.
    pub fingerprint: u64,
}

/// How far the current download is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Progress {
    /// 1-based; above 1 while retrying.
    pub attempt: u32,
    pub loaded: u64,
    /// The body size, when the server said it and the body is not compressed in transit
    /// (Content-Length then counts compressed bytes while the reader sees decoded ones).
    pub total: Option<u64>,
}

/// What a later look at the network said about the bundle on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Update {
    /// Not checked since loading.
    Unchecked,
    /// The network answered with the same bytes.
    Current,
    /// The network has a different bundle.
    Available,
}

/// Why the bundle could not be shown.
#[derive(Debug)]
pub enum FetchError {
    Network {
        url: String,
        detail: String,
    },
    Http {
        url: String,
        status: u16,
        status_text: String,
    },
    Load {
        url: String,
        error: LoadError,
    },
    /// The bundle has problems, and the worker that finds and lists them could not be asked
    /// (not downloaded, offline before it was ever cached, or stopped).
    Checker {
        url: String,
        detail: String,
    },
    /// The site's `hallway-bundle-origins` setting does not allow the bundle's origin; nothing
    /// was fetched. `detail` names the origin and the setting (`hallway_core::source::refusal`).
    Refused {
        url: String,
        detail: String,
    },
}

impl FetchError {
    pub fn title(&self) -> &'static str {
        match self {
            FetchError::Network { .. } => "The conference data could not be downloaded",
            FetchError::Http { .. } => "The server refused the conference data",
            FetchError::Load {
                error: LoadError::Syntax { .. },
                ..
            } => "The conference data is not valid JSON",
            FetchError::Load {
                error: LoadError::TooLarge { .. } | LoadError::TooManyRecords { .. },
                ..
            } => "The conference data is too large",
            FetchError::Load {
                error: LoadError::UnsupportedVersion { .. },
                ..
            } => "The conference data is in a newer format",
            FetchError::Load { .. } => "This file is not Hallway conference data",
            FetchError::Checker { .. } => {
                "The conference data has problems that could not be listed"
            }
            FetchError::Refused { .. } => "This site does not show conference data from there",
        }
    }

    /// Worth trying again: the network, a server error or rate limiting; never a 4xx or bad data.
    pub fn retryable(&self) -> bool {
        match self {
            FetchError::Network { .. } => true,
            FetchError::Http { status, .. } => *status >= 500 || *status == 429,
            FetchError::Load { .. } | FetchError::Checker { .. } | FetchError::Refused { .. } => {
                false
            }
        }
    }

    pub fn detail(&self) -> String {
        match self {
            FetchError::Network { url, detail } => format!(
                "Fetching {url} failed: {detail}. Check your connection, or whether the address is right, and retry."
            ),
            FetchError::Http { url, status, status_text } => format!(
                "{url} answered HTTP {status} {status_text}. The file may have moved; check the address or try again later."
            ),
            FetchError::Load { url, error } => format!("{url}: {error}"),
            FetchError::Checker { url, detail } => format!(
                "{url} is not entirely valid, and the part of Hallway that finds and lists the problems could not be loaded ({detail}). Reload the page to try again, or run `hallway check` on the file."
            ),
            FetchError::Refused { url, detail } => format!("{url}: {detail}"),
        }
    }
}

#[derive(Clone)]
pub enum State {
    Loading,
    Ready(Arc<Ready>),
    Failed(Arc<FetchError>),
}

/// The shared handle to the bundle: its state, and how to load it again.
#[derive(Clone, Copy)]
pub struct BundleContext {
    pub state: RwSignal<State>,
    /// The download in flight, while `state` is `Loading`.
    pub progress: RwSignal<Progress>,
    /// Whether the network has something newer than what is shown.
    pub update: RwSignal<Update>,
    /// The bundles to show, resolved, in order (the first wins where they disagree).
    urls: StoredValue<Vec<Requested>>,
    /// Bumped by every load, so a slow old load or check cannot overwrite a newer one.
    generation: StoredValue<u32>,
}

impl BundleContext {
    pub fn retry(&self) {
        // With several bundles on screen and one failed, they stay on screen while the list
        // loads again: the new merge replaces them when it is ready.
        let keep =
            matches!(self.state.get_untracked(), State::Ready(ref r) if !r.failed.is_empty());
        start_with(*self, keep);
    }
}

/// One bundle of the list: as the list gave it (the Source facet's key) and resolved.
#[derive(Clone, Debug)]
struct Requested {
    given: String,
    url: String,
}

pub fn use_bundle() -> BundleContext {
    expect_context::<BundleContext>()
}

/// The loaded bundle. Pages render only under the data gate, so this is `Some` there.
pub fn use_ready() -> Option<Arc<Ready>> {
    match use_bundle().state.get_untracked() {
        State::Ready(r) => Some(r),
        _ => None,
    }
}

/// Creates the context and starts the one fetch. Call once, at the top of the app.
pub fn provide_bundle() {
    let ctx = BundleContext {
        state: RwSignal::new(State::Loading),
        progress: RwSignal::new(Progress::default()),
        update: RwSignal::new(Update::Unchecked),
        urls: StoredValue::new(bundle_urls()),
        generation: StoredValue::new(0),
    };
    provide_context(ctx);
    crate::texts::provide_texts();
    start(ctx);
    // Lives as long as the app: when the connection comes back, see whether the data changed.
    let listener = window_event_listener(leptos::ev::online, move |_| check_for_update(ctx));
    std::mem::forget(listener);
}

fn start(ctx: BundleContext) {
    start_with(ctx, false);
}

fn start_with(ctx: BundleContext, keep_shown: bool) {
    ctx.generation.update_value(|g| *g = g.wrapping_add(1));
    let generation = ctx.generation.get_value();
    if !keep_shown {
        ctx.state.set(State::Loading);
    }
    ctx.update.set(Update::Unchecked);
    ctx.progress.set(Progress::default());
    let urls = ctx.urls.get_value();
    if urls.len() > 1 {
        spawn_local(load_several(ctx, generation, urls));
        return;
    }
    let url = urls.into_iter().next().map(|r| r.url).unwrap_or_default();
    if let Some(detail) = crate::components::source_notice::refused(&url) {
        ctx.state
            .set(State::Failed(Arc::new(FetchError::Refused { url, detail })));
        return;
    }
    spawn_local(async move {
        let state = match fetch_with_retry(&url, ctx, generation).await {
            Ok(ready) => State::Ready(Arc::new(ready)),
            Err(e) => State::Failed(Arc::new(e)),
        };
        if ctx.generation.get_value() == generation {
            ctx.state.set(state);
        }
    });
}

/// Fetches the bundle again and compares it with the one on screen.
fn check_for_update(ctx: BundleContext) {
    let State::Ready(shown) = ctx.state.get_untracked() else {
        return;
    };
    let generation = ctx.generation.get_value();
    spawn_local(async move {
        let mut changed = false;
        for (url, fingerprint) in &shown.sources {
            // `online` fires when a link comes up, often before requests get through; a kept
            // copy or an error means the network still fails, so look again a little later.
            let mut answered = false;
            for attempt in 1..=ATTEMPTS {
                if ctx.generation.get_value() != generation {
                    return;
                }
                match fetch_bytes(url, None, false).await {
                    Ok(body) if body.cached_at.is_none() => {
                        changed |= hallway_core::load::fingerprint(&body.bytes()) != *fingerprint;
                        answered = true;
                        break;
                    }
                    _ => sleep(backoff_ms(attempt) * 2).await,
                }
            }
            if !answered {
                return;
            }
        }
        if ctx.generation.get_value() == generation {
            ctx.update.set(if changed {
                Update::Available
            } else {
                Update::Current
            });
        }
    });
}

/// `?bundle=URL` (any number, in order) overrides the site's bundles (`hallway-bundles`, else
/// the default), each resolved against the page's base URL. The list is core's decision
/// (`source::bundle_list`); the query is read by core's one reader (`crate::url::sticky`).
fn bundle_urls() -> Vec<Requested> {
    let requested: Vec<String> = crate::url::sticky()
        .get_all(hallway_core::url::param::BUNDLE)
        .collect();
    let setting = crate::components::source_notice::site_setting();
    hallway_core::source::bundle_list(&requested, setting.as_deref())
        .into_iter()
        .map(|given| Requested {
            url: resolve(&given),
            given,
        })
        .collect()
}

/// A bundle URL resolved against the page's base URL, as `fetch` would resolve it.
pub fn resolve(relative: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    match base.and_then(|b| web_sys::Url::new_with_base(relative, &b).ok()) {
        Some(u) => u.href(),
        None => relative.to_string(),
    }
}

/// The one-pass loader's result, or, for a bundle it turned down, the careful loader's from the
/// worker: the first load carries no careful loader (`hallway_core::remote`). The bytes are
/// freed before the worker's answer is decoded, and in any case before the caller indexes.
async fn load_or_ask(
    url: &str,
    bytes: Vec<u8>,
    clean: Result<Option<Loaded>, LoadError>,
    references: bool,
) -> Result<Loaded, FetchError> {
    let load_error = |error| FetchError::Load {
        url: url.to_string(),
        error,
    };
    if let Some(loaded) = clean.map_err(load_error)? {
        return Ok(loaded);
    }
    // `load_clean` checked the encoding: this cannot fail, but a wrong guess is an error, not
    // a panic. A byte order mark stays: the careful loader skips it as the one-pass loader does.
    let text = String::from_utf8(bytes).map_err(|e| FetchError::Checker {
        url: url.to_string(),
        detail: e.to_string(),
    })?;
    match crate::worker::ask(Job::Load { text, references }).await {
        Ok(Answer::Checked(result)) => {
            let options = LoadOptions {
                references,
                ..LoadOptions::default()
            };
            (*result)
                .and_then(|checked| checked.load(&options))
                .map_err(load_error)
        }
        Ok(_) => Err(FetchError::Checker {
            url: url.to_string(),
            detail: "the worker answered another question".into(),
        }),
        Err(detail) => Err(FetchError::Checker {
            url: url.to_string(),
            detail,
        }),
    }
}

/// One bundle of several, fetched and decoded on its own (its references wait for the merge).
struct Fetched {
    loaded: Loaded,
    cached_at: Option<String>,
    fingerprint: u64,
}

/// Loads every bundle of the list at once, merges those that loaded (in list order) and names
/// those that did not. Only when none loads is it the error view.
async fn load_several(ctx: BundleContext, generation: u32, urls: Vec<Requested>) {
    // The download progress is the sum over the bundles, so the loading state moves.
    let loaded_bytes = std::rc::Rc::new(std::cell::RefCell::new(vec![0u64; urls.len()]));
    let fetches = urls.iter().enumerate().map(|(i, r)| {
        let loaded_bytes = loaded_bytes.clone();
        async move {
            if let Some(detail) = crate::components::source_notice::refused(&r.url) {
                return Err(FetchError::Refused {
                    url: r.url.clone(),
                    detail,
                });
            }
            let report = move |p: Progress| {
                if ctx.generation.get_value() != generation {
                    return;
                }
                let total = {
                    let mut all = loaded_bytes.borrow_mut();
                    all[i] = p.loaded;
                    all.iter().sum()
                };
                ctx.progress.set(Progress {
                    attempt: p.attempt,
                    loaded: total,
                    total: None,
                });
            };
            let body = fetch_retrying(&r.url, &report, false).await?;
            let (bytes, cached_at) = (body.bytes(), body.cached_at);
            let fingerprint = hallway_core::load::fingerprint(&bytes);
            let clean = merge::load_part_clean(&bytes, &LoadOptions::default());
            let loaded = load_or_ask(&r.url, bytes, clean, false).await?;
            Ok(Fetched {
                loaded,
                cached_at,
                fingerprint,
            })
        }
    });
    let results = futures::future::join_all(fetches).await;
    if ctx.generation.get_value() != generation {
        return;
    }
    crate::document::mark("hallway:fetched");
    let mut parts = Vec::new();
    let mut sources = Vec::new();
    let mut failed = Vec::new();
    let mut cached_at = None;
    for (r, result) in urls.into_iter().zip(results) {
        match result {
            Ok(f) => {
                sources.push((r.url.clone(), f.fingerprint));
                cached_at = cached_at.or(f.cached_at);
                parts.push(Part {
                    url: r.given,
                    href: r.url,
                    loaded: f.loaded,
                });
            }
            Err(e) => failed.push(Arc::new(e)),
        }
    }
    if parts.is_empty() {
        let first = failed.into_iter().next();
        if let Some(e) = first {
            ctx.state.set(State::Failed(e));
        }
        return;
    }
    let merged = merge::merge(parts);
    crate::document::mark("hallway:parsed");
    let problems = merged
        .problems
        .iter()
        .map(|p| {
            let from = merged
                .provenance
                .sources
                .get(p.source)
                .map_or("", |s| s.title.as_str());
            Problem {
                path: format!("{from}: {}", p.problem.path),
                ..p.problem.clone()
            }
        })
        .collect();
    let data = Arc::new(Dataset::with_provenance(merged.bundle, merged.provenance));
    let query = QueryIndex::new(&data);
    crate::document::mark("hallway:indexed");
    let ready = Ready {
        data,
        query,
        problems,
        notices: merged.notices,
        source: sources[0].0.clone(),
        fingerprint: sources[0].1,
        sources,
        failed,
        cached_at,
    };
    ctx.state.set(State::Ready(Arc::new(ready)));
}

async fn fetch_with_retry(
    url: &str,
    ctx: BundleContext,
    generation: u32,
) -> Result<Ready, FetchError> {
    let report = |p: Progress| {
        if ctx.generation.get_value() == generation {
            ctx.progress.set(p);
        }
    };
    let body = fetch_retrying(url, &report, true).await?;
    decode(url, body).await
}

async fn decode(url: &str, mut body: Body) -> Result<Ready, FetchError> {
    crate::document::mark("hallway:fetched");
    let cached_at = body.cached_at.take();
    let (loaded, fingerprint) = match body.streamed.take() {
        // Decoded as it arrived: the bytes never entered wasm memory whole.
        Some((Ok(Some(loaded)), fingerprint)) => (loaded, fingerprint),
        // Anything else takes the whole-text way, which decides as it always has (and says
        // where a problem is).
        streamed => {
            let bytes = body.bytes();
            drop(body);
            let fingerprint =
                streamed.map_or_else(|| hallway_core::load::fingerprint(&bytes), |(_, f)| f);
            let clean = load::load_clean(&bytes, &LoadOptions::default());
            // The records own their text now: `load_or_ask` frees the bytes before indexing,
            // so the indexes reuse that memory instead of growing the wasm memory past it.
            (load_or_ask(url, bytes, clean, true).await?, fingerprint)
        }
    };
    crate::document::mark("hallway:parsed");
    let data = Arc::new(Dataset::new(loaded.bundle));
    let query = QueryIndex::new(&data);
    crate::document::mark("hallway:indexed");
    Ok(Ready {
        data,
        query,
        problems: loaded.problems,
        notices: loaded.notices,
        source: url.to_string(),
        sources: vec![(url.to_string(), fingerprint)],
        failed: Vec::new(),
        cached_at,
        fingerprint,
    })
}
