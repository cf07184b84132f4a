//! The result list: rows grouped by month, windowed so that only rows near the viewport exist.
//!
//! Rows have fixed heights (see `style/timeline.css`), so the window is computed from the scroll
//! position alone, without measuring rows.

use crate::components::links::{path, EntityLink, PageLink};
use crate::components::shared::Shared;
use crate::components::source_notice::ReportSource;
use crate::data::Ready;
use hallway_core::date::format_range;
use hallway_core::query::{highlight, Results, View};
use hallway_core::timeline::{ListLayout, Row};
use leptos::prelude::*;
use std::sync::Arc;

const HEADING_PX: f64 = 44.0;
const ROW_PX: f64 = 96.0;
/// Rows rendered above and below the viewport, in pixels.
const OVERSCAN_PX: f64 = 800.0;

#[component]
pub fn ResultList(
    ready: Arc<Ready>,
    results: Memo<Shared<Results>>,
    text: Signal<String>,
) -> impl IntoView {
    let list = NodeRef::<leptos::html::Div>::new();
    let ready_layout = ready.clone();
    // The layout with the results it was built from, so that rows always read their own items.
    let layout = Memo::new(move |_| {
        let r = results.get();
        let l = ListLayout::new(
            &r.items,
            |i| ready_layout.query.date_of(r.view, i),
            HEADING_PX,
            ROW_PX,
        );
        Shared::new((r, l))
    });
    // The viewport in list coordinates, updated on scroll and resize (once per frame).
    let viewport = RwSignal::new((0.0, 1200.0));
    let measure = move || {
        // Runs from animation frames that may fire after the page is gone: every access is
        // a `try_` that gives up quietly on disposed values.
        let (Some(Some(el)), Some(win)) = (list.try_get_untracked(), web_sys::window()) else {
            return;
        };
        let top = el.get_bounding_client_rect().top();
        let height = win
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(1000.0);
        // A list that starts below the fold (after the home page's lead, on a phone) still
        // renders its first screenful, as if scrolled to: the rows exist for find-in-page and
        // for the reader's first scroll, at the cost of one screen of rows.
        viewport.try_set((-top, (-top + height).max(height)));
    };
    let pending = StoredValue::new(false);
    let schedule = move || {
        if pending.try_get_value() == Some(false) {
            pending.try_set_value(true);
            request_animation_frame(move || {
                pending.try_set_value(false);
                measure();
            });
        }
    };
    let scroll = window_event_listener(leptos::ev::scroll, move |_| schedule());
    let resize = window_event_listener(leptos::ev::resize, move |_| schedule());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    Effect::new(move |_| {
        if list.get().is_some() {
            layout.track();
            schedule();
        }
    });

    let window = Memo::new(move |_| {
        let (top, bottom) = viewport.get();
        layout
            .read()
            .1
            .window(top - OVERSCAN_PX, bottom + OVERSCAN_PX)
    });
    let top_pad = move || format!("{}px", layout.read().1.offset(window.get().start));
    let bottom_pad = move || {
        let l = &layout.read().1;
        format!("{}px", l.height() - l.offset(window.get().end))
    };
    let current_group = move || {
        layout
            .read()
            .1
            .heading_at(viewport.get().0)
            .map(|h| h.to_string())
    };

    let ready_rows = ready.clone();
    // Only the rows in the window, each a small copyable value that is also its own key.
    let visible = move || {
        let range = window.get();
        let laid = layout.read();
        let (r, l): &(Shared<Results>, ListLayout) = &laid;
        range
            .filter_map(|k| l.row(k, &r.items))
            .map(|row| (row, r.view))
            .collect::<Vec<_>>()
    };
    let total = move || results.read().items.len();

    view! {
        <div class="results" id="results" node_ref=list>
            {move || current_group().map(|g| view! { <div class="current-group" aria-hidden="true">{g}</div> })}
            <div class="spacer" style:height=top_pad></div>
            <ul class="rows" aria-label="Results">
                <For
                    each=visible
                    key=|&(row, view)| (row, view)
                    children=move |(row, view)| {
                        let ready = ready_rows.clone();
                        match row {
                            Row::Heading(h) => view! { <li class="group-row"><h3 class="group-heading">{h.to_string()}</h3></li> }.into_any(),
                            Row::Item(i) => view! {
                                <li class="row" aria-setsize=total>{move || item(&ready, view, i, &text.get())}</li>
                            }
                            .into_any(),
                        }
                    }
                />
            </ul>
            <div class="spacer" style:height=bottom_pad></div>
        </div>
    }
}

