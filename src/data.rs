//! Fetches the bundle once (as bytes, decoded by `hallway-core`) and shares it by context.

use hallway_core::query::QueryIndex;
use hallway_core::{load, Dataset, LoadError, Problem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The default bundle, relative to the app's base URL.
pub const DEFAULT_BUNDLE: &str = "data/bundle.json";

/// A bundle that loaded, with what the loader reported.
pub struct Ready {
    pub data: Dataset,
    /// Facet and search indexes, built once after loading.
    pub query: QueryIndex,
    pub problems: Vec<Problem>,
    pub notices: Vec<String>,
    /// The URL the bundle came from.
    pub source: String,
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
                error: LoadError::TooLarge { .. },
                ..
            } => "The conference data is too large",
            FetchError::Load {
                error: LoadError::UnsupportedVersion { .. },
                ..
            } => "The conference data is in a newer format",
            FetchError::Load { .. } => "This file is not Hallway conference data",
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
    url: StoredValue<String>,
}

impl BundleContext {
    pub fn retry(&self) {
        start(*self);
    }
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
        url: StoredValue::new(bundle_url()),
    };
    provide_context(ctx);
    start(ctx);
}

fn start(ctx: BundleContext) {
    ctx.state.set(State::Loading);
    let url = ctx.url.get_value();
    spawn_local(async move {
        let state = match fetch(&url).await {
            Ok(ready) => State::Ready(Arc::new(ready)),
            Err(e) => State::Failed(Arc::new(e)),
        };
        ctx.state.set(state);
    });
}

/// `?bundle=URL` overrides the default, resolved against the page's base URL.
fn bundle_url() -> String {
    let window = web_sys::window();
    let search = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let requested = search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "bundle")
        .and_then(|(_, v)| js_sys::decode_uri_component(v).ok())
        .and_then(|v| v.as_string())
        .filter(|v| !v.is_empty());
    let relative = requested.unwrap_or_else(|| DEFAULT_BUNDLE.to_string());
    let base = window
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    match base.and_then(|b| web_sys::Url::new_with_base(&relative, &b).ok()) {
        Some(u) => u.href(),
        None => relative,
    }
}

/// A `performance.mark` for the benchmarks (`hallway:*`).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

async fn fetch(url: &str) -> Result<Ready, FetchError> {
    use gloo_net::http::Request;
    let response = Request::get(url)
        .credentials(web_sys::RequestCredentials::Omit)
        .send()
        .await
        .map_err(|e| FetchError::Network {
            url: url.to_string(),
            detail: e.to_string(),
        })?;
    if !response.ok() {
        return Err(FetchError::Http {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let bytes = response.binary().await.map_err(|e| FetchError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    })?;
    mark("hallway:fetched");
    let loaded = load(&bytes).map_err(|error| FetchError::Load {
        url: url.to_string(),
        error,
    })?;
    mark("hallway:parsed");
    let data = Dataset::new(loaded.bundle);
    let query = QueryIndex::new(&data);
    mark("hallway:indexed");
    Ok(Ready {
        data,
        query,
        problems: loaded.problems,
        notices: loaded.notices,
        source: url.to_string(),
    })
}

/// Sets the document title as "<page> · Hallway".
pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&if page.is_empty() {
            "Hallway".to_string()
        } else {
            format!("{page} · Hallway")
        });
    }
}
