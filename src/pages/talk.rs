//! `/talks/:id`: a talk with its event, speakers, time, abstract, links, the reports that
//! covered it and more talks by the same speakers, at the same event, about the same projects.

use super::talk_time::TalkTime;
use super::{missing, project_chips, report_card, route_id, talk_card};
use crate::components::embed_dialog::EmbedButton;
use crate::components::links::{embedded, EntityLink, ExternalLink};
use crate::data::use_ready;
use crate::document::set_title;
use crate::texts::LongTextView;
use hallway_core::embed::Target;
use hallway_core::load::LongText;
use hallway_core::query::Filter;
use hallway_core::related::{day_label, duration_label, more_talks, MORE_CAP};
use hallway_core::Dataset;
use leptos::prelude::*;

#[component]
pub fn TalkPage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((ti, talk)) = d.talk(&id) else {
            let items = d
                .bundle
                .talks
                .iter()
                .map(|t| (t.id.as_str(), t.title.as_str()));
            return Some(missing("talk", "talks", &id, items));
        };
        set_title(&talk.title);
        let event = d.event_of_talk(talk);
        let speakers = talk
            .speakers
            .iter()
            .filter_map(|s| d.person(s))
            .map(|(_, p)| view! { <li><EntityLink kind="people" id=p.id.clone() label=p.name.clone() /></li> })
            .collect_view();
        let zone = event.and_then(|e| e.timezone.clone());
        let when = match (talk.start, talk.day()) {
            (Some(start), _) => {
                Some(view! { <TalkTime start duration_min=talk.duration_min zone /> }.into_any())
            }
            (None, Some(day)) => Some(day_label(day).into_any()),
            (None, None) => None,
        };
        let reports = &d.index.reports_of_talk[ti as usize];
        let covered = if reports.is_empty() {
            view! { <p class="muted">"No report covers this talk yet."</p> }.into_any()
        } else {
            let cards = reports.iter().map(|&ri| report_card(d, ri)).collect_view();
            view! { <ul class="cards">{cards}</ul> }.into_any()
        };
        let links = talk
            .links
            .iter()
            .map(|l| {
                let label = l.title.clone().unwrap_or_else(|| l.url.clone());
                view! { <li><span class="link-kind">{l.kind.to_string()}</span>" "<ExternalLink url=l.url.clone() label /></li> }
            })
            .collect_view();
        let has_links = !talk.links.is_empty();
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
                        {talk.duration_min.map(|m| view! { <dt>"Duration"</dt><dd>{duration_label(m)}</dd> })}
                        {talk.track.clone().map(|t| view! { <dt>"Track"</dt><dd>{t.to_string()}</dd> })}
                        {talk.room.clone().map(|r| view! { <dt>"Room"</dt><dd>{r.to_string()}</dd> })}
                    </dl>
                    {project_chips(d, &talk.projects)}
                    {embedded().is_none().then(|| view! {
                        <div class="entity-actions">
                            <EmbedButton target=Target::Talk(talk.id.to_string()) filter=Filter::default() title=talk.title.clone() />
                        </div>
                    })}
                    <LongTextView which=LongText::Abstract(ti) heading="Abstract" />
                    {has_links.then(|| view! { <h2>"Links"</h2><ul class="links">{links}</ul> })}
                    <section class="covered-by" aria-labelledby="covered">
                        <h2 id="covered">"Covered by"</h2>
                        {covered}
                    </section>
                    {more(d, ti)}
                </article>
            }
            .into_any(),
        )
    }
}

/// The "More" section: up to three short lists, left out when all are empty.
fn more(d: &Dataset, ti: u32) -> Option<impl IntoView> {
    let m = more_talks(d, ti, MORE_CAP);
    if m.is_empty() {
        return None;
    }
    let list = |heading: &'static str, talks: Vec<u32>| {
        (!talks.is_empty()).then(|| {
            let cards = talks
                .into_iter()
                .map(|t| talk_card(d, t, talk_context(d, t)))
                .collect_view();
            view! { <h3>{heading}</h3><ul class="cards">{cards}</ul> }
        })
    };
    Some(view! {
        <section class="more" aria-labelledby="more">
            <h2 id="more">"More"</h2>
            {list("By the same speakers", m.by_speakers)}
            {list("At the same event", m.at_event)}
            {list("About the same projects", m.about_projects)}
        </section>
    })
}

/// "Tracing Summit 2014 · Mon 13 October 2014": where and when, for talk cards.
pub fn talk_context(d: &Dataset, ti: u32) -> Option<String> {
    let t = &d.bundle.talks[ti as usize];
    let parts: Vec<String> = [
        d.event_of_talk(t).map(|e| e.name.clone()),
        t.day().map(day_label),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}
