//! Tests for `cluster`: conservation, determinism, nesting across levels, clicks and speed.

use super::*;

const DESKTOP: Size = Size {
    width: 1280.0,
    height: 720.0,
};

fn p(index: u32, lon: f64, lat: f64, weight: u32) -> PlacePoint {
    PlacePoint {
        index,
        lon,
        lat,
        weight,
    }
}

/// The three cities of the seed document plus a second venue in Düsseldorf.
fn seed_places() -> Vec<PlacePoint> {
    vec![
        p(0, -6.2603, 53.3498, 3),
        p(1, -122.3321, 47.6062, 1),
        p(2, 6.7735, 51.2277, 2),
        p(3, 6.7735, 51.2277, 5),
        p(4, 6.7800, 51.2300, 1),
    ]
}

/// Deterministic pseudo-random places bunched around 60 "cities", as conferences are.
fn synthetic(n: u32) -> Vec<PlacePoint> {
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let cities: Vec<(f64, f64)> = (0..60)
        .map(|_| (next() * 360.0 - 180.0, next() * 120.0 - 55.0))
        .collect();
    (0..n)
        .map(|i| {
            let (lon, lat) = cities[(next() * 60.0) as usize % 60];
            let lon = (lon + (next() - 0.5) * 4.0).clamp(-180.0, 180.0);
            let lat = (lat + (next() - 0.5) * 3.0).clamp(-90.0, 90.0);
            p(i, lon, lat, (next() * 20.0) as u32)
        })
        .collect()
}

fn check_invariants(idx: &ClusterIndex, places: &[PlacePoint]) {
    let total: u64 = places.iter().map(|p| u64::from(p.weight)).sum();
    let mut all: Vec<u32> = idx.members.clone();
    all.sort_unstable();
    let mut want: Vec<u32> = places.iter().map(|p| p.index).collect();
    want.sort_unstable();
    assert_eq!(all, want, "every place appears exactly once");
    for level in MIN_LEVEL..=MAX_LEVEL {
        let cs = idx.clusters_at(f64::from(level));
        assert_eq!(
            cs.iter().map(|c| c.count).sum::<u64>(),
            total,
            "level {level}"
        );
        assert_eq!(
            cs.iter().map(Cluster::places).sum::<u32>() as usize,
            places.len()
        );
        for c in cs {
            let w: u64 = idx
                .members(c)
                .iter()
                .map(|&i| u64::from(places[i as usize].weight))
                .sum();
            assert_eq!(w, c.count, "a cluster's count is its members' weights");
            assert!(c.bbox.contains(c.x, c.y));
        }
        // Nesting: each cluster one level in lies inside one cluster of this level.
        if level < MAX_LEVEL {
            let inner = idx.clusters_at(f64::from(level + 1));
            for c in inner {
                assert!(
                    cs.iter()
                        .any(|o| o.members.start <= c.members.start
                            && c.members.end <= o.members.end),
                    "level {} cluster escapes level {level}",
                    level + 1
                );
            }
        }
    }
}

#[test]
fn clusters_lose_nothing_add_weights_and_nest_across_levels() {
    let places = seed_places();
    let idx = ClusterIndex::new(&places, DEFAULT_RADIUS_PX);
    check_invariants(&idx, &places);
    let big = synthetic(3000);
    check_invariants(&ClusterIndex::new(&big, DEFAULT_RADIUS_PX), &big);
}

#[test]
fn zooming_in_splits_the_seed_cities() {
    let idx = ClusterIndex::new(&seed_places(), DEFAULT_RADIUS_PX);
    // Whole world on a phone: Europe is one marker, Seattle another.
    assert_eq!(idx.clusters_at(-1.0).len(), 2);
    let europe = idx
        .clusters_at(-1.0)
        .iter()
        .find(|c| c.places() == 4)
        .expect("Dublin and Düsseldorf together");
    assert_eq!(europe.count, 11);
    // Europe zoomed in: Dublin and Düsseldorf apart, the two Düsseldorf venues still together.
    let at5 = idx.clusters_at(5.0);
    assert_eq!(at5.len(), 3, "{at5:?}");
    // Street level: the two venues 500 m apart split; the two records at one spot never do.
    let top = idx.clusters_at(MAX_ZOOM);
    assert_eq!(top.len(), 4);
    let same = top.iter().find(|c| c.places() == 2).expect("same spot");
    assert_eq!(same.split_level, None);
    let mut m = idx.members(same).to_vec();
    m.sort_unstable();
    assert_eq!(m, [2, 3]);
}

