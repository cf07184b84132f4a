//! The conference map: world outlines and clustered place markers in one SVG, with its list twin.
//!
//! All geometry (projection, clustering, viewport arithmetic) lives in `hallway_core::geo`;
//! this component only turns input events into viewport changes and draws what core computed.

use crate::components::links::{EntityLink, PageLink};
use crate::components::shared::Shared;
use crate::data::Ready;
use futures::future::{FutureExt, LocalBoxFuture};
use hallway_core::date::format_range;
use hallway_core::geo::{
    self, events_at, marker_radius, place_counts, zoom_to, ClusterIndex, Key, Size, Viewport,
    WorldMap,
};
use hallway_core::text::count;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

const DEFAULT_SIZE: Size = Size {
    width: 960.0,
    height: 480.0,
};

type WorldFetch = futures::future::Shared<LocalBoxFuture<'static, Result<Arc<WorldMap>, String>>>;

thread_local! {
    static WORLD: RefCell<Option<WorldFetch>> = const { RefCell::new(None) };
}

/// The world outlines, fetched once per page load and shared by every map on it. A failed fetch
/// is not kept, so the next map tries again.
fn world() -> WorldFetch {
    WORLD.with(|cell| {
        let mut cell = cell.borrow_mut();
        match &*cell {
            Some(fetch) if !matches!(fetch.peek(), Some(Err(_))) => fetch.clone(),
            _ => cell.insert(fetch_world().boxed_local().shared()).clone(),
        }
    })
}

/// Starts fetching the outlines now, alongside the bundle, when the first page shows a map:
/// otherwise the map would wait for them after the bundle is indexed.
pub fn prefetch_world_if_shown() {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let path = crate::url::current_path();
    let query = hallway_core::url::Query::parse(&location.search().unwrap_or_default());
    let panel = query.get(hallway_core::url::param::PANEL);
    let shows_map =
        path.ends_with("/map") || panel.as_deref() == Some(hallway_core::url::param::PANEL_MAP);
    if shows_map {
        leptos::task::spawn_local(async {
            let _ = world().await;
        });
    }
}

async fn fetch_world() -> Result<Arc<WorldMap>, String> {
    let url = "map/world.json";
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let bytes = response.binary().await.map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes)
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

/// What is selected on the map: the places of a clicked marker.
#[derive(Clone, Debug, PartialEq)]
struct Selection {
    places: Vec<u32>,
}

