//! Reading and writing the page's query string, the home of all view state.

use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The current query string without `?`.
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').to_string())
        .unwrap_or_default()
}

/// One parameter of the current query string, percent-decoded.
pub fn query_param(key: &str) -> Option<String> {
    current_query()
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| js_sys::decode_uri_component(&v.replace('+', " ")).ok())
        .and_then(|v| v.as_string())
}

/// The current query with `key` set to `value` (or removed), other parameters kept in order.
pub fn with_param(query: &str, key: &str, value: Option<&str>) -> String {
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some(key))
        .map(str::to_string)
        .collect();
    if let Some(v) = value {
        parts.push(format!(
            "{key}={}",
            String::from(js_sys::encode_uri_component(v))
        ));
    }
    parts.join("&")
}

/// Returns a function that replaces one query parameter without adding a history entry
/// (used for continuous state such as the map viewport).
pub fn replace_param() -> impl Fn(&str, Option<&str>) + Clone {
    let navigate = use_navigate();
    move |key, value| {
        let Some(loc) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let path = loc.pathname().unwrap_or_default();
        let query = with_param(&current_query(), key, value);
        let url = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    }
}
