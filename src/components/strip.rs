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
    let measure = move || {
        if let Some(el) = container.get_untracked() {
            let w = el.get_bounding_client_rect().width();
            if w > 0.0 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if container.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

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
        if let Some((x0, _)) = drag.get_untracked() {
            drag.set(Some((x0, x_of(&ev))));
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

    let bars = move || {
        let h = hist.get();
        h.bars
            .iter()
            .map(|b| {
                let label = format!("{}: {} of {}", b.start, b.filtered_count, b.count);
                view! {
                    <g>
                        <title>{label}</title>
                        <rect class="bar-all" x=format!("{:.2}", b.x) y=format!("{:.2}", HEIGHT - b.height) width=format!("{:.2}", b.width) height=format!("{:.2}", b.height) />
                        <rect class="bar-in" x=format!("{:.2}", b.x) y=format!("{:.2}", HEIGHT - b.filtered_height) width=format!("{:.2}", b.width) height=format!("{:.2}", b.filtered_height) />
                    </g>
                }
            })
            .collect_view()
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
                on:keydown=on_key
            >
                {bars}
                <g aria-hidden="true">{ticks}</g>
                {selection}
            </svg>
            <p class="strip-summary muted">
                {summary}
                <Show when=move || range().is_some()>
                    " "<button type="button" class="link-button" on:click=move |_| set_range(None)>"Clear dates"</button>
                </Show>
            </p>
        </div>
    }
}
