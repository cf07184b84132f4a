//! Raw HTML inside bundle Markdown (issue 15): allowlisted tags become the same safe elements
//! Markdown produces, other tags are dropped with their text kept, script-like elements are
//! dropped with their content, and the search index sees text, not tag names.

mod common;

use hallway_core::markdown::{
    parse, parse_with, plain_text, search_text, to_html, Node, Options, MAX_DEPTH,
};
use hallway_core::query::{Filter, QueryIndex, View};
use hallway_core::{load, Dataset};
use serde_json::json;

/// Renders and checks the output with the XSS suites' checker before returning it.
fn html(md: &str) -> String {
    let out = to_html(&parse(md));
    let problems = common::problems(&out);
    assert!(problems.is_empty(), "{md:?} gave {problems:?} in {out}");
    out
}

#[test]
fn an_html_abstract_renders_as_formatting_not_as_markup() {
    // The abstract from the issue: its tags used to show as text.
    assert_eq!(
        html("<p>In this talk, we introduce <strong>x</strong></p>"),
        "<p>In this talk, we introduce <strong>x</strong></p>\n"
    );
    assert_eq!(
        html("<p>One</p>\n<p>Two <i>it</i>, <b>bold</b>, <code>c</code>, <s>old</s><br>next</p>"),
        "<p>One</p>\n<p>Two <em>it</em>, <strong>bold</strong>, <code>c</code>, <del>old</del><br />\nnext</p>\n"
    );
    assert_eq!(
        html("<pre>fn main() {\n    x < y\n}</pre>"),
        "<pre>fn main() {\n    x &lt; y\n}</pre>\n"
    );
    assert_eq!(
        html("<blockquote>\nquoted <em>text</em>\n</blockquote>"),
        "<blockquote>\n<p>quoted <em>text</em></p>\n</blockquote>\n"
    );
}

#[test]
fn nested_lists() {
    let md = "<ul>\n<li>a\n<ol>\n<li>b</li>\n<li>c</li>\n</ol>\n</li>\n<li>d</li>\n</ul>";
    assert_eq!(
        html(md),
        "<ul>\n<li>a\n<ol>\n<li>b</li>\n<li>c</li>\n</ol>\n</li>\n<li>d</li>\n</ul>\n"
    );
    // Items left open are ended by the next item and by the list's end, as in HTML.
    assert_eq!(
        html("<ul><li>one<li>two</ul>"),
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    );
}

#[test]
fn links_keep_only_a_checked_href() {
    assert_eq!(
        html("<p><a href=\"https://x.org/?a=1&amp;b=2\" title=\"t\" target=\"_top\" onclick=\"y()\" class=\"c\" id=\"i\">x</a></p>"),
        "<p><a href=\"https://x.org/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">x</a></p>\n"
    );
    assert_eq!(
        html("see <a href='/talks/x'>the talk</a>"),
        "<p>see <a href=\"/talks/x\">the talk</a></p>\n"
    );
    // A link inside a link keeps only its text.
    assert_eq!(
        html("<p><a href=\"/a\">a <a href=\"/b\">b</a></a></p>"),
        "<p><a href=\"/a\">a b</a></p>\n"
    );
}

#[test]
fn script_targets_lose_the_link_and_keep_the_text() {
    for a in [
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=javascript:alert(1)>x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        // Numeric references need no `;` in HTML.
        "<a href=\"&#106avascript:alert(1)\">x</a>",
        "<a href='&#xA0javascript:alert(1)'>x</a>",
        "<a href='&#x2003;javascript:alert(1)'>x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<a href=\"vbscript:x\">x</a>",
        "<a>x</a>",
    ] {
        assert_eq!(html(&format!("<p>{a}</p>")), "<p>x</p>\n", "{a}");
        assert_eq!(html(&format!("y {a}")), "<p>y x</p>\n", "{a}");
    }
}

