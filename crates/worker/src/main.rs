//! The Markdown web worker: answers the app's requests (`hallway_core::markdown::remote`).
//!
//! The app's first load carries no Markdown parser; this module holds it (pulldown-cmark and
//! core's `markdown`), built by Trunk as a `no-modules` worker with a loader shim, so that it
//! starts under the site's CSP (`worker-src 'self'`, no `blob:`). It says `ready` once its
//! handler is installed: a message posted before that would be dropped.

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
        let scope: Scope = js_sys::global().unchecked_into();
        let reply: Scope = js_sys::global().unchecked_into();
        let handler = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            // A message that is not a string gets the protocol's error answer (id 0).
            let data = js_sys::Reflect::get(&event, &JsValue::from_str("data"))
                .ok()
                .and_then(|d| d.as_string())
                .unwrap_or_default();
            reply.post_message(&hallway_core::markdown::remote::answer(&data));
        });
        scope.set_onmessage(handler.as_ref().unchecked_ref());
        // The handler lives as long as the worker.
        handler.forget();
        scope.post_message(hallway_core::markdown::remote::READY);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