/// Text with the search matches marked.
fn marked(text: &str, query: &str) -> AnyView {
    if query.trim().is_empty() {
        return text.to_string().into_any();
    }
    highlight(text, query)
        .into_iter()
        .map(|(r, hit)| {
            let s = text[r].to_string();
            if hit {
                view! { <mark>{s}</mark> }.into_any()
            } else {
                s.into_any()
            }
        })
        .collect_view()
        .into_any()
}

fn item(ready: &Ready, view: View, i: u32, q: &str) -> AnyView {
    let d = &ready.data;
    match view {
        View::Events => {
            let Some(e) = d.bundle.events.get(i as usize) else {
                return ().into_any();
            };
            let place = d.event_location(e).unwrap_or_default();
            let series = e
                .series
                .as_deref()
                .and_then(|s| d.series(s))
                .map(|(_, s)| s.name.clone());
            let talks = d.index.talks_of_event[i as usize].len();
            let reports: Vec<_> = d.index.reports_of_event[i as usize]
                .iter()
                .take(2)
                .map(|&r| &d.bundle.reports[r as usize])
                .collect();
            let chips = e
                .projects
                .iter()
                .filter_map(|p| d.project(p))
                .map(|(_, p)| view! { <span class="chip">{p.name.clone()}</span> })
                .collect_view();
            let title = marked(&e.name, q);
            view! {
                <article class="item event-item">
                    <h4><PageLink href=path("events", &e.id)>{title}</PageLink></h4>
                    <p class="meta">
                        {format_range(e.start, e.last_day())}" · "{marked(&place, q)}
                        {series.map(|s| format!(" · {s}"))}
                        // An imported event with no talks or reports yet says nothing rather than "0 talks".
                        {hallway_core::overview::nonzero_counts(&[(talks, "talk", "talks"), (d.index.reports_of_event[i as usize].len(), "report", "reports")]).map(|c| format!(" · {c}"))}
                    </p>
                    <p class="meta chips-line">
                        {chips}
                        {reports.into_iter().map(|r| view! { <span class="report-link">"Report: "<EntityLink kind="reports" id=r.id.clone() label=r.title.clone() /></span> }).collect_view()}
                    </p>
                </article>
            }
            .into_any()
        }
        View::Talks => {
            let Some(t) = d.bundle.talks.get(i as usize) else {
                return ().into_any();
            };
            let speakers = d.speaker_names(t).join(", ");
            let event = d.event_of_talk_row(i);
            let when = t
                .day()
                .or(event.map(|e| e.start))
                .map(|d| d.long())
                .unwrap_or_default();
            let chips = t
                .projects
                .iter()
                .filter_map(|p| d.project(p))
                .map(|(_, p)| view! { <span class="chip">{p.name.clone()}</span> })
                .collect_view();
            let title = marked(&t.title, q);
            view! {
                <article class="item talk-item">
                    <h4><PageLink href=path("talks", &t.id)>{title}</PageLink></h4>
                    <p class="meta">{marked(&speakers, q)}" · "{event.map(|e| marked(&e.name, q))}" · "{when}</p>
                    <p class="meta chips-line">{chips}</p>
                </article>
            }
            .into_any()
        }
        View::Reports => {
            let Some(r) = d.bundle.reports.get(i as usize) else {
                return ().into_any();
            };
            let title = marked(&r.title, q);
            view! {
                <article class="item report-item">
                    <h4><PageLink href=path("reports", &r.id)>{title}</PageLink></h4>
                    <p class="meta">{r.published.long()}{r.author.clone().map(|a| format!(" · {a}"))}" "<ReportSource report=i /></p>
                    {r.summary.clone().map(|s| view! { <p class="summary">{marked(&s, q)}</p> })}
                </article>
            }
            .into_any()
        }
    }
}
