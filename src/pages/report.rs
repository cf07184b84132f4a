//! `/reports/:id`: a write-up with its body and the events, talks and projects it covers.

use super::{event_item, missing, project_chips, route_id};
use crate::components::embed_dialog::EmbedButton;
use crate::components::links::{embedded, EntityLink, ExternalLink};
use crate::components::source_notice::ReportSource;
use crate::data::use_ready;
use crate::document::set_title;
use crate::texts::LongTextView;
use hallway_core::embed::Target;
use hallway_core::load::LongText;
use hallway_core::query::Filter;
use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((ri, r)) = d.report(&id) else {
            let items = d
                .bundle
                .reports
                .iter()
                .map(|r| (r.id.as_str(), r.title.as_str()));
            return Some(missing("report", "reports", &id, items));
        };
        set_title(&r.title);
        let events: Vec<u32> = r
            .events
            .iter()
            .filter_map(|e| d.event(e))
            .map(|(i, _)| i)
            .collect();
        let events = (!events.is_empty()).then(|| {
            let items = events.into_iter().map(|e| event_item(d, e)).collect_view();
            view! { <h3>"Events"</h3><ul class="covers-events">{items}</ul> }
        });
        let talks: Vec<_> = r.talks.iter().filter_map(|t| d.talk(t)).collect();
        let talks = (!talks.is_empty()).then(|| {
            let items = talks
                .into_iter()
                .map(|(_, t)| view! { <li><EntityLink kind="talks" id=t.id.clone() label=t.title.clone() /></li> })
                .collect_view();
            view! { <h3>"Talks"</h3><ul class="covers-talks">{items}</ul> }
        });
        let has_projects = !r.projects.is_empty();
        Some(
            view! {
                <article class="entity report">
                    <p class="kind">"Report"</p>
                    <h1>{r.title.clone()}</h1>
                    <p class="meta">
                        {r.published.long()}
                        {r.author.clone().map(|a| format!(" · by {a}"))}
                        " "<ReportSource report=ri />
                    </p>
                    {r.url.clone().map(|u| view! { <p><ExternalLink url=u label="Read the original".to_string() /></p> })}
                    {embedded().is_none().then(|| view! {
                        <div class="entity-actions">
                            <EmbedButton target=Target::Report(r.id.to_string()) filter=Filter::default() title=r.title.clone() />
                        </div>
                    })}
                    <LongTextView which=LongText::Body(ri) heading_offset=1 fallback=r.summary.clone() />
                    <section class="covers" aria-labelledby="covers">
                        <h2 id="covers">"Covers"</h2>
                        {events}
                        {talks}
                        {has_projects.then(|| view! { <h3>"Projects"</h3> })}
                        {project_chips(d, &r.projects)}
                    </section>
                </article>
            }
            .into_any(),
        )
    }
}
