//! Links to entity pages, built from ids (never from bundle-supplied URLs).

use leptos::prelude::*;
use leptos_router::components::A;

/// Percent-encodes an id for a path segment. Ids are validated slugs, so this is belt and braces.
pub fn path(kind: &str, id: &str) -> String {
    let enc = js_sys::encode_uri_component(id);
    format!("/{kind}/{}", String::from(enc))
}

#[component]
pub fn EntityLink(kind: &'static str, id: String, label: String) -> impl IntoView {
    view! { <A href=path(kind, &id)>{label}</A> }
}

/// A link from bundle data: only http, https, mailto and relative targets survive; others become text.
#[component]
pub fn ExternalLink(url: String, label: String) -> impl IntoView {
    match hallway_core::text::safe_link_target(&url) {
        Some(href) => {
            view! { <a href=href rel="noopener noreferrer nofollow" target="_blank">{label}</a> }
                .into_any()
        }
        None => view! { <span>{label}</span> }.into_any(),
    }
}
