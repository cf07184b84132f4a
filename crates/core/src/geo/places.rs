//! From events to map input: which places hold the given events, and how many each.

use super::cluster::PlacePoint;
use crate::Dataset;

/// Places holding at least one of `events`, with event counts, in place order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceCounts {
    /// Places with coordinates, ready for clustering (`index` is the place's index).
    pub points: Vec<PlacePoint>,
    /// Every place with its count (with or without coordinates), for the list beside the map.
    pub all: Vec<(u32, u32)>,
}

/// Counts `events` (event indexes) per place. Online and place-less events are not on the map.
pub fn place_counts(d: &Dataset, events: &[u32]) -> PlaceCounts {
    let mut counts = vec![0u32; d.bundle.places.len()];
    for &e in events {
        let Some(ev) = d.bundle.events.get(e as usize) else {
            continue;
        };
        if let Some(&p) = ev.place.as_ref().and_then(|p| d.index.place_by_id.get(p)) {
            counts[p as usize] += 1;
        }
    }
    let mut out = PlaceCounts::default();
    for (i, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        out.all.push((i as u32, count));
        let place = &d.bundle.places[i];
        if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
            out.points.push(PlacePoint {
                index: i as u32,
                lon,
                lat,
                weight: count,
            });
        }
    }
    out
}

/// The events behind a result list of any view: the events themselves, the events of talks,
/// or the events reports cover. Sorted, without duplicates.
pub fn events_of_items(d: &Dataset, view: crate::query::View, items: &[u32]) -> Vec<u32> {
    use crate::query::View;
    let event = |id: &String| d.index.event_by_id.get(id).copied();
    let mut out: Vec<u32> = match view {
        View::Events => items.to_vec(),
        View::Talks => items
            .iter()
            .filter_map(|&t| d.bundle.talks.get(t as usize))
            .filter_map(|t| event(&t.event))
            .collect(),
        View::Reports => items
            .iter()
            .filter_map(|&r| d.bundle.reports.get(r as usize))
            .flat_map(|r| r.events.iter().filter_map(event))
            .collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The events of `events` held at place `place`, in date order.
pub fn events_at(d: &Dataset, place: u32, events: &[u32]) -> Vec<u32> {
    let set: std::collections::HashSet<u32> = events.iter().copied().collect();
    d.index
        .events_of_place
        .get(place as usize)
        .map(|list| list.iter().copied().filter(|e| set.contains(e)).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Dataset {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        ))
        .unwrap();
        Dataset::new(crate::load(&bytes).unwrap().bundle)
    }

    #[test]
    fn counts_events_per_place() {
        let d = demo();
        let all: Vec<u32> = (0..d.bundle.events.len() as u32).collect();
        let pc = place_counts(&d, &all);
        let by_city: Vec<(&str, u32)> = pc
            .all
            .iter()
            .map(|&(p, c)| (d.bundle.places[p as usize].city.as_str(), c))
            .collect();
        assert_eq!(by_city, [("Dublin", 3), ("Seattle", 1), ("Düsseldorf", 5)]);
        assert_eq!(pc.points.iter().map(|p| p.weight).sum::<u32>(), 9);
        let (dus, _) = d.place("dusseldorf").unwrap();
        assert_eq!(events_at(&d, dus, &all).len(), 5);
        let (talk, _) = d.talk("tracing-in-the-qemu-emulator").unwrap();
        let (ts, _) = d.event("tracing-summit-2014").unwrap();
        assert_eq!(
            events_of_items(&d, crate::query::View::Talks, &[talk, talk]),
            [ts]
        );
    }
}
