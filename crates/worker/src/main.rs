//! The on-demand web worker: answers the app's requests (`hallway_core::remote`).
//!
//! The app's first load carries no Markdown parser and no careful loader; this module holds
//! them (pulldown-cmark and core's `markdown`; `load::load_with` with its JSON paths, lines and
//! columns, for a bundle the one-pass loader turned down), built by Trunk as a `no-modules` worker with a loader shim, so that it
//! starts under the site's CSP (`worker-src 'self'`, no `blob:`). It says `ready` once its
//! handler is installed: a message posted before that would be dropped.
//!
//! The same files also run in the page, where no worker can start: an embed frame sandboxed
//! without `allow-same-origin` has an opaque origin, from which `new Worker` is refused. The
//! app then loads the script itself and calls [`answer`] directly (`src/worker.rs`);
//! `main` sees no worker scope there and installs nothing.

use wasm_bindgen::prelude::*;

/// One request's JSON in, its response's JSON out: the in-page path's entry point.
#[wasm_bindgen]
pub fn answer(message: &str) -> String {
    hallway_core::remote::answer(message)
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// The worker's global scope; only `postMessage` and `onmessage` are needed, so they
        /// are declared here rather than enabling web-sys for two methods.
        pub type Scope;
        #[wasm_bindgen(method, js_name = postMessage)]
        pub fn post_message(this: &Scope, message: &str);
        #[wasm_bindgen(method, setter = onmessage)]
        pub fn set_onmessage(this: &Scope, handler: &js_sys::Function);
    }

    pub fn start() {
        let global = js_sys::global();
        // In a page (the in-page path) there is no `importScripts`: nothing to listen for.
        if !js_sys::Reflect::has(&global, &JsValue::from_str("importScripts")).unwrap_or(false) {
            return;
        }
        let scope: Scope = global.clone().unchecked_into();
        let reply: Scope = global.unchecked_into();
        let handler = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            // A message that is not a string gets the protocol's error answer (id 0).
            let data = js_sys::Reflect::get(&event, &JsValue::from_str("data"))
                .ok()
                .and_then(|d| d.as_string())
                .unwrap_or_default();
            reply.post_message(&super::answer(&data));
        });
        scope.set_onmessage(handler.as_ref().unchecked_ref());
        // The handler lives as long as the worker.
        handler.forget();
        scope.post_message(hallway_core::remote::READY);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
