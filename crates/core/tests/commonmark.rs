//! CommonMark conformance of the safe Markdown renderer, against the spec's own 652 examples
//! (spec 0.31.2, from the npm package `commonmark-spec`, installed by `scripts/setup.sh`).
//!
//! Every example is parsed and serialised without `rel` and compared with the spec's HTML after
//! one normalisation: `&#39;` is read as `'` (our escaper, pulldown-cmark-escape, writes the
//! apostrophe as an entity; the reference renderer leaves it bare; browsers read both the same).
//! Nothing else is forgiven: no whitespace or tag rewriting.
//!
//! The examples that differ on purpose are listed in [`EXPECTED_DIFFERENCES`]. The test fails
//! when an unlisted example fails, and also when a listed one passes, so the list stays exact.

mod common;
mod corpora;

use corpora::commonmark_examples as examples;
use hallway_core::markdown::{parse, to_html_with, HtmlOptions};

const RAW_BLOCK: &str = "HTML block: shown as the literal source text, never as HTML";
const RAW_INLINE: &str = "inline raw HTML: shown as the literal source text, never as HTML";

/// Examples whose output differs from the spec on purpose, with why.
const EXPECTED_DIFFERENCES: &[(u32, &str)] = &[
    (21, RAW_INLINE),
    (31, RAW_INLINE),
    (148, RAW_BLOCK),
    (149, RAW_BLOCK),
    (150, RAW_BLOCK),
    (151, RAW_BLOCK),
    (152, RAW_BLOCK),
    (153, RAW_BLOCK),
    (154, RAW_BLOCK),
    (155, RAW_BLOCK),
    (156, RAW_BLOCK),
    (157, RAW_BLOCK),
    (158, RAW_BLOCK),
    (159, RAW_BLOCK),
    (160, RAW_BLOCK),
    (161, RAW_BLOCK),
    (162, RAW_BLOCK),
    (163, RAW_BLOCK),
    (164, RAW_BLOCK),
    (165, RAW_BLOCK),
    (166, RAW_BLOCK),
    (167, RAW_BLOCK),
    (169, RAW_BLOCK),
    (170, RAW_BLOCK),
    (171, RAW_BLOCK),
    (172, RAW_BLOCK),
    (173, RAW_BLOCK),
    (174, RAW_BLOCK),
    (175, RAW_BLOCK),
    (176, RAW_BLOCK),
    (177, RAW_BLOCK),
    (178, RAW_BLOCK),
    (179, RAW_BLOCK),
    (180, RAW_BLOCK),
    (181, RAW_BLOCK),
    (182, RAW_BLOCK),
    (183, RAW_BLOCK),
    (184, RAW_BLOCK),
    (185, RAW_BLOCK),
    (186, RAW_BLOCK),
    (187, RAW_BLOCK),
    (188, RAW_BLOCK),
    (189, RAW_BLOCK),
    (190, RAW_BLOCK),
    (191, RAW_BLOCK),
    (
        201,
        "`<bar>` in a broken reference definition is inline HTML",
    ),
    (308, "`<!-- -->` between lists is an HTML block"),
    (309, "`<!-- -->` between list and code is an HTML block"),
    (344, RAW_INLINE),
    (475, RAW_INLINE),
    (476, RAW_INLINE),
    (477, RAW_INLINE),
    (491, "`<foo\nbar>` after a broken link is inline HTML"),
    (494, "`<b>` after a broken link is inline HTML"),
    (
        500,
        "target `foo):` reads as scheme `foo)`, which is not allowed: refused, link text kept",
    ),
    (524, RAW_INLINE),
    (536, RAW_INLINE),
    (596, "autolink scheme irc: is not allowed: shown as text"),
    (598, "autolink scheme a+b+c: is not allowed: shown as text"),
    (
        599,
        "autolink scheme made-up-scheme: is not allowed: shown as text",
    ),
    (
        601,
        "autolink scheme localhost: is not allowed: shown as text",
    ),
    (613, RAW_INLINE),
    (614, RAW_INLINE),
    (615, RAW_INLINE),
    (616, RAW_INLINE),
    (617, RAW_INLINE),
    (623, RAW_INLINE),
    (625, RAW_INLINE),
    (626, RAW_INLINE),
    (627, RAW_INLINE),
    (628, RAW_INLINE),
    (629, RAW_INLINE),
    (630, RAW_INLINE),
    (631, RAW_INLINE),
    (642, RAW_INLINE),
    (643, RAW_INLINE),
];

fn normalise(html: &str) -> String {
    html.replace("&#39;", "'")
}

fn render(markdown: &str) -> String {
    to_html_with(
        &parse(markdown),
        &HtmlOptions {
            rel_external: false,
        },
    )
}

#[test]
fn commonmark_spec_examples_pass_except_listed_differences() {
    let examples = examples();
    assert_eq!(
        examples.len(),
        652,
        "commonmark-spec 0.31.2 (the npm release) has 652 examples"
    );
    let mut passed = 0;
    let mut unexpected = Vec::new();
    let mut now_passing = Vec::new();
    for ex in &examples {
        let got = render(&ex.markdown);
        let ok = normalise(&got) == normalise(&ex.html);
        let listed = EXPECTED_DIFFERENCES.iter().any(|(n, _)| *n == ex.example);
        if ok {
            passed += 1;
        }
        match (ok, listed) {
            (false, false) => unexpected.push(format!(
                "example {} ({})\n--markdown\n{}--expected\n{}--got\n{}",
                ex.example, ex.section, ex.markdown, ex.html, got
            )),
            (true, true) => now_passing.push(ex.example),
            _ => {}
        }
    }
    println!(
        "CommonMark: {passed}/{} examples pass; {} listed differences",
        examples.len(),
        EXPECTED_DIFFERENCES.len()
    );
    assert!(
        unexpected.is_empty(),
        "{} unlisted examples fail:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        now_passing.is_empty(),
        "listed as differing but now pass (remove them from EXPECTED_DIFFERENCES): {now_passing:?}"
    );
    assert_eq!(passed + EXPECTED_DIFFERENCES.len(), examples.len());
}

#[test]
fn every_listed_difference_is_a_real_example_listed_once() {
    let numbers: Vec<u32> = examples().iter().map(|e| e.example).collect();
    let mut seen = std::collections::HashSet::new();
    for (n, reason) in EXPECTED_DIFFERENCES {
        assert!(numbers.contains(n), "example {n} does not exist");
        assert!(seen.insert(*n), "example {n} is listed twice");
        assert!(!reason.is_empty());
    }
}

#[test]
fn raw_html_differences_come_from_html_in_the_source() {
    // Keeps the raw-HTML reasons honest: each such example's Markdown really contains a tag.
    for ex in examples() {
        let reason = EXPECTED_DIFFERENCES
            .iter()
            .find(|(n, _)| *n == ex.example)
            .map(|(_, r)| *r);
        if matches!(reason, Some(RAW_BLOCK) | Some(RAW_INLINE)) {
            assert!(
                ex.markdown.contains('<') && ex.html.contains('<'),
                "example {} is listed as raw HTML but has none",
                ex.example
            );
        }
        if reason == Some(RAW_BLOCK) {
            assert_eq!(ex.section, "HTML blocks", "example {}", ex.example);
        }
    }
}

#[test]
fn every_spec_example_renders_only_safe_html() {
    for ex in examples() {
        let html = hallway_core::markdown::to_html(&parse(&ex.markdown));
        let problems = common::problems(&html);
        assert!(
            problems.is_empty(),
            "example {}: {problems:?} in\n{html}",
            ex.example
        );
    }
}
