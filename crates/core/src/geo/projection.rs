//! The Equal Earth projection (Šavrič, Patterson & Jenny 2018) into Hallway's fixed map space.
//!
//! Map space ("world units"): x grows east, y grows SOUTH (SVG convention), the origin is
//! lon 0 / lat 0, and the world is exactly [`WORLD_WIDTH`] units wide, so x lies in
//! `[-500, 500]` and y in `[-HALF_HEIGHT, HALF_HEIGHT]` (about ±243.4). One world unit is about
//! 40 km along the equator. The build-time geometry (`public/map/world.json`) and every marker
//! use this same space, so an SVG with `viewBox` = [`WORLD_VIEWBOX`] shows the whole world.

/// Polynomial coefficients from the paper (Table 1).
const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// `sqrt(3) / 2`, written out because `sqrt` is not const.
const M: f64 = 0.866_025_403_784_438_6;

/// Width of the projected world in world units.
pub const WORLD_WIDTH: f64 = 1000.0;

/// Raw (unit-sphere) x at lon 180°, lat 0: `2·sqrt(3)·π / (3·A1)`, i.e. `π / (M·A1)`.
const RAW_X_MAX: f64 = std::f64::consts::PI / (M * A1);
/// Raw y at the pole, where the parametric latitude θ is exactly π/3.
const RAW_Y_MAX: f64 = {
    let t = std::f64::consts::FRAC_PI_3;
    let t2 = t * t;
    let t6 = t2 * t2 * t2;
    t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
};
/// World units per raw unit, chosen so the equator spans exactly [`WORLD_WIDTH`].
pub const SCALE: f64 = WORLD_WIDTH / 2.0 / RAW_X_MAX;
/// Half the projected world's height (pole to equator) in world units, about 243.36.
pub const HALF_HEIGHT: f64 = RAW_Y_MAX * SCALE;

/// A rectangle in world units, as an SVG `viewBox` wants it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub min_x: f64,
    pub min_y: f64,
    pub width: f64,
    pub height: f64,
}

impl ViewBox {
    /// The `viewBox` attribute value, rounded outwards to 0.01 units so nothing is cut.
    pub fn attr(&self) -> String {
        let lo = |v: f64| (v * 100.0).floor() / 100.0;
        let hi = |v: f64| (v * 100.0).ceil() / 100.0;
        let (x0, y0) = (lo(self.min_x), lo(self.min_y));
        let (x1, y1) = (hi(self.min_x + self.width), hi(self.min_y + self.height));
        // Rounding the difference again drops float noise such as 486.73000000000002.
        let r = |v: f64| (v * 100.0).round() / 100.0;
        format!("{x0} {y0} {} {}", r(x1 - x0), r(y1 - y0))
    }
}

/// The whole projected world.
pub const WORLD_VIEWBOX: ViewBox = ViewBox {
    min_x: -WORLD_WIDTH / 2.0,
    min_y: -HALF_HEIGHT,
    width: WORLD_WIDTH,
    height: 2.0 * HALF_HEIGHT,
};

/// Projects degrees of longitude and latitude to world units (y down).
///
/// Longitudes outside ±180 are not wrapped (the projection is linear in longitude), which is what
/// the antimeridian cutting in the map-asset builder relies on. Latitudes are clamped to ±90.
pub fn project(lon: f64, lat: f64) -> (f64, f64) {
    let lambda = lon.to_radians();
    let phi = lat.clamp(-90.0, 90.0).to_radians();
    let t = (M * phi.sin()).asin();
    let t2 = t * t;
    let t6 = t2 * t2 * t2;
    let x = lambda * t.cos() / (M * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x * SCALE, -y * SCALE)
}

