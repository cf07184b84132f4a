//! `/`: events and reports in time order, newest first, grouped by year.

use crate::components::links::EntityLink;
use crate::data::{set_title, use_ready};
use hallway_core::date::format_range;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let Some(ready) = use_ready() else {
        return ().into_any();
    };
    set_title("");
    let d = &ready.data;
    let b = &d.bundle;

    // (date key, year, view) for events and reports together, newest first.
    let mut rows: Vec<(i64, i32, AnyView)> = Vec::new();
    for &ei in &d.index.events_by_date {
        let e = &b.events[ei as usize];
        let place = d.event_location(e).unwrap_or_default();
        let talks = d.index.talks_of_event[ei as usize].len();
        let reports = d.index.reports_of_event[ei as usize].len();
        let counts = format!("{talks} talk(s), {reports} report(s)");
        rows.push((
            e.start.key(),
            e.start.year,
            view! {
                <li class="card event-card">
                    <span class="kind">"Event"</span>
                    <h3><EntityLink kind="events" id=e.id.clone() label=e.name.clone() /></h3>
                    <p class="meta">{format_range(e.start, e.last_day())}" · "{place}</p>
                    <p class="meta muted">{counts}</p>
                </li>
            }
            .into_any(),
        ));
    }
    for &ri in &d.index.reports_by_date {
        let r = &b.reports[ri as usize];
        rows.push((
            r.published.key(),
            r.published.year,
            view! {
                <li class="card report-card">
                    <span class="kind">"Report"</span>
                    <h3><EntityLink kind="reports" id=r.id.clone() label=r.title.clone() /></h3>
                    <p class="meta">{r.published.long()}{r.author.clone().map(|a| format!(" · {a}"))}</p>
                    {r.summary.clone().map(|s| view! { <p class="summary">{s}</p> })}
                </li>
            }
            .into_any(),
        ));
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));

    let mut groups: Vec<(i32, Vec<AnyView>)> = Vec::new();
    for (_, year, row) in rows {
        match groups.last_mut() {
            Some((y, items)) if *y == year => items.push(row),
            _ => groups.push((year, vec![row])),
        }
    }
    view! {
        <h1>{b.title.clone()}</h1>
        <p class="lede">{format!("{} events, {} talks and {} reports, newest first.", b.events.len(), b.talks.len(), b.reports.len())}</p>
        {groups
            .into_iter()
            .map(|(year, items)| view! {
                <section class="year-group" aria-labelledby=format!("y{year}")>
                    <h2 id=format!("y{year}") class="group-heading">{year}</h2>
                    <ul class="cards">{items}</ul>
                </section>
            })
            .collect_view()}
    }
    .into_any()
}