#[test]
fn event_handler_and_other_attributes_are_dropped() {
    assert_eq!(
        html("<p onclick=\"alert(1)\" style=\"color:red\" class=\"x\" id=\"main\">t</p>"),
        "<p>t</p>\n"
    );
    assert_eq!(
        html("a <em onmouseover=alert(1) onfocus='x' autofocus tabindex=1>b</em>"),
        "<p>a <em>b</em></p>\n"
    );
    assert_eq!(
        html("<ol start=\"5\" type=\"a\"><li value=\"9\">x</li></ol>"),
        "<ol>\n<li>x</li>\n</ol>\n"
    );
    // Tags outside the allowlist go, attributes and all, and their text stays.
    assert_eq!(html("<img src=x onerror=alert(1)>"), "");
    assert_eq!(html("<svg onload=alert(1)>"), "");
    assert_eq!(
        html("a <span class=x onclick=y>kept</span> <font color=red>too</font>"),
        "<p>a kept too</p>\n"
    );
}

#[test]
fn script_like_elements_are_dropped_with_their_content() {
    assert_eq!(html("<script>alert(1)</script>"), "");
    assert_eq!(
        html("<script>\nalert(1)\n</script>\nafter"),
        "<p>after</p>\n"
    );
    assert_eq!(html("a <script>alert(1)</script> b"), "<p>a  b</p>\n");
    assert_eq!(html("a <SCRIPT SRC=x.js></SCRIPT>b"), "<p>a b</p>\n");
    for tag in [
        "style", "template", "iframe", "object", "noscript", "textarea", "title", "xmp",
    ] {
        let md = format!("<p>a<{tag}>hidden <b>x</b></{tag}>b</p>");
        assert_eq!(html(&md), "<p>ab</p>\n", "{tag}");
    }
    // Markup-looking text inside a script does not end anything outside it.
    assert_eq!(
        html("<p>a<script>document.write('</p><b>')</script>b</p>"),
        "<p>ab</p>\n"
    );
    // An unclosed script drops the rest of its HTML block or paragraph only.
    assert_eq!(
        html("<div><script>alert(1)\n\nafter *this*"),
        "<p>after <em>this</em></p>\n"
    );
    assert_eq!(
        html("a <script>alert(1) *b*\n\nnext"),
        "<p>a </p>\n<p>next</p>\n"
    );
}

#[test]
fn entities_are_decoded_to_text() {
    assert_eq!(
        html("<p>&lt;script&gt; &amp; &eacute; &#233; &#xE9; &bogus; & &#0;</p>"),
        "<p>&lt;script&gt; &amp; é é é &amp;bogus; &amp; \u{FFFD}</p>\n"
    );
    let nodes = parse("<p>&lt;b&gt;not bold&lt;/b&gt;</p>");
    assert_eq!(plain_text(&nodes), "<b>not bold</b>");
}

#[test]
fn unclosed_and_stray_tags_do_not_break_the_structure() {
    // An HTML block ends at a blank line; what it left open ends where Markdown resumes.
    assert_eq!(
        html("<p><em>open\n\nNext paragraph"),
        "<p><em>open</em></p>\n<p>Next paragraph</p>\n"
    );
    assert_eq!(html("<p>open\n\n---"), "<p>open</p>\n<hr />\n");
    assert_eq!(
        html("a <strong>b\n\nc"),
        "<p>a <strong>b</strong></p>\n<p>c</p>\n"
    );
    // An unterminated tag at the end is dropped, as browsers do.
    assert_eq!(html("<p>x <a href=\"y\""), "<p>x</p>\n");
    // Stray end tags never close Markdown structure.
    assert_eq!(
        html("- a </li></ul></p> b\n- c"),
        "<ul>\n<li>a  b</li>\n<li>c</li>\n</ul>\n"
    );
    assert_eq!(
        html("> q </blockquote>\n\nafter"),
        "<blockquote>\n<p>q </p>\n</blockquote>\n<p>after</p>\n"
    );
    // A block tag inside a Markdown paragraph keeps only its text.
    assert_eq!(
        html("text <ul><li>x</li></ul> more"),
        "<p>text x more</p>\n"
    );
    // `a < b` and autolinks are not tags.
    assert_eq!(
        html("<p>a < b and a <b</p>"),
        "<p>a &lt; b and a &lt;b</p>\n"
    );
    assert_eq!(
        html("<https://x.org> <a@b.org>"),
        "<p><a href=\"https://x.org\" rel=\"noopener noreferrer nofollow\">https://x.org</a> \
         <a href=\"mailto:a@b.org\" rel=\"noopener noreferrer nofollow\">a@b.org</a></p>\n"
    );
}

