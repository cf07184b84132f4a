//! Marker clustering: places merge into clusters when they would sit closer than a radius on screen.
//!
//! Built once per set of places, like mapbox/supercluster: each integer zoom level from
//! [`MIN_LEVEL`] to [`MAX_LEVEL`] is computed from the level below it, so a cluster is always the
//! union of clusters one level closer in, and zooming in only ever splits markers. The members of
//! every cluster are one contiguous range of [`ClusterIndex::members`], so no member list is
//! copied. Greedy seeding in a fixed order (heaviest place first, then by index) makes the result
//! independent of the input order.

use super::projection::project;
use super::viewport::{BBox, Size, Viewport, MAX_ZOOM, MIN_ZOOM};
use std::ops::Range;

/// The most zoomed-out level that has its own clusters.
pub const MIN_LEVEL: i32 = MIN_ZOOM as i32;
/// The most zoomed-in level: only places at the same spot share a marker there.
pub const MAX_LEVEL: i32 = MAX_ZOOM as i32;
/// Places closer than this many pixels share a marker; twice [`MARKER_MAX_PX`] plus a gap, so
/// markers rarely overlap.
pub const DEFAULT_RADIUS_PX: f64 = 48.0;
/// Smallest marker radius in pixels: readable and clickable at every zoom.
pub const MARKER_MIN_PX: f64 = 8.0;
/// Largest marker radius in pixels.
pub const MARKER_MAX_PX: f64 = 22.0;
/// Places closer than this (world units, ~4 cm) count as the same spot.
const SAME_SPOT: f64 = 1e-6;

/// One place to put on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacePoint {
    /// The caller's index (into its places, venues or events); reported back in `members`.
    pub index: u32,
    pub lon: f64,
    pub lat: f64,
    /// What the marker counts (events, talks...); clusters add these up.
    pub weight: u32,
}

/// A marker at one zoom level.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Weighted centre in world units.
    pub x: f64,
    pub y: f64,
    /// Sum of the members' weights.
    pub count: u64,
    /// Range into [`ClusterIndex::members`]; its length is the number of places.
    pub members: Range<u32>,
    /// Bounding box of the members in world units.
    pub bbox: BBox,
    /// The first level at which this marker splits into several, or `None` when every member is
    /// at the same spot (the UI lists them instead of zooming).
    pub split_level: Option<i32>,
}

impl Cluster {
    pub fn places(&self) -> u32 {
        self.members.end - self.members.start
    }
}

/// Every level's clusters for one set of places.
#[derive(Clone, Debug, Default)]
pub struct ClusterIndex {
    /// `levels[i]` holds the clusters of level `MIN_LEVEL + i`.
    levels: Vec<Vec<Cluster>>,
    /// Caller indices, ordered so that each cluster's members are contiguous.
    members: Vec<u32>,
    /// Caller indices of places without usable coordinates.
    skipped: Vec<u32>,
}

/// A node while building: a cluster plus its mass (for centroids) and its children one level in.
struct Node {
    x: f64,
    y: f64,
    mass: f64,
    count: u64,
    places: u32,
    bbox: BBox,
    split_level: Option<i32>,
    /// Range into the level's flat child list (one allocation per level, not per node).
    children: Range<u32>,
}

