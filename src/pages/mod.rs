//! One page component per file; `app.rs` maps routes to them. Helpers the entity pages share
//! (the not-found view with suggestions, lists of entity links) live here.

pub mod about;
pub mod embed;
pub mod event;
pub mod home;
pub mod map;
pub mod not_found;
pub mod person;
pub mod place;
pub mod project;
pub mod report;
pub mod talk;
mod talk_time;

use crate::components::links::{path, EntityLink};
use crate::document::set_title;
use hallway_core::{Dataset, Id};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use not_found::NotFound;

/// The `:id` route parameter, reactive: the same page component serves every id.
pub fn route_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").unwrap_or_default())
}

/// How many "did you mean" links a not-found page offers.
const SUGGESTIONS: usize = 5;

/// The not-found view for an unknown `id` of a `what` ("talk") whose pages live under `/kind/`,
/// suggesting the records among `items` (`(id, label)`) whose labels best match the id's words.
pub fn missing<'a>(
    what: &str,
    kind: &'static str,
    id: &str,
    items: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> AnyView {
    let mut title = what.to_string();
    if let Some(first) = title.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    set_title(&format!("{title} not found"));
    let suggestions = hallway_core::related::suggestions(id, items, SUGGESTIONS)
        .into_iter()
        .map(|(id, label)| (path(kind, id), label.to_string()))
        .collect();
    view! { <NotFound what=what.to_string() suggestions /> }.into_any()
}

/// Links to the projects named by `ids`, as chips; unknown ids are skipped.
pub fn project_chips(d: &Dataset, ids: &[Id]) -> impl IntoView {
    let chips = ids
        .iter()
        .filter_map(|p| d.project(p))
        .map(|(_, p)| {
            view! { <li class="chip"><EntityLink kind="projects" id=p.id.clone() label=p.name.clone() /></li> }
        })
        .collect_view();
    (!ids.is_empty()).then(|| view! { <ul class="chips" aria-label="Projects">{chips}</ul> })
}

/// A talk as a list card: title link, then speakers (links), then `extra` (event, date...).
pub fn talk_card(d: &Dataset, ti: u32, extra: Option<String>) -> impl IntoView {
    let t = &d.bundle.talks[ti as usize];
    let speakers = t
        .speakers
        .iter()
        .filter_map(|s| d.person(s))
        .map(|(_, p)| view! { <li><EntityLink kind="people" id=p.id.clone() label=p.name.clone() /></li> })
        .collect_view();
    view! {
        <li class="card">
            <h3><EntityLink kind="talks" id=t.id.clone() label=t.title.clone() /></h3>
            {(!t.speakers.is_empty()).then(|| view! { <ul class="inline-list speakers">{speakers}</ul> })}
            {extra.map(|e| view! { <p class="meta">{e}</p> })}
        </li>
    }
}

/// A report as a list card: title link, date and author, summary.
pub fn report_card(d: &Dataset, ri: u32) -> impl IntoView {
    let r = &d.bundle.reports[ri as usize];
    let meta = match &r.author {
        Some(a) => format!("{} · by {a}", r.published.long()),
        None => r.published.long(),
    };
    view! {
        <li class="card">
            <h3><EntityLink kind="reports" id=r.id.clone() label=r.title.clone() /></h3>
            <p class="meta">{meta}" "<crate::components::source_notice::ReportSource report=ri /></p>
            {r.summary.clone().map(|s| view! { <p>{s}</p> })}
        </li>
    }
}

/// An event as a list item: name link, then its dates and location.
pub fn event_item(d: &Dataset, ei: u32) -> impl IntoView {
    let e = &d.bundle.events[ei as usize];
    let mut meta = hallway_core::date::format_range(e.start, e.last_day());
    if let Some(l) = d.event_location(e) {
        meta.push_str(&format!(" · {l}"));
    }
    view! {
        <li>
            <EntityLink kind="events" id=e.id.clone() label=e.name.clone() />
            <span class="meta">{format!(" — {meta}")}</span>
        </li>
    }
}
