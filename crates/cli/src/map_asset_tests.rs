//! Tests for `map_asset`: antimeridian cutting, simplification and the path encoding.

use super::*;

fn within_range(rings: &[Vec<LonLat>]) -> bool {
    rings
        .iter()
        .flatten()
        .all(|p| (-180.0..=180.0).contains(&p.0))
}

#[test]
fn a_ring_across_the_antimeridian_becomes_two_without_a_streak() {
    // An island from 178°E to 178°W, written with longitudes wrapping as in Natural Earth.
    let fiji = vec![
        (178.0, -17.0),
        (-178.0, -17.0),
        (-178.0, -16.0),
        (178.0, -16.0),
        (178.0, -17.0),
    ];
    let parts = split_antimeridian(&fiji);
    assert_eq!(parts.len(), 2, "{parts:?}");
    assert!(within_range(&parts));
    for part in &parts {
        assert!(!part.windows(2).any(|w| jumps(w[0], w[1])));
        assert!(
            (area(part).abs() - 2.0).abs() < 1e-9,
            "each half is 2 square degrees"
        );
    }
    // A ring that does not cross stays as it is.
    let plain = vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)];
    assert_eq!(split_antimeridian(&plain), [plain]);
}

#[test]
fn a_ring_around_the_pole_is_closed_along_the_pole_line() {
    // Antarctica-like: a coast all the way round, jumping from 180 back to -180.
    let mut ring: Vec<LonLat> = (-180..=180)
        .step_by(30)
        .map(|l| (l as f64, -70.0))
        .collect();
    ring.push((-180.0, -70.0));
    let parts = split_antimeridian(&ring);
    assert_eq!(parts.len(), 1, "{parts:?}");
    assert!(within_range(&parts));
    assert!(parts[0].iter().any(|p| p.1 == -90.0));
    assert!((area(&parts[0]).abs() - 360.0 * 20.0).abs() < 1e-6);
}

#[test]
fn douglas_peucker_drops_only_points_within_the_tolerance() {
    let line = [(0.0, 0.0), (1.0, 0.05), (2.0, -0.05), (3.0, 0.0)];
    assert_eq!(douglas_peucker(&line, 0.1), [true, false, false, true]);
    assert_eq!(douglas_peucker(&line, 0.01), [true; 4]);
    let peak = [(0.0, 0.0), (1.0, 1.05), (2.0, 2.0), (3.0, 0.0)];
    assert_eq!(douglas_peucker(&peak, 0.1), [true, false, true, true]);
    // Ends are kept whatever the tolerance, so neighbouring arcs still meet.
    let simplified = simplify_arc(&[(0.0, 0.0), (0.1, 0.0), (0.2, 0.0)], 100.0);
    assert_eq!(simplified, [(0.0, 0.0), (0.2, 0.0)]);
    // A small island (one closed arc) keeps four corners instead of collapsing to a line.
    let mut island: Vec<(f64, f64)> = (0..12)
        .map(|i| f64::from(i) * std::f64::consts::TAU / 12.0)
        .map(|a| (0.001 * a.cos(), 0.001 * a.sin()))
        .collect();
    island.push(island[0]);
    let mut keep = douglas_peucker(&island, 100.0);
    assert_eq!(keep.iter().filter(|k| **k).count(), 2, "flattened");
    keep_corners(&island, &mut keep);
    assert_eq!(keep.iter().filter(|k| **k).count(), 5, "{keep:?}");
}

#[test]
fn path_data_is_relative_and_compact() {
    let mut d = String::new();
    let n = push_ring(
        &mut d,
        &[(1.04, 2.0), (-0.5, 2.0), (-0.5, 0.0), (1.04, 2.0)],
    );
    assert_eq!(n, Some(3));
    assert_eq!(d, "M1 2l-1.5 0 0-2z");
    // Rounding to tenths can flatten a tiny island to nothing: it is dropped.
    let mut e = String::new();
    assert_eq!(
        push_ring(&mut e, &[(0.0, 0.0), (0.01, 0.0), (0.0, 0.01)]),
        None
    );
    assert!(e.is_empty());
}

#[test]
fn build_refuses_bad_tolerance_and_empty_objects() {
    let empty = r#"{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[]}},"arcs":[]}"#;
    assert!(build(empty.as_bytes(), "countries", 0.3)
        .unwrap_err()
        .contains("no polygons"));
    assert!(build(empty.as_bytes(), "countries", f64::NAN)
        .unwrap_err()
        .contains("tolerance"));
}
