//! A small TopoJSON reader: quantized, delta-encoded arcs and the polygons that reference them.
//!
//! Written by hand because no maintained Rust TopoJSON crate exists (georust's `topojson` was last
//! released as 0.5.1 in June 2022, pins `geojson < 0.24` and only converts to GeoJSON, which would
//! lose the shared arcs we simplify once per border), and reading the format takes ~150 lines:
//! https://github.com/topojson/topojson-specification

use serde_json::Value;

/// A longitude/latitude pair in degrees.
pub type LonLat = (f64, f64);

/// The decoded file: absolute arc coordinates and the polygon features of one object.
#[derive(Debug, Default, PartialEq)]
pub struct Topology {
    pub arcs: Vec<Vec<LonLat>>,
}

/// One feature of a `GeometryCollection`: polygons as arc references, outer ring first.
#[derive(Debug, PartialEq)]
pub struct Feature {
    pub id: String,
    pub name: String,
    /// Polygons → rings → arc indices; a negative index `i` means arc `!i`, reversed.
    pub polygons: Vec<Vec<Vec<i64>>>,
}

/// Parses a topology and the polygon features of its object `object`.
pub fn decode(bytes: &[u8], object: &str) -> Result<(Topology, Vec<Feature>), String> {
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| {
        format!("not JSON ({e}); expected a TopoJSON file such as countries-110m.json")
    })?;
    if doc.get("type").and_then(Value::as_str) != Some("Topology") {
        return Err(
            "the file's `type` is not \"Topology\"; is it GeoJSON rather than TopoJSON?".into(),
        );
    }
    let transform = match doc.get("transform") {
        None | Some(Value::Null) => None,
        Some(t) => {
            let pair = |k: &str| -> Option<(f64, f64)> {
                let a = t.get(k)?.as_array()?;
                Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
            };
            match (pair("scale"), pair("translate")) {
                (Some(s), Some(t)) => Some((s, t)),
                _ => return Err("`transform` needs two-number `scale` and `translate`".into()),
            }
        }
    };
    let raw_arcs = doc
        .get("arcs")
        .and_then(Value::as_array)
        .ok_or("the topology has no `arcs` array")?;
    let mut arcs = Vec::with_capacity(raw_arcs.len());
    for (i, arc) in raw_arcs.iter().enumerate() {
        let points = arc.as_array().ok_or(format!("arcs[{i}] is not an array"))?;
        let mut out = Vec::with_capacity(points.len());
        let (mut qx, mut qy) = (0.0, 0.0);
        for (j, p) in points.iter().enumerate() {
            let xy = p
                .as_array()
                .and_then(|a| Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?)));
            let (x, y) = xy.ok_or(format!("arcs[{i}][{j}] is not a position [x, y]"))?;
            out.push(match transform {
                // Quantized arcs store each position as a delta from the previous one.
                Some(((sx, sy), (tx, ty))) => {
                    qx += x;
                    qy += y;
                    (qx * sx + tx, qy * sy + ty)
                }
                None => (x, y),
            });
        }
        arcs.push(out);
    }
    let root = doc
        .get("objects")
        .and_then(|o| o.get(object))
        .ok_or(format!(
            "the topology has no object `{object}`; see its `objects` keys"
        ))?;
    let mut features = Vec::new();
    collect(root, &mut features, arcs.len(), object)?;
    Ok((Topology { arcs }, features))
}