#[test]
fn tags_split_across_lines() {
    assert_eq!(
        html("<p\nclass=\"x\">Hello\n<a\nhref=\"https://x.org\"\nonclick=\"y\">link</a></p>"),
        "<p>Hello\n<a href=\"https://x.org\" rel=\"noopener noreferrer nofollow\">link</a></p>\n"
    );
    assert_eq!(html("a <em\nclass=x>b</em>"), "<p>a <em>b</em></p>\n");
}

#[test]
fn comments_and_declarations_are_dropped() {
    assert_eq!(html("a <!-- hidden --> b"), "<p>a  b</p>\n");
    assert_eq!(html("<!-- a\n\nb -->\nafter"), "<p>after</p>\n");
    assert_eq!(html("<!DOCTYPE html>\n<p>x</p>"), "<p>x</p>\n");
    assert_eq!(html("a <?php echo 1; ?> b <![CDATA[c]]>"), "<p>a  b </p>\n");
}

#[test]
fn html_and_markdown_mix() {
    assert_eq!(
        html("Some **bold** and <em>em</em> with [a link](/x) and <code>c</code>."),
        "<p>Some <strong>bold</strong> and <em>em</em> with <a href=\"/x\">a link</a> and <code>c</code>.</p>\n"
    );
    assert_eq!(
        html("- item <b>one</b>\n- <i>two</i>"),
        "<ul>\n<li>item <strong>one</strong></li>\n<li><em>two</em></li>\n</ul>\n"
    );
    // Markdown between HTML blocks goes inside the element they opened.
    assert_eq!(
        html("<div>\n\n*md inside*\n\n</div>"),
        "<p><em>md inside</em></p>\n"
    );
    assert_eq!(
        html("<ul>\n<li>\n\n*one*\n\n</li>\n</ul>"),
        "<ul>\n<li>\n<p><em>one</em></p>\n</li>\n</ul>\n"
    );
    // Two dropped block containers still give two paragraphs.
    assert_eq!(html("<div>a</div><div>b</div>"), "<p>a</p>\n<p>b</p>\n");
    // Emphasis closing across an HTML tag: the tag ends with the emphasis.
    assert_eq!(
        html("*a <b>c* d</b>"),
        "<p><em>a <strong>c</strong></em> d</p>\n"
    );
}

#[test]
fn html_headings_are_re_levelled_like_markdown_ones() {
    let nodes = parse_with(
        "<h1>A</h1>\n<h3 id=\"x\">B</h3>\n\n## C\n\n<h6>D</h6>",
        Options {
            heading_base: Some(2),
        },
    );
    assert_eq!(
        to_html(&nodes),
        "<h3>A</h3>\n<h4>B</h4>\n<h4>C</h4>\n<h5>D</h5>\n"
    );
    // Without a base they keep their levels, and a heading inside a paragraph is only text.
    assert_eq!(html("<h2>A</h2>"), "<h2>A</h2>\n");
    assert_eq!(html("x <h2>A</h2>"), "<p>x A</p>\n");
}

fn depth(nodes: &[Node]) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(&Node, usize)> = nodes.iter().map(|n| (n, 1)).collect();
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        if let Node::Element(e) = node {
            stack.extend(e.children.iter().map(|c| (c, d + 1)));
        }
    }
    deepest
}

