//! The bundle's download: one GET read chunk by chunk (progress, the size cap, the streaming
//! loader fed as the bytes arrive), the response the early script started, and the retries.

use super::{FetchError, Progress, ATTEMPTS};
use hallway_core::load::{Fingerprint, LoadOptions, StreamLoader, DEFAULT_MAX_BYTES};
use hallway_core::{LoadError, Loaded};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The header `public/sw.js` adds to a bundle it serves from its cache: when it was saved.
const CACHED_AT_HEADER: &str = "x-hallway-cached-at";

/// The wait before try `attempt + 1`: 0.5 s, 1 s, 2 s, then 2 s.
pub fn backoff_ms(attempt: u32) -> i32 {
    (500i32 << attempt.saturating_sub(1).min(2)).min(2000)
}

pub(super) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The bundle's bytes, tried up to [`ATTEMPTS`] times; `report` hears of every attempt and chunk.
/// With `decode_as_it_comes`, each attempt feeds the bytes to core's streaming loader as they arrive
/// (`Body::streamed`).
pub(super) async fn fetch_retrying(
    url: &str,
    report: &dyn Fn(Progress),
    decode_as_it_comes: bool,
) -> Result<Body, FetchError> {
    let mut attempt = 1;
    loop {
        report(Progress {
            attempt,
            ..Progress::default()
        });
        let on_progress = |loaded, total| {
            report(Progress {
                attempt,
                loaded,
                total,
            })
        };
        match fetch_bytes(url, Some(&on_progress), decode_as_it_comes).await {
            Ok(body) => return Ok(body),
            Err(e) if e.retryable() && attempt < ATTEMPTS => {
                sleep(backoff_ms(attempt)).await;
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// A bundle body, and whether the service worker served it from its cache. The bytes stay in
/// JS memory, as the chunks arrived: wasm memory keeps its high-water mark for the page's life,
/// so a body the streaming loader decoded is never copied in whole (`bytes` does, when needed).
pub(super) struct Body {
    chunks: Vec<Uint8Array>,
    len: usize,
    pub(super) cached_at: Option<String>,
    /// What the streaming loader made of the body, and its fingerprint, when it was asked for.
    pub(super) streamed: Option<(Result<Option<Loaded>, LoadError>, u64)>,
}

impl Body {
    /// The whole body in one buffer of exactly its size.
    pub(super) fn bytes(&self) -> Vec<u8> {
        let mut bytes = vec![0u8; self.len];
        let mut at = 0;
        for chunk in &self.chunks {
            let end = at + chunk.length() as usize;
            chunk.copy_to(&mut bytes[at..end]);
            at = end;
        }
        bytes
    }
}

fn network_error(url: &str, e: impl std::fmt::Display) -> FetchError {
    FetchError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    }
}

fn js_error(url: &str, e: JsValue) -> FetchError {
    let detail = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the download stopped".to_string());
    network_error(url, detail)
}

/// One GET, read chunk by chunk so a slow download can show how far it is.
pub(super) async fn fetch_bytes(
    url: &str,
    on_progress: Option<&dyn Fn(u64, Option<u64>)>,
    decode_as_it_comes: bool,
) -> Result<Body, FetchError> {
    use gloo_net::http::{Request, Response};
    // The boot script started the default bundle's download already: same URL, and these
    // same credentials and cache mode (scripts/postbuild-csp.mjs).
    let response = match crate::early_fetch::take(url).await {
        Some(early) => Response::from(early),
        None => Request::get(url)
            .credentials(web_sys::RequestCredentials::Omit)
            // Revalidate with the server: the bundle changes under a stable URL.
            .cache(web_sys::RequestCache::NoCache)
            .send()
            .await
            .map_err(|e| network_error(url, e))?,
    };
    if !response.ok() {
        return Err(FetchError::Http {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let headers = response.headers();
    let cached_at = headers.get(CACHED_AT_HEADER);
    let encoded = headers
        .get("content-encoding")
        .is_some_and(|e| !e.eq_ignore_ascii_case("identity"));
    let total = headers
        .get("content-length")
        .and_then(|n| n.trim().parse::<u64>().ok())
        .filter(|_| !encoded);
    let too_large = |size: usize| FetchError::Load {
        url: url.to_string(),
        error: LoadError::TooLarge {
            size,
            limit: DEFAULT_MAX_BYTES,
        },
    };
    if let Some(n) = total.filter(|n| *n > DEFAULT_MAX_BYTES as u64) {
        return Err(too_large(usize::try_from(n).unwrap_or(usize::MAX)));
    }
    let Some(stream) = response.body() else {
        // No body at all (e.g. 204): let the loader say what is wrong with nothing.
        return Ok(Body {
            chunks: Vec::new(),
            len: 0,
            cached_at,
            streamed: None,
        });
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    // The chunks stay JS arrays. Growing a Vec chunk by chunk would double it (a gzip body has
    // no length), and wasm memory never shrinks: the peak would stay the page's footprint.
    let mut chunks: Vec<Uint8Array> = Vec::new();
    let mut loaded = 0usize;
    // The streaming loader decodes each record as soon as it is in, while the rest downloads;
    // one reused buffer carries each chunk across.
    let mut streaming = decode_as_it_comes.then(|| {
        (
            StreamLoader::new(&LoadOptions::default()),
            Fingerprint::new(),
            Vec::<u8>::new(),
        )
    });
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| js_error(url, e))?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")) else {
            break;
        };
        let Ok(array) = value.dyn_into::<Uint8Array>() else {
            break;
        };
        loaded += array.length() as usize;
        if let Some((loader, fingerprint, scratch)) = streaming.as_mut() {
            scratch.resize(array.length() as usize, 0);
            array.copy_to(scratch);
            fingerprint.update(scratch);
            loader.feed(scratch);
        }
        chunks.push(array);
        if loaded > DEFAULT_MAX_BYTES {
            // Stop downloading: the loader would refuse it anyway.
            let _ = reader.cancel();
            return Err(too_large(loaded));
        }
        if let Some(report) = on_progress {
            report(loaded as u64, total);
        }
    }
    let streamed =
        streaming.map(|(loader, fingerprint, _)| (loader.finish(), fingerprint.finish()));
    Ok(Body {
        chunks,
        len: loaded,
        cached_at,
        streamed,
    })
}