impl ClusterIndex {
    /// Clusters `places` with a radius of `radius_px` pixels (clamped to 1..=500; pass
    /// [`DEFAULT_RADIUS_PX`]). Places with non-finite or out-of-range coordinates are skipped and
    /// listed in [`Self::skipped`].
    pub fn new(places: &[PlacePoint], radius_px: f64) -> ClusterIndex {
        let radius = if radius_px.is_finite() {
            radius_px.clamp(1.0, 500.0)
        } else {
            DEFAULT_RADIUS_PX
        };
        let mut skipped = Vec::new();
        let mut leaves: Vec<PlacePoint> = Vec::with_capacity(places.len());
        for p in places {
            let ok = p.lat.is_finite()
                && p.lon.is_finite()
                && (-90.0..=90.0).contains(&p.lat)
                && (-180.0..=180.0).contains(&p.lon);
            if ok {
                leaves.push(*p);
            } else {
                skipped.push(p.index);
            }
        }
        crate::order::by(&mut leaves, &|a, b| {
            b.weight.cmp(&a.weight).then(a.index.cmp(&b.index))
        });
        let leaf_nodes: Vec<Node> = leaves
            .iter()
            .map(|p| {
                let (x, y) = project(p.lon, p.lat);
                Node {
                    x,
                    y,
                    mass: f64::from(p.weight.max(1)),
                    count: u64::from(p.weight),
                    places: 1,
                    bbox: BBox::point(x, y),
                    split_level: None,
                    children: 0..0,
                }
            })
            .collect();

        // Build from the closest level out; built[k] is level MAX_LEVEL - k.
        let mut built: Vec<(Vec<Node>, Vec<u32>)> = Vec::new();
        let mut below = &leaf_nodes;
        for level in (MIN_LEVEL..=MAX_LEVEL).rev() {
            let r = if level == MAX_LEVEL {
                SAME_SPOT
            } else {
                radius / f64::from(level).exp2()
            };
            let next = merge(below, r, level);
            built.push(next);
            below = &built.last().expect("just pushed").0;
        }
        built.reverse();

        // Hand out member ranges top-down so each cluster's leaves are contiguous.
        let mut members = vec![0u32; leaves.len()];
        let mut starts: Vec<u32> = Vec::new();
        let mut cursor = 0;
        for n in &built[0].0 {
            starts.push(cursor);
            cursor += n.places;
        }
        let mut levels = Vec::with_capacity(built.len());
        for (i, (nodes, kids)) in built.iter().enumerate() {
            let next = built.get(i + 1).map(|b| &b.0);
            let mut child_starts = vec![0u32; next.map_or(leaves.len(), Vec::len)];
            let mut clusters = Vec::with_capacity(nodes.len());
            for (n, &start) in nodes.iter().zip(&starts) {
                let mut c = start;
                for &child in &kids[n.children.start as usize..n.children.end as usize] {
                    match next {
                        Some(next) => {
                            child_starts[child as usize] = c;
                            c += next[child as usize].places;
                        }
                        None => {
                            members[c as usize] = leaves[child as usize].index;
                            c += 1;
                        }
                    }
                }
                clusters.push(Cluster {
                    x: n.x,
                    y: n.y,
                    count: n.count,
                    members: start..start + n.places,
                    bbox: n.bbox,
                    split_level: n.split_level,
                });
            }
            levels.push(clusters);
            starts = child_starts;
        }
        ClusterIndex {
            levels,
            members,
            skipped,
        }
    }

    /// The level whose clusters suit a (fractional) zoom.
    pub fn level_for(zoom: f64) -> i32 {
        if zoom.is_finite() {
            (zoom.floor() as i32).clamp(MIN_LEVEL, MAX_LEVEL)
        } else {
            MIN_LEVEL
        }
    }

    /// Every cluster at the level for `zoom`.
    pub fn clusters_at(&self, zoom: f64) -> &[Cluster] {
        let i = (Self::level_for(zoom) - MIN_LEVEL) as usize;
        self.levels.get(i).map_or(&[], Vec::as_slice)
    }

    /// The clusters to draw in `view`: those at its zoom level whose marker reaches the element.
    pub fn clusters_in(&self, view: &Viewport, size: Size) -> Vec<&Cluster> {
        let vb = view.view_box(size);
        let margin = MARKER_MAX_PX / view.scale();
        let area = BBox {
            min_x: vb.min_x - margin,
            min_y: vb.min_y - margin,
            max_x: vb.min_x + vb.width + margin,
            max_y: vb.min_y + vb.height + margin,
        };
        self.clusters_at(view.zoom)
            .iter()
            .filter(|c| area.contains(c.x, c.y))
            .collect()
    }

    /// The caller indices of a cluster's places.
    pub fn members(&self, cluster: &Cluster) -> &[u32] {
        let r = cluster.members.start as usize..cluster.members.end as usize;
        self.members.get(r).unwrap_or(&[])
    }

    /// Caller indices of places left out for bad coordinates.
    pub fn skipped(&self) -> &[u32] {
        &self.skipped
    }

