//! `/map`: the conference map of every place with matching events, its viewport in the URL.

use crate::components::map::ConferenceMap;
use crate::data::{set_title, use_ready};
use crate::url::{query_param, replace_param};
use hallway_core::geo::Viewport;
use leptos::prelude::*;

/// The query parameter holding the map viewport, e.g. `at=@51.23,6.77,z4`.
pub const VIEW_PARAM: &str = "at";

#[component]
pub fn MapPage() -> impl IntoView {
    let Some(ready) = use_ready() else {
        return ().into_any();
    };
    set_title("Map");
    let initial = query_param(VIEW_PARAM).and_then(|s| Viewport::decode(&s).ok());
    let all: Vec<u32> = ready.data.index.events_by_date.clone();
    let events = Signal::derive(move || all.clone());
    let write = replace_param();
    // Writing the URL on every pointer move would flood the router: wait for the map to settle.
    let generation = StoredValue::new(0u32);
    let on_view = Callback::new(move |v: Viewport| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let write = write.clone();
        set_timeout(
            move || {
                if generation.get_value() == mine {
                    write(VIEW_PARAM, Some(&v.encode()));
                }
            },
            std::time::Duration::from_millis(300),
        );
    });
    view! {
        <h1>"Map"</h1>
        <ConferenceMap ready events initial on_view />
    }
    .into_any()
}
