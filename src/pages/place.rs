//! `/places/:id`: the events held in a city over the years, its venues, and links to the map
//! centred on it and to the timeline filtered by it.

use super::project::timeline_href;
use super::{event_item, missing, route_id};
use crate::data::use_ready;
use crate::document::set_title;
use hallway_core::geo::viewport::{Size, Viewport};

use crate::components::embed_dialog::EmbedButton;
use crate::components::links::{embedded, PageLink};
use hallway_core::embed::Target;
use hallway_core::query::{Facet, Filter};
use hallway_core::url::{self, param, Query};
use hallway_core::Place;
use leptos::prelude::*;

/// The size the map link's viewport is fitted for: a typical desktop map element. The map
/// page refits nothing, so a different real size only shifts the margins.
const MAP_SIZE: Size = Size {
    width: 960.0,
    height: 480.0,
};

/// `/map?at=@lat,lon,zZ` centred on the place, or `None` without coordinates.
fn map_href(p: &Place) -> Option<String> {
    let (lat, lon) = (p.lat?, p.lon?);
    let view = Viewport::fit_lon_lat(&[(lon, lat)], MAP_SIZE);
    let mut query = Query::new();
    query.set_list(param::AT, &view.encode().split(',').collect::<Vec<_>>());
    Some(crate::url::href(&url::join("/map", &query)))
}

#[component]
pub fn PlacePage() -> impl IntoView {
    let id = route_id();
    move || {
        let ready = use_ready()?;
        let d = &ready.data;
        let id = id.get();
        let Some((pi, p)) = d.place(&id) else {
            let items = d
                .bundle
                .places
                .iter()
                .map(|p| (p.id.as_str(), p.city.as_str()));
            return Some(missing("place", "places", &id, items));
        };
        set_title(&p.city);
        let ix = &d.index;
        let events = &ix.events_of_place[pi as usize];
        let events = if events.is_empty() {
            view! { <p class="muted">"No events here are in the data."</p> }.into_any()
        } else {
            let items = events.iter().map(|&e| event_item(d, e)).collect_view();
            view! { <ul class="events">{items}</ul> }.into_any()
        };
        let venues = &ix.venues_of_place[pi as usize];
        let venues = (!venues.is_empty()).then(|| {
            let items = venues
                .iter()
                .map(|&v| view! { <li>{d.bundle.venues[v as usize].name.clone()}</li> })
                .collect_view();
            view! {
                <section class="venues" aria-labelledby="venues">
                    <h2 id="venues">"Venues"</h2>
                    <ul>{items}</ul>
                </section>
            }
        });
        let map = map_href(p).map(
            |href| view! { <li><PageLink href class="map-link">"Show on the map"</PageLink></li> },
        );
        Some(
            view! {
                <article class="entity place">
                    <p class="kind">"Place"</p>
                    <h1>{p.city.clone()}</h1>
                    <p class="meta">{p.country.clone()}</p>
                    <ul class="inline-list place-links">
                        {map}
                        <li><PageLink href=timeline_href(Facet::City, &p.id) class="timeline-link">{format!("Events in {} on the timeline", p.city)}</PageLink></li>
                    </ul>
                    {embedded().is_none().then(|| view! {
                        <div class="entity-actions">
                            <EmbedButton target=Target::Place(p.id.to_string()) filter=Filter::default() title=p.city.clone() />
                        </div>
                    })}
                    <section aria-labelledby="events">
                        <h2 id="events">"Events held here"</h2>
                        {events}
                    </section>
                    {venues}
                </article>
            }
            .into_any(),
        )
    }
}
