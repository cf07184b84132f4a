//! "In this hallway": what the home page leads with, above the timeline of events: the newest
//! reports and the talks they covered, which is what Hallway is about, and what the bundle
//! holds in counts without zeros. Selection and counts are `hallway_core::overview`'s.

use crate::components::links::EntityLink;
use crate::data::Ready;
use crate::filter_state::FilterState;
use crate::pages::talk::talk_context;
use crate::pages::talk_card;
use hallway_core::overview::{highlights, holdings, names_line, Highlights};
use hallway_core::query::View;
use hallway_core::Dataset;
use leptos::prelude::*;
use std::sync::Arc;

/// How many reports and talks the lead shows: enough to say what is here, few enough that the
/// events still start on the first screen of a desktop.
const REPORTS: usize = 3;
const TALKS: usize = 3;

/// Shown on the unfiltered events timeline of the site (not in embeds, which show one view).
#[component]
pub fn HallwaySummary(ready: Arc<Ready>, state: FilterState) -> impl IntoView {
    let h = Arc::new(highlights(&ready.data, REPORTS, TALKS));
    // A memo, so that filtering the timeline does not rebuild the lists, only showing them.
    let shown = Memo::new(move |_| {
        let (f, _) = &*state.current.read();
        f.view == View::Events && !f.is_narrowed()
    });
    move || (shown.get() && !h.reports.is_empty()).then(|| lists(&ready.data, &h))
}

fn lists(d: &Dataset, h: &Highlights) -> impl IntoView {
    let reports = h.reports.iter().map(|&r| report_item(d, r)).collect_view();
    let talks = (!h.talks.is_empty()).then(|| {
        let cards = h
            .talks
            .iter()
            .map(|&t| talk_card(d, t, talk_context(d, t)))
            .collect_view();
        view! {
            <section class="summary-talks" aria-labelledby="summary-talks">
                <h2 id="summary-talks">"Talks they covered"</h2>
                <ul class="cards">{cards}</ul>
            </section>
        }
    });
    let holdings =
        holdings(d).map(|h| view! { <p class="holdings">{format!("In this hallway: {h}.")}</p> });
    view! {
        <div class="hallway-summary">
            {holdings}
            <div class="summary-lists">
                <section class="summary-reports" aria-labelledby="summary-reports">
                    <h2 id="summary-reports">"Latest reports"</h2>
                    <ul class="cards">{reports}</ul>
                </section>
                {talks}
            </div>
        </div>
    }
}

/// A report in a line or two: title link, date, author and the events it covers.
fn report_item(d: &Dataset, ri: u32) -> impl IntoView {
    let r = &d.bundle.reports[ri as usize];
    let mut meta = r.published.long();
    if let Some(a) = &r.author {
        meta.push_str(&format!(" · by {a}"));
    }
    let events: Vec<&str> = r
        .events
        .iter()
        .filter_map(|e| d.event(e))
        .map(|(_, e)| e.name.as_str())
        .collect();
    if !events.is_empty() {
        meta.push_str(&format!(" · {}", names_line(&events, 1)));
    }
    view! {
        <li class="card">
            <h3><EntityLink kind="reports" id=r.id.clone() label=r.title.clone() /></h3>
            <p class="meta">{meta}</p>
        </li>
    }
}
