//! Long texts of split bundles (abstracts, report bodies), fetched from their shard when a page
//! needs them and shared by context: each shard is fetched once per session, and pages asking
//! for a shard already on its way wait for that same request.
//!
//! Which shard a record needs, where it is (relative to the bundle's URL), decoding, checking
//! and the wording of every error are core's (`hallway_core::load::shards`); this file only
//! fetches bytes and renders the states.

use crate::components::markdown::Markdown;
use crate::data::{use_ready, Ready};
use hallway_core::load::{
    decode_shard, resolve_url, text_in_shard, text_source, LongText, ShardError, TextSource,
};
use hallway_core::model::TextShard;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::sync::Arc;

/// One shard's state, keyed by its absolute URL (so two bundles never share an entry).
#[derive(Clone)]
enum Shard {
    Loading,
    Ready(Arc<TextShard>),
    Failed(Arc<ShardError>),
}

#[derive(Clone, Copy)]
pub struct TextsContext {
    shards: RwSignal<HashMap<String, Shard>>,
    /// The loaded bundle the entries belong to: a reloaded bundle (newer data under the same
    /// URL) starts afresh, since its shards may have changed under the same names.
    owner: StoredValue<usize>,
}

/// Identifies one loaded bundle (one `Ready`) for as long as it is shown.
fn identity(ready: &Arc<Ready>) -> usize {
    Arc::as_ptr(ready) as usize
}

/// Creates the shared shard cache. Called once, next to the bundle (`data::provide_bundle`).
pub fn provide_texts() {
    provide_context(TextsContext {
        shards: RwSignal::new(HashMap::new()),
        owner: StoredValue::new(0),
    });
    provide_full_text();
}

impl TextsContext {
    /// Starts fetching `url` unless it is loaded or on its way; `again` retries a failure.
    fn request(self, ready: &Arc<Ready>, url: &str, again: bool) {
        if self.owner.get_value() != identity(ready) {
            self.owner.set_value(identity(ready));
            self.shards.update(HashMap::clear);
        }
        let known = self.shards.with_untracked(|m| match m.get(url) {
            None => false,
            Some(Shard::Failed(_)) => !again,
            Some(_) => true,
        });
        if known {
            return;
        }
        self.shards
            .update(|m| _ = m.insert(url.to_string(), Shard::Loading));
        let url = url.to_string();
        spawn_local(async move {
            let state = match fetch(&url).await.and_then(|b| decode_shard(&url, &b)) {
                Ok(s) => Shard::Ready(Arc::new(s)),
                Err(e) => Shard::Failed(Arc::new(e)),
            };
            // The page may be gone (and the app with it in tests); never panic on that.
            let _ = self.shards.try_update(|m| m.insert(url, state));
        });
    }
}

async fn fetch(url: &str) -> Result<Vec<u8>, ShardError> {
    use gloo_net::http::Request;
    let network = |e: &dyn std::fmt::Display| ShardError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    };
    // Default cache mode: the service worker (`public/sw.js`) decides, network first.
    let response = Request::get(url)
        .credentials(web_sys::RequestCredentials::Omit)
        .send()
        .await
        .map_err(|e| network(&e))?;
    if !response.ok() {
        return Err(ShardError::Http {
            url: url.to_string(),
            status: response.status(),
        });
    }
    response.binary().await.map_err(|e| network(&e))
}

/// Where a page's text comes from, decided once when the page renders.
enum Plan {
    Inline(String),
    Nothing,
    Fetch(String),
    Failed(Arc<ShardError>),
}

fn plan(ready: &Ready, which: LongText) -> Plan {
    match text_source(&ready.data.bundle, which) {
        TextSource::Inline(t) => Plan::Inline(t.to_string()),
        TextSource::None => Plan::Nothing,
        TextSource::UnknownShard(index) => Plan::Failed(Arc::new(ShardError::Unlisted { index })),
        TextSource::Shard { path, .. } => Plan::Fetch(resolve_url(&ready.source, path)),
    }
}

