//! The app shell: the single place where routes are declared, the site's header around the
//! normal pages and the bare frame around `/embed/*`.

use crate::components::data_gate::DataGate;
use crate::components::links::AppLink;
use crate::components::source_notice::SourceNotice;
use crate::data::provide_bundle;
use crate::pages::{
    about::AboutPage, embed::EmbedShell, event::EventPage, home::HomePage, map::MapPage,
    not_found::NotFoundPage, person::PersonPage, place::PlacePage, project::ProjectPage,
    report::ReportPage, talk::TalkPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_bundle();
    crate::components::map::prefetch_world_if_shown();
    crate::worker::start_on_intent();
    crate::worker::start_if_shown();
    // A document is either the site or an embed, for its whole life: nothing links from one to
    // the other, and a sandboxed frame cannot even change its path. So the frame is chosen
    // once, around one flat route table. (Two parent routes with outlets did the same and cost
    // 21 KB more wasm.)
    let embed = crate::url::current_path().starts_with("/embed/");
    // A site published under a path (`hallway build --base-url /reports/`) routes below it;
    // the base comes from the document's <base href>, so one build serves any path.
    let base = crate::url::base().as_str().to_string();
    view! {
        <Router base=base>
            {if embed {
                view! { <EmbedShell><AppRoutes /></EmbedShell> }.into_any()
            } else {
                view! { <SiteShell><AppRoutes /></SiteShell> }.into_any()
            }}
        </Router>
    }
}

/// Every route of the app.
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
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
            // Embeds: the same pages in the bare frame of pages/embed.rs.
            <Route path=path!("/embed/timeline") view=HomePage />
            <Route path=path!("/embed/talks") view=HomePage />
            <Route path=path!("/embed/reports") view=HomePage />
            <Route path=path!("/embed/map") view=MapPage />
            <Route path=path!("/embed/events/:id") view=EventPage />
            <Route path=path!("/embed/projects/:id") view=ProjectPage />
            // `/embed/talks` above is the talks timeline; one talk is `/embed/talks/:id`.
            <Route path=path!("/embed/talks/:id") view=TalkPage />
            <Route path=path!("/embed/people/:id") view=PersonPage />
            <Route path=path!("/embed/places/:id") view=PlacePage />
            <Route path=path!("/embed/reports/:id") view=ReportPage />
        </Routes>
    }
}

/// The site's frame: skip link, header with the main navigation, and the page in `<main>`.
#[component]
fn SiteShell(children: ChildrenFn) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>"Skip to content"</a>
        <header class="site-header">
            <AppLink href="/".to_string() class="brand">"Hallway"</AppLink>
            <nav aria-label="Main">
                <AppLink href="/".to_string()>"Timeline"</AppLink>
                <AppLink href="/map".to_string()>"Map"</AppLink>
                <AppLink href="/about".to_string()>"About"</AppLink>
            </nav>
        </header>
        <main id="main" tabindex="-1">
            <SourceNotice />
            <DataGate banners=true>{children()}</DataGate>
        </main>
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