fn collect(g: &Value, out: &mut Vec<Feature>, n_arcs: usize, path: &str) -> Result<(), String> {
    let rings = |v: &Value, p: &str| -> Result<Vec<Vec<i64>>, String> {
        let rs = v
            .as_array()
            .ok_or(format!("{p} is not an array of rings"))?;
        rs.iter()
            .enumerate()
            .map(|(k, r)| {
                let r = r
                    .as_array()
                    .ok_or(format!("{p}[{k}] is not an array of arc indices"))?;
                r.iter()
                    .map(|a| match a.as_i64() {
                        Some(i) if (if i < 0 { !i } else { i } as usize) < n_arcs => Ok(i),
                        _ => Err(format!("{p}[{k}] refers to arc {a}, which does not exist")),
                    })
                    .collect()
            })
            .collect()
    };
    let arcs = g.get("arcs");
    let polygons = match g.get("type").and_then(Value::as_str) {
        Some("GeometryCollection") => {
            let gs = g
                .get("geometries")
                .and_then(Value::as_array)
                .ok_or(format!("{path}: a GeometryCollection without `geometries`"))?;
            for (i, child) in gs.iter().enumerate() {
                collect(child, out, n_arcs, &format!("{path}.geometries[{i}]"))?;
            }
            return Ok(());
        }
        Some("Polygon") => vec![rings(
            arcs.unwrap_or(&Value::Null),
            &format!("{path}.arcs"),
        )?],
        Some("MultiPolygon") => {
            let ps = arcs
                .and_then(Value::as_array)
                .ok_or(format!("{path}.arcs is not an array of polygons"))?;
            ps.iter()
                .enumerate()
                .map(|(i, p)| rings(p, &format!("{path}.arcs[{i}]")))
                .collect::<Result<_, _>>()?
        }
        // Points, lines and null geometries have no area to draw.
        _ => return Ok(()),
    };
    let id = match g.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let name = g
        .pointer("/properties/name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    out.push(Feature { id, name, polygons });
    Ok(())
}

/// Joins a ring's arcs into one closed list of positions, dropping the point each arc shares
/// with the previous one.
pub fn stitch(arcs: &[Vec<LonLat>], ring: &[i64]) -> Vec<LonLat> {
    let mut out: Vec<LonLat> = Vec::new();
    for &a in ring {
        let (idx, reversed) = if a < 0 {
            (!a as usize, true)
        } else {
            (a as usize, false)
        };
        let Some(arc) = arcs.get(idx) else { continue };
        let skip = usize::from(!out.is_empty());
        if reversed {
            out.extend(arc.iter().rev().skip(skip));
        } else {
            out.extend(arc.iter().skip(skip));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two squares sharing an edge, as in the TopoJSON specification's example: arc 0 is the
    /// shared edge, used forwards by the left square and reversed (`-1` = `!0`) by the right one.
    const TINY: &str = r#"{
      "type": "Topology",
      "transform": {"scale": [0.5, 2], "translate": [100, -10]},
      "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "id": "A", "properties": {"name": "Left"}, "arcs": [[0, 1]]},
        {"type": "MultiPolygon", "id": 7, "arcs": [[[-1, 2]]]},
        {"type": null},
        {"type": "Point", "coordinates": [0, 0]}
      ]}},
      "arcs": [
        [[2, 0], [0, 1]],
        [[2, 1], [-2, 0], [0, -1], [2, 0]],
        [[2, 0], [2, 0], [0, 1], [-2, 0]]
      ]
    }"#;

    #[test]
    fn decodes_delta_encoded_quantized_arcs() {
        let (t, _) = decode(TINY.as_bytes(), "countries").unwrap();
        assert_eq!(t.arcs[0], [(101.0, -10.0), (101.0, -8.0)]);
        assert_eq!(
            t.arcs[1],
            [(101.0, -8.0), (100.0, -8.0), (100.0, -10.0), (101.0, -10.0)]
        );
    }

    #[test]
    fn reads_features_and_stitches_rings_with_reversed_arcs() {
        let (t, f) = decode(TINY.as_bytes(), "countries").unwrap();
        assert_eq!(f.len(), 2, "null and point geometries are ignored");
        assert_eq!((f[0].id.as_str(), f[0].name.as_str()), ("A", "Left"));
        assert_eq!((f[1].id.as_str(), f[1].name.as_str()), ("7", ""));
        let left = stitch(&t.arcs, &f[0].polygons[0][0]);
        assert_eq!(
            left,
            [
                (101.0, -10.0),
                (101.0, -8.0),
                (100.0, -8.0),
                (100.0, -10.0),
                (101.0, -10.0)
            ]
        );
        let right = stitch(&t.arcs, &f[1].polygons[0][0]);
        assert_eq!(right.first(), right.last(), "the ring closes");
        assert_eq!(right[..2], [(101.0, -8.0), (101.0, -10.0)]);
        assert_eq!(right.len(), 5);
    }

    #[test]
    fn refuses_broken_input_with_a_clear_message() {
        let err = |s: &str, obj: &str| decode(s.as_bytes(), obj).unwrap_err();
        assert!(err("{", "x").contains("not JSON"));
        assert!(err(r#"{"type":"FeatureCollection"}"#, "x").contains("GeoJSON"));
        assert!(err(TINY, "land").contains("no object `land`"));
        let bad_ref = TINY.replace("[[0, 1]]", "[[0, 9]]");
        assert!(err(&bad_ref, "countries").contains("arc 9"));
        let bad_pos = TINY.replace("[[2, 0], [0, 1]]", "[[2, 0], [\"a\", 1]]");
        assert!(err(&bad_pos, "countries").contains("arcs[0][1]"));
    }
}
