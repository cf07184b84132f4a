//! Long bundle text (abstracts, report bodies) shown as paragraphs of plain text nodes.

use leptos::prelude::*;

/// Splits on blank lines; every paragraph is a text node, so nothing in it is interpreted.
#[component]
pub fn LongText(text: String) -> impl IntoView {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    view! {
        <div class="long-text">
            {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
        </div>
    }
}
