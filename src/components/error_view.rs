//! The full-page error shown when the bundle cannot be used: what failed, where, and a Retry.

use crate::data::{use_bundle, FetchError};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ErrorView(error: Arc<FetchError>) -> impl IntoView {
    let bundle = use_bundle();
    crate::document::set_title("Error");
    view! {
        <section class="error-view" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">{error.title()}</h1>
            <p class="error-detail">{error.detail()}</p>
            <button type="button" class="button" on:click=move |_| bundle.retry()>"Retry"</button>
        </section>
    }
}
