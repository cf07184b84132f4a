//! `/talks/:id`: a talk with its event, speakers, and every report that covered it.

use super::not_found::NotFound;
use super::route_id;
use crate::components::links::{path, EntityLink, ExternalLink};
use crate::components::markdown::Markdown;
use crate::data::{set_title, use_ready};
use leptos::prelude::*;

#[component]
pub fn TalkPage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((ti, talk)) = d.talk(&id) else {
            set_title("Talk not found");
            let names = d.bundle.talks.iter().map(|t| t.title.as_str());
            let suggestions = hallway_core::text::ranked(&id.replace('-', " "), names, 5)
                .into_iter()
                .filter_map(|title| d.bundle.talks.iter().find(|t| t.title == title))
                .map(|t| (path("talks", &t.id), t.title.clone()))
                .collect();
            return Some(view! { <NotFound what="talk".to_string() suggestions /> }.into_any());
        };
        set_title(&talk.title);
        let event = d.event_of_talk(talk);
        let speakers = talk
            .speakers
            .iter()
            .filter_map(|s| d.person(s))
            .map(|(_, p)| view! { <li><EntityLink kind="people" id=p.id.clone() label=p.name.clone() /></li> })
            .collect_view();
        let when = talk
            .start
            .map(|s| s.to_string())
            .or_else(|| talk.day().map(|d| d.long()));
        let covered = d.index.reports_of_talk[ti as usize]
            .iter()
            .map(|&ri| {
                let r = &d.bundle.reports[ri as usize];
                view! {
                    <li class="card">
                        <h3><EntityLink kind="reports" id=r.id.clone() label=r.title.clone() /></h3>
                        {r.summary.clone().map(|s| view! { <p>{s}</p> })}
                    </li>
                }
            })
            .collect_view();
        let projects = talk
            .projects
            .iter()
            .filter_map(|p| d.project(p))
            .map(|(_, p)| view! { <li class="chip">{p.name.clone()}</li> })
            .collect_view();
        let links = talk
            .links
            .iter()
            .map(|l| view! { <li>{format!("{}: ", l.kind)}<ExternalLink url=l.url.clone() label=l.title.clone().unwrap_or_else(|| l.url.clone()) /></li> })
            .collect_view();
        Some(
            view! {
                <article class="entity talk">
                    <p class="kind">"Talk"</p>
                    <h1>{talk.title.clone()}</h1>
                    <dl class="facts">
                        <dt>"Speakers"</dt>
                        <dd><ul class="inline-list speakers">{speakers}</ul></dd>
                        {event.map(|e| view! {
                            <dt>"Event"</dt>
                            <dd><EntityLink kind="events" id=e.id.clone() label=e.name.clone() /></dd>
                        })}
                        {when.map(|w| view! { <dt>"When"</dt><dd>{w}</dd> })}
                        {talk.track.clone().map(|t| view! { <dt>"Track"</dt><dd>{t}</dd> })}
                        {talk.duration_min.map(|m| view! { <dt>"Duration"</dt><dd>{format!("{m} min")}</dd> })}
                    </dl>
                    <ul class="chips" aria-label="Projects">{projects}</ul>
                    {talk.r#abstract.clone().map(|a| view! { <h2>"Abstract"</h2><Markdown text=a /> })}
                    <ul class="links">{links}</ul>
                    <section class="covered-by" aria-labelledby="covered">
                        <h2 id="covered">"Covered by"</h2>
                        <ul class="cards">{covered}</ul>
                    </section>
                </article>
            }
            .into_any(),
        )
    }
}
