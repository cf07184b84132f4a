//! The bundle download the boot script starts in parallel with the wasm's: handed to the app's
//! first request for the same URL, so the data does not wait for the code to compile.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where `scripts/postbuild-csp.mjs` leaves `{ url: promise of a Response }`.
const KEY: &str = "__hallwayEarlyFetch";

/// The early response for `url`, at most once per page. `None` when there is none (a bundle
/// the boot script left to the app, a retry, a page built without the boot script): the
/// caller fetches as usual. An early download that failed also gives `None`, so the caller's
/// own request is the retry.
pub async fn take(url: &str) -> Option<web_sys::Response> {
    let window = web_sys::window()?;
    let early = Reflect::get(&window, &JsValue::from_str(KEY))
        .ok()
        .filter(JsValue::is_object)?;
    let key = JsValue::from_str(url);
    let promise: Promise = Reflect::get(&early, &key).ok()?.dyn_into().ok()?;
    // Once: a later fetch (Retry, an update check) must go to the network again.
    let _ = Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key);
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}
