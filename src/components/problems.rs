//! A dismissable warning listing every record the loader skipped or repaired.

use crate::data::use_ready;
use hallway_core::Outcome;
use leptos::prelude::*;

#[component]
pub fn ProblemsBanner() -> impl IntoView {
    let ready = use_ready();
    let (open, set_open) = signal(true);
    let Some(ready) = ready.filter(|r| !r.problems.is_empty() || !r.notices.is_empty()) else {
        return ().into_any();
    };
    let count = ready.problems.len();
    // Built where they are shown: a view is not `Clone`, and `Show` may build its children again.
    let ready_items = ready.clone();
    let items = move || {
        ready_items
        .problems
        .iter()
        .map(|p| {
            let what = match p.outcome {
                Outcome::Skipped => "skipped",
                Outcome::Repaired => "kept without it",
            };
            view! {
                <li>
                    <code>{p.path.clone()}</code>": "{p.message.clone()}
                    // Line 0: a problem found across merged bundles, with no one place in a file.
                    <span class="muted">{if p.line == 0 { format!(" ({what})") } else { format!(" (line {}, column {}; {what})", p.line, p.column) }}</span>
                </li>
            }
        })
        .collect_view()
    };
    let notices = move || {
        ready
            .notices
            .iter()
            .map(|n| view! { <p>{n.clone()}</p> })
            .collect_view()
    };
    view! {
        <Show when=move || open.get()>
            <aside class="problems" role="status" aria-label="Problems in the data">
                {notices()}
                {(count > 0).then(|| view! {
                    <details>
                        <summary>{format!("{} in the data; everything else is shown.", hallway_core::text::count(count, "problem", "problems"))}</summary>
                        <ul>{items()}</ul>
                    </details>
                })}
                <button type="button" class="dismiss" aria-label="Dismiss" on:click=move |_| set_open.set(false)>"Dismiss"</button>
            </aside>
        </Show>
    }
    .into_any()
}
