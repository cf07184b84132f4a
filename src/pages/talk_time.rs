//! A talk's time in the event's zone, with a toggle to the reader's zone that is remembered.

use hallway_core::related::talk_time;
use hallway_core::DateTime;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// localStorage key; the value is `reader` or `event`.
const STORAGE_KEY: &str = "hallway.timezone";

fn storage() -> Option<web_sys::Storage> {
    // Storage may be refused (privacy settings, sandboxed frames): then the toggle just forgets.
    web_sys::window()?.local_storage().ok().flatten()
}

fn remembered_reader_zone() -> bool {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .is_some_and(|v| v == "reader")
}

fn remember(reader: bool) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, if reader { "reader" } else { "event" });
    }
}

/// The reader's UTC offset at the talk's instant (it differs with daylight saving time).
fn reader_offset(start: &DateTime) -> i16 {
    let ms = start.unix_seconds() as f64 * 1000.0;
    let minutes_west = js_sys::Date::new(&JsValue::from_f64(ms)).get_timezone_offset();
    if minutes_west.is_finite() {
        (-minutes_west).clamp(-1440.0, 1440.0) as i16
    } else {
        0
    }
}

/// The reader's IANA zone name, e.g. `Europe/Berlin`, from `Intl.DateTimeFormat`.
fn reader_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

#[component]
pub fn TalkTime(start: DateTime, duration_min: Option<u32>, zone: Option<String>) -> impl IntoView {
    let reader = RwSignal::new(remembered_reader_zone());
    let event_text = talk_time(
        start,
        duration_min,
        start.offset_minutes,
        zone.as_deref().unwrap_or(""),
    );
    let reader_text = format!(
        "{} in your time zone",
        talk_time(start, duration_min, reader_offset(&start), &reader_zone())
    );
    let toggle = move |_| {
        let next = !reader.get_untracked();
        reader.set(next);
        remember(next);
    };
    view! {
        <span class="talk-time">
            <time datetime=start.to_string()>
                {move || if reader.get() { reader_text.clone() } else { event_text.clone() }}
            </time>
            " "
            <button type="button" class="link-button tz-toggle" aria-pressed=move || reader.get().to_string() on:click=toggle>
                {move || if reader.get() { "Show in the event's time zone" } else { "Show in my time zone" }}
            </button>
        </span>
    }
}
