//! Unit tests for safe Markdown: link filtering, raw HTML, headings, tables and the depth guard.

use super::*;

fn html(md: &str) -> String {
    to_html(&parse(md))
}

#[test]
fn script_links_lose_their_target_but_keep_their_text() {
    for target in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "<java\tscript:alert(1)>",
        "< javascript:alert(1)>",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/x",
    ] {
        let out = html(&format!("a [*click*]({target}) b"));
        // The link syntax is consumed (it was a link) but no `a` element is left.
        assert_eq!(out, "<p>a <em>click</em> b</p>\n", "{target}");
    }
    // A reference definition and an autolink are links too.
    assert_eq!(html("[x][r]\n\n[r]: javascript:alert(1)"), "<p>x</p>\n");
    assert_eq!(
        html("<javascript:alert(1)>"),
        "<p>javascript:alert(1)</p>\n"
    );
}

#[test]
fn tab_in_a_scheme_is_caught_after_entity_decoding() {
    // `&#9;` decodes to a tab inside the destination; browsers drop it and see `javascript:`.
    let out = html("[x](java&#9;script:alert(1))");
    assert_eq!(out, "<p>x</p>\n");
    let out = html("[x](&#32;javascript:alert(1))");
    assert!(!out.contains("<a"), "{out}");
}

#[test]
fn safe_links_are_kept_and_external_ones_get_rel() {
    assert_eq!(
        html("[QEMU](https://qemu.org \"home\")"),
        "<p><a href=\"https://qemu.org\" title=\"home\" rel=\"noopener noreferrer nofollow\">QEMU</a></p>\n"
    );
    assert_eq!(
        html("[talk](/talks/x)"),
        "<p><a href=\"/talks/x\">talk</a></p>\n"
    );
    assert_eq!(
        html("<a@b.org>"),
        "<p><a href=\"mailto:a@b.org\" rel=\"noopener noreferrer nofollow\">a@b.org</a></p>\n"
    );
    let nodes = parse("[x](https://e.org)");
    let plain = to_html_with(
        &nodes,
        &HtmlOptions {
            rel_external: false,
        },
    );
    assert_eq!(plain, "<p><a href=\"https://e.org\">x</a></p>\n");
}

#[test]
fn unsafe_images_become_their_alt_text() {
    assert_eq!(html("![a *cat*](javascript:x)"), "<p>a cat</p>\n");
    assert_eq!(
        html("![a cat](cat.png)"),
        "<p><img src=\"cat.png\" alt=\"a cat\" /></p>\n"
    );
}

#[test]
fn raw_html_maps_onto_allowed_elements_or_is_dropped() {
    assert_eq!(html("<script>alert(1)</script>"), "");
    assert_eq!(
        html("hello <b onclick=\"x\">bold</b>"),
        "<p>hello <strong>bold</strong></p>\n"
    );
    assert_eq!(
        parse("<div>\nhi\n</div>"),
        vec![Node::Element(Element {
            tag: Tag::P,
            attrs: vec![],
            children: vec![Node::Text("hi".into())],
        })]
    );
}

#[test]
fn attribute_values_are_escaped() {
    let out = html("[x](/a \"q\\\"<b>&\")");
    assert_eq!(
        out,
        "<p><a href=\"/a\" title=\"q&quot;&lt;b&gt;&amp;\">x</a></p>\n"
    );
    let out = html("![\"><i>](/i.png)");
    assert_eq!(out, "<p><img src=\"/i.png\" alt=\"&quot;&gt;\" /></p>\n");
}

#[test]
fn hand_built_trees_are_checked_again_on_output() {
    let nodes = vec![Node::Element(Element {
        tag: Tag::A,
        attrs: vec![(AttrName::Href, "javascript:alert(1)".into())],
        children: vec![Node::Text("x".into())],
    })];
    assert_eq!(to_html(&nodes), "<a>x</a>");
}

fn under(base: u8, md: &str) -> String {
    to_html(&parse_with(
        md,
        Options {
            heading_base: Some(base),
        },
    ))
}

#[test]
fn headings_never_carry_author_ids_and_keep_their_levels_by_default() {
    assert_eq!(html("# Title {#main .x}"), "<h1>Title {#main .x}</h1>\n");
    assert_eq!(html("### A\n\n# B"), "<h3>A</h3>\n<h1>B</h1>\n");
}

#[test]
fn headings_under_a_page_heading_form_an_outline_without_gaps() {
    // Issue 14 item 6: `####` to `######` under a page h2 all ended as sibling h6s.
    assert_eq!(
        under(2, "# A\n\n### B\n\n#### C\n\n##### D\n\n###### E"),
        "<h3>A</h3>\n<h4>B</h4>\n<h5>C</h5>\n<h6>D</h6>\n\
         <p role=\"heading\" aria-level=\"7\"><strong>E</strong></p>\n"
    );
    // A skipped level closes up; a shallower heading goes back up the outline.
    assert_eq!(
        under(2, "## A\n\n#### B\n\n### C\n\n#### D\n\n# E\n\n### F"),
        "<h3>A</h3>\n<h4>B</h4>\n<h4>C</h4>\n<h5>D</h5>\n<h3>E</h3>\n<h4>F</h4>\n"
    );
    // Text that starts deep starts just below the page's heading.
    assert_eq!(under(1, "#### A\n\n#### B"), "<h2>A</h2>\n<h2>B</h2>\n");
    assert_eq!(
        under(255, "# A"),
        "<p role=\"heading\" aria-level=\"256\"><strong>A</strong></p>\n"
    );
}