/// The fetched shard's text for `which`, or why there is none.
fn from_shard(
    ready: &Ready,
    which: LongText,
    url: &str,
    shard: &TextShard,
) -> Result<String, Arc<ShardError>> {
    text_in_shard(&ready.data.bundle, which, shard)
        .map(str::to_string)
        .map_err(|missing| {
            Arc::new(ShardError::Incomplete {
                url: url.to_string(),
                missing,
            })
        })
}

fn error_box(
    ready: &Arc<Ready>,
    which: LongText,
    error: Arc<ShardError>,
    retry_url: Option<String>,
) -> AnyView {
    let ready = ready.clone();
    let retry = move |_| {
        if let Some(u) = &retry_url {
            expect_context::<TextsContext>().request(&ready, u, true);
        }
    };
    view! {
        <div class="text-error" role="alert">
            <p><strong>{error.title(which)}</strong></p>
            <p>{error.to_string()}</p>
            <button type="button" on:click=retry>"Retry"</button>
        </div>
    }
    .into_any()
}

/// A talk's abstract or a report's body: inline, or fetched from its shard with a loading
/// state and an error with Retry; `fallback` (a report's summary) shows when there is no text.
/// `heading` goes above the text (and above the loading or error state).
#[component]
pub fn LongTextView(
    which: LongText,
    #[prop(optional)] heading: Option<&'static str>,
    #[prop(default = 2)] heading_offset: u8,
    #[prop(default = None)] fallback: Option<String>,
) -> impl IntoView {
    let heading = move || heading.map(|h| view! { <h2>{h}</h2> });
    let Some(ready) = use_ready() else {
        return ().into_any();
    };
    let url = match plan(&ready, which) {
        Plan::Inline(text) => {
            return view! { {heading()} <Markdown text heading_offset /> }.into_any();
        }
        Plan::Nothing => {
            return fallback
                .map(|text| view! { <Markdown text heading_offset /> })
                .into_any();
        }
        Plan::Failed(error) => {
            return view! { {heading()} {error_box(&ready, which, error, None)} }.into_any()
        }
        Plan::Fetch(url) => url,
    };
    let texts = expect_context::<TextsContext>();
    texts.request(&ready, &url, false);
    let body = move || {
        match texts.shards.with(|m| m.get(&url).cloned()) {
        None | Some(Shard::Loading) => view! {
            <p class="muted text-loading" role="status">{format!("Loading the {}…", which.noun())}</p>
        }
        .into_any(),
        Some(Shard::Failed(error)) => error_box(&ready, which, error, Some(url.clone())),
        Some(Shard::Ready(shard)) => match from_shard(&ready, which, &url, &shard) {
            Ok(text) => view! { <Markdown text heading_offset /> }.into_any(),
            Err(error) => error_box(&ready, which, error, Some(url.clone())),
        },
    }
    };
    view! { {heading()} {body} }.into_any()
}

/// The split bundle's search index (`hallway_core::search_index`): the dictionary is fetched
/// when the timeline first shows, chunks when a query needs them, each once per session; they
/// go into the bundle's `QueryIndex`, and `version` changes so the results run again.
#[derive(Clone, Copy)]
pub struct FullTextContext {
    /// Bumped when a chunk (or the dictionary) arrives.
    pub version: RwSignal<u32>,
    /// Chunks on their way.
    pub pending: RwSignal<u32>,
    /// The last failure, for the status line under the search box.
    pub error: RwSignal<Option<String>>,
    /// URLs requested (on their way or added); a failed one leaves so a later query retries.
    requested: StoredValue<std::collections::HashSet<String>>,
    /// The loaded bundle (see [`identity`]) whose `QueryIndex` has the dictionary.
    dictionary: StoredValue<Option<usize>>,
}

