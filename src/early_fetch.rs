//! The bundle download the boot script starts in parallel with the wasm's: handed to the app's
//! first request for the same URL, so the data does not wait for the code to compile.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where `scripts/postbuild-csp.mjs` leaves `{ url, response }` (a promise of a `Response`).
const KEY: &str = "__hallwayEarlyFetch";

/// The early response for `url`, at most once per page. `None` when there is none (another
/// bundle, a retry, a page built without the boot script): the caller fetches as usual. An
/// early download that failed also gives `None`, so the caller's own request is the retry.
pub async fn take(url: &str) -> Option<web_sys::Response> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(KEY);
    let early = Reflect::get(&window, &key)
        .ok()
        .filter(JsValue::is_object)?;
    // Once: a later fetch (Retry, an update check) must go to the network again.
    let _ = Reflect::delete_property(&window, &key);
    let early_url = Reflect::get(&early, &JsValue::from_str("url"))
        .ok()?
        .as_string()?;
    if early_url != url {
        return None;
    }
    let promise: Promise = Reflect::get(&early, &JsValue::from_str("response"))
        .ok()?
        .dyn_into()
        .ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}
