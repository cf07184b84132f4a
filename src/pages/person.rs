//! `/people/:id`: a speaker's talks across events and years.

use super::not_found::NotFound;
use super::route_id;
use crate::components::links::{path, EntityLink};
use crate::data::{set_title, use_ready};
use leptos::prelude::*;

#[component]
pub fn PersonPage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((pi, p)) = d.person(&id) else {
            set_title("Person not found");
            let names = d.bundle.people.iter().map(|p| p.name.as_str());
            let suggestions = hallway_core::text::ranked(&id.replace('-', " "), names, 5)
                .into_iter()
                .filter_map(|name| d.bundle.people.iter().find(|p| p.name == name))
                .map(|p| (path("people", &p.id), p.name.clone()))
                .collect();
            return Some(view! { <NotFound what="person".to_string() suggestions /> }.into_any());
        };
        set_title(&p.name);
        let talks = d.index.talks_of_person[pi as usize]
            .iter()
            .map(|&ti| {
                let t = &d.bundle.talks[ti as usize];
                let event = d
                    .event_of_talk(t)
                    .map(|e| e.name.clone())
                    .unwrap_or_default();
                view! {
                    <li class="card">
                        <h3><EntityLink kind="talks" id=t.id.clone() label=t.title.clone() /></h3>
                        <p class="meta">{event}</p>
                    </li>
                }
            })
            .collect_view();
        Some(
            view! {
                <article class="entity person">
                    <p class="kind">"Person"</p>
                    <h1>{p.name.clone()}</h1>
                    {p.affiliation.clone().map(|a| view! { <p class="meta">{a}</p> })}
                    <h2>"Talks"</h2>
                    <ul class="cards">{talks}</ul>
                </article>
            }
            .into_any(),
        )
    }
}
