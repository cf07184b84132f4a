//! Serialises the safe tree: HTML for tests and exports, plain text for search and summaries.

use pulldown_cmark_escape::{escape_href, escape_html};

use super::{AttrName, Element, Node, Tag};
use crate::text::safe_link_target;

/// Serialisation choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Emit the `rel` attribute of external links. On by default; off only to compare with
    /// reference output (the CommonMark spec) that has no such attribute.
    pub rel_external: bool,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions { rel_external: true }
    }
}

/// HTML for nodes, with `rel` on external links.
pub fn to_html(nodes: &[Node]) -> String {
    to_html_with(nodes, &HtmlOptions::default())
}

/// HTML for nodes, laid out like the CommonMark reference renderer (one block per line).
pub fn to_html_with(nodes: &[Node], options: &HtmlOptions) -> String {
    let mut out = String::new();
    for node in nodes {
        write_node(&mut out, node, options);
    }
    out
}

// Recursion is bounded: `parse` never nests deeper than `MAX_DEPTH`.
fn write_node(out: &mut String, node: &Node, options: &HtmlOptions) {
    match node {
        Node::Text(t) => push_escaped(out, t),
        Node::Element(e) => write_element(out, e, options),
    }
}

fn write_element(out: &mut String, e: &Element, options: &HtmlOptions) {
    let block = e.tag.is_block();
    if block {
        ensure_newline(out);
    }
    out.push('<');
    out.push_str(e.tag.name());
    for (name, value) in &e.attrs {
        write_attr(out, *name, value, options);
    }
    if e.tag.is_void() {
        out.push_str(" />");
        if block || e.tag == Tag::Br {
            out.push('\n');
        }
        return;
    }
    out.push('>');
    let container = matches!(
        e.tag,
        Tag::Blockquote | Tag::Ul | Tag::Ol | Tag::Table | Tag::Thead | Tag::Tbody | Tag::Tr
    );
    if container {
        out.push('\n');
    }
    for child in &e.children {
        write_node(out, child, options);
    }
    if container {
        ensure_newline(out);
    }
    out.push_str("</");
    out.push_str(e.tag.name());
    out.push('>');
    if block {
        out.push('\n');
    }
}

fn write_attr(out: &mut String, name: AttrName, value: &str, options: &HtmlOptions) {
    if name == AttrName::Rel && !options.rel_external {
        return;
    }
    if matches!(name, AttrName::Href | AttrName::Src) {
        // The tree's fields are public, so a hand-built tree could hold any target: check again.
        let Some(target) = safe_link_target(value) else {
            return;
        };
        out.push(' ');
        out.push_str(name.name());
        out.push_str("=\"");
        // Writing to a String cannot fail.
        let _ = escape_href(&mut *out, &target);
        out.push('"');
        return;
    }
    out.push(' ');
    out.push_str(name.name());
    out.push_str("=\"");
    push_escaped(out, value);
    out.push('"');
}

fn push_escaped(out: &mut String, s: &str) {
    // Writing to a String cannot fail.
    let _ = escape_html(&mut *out, s);
}

fn ensure_newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// The text of nodes without markup: blocks on their own lines, images as their alt text.
pub fn plain_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        write_plain(&mut out, node);
    }
    out.trim().to_owned()
}

// Recursion is bounded: `parse` never nests deeper than `MAX_DEPTH`.
fn write_plain(out: &mut String, node: &Node) {
    match node {
        Node::Text(t) => out.push_str(t),
        Node::Element(e) => {
            let block = e.tag.is_block();
            if block {
                ensure_newline(out);
            }
            match e.tag {
                Tag::Img => out.push_str(e.attr(AttrName::Alt).unwrap_or_default()),
                Tag::Br => out.push('\n'),
                _ => {}
            }
            for child in &e.children {
                write_plain(out, child);
            }
            if block {
                ensure_newline(out);
            }
        }
    }
}
