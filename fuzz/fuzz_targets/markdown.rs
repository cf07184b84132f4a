//! Fuzz target: bundle Markdown to the safe element tree and to HTML, as abstracts and report
//! bodies are rendered.
#![no_main]

use hallway_core::markdown::{parse, plain_text, to_html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let nodes = parse(text);
    let html = to_html(&nodes);
    // Raw HTML is shown as text, so no tag from the input can survive as a tag.
    assert!(!html.contains("<script"), "{html}");
    let _ = plain_text(&nodes);
});