#[test]
fn output_is_deterministic_and_independent_of_input_order() {
    let places = synthetic(2000);
    let a = ClusterIndex::new(&places, DEFAULT_RADIUS_PX);
    let b = ClusterIndex::new(&places, DEFAULT_RADIUS_PX);
    let mut rev = places.clone();
    rev.reverse();
    let c = ClusterIndex::new(&rev, DEFAULT_RADIUS_PX);
    assert_eq!(a.levels, b.levels);
    assert_eq!(a.levels, c.levels);
    assert_eq!(a.members, c.members);
}

#[test]
fn clicking_a_cluster_shows_all_its_places_and_splits_it() {
    let places = synthetic(2000);
    let idx = ClusterIndex::new(&places, DEFAULT_RADIUS_PX);
    let mut clicked = 0;
    for level in MIN_LEVEL..MAX_LEVEL {
        for c in idx.clusters_at(f64::from(level)) {
            let Some(split) = c.split_level else { continue };
            let v = zoom_to(c, DESKTOP);
            assert!(v.zoom >= f64::from(split), "{c:?} -> {v:?}");
            let shown: Vec<_> = idx
                .clusters_in(&v, DESKTOP)
                .into_iter()
                .filter(|o| o.members.start >= c.members.start && o.members.end <= c.members.end)
                .collect();
            assert!(shown.len() >= 2, "the click splits the marker");
            let n: u32 = shown.iter().map(|o| o.places()).sum();
            assert_eq!(n, c.places(), "every member stays in view");
            clicked += 1;
        }
    }
    assert!(clicked > 100);
}

#[test]
fn bad_coordinates_are_skipped_and_reported() {
    let places = [
        p(0, 0.0, 0.0, 1),
        p(1, f64::NAN, 0.0, 1),
        p(2, 0.0, 91.0, 1),
        p(3, 181.0, 0.0, 1),
    ];
    let idx = ClusterIndex::new(&places, f64::NAN);
    assert_eq!(idx.skipped(), [1, 2, 3]);
    assert_eq!(idx.clusters_at(0.0).len(), 1);
    let empty = ClusterIndex::new(&[], DEFAULT_RADIUS_PX);
    assert!(empty.clusters_at(3.0).is_empty());
    assert_eq!(empty.max_count_at(3.0), 0);
    assert_eq!(ClusterIndex::level_for(f64::NAN), MIN_LEVEL);
    assert_eq!(ClusterIndex::level_for(99.0), MAX_LEVEL);
    assert_eq!(ClusterIndex::level_for(3.99), 3);
}

#[test]
fn marker_radius_grows_by_area_and_stays_readable() {
    assert_eq!(marker_radius(0, 0), MARKER_MIN_PX);
    assert_eq!(marker_radius(1, 1), MARKER_MAX_PX);
    assert_eq!(marker_radius(500, 100), MARKER_MAX_PX);
    let quarter = marker_radius(25, 100);
    assert!((quarter - (MARKER_MIN_PX + (MARKER_MAX_PX - MARKER_MIN_PX) * 0.5)).abs() < 1e-12);
    assert!(marker_radius(1, 100_000) >= MARKER_MIN_PX);
}

#[test]
fn clustering_is_fast_enough() {
    // Limits are loose so an unoptimised build on a busy machine passes; see the printed times
    // (`cargo test -p hallway-core --release -- --nocapture clustering_is_fast`).
    for (n, limit_ms) in [(1_000u32, 250u128), (10_000, 2_500)] {
        let places = synthetic(n);
        // Best of three, since the machine may be shared.
        let mut build = std::time::Duration::MAX;
        let mut idx = ClusterIndex::default();
        for _ in 0..3 {
            let t = std::time::Instant::now();
            idx = ClusterIndex::new(&places, DEFAULT_RADIUS_PX);
            build = build.min(t.elapsed());
        }
        let t = std::time::Instant::now();
        let v = Viewport::fit_lon_lat(&[(-10.0, 35.0), (30.0, 60.0)], DESKTOP);
        let shown = idx.clusters_in(&v, DESKTOP).len();
        let query = t.elapsed();
        println!("clustering {n} places: build {build:?} (all levels), query {query:?} ({shown} markers)");
        assert!(build.as_millis() < limit_ms, "{n} places took {build:?}");
    }
}
