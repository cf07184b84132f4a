//! Builds view nodes from `hallway_core::markdown`'s closed element tree; no raw HTML is ever set.

use hallway_core::markdown::{self, AttrName, Element, Node, Options, Tag};
use leptos::prelude::*;

/// Renders bundle Markdown. `heading_offset` shifts `#` levels below the page's own headings.
#[component]
pub fn Markdown(text: String, #[prop(default = 2)] heading_offset: u8) -> impl IntoView {
    let nodes = markdown::parse_with(&text, Options { heading_offset });
    let mut outline = Outline {
        base: heading_offset,
        open: Vec::new(),
    };
    view! { <div class="markdown">{render(&nodes, &mut outline)}</div> }
}

/// Heading levels as the page shows them. Authors skip levels (`#` then `###`) and start
/// anywhere; the page's outline must not (WCAG 1.3.1, axe `heading-order`). Each heading goes
/// one below the nearest earlier heading of a smaller Markdown level, or just below the page's
/// own heading (`base`).
struct Outline {
    base: u8,
    /// The headings still open: (level in the Markdown, level shown).
    open: Vec<(u8, u8)>,
}

impl Outline {
    fn place(&mut self, level: u8) -> u8 {
        while self.open.last().is_some_and(|&(m, _)| m >= level) {
            self.open.pop();
        }
        let shown = self
            .open
            .last()
            .map_or(self.base, |&(_, s)| s)
            .saturating_add(1)
            .min(6);
        self.open.push((level, shown));
        shown
    }
}

fn render(nodes: &[Node], outline: &mut Outline) -> Vec<AnyView> {
    nodes.iter().map(|n| node(n, outline)).collect()
}

fn node(n: &Node, outline: &mut Outline) -> AnyView {
    match n {
        Node::Text(t) => t.clone().into_any(),
        Node::Element(e) => element(e, outline),
    }
}

fn heading_level(tag: Tag) -> Option<u8> {
    Some(match tag {
        Tag::H1 => 1,
        Tag::H2 => 2,
        Tag::H3 => 3,
        Tag::H4 => 4,
        Tag::H5 => 5,
        Tag::H6 => 6,
        _ => return None,
    })
}

fn element(e: &Element, outline: &mut Outline) -> AnyView {
    let shown = heading_level(e.tag).map(|level| outline.place(level));
    let kids = render(&e.children, outline);
    if let Some(level) = shown {
        return match level {
            ..=1 => view! { <h1>{kids}</h1> }.into_any(),
            2 => view! { <h2>{kids}</h2> }.into_any(),
            3 => view! { <h3>{kids}</h3> }.into_any(),
            4 => view! { <h4>{kids}</h4> }.into_any(),
            5 => view! { <h5>{kids}</h5> }.into_any(),
            _ => view! { <h6>{kids}</h6> }.into_any(),
        };
    }
    let attr = |name| e.attr(name).map(str::to_string);
    match e.tag {
        Tag::P => view! { <p>{kids}</p> }.into_any(),
        Tag::Em => view! { <em>{kids}</em> }.into_any(),
        Tag::Strong => view! { <strong>{kids}</strong> }.into_any(),
        Tag::Del => view! { <del>{kids}</del> }.into_any(),
        Tag::Code => view! { <code class=attr(AttrName::Class)>{kids}</code> }.into_any(),
        Tag::Pre => view! { <pre>{kids}</pre> }.into_any(),
        Tag::Ul => view! { <ul>{kids}</ul> }.into_any(),
        Tag::Ol => view! { <ol start=attr(AttrName::Start)>{kids}</ol> }.into_any(),
        Tag::Li => view! { <li>{kids}</li> }.into_any(),
        Tag::Blockquote => view! { <blockquote>{kids}</blockquote> }.into_any(),
        // Placed by the outline above.
        Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => kids.into_any(),
        Tag::A => {
            // The core filtered the target; an external link also gets its own tab.
            let href = attr(AttrName::Href);
            let external = href.as_deref().is_some_and(hallway_core::text::is_external);
            view! {
                <a href=href title=attr(AttrName::Title) rel=attr(AttrName::Rel) target=external.then_some("_blank")>
                    {kids}
                </a>
            }
            .into_any()
        }
        Tag::Img => view! {
            <img src=attr(AttrName::Src) alt=attr(AttrName::Alt).unwrap_or_default() title=attr(AttrName::Title) loading="lazy" referrerpolicy="no-referrer" />
        }
        .into_any(),
        Tag::Table => view! { <table>{kids}</table> }.into_any(),
        Tag::Thead => view! { <thead>{kids}</thead> }.into_any(),
        Tag::Tbody => view! { <tbody>{kids}</tbody> }.into_any(),
        Tag::Tr => view! { <tr>{kids}</tr> }.into_any(),
        // Alignment as a class: a `style` attribute would need 'unsafe-inline' under our CSP.
        Tag::Th => view! { <th class=align_class(e)>{kids}</th> }.into_any(),
        Tag::Td => view! { <td class=align_class(e)>{kids}</td> }.into_any(),
        Tag::Hr => view! { <hr /> }.into_any(),
        Tag::Br => view! { <br /> }.into_any(),
    }
}

fn align_class(e: &Element) -> Option<&'static str> {
    match e.attr(AttrName::Align)? {
        "left" => Some("align-left"),
        "center" => Some("align-center"),
        "right" => Some("align-right"),
        _ => None,
    }
}
