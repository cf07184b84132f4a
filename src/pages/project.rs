//! `/projects/:id`: a project's events, talks and reports by year, and a link to the timeline
//! filtered by it.

use super::talk::talk_context;
use super::{event_item, missing, report_card, route_id, talk_card};
use crate::components::embed_dialog::EmbedButton;
use crate::components::links::{ExternalLink, PageLink};
use crate::data::use_ready;
use crate::document::set_title;
use hallway_core::embed::Target;
use hallway_core::query::{Facet, Filter};
use hallway_core::related::{project_years, YearGroup};
use hallway_core::Dataset;
use leptos::prelude::*;

/// `/?project=<id>` (or `/?city=<id>`...): the main timeline filtered by one facet value,
/// written by the same code that reads the timeline's URL state, keeping the bundle.
pub fn timeline_href(facet: Facet, id: &str) -> String {
    let mut filter = Filter::default();
    filter.toggle(facet, id);
    crate::url::href(&hallway_core::url::join("/", &filter.to_params()))
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((pi, p)) = d.project(&id) else {
            let items = d
                .bundle
                .projects
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()));
            return Some(missing("project", "projects", &id, items));
        };
        set_title(&p.name);
        let years = project_years(d, pi);
        let history = if years.is_empty() {
            view! { <p class="muted">"Nothing in the data mentions this project yet."</p> }
                .into_any()
        } else {
            years
                .into_iter()
                .map(|y| year(d, y))
                .collect_view()
                .into_any()
        };
        Some(
            view! {
                <article class="entity project">
                    <p class="kind">"Project"</p>
                    <h1>{p.name.clone()}</h1>
                    {p.summary.clone().map(|s| view! { <p>{s}</p> })}
                    {p.url.clone().map(|u| view! { <p><ExternalLink url=u label="Project website".to_string() /></p> })}
                    <div class="entity-actions">
                        <PageLink href=timeline_href(Facet::Project, &p.id) class="timeline-link">{format!("Show {} on the timeline", p.name)}</PageLink>
                        " "
                        <EmbedButton target=Target::Project(p.id.to_string()) filter=Filter::default() title=p.name.clone() />
                    </div>
                    <section class="years" aria-labelledby="history">
                        <h2 id="history">"Over the years"</h2>
                        {history}
                    </section>
                </article>
            }
            .into_any(),
        )
    }
}

fn year(d: &Dataset, y: YearGroup) -> impl IntoView {
    let events = (!y.events.is_empty()).then(|| {
        let items = y.events.iter().map(|&e| event_item(d, e)).collect_view();
        view! { <h4>"Events"</h4><ul>{items}</ul> }
    });
    let talks = (!y.talks.is_empty()).then(|| {
        let cards = y
            .talks
            .iter()
            .map(|&t| talk_card(d, t, talk_context(d, t)))
            .collect_view();
        view! { <h4>"Talks"</h4><ul class="cards">{cards}</ul> }
    });
    let reports = (!y.reports.is_empty()).then(|| {
        let cards = y.reports.iter().map(|&r| report_card(d, r)).collect_view();
        view! { <h4>"Reports"</h4><ul class="cards">{cards}</ul> }
    });
    view! {
        <section class="year">
            <h3 class="group-heading">{y.year}</h3>
            {events}
            {talks}
            {reports}
        </section>
    }
}
