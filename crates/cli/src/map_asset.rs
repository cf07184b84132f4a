//! `hallway map-asset`: turns world-atlas TopoJSON into the app's world outline file.
//!
//! Countries are projected with core's Equal Earth projection (the same one markers use),
//! simplified arc by arc (so neighbours keep sharing their border), cut at the antimeridian, and
//! written as SVG path data in world units rounded to 0.1 unit (~4 km).

use crate::topojson::{self, LonLat};
use hallway_core::geo::{project, Country, WorldMap, ATTRIBUTION, WORLD_VIEWBOX};
use std::path::Path;
use std::process::ExitCode;

/// What the build produced, for the summary line.
#[derive(Debug, Default, PartialEq)]
pub struct Stats {
    pub countries: usize,
    pub rings: usize,
    pub points: usize,
}

pub fn run(topojson: &Path, out: &Path, object: &str, tolerance: f64) -> ExitCode {
    let bytes = match std::fs::read(topojson) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "error: cannot read `{}`: {e}\n  hint: run `cd tools && npm ci` to get world-atlas",
                topojson.display()
            );
            return ExitCode::from(2);
        }
    };
    let (map, stats) = match build(&bytes, object, tolerance) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}: {e}", topojson.display());
            return ExitCode::from(1);
        }
    };
    let json = match serde_json::to_string(&map) {
        Ok(j) => j + "\n",
        Err(e) => {
            eprintln!("error: cannot serialize the map: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create `{}`: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    if let Err(e) = std::fs::write(out, &json) {
        eprintln!("error: cannot write `{}`: {e}", out.display());
        return ExitCode::from(2);
    }
    println!(
        "{}: {} countries, {} rings, {} points, {} bytes",
        out.display(),
        stats.countries,
        stats.rings,
        stats.points,
        json.len()
    );
    ExitCode::SUCCESS
}

/// Builds the map from TopoJSON bytes; `tolerance` is the simplification distance in world units.
pub fn build(bytes: &[u8], object: &str, tolerance: f64) -> Result<(WorldMap, Stats), String> {
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        return Err(format!("tolerance {tolerance} must be a number >= 0"));
    }
    let (topo, features) = topojson::decode(bytes, object)?;
    let arcs: Vec<Vec<LonLat>> = topo
        .arcs
        .iter()
        .map(|a| simplify_arc(a, tolerance))
        .collect();
    let mut stats = Stats::default();
    let mut countries = Vec::new();
    for f in &features {
        let mut d = String::new();
        for polygon in &f.polygons {
            for ring in polygon {
                for piece in split_antimeridian(&topojson::stitch(&arcs, ring)) {
                    let projected: Vec<_> =
                        piece.iter().map(|&(lon, lat)| project(lon, lat)).collect();
                    if let Some(n) = push_ring(&mut d, &projected) {
                        stats.rings += 1;
                        stats.points += n;
                    }
                }
            }
        }
        if d.is_empty() {
            // Simplification flattened every ring (Malta, Bahrain...): keep the largest one as a
            // four-cornered shape, since a country that vanishes cannot be found on the map.
            let largest = f
                .polygons
                .iter()
                .flatten()
                .flat_map(|ring| split_antimeridian(&topojson::stitch(&topo.arcs, ring)))
                .max_by(|a, b| area(a).abs().total_cmp(&area(b).abs()));
            if let Some(ring) = largest {
                let xy: Vec<_> = ring.iter().map(|&(lon, lat)| project(lon, lat)).collect();
                let mut keep = douglas_peucker(&xy, tolerance);
                if xy.len() >= 5 {
                    keep_corners(&xy, &mut keep);
                }
                let kept: Vec<_> = xy
                    .iter()
                    .zip(keep)
                    .filter(|(_, k)| *k)
                    .map(|(p, _)| *p)
                    .collect();
                if let Some(n) = push_ring(&mut d, &kept) {
                    stats.rings += 1;
                    stats.points += n;
                }
            }
        }
        if d.is_empty() {
            eprintln!(
                "note: `{}` ({}) is too small to draw at this scale; it is left out",
                f.name, f.id
            );
        } else {
            stats.countries += 1;
            countries.push(Country {
                id: f.id.clone(),
                name: f.name.clone(),
                d,
            });
        }
    }
    if countries.is_empty() {
        return Err(format!("object `{object}` has no polygons to draw"));
    }
    let map = WorldMap {
        view_box: WORLD_VIEWBOX.attr(),
        attribution: ATTRIBUTION.to_string(),
        countries,
    };
    Ok((map, stats))
}

