//! The facet panel: each facet's values with counts, "only this", "clear", and a filter box.

use crate::components::shared::Shared;
use crate::filter_state::{FilterState, History};
use hallway_core::query::{Facet, FacetValue, Results};
use leptos::prelude::*;

/// Values shown before "Show all" (selected values always show).
const TOP: usize = 8;

/// The facets. On small screens (see `style/timeline.css`) they collapse behind a
/// "Filters (N)" disclosure button; Escape in the open panel closes it and returns focus.
#[component]
pub fn FacetPanel(state: FilterState, results: Memo<Shared<Results>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    let active = move || {
        let f = &state.current.read().0;
        Facet::ALL
            .into_iter()
            .map(|facet| f.selected(facet).len())
            .sum::<usize>()
            + usize::from(f.range.is_some())
    };
    let label = move || match active() {
        0 => "Filters".to_string(),
        n => format!("Filters ({n})"),
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <button type="button" class="filters-toggle" node_ref=toggle aria-controls="facet-panel"
            aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            {label}
        </button>
        <div class="facets" id="facet-panel" class:open=move || open.get() on:keydown=on_key>
            {Facet::ALL
                .into_iter()
                // Sources only tell bundles apart when there are several.
                .filter(|&f| f != Facet::Source || several_sources())
                .map(|facet| view! { <FacetGroup facet state results /> })
                .collect_view()}
        </div>
    }
}

fn several_sources() -> bool {
    crate::data::use_ready().is_some_and(|r| r.data.source_count() > 1)
}

#[component]
fn FacetGroup(facet: Facet, state: FilterState, results: Memo<Shared<Results>>) -> impl IntoView {
    let needle = RwSignal::new(String::new());
    let expanded = RwSignal::new(false);
    // The values on show and how many there are, read from the results where they are: only
    // these few are copied, and an unchanged list (most keystrokes, for most facets) keeps its DOM.
    let shown = Memo::new(move |_| {
        let n = needle.get();
        let expanded = expanded.get();
        results.with(|r| {
            let Some(counts) = r.facets.get(facet.index()) else {
                return (Vec::<FacetValue>::new(), 0);
            };
            let shown = if !n.trim().is_empty() {
                counts.matching(&n).into_iter().take(50).collect()
            } else if expanded {
                counts.values().take(200).collect()
            } else {
                counts.top(TOP)
            };
            (shown, counts.len())
        })
    });
    let heading_id = format!("facet-{}", facet.param());
    let labelled_by = heading_id.clone();
    let box_id = format!("facet-filter-{}", facet.param());
    let active = move || state.current.read().0.is_active(facet);

    let values = move || {
        shown.with(|(shown, _)| {
            shown
            .iter()
            .map(|v| {
                let key = v.key.to_string();
                let key_only = key.clone();
                let label = v.label.to_string();
                let toggle = move |_| {
                    let mut f = state.filter();
                    f.toggle(facet, &key);
                    state.set(f, History::Push);
                };
                let only = move |_| {
                    let mut f = state.filter();
                    f.clear(facet);
                    f.toggle(facet, &key_only);
                    state.set(f, History::Push);
                };
                view! {
                    <li>
                        <button type="button" class="facet-value" aria-pressed=v.selected.to_string() on:click=toggle>
                            <span class="label">{label.clone()}</span>
                            <span class="count">{v.count}</span>
                        </button>
                        <button type="button" class="only" aria-label=format!("Only {label}") on:click=only>"only"</button>
                    </li>
                }
            })
            .collect_view()
        })
    };
    let total = move || shown.with(|s| s.1);

    let visible = move || total() > 0 || active();
    view! {
        <section class="facet" class:hidden=move || !visible() aria-labelledby=labelled_by>
            <div class="facet-head">
                <h3 id=heading_id>{facet.title()}</h3>
                <Show when=active>
                    <button type="button" class="clear" on:click=move |_| {
                        let mut f = state.filter();
                        f.clear(facet);
                        state.set(f, History::Push);
                    }>{format!("Clear {}", facet.title().to_lowercase())}</button>
                </Show>
            </div>
            <Show when=move || { total() > TOP }>
                <label class="visually-hidden" for=box_id.clone()>{format!("Filter {}", facet.title().to_lowercase())}</label>
                <input type="search" class="facet-filter" id=box_id.clone() placeholder=format!("Filter {}…", facet.title().to_lowercase())
                    prop:value=move || needle.get() on:input=move |ev| needle.set(event_target_value(&ev)) />
            </Show>
            <ul class="facet-values">{values}</ul>
            <Show when=move || { total() > TOP && needle.read().trim().is_empty() }>
                <button type="button" class="more" aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {}", total()) }}
                </button>
            </Show>
        </section>
    }
}
