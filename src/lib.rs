//! Hallway's web app: thin Leptos components over `hallway-core`.
//!
//! `app` declares the routes, `data` fetches the bundle once and shares it by context, `url`
//! reads the address bar through core's one query reader and builds every internal link,
//! `texts` fetches the long-text shards of split bundles on demand, `worker` converts
//! Markdown in a worker loaded on first need, `pages` holds one page component per file and `components` the pieces pages share.

pub mod app;
pub mod components;
pub mod data;
pub mod document;
mod early_fetch;
pub mod filter_state;
pub mod pages;
pub mod texts;
pub mod url;
pub mod worker;

pub use app::App;