#[test]
fn deep_html_nesting_is_flattened() {
    let n = 50_000;
    for md in [
        "<blockquote>".repeat(n) + "deep",
        "x ".to_owned() + &"<em>".repeat(n) + "deep",
        "<ul><li>".repeat(n) + "deep",
    ] {
        let nodes = parse(&md);
        assert!(depth(&nodes) <= MAX_DEPTH + 1, "depth {}", depth(&nodes));
        assert!(plain_text(&nodes).contains("deep"));
    }
}

fn talk(id: &str, title: &str, r#abstract: &str) -> serde_json::Value {
    json!({"id": id, "title": title, "event": "conf", "abstract": r#abstract})
}

#[test]
fn the_search_index_sees_text_not_tag_names() {
    assert_eq!(
        search_text("<p>We <strong>introduce</strong> &amp; <a href=\"https://x.org\">x</a></p><script>secret()</script>"),
        " We introduce & x   "
    );
    // Markdown without markup is passed through untouched (and not copied).
    assert!(matches!(
        search_text("plain *text* [l](https://x.org)"),
        std::borrow::Cow::Borrowed(_)
    ));
    let bundle = json!({
        "format": "hallway-bundle",
        "version": "1.0",
        "events": [{"id": "conf", "name": "Conf", "start": "2024-05-01"}],
        "talks": [
            talk("html", "First", "<p>In this talk, we introduce <strong>tracing</strong> <a href=\"https://example.org\" onclick=\"x\">here</a></p><script>hidden()</script>"),
            talk("plain", "Second", "About **strong** typing"),
        ],
    });
    let loaded = load(&serde_json::to_vec(&bundle).unwrap()).expect("the bundle loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let data = std::sync::Arc::new(Dataset::new(loaded.bundle));
    let q = QueryIndex::new(&data);
    let find = |text: &str| -> Vec<String> {
        let f = Filter {
            view: View::Talks,
            text: text.into(),
            ..Filter::default()
        };
        q.run(&f)
            .items
            .iter()
            .map(|&t| data.bundle.talks[t as usize].id.to_string())
            .collect()
    };
    assert_eq!(find("strong"), ["plain"], "a tag name matched");
    for tag_word in ["href", "onclick", "hidden", "script"] {
        assert!(find(tag_word).is_empty(), "{tag_word} matched");
    }
    assert_eq!(find("tracing introduce"), ["html"]);
    assert_eq!(find("here"), ["html"]);
}

#[test]
fn random_html_soup_never_panics_and_renders_safely() {
    // Deterministic soup of tag fragments, quotes, entities, Markdown and multibyte text: the
    // tokenizer slices strings at byte offsets, so this is where a bad offset would show.
    const PIECES: &[&str] = &[
        "<",
        ">",
        "</",
        "/>",
        "<p>",
        "</p>",
        "<a href=\"",
        "javascript:",
        "https://x.org",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "\n\n",
        "<script>",
        "</script>",
        "<li>",
        "<ul>",
        "</ul>",
        "<h2>",
        "</h2>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&",
        "&#",
        "x",
        "A0",
        ";",
        "&amp;",
        "é",
        "日本",
        "*",
        "**",
        "`",
        "[",
        "](",
        ")",
        "- ",
        "> ",
        "# ",
        "<em",
        "<b ",
        "onclick=",
        "<svg>",
        "<style>",
        "</sty",
        "<?",
        "<!",
        "&#x",
        "9",
        "<br>",
        "<pre>",
        "\t",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..4000 {
        let mut md = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            md.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
        }
        let nodes = parse(&md);
        let out = to_html(&nodes);
        let problems = common::problems(&out);
        assert!(problems.is_empty(), "{md:?}: {problems:?}\n{out}");
        let _ = search_text(&md);
        let _ = parse_with(
            &md,
            Options {
                heading_base: Some(2),
            },
        );
    }
}
