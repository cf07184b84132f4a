//! `/reports/:id`: a write-up with its body and the events, talks and projects it covers.

use super::not_found::NotFound;
use super::route_id;
use crate::components::links::{path, EntityLink, ExternalLink};
use crate::components::markdown::Markdown;
use crate::data::{set_title, use_ready};
use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((_, r)) = d.report(&id) else {
            set_title("Report not found");
            let names = d.bundle.reports.iter().map(|r| r.title.as_str());
            let suggestions = hallway_core::text::ranked(&id.replace('-', " "), names, 5)
                .into_iter()
                .filter_map(|title| d.bundle.reports.iter().find(|r| r.title == title))
                .map(|r| (path("reports", &r.id), r.title.clone()))
                .collect();
            return Some(view! { <NotFound what="report".to_string() suggestions /> }.into_any());
        };
        set_title(&r.title);
        let events = r
            .events
            .iter()
            .filter_map(|e| d.event(e))
            .map(|(_, e)| view! { <li><EntityLink kind="events" id=e.id.clone() label=e.name.clone() /></li> })
            .collect_view();
        let talks = r
            .talks
            .iter()
            .filter_map(|t| d.talk(t))
            .map(|(_, t)| view! { <li><EntityLink kind="talks" id=t.id.clone() label=t.title.clone() /></li> })
            .collect_view();
        let projects = r
            .projects
            .iter()
            .filter_map(|p| d.project(p))
            .map(|(_, p)| view! { <li class="chip">{p.name.clone()}</li> })
            .collect_view();
        Some(
            view! {
                <article class="entity report">
                    <p class="kind">"Report"</p>
                    <h1>{r.title.clone()}</h1>
                    <p class="meta">
                        {r.published.long()}
                        {r.author.clone().map(|a| format!(" · by {a}"))}
                    </p>
                    {r.url.clone().map(|u| view! { <p><ExternalLink url=u label="Read the original".to_string() /></p> })}
                    <ul class="chips" aria-label="Projects">{projects}</ul>
                    {r.body.clone().or_else(|| r.summary.clone()).map(|b| view! { <Markdown text=b heading_offset=1 /> })}
                    <section aria-labelledby="covers">
                        <h2 id="covers">"Covers"</h2>
                        <ul>{events}{talks}</ul>
                    </section>
                </article>
            }
            .into_any(),
        )
    }
}