/// The map of the places holding `events`. `initial` is a viewport from the URL, if any;
/// `on_view` hears every viewport change (to write it to the URL).
#[component]
pub fn ConferenceMap(
    ready: Arc<Ready>,
    #[prop(into)] events: Signal<Vec<u32>>,
    #[prop(default = None)] initial: Option<Viewport>,
    #[prop(optional, into)] on_view: Option<Callback<Viewport>>,
    /// The link behind "Show only this city", given a place id (keeps the reader's other filters).
    #[prop(optional, into)]
    city_href: Option<Callback<String, String>>,
) -> impl IntoView {
    let world = LocalResource::new(world);
    let container = NodeRef::<leptos::html::Div>::new();
    let size = RwSignal::new(DEFAULT_SIZE);
    let ready_for_counts = ready.clone();
    let counts = Memo::new(move |_| place_counts(&ready_for_counts.data, &events.get()));
    let index = Memo::new(move |_| {
        Shared::new(ClusterIndex::new(
            &counts.read().points,
            geo::DEFAULT_RADIUS_PX,
        ))
    });
    let fitted = move || {
        let pts: Vec<(f64, f64)> = counts
            .read()
            .points
            .iter()
            .map(|p| (p.lon, p.lat))
            .collect();
        if pts.is_empty() {
            Viewport::world(size.get_untracked())
        } else {
            Viewport::fit_lon_lat(&pts, size.get_untracked())
        }
    };
    let view_state = RwSignal::new(initial.unwrap_or_else(fitted));
    let follows_fit = StoredValue::new(initial.is_none());
    let selection = RwSignal::new(None::<Selection>);
    // Focus moves into the popup when it opens, and back to what opened it when it closes.
    let opener = StoredValue::new_local(None::<web_sys::Element>);
    let popup_ref = NodeRef::<leptos::html::Div>::new();
    let open_places = move |places: Vec<u32>| {
        opener.set_value(web_sys::window().and_then(|w| w.document()?.active_element()));
        selection.set(Some(Selection { places }));
    };
    let close = move || {
        selection.set(None);
        if let Some(el) = opener.get_value().filter(|e| e.is_connected()) {
            // Structural call: works for the list's buttons and the SVG markers alike.
            let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&el).focus();
        }
    };
    Effect::new(move |_| {
        if selection.with(Option::is_some) {
            request_animation_frame(move || {
                if let Some(Some(el)) = popup_ref.try_get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    let set_view = move |v: Viewport, by_user: bool| {
        let v = v.clamped();
        if by_user {
            follows_fit.set_value(false);
        }
        view_state.set(v);
        if let Some(cb) = on_view {
            cb.run(v);
        }
    };

    // Measure the element once it exists and whenever the window resizes.
    let measure = move || {
        if let Some(el) = container.get_untracked() {
            let r = el.get_bounding_client_rect();
            if r.width() > 0.0 {
                size.set(Size {
                    width: r.width(),
                    height: (r.width() * 0.5).clamp(260.0, 640.0),
                });
            }
        }
    };
    Effect::new(move |_| {
        if container.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Until the reader moves the map, it fits the results as the filters change.
    Effect::new(move |_| {
        counts.track();
        size.track();
        if follows_fit.get_value() {
            view_state.set(fitted());
        }
    });

    // Dragging and pinching: active pointers by id.
    let pointers = StoredValue::new(HashMap::<i32, (f64, f64)>::new());
    let on_pointer_down = move |ev: web_sys::PointerEvent| {
        if let Some(t) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        {
            let _ = t.set_pointer_capture(ev.pointer_id());
        }
        pointers.update_value(|p| {
            p.insert(
                ev.pointer_id(),
                (ev.offset_x() as f64, ev.offset_y() as f64),
            );
        });
    };
    let on_pointer_move = move |ev: web_sys::PointerEvent| {
        let id = ev.pointer_id();
        let now = (ev.offset_x() as f64, ev.offset_y() as f64);
        let (prev, others) = pointers.with_value(|p| {
            (
                p.get(&id).copied(),
                p.iter()
                    .filter(|(k, _)| **k != id)
                    .map(|(_, v)| *v)
                    .collect::<Vec<_>>(),
            )
        });
        let Some(prev) = prev else { return };
        pointers.update_value(|p| {
            p.insert(id, now);
        });
        let v = view_state.get_untracked();
        match others.as_slice() {
            [] => {
                let (dx, dy) = (now.0 - prev.0, now.1 - prev.1);
                if dx.abs() + dy.abs() > 0.0 {
                    set_view(v.pan_px(dx, dy), true);
                }
            }
            [other, ..] => {
                let before = ((prev.0 - other.0).powi(2) + (prev.1 - other.1).powi(2)).sqrt();
                let after = ((now.0 - other.0).powi(2) + (now.1 - other.1).powi(2)).sqrt();
                if before > 1.0 && after > 1.0 {
                    let mid = ((now.0 + other.0) / 2.0, (now.1 + other.1) / 2.0);
                    set_view(
                        v.zoom_at((after / before).log2(), mid, size.get_untracked()),
                        true,
                    );
                }
            }
        }
    };
    let on_pointer_up = move |ev: web_sys::PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let delta = geo::wheel_zoom_delta(ev.delta_y());
        let anchor = (ev.offset_x() as f64, ev.offset_y() as f64);
        set_view(
            view_state
                .get_untracked()
                .zoom_at(delta, anchor, size.get_untracked()),
            true,
        );
    };
    let step = move |key: Key| {
        set_view(
            view_state.get_untracked().key(key, size.get_untracked()),
            true,
        )
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let key = match ev.key().as_str() {
            "ArrowLeft" => Key::Left,
            "ArrowRight" => Key::Right,
            "ArrowUp" => Key::Up,
            "ArrowDown" => Key::Down,
            "+" | "=" => Key::ZoomIn,
            "-" | "_" => Key::ZoomOut,
            "0" => {
                follows_fit.set_value(true);
                set_view(fitted(), false);
                ev.prevent_default();
                return;
            }
            "Escape" => {
                selection.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        step(key);
    };
    let fit_button = move |_| {
        follows_fit.set_value(true);
        set_view(fitted(), false);
    };

    // Benchmarks read `hallway:map-painted`: the first frame with outlines and markers drawn.
    let painted = StoredValue::new(false);
    Effect::new(move |_| {
        let outlines = world.with(|w| matches!(w, Some(Ok(_))));
        if outlines && !counts.read().points.is_empty() && painted.try_get_value() == Some(false) {
            painted.try_set_value(true);
            request_animation_frame(|| crate::document::mark("hallway:map-painted"));
        }
    });
    let ready_markers = ready.clone();
    let markers = move || {
        let v = view_state.get();
        let s = size.get();
        let ix = index.get();
        let scale = v.scale();
        let max = ix.max_count_at(v.zoom).max(1);
        let d = &ready_markers.data;
        ix.clusters_in(&v, s)
            .into_iter()
            .map(|c| {
                let members: Vec<u32> = ix.members(c).to_vec();
                let r = marker_radius(c.count, max);
                let label = if members.len() == 1 {
                    let p = &d.bundle.places[members[0] as usize];
                    format!("{}: {}", p.city, count(c.count, "event", "events"))
                } else {
                    format!("{} places, {}", members.len(), count(c.count, "event", "events"))
                };
                let title = label.clone();
                let cluster = c.clone();
                let class = if members.len() == 1 { "marker place" } else { "marker cluster" };
                let on_click = move |ev: web_sys::MouseEvent| {
                    ev.stop_propagation();
                    match cluster.split_level {
                        Some(_) if cluster.places() > 1 => set_view(zoom_to(&cluster, size.get_untracked()), true),
                        _ => open_places(members.clone()),
                    }
                };
                view! {
                    <g class=class transform=format!("translate({:.3} {:.3}) scale({})", c.x, c.y, 1.0 / scale)
                       role="button" tabindex="-1" aria-label=label on:click=on_click
                       on:pointerdown=|ev: web_sys::PointerEvent| ev.stop_propagation()>
                        <title>{title}</title>
                        <circle r=format!("{r:.1}") />
                        <text dy="0.35em">{c.count.to_string()}</text>
                    </g>
                }
            })
            .collect_view()
    };

    let ready_popup = ready.clone();
    let popup = move || {
        let sel = selection.get()?;
        let d = &ready_popup.data;
        let evs = events.get();
        let blocks = sel
            .places
            .iter()
            .map(|&p| {
                let place = &d.bundle.places[p as usize];
                let items = events_at(d, p, &evs)
                    .into_iter()
                    .map(|e| {
                        let ev = &d.bundle.events[e as usize];
                        view! {
                            <li>
                                <EntityLink kind="events" id=ev.id.clone() label=ev.name.clone() />
                                <span class="muted">{format!(" · {}", format_range(ev.start, ev.last_day()))}</span>
                            </li>
                        }
                    })
                    .collect_view();
                let only = match city_href {
                    Some(cb) => cb.run(place.id.to_string()),
                    None => crate::pages::project::timeline_href(hallway_core::query::Facet::City, &place.id),
                };
                view! {
                    <section>
                        <h2>{format!("{}, {}", place.city, place.country)}</h2>
                        <ul>{items}</ul>
                        <PageLink href=only>"Show only this city"</PageLink>
                    </section>
                }
            })
            .collect_view();
        Some(view! {
            <div class="map-popup" role="dialog" aria-label="Events at this place" tabindex="-1" node_ref=popup_ref
                on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" {
                    ev.prevent_default();
                    ev.stop_propagation();
                    close();
                }>
                <button type="button" class="close" aria-label="Close" on:click=move |_| close()>"×"</button>
                {blocks}
            </div>
        })
    };

    let ready_list = ready.clone();
    let twin = move || {
        let d = &ready_list.data;
        let c = counts.read();
        let mut rows: Vec<(u32, u32)> = c.all.clone();
        hallway_core::order::by(&mut rows, &|a, b| {
            b.1.cmp(&a.1).then_with(|| {
                d.bundle.places[a.0 as usize]
                    .city
                    .cmp(&d.bundle.places[b.0 as usize].city)
            })
        });
        rows.into_iter()
            .map(|(p, n)| {
                let place = &d.bundle.places[p as usize];
                let on_map = place.lat.is_some();
                view! {
                    <li>
                        <button type="button" class="link-button" on:click=move |_| open_places(vec![p])>
                            {format!("{}, {}", place.city, place.country)}
                        </button>
                        {format!(" — {}", count(n, "event", "events"))}
                        {(!on_map).then(|| view! { <span class="muted">" (not on the map: no coordinates)"</span> })}
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <div class="map-wrap">
            <div class="map" node_ref=container>
                <div class="map-controls">
                    <button type="button" aria-label="Zoom in" on:click=move |_| step(Key::ZoomIn)>"+"</button>
                    <button type="button" aria-label="Zoom out" on:click=move |_| step(Key::ZoomOut)>"−"</button>
                    <button type="button" on:click=fit_button>"Fit to results"</button>
                </div>
                <svg
                    class="map-svg"
                    role="application"
                    aria-label="Map of conference places. Arrow keys pan, plus and minus zoom, 0 fits the results."
                    tabindex="0"
                    width=move || size.get().width
                    height=move || size.get().height
                    viewBox=move || view_state.get().view_box(size.get()).attr()
                    on:wheel=on_wheel
                    on:pointerdown=on_pointer_down
                    on:pointermove=on_pointer_move
                    on:pointerup=on_pointer_up
                    on:pointercancel=on_pointer_up
                    on:keydown=on_key
                >
                    <g class="countries">
                        {move || world.get().and_then(|w| w.ok()).map(|w| {
                            w.countries.iter().map(|c| view! { <path d=c.d.clone() fill-rule="evenodd"><title>{c.name.clone()}</title></path> }).collect_view()
                        })}
                    </g>
                    <g class="markers">{markers}</g>
                </svg>
                {popup}
                <p class="map-credit muted">{geo::ATTRIBUTION}</p>
            </div>
            <section class="map-list" aria-labelledby="map-list-title">
                <h2 id="map-list-title">"Places"</h2>
                <ul>{twin}</ul>
            </section>
        </div>
    }
}
