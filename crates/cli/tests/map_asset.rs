//! `hallway map-asset` on the real world-atlas file: the committed asset is reproducible, complete,
//! inside the world box and free of antimeridian streaks.

use assert_cmd::Command;
use hallway_core::geo::{WorldMap, ATTRIBUTION, WORLD_VIEWBOX};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Absolute points of each subpath of a path written as `M x y l dx dy … z`.
fn rings(d: &str) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    for sub in d.split('M').filter(|s| !s.is_empty()) {
        let sub = sub.trim_end_matches('z');
        let (start, rest) = sub.split_once('l').expect("M x y l …");
        let nums = |s: &str| -> Vec<f64> {
            let spaced = s.replace('-', " -");
            spaced
                .split_whitespace()
                .map(|n| n.parse().expect("number"))
                .collect()
        };
        let s = nums(start);
        let mut p = (s[0], s[1]);
        let mut ring = vec![p];
        for pair in nums(rest).chunks(2) {
            p = (p.0 + pair[0], p.1 + pair[1]);
            ring.push(p);
        }
        out.push(ring);
    }
    out
}

#[test]
fn world_atlas_50m_builds_the_committed_asset() {
    // world-atlas is a pinned dev dependency in tools/package.json: absent means not set up,
    // which is a failure to fix, not a reason to pass.
    let src = root().join("tools/node_modules/world-atlas/countries-50m.json");
    assert!(
        src.exists(),
        "{} is missing: run scripts/setup.sh (it installs the test corpora with `npm ci` in tools/)",
        src.display()
    );
    let out = std::env::temp_dir().join(format!("hallway-world-{}.json", std::process::id()));
    Command::cargo_bin("hallway")
        .unwrap()
        .args(["map-asset", "--topojson"])
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .args(["--tolerance", "0.4"])
        .assert()
        .success();
    let built = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();
    let committed = std::fs::read_to_string(root().join("public/map/world.json")).unwrap();
    assert!(
        built == committed,
        "public/map/world.json is stale: run scripts/map-asset.sh"
    );
    assert!(built.len() < 120_000, "{} bytes", built.len());

    let map: WorldMap = serde_json::from_str(&built).unwrap();
    assert_eq!(map.view_box, WORLD_VIEWBOX.attr());
    assert_eq!(map.attribution, ATTRIBUTION);
    assert!(map.countries.len() >= 235, "{}", map.countries.len());
    for name in [
        "Russia",
        "Fiji",
        "Antarctica",
        "Ireland",
        "Germany",
        "Malta",
        "Singapore",
    ] {
        assert!(
            map.countries.iter().any(|c| c.name == name),
            "{name} is missing"
        );
    }
    let (x0, y0) = (WORLD_VIEWBOX.min_x - 0.1, WORLD_VIEWBOX.min_y - 0.1);
    let (x1, y1) = (
        x0 + WORLD_VIEWBOX.width + 0.2,
        y0 + WORLD_VIEWBOX.height + 0.2,
    );
    for c in &map.countries {
        for ring in rings(&c.d) {
            for w in ring.windows(2) {
                // Only Antarctica's closing edge along the pole line (the map's flat bottom) may be
                // long; an edge wrapping across the antimeridian would be ~1000 units.
                let on_pole = |p: (f64, f64)| p.1.abs() > WORLD_VIEWBOX.height / 2.0 - 0.1;
                let dx = (w[1].0 - w[0].0).abs();
                let ok = dx < 100.0 || (on_pole(w[0]) && on_pole(w[1]));
                assert!(ok, "{}: an edge {dx} units long at {:?}", c.name, w);
            }
            for &(x, y) in &ring {
                assert!(
                    x >= x0 && x <= x1 && y >= y0 && y <= y1,
                    "{}: ({x}, {y})",
                    c.name
                );
            }
        }
    }
}

#[test]
fn unreadable_input_fails_with_a_hint() {
    let out = Command::cargo_bin("hallway")
        .unwrap()
        .args([
            "map-asset",
            "--topojson",
            "/nonexistent/countries.json",
            "--out",
        ])
        .arg(std::env::temp_dir().join("never-written.json"))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8_lossy(&out);
    assert!(stderr.contains("npm ci"), "{stderr}");
}
