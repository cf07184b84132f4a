//! `/`: the timeline. Events, talks or reports narrowed by facets, text and dates; all in the URL.

use crate::components::downloads::Downloads;
use crate::components::embed_dialog::EmbedButton;
use crate::components::facets::FacetPanel;
use crate::components::hallway_summary::HallwaySummary;
use crate::components::links::embedded;
use crate::components::map::ConferenceMap;
use crate::components::results::ResultList;
use crate::components::shared::Shared;
use crate::components::strip::OverviewStrip;
use crate::data::use_ready;
use crate::document::{mark, set_title};
use crate::filter_state::{filter_state, FilterState, History};
use hallway_core::embed::Target;
use hallway_core::query::{Facet, Results, Sort, View};
use hallway_core::url::param;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let Some(ready) = use_ready() else {
        return ().into_any();
    };
    set_title("");
    let state = filter_state(ready.clone());
    let ready_run = ready.clone();
    let text = Signal::derive(move || state.current.read().0.text.clone());
    // A split bundle's search chunks arrive after the keystroke: run again when they do.
    let chunks = crate::texts::follow_full_text(ready.clone(), text);
    let results = Memo::new(move |prev: Option<&Shared<Results>>| {
        chunks.track();
        let filter = state.current.read();
        // While the chunks a query needs are on their way, keep the rows shown: rendering the
        // partial results first would paint twice and put a second render before the real one.
        if let Some(prev) =
            prev.filter(|_| crate::texts::awaiting_chunks(&ready_run, &filter.0.text))
        {
            return prev.clone();
        }
        Shared::new(ready_run.query.run(&filter.0))
    });
    let view_of = move || state.current.read().0.view;

    // Performance marks for the benchmarks: first rows, then every later result update. Set
    // once the rows are in the DOM (effects run after the render they follow, in the same
    // task), so the next frame is the one that paints them, as the plain page marks its own.
    let first = StoredValue::new(true);
    let ready_idle = ready.clone();
    Effect::new(move |_| {
        results.track();
        if first.get_value() {
            first.set_value(false);
            mark("hallway:first-rows");
            let ready_idle = ready_idle.clone();
            request_animation_frame(move || {
                // The frame may come after the reader has left the timeline: then its scroll
                // position is not this page's to restore.
                if crate::url::current_path() == "/" {
                    restore_scroll();
                }
                // One frame later still: the idle time right after the first rows' frame is
                // the next frame's to take, not the search index's.
                request_animation_frame(move || prepare_search_when_idle(ready_idle));
            });
        }
        mark("hallway:results-rendered");
    });
    let save = window_event_listener(leptos::ev::scroll, move |_| save_scroll());
    let escape = close_menus_on_escape();
    on_cleanup(move || {
        save.remove();
        escape.remove();
    });

    let count_text = move || {
        let n = results.read().total;
        let (one, many) = match view_of() {
            View::Events => ("event", "events"),
            View::Talks => ("talk", "talks"),
            View::Reports => ("report", "reports"),
        };
        hallway_core::text::count(n, one, many)
    };
    let set_view = move |v: View| {
        let mut f = state.filter();
        f.view = v;
        state.set(f, History::Push);
    };
    let tabs = View::ALL
        .into_iter()
        .map(|v| {
            let label = match v {
                View::Events => "Events",
                View::Talks => "Talks",
                View::Reports => "Reports",
            };
            view! {
                <button type="button" class="tab" aria-pressed=move || (view_of() == v).to_string() on:click=move |_| set_view(v)>{label}</button>
            }
        })
        .collect_view();
    let set_sort = move |s: Sort| {
        let mut f = state.filter();
        f.sort = s;
        state.set(f, History::Push);
    };
    let sort_of = move || state.current.read().0.sort;
    // From the router's location, not from the filter: `panel=` is not part of the filter, so
    // a memo of the filter would not change when only the panel does (issue 14, item 1).
    let query = crate::url::use_query();
    let map_open =
        Memo::new(move |_| query.read().get(param::PANEL).as_deref() == Some(param::PANEL_MAP));
    let edit_query = crate::url::edit_query(false);
    let toggle_map = move |_| {
        let open = !map_open.get_untracked();
        edit_query(&|q| {
            q.set(param::PANEL, open.then_some(param::PANEL_MAP));
        })
    };
    let ready_map = ready.clone();
    let map_events = Memo::new(move |_| {
        let r = results.get();
        hallway_core::query::events_of(&ready_map.data, r.view, &r.items)
    });
    let ready_panel = ready.clone();
    let ready_strip = ready.clone();
    let ready_list = ready.clone();
    let ready_empty = ready.clone();
    let ready_downloads = ready.clone();
    let ready_summary = ready.clone();
    let ready_chips = ready.clone();
    let ready_focus = ready.clone();
    let is_embedded = embedded().is_some();
    let bundle_title = ready.data.bundle.title.clone();
    let embed_title = bundle_title.clone();
    // Embedded, the one heading names the view too: the host page has its own context.
    let heading = move || {
        if is_embedded {
            format!("{bundle_title}: {}", Target::Timeline(view_of()).title())
        } else {
            bundle_title.clone()
        }
    };
    let embed_target = Signal::derive(move || Target::Timeline(view_of()));
    let embed_filter = Signal::derive(move || state.filter());
    let embed_name =
        Signal::derive(move || format!("{embed_title}: {}", Target::Timeline(view_of()).title()));

    view! {
        <h1 class="page-title" class:embed-title=is_embedded>{heading}</h1>
        {(!is_embedded).then(|| view! { <HallwaySummary ready=ready_summary state /> })}
        <div class="timeline-layout">
            <aside class="filters" aria-labelledby="filters-title">
                <h2 id="filters-title" class="visually-hidden">"Filters"</h2>
                <label for="search" class="search-label">"Search"</label>
                <input
                    type="search"
                    id="search"
                    autocomplete="off"
                    placeholder="Talks, people, events, cities…"
                    prop:value=move || text.get()
                    on:focus=move |_| ready_focus.query.prepare_search()
                    on:input=move |ev| {
                        let mut f = state.filter();
                        f.text = event_target_value(&ev);
                        state.set(f, History::Typing);
                    }
                />
                <crate::texts::FullTextStatus />
                <FacetPanel state results />
            </aside>
            <section class="timeline" aria-labelledby="timeline-title">
                <h2 id="timeline-title" class="visually-hidden">"Timeline"</h2>
                <div class="toolbar">
                    <div class="tabs" role="group" aria-label="Show">{tabs}</div>
                    <div class="sort" role="group" aria-label="Order">
                        <button type="button" aria-pressed=move || (sort_of() == Sort::Newest).to_string() on:click=move |_| set_sort(Sort::Newest)>"Newest first"</button>
                        <button type="button" aria-pressed=move || (sort_of() == Sort::Oldest).to_string() on:click=move |_| set_sort(Sort::Oldest)>"Oldest first"</button>
                    </div>
                    <button type="button" class="map-toggle" aria-pressed=move || map_open.get().to_string() on:click=toggle_map>
                        {move || if map_open.get() { "Hide map" } else { "Show map" }}
                    </button>
                    {(!is_embedded).then(|| view! {
                        <Downloads ready=ready_downloads state />
                        <EmbedButton target=embed_target filter=embed_filter title=embed_name />
                    })}
                </div>
                <p id="result-count" class="result-count" role="status" aria-live="polite">{count_text}</p>
                <ActiveFilters ready=ready_chips state />
                <Notices state />
                <OverviewStrip ready=ready_strip state results />
                <Show when=move || map_open.get()>
                    <div class="map-panel">
                        <ConferenceMap ready=ready_panel.clone() events=map_events />
                    </div>
                </Show>
                <Show when=move || results.read().total == 0>
                    <EmptyState ready=ready_empty.clone() state />
                </Show>
                <ResultList ready=ready_list results text />
            </section>
        </div>
    }
    .into_any()
}

