//! The timeline's filter, read from and written to the URL: the URL is the only source of truth.

use crate::data::Ready;
use hallway_core::embed;
use hallway_core::query::Filter;
use hallway_core::url::{self, param, Query};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::sync::Arc;

/// How a filter change enters the browser history.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// A new entry: Back undoes the change.
    Push,
    /// Typing: the first keystroke of a burst pushes, the rest replace, so one burst is one entry.
    Typing,
}

/// A burst of typing ends after this long without a keystroke.
const TYPING_BURST_MS: f64 = 1200.0;

#[derive(Clone, Copy)]
pub struct FilterState {
    /// The filter the URL describes, with notices about values it had to drop.
    pub current: Memo<(Filter, Vec<String>)>,
    last_typing: StoredValue<f64>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

impl FilterState {
    pub fn filter(&self) -> Filter {
        self.current.read().0.clone()
    }

    /// The URL for a filter, on the timeline page, keeping parameters that are not filters
    /// (such as the map panel) as they are.
    ///
    /// Inside an embed timeline (`/embed/timeline`, `/embed/talks`, `/embed/reports`) the link
    /// keeps the frame's path and names the view in the query when it is not the path's own:
    /// a sandboxed frame (opaque origin) may change only the query of its URL, and filtering in
    /// the frame should stay in the frame. From other embeds (the map) it is the full app's
    /// timeline, which `PageLink` opens in a new tab.
    pub fn href(filter: &Filter) -> String {
        let embed_frame = current_path().and_then(|p| Some((embed::frame_view(&p)?, p)));
        let (path, mut query) = match embed_frame {
            Some((frame_view, path)) => (
                path,
                Query::parse(&embed::query_in_frame(filter, frame_view)),
            ),
            None => ("/".to_string(), filter.to_params()),
        };
        // The map panel stays open (or closed) while the reader filters.
        query.extend_missing(&crate::url::current_query().only(&[param::PANEL]));
        crate::url::href(&url::join(&path, &query))
    }

    pub fn set(&self, filter: Filter, how: History) {
        let now = js_sys::Date::now();
        let replace = match how {
            History::Push => false,
            History::Typing => now - self.last_typing.get_value() < TYPING_BURST_MS,
        };
        self.last_typing
            .set_value(if how == History::Typing { now } else { 0.0 });
        let href = Self::href(&filter);
        self.navigate.with_value(|navigate| {
            navigate(
                &href,
                NavigateOptions {
                    replace,
                    scroll: false,
                    // `href` carries the site's base path already (crate::url::href).
                    resolve: false,
                    ..Default::default()
                },
            )
        });
    }
}

/// Creates the filter state for a page under the router.
pub fn filter_state(ready: Arc<Ready>) -> FilterState {
    let location = use_location();
    let current = Memo::new(move |_| {
        let search = location.search.get();
        let (filter, notices) = Filter::from_query(&search, &ready.query);
        // `/embed/talks` and `/embed/reports` name the view in the path; `view=` still wins.
        let path = crate::url::route_path(&location.pathname.get());
        let filter = embed::frame_filter(&path, &search, filter);
        (filter, notices)
    });
    let navigate = use_navigate();
    let navigate: Navigate = Box::new(move |href, options| navigate(href, options));
    FilterState {
        current,
        last_typing: StoredValue::new(0.0),
        navigate: StoredValue::new_local(navigate),
    }
}

/// The address bar's path: links are built in event handlers too, where no reactive context
/// is at hand.
fn current_path() -> Option<String> {
    Some(crate::url::current_path())
}
