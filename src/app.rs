//! The app shell: the single place where routes are declared, the site's header around the
//! normal pages, the bare frame around `/embed/*`, and the data gate.

use crate::components::error_view::ErrorView;
use crate::components::offline_banner::{LoadingStatus, OfflineBanner};
use crate::components::problems::ProblemsBanner;
use crate::data::{provide_bundle, use_bundle, State};
use crate::pages::{
    about::AboutPage, embed::EmbedShell, event::EventPage, home::HomePage, map::MapPage,
    not_found::NotFoundPage, person::PersonPage, place::PlacePage, project::ProjectPage,
    report::ReportPage, talk::TalkPage,
};
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes, A};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_bundle();
    view! {
        <Router>
            <Routes fallback=|| view! { <SiteShell><NotFoundPage /></SiteShell> }>
                // Embeds: the same pages without the site's header (see pages/embed.rs).
                <ParentRoute path=path!("/embed") view=EmbedShell>
                    <Route path=path!("/timeline") view=HomePage />
                    <Route path=path!("/talks") view=HomePage />
                    <Route path=path!("/reports") view=HomePage />
                    <Route path=path!("/map") view=MapPage />
                    <Route path=path!("/events/:id") view=EventPage />
                    <Route path=path!("/projects/:id") view=ProjectPage />
                </ParentRoute>
                <ParentRoute path=path!("") view=|| view! { <SiteShell><Outlet /></SiteShell> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/events/:id") view=EventPage />
                    <Route path=path!("/talks/:id") view=TalkPage />
                    <Route path=path!("/people/:id") view=PersonPage />
                    <Route path=path!("/reports/:id") view=ReportPage />
                    <Route path=path!("/projects/:id") view=ProjectPage />
                    <Route path=path!("/places/:id") view=PlacePage />
                    <Route path=path!("/map") view=MapPage />
                    <Route path=path!("/about") view=AboutPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The site's frame: skip link, header with the main navigation, and the page in `<main>`.
#[component]
fn SiteShell(children: ChildrenFn) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <A href="/" attr:class="brand">"Hallway"</A>
            <nav aria-label="Main">
                <A href="/">"Timeline"</A>
                <A href="/map">"Map"</A>
                <A href="/about">"About"</A>
            </nav>
        </header>
        <main id="main" tabindex="-1">
            <DataGate banners=true>{children()}</DataGate>
        </main>
    }
}

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
