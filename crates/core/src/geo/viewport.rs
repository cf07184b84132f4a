//! The map's view: centre and zoom in world units, the gestures that change it, and its URL form.
//!
//! Zoom is a power of two of pixels per world unit: at zoom 0 the world is 1000 CSS pixels wide,
//! at zoom 1 it is 2000. Clustering uses the integer part of the zoom (see `cluster`).

use super::projection::{invert, max_x_at, project, ViewBox, HALF_HEIGHT, WORLD_VIEWBOX};
use std::fmt;

/// The most zoomed-out view: the world 125 px wide.
pub const MIN_ZOOM: f64 = -3.0;
/// The most zoomed-in view: about 10 m per pixel, enough to split venues in one city.
pub const MAX_ZOOM: f64 = 12.0;
/// "Fit to results" never zooms further than this (a whole region around a single city).
pub const FIT_MAX_ZOOM: f64 = 7.0;
/// Space kept free around fitted points, in pixels, so edge markers are not cut.
pub const FIT_PADDING_PX: f64 = 40.0;
/// One arrow key press pans this many pixels.
pub const KEY_PAN_PX: f64 = 100.0;
/// One `+`/`-` key press changes zoom by this many levels.
pub const KEY_ZOOM_STEP: f64 = 1.0;

/// Size of the map element in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

impl Size {
    /// Guards against a not-yet-laid-out element (0×0) or garbage from the DOM.
    fn sane(self) -> Size {
        let ok = |v: f64| if v.is_finite() && v >= 1.0 { v } else { 1.0 };
        Size {
            width: ok(self.width),
            height: ok(self.height),
        }
    }
}

/// An axis-aligned box in world units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl BBox {
    pub fn point(x: f64, y: f64) -> BBox {
        BBox {
            min_x: x,
            min_y: y,
            max_x: x,
            max_y: y,
        }
    }

    pub fn union(self, o: BBox) -> BBox {
        BBox {
            min_x: self.min_x.min(o.min_x),
            min_y: self.min_y.min(o.min_y),
            max_x: self.max_x.max(o.max_x),
            max_y: self.max_y.max(o.max_y),
        }
    }

    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.min_x && x <= self.max_x && y >= self.min_y && y <= self.max_y
    }

    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    pub fn centre(&self) -> (f64, f64) {
        (
            (self.min_x + self.max_x) / 2.0,
            (self.min_y + self.max_y) / 2.0,
        )
    }
}

/// A keyboard command on the focused map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Left,
    Right,
    Up,
    Down,
    ZoomIn,
    ZoomOut,
}

/// What the map shows: the world point at the element's centre and the zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Centre in world units (see `projection`).
    pub cx: f64,
    pub cy: f64,
    /// Pixels per world unit is `2^zoom`.
    pub zoom: f64,
}

/// Why a `@lat,lon,zZ` string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseViewportError(String);

impl fmt::Display for ParseViewportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}; expected a map view like `@51.23,6.77,z4` (latitude, longitude, zoom)",
            self.0
        )
    }
}

impl std::error::Error for ParseViewportError {}

impl Viewport {
    /// The whole world, fitted into `size`.
    pub fn world(size: Size) -> Viewport {
        let w = WORLD_VIEWBOX;
        let bbox = BBox {
            min_x: w.min_x,
            min_y: w.min_y,
            max_x: w.min_x + w.width,
            max_y: w.min_y + w.height,
        };
        Viewport::fit_box(bbox, size, MAX_ZOOM)
    }

