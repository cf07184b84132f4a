//! "Embed": a dialog with the iframe and `<hallway-view>` snippets for exactly the current view,
//! each with a Copy button. The snippets come from core (`hallway_core::embed::snippets`).

use crate::components::links::embedded;
use hallway_core::embed::{snippets, Snippets, Target};
use hallway_core::query::Filter;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The Embed button and its dialog. `target`, `filter` and `title` are read when the dialog
/// opens, so the snippets match the view as it is at that moment. Nothing inside an embed.
#[component]
pub fn EmbedButton(
    #[prop(into)] target: Signal<Target>,
    #[prop(into)] filter: Signal<Filter>,
    #[prop(into)] title: Signal<String>,
) -> impl IntoView {
    if embedded().is_some() {
        return ().into_any();
    }
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let current = RwSignal::new(None::<Snippets>);
    let status = RwSignal::new(String::new());
    let open = move |_| {
        // With the base path: a site under /reports/ serves its embeds there.
        let origin = crate::url::site_url().unwrap_or_default();
        let bundles: Vec<String> = crate::url::sticky()
            .get_all(hallway_core::url::param::BUNDLE)
            .collect();
        let bundles: Vec<&str> = bundles.iter().map(String::as_str).collect();
        let title = format!("Hallway: {}", title.get_untracked());
        current.set(Some(snippets(
            &origin,
            &target.get_untracked(),
            &filter.get_untracked(),
            &bundles,
            &title,
        )));
        status.set(String::new());
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let iframe_text = Signal::derive(move || current.get().map(|s| s.iframe).unwrap_or_default());
    let element_text = Signal::derive(move || current.get().map(|s| s.element).unwrap_or_default());
    view! {
        <button type="button" class="embed-button" aria-haspopup="dialog" on:click=open>"Embed"</button>
        <dialog class="embed-dialog" node_ref=dialog aria-labelledby="embed-title">
            <h2 id="embed-title">"Embed this view"</h2>
            <p class="muted">"Paste either snippet into a web page; both show this view with its current filters. "
                "See docs/embedding.md in the Hallway repository for the details."</p>
            <Snippet id="embed-iframe" label="As an iframe" text=iframe_text status />
            <Snippet id="embed-element" label="As a custom element" text=element_text status />
            <p class="embed-status" role="status">{move || status.get()}</p>
            <button type="button" class="embed-close" on:click=close>"Close"</button>
        </dialog>
    }
    .into_any()
}

/// One read-only snippet and its Copy button.
#[component]
fn Snippet(
    id: &'static str,
    label: &'static str,
    text: Signal<String>,
    status: RwSignal<String>,
) -> impl IntoView {
    let area = NodeRef::<leptos::html::Textarea>::new();
    let copy = move |_| {
        let value = text.get_untracked();
        let select = move || {
            if let Some(a) = area.get_untracked() {
                let _ = a.focus();
                a.select();
            }
        };
        match write_clipboard(&value) {
            Some(promise) => leptos::task::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => status.try_set("Copied".to_string()),
                    Err(_) => {
                        select();
                        status.try_set("Press Ctrl+C to copy".to_string())
                    }
                };
            }),
            None => {
                select();
                status.set("Press Ctrl+C to copy".to_string());
            }
        }
    };
    view! {
        <div class="embed-snippet">
            <label for=id>{label}</label>
            <textarea id=id readonly rows="4" spellcheck="false" node_ref=area prop:value=move || text.get()></textarea>
            <button type="button" class="copy" data-snippet=id on:click=copy>"Copy"</button>
        </div>
    }
}

/// `navigator.clipboard.writeText(text)`, or `None` where there is no clipboard API (insecure
/// contexts, sandboxed frames, old browsers). Called through `Reflect` so a missing API is a
/// `None` rather than an exception.
fn write_clipboard(text: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}
