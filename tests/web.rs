//! wasm-bindgen-test in headless Chromium: the loader and components in a real browser.
#![cfg(target_arch = "wasm32")]

use hallway::components::markdown::{Markdown, MarkdownTree};
use hallway_core::markdown::{parse_with, Options};
use hallway_core::{load, LoadError};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DEMO: &[u8] = include_bytes!("../public/data/bundle.json");

#[wasm_bindgen_test]
fn the_demo_bundle_loads_in_wasm() {
    let loaded = load(DEMO).unwrap();
    assert!(loaded.problems.is_empty());
    assert!(loaded.bundle.events.len() > 1000);
}

#[wasm_bindgen_test]
fn syntax_errors_carry_line_and_column_in_wasm() {
    match load(b"{\n\"format\": }") {
        Err(LoadError::Syntax { line, column, .. }) => assert_eq!((line, column), (2, 11)),
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn deep_nesting_does_not_trap() {
    let depth = 100_000;
    let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(load(doc.as_bytes()).is_err());
}

/// A million records in one collection are refused by count, without decoding them (and
/// without running out of wasm memory, which cannot be caught).
#[wasm_bindgen_test]
fn a_million_tiny_records_are_refused_by_count() {
    let mut doc = String::from(r#"{"format":"hallway-bundle","version":"1.0","people":["#);
    for i in 0..1_000_000 {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str(r#"{"id":"p"#);
        doc.push_str(&i.to_string());
        doc.push_str(r#"","name":"P"}"#);
    }
    doc.push_str("]}");
    match load(doc.as_bytes()) {
        Err(LoadError::TooManyRecords { count, .. }) => assert_eq!(count, 1_000_000),
        other => panic!("{:?}", other.map(|l| l.bundle.people.len())),
    }
}

fn body() -> web_sys::HtmlElement {
    document().body().unwrap()
}

/// Renders `text` as the app does once its Markdown worker has answered: core's tree (parsed
/// here, with the `Markdown` component's default heading offset), through `MarkdownTree`.
async fn mount_markdown(text: &'static str) -> web_sys::Element {
    let nodes = Arc::new(parse_with(
        text,
        Options {
            heading_base: Some(2),
        },
    ));
    mount(move || view! { <MarkdownTree nodes=nodes.clone() /> }).await
}

/// Mounts a view in a fresh host element and lets it render.
async fn mount<V: IntoView + 'static>(f: impl Fn() -> V + 'static) -> web_sys::Element {
    let host = document().create_element("div").unwrap();
    body().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), f);
    leptos::task::tick().await;
    // The host outlives the test; the view stays mounted for inspection.
    std::mem::forget(handle);
    host
}

/// The elements under `host` in document order (without `NodeList`, which the app's web-sys
/// features leave out).
fn descendants(host: &web_sys::Element) -> Vec<web_sys::Element> {
    let mut out = Vec::new();
    let mut child = host.first_element_child();
    while let Some(el) = child {
        out.push(el.clone());
        out.extend(descendants(&el));
        child = el.next_element_sibling();
    }
    out
}

/// Every attribute name in the host's subtree.
fn attribute_names(host: &web_sys::Element) -> Vec<String> {
    let mut names = Vec::new();
    for el in descendants(host) {
        for name in el.get_attribute_names().iter() {
            names.push(name.as_string().unwrap());
        }
    }
    names
}

#[wasm_bindgen_test]
async fn markdown_with_hostile_html_is_inert() {
    let payload = "<img src=x onerror=alert(1)>\n\n<script>window.__xss = 2</script>\n\n\
                   [x](javascript:alert(3)) **ok** <b onclick=\"window.__xss = 4\">bold</b> \
                   <a href=\"javascript:alert(5)\" onmouseover=\"alert(6)\">link</a>";
    let host = mount_markdown(payload).await;
    assert!(host.query_selector("img").unwrap().is_none());
    assert!(host.query_selector("script").unwrap().is_none());
    assert!(host.query_selector("a").unwrap().is_none());
    let text = host.text_content().unwrap();
    assert!(!text.contains("__xss") && !text.contains('<'), "{text}");
    assert!(text.contains("bold") && text.contains("link"), "{text}");
    let names = attribute_names(&host);
    assert!(
        names.iter().all(|n| n == "class"),
        "only the wrapper's class: {names:?}"
    );
    let xss = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__xss".into()).unwrap();
    assert!(xss.is_undefined(), "a payload ran");
}

#[wasm_bindgen_test]
async fn html_in_an_abstract_is_shown_as_formatting() {
    let host = mount_markdown(
        "<p>In this talk, we introduce <strong>x</strong> &amp; <em>y</em>:</p>\n\
         <ul>\n<li>one</li>\n<li><a href=\"https://example.org\" target=\"_top\">two</a></li>\n</ul>",
    )
    .await;
    let html = host.inner_html();
    assert!(!host.text_content().unwrap().contains("<p>"), "{html}");
    assert!(host.query_selector("p strong").unwrap().is_some(), "{html}");
    assert!(host.query_selector("p em").unwrap().is_some(), "{html}");
    let items = descendants(&host)
        .into_iter()
        .filter(|e| e.matches("ul > li").unwrap())
        .count();
    assert_eq!(items, 2);
    let a = host.query_selector("li a").unwrap().unwrap();
    assert_eq!(
        a.get_attribute("href").as_deref(),
        Some("https://example.org")
    );
    assert!(host.text_content().unwrap().contains("x & y"));
}

/// Issue 14 item 6: the component re-levelled core's already shifted headings, so `####` to
/// `######` under the page's h2 all became sibling h6s.
#[wasm_bindgen_test]
async fn markdown_headings_nest_under_the_page_heading() {
    let host = mount_markdown("# A\n\n### B\n\n#### C\n\n##### D\n\n###### E").await;
    let mut levels = Vec::new();
    for el in descendants(&host) {
        if !el
            .matches("h1, h2, h3, h4, h5, h6, [role=heading]")
            .unwrap()
        {
            continue;
        }
        let level = match el.get_attribute("aria-level") {
            Some(l) => l,
            None => el.tag_name()[1..].to_string(),
        };
        levels.push(format!("{}:{level}", el.text_content().unwrap()));
    }
    assert_eq!(levels, ["A:3", "B:4", "C:5", "D:6", "E:7"]);
}

/// The test runner serves no Markdown worker: the component must still show the text, as
/// text, under a notice, and nothing in it may run.
#[wasm_bindgen_test]
async fn markdown_without_its_worker_shows_the_text_as_written() {
    let host = mount(|| {
        view! { <Markdown text="First *para*.\n\n<script>window.__xss = 7</script> <b onclick=\"x\">b</b>".to_string() /> }
    })
    .await;
    let mut text = String::new();
    for _ in 0..100 {
        gloo_timers_sleep(50).await;
        if host
            .query_selector(".markdown-as-written")
            .unwrap()
            .is_some()
        {
            text = host.text_content().unwrap_or_default();
            break;
        }
    }
    assert!(text.contains("shown as written"), "{}", host.inner_html());
    assert!(text.contains("First *para*."), "{text}");
    assert!(
        text.contains("<script>window.__xss = 7</script>"),
        "as text: {text}"
    );
    assert!(host.query_selector("script, b, em").unwrap().is_none());
    assert!(host.query_selector("[aria-busy]").unwrap().is_none());
    let xss = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__xss".into()).unwrap();
    assert!(xss.is_undefined(), "a payload ran");
}

#[wasm_bindgen_test]
async fn the_app_shows_an_error_view_when_the_bundle_is_missing() {
    // The test runner serves no data/bundle.json, so the real fetch path ends in the error view.
    let host = document().create_element("div").unwrap();
    body().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone().unchecked_into(), hallway::App);
    let mut text = String::new();
    for _ in 0..100 {
        gloo_timers_sleep(50).await;
        text = host.text_content().unwrap_or_default();
        if text.contains("Retry") {
            break;
        }
    }
    assert!(text.contains("HTTP 404"), "{text}");
    assert!(host
        .query_selector("[role=alert] button")
        .unwrap()
        .is_some());
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
