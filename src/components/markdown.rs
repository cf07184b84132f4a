//! Builds view nodes from `hallway_core::markdown`'s closed element tree; no raw HTML is ever set.

use hallway_core::markdown::{self, AttrName, Element, Node, Options, Tag};
use leptos::prelude::*;

/// Renders bundle Markdown. `heading_offset` is the level of the page heading the text sits
/// under: core re-levels the text's headings as an outline below it (`Options::heading_base`),
/// so that the page keeps one `h1` and skips no level.
#[component]
pub fn Markdown(text: String, #[prop(default = 2)] heading_offset: u8) -> impl IntoView {
    let nodes = markdown::parse_with(
        &text,
        Options {
            heading_base: Some(heading_offset),
        },
    );
    view! { <div class="markdown">{render(&nodes)}</div> }
}

fn render(nodes: &[Node]) -> Vec<AnyView> {
    nodes.iter().map(node).collect()
}

fn node(n: &Node) -> AnyView {
    match n {
        Node::Text(t) => t.clone().into_any(),
        Node::Element(e) => element(e),
    }
}

fn element(e: &Element) -> AnyView {
    let kids = render(&e.children);
    let attr = |name| e.attr(name).map(str::to_string);
    match e.tag {
        // A heading deeper than h6 (core gives it role and aria-level).
        // The view macro maps `aria-*` to typed methods and has none for aria-level.
        Tag::P => view! { <p role=attr(AttrName::Role)>{kids}</p> }
            .attr("aria-level", attr(AttrName::AriaLevel))
            .into_any(),
        Tag::Em => view! { <em>{kids}</em> }.into_any(),
        Tag::Strong => view! { <strong>{kids}</strong> }.into_any(),
        Tag::Del => view! { <del>{kids}</del> }.into_any(),
        Tag::Code => view! { <code class=attr(AttrName::Class)>{kids}</code> }.into_any(),
        Tag::Pre => view! { <pre>{kids}</pre> }.into_any(),
        Tag::Ul => view! { <ul>{kids}</ul> }.into_any(),
        Tag::Ol => view! { <ol start=attr(AttrName::Start)>{kids}</ol> }.into_any(),
        Tag::Li => view! { <li>{kids}</li> }.into_any(),
        Tag::Blockquote => view! { <blockquote>{kids}</blockquote> }.into_any(),
        Tag::H1 => view! { <h1>{kids}</h1> }.into_any(),
        Tag::H2 => view! { <h2>{kids}</h2> }.into_any(),
        Tag::H3 => view! { <h3>{kids}</h3> }.into_any(),
        Tag::H4 => view! { <h4>{kids}</h4> }.into_any(),
        Tag::H5 => view! { <h5>{kids}</h5> }.into_any(),
        Tag::H6 => view! { <h6>{kids}</h6> }.into_any(),
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
