//! The full-page error shown when the bundle cannot be used: what failed, where, and a way on
//! (Retry, or for a bundle the site refuses, a link to the site's own data).

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
            {if matches!(*error, FetchError::Refused { .. }) {
                // Retrying cannot help: the setting is the site's. A full page load (not the
                // router's) without `bundle=` loads the site's own data.
                view! {
                    <a class="button" href="./" rel="external">"Show this site's own conference data"</a>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="button" on:click=move |_| bundle.retry()>"Retry"</button>
                }
                .into_any()
            }}
        </section>
    }
}