    /// "Fit to results": the smallest view holding every point (world units) with padding,
    /// never closer than [`FIT_MAX_ZOOM`]. No points gives the whole world.
    pub fn fit(points: &[(f64, f64)], size: Size) -> Viewport {
        let mut it = points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite());
        let Some(&(x, y)) = it.next() else {
            return Viewport::world(size);
        };
        let bbox = it.fold(BBox::point(x, y), |b, &(x, y)| b.union(BBox::point(x, y)));
        Viewport::fit_box(bbox, size, FIT_MAX_ZOOM)
    }

    /// Like [`Viewport::fit`] for places given as `(lon, lat)` degrees.
    pub fn fit_lon_lat(points: &[(f64, f64)], size: Size) -> Viewport {
        let projected: Vec<_> = points.iter().map(|&(lon, lat)| project(lon, lat)).collect();
        Viewport::fit(&projected, size)
    }

    /// The view centred on `bbox` that shows all of it with padding, zoom capped at `max_zoom`.
    pub fn fit_box(bbox: BBox, size: Size, max_zoom: f64) -> Viewport {
        let size = size.sane();
        // On tiny elements the padding would eat everything; keep at least half the size.
        let pad = |len: f64| (len - 2.0 * FIT_PADDING_PX).max(len / 2.0);
        let sx = pad(size.width) / bbox.width().max(1e-9);
        let sy = pad(size.height) / bbox.height().max(1e-9);
        let zoom = sx.min(sy).log2().min(max_zoom);
        let (cx, cy) = bbox.centre();
        Viewport { cx, cy, zoom }.clamped()
    }

    /// Pixels per world unit.
    pub fn scale(&self) -> f64 {
        self.zoom.exp2()
    }

    /// World units to element pixels (origin top left).
    pub fn to_screen(&self, (x, y): (f64, f64), size: Size) -> (f64, f64) {
        let s = self.scale();
        (
            (x - self.cx) * s + size.width / 2.0,
            (y - self.cy) * s + size.height / 2.0,
        )
    }

    /// Element pixels to world units.
    pub fn to_world(&self, (sx, sy): (f64, f64), size: Size) -> (f64, f64) {
        let s = self.scale();
        (
            (sx - size.width / 2.0) / s + self.cx,
            (sy - size.height / 2.0) / s + self.cy,
        )
    }

    /// The visible part of the world, for the SVG `viewBox`: draw geometry and markers in world
    /// units and let the browser scale (divide pixel sizes such as marker radii by [`Self::scale`]).
    pub fn view_box(&self, size: Size) -> ViewBox {
        let size = size.sane();
        let s = self.scale();
        let (w, h) = (size.width / s, size.height / s);
        ViewBox {
            min_x: self.cx - w / 2.0,
            min_y: self.cy - h / 2.0,
            width: w,
            height: h,
        }
    }

    /// Zooms by `delta` levels keeping the world point under `anchor` (element pixels) in place,
    /// as a wheel or pinch does. For a pinch pass `scale_ratio.log2()`, for a wheel
    /// [`wheel_zoom_delta`].
    pub fn zoom_at(self, delta: f64, anchor: (f64, f64), size: Size) -> Viewport {
        if !delta.is_finite() {
            return self;
        }
        let size = size.sane();
        let before = self.to_world(anchor, size);
        let zoom = (self.zoom + delta).clamp(MIN_ZOOM, MAX_ZOOM);
        let s = zoom.exp2();
        let cx = before.0 - (anchor.0 - size.width / 2.0) / s;
        let cy = before.1 - (anchor.1 - size.height / 2.0) / s;
        Viewport { cx, cy, zoom }.clamped()
    }

    /// Moves the content by a drag of `(dx, dy)` pixels (the map follows the pointer).
    pub fn pan_px(self, dx: f64, dy: f64) -> Viewport {
        if !(dx.is_finite() && dy.is_finite()) {
            return self;
        }
        let s = self.scale();
        Viewport {
            cx: self.cx - dx / s,
            cy: self.cy - dy / s,
            ..self
        }
        .clamped()
    }

    /// Applies one key press; arrows look towards the named direction.
    pub fn key(self, key: Key, size: Size) -> Viewport {
        let mid = (size.width / 2.0, size.height / 2.0);
        match key {
            Key::Left => self.pan_px(KEY_PAN_PX, 0.0),
            Key::Right => self.pan_px(-KEY_PAN_PX, 0.0),
            Key::Up => self.pan_px(0.0, KEY_PAN_PX),
            Key::Down => self.pan_px(0.0, -KEY_PAN_PX),
            Key::ZoomIn => self.zoom_at(KEY_ZOOM_STEP, mid, size),
            Key::ZoomOut => self.zoom_at(-KEY_ZOOM_STEP, mid, size),
        }
    }

    /// Keeps the zoom in range and the centre over the world's outline, so the world can always
    /// be panned back into view and the centre always has a latitude and longitude.
    pub fn clamped(self) -> Viewport {
        let ok = |v: f64, d: f64| if v.is_finite() { v } else { d };
        let zoom = ok(self.zoom, 0.0).clamp(MIN_ZOOM, MAX_ZOOM);
        let cy = ok(self.cy, 0.0).clamp(-HALF_HEIGHT, HALF_HEIGHT);
        let half = max_x_at(cy);
        let cx = ok(self.cx, 0.0).clamp(-half, half);
        Viewport { cx, cy, zoom }
    }

    /// The compact URL form `@lat,lon,zZ`, with as many decimals as the zoom needs for the
    /// centre to come back within half a pixel.
    pub fn encode(&self) -> String {
        let v = self.clamped();
        let (lon, lat) = invert(v.cx, v.cy);
        // One pixel is at most ~0.6°/2^zoom; keep rounding below ~0.3 px.
        let decimals = (4.63 * v.zoom.exp2()).log10().ceil().clamp(1.0, 6.0) as usize;
        let zoom = format!("{:.2}", v.zoom);
        let zoom = zoom.trim_end_matches('0').trim_end_matches('.');
        let fix = |v: f64| {
            let s = format!("{v:.decimals$}");
            let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            if s == "-0" {
                "0".to_string()
            } else {
                s
            }
        };
        format!("@{},{},z{zoom}", fix(lat), fix(lon))
    }

    /// Parses [`Viewport::encode`]'s form (the leading `@` is optional).
    pub fn decode(s: &str) -> Result<Viewport, ParseViewportError> {
        let err = |m: String| Err(ParseViewportError(m));
        let body = s.trim().strip_prefix('@').unwrap_or(s.trim());
        let parts: Vec<&str> = body.split(',').collect();
        let [lat, lon, zoom] = parts[..] else {
            return err(format!("`{s}` does not have three comma-separated parts"));
        };
        let num = |t: &str, what: &str| -> Result<f64, ParseViewportError> {
            match t.trim().parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(ParseViewportError(format!("{what} `{t}` is not a number"))),
            }
        };
        let lat = num(lat, "latitude")?;
        let lon = num(lon, "longitude")?;
        let Some(z) = zoom.trim().strip_prefix('z') else {
            return err(format!("zoom `{zoom}` must start with `z`"));
        };
        let zoom = num(z, "zoom")?;
        if !(-90.0..=90.0).contains(&lat) {
            return err(format!("latitude {lat} is outside -90..90"));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return err(format!("longitude {lon} is outside -180..180"));
        }
        let (cx, cy) = project(lon, lat);
        Ok(Viewport { cx, cy, zoom }.clamped())
    }
}

