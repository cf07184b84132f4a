//! Raw HTML inside Markdown, onto the same tree: an allowlisted tag opens the element Markdown
//! would have produced; any other tag is dropped with its text kept; script-like elements are
//! dropped with their content; tags left open close with the Markdown block around them.

use super::*;
use crate::markdown::raw::{decode_entities, Token, Tokenizer, DROP_CONTENT};

/// The allowlisted HTML elements, by lowercase tag name: (end-tag key, element). Headings are
/// handled apart (their level is re-levelled).
fn allowed(name: &str) -> Option<(&'static str, Tag)> {
    Some(match name {
        "p" => ("p", Tag::P),
        "em" | "i" => ("em", Tag::Em),
        "strong" | "b" => ("strong", Tag::Strong),
        "del" | "s" | "strike" => ("del", Tag::Del),
        "code" => ("code", Tag::Code),
        "pre" => ("pre", Tag::Pre),
        "ul" => ("ul", Tag::Ul),
        "ol" => ("ol", Tag::Ol),
        "li" => ("li", Tag::Li),
        "blockquote" => ("blockquote", Tag::Blockquote),
        "a" => ("a", Tag::A),
        _ => return None,
    })
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// The end-tag key of a name: aliases folded so `</b>` closes what `<b>` opened.
fn end_key(name: &str) -> Option<&'static str> {
    if heading_level(name).is_some() {
        return Some("h");
    }
    if let Some((key, _)) = allowed(name) {
        return Some(key);
    }
    DROP_CONTENT.iter().copied().find(|d| *d == name)
}

/// Dropped tags that still end a paragraph: their content is laid out as blocks.
const BLOCK_BOUNDARY: &[&str] = &[
    "address",
    "article",
    "aside",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "legend",
    "main",
    "menu",
    "nav",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
];

/// Elements that may hold only phrasing content: no block opens inside them.
fn phrasing_only(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P
            | Tag::H1
            | Tag::H2
            | Tag::H3
            | Tag::H4
            | Tag::H5
            | Tag::H6
            | Tag::Em
            | Tag::Strong
            | Tag::Del
            | Tag::Code
            | Tag::Pre
            | Tag::A
            | Tag::Th
            | Tag::Td
    )
}

/// Raw HTML.
impl Builder {
    /// Reads a raw HTML fragment: a whole HTML block (`block`), or one inline tag or comment.
    pub(super) fn html(&mut self, source: &str, block: bool) {
        if self.image_depth > 0 {
            // Inside alt text a tag contributes nothing.
            return;
        }
        for token in Tokenizer::new(source) {
            match token {
                Token::Text(t) => self.html_text(&decode_entities(t), block),
                Token::RawText(_) => {}
                Token::Start { name, attrs } => self.html_start(&name, &attrs),
                Token::End(name) => self.html_end(&name),
            }
        }
    }

    /// The innermost open element's tag, if any.
    fn innermost(&self) -> Option<Tag> {
        self.open.last().map(|e| e.tag)
    }

    fn html_text(&mut self, t: &str, block: bool) {
        if self.dropping > 0 || t.is_empty() {
            return;
        }
        let context = self.innermost();
        let flow = matches!(context, None | Some(Tag::Blockquote));
        if block && t.trim().is_empty() {
            // Line breaks between block tags are layout, not content; inside a paragraph or
            // list item a space between two tags is content.
            if flow || matches!(context, Some(Tag::Ul | Tag::Ol)) {
                return;
            }
        }
        let t = if block && self.ensure_paragraph() {
            t.trim_start()
        } else {
            t
        };
        self.text(t);
    }

    /// Inline content of an HTML block at the top level or in a quote goes in a paragraph, as
    /// Markdown's own inline content does.
    /// True when it opened one.
    fn ensure_paragraph(&mut self) -> bool {
        if matches!(self.innermost(), None | Some(Tag::Blockquote)) && self.dropping == 0 {
            let elements = self.push_element(Tag::P, Vec::new());
            self.frames.push(Frame::Html {
                name: "p",
                elements,
                drops_content: false,
            });
            return true;
        }
        false
    }

