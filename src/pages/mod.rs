//! One page component per file; `app.rs` maps routes to them.

pub mod about;
pub mod event;
pub mod home;
pub mod map;
pub mod not_found;
pub mod person;
pub mod report;
pub mod talk;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` route parameter, reactive: the same page component serves every id.
pub fn route_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").unwrap_or_default())
}