fn full_text_context() -> FullTextContext {
    if let Some(c) = use_context::<FullTextContext>() {
        return c;
    }
    let c = FullTextContext {
        version: RwSignal::new(0),
        pending: RwSignal::new(0),
        error: RwSignal::new(None),
        requested: StoredValue::new(Default::default()),
        dictionary: StoredValue::new(None),
    };
    // Owned by the app's root (provided next to the bundle), so it outlives pages.
    provide_context(c);
    c
}

/// Creates the search-index state; called once with [`provide_texts`].
fn provide_full_text() {
    full_text_context();
}

async fn get(url: &str) -> Result<Vec<u8>, String> {
    fetch(url).await.map_err(|e| e.to_string())
}

/// Keeps the split bundle's search index in step with the query `text`: fetches the dictionary
/// once, then the chunks each query needs. Returns the version to track next to the filter.
/// Does nothing for a bundle without `texts.search`.
pub fn follow_full_text(ready: Arc<Ready>, text: Signal<String>) -> RwSignal<u32> {
    let c = full_text_context();
    let Some(rel) = ready
        .data
        .bundle
        .texts
        .as_ref()
        .and_then(|t| t.search.clone())
    else {
        return c.version;
    };
    let dict_url = resolve_url(&ready.source, &rel);
    if c.dictionary.get_value() != Some(identity(&ready)) {
        // A new bundle (or the same, reloaded): its QueryIndex has no chunks yet.
        c.dictionary.set_value(Some(identity(&ready)));
        c.requested.update_value(|r| r.clear());
        let ready = ready.clone();
        let url = dict_url.clone();
        c.pending.update(|p| *p += 1);
        spawn_local(async move {
            match get(&url).await.and_then(|b| {
                hallway_core::search_index::decode_dictionary(&b)
                    .and_then(|d| d.check(&ready.data.bundle).map(|()| d))
                    .map_err(|e| format!("{url}: {e}"))
            }) {
                Ok(d) => {
                    ready.query.set_search_dictionary(d);
                    let _ = c.version.try_update(|v| *v += 1);
                }
                Err(e) => {
                    c.dictionary.set_value(None);
                    let _ = c.error.try_set(Some(e));
                }
            }
            let _ = c.pending.try_update(|p| *p -= 1);
        });
    }
    Effect::new(move |_| {
        c.version.track();
        let query = text.get();
        for chunk in ready.query.missing_chunks(&query) {
            let url = resolve_url(&dict_url, &chunk.file);
            let fresh = c.requested.try_update_value(|r| r.insert(url.clone()));
            if fresh != Some(true) {
                continue;
            }
            c.pending.update(|p| *p += 1);
            c.error.set(None);
            let ready = ready.clone();
            spawn_local(async move {
                match get(&url).await.and_then(|b| {
                    hallway_core::search_index::decode_chunk(&b).map_err(|e| format!("{url}: {e}"))
                }) {
                    Ok(chunk) => {
                        ready.query.add_chunk(chunk);
                        let _ = c.version.try_update(|v| *v += 1);
                    }
                    Err(e) => {
                        c.requested.try_update_value(|r| r.remove(&url));
                        let _ = c.error.try_set(Some(e));
                    }
                }
                let _ = c.pending.try_update(|p| *p -= 1);
            });
        }
    });
    c.version
}

/// Whether `text` needs search chunks that are on their way (not failed): the timeline keeps
/// its rows until they arrive.
pub fn awaiting_chunks(ready: &Ready, text: &str) -> bool {
    let c = full_text_context();
    c.error.with(Option::is_none) && !ready.query.missing_chunks(text).is_empty()
}

/// The line under the search box while abstracts are being fetched, or when that failed.
#[component]
pub fn FullTextStatus() -> impl IntoView {
    let c = full_text_context();
    move || {
        if let Some(e) = c.error.get() {
            Some(view! { <p class="muted search-status" role="status">{format!("Abstracts and report bodies are not searched: {e}")}</p> }.into_any())
        } else if c.pending.get() > 0 {
            Some(view! { <p class="muted search-status" role="status" data-pending="true">"Searching abstracts and report bodies…"</p> }.into_any())
        } else {
            None
        }
    }
}