    /// Closes HTML-opened elements that cannot hold a block (an open `p`, `em`, heading…) from
    /// the top of the stack, as HTML closes an open `p` when a block starts.
    pub(super) fn close_html_phrasing(&mut self) {
        while let Some(Frame::Html {
            name,
            drops_content: false,
            ..
        }) = self.frames.last()
        {
            if matches!(*name, "ul" | "ol" | "li" | "blockquote") {
                break;
            }
            self.close();
        }
    }

    /// Makes room for a block element; false when the context holds only phrasing content
    /// (a Markdown paragraph, heading or table cell around inline HTML).
    fn enter_block(&mut self) -> bool {
        self.close_html_phrasing();
        !self.innermost().is_some_and(phrasing_only)
    }

    fn push_html(&mut self, name: &'static str, elements: u8) {
        self.frames.push(Frame::Html {
            name,
            elements,
            drops_content: false,
        });
    }

    fn html_start(&mut self, name: &str, attrs: &[(String, &str)]) {
        if self.dropping > 0 {
            // Only the end tag of the dropping element means anything inside it.
            return;
        }
        if let Some(level) = heading_level(name) {
            let elements = if self.enter_block() {
                self.push_heading(level)
            } else {
                0
            };
            self.push_html("h", elements);
            return;
        }
        if let Some(drop) = DROP_CONTENT.iter().copied().find(|d| *d == name) {
            self.dropping += 1;
            self.frames.push(Frame::Html {
                name: drop,
                elements: 0,
                drops_content: true,
            });
            return;
        }
        match name {
            "br" => {
                self.ensure_paragraph();
                self.leaf(Tag::Br, Vec::new());
                return;
            }
            "hr" => {
                if self.enter_block() {
                    self.leaf(Tag::Hr, Vec::new());
                }
                return;
            }
            _ => {}
        }
        let Some((key, tag)) = allowed(name) else {
            if BLOCK_BOUNDARY.contains(&name) {
                self.close_html_phrasing();
            }
            return;
        };
        let elements = match tag {
            Tag::Em | Tag::Strong | Tag::Del | Tag::Code => {
                self.ensure_paragraph();
                self.push_element(tag, Vec::new())
            }
            Tag::A => {
                self.ensure_paragraph();
                let href = attrs
                    .iter()
                    .find(|(n, _)| n == "href")
                    .and_then(|(_, v)| safe_link_target(&decode_entities(v)));
                // Links do not nest: an inner `a` keeps only its text.
                let in_link = self.open.iter().any(|e| e.tag == Tag::A);
                match href {
                    Some(href) if !in_link => {
                        let external = is_external(&href);
                        let mut attrs = vec![(AttrName::Href, href)];
                        if external {
                            attrs.push((AttrName::Rel, REL_EXTERNAL.to_owned()));
                        }
                        self.push_element(Tag::A, attrs)
                    }
                    _ => 0,
                }
            }
            Tag::Li => {
                // A new item ends the open one, as in HTML.
                self.close_html_phrasing();
                if matches!(self.frames.last(), Some(Frame::Html { name: "li", .. })) {
                    self.close();
                }
                if self.enter_block() {
                    self.push_element(Tag::Li, Vec::new())
                } else {
                    0
                }
            }
            _ => {
                if self.enter_block() {
                    self.push_element(tag, Vec::new())
                } else {
                    0
                }
            }
        };
        self.push_html(key, elements);
    }

    fn html_end(&mut self, name: &str) {
        let Some(key) = end_key(name) else {
            if BLOCK_BOUNDARY.contains(&name) && self.dropping == 0 {
                self.close_html_phrasing();
            }
            return;
        };
        // Only HTML frames above the innermost Markdown construct can be closed by a tag: a
        // stray `</p>` or `</li>` never ends Markdown structure.
        let mut found = None;
        for (i, frame) in self.frames.iter().enumerate().rev() {
            match frame {
                Frame::Html {
                    name,
                    drops_content,
                    ..
                } => {
                    if *name == key {
                        found = Some(i);
                        break;
                    }
                    // Inside a dropping element only its own end tag counts.
                    if *drops_content {
                        break;
                    }
                }
                _ => break,
            }
        }
        if let Some(i) = found {
            while self.frames.len() > i {
                self.close();
            }
        }
    }
}