/// Inverse of [`project`]: world units to `(lon, lat)` in degrees, by Newton iteration on the
/// parametric latitude as the paper describes. y is clamped to the poles; x is not checked, so a
/// point right of the world's outline gives a longitude beyond 180 (see [`max_x_at`]).
pub fn invert(x: f64, y: f64) -> (f64, f64) {
    let x = x / SCALE;
    let y = (-y / SCALE).clamp(-RAW_Y_MAX, RAW_Y_MAX);
    let mut t = y;
    for _ in 0..12 {
        let t2 = t * t;
        let t6 = t2 * t2 * t2;
        let fy = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)) - y;
        let fpy = A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2);
        let delta = fy / fpy;
        t -= delta;
        if delta.abs() < 1e-12 {
            break;
        }
    }
    let t2 = t * t;
    let t6 = t2 * t2 * t2;
    let cos_t = t.cos();
    // At the poles cos θ is 1/2, never 0, so this division is safe.
    let lambda = M * x * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)) / cos_t;
    let phi = (t.sin() / M).clamp(-1.0, 1.0).asin();
    (lambda.to_degrees(), phi.to_degrees())
}

/// The world outline's half width at height `y`: `|x|` of longitude 180 at that latitude.
pub fn max_x_at(y: f64) -> f64 {
    let (_, lat) = invert(0.0, y);
    project(180.0, lat).0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference raw values from d3-geo 3's `geoEqualEarthRaw` (node, radians in, unit sphere
    /// out, y up), an implementation independent of this one.
    const D3_RAW: &[(&str, f64, f64, f64, f64)] = &[
        ("origin", 0.0, 0.0, 0.0, 0.0),
        ("north pole", 0.0, 90.0, 0.0, 1.31736275916),
        ("south pole", 0.0, -90.0, 0.0, -1.31736275916),
        ("antimeridian east", 180.0, 0.0, 2.70662998370, 0.0),
        ("antimeridian west", -180.0, 0.0, -2.70662998370, 0.0),
        ("pole corner", 180.0, 90.0, 1.60358864828, 1.31736275916),
        ("Dublin", -6.2603, 53.3498, -0.0754817327593, 0.993259775935),
        (
            "Seattle",
            -122.3321,
            47.6062,
            -1.54631823161,
            0.903191816596,
        ),
        (
            "Düsseldorf",
            6.7735,
            51.2277,
            0.0831685330024,
            0.960768357258,
        ),
    ];

    #[test]
    fn project_matches_d3_geo_reference_values() {
        let k = 500.0 / 2.70662998370;
        for &(name, lon, lat, rx, ry) in D3_RAW {
            let (x, y) = project(lon, lat);
            assert!((x - rx * k).abs() < 1e-6, "{name}: x {x} vs {}", rx * k);
            assert!((y + ry * k).abs() < 1e-6, "{name}: y {y} vs {}", -ry * k);
        }
    }

    #[test]
    fn world_box_is_1000_wide_and_centred() {
        assert_eq!(project(180.0, 0.0).0, 500.0);
        assert_eq!(project(-180.0, 0.0).0, -500.0);
        assert!((project(0.0, 90.0).1 + HALF_HEIGHT).abs() < 1e-9);
        assert!((HALF_HEIGHT - 243.36).abs() < 0.01, "{HALF_HEIGHT}");
        assert_eq!(WORLD_VIEWBOX.attr(), "-500 -243.36 1000 486.72");
    }

    #[test]
    fn invert_round_trips_across_the_globe() {
        // d3-geo: geoEqualEarthRaw.invert(1.0, 0.7) in degrees.
        let k = 500.0 / 2.70662998370;
        let (lon, lat) = invert(k, -0.7 * k);
        assert!((lon - 73.20562246185044).abs() < 1e-7, "{lon}");
        assert!((lat - 35.80862828332799).abs() < 1e-7, "{lat}");
        for lat in (-90i32..=90).step_by(5) {
            for lon in (-180..=180).step_by(15) {
                let (x, y) = project(lon as f64, lat as f64);
                let (lo, la) = invert(x, y);
                assert!((la - lat as f64).abs() < 1e-7, "lat {lat} -> {la}");
                if lat.abs() != 90 {
                    assert!((lo - lon as f64).abs() < 1e-7, "lon {lon} at {lat} -> {lo}");
                }
            }
        }
    }

    #[test]
    fn outline_half_width_shrinks_towards_the_poles() {
        assert!((max_x_at(0.0) - 500.0).abs() < 1e-9);
        let pole = max_x_at(-HALF_HEIGHT);
        assert!((pole - 1.60358864828 * 500.0 / 2.70662998370).abs() < 1e-6);
        assert!(max_x_at(-100.0) < 500.0 && max_x_at(-100.0) > pole);
    }
}
