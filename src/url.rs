//! The app's side of `hallway_core::url`, the one reader and writer of query strings: the
//! address bar's query as a reactive value, internal links that keep the reader's bundle, and
//! navigation that changes one parameter.

use hallway_core::url::{self, param, Query};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

thread_local! {
    /// The parameters every link keeps ([`url::STICKY`]), read once from the address the
    /// document was opened with: the bundle is fetched once per document, so every page of it
    /// shows that bundle, and every link must say so.
    static STICKY: Query = current_query().sticky();
}

thread_local! {
    /// Where the site lives, from the document's base URL (the `<base href>` that
    /// `hallway build --base-url` writes): read once, it cannot change without a new document.
    static BASE: url::Base = url::Base::from_path(
        &web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .and_then(|b| web_sys::Url::new(&b).ok())
            .map(|u| u.pathname())
            .unwrap_or_default(),
    );
}

/// The site's base path (`""` at the root, `/reports` under `/reports/`): the router's base.
pub fn base() -> url::Base {
    BASE.with(url::Base::clone)
}

/// The route path (`/talks/a`) of an address-bar path (`/reports/talks/a`).
pub fn route_path(pathname: &str) -> String {
    BASE.with(|b| b.route(pathname).to_string())
}

/// The route path of the address bar, for code outside the router's reactive context.
pub fn current_path() -> String {
    route_path(
        &web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default(),
    )
}

/// The site's address without a trailing slash, `https://example.org/reports`: what absolute
/// links in exports and embed snippets start with.
pub fn site_url() -> Option<String> {
    let origin = web_sys::window()?.location().origin().ok()?;
    Some(format!("{origin}{}", base().as_str()))
}

/// The sticky parameters of this document (its `bundle=`, if any).
pub fn sticky() -> Query {
    STICKY.with(Query::clone)
}

/// The bundle this document shows when it is not the default one: the first `bundle=`.
pub fn bundle() -> Option<String> {
    sticky().get_all(param::BUNDLE).find(|b| !b.is_empty())
}

/// An internal link to `path` (with its own query, if any) that keeps the sticky parameters.
pub fn href(path: &str) -> String {
    BASE.with(|b| url::href_in(b, path, &sticky()))
}

/// The address bar's query, parsed; for event handlers, where no reactive context is at hand.
pub fn current_query() -> Query {
    Query::parse(
        &web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default(),
    )
}

/// The router's query, parsed once per change: everything that depends on the URL's state
/// reads this (or the filter built on it), so Back and Forward update every part of a page.
pub fn use_query() -> Memo<Query> {
    let location = use_location();
    Memo::new(move |_| Query::parse(&location.search.get()))
}

/// Returns a function that changes the current page's query with `edit` (the other parameters
/// stay) and navigates there. `replace`: no new history entry (continuous state such as the
/// map viewport); otherwise Back undoes the change.
pub fn edit_query(replace: bool) -> impl Fn(&dyn Fn(&mut Query)) + Clone {
    let navigate = use_navigate();
    let location = use_location();
    move |edit| {
        // The map writes its viewport from a timer, which may fire after the page is gone.
        let (Some(path), Some(search)) = (
            location.pathname.try_get_untracked(),
            location.search.try_get_untracked(),
        ) else {
            return;
        };
        let mut query = Query::parse(&search);
        edit(&mut query);
        navigate(
            &href(&url::join(&route_path(&path), &query)),
            NavigateOptions {
                replace,
                scroll: false,
                // `href` already put the base in front; the router must not add it again.
                resolve: false,
                ..Default::default()
            },
        );
    }
}
