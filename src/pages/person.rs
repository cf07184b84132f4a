//! `/people/:id`: a speaker's talks across all events and years, and the reports covering them.

use super::talk::talk_context;
use super::{missing, report_card, route_id, talk_card};
use crate::components::embed_dialog::EmbedButton;
use crate::components::links::{embedded, ExternalLink};
use crate::data::use_ready;
use crate::document::set_title;
use hallway_core::embed::Target;
use hallway_core::query::Filter;
use hallway_core::related::reports_of_person;
use leptos::prelude::*;

#[component]
pub fn PersonPage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((pi, p)) = d.person(&id) else {
            let items = d
                .bundle
                .people
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()));
            return Some(missing("person", "people", &id, items));
        };
        set_title(&p.name);
        // The index keeps each person's talks in time order (event start, then talk start).
        let talks = &d.index.talks_of_person[pi as usize];
        let talks = if talks.is_empty() {
            view! { <p class="muted">"No talks by this person are in the data."</p> }.into_any()
        } else {
            let cards = talks
                .iter()
                .map(|&t| talk_card(d, t, talk_context(d, t)))
                .collect_view();
            view! { <ol class="cards talks">{cards}</ol> }.into_any()
        };
        let reports = reports_of_person(d, pi);
        let reports = if reports.is_empty() {
            view! { <p class="muted">"No report mentions this person's talks yet."</p> }.into_any()
        } else {
            let cards = reports.iter().map(|&r| report_card(d, r)).collect_view();
            view! { <ul class="cards">{cards}</ul> }.into_any()
        };
        Some(
            view! {
                <article class="entity person">
                    <p class="kind">"Person"</p>
                    <h1>{p.name.clone()}</h1>
                    {p.affiliation.clone().map(|a| view! { <p class="meta">{a}</p> })}
                    {p.url.clone().map(|u| view! { <p><ExternalLink url=u label="Website".to_string() /></p> })}
                    {embedded().is_none().then(|| view! {
                        <div class="entity-actions">
                            <EmbedButton target=Target::Person(p.id.to_string()) filter=Filter::default() title=p.name.clone() />
                        </div>
                    })}
                    <section aria-labelledby="talks">
                        <h2 id="talks">"Talks"</h2>
                        {talks}
                    </section>
                    <section class="reports" aria-labelledby="reports">
                        <h2 id="reports">"Reports mentioning them"</h2>
                        {reports}
                    </section>
                </article>
            }
            .into_any(),
        )
    }
}
