//! The page for unknown paths and unknown ids.

use crate::components::links::AppLink;
use crate::document::set_title;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_title("Not found");
    view! { <NotFound what="page".to_string() suggestions=Vec::new() /> }
}

/// "No such talk", with links to the closest matches when there are any.
#[component]
pub fn NotFound(what: String, suggestions: Vec<(String, String)>) -> impl IntoView {
    let has = !suggestions.is_empty();
    view! {
        <section class="not-found">
            <h1>"Not found"</h1>
            <p>{format!("There is no {what} at this address.")}</p>
            {has.then(|| view! {
                <p>"Did you mean:"</p>
                <ul>
                    {suggestions.into_iter().map(|(href, label)| view! { <li><AppLink href>{label}</AppLink></li> }).collect_view()}
                </ul>
            })}
            <p><AppLink href="/".to_string()>"Go to the timeline"</AppLink></p>
        </section>
    }
}
