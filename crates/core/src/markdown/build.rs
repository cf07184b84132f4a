//! Turns pulldown-cmark's event stream into the safe node tree, keeping only allowed elements.

use pulldown_cmark as md;

use super::{AttrName, Element, Node, Options, Tag, MAX_DEPTH, REL_EXTERNAL};
use crate::text::{is_external, safe_link_target};

/// What a start event left on the stack, so that its end event knows what to undo.
enum Frame {
    /// An element was opened and sits on `Builder::open`.
    Element,
    /// Nothing was opened: a refused link, an unsupported construct, or nesting past
    /// [`MAX_DEPTH`]. Its content goes into the enclosing element.
    Transparent,
    /// The outermost image: its content becomes the alt text. `src` is `None` when the target
    /// was refused, and then the alt text is shown instead.
    Image { src: Option<String>, title: String },
}

#[derive(Default)]
struct TableState {
    alignments: Vec<md::Alignment>,
    in_head: bool,
    cell: usize,
    tbody_open: bool,
}

struct Builder {
    options: Options,
    root: Vec<Node>,
    open: Vec<Element>,
    frames: Vec<Frame>,
    tables: Vec<TableState>,
    /// How many images enclose the current event; inside one, everything is alt text.
    image_depth: usize,
    alt: String,
    /// Source of the raw HTML block being read, shown as text when it ends.
    html_block: Option<String>,
}

pub(super) fn build(markdown: &str, options: Options) -> Vec<Node> {
    // Heading attributes (`{#id .class}`) stay off: no author-chosen id or class may reach
    // the page, where they could clash with the app's own.
    let flags = md::Options::ENABLE_TABLES | md::Options::ENABLE_STRIKETHROUGH;
    let mut b = Builder {
        options,
        root: Vec::new(),
        open: Vec::new(),
        frames: Vec::new(),
        tables: Vec::new(),
        image_depth: 0,
        alt: String::new(),
        html_block: None,
    };
    for event in md::Parser::new_ext(markdown, flags) {
        b.event(event);
    }
    // Events are balanced, so this only matters if that promise is ever broken: nothing is lost.
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
                None => self.text(&t),
            },
            // Raw HTML is shown as the author typed it, never interpreted.
            md::Event::InlineHtml(t) | md::Event::InlineMath(t) | md::Event::DisplayMath(t) => {
                self.text(&t)
            }
            md::Event::FootnoteReference(name) => self.text(&format!("[^{name}]")),
            md::Event::SoftBreak => self.text("\n"),
            md::Event::HardBreak => {
                if self.image_depth > 0 {
                    self.alt.push('\n');
                } else {
                    self.leaf(Tag::Br, Vec::new());
                }
            }
            md::Event::Rule => self.leaf(Tag::Hr, Vec::new()),
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
                Frame::Transparent
            };
            self.frames.push(frame);
            return;
        }
        if self.image_depth > 0 {
            // Links and emphasis inside alt text contribute only their text.
            self.frames.push(Frame::Transparent);
            return;
        }
        match tag {
            md::Tag::Paragraph => self.open_element(Tag::P, Vec::new()),
            md::Tag::Heading { level, .. } => {
                let level = (level as u8).saturating_add(self.options.heading_offset);
                self.open_element(Tag::heading(level), Vec::new())
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
            md::Tag::HtmlBlock => {
                self.html_block = Some(String::new());
                self.open_element(Tag::P, Vec::new());
            }
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
                    None => self.frames.push(Frame::Transparent),
                }
            }
            // Constructs whose extensions are off (footnotes, definition lists, metadata,
            // super/subscript) or already handled above: keep their text, drop the wrapper.
            _ => self.frames.push(Frame::Transparent),
        }
    }

    fn end(&mut self, tag: md::TagEnd) {
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
            md::TagEnd::HtmlBlock => {
                if let Some(source) = self.html_block.take() {
                    self.text(source.trim_end_matches(['\n', '\r']));
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

    fn open_element(&mut self, tag: Tag, attrs: Vec<(AttrName, String)>) {
        if self.open.len() >= MAX_DEPTH {
            self.frames.push(Frame::Transparent);
        } else {
            self.open.push(Element {
                tag,
                attrs,
                children: Vec::new(),
            });
            self.frames.push(Frame::Element);
        }
    }

    fn leaf(&mut self, tag: Tag, attrs: Vec<(AttrName, String)>) {
        if self.image_depth > 0 {
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
            Some(Frame::Element) => {
                if let Some(element) = self.open.pop() {
                    self.children().push(Node::Element(element));
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
            Some(Frame::Transparent) | None => {}
        }
    }
}
