//! The conference map's geometry: projection, view state and marker clustering, plus the format of
//! the world outline asset built by `hallway map-asset`.
//!
//! Everything here works in one planar space, "world units" (see [`projection`]); the UI draws an
//! SVG whose `viewBox` is [`Viewport::view_box`] and never does map maths itself.

pub mod cluster;
pub mod places;
pub mod projection;
pub mod viewport;

pub use cluster::{marker_radius, zoom_to, Cluster, ClusterIndex, PlacePoint, DEFAULT_RADIUS_PX};
pub use places::{events_at, place_counts, PlaceCounts};
pub use projection::{invert, project, ViewBox, WORLD_VIEWBOX};
pub use viewport::{wheel_zoom_delta, BBox, Key, ParseViewportError, Size, Viewport};

use serde::{Deserialize, Serialize};

/// Credit for the world outlines, for the About page and the map's corner.
pub const ATTRIBUTION: &str = "Country outlines: Natural Earth (public domain), \
     via world-atlas 2.0.2 by Mike Bostock (ISC licence).";

/// The world outline asset (`public/map/world.json`): countries as SVG paths in world units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorldMap {
    /// [`WORLD_VIEWBOX`] as an SVG `viewBox` value, for drawing the asset on its own.
    #[serde(rename = "viewBox")]
    pub view_box: String,
    pub attribution: String,
    pub countries: Vec<Country>,
}

/// One country's outline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 numeric code as in Natural Earth (e.g. "276"); may be empty for disputed areas.
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// SVG path data in world units, one subpath per ring (holes included): draw it with
    /// `fill-rule="evenodd"` so holes such as Lesotho inside South Africa stay open.
    pub d: String,
}
