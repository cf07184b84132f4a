//! Pieces that several pages share.

pub mod data_gate;
pub mod downloads;
pub mod embed_dialog;
pub mod error_view;
pub mod facets;
pub mod hallway_summary;
pub mod links;
pub mod map;
pub mod markdown;
pub mod offline_banner;
pub mod problems;
pub mod results;
pub mod shared;
pub mod source_notice;
pub mod strip;
