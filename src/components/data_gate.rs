//! The data gate: a page renders only once the bundle is ready; before, the loading state, and
//! on failure the error view. The site's shell and the embed frame both wrap their pages in it.

use crate::components::error_view::ErrorView;
use crate::components::offline_banner::{LoadingStatus, OfflineBanner};
use crate::components::problems::ProblemsBanner;
use crate::data::{use_bundle, State};
use leptos::prelude::*;

/// Shows `children` once the bundle is ready, a loading state before, the error view on
/// failure. `banners`: the data problems and offline notices (the site shows them, embeds not).
#[component]
pub fn DataGate(banners: bool, children: ChildrenFn) -> impl IntoView {
    let bundle = use_bundle();
    move || match bundle.state.get() {
        State::Loading => view! { <LoadingStatus /> }.into_any(),
        State::Failed(error) => view! { <ErrorView error /> }.into_any(),
        State::Ready(_) => view! {
            {banners.then(|| view! { <ProblemsBanner /><OfflineBanner /> })}
            {children()}
        }
        .into_any(),
    }
}
