//! Fuzz target: the map viewport decoder (`@lat,lon,zZ` in the URL). A decoded viewport must be
//! finite, and its encoding must decode again.
#![no_main]

use hallway_core::geo::{Size, Viewport};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let Ok(v) = Viewport::decode(s) else { return };
    assert!(v.cx.is_finite() && v.cy.is_finite() && v.zoom.is_finite(), "{v:?}");
    let size = Size { width: 800.0, height: 500.0 };
    let (x, y) = v.to_screen((0.0, 0.0), size);
    assert!(x.is_finite() && y.is_finite());
    let encoded = v.encode();
    assert!(Viewport::decode(&encoded).is_ok(), "{s:?} -> {encoded}");
});
