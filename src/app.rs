//! The app shell: header, the single place where routes are declared, and the data gate.

use crate::components::error_view::ErrorView;
use crate::components::offline_banner::{LoadingStatus, OfflineBanner};
use crate::components::problems::ProblemsBanner;
use crate::data::{provide_bundle, use_bundle, State};
use crate::pages::{
    about::AboutPage, event::EventPage, home::HomePage, map::MapPage, not_found::NotFoundPage,
    person::PersonPage, place::PlacePage, project::ProjectPage, report::ReportPage, talk::TalkPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_bundle();
    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>"Skip to content"</a>
            <header class="site-header">
                <A href="/" attr:class="brand">"Hallway"</A>
                <nav aria-label="Main">
                    <A href="/">"Timeline"</A>
                    <A href="/map">"Map"</A>
                    <A href="/about">"About"</A>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <DataGate />
            </main>
        </Router>
    }
}

/// Shows the routes once the bundle is ready, a loading state before, the error view on failure.
#[component]
fn DataGate() -> impl IntoView {
    let bundle = use_bundle();
    move || match bundle.state.get() {
        State::Loading => view! { <LoadingStatus /> }.into_any(),
        State::Failed(error) => view! { <ErrorView error /> }.into_any(),
        State::Ready(_) => view! {
            <ProblemsBanner />
            <OfflineBanner />
            <Routes fallback=|| view! { <NotFoundPage /> }>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/events/:id") view=EventPage />
                <Route path=path!("/talks/:id") view=TalkPage />
                <Route path=path!("/people/:id") view=PersonPage />
                <Route path=path!("/reports/:id") view=ReportPage />
                <Route path=path!("/projects/:id") view=ProjectPage />
                <Route path=path!("/places/:id") view=PlacePage />
                <Route path=path!("/map") view=MapPage />
                <Route path=path!("/about") view=AboutPage />
            </Routes>
        }
        .into_any(),
    }
}

/// The router would take the skip link's click as a navigation that only scrolls; move the
/// focus too, so the next Tab starts in the content.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"));
    if let Some(main) = main {
        ev.prevent_default();
        use wasm_bindgen::JsCast;
        let _ = main.unchecked_ref::<web_sys::HtmlElement>().focus();
        main.scroll_into_view();
    }
}
