//! Markdown rendering against DOMPurify's XSS payload corpus: every payload, rendered as
//! Markdown, must come out as allowed elements and attributes with safe link targets only.

mod common;

use hallway_core::markdown::{parse, plain_text, to_html};

/// The `payload` strings of DOMPurify's `expect.mjs`, in file order.
///
/// The file is a JavaScript module (`export default [ {...}, ]` with trailing commas), not JSON,
/// so it cannot be parsed whole; but every string in it is a JSON-compatible double-quoted
/// literal. This walks the file outside strings and comments, and decodes the literal that
/// follows each `"payload":` key with serde_json.
fn payloads() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/xss/dompurify-expect.mjs"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("cannot read {path}: {e}; the shared data folder must sit beside the repository")
    });
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut previous_was_payload_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let literal = &text[start..=i.min(bytes.len() - 1)];
                let value: String = serde_json::from_str(literal)
                    .unwrap_or_else(|e| panic!("bad string literal at byte {start}: {e}"));
                let rest = text[i + 1..].trim_start();
                if previous_was_payload_key {
                    found.push(value);
                    previous_was_payload_key = false;
                } else {
                    previous_was_payload_key = value == "payload" && rest.starts_with(':');
                }
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            _ => i += 1,
        }
    }
    found
}

#[test]
fn all_dompurify_payloads_render_safely() {
    let payloads = payloads();
    assert_eq!(payloads.len(), 223, "expect.mjs should hold 223 payloads");
    let mut failures = Vec::new();
    for (n, payload) in payloads.iter().enumerate() {
        let html = to_html(&parse(payload));
        let problems = common::problems(&html);
        if !problems.is_empty() {
            failures.push(format!("payload {n} {payload:?}: {problems:?}\n{html}"));
        }
    }
    println!(
        "XSS: {} payloads rendered safely",
        payloads.len() - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn payloads_stay_visible_as_text() {
    // Raw HTML is shown, not dropped: the reader sees what the author wrote.
    let payloads = payloads();
    let script = payloads
        .iter()
        .find(|p| p.contains("<script"))
        .expect("the corpus has a <script> payload");
    let shown = plain_text(&parse(script));
    assert!(shown.contains("<script"), "{shown}");
    assert!(to_html(&parse(script)).contains("&lt;script"));
}

#[test]
fn markdown_links_to_script_targets_are_refused() {
    // The corpus is HTML; these are the same attacks written as Markdown links and images.
    for payload in payloads()
        .iter()
        .filter(|p| p.contains("javascript:"))
        .take(20)
    {
        let md = format!("[x](javascript:{payload:?}) ![y](javascript:alert(1)) <javascript:x>");
        let html = to_html(&parse(&md));
        assert!(common::problems(&html).is_empty(), "{html}");
        assert!(!html.contains("<a ") && !html.contains("<img"), "{html}");
    }
}

#[test]
fn the_safety_check_itself_catches_unsafe_html() {
    // Guards against a vacuous check: each of these must be reported.
    for bad in [
        "<script>alert(1)</script>",
        "<div>x</div>",
        "<p onclick=\"x\">y</p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVa%73cript:alert(1)\">x</a>",
        "<img src=\"data:text/html,x\" alt=\"\" />",
        "<a href=\"&#39;\" style=\"x\">y</a>",
    ] {
        assert!(!common::problems(bad).is_empty(), "{bad}");
    }
    assert!(common::problems("<p><a href=\"https://x.org\" rel=\"noopener\">x</a></p>").is_empty());
}