    /// The largest `count` at a zoom's level, to scale markers with [`marker_radius`].
    pub fn max_count_at(&self, zoom: f64) -> u64 {
        self.clusters_at(zoom)
            .iter()
            .map(|c| c.count)
            .max()
            .unwrap_or(0)
    }
}

/// Greedily merges `nodes` closer than `r` world units into the nodes of `level`; returns them
/// and the flat list their `children` ranges point into.
fn merge(nodes: &[Node], r: f64, level: i32) -> (Vec<Node>, Vec<u32>) {
    // A grid of cells `r` wide, as a sorted list of (cell key, node): neighbours within r are in
    // the 3×3 cells around, and each column of three is one run of the sorted list.
    let cell = |v: f64| (v / r).floor() as i64;
    let key = |gx: i64, gy: i64| {
        ((gx as u64 ^ (1 << 63)) as u128) << 64 | (gy as u64 ^ (1 << 63)) as u128
    };
    let mut grid: Vec<(u128, u32)> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (key(cell(n.x), cell(n.y)), i as u32))
        .collect();
    grid.sort_unstable();
    let mut taken = vec![false; nodes.len()];
    let mut out = Vec::new();
    let mut kids: Vec<u32> = Vec::with_capacity(nodes.len());
    let r2 = r * r;
    let mut found = Vec::new();
    for (i, seed) in nodes.iter().enumerate() {
        if taken[i] {
            continue;
        }
        found.clear();
        let (gx, gy) = (cell(seed.x), cell(seed.y));
        for dx in -1..=1 {
            let (lo, hi) = (key(gx + dx, gy - 1), key(gx + dx, gy + 1));
            let from = grid.partition_point(|&(k, _)| k < lo);
            for &(k, j) in &grid[from..] {
                if k > hi {
                    break;
                }
                let n = &nodes[j as usize];
                let d2 = (n.x - seed.x).powi(2) + (n.y - seed.y).powi(2);
                if !taken[j as usize] && d2 <= r2 {
                    found.push(j);
                }
            }
        }
        found.sort_unstable();
        let mut m = Node {
            x: 0.0,
            y: 0.0,
            mass: 0.0,
            count: 0,
            places: 0,
            bbox: seed.bbox,
            split_level: None,
            children: kids.len() as u32..(kids.len() + found.len()) as u32,
        };
        kids.extend_from_slice(&found);
        for &j in &found {
            taken[j as usize] = true;
            let n = &nodes[j as usize];
            m.x += n.x * n.mass;
            m.y += n.y * n.mass;
            m.mass += n.mass;
            m.count += n.count;
            m.places += n.places;
            m.bbox = m.bbox.union(n.bbox);
        }
        // Clamped because rounding can put the mean of equal values a hair outside them.
        m.x = (m.x / m.mass).clamp(m.bbox.min_x, m.bbox.max_x);
        m.y = (m.y / m.mass).clamp(m.bbox.min_y, m.bbox.max_y);
        m.split_level = match found.as_slice() {
            [only] => nodes[*only as usize].split_level,
            _ if level == MAX_LEVEL => None,
            _ => Some(level + 1),
        };
        out.push(m);
    }
    (out, kids)
}

/// The view a click on `cluster` leads to: all its places in sight, zoomed at least to the level
/// where it splits. A cluster that never splits just gets centred.
pub fn zoom_to(cluster: &Cluster, size: Size) -> Viewport {
    let mut v = Viewport::fit_box(cluster.bbox, size, MAX_ZOOM);
    if let Some(level) = cluster.split_level {
        v.zoom = v.zoom.max(f64::from(level));
    }
    v.clamped()
}

/// Marker radius in pixels for a cluster of `count` when the largest one in view has
/// `max_count`: area grows with the count (sqrt scale), clamped to stay readable.
pub fn marker_radius(count: u64, max_count: u64) -> f64 {
    if max_count == 0 {
        return MARKER_MIN_PX;
    }
    let t = (count as f64 / max_count as f64).clamp(0.0, 1.0).sqrt();
    MARKER_MIN_PX + (MARKER_MAX_PX - MARKER_MIN_PX) * t
}

#[cfg(test)]
#[path = "cluster_tests.rs"]
mod tests;
