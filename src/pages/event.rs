//! `/events/:id`: an event with its dates, place, co-located events, talks and reports.

use super::not_found::NotFound;
use super::route_id;
use crate::components::links::{path, EntityLink, ExternalLink};
use crate::data::{set_title, use_ready};
use hallway_core::date::format_range;
use leptos::prelude::*;

#[component]
pub fn EventPage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((ei, e)) = d.event(&id) else {
            set_title("Event not found");
            let names = d.bundle.events.iter().map(|e| e.name.as_str());
            let suggestions = hallway_core::text::ranked(&id.replace('-', " "), names, 5)
                .into_iter()
                .filter_map(|name| d.bundle.events.iter().find(|e| e.name == name))
                .map(|e| (path("events", &e.id), e.name.clone()))
                .collect();
            return Some(view! { <NotFound what="event".to_string() suggestions /> }.into_any());
        };
        set_title(&e.name);
        let ix = &d.index;
        let venue = e
            .venue
            .as_deref()
            .and_then(|v| d.venue(v))
            .map(|(_, v)| v.name.clone());
        let series = e
            .series
            .as_deref()
            .and_then(|s| d.series(s))
            .map(|(_, s)| s.name.clone());
        let talks = ix.talks_of_event[ei as usize]
            .iter()
            .map(|&ti| {
                let t = &d.bundle.talks[ti as usize];
                let speakers = d.speaker_names(t).join(", ");
                view! {
                    <li class="card">
                        <h3><EntityLink kind="talks" id=t.id.clone() label=t.title.clone() /></h3>
                        <p class="meta">{speakers}</p>
                    </li>
                }
            })
            .collect_view();
        let reports = ix.reports_of_event[ei as usize]
            .iter()
            .map(|&ri| {
                let r = &d.bundle.reports[ri as usize];
                view! { <li><EntityLink kind="reports" id=r.id.clone() label=r.title.clone() /></li> }
            })
            .collect_view();
        let colocated = ix.colocated[ei as usize]
            .iter()
            .map(|&ci| {
                let c = &d.bundle.events[ci as usize];
                view! { <li><EntityLink kind="events" id=c.id.clone() label=c.name.clone() /></li> }
            })
            .collect_view();
        let has_colocated = !ix.colocated[ei as usize].is_empty();
        let has_talks = !ix.talks_of_event[ei as usize].is_empty();
        let has_reports = !ix.reports_of_event[ei as usize].is_empty();
        let projects = e
            .projects
            .iter()
            .filter_map(|p| d.project(p))
            .map(|(_, p)| view! { <li class="chip">{p.name.clone()}</li> })
            .collect_view();
        Some(
            view! {
                <article class="entity event">
                    <p class="kind">"Event"</p>
                    <h1>{e.name.clone()}</h1>
                    <dl class="facts">
                        <dt>"When"</dt>
                        <dd>{format_range(e.start, e.last_day())}{e.timezone.clone().map(|tz| format!(" ({tz})"))}</dd>
                        {d.event_location(e).map(|l| view! { <dt>"Where"</dt><dd>{l}{venue.map(|v| format!(" · {v}"))}</dd> })}
                        {series.map(|s| view! { <dt>"Series"</dt><dd>{s}</dd> })}
                        {e.attendance.clone().map(|a| view! { <dt>"Attendance"</dt><dd>{a}</dd> })}
                        {e.url.clone().map(|u| view! { <dt>"Website"</dt><dd><ExternalLink url=u.clone() label=u /></dd> })}
                    </dl>
                    <ul class="chips" aria-label="Projects">{projects}</ul>
                    {has_colocated.then(|| view! {
                        <section aria-labelledby="colocated"><h2 id="colocated">"Co-located events"</h2><ul>{colocated}</ul></section>
                    })}
                    <section aria-labelledby="talks">
                        <h2 id="talks">"Talks"</h2>
                        {if has_talks { view! { <ul class="cards">{talks}</ul> }.into_any() } else { view! { <p class="muted">"No talks of this event are in the data."</p> }.into_any() }}
                    </section>
                    <section aria-labelledby="reports">
                        <h2 id="reports">"Reports"</h2>
                        {if has_reports { view! { <ul>{reports}</ul> }.into_any() } else { view! { <p class="muted">"No report covers this event yet."</p> }.into_any() }}
                    </section>
                </article>
            }
            .into_any(),
        )
    }
}
