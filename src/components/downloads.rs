//! "Download": the current filtered view as iCalendar, CSV, GeoJSON or a feed, made in the browser.

use crate::data::Ready;
use crate::filter_state::FilterState;
use hallway_core::export::{
    export_with, file_name, markdown_sources, Converted, Format, MarkdownSources, Options,
};
use hallway_core::remote::{Answer, Job};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

const FORMATS: [(Format, &str); 5] = [
    (Format::Ical, "Calendar (.ics)"),
    (Format::Csv, "Spreadsheet (.csv)"),
    (Format::GeoJson, "Map points (.geojson)"),
    (Format::Atom, "Atom feed of reports"),
    (Format::JsonFeed, "JSON Feed of reports"),
];

#[component]
pub fn Downloads(ready: Arc<Ready>, state: FilterState) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let buttons = FORMATS
        .into_iter()
        .map(|(format, label)| {
            let ready = ready.clone();
            let on_click = move |_| {
                // The same core code as `hallway export`: the view the format can list, same filter.
                let mut filter = state.filter();
                filter.view = format.view_for(filter.view);
                let items = ready.query.items(&filter);
                let origin = crate::url::site_url();
                let options = Options { base_url: origin, now: None, bundles: view_bundles() };
                let sources = markdown_sources(&ready.data, format, filter.view, &items, &options);
                let ready = ready.clone();
                let finish = move |converted: Converted, note: Option<String>| {
                    match export_with(&ready.data, format, filter.view, &items, &options, &converted) {
                        Ok(out) => {
                            let name = file_name(&filter, format.extension());
                            let saved = match out.notes.len() {
                                0 => format!("Saved {name}."),
                                n => format!("Saved {name}; {} could not be included.", hallway_core::text::count(n, "item", "items")),
                            };
                            let saved = match note {
                                Some(note) => format!("{saved} {note}"),
                                None => saved,
                            };
                            message.set(Some(match save(&name, format.media_type(), &out.text) {
                                Ok(()) => saved,
                                Err(()) => "The browser refused the download.".to_string(),
                            }));
                        }
                        Err(e) => message.set(Some(e.to_string())),
                    }
                };
                if sources == MarkdownSources::default() {
                    finish(Converted::default(), None);
                    return;
                }
                // Feeds and calendars carry converted Markdown: the worker does it first.
                message.set(Some("Preparing the file…".to_string()));
                leptos::task::spawn_local(async move {
                    let (converted, note) = convert(sources).await;
                    finish(converted, note);
                });
            };
            view! { <li><button type="button" class="download" data-format=format.name() on:click=on_click>{label}</button></li> }
        })
        .collect_view();
    view! {
        <details class="downloads">
            <summary>"Download"</summary>
            <ul>{buttons}</ul>
            <p class="muted" role="status">{move || message.get()}</p>
        </details>
    }
}

/// "Download schedule": the event's talks as a frab / C3VOC `schedule.json`, for schedule apps.
#[component]
pub fn FrabDownload(ready: Arc<Ready>, event: u32) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let on_click = move |_| {
        let d = &ready.data;
        let Some(e) = d.bundle.events.get(event as usize) else {
            return;
        };
        let talks = &d.index.talks_of_event[event as usize];
        let origin = crate::url::site_url();
        let options = Options {
            base_url: origin,
            now: None,
            bundles: view_bundles(),
        };
        let note = match hallway_core::export::frab::schedule(d, event, talks, &options) {
            Ok(out) => {
                // Named after the view: the event's id (a slug, so safe as a file name).
                let name = format!("hallway-{}.{}", e.id, Format::Frab.extension());
                match save(&name, Format::Frab.media_type(), &out.text) {
                    Ok(()) if out.notes.is_empty() => format!("Saved {name}."),
                    Ok(()) => format!(
                        "Saved {name}; {} talk(s) without a start time are not in it.",
                        out.notes.len()
                    ),
                    Err(()) => "The browser refused the download.".to_string(),
                }
            }
            Err(e) => e.to_string(),
        };
        message.set(Some(note));
    };
    view! {
        <span class="frab-download">
            <button type="button" class="download" data-format=Format::Frab.name() on:click=on_click>
                "Download schedule (frab JSON)"
            </button>
            <span class="muted" role="status">{move || message.get()}</span>
        </span>
    }
}

/// The worker's conversions of `sources`; when it cannot help, the texts go in as written (a
/// feed escapes them) and the note says so.
async fn convert(sources: MarkdownSources) -> (Converted, Option<String>) {
    let mut failed = false;
    let mut batch = |answer: Result<Answer, String>| match answer {
        Ok(Answer::Texts(texts)) => texts,
        Ok(Answer::Tree(_) | Answer::Checked(_)) | Err(_) => {
            failed = true;
            Vec::new()
        }
    };
    let html = if sources.html.is_empty() {
        Vec::new()
    } else {
        batch(crate::worker::ask(Job::Html(sources.html.clone())).await)
    };
    let plain = if sources.plain.is_empty() {
        Vec::new()
    } else {
        batch(crate::worker::ask(Job::Plain(sources.plain.clone())).await)
    };
    let note =
        failed.then(|| "Formatting could not be loaded, so texts are as written.".to_string());
    (Converted::new(sources, html, plain), note)
}

/// The page's `bundle` parameters, for links back into the app from an export.
fn view_bundles() -> Vec<String> {
    crate::url::sticky()
        .get_all(hallway_core::url::param::BUNDLE)
        .collect()
}

/// Hands `text` to the browser as a file download through a Blob URL.
fn save(name: &str, media_type: &str, text: &str) -> Result<(), ()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| ())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ())?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(())?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The click has started the download; the URL can go once the event loop moves on.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
