//! Where the data on screen comes from: the persistent notice when the bundle is not the site's
//! default one, and the site operator's `<meta name="hallway-bundle-origins">` setting that can
//! refuse other origins before anything is fetched. The decisions are `hallway_core::source`'s.

use crate::components::links::ExternalLink;
use crate::data::{use_bundle, State, DEFAULT_BUNDLE};
use hallway_core::source::{classify, refusal, Policy, SETTING};
use leptos::prelude::*;

/// The page's origin, as the browser serializes it (`http://127.0.0.1:8080`).
fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The site's default bundle as an absolute URL, resolved the way `data.rs` resolves the
/// bundle it fetches, so the two compare equal when they are the same file.
fn default_bundle_url() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    match base.and_then(|b| web_sys::Url::new_with_base(DEFAULT_BUNDLE, &b).ok()) {
        Some(u) => u.href(),
        None => DEFAULT_BUNDLE.to_string(),
    }
}

/// The operator's setting from `index.html`; entries it cannot read are named in the console
/// (they allow nothing).
fn policy() -> Policy {
    let content = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("meta[name=\"{SETTING}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"));
    let parsed = Policy::parse(content.as_deref());
    for entry in &parsed.ignored {
        leptos::logging::warn!(
            "<meta name=\"{SETTING}\">: \"{entry}\" is not an http(s) origin, `self` or `*`; ignored"
        );
    }
    parsed.policy
}

/// The error text when the site's setting refuses the bundle at `url` (absolute); `None` when
/// it may be fetched.
pub fn refused(url: &str) -> Option<String> {
    let policy = policy();
    (!policy.allows(&page_origin(), url, &default_bundle_url())).then(|| refusal(url, &policy))
}

/// "This data comes from elsewhere.example, not from this site…" with a link to the bundle,
/// on every page while a bundle other than the site's default is shown.
#[component]
pub fn SourceNotice() -> impl IntoView {
    let bundle = use_bundle();
    let origin = page_origin();
    let default = default_bundle_url();
    move || {
        let State::Ready(ready) = bundle.state.get() else {
            return None;
        };
        let source = classify(&origin, &ready.source, &default);
        let site = hallway_core::source::host(&origin).to_string();
        let text = source.notice(&site)?;
        let url = source.url().unwrap_or_default().to_string();
        Some(view! {
            <p class="source-notice" role="note">
                {text}" "<span class="source-url">"Data file: "<ExternalLink url=url.clone() label=url /></span>
            </p>
        })
    }
}