/// A step between two positions longer than half the globe is a wrap across the antimeridian.
fn jumps(a: LonLat, b: LonLat) -> bool {
    (b.0 - a.0).abs() > 180.0
}

/// Douglas-Peucker in world units on each jump-free run of an arc, keeping the arc's ends so that
/// arcs still meet.
fn simplify_arc(arc: &[LonLat], tolerance: f64) -> Vec<LonLat> {
    let mut out = Vec::with_capacity(arc.len());
    let mut start = 0;
    for i in 1..=arc.len() {
        if i == arc.len() || jumps(arc[i - 1], arc[i]) {
            let run = &arc[start..i];
            let xy: Vec<_> = run.iter().map(|&(lon, lat)| project(lon, lat)).collect();
            let keep = douglas_peucker(&xy, tolerance);
            out.extend(run.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p));
            start = i;
        }
    }
    out
}

/// Keeps four corners of a closed run that simplification flattened, so a small island stays an
/// island rather than vanishing (a small country may be all there is of it).
fn keep_corners(pts: &[(f64, f64)], keep: &mut [bool]) {
    let last = pts.len() - 1;
    let d = |i: usize, a: (f64, f64)| (pts[i].0 - a.0).hypot(pts[i].1 - a.1);
    let far = (1..last).max_by(|&i, &j| d(i, pts[0]).total_cmp(&d(j, pts[0])));
    let Some(far) = far else { return };
    keep[far] = true;
    for (a, b) in [(0, far), (far, last)] {
        let (ax, ay) = pts[a];
        let (dx, dy) = (pts[b].0 - ax, pts[b].1 - ay);
        let off = |i: usize| ((pts[i].0 - ax) * dy - (pts[i].1 - ay) * dx).abs();
        if let Some(m) = (a + 1..b).max_by(|&i, &j| off(i).total_cmp(&off(j))) {
            keep[m] = true;
        }
    }
}

