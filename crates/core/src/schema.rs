//! The bundle's JSON Schema, generated from the Rust types so that the two cannot drift apart.

use crate::model::Bundle;

/// The JSON Schema (draft 2020-12) of a version 1 bundle, pretty-printed with a trailing newline.
pub fn bundle_schema_json() -> String {
    let mut schema = schemars::schema_for!(Bundle);
    schema.insert("title".into(), "Hallway bundle, version 1".into());
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema is always serialisable");
    s.push('\n');
    s
}
