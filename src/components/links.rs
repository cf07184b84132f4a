//! Links to entity pages, built from ids (never from bundle-supplied URLs). Inside an embed
//! (`/embed/*`, see `pages/embed.rs`) entity links open the full page in a new tab. Every
//! internal link goes through [`crate::url::href`], so it keeps the reader's `?bundle=`.

use hallway_core::Id;
use leptos::prelude::*;
use leptos_router::components::A;

/// The path of a record's page, `/talks/<id>` (see `hallway_core::url::entity_path`).
pub fn path(kind: &str, id: &str) -> String {
    hallway_core::url::entity_path(kind, id)
}

/// Present (by context) when the page renders inside an embed frame.
#[derive(Clone, Debug)]
pub struct Embedded {
    /// The app's origin (`https://example.org`), for absolute links out of the frame.
    pub origin: String,
    /// The `?bundle=` the frame was given (`crate::url::bundle`).
    pub bundle: Option<String>,
}

impl Embedded {
    /// The absolute URL of an app path (`/talks/x`, `/?project=y`) with the frame's bundle, so
    /// the new tab shows the same data.
    pub fn full_url(&self, href: &str) -> String {
        format!("{}{}", self.origin, crate::url::href(href))
    }
}

/// The embed context, when the page is embedded.
pub fn embedded() -> Option<Embedded> {
    use_context::<Embedded>()
}

/// A link to a page of the app: a router link normally, a new tab to the full page when
/// embedded (the frame shows one view; the reader's next step belongs in the full app).
#[component]
pub fn PageLink(
    href: String,
    #[prop(optional, into)] class: Option<String>,
    children: Children,
) -> impl IntoView {
    let children = children();
    match embedded() {
        Some(e) => view! {
            <a href=e.full_url(&href) class=class target="_blank" rel="noopener">{children}</a>
        }
        .into_any(),
        None => {
            view! { <A href=crate::url::href(&href) attr:class=class>{children}</A> }.into_any()
        }
    }
}

/// A router link that stays in the current document, embedded or not (the site's header, the
/// timeline's own filter links, not-found suggestions), keeping the reader's bundle.
#[component]
pub fn AppLink(
    href: String,
    #[prop(optional, into)] class: Option<String>,
    children: Children,
) -> impl IntoView {
    view! { <A href=crate::url::href(&href) attr:class=class>{children()}</A> }
}

#[component]
pub fn EntityLink(kind: &'static str, #[prop(into)] id: Id, label: String) -> impl IntoView {
    view! { <PageLink href=path(kind, &id)>{label}</PageLink> }
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
