//! The overview strip: a histogram of items over time; drag or use arrow keys to pick a range.

use crate::components::shared::Shared;
use crate::data::Ready;
use crate::filter_state::{FilterState, History};
use hallway_core::query::{DateRange, Results};
use hallway_core::timeline::Histogram;
use leptos::prelude::*;
use std::sync::Arc;

const HEIGHT: f64 = 64.0;
/// Room under the bars for the year labels.
const AXIS: f64 = 16.0;
/// The least distance between two year labels, in pixels (a four-digit year and some air).
const TICK_GAP: f64 = 40.0;

#[component]
pub fn OverviewStrip(
    ready: Arc<Ready>,
    state: FilterState,
    results: Memo<Shared<Results>>,
) -> impl IntoView {
    let container = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(800.0);
    // The strip's width from a ResizeObserver, which reports after the browser's own layout:
    // measuring on mount forced a layout of the whole page before the first rows were painted.
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            observe_width(&el, width);
        }
    });

    let hist = Memo::new(move |_| {
        Shared::new(Histogram::for_results(
            &ready.query,
            &results.get(),
            width.get(),
            HEIGHT,
        ))
    });
    let range = move || state.current.read().0.range;
    let drag = RwSignal::new(None::<(f64, f64)>);
    // The bar under the pointer, named in a tooltip: one element for all bars, as they are one
    // path (see `Histogram::path`).
    let hover = RwSignal::new(None::<usize>);

    let set_range = move |r: Option<DateRange>| {
        let mut f = state.filter();
        if f.range != r {
            f.range = r;
            state.set(f, History::Push);
        }
    };
    let x_of = |ev: &web_sys::PointerEvent| ev.offset_x() as f64;
    let on_down = move |ev: web_sys::PointerEvent| {
        if let Some(t) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        {
            let _ = t.set_pointer_capture(ev.pointer_id());
        }
        let x = x_of(&ev);
        drag.set(Some((x, x)));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let x = x_of(&ev);
        if let Some((x0, _)) = drag.get_untracked() {
            drag.set(Some((x0, x)));
        }
        let bar = hist.with_untracked(|h| h.bar_at(x));
        if hover.get_untracked() != bar {
            hover.set(bar);
        }
    };
    let on_up = move |_ev: web_sys::PointerEvent| {
        if let Some((x0, x1)) = drag.get_untracked() {
            drag.set(None);
            let h = hist.get_untracked();
            set_range(h.range_at(x0.min(x1), x0.max(x1)));
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let h = hist.get_untracked();
        let by = match ev.key().as_str() {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            "Escape" | "Delete" | "Backspace" => {
                ev.prevent_default();
                set_range(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let next = match state.current.read_untracked().0.range {
            None => h.bars.last().map(|b| DateRange::between(b.start, b.end)),
            Some(r) if ev.shift_key() => h.resize(r, by),
            Some(r) => h.step(r, by),
        };
        if next.is_some() {
            set_range(next);
        }
    };

    let all_path = move || hist.read().path(false);
    let in_path = move || hist.read().path(true);
    let hovered = move || {
        let i = hover.get()?;
        let h = hist.read();
        let b = h.bars.get(i)?;
        Some((b.x, b.width, h.width, h.label(i)?))
    };
    let hover_bar = move || {
        hovered().map(|(x, w, _, _)| {
            view! { <rect class="bar-hover" x=format!("{x:.2}") y="0" width=format!("{w:.2}") height=HEIGHT /> }
        })
    };
    let tip = move || {
        hovered().map(|(x, w, full, label)| {
            // Kept inside the strip: centred on the bar, but anchored at an edge near the ends.
            let centre = x + w / 2.0;
            let (side, at) = if centre < 80.0 {
                ("left", 0.0)
            } else if centre > full - 80.0 {
                ("right", 0.0)
            } else {
                ("left", centre)
            };
            let class = if at == 0.0 { "strip-tip" } else { "strip-tip centred" };
            view! { <p class=class aria-hidden="true" style=format!("{side}: {at:.0}px")>{label}</p> }
        })
    };
    let ticks = move || {
        hist.read()
            .ticks(TICK_GAP)
            .into_iter()
            .map(|t| {
                view! { <text class="tick" x=format!("{:.2}", t.x + 1.0) y=HEIGHT + AXIS - 4.0>{t.label}</text> }
            })
            .collect_view()
    };
    let selection = move || {
        let (x0, x1) = match drag.get() {
            Some((a, b)) => (a.min(b), a.max(b)),
            None => hist.get().selection_x(range()?)?,
        };
        Some(
            view! { <rect class="selection" x=format!("{x0:.2}") y="0" width=format!("{:.2}", (x1 - x0).max(2.0)) height=HEIGHT /> },
        )
    };
    // A slider needs a number (ARIA 1.2): the bar where the range starts, 0 for all dates.
    // Screen readers say `aria-valuetext` (the dates) instead of this number.
    let bar_count = move || hist.read().bars.len().saturating_sub(1);
    let value_now = move || match range().and_then(|r| r.from) {
        Some(a) => hist
            .read()
            .bars
            .iter()
            .position(|b| b.end >= a)
            .unwrap_or(0),
        None => 0,
    };
    // "Showing 2014 to 2015.", "Showing until 2014." (an open end from a URL).
    let summary = move || match range() {
        Some(DateRange {
            from: Some(a),
            to: Some(b),
        }) if a == b => format!("Showing {a}."),
        Some(r) => format!("Showing {r}."),
        None => "All dates.".to_string(),
    };

    view! {
        <div class="strip" node_ref=container>
            <svg
                class="strip-svg"
                role="slider"
                tabindex="0"
                aria-label="Date range. Drag across the chart, or use the arrow keys to move a range and Shift with arrows to widen it; Escape clears it."
                aria-valuetext=summary
                aria-valuemin="0"
                aria-valuemax=bar_count
                aria-valuenow=value_now
                width=move || width.get()
                height=HEIGHT + AXIS
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointerleave=move |_| hover.set(None)
                on:keydown=on_key
            >
                <path class="bar-all" d=all_path />
                <path class="bar-in" d=in_path />
                {hover_bar}
                <g aria-hidden="true">{ticks}</g>
                {selection}
            </svg>
            {tip}
            <p class="strip-summary muted">
                {summary}
                <Show when=move || range().is_some()>
                    " "<button type="button" class="link-button" on:click=move |_| set_range(None)>"Clear dates"</button>
                </Show>
            </p>
        </div>
    }
}

/// Keeps `width` at `el`'s content width. The observer lives as long as the element: it is
/// disconnected when the component goes.
fn observe_width(el: &web_sys::HtmlDivElement, width: RwSignal<f64>) {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let target = el.clone();
    let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_entries: JsValue| {
        // Inside the observer's callback layout is fresh, so reading it costs nothing.
        let w = target.client_width() as f64;
        if w > 0.0 && width.try_get_untracked() != Some(w) {
            width.try_set(w);
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(el);
    // JS handles are not `Send`; cleanup runs on this thread, where they were made.
    let held = send_wrapper::SendWrapper::new((observer, on_resize));
    on_cleanup(move || held.0.disconnect());
}
