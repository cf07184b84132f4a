//! `/embed/*`: the frame around an embedded view. No site header or navigation, a `<main>`
//! landmark, an "Open in Hallway" link to the full page, entity links that open new tabs
//! (the [`Embedded`] context), and the height reported to the host page.
//!
//! The pages themselves are the normal ones (`app.rs` routes `/embed/timeline` to `HomePage`
//! and so on, and puts the routes in this frame when the document's path is under `/embed/`);
//! they read the context to drop what makes no sense in a frame (downloads, the Embed button)
//! and to give the frame its one `h1`. See `docs/embedding.md`.
//!
//! A bundle other than the site's default gets the same notice as on the site
//! (`components/source_notice.rs`): the frame is this site's, whoever embeds it.
//!
//! Height message, posted to `window.parent` with target origin `*` (the height is not secret)
//! whenever the document's height changes: `{ type: "hallway:resize", height: <CSS px>,
//! path: <location.pathname + location.search> }`.

use crate::components::data_gate::DataGate;
use crate::components::links::Embedded;
use crate::components::source_notice::SourceNotice;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The `type` of the height message.
pub const RESIZE_MESSAGE: &str = "hallway:resize";

#[component]
pub fn EmbedShell(children: ChildrenFn) -> impl IntoView {
    let window = web_sys::window();
    let origin = window
        .as_ref()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let embedded = Embedded {
        origin: origin.clone(),
        bundle: crate::url::bundle(),
    };
    provide_context(embedded);
    if let Some(root) = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Lets style/embed.css drop the page margins; the frame has no other pages.
        let _ = root.class_list().add_1("embedded");
    }
    report_height();
    let location = use_location();
    let full_page = move || {
        let path = crate::url::route_path(&location.pathname.get());
        let query = location.search.get();
        let target = hallway_core::embed::full_page_path(&path, &query).unwrap_or("/".into());
        format!("{origin}{}", crate::url::href(&target))
    };
    view! {
        <main id="main" class="embed-main">
            <p class="embed-open">
                <a href=full_page target="_blank" rel="noopener">"Open in Hallway"</a>
            </p>
            // The frame is served by this site and links to it: another origin's data says so
            // here too, or a host page could show it under this site's name.
            <SourceNotice />
            <DataGate banners=false>{children()}</DataGate>
        </main>
    }
}

/// Posts the document's height to the parent window whenever it changes, when there is a
/// parent. The observer lives as long as the document: the shell is the frame's only page.
fn report_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let parent = match window.parent() {
        Ok(Some(p)) if !js_sys::Object::is(&p, &window) => p,
        _ => return,
    };
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let last = std::cell::Cell::new(-1.0_f64);
    let measured = root.clone();
    let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_entries: JsValue| {
        let height = measured.get_bounding_client_rect().height().ceil();
        if height == last.get() {
            return;
        }
        last.set(height);
        let path = web_sys::window()
            .map(|w| {
                let l = w.location();
                format!(
                    "{}{}",
                    l.pathname().unwrap_or_default(),
                    l.search().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        let message = js_sys::Object::new();
        let set = |k: &str, v: JsValue| js_sys::Reflect::set(&message, &JsValue::from_str(k), &v);
        let _ = set("type", JsValue::from_str(RESIZE_MESSAGE));
        let _ = set("height", JsValue::from_f64(height));
        let _ = set("path", JsValue::from_str(&path));
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    on_resize.forget();
}
