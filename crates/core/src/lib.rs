//! Hallway's pure logic: the bundle model, loading and validation, indexes and text helpers.
//!
//! This crate never depends on leptos, web-sys or anything browser-only, so that everything in it
//! is tested natively in seconds. The app and the CLI both call into it.

pub mod date;
pub mod embed;
pub mod export;
pub mod geo;
pub mod index;
pub mod load;
pub mod markdown;
pub mod merge;
pub mod model;
pub mod order;
pub mod overview;
pub mod query;
pub mod related;
pub mod remote;
pub mod search_index;
pub mod shared;
pub mod source;
pub mod text;
pub mod timeline;
pub mod url;

#[cfg(feature = "schema")]
pub mod schema;

pub use date::{Date, DateTime};
pub use index::Dataset;
pub use load::{load, load_shard, load_with, LoadError, LoadOptions, Loaded, Outcome, Problem};
pub use model::*;
