//! wasm-bindgen-test in headless Chromium: the loader and components in a real browser.
#![cfg(target_arch = "wasm32")]

use hallway::components::markdown::Markdown;
use hallway_core::{load, LoadError};
use leptos::prelude::*;
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

#[wasm_bindgen_test]
async fn markdown_with_hostile_html_is_inert() {
    let host = document().create_element("div").unwrap();
    body().append_child(&host).unwrap();
    let payload = "<img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n\n[x](javascript:alert(3)) **ok**";
    let _handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        view! { <Markdown text=payload.to_string() /> }
    });
    leptos::task::tick().await;
    assert!(host.query_selector("img").unwrap().is_none());
    assert!(host.query_selector("script").unwrap().is_none());
    assert!(host
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
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