/// Converts a wheel event's `deltaY` in pixels to zoom levels (a notch of ~100 px ≈ a third).
pub fn wheel_zoom_delta(delta_y_px: f64) -> f64 {
    if delta_y_px.is_finite() {
        (-delta_y_px / 300.0).clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHONE: Size = Size {
        width: 360.0,
        height: 640.0,
    };
    const DESKTOP: Size = Size {
        width: 1280.0,
        height: 720.0,
    };

    #[test]
    fn world_view_shows_the_whole_world() {
        for size in [PHONE, DESKTOP] {
            let v = Viewport::world(size);
            let vb = v.view_box(size);
            assert!(
                vb.min_x <= -500.0 && vb.min_x + vb.width >= 500.0,
                "{size:?} {vb:?}"
            );
            assert!(vb.min_y <= -HALF_HEIGHT && vb.min_y + vb.height >= HALF_HEIGHT);
            assert!(v.zoom >= MIN_ZOOM);
        }
    }

    #[test]
    fn fit_contains_all_points_with_padding() {
        let pts = [(-6.2603, 53.3498), (-122.3321, 47.6062), (6.7735, 51.2277)];
        let v = Viewport::fit_lon_lat(&pts, DESKTOP);
        for &(lon, lat) in &pts {
            let (sx, sy) = v.to_screen(project(lon, lat), DESKTOP);
            assert!((FIT_PADDING_PX - 1e-6..=DESKTOP.width - FIT_PADDING_PX + 1e-6).contains(&sx));
            assert!((FIT_PADDING_PX - 1e-6..=DESKTOP.height - FIT_PADDING_PX + 1e-6).contains(&sy));
        }
        // A single point does not zoom to the street level.
        let one = Viewport::fit_lon_lat(&[(6.7735, 51.2277)], DESKTOP);
        assert_eq!(one.zoom, FIT_MAX_ZOOM);
        let (lon, lat) = invert(one.cx, one.cy);
        assert!((lon - 6.7735).abs() < 1e-9 && (lat - 51.2277).abs() < 1e-9);
        assert_eq!(Viewport::fit(&[], DESKTOP), Viewport::world(DESKTOP));
        assert_eq!(
            Viewport::fit(&[(f64::NAN, 1.0)], DESKTOP),
            Viewport::world(DESKTOP)
        );
    }

    #[test]
    fn zoom_at_keeps_the_anchor_still() {
        let v = Viewport::fit_lon_lat(&[(6.77, 51.22)], DESKTOP);
        let anchor = (300.0, 200.0);
        let before = v.to_world(anchor, DESKTOP);
        let z = v.zoom_at(0.7, anchor, DESKTOP);
        let after = z.to_world(anchor, DESKTOP);
        assert!((z.zoom - v.zoom - 0.7).abs() < 1e-12);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert_eq!(v.zoom_at(100.0, anchor, DESKTOP).zoom, MAX_ZOOM);
        assert_eq!(v.zoom_at(-100.0, anchor, DESKTOP).zoom, MIN_ZOOM);
        assert_eq!(v.zoom_at(f64::NAN, anchor, DESKTOP), v);
    }

    #[test]
    fn pan_and_keys_move_the_way_the_user_expects() {
        let v = Viewport {
            cx: 0.0,
            cy: 0.0,
            zoom: 1.0,
        };
        // Dragging right by 20 px reveals what was left: the centre moves west by 10 units.
        assert_eq!(v.pan_px(20.0, 0.0).cx, -10.0);
        assert!(v.key(Key::Right, DESKTOP).cx > 0.0);
        assert!(v.key(Key::Up, DESKTOP).cy < 0.0);
        assert_eq!(v.key(Key::ZoomIn, DESKTOP).zoom, 2.0);
        assert_eq!(v.key(Key::ZoomOut, DESKTOP).zoom, 0.0);
        assert!(wheel_zoom_delta(100.0) < 0.0 && wheel_zoom_delta(-1e9) == 1.0);
    }

    #[test]
    fn clamping_keeps_the_world_reachable() {
        let far = Viewport {
            cx: 1e9,
            cy: -1e9,
            zoom: 99.0,
        };
        let c = far.clamped();
        assert_eq!(c.zoom, MAX_ZOOM);
        assert_eq!(c.cy, -HALF_HEIGHT);
        assert!((c.cx - max_x_at(-HALF_HEIGHT)).abs() < 1e-9);
        let nan = Viewport {
            cx: f64::NAN,
            cy: f64::INFINITY,
            zoom: f64::NAN,
        };
        assert_eq!(
            nan.clamped(),
            Viewport {
                cx: 0.0,
                cy: 0.0,
                zoom: 0.0
            }
        );
        // Panning far east at any zoom stops at the outline, never beyond.
        let mut v = Viewport::world(PHONE);
        for _ in 0..1000 {
            v = v.key(Key::Right, PHONE);
        }
        assert!((v.cx - 500.0).abs() < 1e-9);
    }

    #[test]
    fn url_form_round_trips_within_half_a_pixel() {
        assert_eq!(
            Viewport::decode("@51.23,6.77,z4").unwrap().encode(),
            "@51.23,6.77,z4"
        );
        for &(lat, lon) in &[
            (51.2277, 6.7735),
            (-33.87, 151.21),
            (0.0, 0.0),
            (89.9, -179.9),
            (-60.0, 180.0),
        ] {
            for zoom in [-3.0, -1.25, 0.0, 2.5, 4.0, 7.33, 12.0] {
                let (cx, cy) = project(lon, lat);
                let v = Viewport { cx, cy, zoom };
                let s = v.encode();
                let back = Viewport::decode(&s).unwrap();
                let px = (back.cx - v.cx).hypot(back.cy - v.cy) * v.scale();
                assert!(px < 0.5, "{s}: off by {px} px");
                assert!((back.zoom - zoom).abs() < 0.005, "{s}");
            }
        }
    }

    #[test]
    fn url_form_rejects_garbage_with_a_useful_message() {
        for bad in [
            "",
            "@1,2",
            "@x,2,z3",
            "@1,2,3",
            "@91,0,z1",
            "@0,181,z1",
            "@0,0,znan",
        ] {
            let e = Viewport::decode(bad).unwrap_err().to_string();
            assert!(e.contains("@51.23,6.77,z4"), "{bad}: {e}");
        }
        // Out-of-range zoom is clamped rather than refused: old links keep working.
        assert_eq!(Viewport::decode("0,0,z40").unwrap().zoom, MAX_ZOOM);
    }
}