/// The active filters as removable chips, and "Clear all".
#[component]
fn ActiveFilters(ready: std::sync::Arc<crate::data::Ready>, state: FilterState) -> impl IntoView {
    move || {
        let (f, _) = state.current.get();
        if !f.is_narrowed() {
            return None;
        }
        let mut chips = Vec::new();
        for facet in Facet::ALL {
            for key in f.selected(facet) {
                let mut without = f.clone();
                without.toggle(facet, &key);
                // The facet's own label (a project's name), not the key in the URL (its id).
                let label = ready.query.label(facet, &key).unwrap_or(&key);
                chips.push((format!("{}: {label}", facet.title()), without));
            }
        }
        if !f.text.trim().is_empty() {
            let mut without = f.clone();
            without.text.clear();
            chips.push((format!("Text: {}", f.text), without));
        }
        let all = hallway_core::query::Filter {
            view: f.view,
            sort: f.sort,
            ..Default::default()
        };
        Some(view! {
            <ul class="active-filters" aria-label="Active filters">
                {chips.into_iter().map(|(label, without)| {
                    let aria = format!("Remove {label}");
                    view! {
                        <li><A href=FilterState::href(&without) attr:class="chip removable" attr:aria-label=aria>{label}" ×"</A></li>
                    }
                }).collect_view()}
                <li><A href=FilterState::href(&all) attr:class="clear-all">"Clear all"</A></li>
            </ul>
        })
    }
}

