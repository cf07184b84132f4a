//! GeoJSON (RFC 7946) FeatureCollections: events, or the places (cities) they happened in, as
//! Points. Coordinates are `[longitude, latitude]` (RFC 7946 §3.1.1), WGS84, as the bundle
//! stores them. Items without coordinates (online events, places not geocoded) are left out
//! with a note rather than given a `null` geometry, which many map tools reject.

use super::{place_of, project_names, Exported};
use crate::index::Dataset;
use serde_json::{json, Value};

/// One Point per event, at its venue when the venue has coordinates, else at its city.
pub fn events(data: &Dataset, events: &[u32]) -> Exported {
    let (b, ix) = (&data.bundle, &data.index);
    let mut features = Vec::new();
    let mut notes = Vec::new();
    for &i in events {
        let Some(e) = b.events.get(i as usize) else {
            continue;
        };
        let place = place_of(data, e);
        let venue = super::venue_of(data, e);
        let coords = super::coordinates(data, e);
        let Some((lat, lon)) = coords else {
            notes.push(format!(
                "Left out event `{}`: it has no coordinates{}.",
                e.id,
                if e.online { " (online)" } else { "" }
            ));
            continue;
        };
        let mut props = json!({
            "kind": "event",
            "id": e.id,
            "name": e.name,
            "start": e.start.to_string(),
            "end": e.last_day().to_string(),
            "online": e.online,
            "projects": project_names(data, &e.projects),
        });
        let obj = props
            .as_object_mut()
            .expect("json! of an object is an object");
        if let Some(p) = place {
            obj.insert("place".into(), p.id.as_str().into());
            obj.insert("city".into(), p.city.clone().into());
            obj.insert("country".into(), p.country.clone().into());
        }
        if let Some(v) = venue {
            obj.insert("venue".into(), v.name.clone().into());
        }
        if let Some(s) = e.series.as_ref().and_then(|s| ix.series_by_id.get(s)) {
            obj.insert("series".into(), b.series[*s as usize].name.clone().into());
        }
        if let Some(u) = &e.url {
            obj.insert("url".into(), u.clone().into());
        }
        features.push(point(&e.id, lon, lat, props));
    }
    collection(features, notes)
}

/// One Point per place that has any of the events, with those events' ids, first met first.
pub fn places(data: &Dataset, events: &[u32]) -> Exported {
    let b = &data.bundle;
    let mut order: Vec<u32> = Vec::new();
    let mut of_place: Vec<Vec<&str>> = vec![Vec::new(); b.places.len()];
    let mut notes = Vec::new();
    for &i in events {
        let Some(e) = b.events.get(i as usize) else {
            continue;
        };
        match e.place.as_ref().and_then(|p| data.index.place_by_id.get(p)) {
            Some(&p) => {
                if of_place[p as usize].is_empty() {
                    order.push(p);
                }
                of_place[p as usize].push(&e.id);
            }
            None => notes.push(format!("Left out event `{}`: it has no place.", e.id)),
        }
    }
    let mut features = Vec::new();
    for p in order {
        let place = &b.places[p as usize];
        let Some((lat, lon)) = place.lat.zip(place.lon) else {
            notes.push(format!(
                "Left out place `{}`: it has no coordinates.",
                place.id
            ));
            continue;
        };
        let ids = &of_place[p as usize];
        let props = json!({
            "kind": "place",
            "id": place.id,
            "city": place.city,
            "country": place.country,
            "country_code": place.country_code,
            "events": ids,
            "event_count": ids.len(),
        });
        features.push(point(&place.id, lon, lat, props));
    }
    collection(features, notes)
}

fn point(id: &str, lon: f64, lat: f64, properties: Value) -> Value {
    json!({
        "type": "Feature",
        "id": id,
        "geometry": { "type": "Point", "coordinates": [lon, lat] },
        "properties": properties,
    })
}

fn collection(features: Vec<Value>, notes: Vec<String>) -> Exported {
    let v = json!({ "type": "FeatureCollection", "features": features });
    let mut text = serde_json::to_string_pretty(&v).unwrap_or_else(|_| String::from("{}"));
    text.push('\n');
    Exported { text, notes }
}
