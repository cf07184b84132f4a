//! Safe Markdown for bundle text: CommonMark parsed into a closed tree of allowed elements.
//!
//! Bundle text (abstracts, bios, page bodies) is written by people we do not control, so it never
//! reaches the page as HTML. [`parse`] turns Markdown into [`Node`]s whose tags and attributes come
//! from closed enums: raw HTML in the source is read by a small tolerant tokenizer (`raw.rs`) and
//! only an allowlist of tags maps onto the same elements (every attribute dropped but a checked
//! `href`; other tags dropped with their text kept; script-like elements dropped with their
//! content), link and image targets pass [`crate::text::safe_link_target`] (or the link becomes
//! plain content), and no author-chosen `id` or `class` exists. Headings can be re-levelled once,
//! here, under the page's own heading ([`Options::heading_base`]). The app renders the tree as
//! view nodes; [`to_html`] serialises it for tests and exports.

mod build;
mod entities;
mod html;
mod outline;
mod raw;

#[cfg(test)]
mod tests;

pub use html::{plain_text, to_html, to_html_with, HtmlOptions};
pub use raw::search_text;
use serde::{Deserialize, Serialize};

/// How deep the tree may nest. Deeper elements are flattened: their content goes into the
/// deepest allowed ancestor. The tree is walked recursively (by the serialiser, by the app's
/// view code, and by `Drop`), so without a cap `>>>>…` a hundred thousand times deep would
/// overflow the stack; no real text nests anywhere near this.
pub const MAX_DEPTH: usize = 32;

/// A piece of rendered Markdown. Serde: the app gets trees from its Markdown worker as JSON
/// (`crates/worker`); tags and attribute names stay closed enums on the way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Node {
    Element(Element),
    /// Literal text, unescaped (the serialiser escapes it).
    Text(String),
}

/// An allowed element with its allowed attributes, in output order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element {
    pub tag: Tag,
    pub attrs: Vec<(AttrName, String)>,
    pub children: Vec<Node>,
}

impl Element {
    /// The value of an attribute, if the element has it.
    pub fn attr(&self, name: AttrName) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every element Markdown may produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tag {
    P,
    Em,
    Strong,
    Del,
    Code,
    Pre,
    Ul,
    Ol,
    Li,
    Blockquote,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    A,
    Img,
    Table,
    Thead,
    Tbody,
    Tr,
    Th,
    Td,
    Hr,
    Br,
}

impl Tag {
    /// The HTML element name.
    pub fn name(self) -> &'static str {
        match self {
            Tag::P => "p",
            Tag::Em => "em",
            Tag::Strong => "strong",
            Tag::Del => "del",
            Tag::Code => "code",
            Tag::Pre => "pre",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::Blockquote => "blockquote",
            Tag::H1 => "h1",
            Tag::H2 => "h2",
            Tag::H3 => "h3",
            Tag::H4 => "h4",
            Tag::H5 => "h5",
            Tag::H6 => "h6",
            Tag::A => "a",
            Tag::Img => "img",
            Tag::Table => "table",
            Tag::Thead => "thead",
            Tag::Tbody => "tbody",
            Tag::Tr => "tr",
            Tag::Th => "th",
            Tag::Td => "td",
            Tag::Hr => "hr",
            Tag::Br => "br",
        }
    }

    /// The heading tag for a level, clamped to 1..=6.
    pub fn heading(level: u8) -> Tag {
        match level {
            0 | 1 => Tag::H1,
            2 => Tag::H2,
            3 => Tag::H3,
            4 => Tag::H4,
            5 => Tag::H5,
            _ => Tag::H6,
        }
    }

    /// Elements that never have children.
    pub fn is_void(self) -> bool {
        matches!(self, Tag::Img | Tag::Hr | Tag::Br)
    }

    /// Block-level elements: they start on their own line in HTML output and in plain text.
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Em | Tag::Strong | Tag::Del | Tag::Code | Tag::A | Tag::Img | Tag::Br
        )
    }
}

/// Every attribute Markdown may produce. Values are plain text; link targets are already safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttrName {
    /// On `a`: a target accepted by [`crate::text::safe_link_target`].
    Href,
    /// On `img`: a target accepted by [`crate::text::safe_link_target`].
    Src,
    Alt,
    Title,
    /// On `ol`: the first item's number, when not 1.
    Start,
    /// On `th`/`td`: `left`, `center` or `right`.
    Align,
    /// On external `a`: always `noopener noreferrer nofollow`.
    Rel,
    /// On `code` inside `pre`: `language-` and the fence's first info word, for highlighting.
    Class,
    /// On `p`: always `heading`, for a re-levelled heading deeper than `h6`.
    Role,
    /// On a `p` with role `heading`: its level, 7 or more.
    AriaLevel,
}

impl AttrName {
    /// The HTML attribute name.
    pub fn name(self) -> &'static str {
        match self {
            AttrName::Href => "href",
            AttrName::Src => "src",
            AttrName::Alt => "alt",
            AttrName::Title => "title",
            AttrName::Start => "start",
            AttrName::Align => "align",
            AttrName::Rel => "rel",
            AttrName::Class => "class",
            AttrName::Role => "role",
            AttrName::AriaLevel => "aria-level",
        }
    }
}

/// The `rel` value external links carry: no opener access, no referrer, no ranking credit.
pub const REL_EXTERNAL: &str = "noopener noreferrer nofollow";

/// Parsing choices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The level of the page heading the text sits under. `None` keeps headings at the levels
    /// written (CommonMark's output). `Some(base)` re-levels them as an outline, so that the page
    /// keeps one `h1` and skips no level however the author numbered theirs: a heading goes one
    /// below the nearest earlier heading of a smaller written level, or at `base + 1` when there
    /// is none. With base 2, `#`, `###`, `####` become `h3`, `h4`, `h5`, and `## A`, `## B` stay
    /// siblings. A level past 6 has no HTML element: it becomes
    /// `<p role="heading" aria-level="7"><strong>…</strong></p>`, which keeps the nesting for
    /// assistive technology instead of flattening deeper headings into sibling `h6`s.
    pub heading_base: Option<u8>,
}

/// Parses Markdown into safe nodes with default options.
pub fn parse(markdown: &str) -> Vec<Node> {
    parse_with(markdown, Options::default())
}

/// Parses Markdown into safe nodes.
pub fn parse_with(markdown: &str, options: Options) -> Vec<Node> {
    build::build(markdown, options)
}