/// Values in the URL that this bundle does not have: dropped, and said so.
#[component]
fn Notices(state: FilterState) -> impl IntoView {
    move || {
        let notices = state.current.read().1.clone();
        (!notices.is_empty()).then(|| view! {
            <div class="notice" role="status">{notices.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}</div>
        })
    }
}

/// No results: which filters to drop, each as one click.
#[component]
fn EmptyState(ready: std::sync::Arc<crate::data::Ready>, state: FilterState) -> impl IntoView {
    let relax = ready.query.suggest_relaxations(&state.filter());
    view! {
        <div class="empty">
            <p>"Nothing matches all of these filters."</p>
            {(!relax.is_empty()).then(|| view! {
                <p>"Try:"</p>
                <ul>
                    {relax.into_iter().map(|r| view! {
                        <li><A href=FilterState::href(&r.filter)>{format!("{} ({} results)", r.description, r.count)}</A></li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// Escape closes an open `<details>` menu (the Download menu) that holds the focus and puts the
/// focus back on its summary. The menu is plain HTML, so one window listener serves them all.
fn close_menus_on_escape() -> WindowListenerHandle {
    window_event_listener(leptos::ev::keydown, |ev| {
        if ev.key() != "Escape" {
            return;
        }
        let Some(active) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
        else {
            return;
        };
        let Ok(Some(details)) = active.closest("details[open]") else {
            return;
        };
        ev.prevent_default();
        let _ = details.remove_attribute("open");
        if let Ok(Some(summary)) = details.query_selector("summary") {
            use wasm_bindgen::JsCast;
            let _ = summary.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    })
}

/// Builds the search index in the browser's idle time after the first rows (the search box's
/// focus builds the rest at once, and so does a search typed before it is done), so that
/// neither loading nor the first keystroke waits for it. It is built a slice at a time, each
/// within its idle callback's deadline: in one piece it held the page for about a second at
/// 100,000 talks, and a reader scrolling or choosing a facet meanwhile waited for it.
/// `requestIdleCallback` through `Reflect`: some browsers lack it, and there a timeout stands
/// in, with a short budget per slice.
fn prepare_search_when_idle(ready: std::sync::Arc<crate::data::Ready>) {
    if !ready.query.search_ready() {
        // Marks for the benchmarks: how long the deferred search index takes to build.
        mark("hallway:search-start");
        idle_search_slice(ready);
    }
}

/// Milliseconds a slice may take without an idle deadline to ask (see `idle_search_slice`).
const SLICE_BUDGET_MS: f64 = 8.0;
/// Items added between two looks at the clock: a look is a call into JavaScript.
const ITEMS_PER_LOOK: u32 = 8;
/// A slice stops with this much of its time left: the items added before the next look, and
/// the pass's end (sorting the dictionary), may take that long.
const SLICE_MARGIN_MS: f64 = 4.0;

fn idle_search_slice(ready: std::sync::Arc<crate::data::Ready>) {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let Some(w) = web_sys::window() else { return };
    let slice = Closure::once_into_js(move |deadline: JsValue| {
        let now = || {
            web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now())
        };
        // An `IdleDeadline` says how long is left; a timeout's call has none.
        let time_remaining = js_sys::Reflect::get(&deadline, &JsValue::from_str("timeRemaining"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let end = now() + SLICE_BUDGET_MS;
        let left = || match &time_remaining {
            Some(f) => f
                .call0(&deadline)
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0),
            None => end - now(),
        };
        let mut added = 0u32;
        let done = ready.query.prepare_search_within(&mut || {
            added += 1;
            !added.is_multiple_of(ITEMS_PER_LOOK) || left() > SLICE_MARGIN_MS
        });
        if done {
            mark("hallway:search-ready");
        } else {
            idle_search_slice(ready);
        }
    });
    let idle = js_sys::Reflect::get(&w, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(idle) => {
            let _ = idle.call1(&w, &slice);
        }
        None => {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(slice.unchecked_ref(), 50);
        }
    }
}

fn scroll_key() -> String {
    format!("hallway:scroll:{}", crate::url::current_query())
}

fn save_scroll() {
    let Some(w) = web_sys::window() else { return };
    // The listener may outlive the page by a moment during navigation: only the timeline saves.
    if crate::url::current_path() != "/" {
        return;
    }
    if let (Ok(Some(store)), Ok(y)) = (w.session_storage(), w.scroll_y()) {
        let _ = store.set_item(&scroll_key(), &y.to_string());
    }
}

/// Back from a talk: the list comes back where the reader left it.
fn restore_scroll() {
    let Some(w) = web_sys::window() else { return };
    let y = w
        .session_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(&scroll_key()).ok().flatten())
        .and_then(|v| v.parse::<f64>().ok());
    if let Some(y) = y {
        w.scroll_to_with_x_and_y(0.0, y);
    }
}
