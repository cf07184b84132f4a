//! Turns pulldown-cmark's event stream into the safe node tree, keeping only allowed elements.
//!
//! Raw HTML (pulldown-cmark's `Html` and `InlineHtml` events) goes through the same builder:
//! an allowlisted tag opens the element Markdown would have produced, with every attribute
//! dropped but a checked `href`; any other tag is dropped and its text kept; script-like
//! elements are dropped with their content. Tags an author left open are closed by the end of
//! the Markdown block around them, so HTML can never unbalance the Markdown structure.

use pulldown_cmark as md;

mod raw_html;

use super::outline::Outline;
use super::{AttrName, Element, Node, Options, Tag, MAX_DEPTH, REL_EXTERNAL};
use crate::text::{is_external, safe_link_target};

/// What a start event or tag left on the stack, so that its end knows what to undo.
enum Frame {
    /// A Markdown start event opened this many elements on `Builder::open` (none for a refused
    /// link, an unsupported construct, or nesting past [`MAX_DEPTH`]: its content goes into the
    /// enclosing element).
    Markdown(u8),
    /// The outermost image: its content becomes the alt text. `src` is `None` when the target
    /// was refused, and then the alt text is shown instead.
    Image { src: Option<String>, title: String },
    /// An allowlisted or content-dropping HTML start tag. `name` is the tag its end tag must
    /// name, after aliases (`b` is `strong`, any `hN` is `h`).
    Html {
        name: &'static str,
        elements: u8,
        drops_content: bool,
    },
}

#[derive(Default)]
struct TableState {
    alignments: Vec<md::Alignment>,
    in_head: bool,
    cell: usize,
    tbody_open: bool,
}

struct Builder {
    root: Vec<Node>,
    open: Vec<Element>,
    frames: Vec<Frame>,
    tables: Vec<TableState>,
    outline: Outline,
    /// How many images enclose the current event; inside one, everything is alt text.
    image_depth: usize,
    alt: String,
    /// Source of the raw HTML block being read, tokenized when it ends (a tag may span lines,
    /// and pulldown-cmark gives a block line by line).
    html_block: Option<String>,
    /// How many content-dropping HTML elements (`script`, …) are open: nothing is added.
    dropping: usize,
}

pub(super) fn build(markdown: &str, options: Options) -> Vec<Node> {
    // Heading attributes (`{#id .class}`) stay off: no author-chosen id or class may reach
    // the page, where they could clash with the app's own.
    let flags = md::Options::ENABLE_TABLES | md::Options::ENABLE_STRIKETHROUGH;
    let mut b = Builder {
        root: Vec::new(),
        open: Vec::new(),
        frames: Vec::new(),
        tables: Vec::new(),
        outline: Outline::new(options.heading_base),
        image_depth: 0,
        alt: String::new(),
        html_block: None,
        dropping: 0,
    };
    for event in md::Parser::new_ext(markdown, flags) {
        b.event(event);
    }
    // Markdown events are balanced; HTML tags left open and any broken promise end here.
    while !b.frames.is_empty() {
        b.close();
    }
    b.root
}

