//! Where the data on screen comes from: the persistent notice when the bundle is not the site's
//! default one, and the site operator's `<meta name="hallway-bundle-origins">` setting that can
//! refuse other origins before anything is fetched; with several bundles, the ones that failed
//! (with Retry) and where each report came from. The decisions are `hallway_core::source`'s.

use crate::components::links::ExternalLink;
use crate::data::{use_bundle, use_ready, FetchError, State};
use hallway_core::source::{
    classify_among, refusal, site_bundles, Policy, BUNDLES_SETTING, SETTING,
};
use leptos::prelude::*;

/// The page's origin, as the browser serializes it (`http://127.0.0.1:8080`).
fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The site's default bundles as absolute URLs, resolved the way `data.rs` resolves the
/// bundles it fetches, so the two compare equal when they are the same file.
fn default_bundle_urls() -> Vec<String> {
    site_bundles(site_setting().as_deref())
        .iter()
        .map(|b| crate::data::resolve(b))
        .collect()
}

/// The `content` of `<meta name="...">` in `index.html`.
fn meta(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("meta[name=\"{name}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
}

/// The operator's list of the site's bundles (`<meta name="hallway-bundles">`), if any.
pub fn site_setting() -> Option<String> {
    meta(BUNDLES_SETTING)
}

/// The operator's setting from `index.html`; entries it cannot read are named in the console
/// (they allow nothing).
fn policy() -> Policy {
    let content = meta(SETTING);
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
    let defaults = default_bundle_urls();
    let defaults: Vec<&str> = defaults.iter().map(String::as_str).collect();
    (!policy.allows_among(&page_origin(), url, &defaults)).then(|| refusal(url, &policy))
}

/// "This data comes from elsewhere.example, not from this site…" with a link to the bundle,
/// on every page for each bundle shown that is not one of the site's own; and, when several
/// bundles were asked for, each one that failed, why, and Retry.
#[component]
pub fn SourceNotice() -> impl IntoView {
    let bundle = use_bundle();
    let origin = page_origin();
    let defaults = default_bundle_urls();
    move || {
        let State::Ready(ready) = bundle.state.get() else {
            return None;
        };
        let site = hallway_core::source::host(&origin).to_string();
        let defaults: Vec<&str> = defaults.iter().map(String::as_str).collect();
        let notices = ready
            .sources
            .iter()
            .filter_map(|(url, _)| {
                let source = classify_among(&origin, url, &defaults);
                let text = source.notice(&site)?;
                let url = source.url().unwrap_or_default().to_string();
                Some(view! {
                    <p class="source-notice" role="note">
                        {text}" "<span class="source-url">"Data file: "<ExternalLink url=url.clone() label=url /></span>
                    </p>
                })
            })
            .collect_view();
        // The bundles on screen stay while the list loads again: say that it is.
        let retrying = RwSignal::new(false);
        let failed = ready
            .failed
            .iter()
            .map(|e| {
                view! {
                    <p class="bundle-failed" role="alert">
                        <strong>{format!("{}. ", e.title())}</strong>
                        {format!("{} The other bundles are shown without it. ", e.detail())}
                        // The site's setting does not change on a retry.
                        {(!matches!(**e, FetchError::Refused { .. })).then(|| view! {
                            <button type="button" class="retry" disabled=move || retrying.get()
                                on:click=move |_| { retrying.set(true); bundle.retry(); }>
                                {move || if retrying.get() { "Retrying…" } else { "Retry" }}
                            </button>
                        })}
                    </p>
                }
            })
            .collect_view();
        Some(view! { {notices}{failed} })
    }
}

/// "From <bundle title>" on a report's card and page, linked to the bundle, when the data on
/// screen merges several bundles.
#[component]
pub fn ReportSource(report: u32) -> impl IntoView {
    let ready = use_ready()?;
    if ready.data.source_count() < 2 {
        return None;
    }
    let links = ready
        .data
        .provenance
        .of_report(report)
        .into_iter()
        .map(|s| view! { " "<ExternalLink url=s.href.clone() label=s.title.clone() /> })
        .collect_view();
    Some(view! { <span class="report-source">"From"{links}</span> })
}