#[test]
fn tables_keep_alignment() {
    let out = html("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n");
    assert_eq!(
        out,
        "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"center\">b</th>\n\
         <th align=\"right\">c</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">1</td>\n\
         <td align=\"center\">2</td>\n<td align=\"right\">3</td>\n</tr>\n</tbody>\n</table>\n"
    );
    // A header without body rows has no tbody.
    assert_eq!(
        html("| a |\n|---|\n"),
        "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n"
    );
}

#[test]
fn strikethrough_lists_and_code() {
    assert_eq!(html("~~old~~ new"), "<p><del>old</del> new</p>\n");
    assert_eq!(
        html("3. a\n4. b"),
        "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n"
    );
    assert_eq!(
        html("```rust\" onload=x\nfn main() {}\n```"),
        "<pre><code class=\"language-rust&quot;\">fn main() {}\n</code></pre>\n"
    );
}

#[test]
fn plain_text_drops_markup_and_keeps_blocks_apart() {
    let nodes = parse("# Title\n\nSome *text* with ![an image](i.png) and `code`.\n\n- one\n- two");
    assert_eq!(
        plain_text(&nodes),
        "Title\nSome text with an image and code.\none\ntwo"
    );
    assert_eq!(plain_text(&parse("<b>x</b>")), "x");
}

fn depth(nodes: &[Node]) -> usize {
    // Iterative, so that this check cannot itself overflow on a tree that is too deep.
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
fn deep_nesting_is_flattened_not_overflowed() {
    let n = 100_000;
    for input in [
        ">".repeat(n) + " deep",
        "[".repeat(n) + "x" + &"](/a)".repeat(n),
        "*".repeat(n) + "x" + &"*".repeat(n),
        "- ".repeat(n) + "x",
        "![".repeat(n) + "x" + &"](/i.png)".repeat(n),
    ] {
        let nodes = parse(&input);
        assert!(depth(&nodes) <= MAX_DEPTH + 1, "depth {}", depth(&nodes));
        let out = to_html(&nodes);
        let text = plain_text(&nodes);
        assert!(
            text.contains('x') || text.contains("deep"),
            "{}",
            &out[..out.len().min(200)]
        );
    }
    // The content of flattened blockquotes survives.
    let nodes = parse(&(">".repeat(n) + " deep"));
    assert_eq!(plain_text(&nodes), "deep");
}

#[test]
fn every_entity_decodes_as_pulldown_cmark_does() {
    // The packed table (entities.rs) must be the parser's table: the same text decodes the same
    // in Markdown (the parser) and in raw HTML or the search index (the table).
    let mut n = 0;
    for (name, value) in super::entities::all() {
        let source = format!("a&{name};b");
        let mut parsed = String::new();
        for event in pulldown_cmark::Parser::new(&source) {
            if let pulldown_cmark::Event::Text(t) = event {
                parsed.push_str(&t);
            }
        }
        assert_eq!(parsed, format!("a{value}b"), "&{name};");
        assert_eq!(super::entities::lookup(name), Some(value), "{name}");
        n += 1;
    }
    assert_eq!(n, 2125);
    assert_eq!(super::entities::lookup("eacute"), Some("é"));
    assert_eq!(super::entities::lookup("AElig"), Some("Æ"));
    assert_eq!(super::entities::lookup("zwnj"), Some("\u{200C}"));
    assert_eq!(super::entities::lookup("nosuch"), None);
    assert_eq!(super::entities::lookup(""), None);
}

#[test]
fn named_references_decode_in_raw_html_and_search_text() {
    assert_eq!(
        search_text("<b>caf&eacute;</b> &NotAnEntity; &amp"),
        "caf\u{e9} &NotAnEntity; &amp"
    );
    assert_eq!(html("<b>caf&eacute;</b>"), "<p><strong>café</strong></p>\n");
}

#[test]
fn trees_survive_json_as_the_worker_sends_them() {
    let tree = parse_with(
        "# T\n\n*a* [l](https://x.org \"t\") <b>b</b>\n\n| x |\n|:-:|\n| y |\n",
        Options {
            heading_base: Some(2),
        },
    );
    let json = serde_json::to_string(&tree).unwrap();
    let back: Vec<Node> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, tree);
    // A tag outside the closed set does not deserialize.
    assert!(serde_json::from_str::<Vec<Node>>(
        r#"[{"Element":{"tag":"Script","attrs":[],"children":[]}}]"#
    )
    .is_err());
}
