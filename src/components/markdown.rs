//! Builds view nodes from `hallway_core::markdown`'s closed element tree; no raw HTML is ever set.
//!
//! The tree comes from the Markdown worker (`crate::worker`): the first load has no
//! parser. Meanwhile the text's place says it is loading (`aria-busy`); if the worker cannot
//! load, the text shows as written, in paragraphs, under a notice. Trees are kept for the
//! session, so going back to a page renders at once.

use crate::worker::{self, UNAVAILABLE};
use hallway_core::markdown::{AttrName, Element, Node, Tag};
use hallway_core::remote::{Answer, Job};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// Trees kept per session; past this many the cache starts over (a page shows a few texts).
const CACHE_CAP: usize = 200;

/// A text and its heading offset.
type Key = (u8, String);

thread_local! {
    static TREES: RefCell<HashMap<Key, Arc<Vec<Node>>>> = RefCell::new(HashMap::new());
}

#[derive(Clone)]
enum Shown {
    Loading,
    Tree(Arc<Vec<Node>>),
    AsWritten,
}

/// Renders bundle Markdown. `heading_offset` is the level of the page heading the text sits
/// under: core re-levels the text's headings as an outline below it (`Options::heading_base`),
/// so that the page keeps one `h1` and skips no level.
#[component]
pub fn Markdown(text: String, #[prop(default = 2)] heading_offset: u8) -> impl IntoView {
    let key = (heading_offset, text);
    let known = TREES.with(|t| t.borrow().get(&key).cloned());
    let shown = RwSignal::new(match known {
        Some(tree) => Shown::Tree(tree),
        None if worker::failed() => Shown::AsWritten,
        None => Shown::Loading,
    });
    if matches!(shown.get_untracked(), Shown::Loading) {
        let key = key.clone();
        leptos::task::spawn_local(async move {
            let job = Job::Tree {
                text: key.1.clone(),
                heading_base: Some(key.0),
            };
            let next = match worker::ask(job).await {
                Ok(Answer::Tree(nodes)) => {
                    let tree = Arc::new(nodes);
                    TREES.with(|t| {
                        let mut t = t.borrow_mut();
                        if t.len() >= CACHE_CAP {
                            t.clear();
                        }
                        t.insert(key, tree.clone());
                    });
                    Shown::Tree(tree)
                }
                Ok(Answer::Texts(_) | Answer::Checked(_)) | Err(_) => Shown::AsWritten,
            };
            // The page may have moved on; a disposed signal ignores this.
            let _ = shown.try_set(next);
        });
    }
    let text = key.1;
    move || match shown.get() {
        Shown::Tree(nodes) => view! { <MarkdownTree nodes /> }.into_any(),
        // Outside `.markdown`, so that nothing reads this as the text's first paragraph.
        Shown::Loading => view! {
            <div class="markdown-pending" aria-busy="true">
                <p class="muted text-loading" role="status">"Loading…"</p>
            </div>
        }
        .into_any(),
        Shown::AsWritten => view! {
            <div class="markdown markdown-as-written">
                <p class="notice markdown-notice" role="note">{UNAVAILABLE}</p>
                {as_written(&text)}
            </div>
        }
        .into_any(),
    }
}

/// A converted tree as view nodes (what `Markdown` shows once the worker has answered).
#[component]
pub fn MarkdownTree(nodes: Arc<Vec<Node>>) -> impl IntoView {
    view! { <div class="markdown">{render(&nodes)}</div> }
}

/// The source as text nodes, one paragraph per blank-line-separated block.
fn as_written(text: &str) -> Vec<AnyView> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> }.into_any())
        .collect()
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
