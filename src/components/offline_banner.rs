//! What the app says about the network: download progress, the "showing saved data" banner, and the offer of newer data.

use crate::data::{use_bundle, Progress, State, Update, ATTEMPTS};
use leptos::prelude::*;

/// The loading state: how much of the bundle has arrived, and which try this is.
#[component]
pub fn LoadingStatus() -> impl IntoView {
    let bundle = use_bundle();
    let text = move || progress_text(bundle.progress.get());
    view! { <p class="loading" role="status" aria-live="polite">{text}</p> }
}

fn progress_text(p: Progress) -> String {
    let mut text = String::from("Loading conference data…");
    match (p.loaded, p.total) {
        (0, _) => {}
        (loaded, Some(total)) if total > 0 => text.push_str(&format!(
            " {} of {} ({}%)",
            size(loaded),
            size(total),
            (loaded.min(total) * 100) / total
        )),
        (loaded, _) => text.push_str(&format!(" {}", size(loaded))),
    }
    if p.attempt > 1 {
        text.push_str(&format!(" (try {} of {ATTEMPTS})", p.attempt));
    }
    text
}

fn size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.0} kB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Shown above the page when the data came from the offline cache, or newer data is available.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let bundle = use_bundle();
    let cached_at = move || match bundle.state.get() {
        State::Ready(r) => r.cached_at.clone(),
        _ => None,
    };
    move || {
        match (bundle.update.get(), cached_at()) {
        (Update::Available, _) => view! {
            <aside class="problems offline" role="status">
                <p>"New data available."</p>
                <button type="button" class="button" on:click=move |_| bundle.retry()>"Reload"</button>
            </aside>
        }
        .into_any(),
        // The network answered with the same bytes: the saved copy is the latest after all.
        (Update::Current, _) | (_, None) => ().into_any(),
        (Update::Unchecked, Some(saved)) => view! {
            <aside class="problems offline" role="status">
                <p>{format!("Showing data from {}; the latest could not be loaded.", local_time(&saved))}</p>
            </aside>
        }
        .into_any(),
    }
    }
}

/// The saved time in the reader's locale, or as written when it does not parse.
fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string("default", &options).into()
}
