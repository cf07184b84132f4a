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
        // The seed's events (the demo also holds the confs.tech lists).
        let seed = [
            "linuxcon-europe-2014",
            "cloudopen-europe-2014",
            "tracing-summit-2014",
            "kvm-forum-2014",
            "linux-plumbers-2014",
            "linuxcon-north-america-2015",
            "linuxcon-europe-2015",
            "cloudopen-europe-2015",
            "elc-europe-2015",
        ];
        let all: Vec<u32> = seed.iter().map(|id| d.event(id).unwrap().0).collect();
        let pc = place_counts(&d, &all);
        let by_city: Vec<(&str, u32)> = pc
            .all
            .iter()
            .map(|&(p, c)| (d.bundle.places[p as usize].city.as_str(), c))
            .collect();
        assert_eq!(by_city.len(), 3);
        for expected in [("Dublin", 3), ("Seattle", 1), ("Düsseldorf", 5)] {
            assert!(by_city.contains(&expected), "{by_city:?}");
        }
        assert_eq!(pc.points.iter().map(|p| p.weight).sum::<u32>(), 9);
        let (dus, _) = d.place("dusseldorf").unwrap();
        assert_eq!(events_at(&d, dus, &all).len(), 5);
        let (talk, _) = d.talk("tracing-in-the-qemu-emulator").unwrap();
        let (ts, _) = d.event("tracing-summit-2014").unwrap();
        assert_eq!(
            crate::query::events_of(&d, crate::query::View::Talks, &[talk, talk]),
            [ts]
        );
    }
}