fn douglas_peucker(pts: &[(f64, f64)], tolerance: f64) -> Vec<bool> {
    let mut keep = vec![false; pts.len()];
    if pts.len() <= 2 {
        keep.fill(true);
        return keep;
    }
    keep[0] = true;
    keep[pts.len() - 1] = true;
    // An explicit stack: real coastlines can be deep enough to make recursion a risk.
    let mut stack = vec![(0, pts.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (ax, ay) = pts[a];
        let (bx, by) = pts[b];
        let (dx, dy) = (bx - ax, by - ay);
        let len = dx.hypot(dy);
        let mut worst = (0.0, 0);
        for (i, &(px, py)) in pts.iter().enumerate().take(b).skip(a + 1) {
            let dist = if len == 0.0 {
                (px - ax).hypot(py - ay)
            } else {
                ((px - ax) * dy - (py - ay) * dx).abs() / len
            };
            if dist > worst.0 {
                worst = (dist, i);
            }
        }
        if worst.0 > tolerance {
            keep[worst.1] = true;
            stack.push((a, worst.1));
            stack.push((worst.1, b));
        }
    }
    keep
}

/// Cuts a closed ring that crosses the antimeridian into rings that stay within ±180°, so no edge
/// streaks across the whole map. A ring around a pole (Antarctica) is closed along the pole line.
fn split_antimeridian(ring: &[LonLat]) -> Vec<Vec<LonLat>> {
    if ring.len() < 2 || !ring.windows(2).any(|w| jumps(w[0], w[1])) {
        return vec![ring.to_vec()];
    }
    // Unwrap longitudes so the ring is continuous, possibly beyond ±180.
    let mut un = Vec::with_capacity(ring.len() + 2);
    un.push(ring[0]);
    for w in ring.windows(2) {
        let prev = un.last().map_or(w[0].0, |p: &LonLat| p.0);
        let mut step = w[1].0 - w[0].0;
        if step > 180.0 {
            step -= 360.0;
        } else if step < -180.0 {
            step += 360.0;
        }
        un.push((prev + step, w[1].1));
    }
    let (first, last) = (un[0], un[un.len() - 1]);
    if (last.0 - first.0).abs() > 180.0 {
        let mean_lat = un.iter().map(|p| p.1).sum::<f64>() / un.len() as f64;
        let pole = if mean_lat < 0.0 { -90.0 } else { 90.0 };
        un.push((last.0, pole));
        un.push((first.0, pole));
        un.push(first);
    }
    let lo = un.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let hi = un.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let mut out = Vec::new();
    let k_lo = ((lo + 180.0) / 360.0).floor() as i64;
    let k_hi = ((hi + 180.0) / 360.0).ceil() as i64;
    for k in k_lo..k_hi {
        let shift = 360.0 * k as f64;
        let piece = clip(&clip(&un, shift - 180.0, false), shift + 180.0, true);
        let piece: Vec<LonLat> = piece
            .into_iter()
            .map(|(lon, lat)| (lon - shift, lat))
            .collect();
        if area(&piece).abs() > 1e-9 {
            out.push(piece);
        }
    }
    out
}

/// Sutherland-Hodgman against one meridian: keeps `lon <= bound` when `below`, else `lon >= bound`.
fn clip(ring: &[LonLat], bound: f64, below: bool) -> Vec<LonLat> {
    let inside = |p: LonLat| if below { p.0 <= bound } else { p.0 >= bound };
    let mut out = Vec::with_capacity(ring.len());
    for (i, &b) in ring.iter().enumerate() {
        let a = ring[if i == 0 { ring.len() - 1 } else { i - 1 }];
        let cross = || {
            let t = (bound - a.0) / (b.0 - a.0);
            (bound, a.1 + t * (b.1 - a.1))
        };
        match (inside(a), inside(b)) {
            (true, true) => out.push(b),
            (true, false) => out.push(cross()),
            (false, true) => {
                out.push(cross());
                out.push(b);
            }
            (false, false) => {}
        }
    }
    if let (Some(&f), Some(&l)) = (out.first(), out.last()) {
        if f != l {
            out.push(f);
        }
    }
    out
}

fn area(ring: &[LonLat]) -> f64 {
    ring.windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum::<f64>()
        / 2.0
}

/// Appends a ring as `M x y l dx dy … z` in tenths of a unit; returns its point count, or `None`
/// when rounding left it without area.
fn push_ring(d: &mut String, ring: &[(f64, f64)]) -> Option<usize> {
    let mut pts: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
    for &(x, y) in ring {
        let p = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }
    while pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    let twice_area: i64 = (0..pts.len())
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    if pts.len() < 3 || twice_area == 0 {
        return None;
    }
    d.push('M');
    push_num(d, pts[0].0);
    push_num(d, pts[0].1);
    d.push('l');
    for w in pts.windows(2) {
        push_num(d, w[1].0 - w[0].0);
        push_num(d, w[1].1 - w[0].1);
    }
    d.push('z');
    Some(pts.len())
}

/// Writes `tenths / 10` as briefly as SVG allows: "12.3", "-.5", "7"; a minus sign separates
/// numbers by itself, so a space is only needed before a positive one that is not first.
fn push_num(d: &mut String, tenths: i64) {
    let neg = tenths < 0;
    let (int, frac) = (tenths.abs() / 10, tenths.abs() % 10);
    if neg {
        d.push('-');
    } else if !d.ends_with(['M', 'l']) {
        d.push(' ');
    }
    if int != 0 || frac == 0 {
        d.push_str(&int.to_string());
    }
    if frac != 0 {
        d.push('.');
        d.push(char::from(b'0' + frac as u8));
    }
}

#[cfg(test)]
#[path = "map_asset_tests.rs"]
mod tests;
