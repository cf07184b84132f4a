//! `/map`: the conference map of every place with matching events, its viewport in the URL.

use crate::components::embed_dialog::EmbedButton;
use crate::components::links::{embedded, PageLink};
use crate::components::map::ConferenceMap;
use crate::data::use_ready;
use crate::document::set_title;
use crate::filter_state::{filter_state, FilterState};
use hallway_core::embed::Target;
use hallway_core::geo::Viewport;
use hallway_core::query::events_of;
use hallway_core::url::param;
use leptos::prelude::*;

#[component]
pub fn MapPage() -> impl IntoView {
    let Some(ready) = use_ready() else {
        return ().into_any();
    };
    set_title("Map");
    let initial = crate::url::current_query()
        .get(param::AT)
        .and_then(|s| Viewport::decode(&s).ok());
    // The map follows the same filters as the timeline, read from the same URL parameters.
    let state = filter_state(ready.clone());
    let ready_events = ready.clone();
    // A memo, not a derived signal: the map reads it in several places, the query runs once.
    // Only the items: the map needs no facet counts.
    let events = Memo::new(move |_| {
        let current = state.current.read();
        let items = ready_events.query.items(&current.0);
        events_of(&ready_events.data, current.0.view, &items)
    });
    let city_href = Callback::new(move |city: String| {
        let mut f = state.filter();
        f.cities = [city].into_iter().collect();
        FilterState::href(&f)
    });
    let timeline_href = move || FilterState::href(&state.current.read().0);
    let write = crate::url::edit_query(true);
    // Writing the URL on every pointer move would flood the router: wait for the map to settle.
    let generation = StoredValue::new(0u32);
    let on_view = Callback::new(move |v: Viewport| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let write = write.clone();
        set_timeout(
            move || {
                // Gone (the reader left the map) or superseded: write nothing.
                if generation.try_get_value() == Some(mine) {
                    let at = v.encode();
                    write(&|q| {
                        q.set_list(param::AT, &at.split(',').collect::<Vec<_>>());
                    });
                }
            },
            std::time::Duration::from_millis(300),
        );
    });
    let is_embedded = embedded().is_some();
    let heading = if is_embedded {
        format!("{}: Map", ready.data.bundle.title)
    } else {
        "Map".to_string()
    };
    let embed_name = format!("{}: Map", ready.data.bundle.title);
    view! {
        <h1 class:embed-title=is_embedded>{heading}</h1>
        <div class="map-actions">
            {move || view! { <PageLink href=timeline_href()>"Show these events on the timeline"</PageLink> }}
            " "
            <EmbedButton target=Target::Map filter=Signal::derive(move || state.filter()) title=embed_name />
        </div>
        <ConferenceMap ready events initial on_view city_href />
    }
    .into_any()
}
