//! `/events/:id`: an event with its dates, place, series neighbours, co-located events, its
//! programme by day and track, the reports covering it and its projects.

use super::{event_item, missing, project_chips, report_card, route_id, talk_card};
use crate::components::downloads::FrabDownload;
use crate::components::embed_dialog::EmbedButton;
use crate::components::links::{embedded, EntityLink, ExternalLink};
use crate::data::use_ready;
use crate::document::set_title;
use hallway_core::date::format_range;
use hallway_core::embed::Target;
use hallway_core::query::Filter;
use hallway_core::related::{day_label, series_nav, talks_by_day_and_track, DayGroup};
use hallway_core::Dataset;
use leptos::prelude::*;

#[component]
pub fn EventPage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((ei, e)) = d.event(&id) else {
            let items = d
                .bundle
                .events
                .iter()
                .map(|e| (e.id.as_str(), e.name.as_str()));
            return Some(missing("event", "events", &id, items));
        };
        set_title(&e.name);
        let ix = &d.index;
        let place = e.place.as_deref().and_then(|p| d.place(p)).map(|(_, p)| {
            let label = format!("{}, {}", p.city, p.country);
            view! { <EntityLink kind="places" id=p.id.clone() label /> }
        });
        let venue = e
            .venue
            .as_deref()
            .and_then(|v| d.venue(v))
            .map(|(_, v)| v.name.clone());
        let where_ = match (place, venue, e.online) {
            (None, None, false) => None,
            (place, venue, online) => Some(view! {
                <dt>"Where"</dt>
                <dd>
                    {place}
                    {venue.map(|v| format!(" · {v}"))}
                    {online.then_some(" · Online")}
                </dd>
            }),
        };
        let series = series_nav(d, ei).map(|nav| {
            let s = &d.bundle.series[nav.series as usize];
            let edition = |ei: Option<u32>, rel: &'static str, label: &'static str| {
                ei.map(|x| {
                    let ev = &d.bundle.events[x as usize];
                    view! { <li class=rel>{label}" "<EntityLink kind="events" id=ev.id.clone() label=ev.name.clone() /></li> }
                })
            };
            view! {
                <dt>"Series"</dt>
                <dd class="series">
                    {s.name.clone()}
                    {format!(" ({} edition{} in the data)", nav.editions, if nav.editions == 1 { "" } else { "s" })}
                    <ul class="inline-list series-nav">
                        {edition(nav.previous, "previous", "Previous:")}
                        {edition(nav.next, "next", "Next:")}
                    </ul>
                </dd>
            }
        });
        let colocated = &ix.colocated[ei as usize];
        let colocated = (!colocated.is_empty()).then(|| {
            let items = colocated.iter().map(|&c| event_item(d, c)).collect_view();
            view! {
                <section class="colocated" aria-labelledby="colocated">
                    <h2 id="colocated">"Co-located events"</h2>
                    <ul>{items}</ul>
                </section>
            }
        });
        let reports = &ix.reports_of_event[ei as usize];
        let reports = if reports.is_empty() {
            view! { <p class="muted">"No report covers this event yet."</p> }.into_any()
        } else {
            let cards = reports.iter().map(|&r| report_card(d, r)).collect_view();
            view! { <ul class="cards">{cards}</ul> }.into_any()
        };
        Some(
            view! {
                <article class="entity event">
                    <p class="kind">"Event"</p>
                    <h1>{e.name.clone()}</h1>
                    <dl class="facts">
                        <dt>"When"</dt>
                        <dd>{format_range(e.start, e.last_day())}{e.timezone.clone().map(|tz| format!(" ({tz})"))}</dd>
                        {where_}
                        {series}
                        {e.attendance.clone().map(|a| view! { <dt>"Attendance"</dt><dd>{a}</dd> })}
                        {e.url.clone().map(|u| view! { <dt>"Website"</dt><dd><ExternalLink url=u.clone() label=u /></dd> })}
                    </dl>
                    {project_chips(d, &e.projects)}
                    {embedded().is_none().then(|| view! {
                        <div class="entity-actions">
                            <FrabDownload ready=ready.clone() event=ei />
                            <EmbedButton target=Target::Event(e.id.to_string()) filter=Filter::default() title=e.name.clone() />
                        </div>
                    })}
                    {colocated}
                    <section class="programme" aria-labelledby="talks">
                        <h2 id="talks">"Talks"</h2>
                        {programme(d, talks_by_day_and_track(d, ei))}
                    </section>
                    <section class="reports" aria-labelledby="reports">
                        <h2 id="reports">"Reports"</h2>
                        {reports}
                    </section>
                </article>
            }
            .into_any(),
        )
    }
}

/// The talks by day, then by track; headings only where they tell something.
fn programme(d: &Dataset, days: Vec<DayGroup>) -> AnyView {
    if days.is_empty() {
        return view! { <p class="muted">"No talks of this event are in the data yet."</p> }
            .into_any();
    }
    days.into_iter()
        .map(|day| {
            let heading = day
                .day
                .map(day_label)
                .unwrap_or_else(|| "Day not known".into());
            let tracks = day
                .tracks
                .into_iter()
                .map(|track| {
                    let cards = track
                        .talks
                        .iter()
                        .map(|&t| talk_card(d, t, start_time(d, t)))
                        .collect_view();
                    view! {
                        {track.track.map(|name| view! { <h4 class="track">{name.to_string()}</h4> })}
                        <ul class="cards">{cards}</ul>
                    }
                })
                .collect_view();
            view! { <section class="day"><h3 class="group-heading">{heading}</h3>{tracks}</section> }
        })
        .collect_view()
        .into_any()
}

/// "09:30" as the programme printed it (the talk's own offset), with the room when known.
fn start_time(d: &Dataset, ti: u32) -> Option<String> {
    let t = &d.bundle.talks[ti as usize];
    let time = t.start.map(|s| format!("{:02}:{:02}", s.hour, s.minute));
    match (time, &t.room) {
        (Some(time), Some(room)) => Some(format!("{time} · {room}")),
        (time, room) => time.or_else(|| room.as_ref().map(|r| r.to_string())),
    }
}
