//! Markdown rendering against the project's own XSS cases, generated from the tag, attribute,
//! scheme, encoding, link-form and context lists in `tests/xss/lists.json`: every case must come
//! out as allowed elements and attributes with safe link targets only. (DOMPurify's payload
//! corpus runs in the extra suite, `shared_data.rs`, when `../shared/data` exists.)
//!
//! `tests/xss/cases.mjs` expands the same lists for the browser tests; keep the two in step.

mod common;

use hallway_core::markdown::{parse, plain_text, to_html};
use serde::Deserialize;

#[derive(Deserialize)]
struct Lists {
    code: String,
    tags: Vec<String>,
    event_attributes: Vec<String>,
    url_attributes: Vec<String>,
    schemes: Vec<String>,
    encodings: Vec<String>,
    link_forms: Vec<String>,
    contexts: Vec<String>,
}

fn lists() -> Lists {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/xss/lists.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A scheme written the way an encoding names it (as `encode` in `tests/xss/cases.mjs`).
fn encode(s: &str, encoding: &str) -> String {
    let mut chars = s.chars();
    let first = chars.next().map(String::from).unwrap_or_default();
    let rest: String = chars.collect();
    let each = |f: &dyn Fn(char) -> String| s.chars().map(f).collect::<String>();
    match encoding {
        "plain" => s.to_string(),
        "upper" => s.to_uppercase(),
        "mixed-case" => s
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 1 {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect(),
        "html-decimal" => each(&|c| format!("&#{};", c as u32)),
        "html-hex" => each(&|c| format!("&#x{:x};", c as u32)),
        "html-hex-padded" => each(&|c| format!("&#x{:06x}", c as u32)),
        // The colon stays: `%3A` would make the whole target a harmless relative path.
        "percent" => each(&|c| {
            if c == ':' {
                ":".into()
            } else {
                format!("%{:02X}", c as u32)
            }
        }),
        "tab-inside" => format!("{first}\t{rest}"),
        "entity-tab-inside" => format!("{first}&#x09;{rest}"),
        "newline-inside" => format!("{first}\n{rest}"),
        "leading-space" => format!(" {s}"),
        "leading-control" => format!("\u{1}{s}"),
        other => panic!("unknown encoding {other}"),
    }
}

/// Elements with an event handler: `<tag attr="code">`, then unquoted after a broken src.
fn event_payloads(l: &Lists) -> Vec<String> {
    let mut out = Vec::new();
    for tag in &l.tags {
        for attr in &l.event_attributes {
            out.push(format!("<{tag} {attr}=\"{}\">", l.code));
        }
    }
    for tag in &l.tags {
        for attr in &l.event_attributes {
            out.push(format!("<{tag} src=x {attr}={}>", l.code));
        }
    }
    out
}

/// Elements with a script URL in a URL attribute, in every encoding.
fn url_payloads(l: &Lists) -> Vec<String> {
    let mut out = Vec::new();
    for tag in &l.tags {
        for attr in &l.url_attributes {
            for scheme in &l.schemes {
                for enc in &l.encodings {
                    let url = encode(scheme, enc);
                    out.push(format!("<{tag} {attr}=\"{url}{}\">x</{tag}>", l.code));
                }
            }
        }
    }
    out
}

/// Script URLs in every encoding, in every Markdown link and image form.
fn markdown_link_payloads(l: &Lists) -> Vec<String> {
    let mut out = Vec::new();
    for form in &l.link_forms {
        for scheme in &l.schemes {
            for enc in &l.encodings {
                out.push(form.replace("{}", &format!("{}{}", encode(scheme, enc), l.code)));
            }
        }
    }
    out
}

/// Every case the renderer is held to: the three families, and the event payloads again inside
/// each Markdown context (emphasis, link text, heading, quote, table, comment, code, list).
fn all_cases(l: &Lists) -> Vec<String> {
    let events = event_payloads(l);
    let mut out = events.clone();
    out.extend(url_payloads(l));
    out.extend(markdown_link_payloads(l));
    for context in &l.contexts {
        out.extend(events.iter().map(|p| context.replace("{}", p)));
    }
    out
}

fn unsafe_renderings(cases: &[String]) -> Vec<String> {
    cases
        .iter()
        .filter_map(|case| {
            let html = to_html(&parse(case));
            let problems = common::problems(&html);
            (!problems.is_empty()).then(|| format!("{case:?}: {problems:?}\n{html}"))
        })
        .collect()
}

#[test]
fn every_generated_case_renders_safely() {
    let l = lists();
    let cases = all_cases(&l);
    // 24 tags x 9 handlers x 2 spellings; 24 x 10 URL attributes x 5 schemes x 12 encodings;
    // 7 link forms x 5 x 12; the 432 event payloads in 10 contexts.
    assert_eq!(
        cases.len(),
        432 + 14_400 + 420 + 4_320,
        "the lists changed: update the count"
    );
    let failures = unsafe_renderings(&cases);
    println!(
        "XSS: {} generated cases rendered safely",
        cases.len() - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} unsafe:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

#[test]
fn the_link_forms_make_links_when_the_target_is_safe() {
    // Guards against vacuous link cases: each form, with an allowed target, is a real link or
    // image, so with a script target it is the target that was refused, not the syntax.
    let l = lists();
    for form in &l.link_forms {
        let html = to_html(&parse(&form.replace("{}", "https://example.org/ok")));
        assert!(
            html.contains("href=\"https://example.org/ok\"")
                || html.contains("src=\"https://example.org/ok\""),
            "{form:?} made no link: {html}"
        );
    }
}

#[test]
fn the_encodings_spell_the_scheme() {
    // Each encoding, decoded the way a browser would, is still the scheme: so the cases test
    // the renderer's refusal, not a typo.
    let decoded = |s: &str| -> String {
        let mut t = s.to_ascii_lowercase();
        for (from, to) in [("&#x09;", ""), ("\t", ""), ("\n", ""), ("\u{1}", "")] {
            t = t.replace(from, to);
        }
        t.trim().to_string()
    };
    for enc in [
        "plain",
        "upper",
        "mixed-case",
        "tab-inside",
        "entity-tab-inside",
    ] {
        assert_eq!(decoded(&encode("javascript:", enc)), "javascript:", "{enc}");
    }
    assert_eq!(encode("j:", "html-decimal"), "&#106;&#58;");
    assert_eq!(encode("j:", "html-hex"), "&#x6a;&#x3a;");
    assert_eq!(encode("j:", "html-hex-padded"), "&#x00006a&#x00003a");
    assert_eq!(encode("j:", "percent"), "%6A:");
}

#[test]
fn script_payloads_leave_neither_tag_nor_code() {
    // Raw HTML maps onto allowed elements or is dropped (ARCHITECTURE.md, raw HTML in bundle
    // text): a script payload shows neither its tag nor its code.
    let script = format!(
        "<script onerror=\"{}\">{}</script>",
        lists().code,
        lists().code
    );
    assert!(event_payloads(&lists())
        .iter()
        .any(|p| script.starts_with(p.as_str())));
    let shown = plain_text(&parse(&script));
    assert!(!shown.contains("<script"), "{shown}");
    assert!(!shown.contains(&lists().code), "{shown}");
    assert!(!to_html(&parse(&script)).contains("script"));
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