impl Builder {
    fn event(&mut self, event: md::Event<'_>) {
        match event {
            md::Event::Start(tag) => self.start(tag),
            md::Event::End(tag) => self.end(tag),
            md::Event::Text(t) => self.text(&t),
            md::Event::Code(t) => {
                if self.image_depth > 0 {
                    self.alt.push_str(&t);
                } else {
                    self.open_element(Tag::Code, Vec::new());
                    self.text(&t);
                    self.close();
                }
            }
            md::Event::Html(t) => match &mut self.html_block {
                Some(buf) => buf.push_str(&t),
                None => self.html(&t, true),
            },
            md::Event::InlineHtml(t) => self.html(&t, false),
            md::Event::InlineMath(t) | md::Event::DisplayMath(t) => self.text(&t),
            md::Event::FootnoteReference(name) => self.text(&format!("[^{name}]")),
            md::Event::SoftBreak => self.text("\n"),
            md::Event::HardBreak => {
                if self.image_depth > 0 {
                    self.alt.push('\n');
                } else {
                    self.leaf(Tag::Br, Vec::new());
                }
            }
            md::Event::Rule => {
                self.close_html_phrasing();
                self.leaf(Tag::Hr, Vec::new());
            }
            md::Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: md::Tag<'_>) {
        if let md::Tag::Image {
            dest_url, title, ..
        } = tag
        {
            self.image_depth += 1;
            let frame = if self.image_depth == 1 {
                self.alt.clear();
                Frame::Image {
                    src: safe_link_target(&dest_url),
                    title: title.into_string(),
                }
            } else {
                Frame::Markdown(0)
            };
            self.frames.push(frame);
            return;
        }
        if self.image_depth > 0 {
            // Links and emphasis inside alt text contribute only their text.
            self.frames.push(Frame::Markdown(0));
            return;
        }
        if matches!(
            tag,
            md::Tag::Paragraph
                | md::Tag::Heading { .. }
                | md::Tag::BlockQuote(_)
                | md::Tag::CodeBlock(_)
                | md::Tag::List(_)
                | md::Tag::Item
                | md::Tag::Table(_)
        ) {
            // An HTML `<p>` or `<em>` left open by an earlier HTML block ends where a Markdown
            // block starts, as an open `p` ends at the next block in HTML.
            self.close_html_phrasing();
        }
        match tag {
            md::Tag::Paragraph => self.open_element(Tag::P, Vec::new()),
            md::Tag::Heading { level, .. } => {
                let n = self.push_heading(level as u8);
                self.frames.push(Frame::Markdown(n));
            }
            md::Tag::BlockQuote(_) => self.open_element(Tag::Blockquote, Vec::new()),
            md::Tag::CodeBlock(kind) => {
                let lang = match &kind {
                    md::CodeBlockKind::Fenced(info) => {
                        info.split(|c: char| c.is_ascii_whitespace()).next()
                    }
                    md::CodeBlockKind::Indented => None,
                };
                let attrs = match lang {
                    Some(lang) if !lang.is_empty() => {
                        vec![(AttrName::Class, format!("language-{lang}"))]
                    }
                    _ => Vec::new(),
                };
                self.open_element(Tag::Pre, Vec::new());
                self.open_element(Tag::Code, attrs);
            }
            // No frame: tags opened in an HTML block may be closed by a later one.
            md::Tag::HtmlBlock => self.html_block = Some(String::new()),
            md::Tag::List(Some(start)) => {
                let attrs = if start == 1 {
                    Vec::new()
                } else {
                    vec![(AttrName::Start, start.to_string())]
                };
                self.open_element(Tag::Ol, attrs)
            }
            md::Tag::List(None) => self.open_element(Tag::Ul, Vec::new()),
            md::Tag::Item => self.open_element(Tag::Li, Vec::new()),
            md::Tag::Table(alignments) => {
                self.tables.push(TableState {
                    alignments,
                    ..TableState::default()
                });
                self.open_element(Tag::Table, Vec::new());
            }
            md::Tag::TableHead => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_head = true;
                    t.cell = 0;
                }
                self.open_element(Tag::Thead, Vec::new());
                self.open_element(Tag::Tr, Vec::new());
            }
            md::Tag::TableRow => {
                let mut open_tbody = false;
                if let Some(t) = self.tables.last_mut() {
                    t.cell = 0;
                    open_tbody = !t.tbody_open;
                    t.tbody_open = true;
                }
                if open_tbody {
                    self.open_element(Tag::Tbody, Vec::new());
                }
                self.open_element(Tag::Tr, Vec::new());
            }
            md::Tag::TableCell => {
                let (tag, align) = match self.tables.last_mut() {
                    Some(t) => {
                        let align = t.alignments.get(t.cell).copied();
                        t.cell += 1;
                        (if t.in_head { Tag::Th } else { Tag::Td }, align)
                    }
                    None => (Tag::Td, None),
                };
                let align = match align {
                    Some(md::Alignment::Left) => Some("left"),
                    Some(md::Alignment::Center) => Some("center"),
                    Some(md::Alignment::Right) => Some("right"),
                    _ => None,
                };
                let attrs = align
                    .map(|a| vec![(AttrName::Align, a.to_owned())])
                    .unwrap_or_default();
                self.open_element(tag, attrs);
            }
            md::Tag::Emphasis => self.open_element(Tag::Em, Vec::new()),
            md::Tag::Strong => self.open_element(Tag::Strong, Vec::new()),
            md::Tag::Strikethrough => self.open_element(Tag::Del, Vec::new()),
            md::Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let target = if link_type == md::LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.into_string()
                };
                match safe_link_target(&target) {
                    Some(href) => {
                        let external = is_external(&href);
                        let mut attrs = vec![(AttrName::Href, href)];
                        if !title.is_empty() {
                            attrs.push((AttrName::Title, title.into_string()));
                        }
                        if external {
                            attrs.push((AttrName::Rel, REL_EXTERNAL.to_owned()));
                        }
                        self.open_element(Tag::A, attrs)
                    }
                    // A refused target leaves the link text as ordinary content.
                    None => self.frames.push(Frame::Markdown(0)),
                }
            }
            // Constructs whose extensions are off (footnotes, definition lists, metadata,
            // super/subscript) or already handled above: keep their text, drop the wrapper.
            _ => self.frames.push(Frame::Markdown(0)),
        }
    }

    fn end(&mut self, tag: md::TagEnd) {
        if tag == md::TagEnd::HtmlBlock {
            if let Some(source) = self.html_block.take() {
                // The block's last line break is layout, not content.
                self.html(source.trim_end_matches(['\n', '\r']), true);
            }
            // An unclosed `<script>` hides the rest of its block, not the rest of the text:
            // after a blank line the author is writing Markdown again.
            while matches!(
                self.frames.last(),
                Some(Frame::Html {
                    drops_content: true,
                    ..
                })
            ) {
                self.close();
            }
            return;
        }
        // HTML tags the author left open inside this Markdown construct end with it.
        while matches!(self.frames.last(), Some(Frame::Html { .. })) {
            self.close();
        }
        match tag {
            md::TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                self.close();
            }
            md::TagEnd::CodeBlock if self.image_depth == 0 => {
                self.close();
                self.close();
            }
            md::TagEnd::TableHead if self.image_depth == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_head = false;
                }
                self.close();
                self.close();
            }
            md::TagEnd::Table if self.image_depth == 0 => {
                if let Some(t) = self.tables.pop() {
                    if t.tbody_open {
                        self.close();
                    }
                }
                self.close();
            }
            _ => self.close(),
        }
    }

    /// Where new content goes: the innermost open element, or the document.
    fn children(&mut self) -> &mut Vec<Node> {
        match self.open.last_mut() {
            Some(e) => &mut e.children,
            None => &mut self.root,
        }
    }

    fn text(&mut self, s: &str) {
        if self.dropping > 0 {
            return;
        }
        if self.image_depth > 0 {
            self.alt.push_str(s);
            return;
        }
        if s.is_empty() {
            return;
        }
        let children = self.children();
        match children.last_mut() {
            Some(Node::Text(t)) => t.push_str(s),
            _ => children.push(Node::Text(s.to_owned())),
        }
    }

    /// Opens an element without a frame; 0 when it cannot be opened (too deep, or content is
    /// being dropped), so its content goes into the enclosing element.
    fn push_element(&mut self, tag: Tag, attrs: Vec<(AttrName, String)>) -> u8 {
        if self.open.len() >= MAX_DEPTH || self.dropping > 0 {
            return 0;
        }
        self.open.push(Element {
            tag,
            attrs,
            children: Vec::new(),
        });
        1
    }

    fn open_element(&mut self, tag: Tag, attrs: Vec<(AttrName, String)>) {
        let n = self.push_element(tag, attrs);
        self.frames.push(Frame::Markdown(n));
    }

    /// Opens a heading written at `level`, placed by the outline; returns how many elements
    /// it took. Past `h6` there is no element, so the heading is a paragraph with the heading
    /// role and its level for assistive technology, and bold for the eye.
    fn push_heading(&mut self, level: u8) -> u8 {
        let shown = self.outline.place(level);
        match u8::try_from(shown) {
            Ok(l @ 1..=6) => self.push_element(Tag::heading(l), Vec::new()),
            _ => {
                let attrs = vec![
                    (AttrName::Role, "heading".to_owned()),
                    (AttrName::AriaLevel, shown.to_string()),
                ];
                match self.push_element(Tag::P, attrs) {
                    0 => 0,
                    _ => 1 + self.push_element(Tag::Strong, Vec::new()),
                }
            }
        }
    }

    fn leaf(&mut self, tag: Tag, attrs: Vec<(AttrName, String)>) {
        if self.image_depth > 0 || self.dropping > 0 {
            return;
        }
        self.children().push(Node::Element(Element {
            tag,
            attrs,
            children: Vec::new(),
        }));
    }

    fn close(&mut self) {
        match self.frames.pop() {
            Some(Frame::Markdown(n)) => self.pop_elements(n),
            Some(Frame::Html {
                name,
                elements,
                drops_content,
            }) => {
                if elements > 0 && matches!(name, "p" | "li" | "h" | "blockquote") {
                    // The line break before `</p>` or the next tag is layout, not content.
                    if let Some(e) = self.open.last_mut() {
                        if let Some(Node::Text(t)) = e.children.last_mut() {
                            t.truncate(t.trim_end().len());
                            if t.is_empty() {
                                e.children.pop();
                            }
                        }
                    }
                }
                self.pop_elements(elements);
                if drops_content {
                    self.dropping = self.dropping.saturating_sub(1);
                }
            }
            Some(Frame::Image { src, title }) => {
                let alt = std::mem::take(&mut self.alt);
                match src {
                    Some(src) => {
                        let mut attrs = vec![(AttrName::Src, src), (AttrName::Alt, alt)];
                        if !title.is_empty() {
                            attrs.push((AttrName::Title, title));
                        }
                        self.leaf(Tag::Img, attrs);
                    }
                    // A refused image shows what it was meant to depict.
                    None => self.text(&alt),
                }
            }
            None => {}
        }
    }

    fn pop_elements(&mut self, n: u8) {
        for _ in 0..n {
            if let Some(element) = self.open.pop() {
                self.children().push(Node::Element(element));
            }
        }
    }
}
