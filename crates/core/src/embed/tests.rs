//! Tests of the embed URLs and snippets.

use super::*;
use crate::date::Date;
use crate::query::{DateRange, Sort};

fn filter() -> Filter {
    let mut f = Filter::for_view(View::Talks);
    f.toggle(Facet::Project, "qemu");
    f.toggle(Facet::Project, "kvm");
    f.toggle(Facet::City, "dublin");
    f.toggle(Facet::Track, "Tools, tracing");
    f.text = "live \"migration\" & <more>".into();
    f
}

#[test]
fn embed_paths_carry_the_filter_but_not_the_view() {
    let f = filter();
    assert_eq!(
        embed_path(&Target::Timeline(View::Talks), &f, &[]),
        format!("/embed/talks?{}", {
            let mut g = f.clone();
            g.view = View::Events;
            g.to_query()
        })
    );
    assert!(!embed_path(&Target::Map, &f, &[]).contains("view="));
    assert_eq!(
        embed_path(
            &Target::Event("kvm-forum-2015".into()),
            &f,
            &["https://x.org/b.json?v=1"]
        ),
        "/embed/events/kvm-forum-2015?bundle=https://x.org/b.json%3Fv%3D1"
    );
    assert_eq!(
        embed_path(&Target::Timeline(View::Events), &Filter::default(), &[]),
        "/embed/timeline"
    );
}

#[test]
fn full_page_paths_match_the_embeds() {
    assert_eq!(full_page_path("/embed/timeline", "").as_deref(), Some("/"));
    assert_eq!(
        full_page_path("/embed/timeline", "?project=qemu").as_deref(),
        Some("/?project=qemu")
    );
    assert_eq!(
        full_page_path("/embed/talks", "").as_deref(),
        Some("/?view=talks")
    );
    assert_eq!(
        full_page_path("/embed/talks", "city=dublin&bundle=x").as_deref(),
        Some("/?view=talks&city=dublin&bundle=x")
    );
    // An explicit view wins over the path's default.
    assert_eq!(
        full_page_path("/embed/talks", "view=reports").as_deref(),
        Some("/?view=reports")
    );
    assert_eq!(
        full_page_path("/embed/map", "year=2014").as_deref(),
        Some("/map?year=2014")
    );
    assert_eq!(
        full_page_path("/embed/events/a-b", "").as_deref(),
        Some("/events/a-b")
    );
    assert_eq!(
        full_page_path("/embed/projects/qemu/", "").as_deref(),
        Some("/projects/qemu")
    );
    for bad in [
        "/events/a",
        "/embed/speakers/x",
        "/embed/events/",
        "/embed/events/a/b",
        "/embed/x",
    ] {
        assert_eq!(full_page_path(bad, ""), None, "{bad}");
    }
}

#[test]
fn snippets_escape_attribute_values_and_name_every_filter() {
    let f = filter();
    let s = snippets(
        "https://example.org/",
        &Target::Timeline(View::Talks),
        &f,
        &["https://data.example.com/b.json?a=1&b=\"2\""],
        "Talks: \"Conf\" & co",
    );
    // The iframe: one src with `&` escaped, the sandbox, the escaped title.
    assert!(s
        .iframe
        .starts_with("<iframe src=\"https://example.org/embed/talks?q=live"));
    assert!(s.iframe.contains("&amp;project=kvm,qemu&amp;city=dublin"));
    assert!(s
        .iframe
        .contains("&amp;bundle=https://data.example.com/b.json%3Fa%3D1%26b%3D%222%22"));
    assert!(s.iframe.contains(&format!("sandbox=\"{SANDBOX}\"")));
    assert!(s
        .iframe
        .contains("title=\"Talks: &quot;Conf&quot; &amp; co\""));
    assert_eq!(s.iframe.matches('"').count() % 2, 0);
    // The element: the script from the app's origin, then plain-text attributes.
    assert!(s.element.starts_with(
        "<script type=\"module\" src=\"https://example.org/embed/hallway-view.js\"></script>\n"
    ));
    assert!(s.element.contains(" view=\"talks\""));
    assert!(s
        .element
        .contains(" bundle=\"https://data.example.com/b.json?a=1&amp;b=&quot;2&quot;\""));
    assert!(s
        .element
        .contains(" q=\"live &quot;migration&quot; &amp; &lt;more&gt;\""));
    assert!(s.element.contains(" project=\"kvm,qemu\""));
    assert!(s.element.contains(" city=\"dublin\""));
    assert!(s.element.contains(" track=\"Tools%2C tracing\""));
    assert_eq!(
        s.element.matches('<').count(),
        4,
        "only the four tags: {}",
        s.element
    );
}

#[test]
fn snippets_for_dates_sort_and_entities() {
    let mut f = Filter {
        range: Some(DateRange {
            from: Some(Date::ymd(2014, 10, 0)),
            to: None,
        }),
        sort: Sort::Oldest,
        ..Filter::default()
    };
    f.toggle(Facet::Year, "2015");
    let s = snippets("https://h.org", &Target::Map, &f, &[], "Map");
    assert!(s
        .element
        .contains(" view=\"map\" year=\"2015\" from=\"2014-10\" sort=\"oldest\">"));
    assert!(!s.element.contains(" to="));
    assert!(s
        .iframe
        .contains("src=\"https://h.org/embed/map?year=2015&amp;from=2014-10&amp;sort=oldest\""));
    let s = snippets(
        "https://h.org",
        &Target::Project("qemu".into()),
        &f,
        &[],
        "QEMU",
    );
    assert!(s
        .element
        .ends_with("<hallway-view view=\"project\" project=\"qemu\"></hallway-view>"));
    assert!(s
        .iframe
        .contains("src=\"https://h.org/embed/projects/qemu\""));
}

/// The custom element maps exactly the URL's filter parameters to attributes.
#[test]
fn the_element_script_knows_every_filter_parameter() {
    let js = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/embed/hallway-view.js"
    ))
    .expect("public/embed/hallway-view.js");
    let line = js
        .lines()
        .find(|l| l.contains("const FILTER_KEYS"))
        .expect("a `const FILTER_KEYS = [...]` line");
    let keys: Vec<&str> = line
        .split('[')
        .nth(1)
        .and_then(|s| s.split(']').next())
        .unwrap()
        .split(',')
        .map(|k| k.trim().trim_matches('\''))
        .filter(|k| !k.is_empty())
        .collect();
    assert_eq!(keys, filter_params());
    // Every key is a parameter `from_query` understands: it round-trips through `to_query`.
    for facet in Facet::ALL {
        assert!(keys.contains(&facet.param()));
    }
}

#[test]
fn embed_timelines_keep_their_path_and_name_other_views_in_the_query() {
    let qemu = |view: View| {
        let mut f = Filter::for_view(view);
        f.toggle(Facet::Project, "qemu");
        f
    };
    assert_eq!(frame_view("/embed/talks/"), Some(View::Talks));
    assert_eq!(frame_view("/embed/map"), None);
    // The path's own view is implied; another view is named first.
    assert_eq!(
        query_in_frame(&qemu(View::Talks), View::Talks),
        "project=qemu"
    );
    assert_eq!(
        query_in_frame(&qemu(View::Reports), View::Talks),
        "view=reports&project=qemu"
    );
    assert_eq!(
        query_in_frame(&Filter::for_view(View::Events), View::Talks),
        "view=events"
    );
    // On /embed/talks the view is talks unless the query names one; a search for "view=" does
    // not name one.
    let events = Filter::for_view(View::Events);
    let talks = |query: &str| frame_filter("/embed/talks", query, events.clone()).view;
    assert_eq!(talks("project=qemu"), View::Talks);
    assert_eq!(talks("?q=preview%3D"), View::Talks);
    assert_eq!(talks("view=events"), View::Events);
    assert_eq!(frame_filter("/map", "", events.clone()).view, View::Events);
}

fn every_record_target(id: &str) -> Vec<Target> {
    vec![
        Target::Event(id.into()),
        Target::Project(id.into()),
        Target::Talk(id.into()),
        Target::Person(id.into()),
        Target::Place(id.into()),
        Target::Report(id.into()),
    ]
}

/// `/embed/talks` is the talks timeline; `/embed/talks/<id>` is one talk's page, and the same
/// for reports: the frame must not read a record page as a timeline, nor the other way round.
#[test]
fn record_embeds_are_told_apart_from_the_timelines_of_their_kind() {
    assert_eq!(frame_view("/embed/talks"), Some(View::Talks));
    assert_eq!(frame_view("/embed/talks/tracing-in-qemu"), None);
    assert_eq!(frame_view("/embed/reports/a-report"), None);
    let events = Filter::for_view(View::Events);
    assert_eq!(
        frame_filter("/embed/talks/x", "", events.clone()).view,
        View::Events
    );
    assert_eq!(
        full_page_path("/embed/talks/tracing-in-qemu", "bundle=b").as_deref(),
        Some("/talks/tracing-in-qemu?bundle=b")
    );
    assert_eq!(
        full_page_path("/embed/talks/", "").as_deref(),
        Some("/?view=talks")
    );
    for (target, full) in every_record_target("x-1").iter().zip([
        "/events/x-1",
        "/projects/x-1",
        "/talks/x-1",
        "/people/x-1",
        "/places/x-1",
        "/reports/x-1",
    ]) {
        let path = embed_path(target, &filter(), &[]);
        assert_eq!(path, format!("/embed{full}"), "no filter on a record page");
        assert_eq!(full_page_path(&path, "").as_deref(), Some(full));
        assert_eq!(frame_view(&path), None, "{path}");
    }
}

#[test]
fn record_snippets_name_the_record_by_its_kind() {
    let expected = [
        ("events", "event"),
        ("projects", "project"),
        ("talks", "talk"),
        ("people", "person"),
        ("places", "place"),
        ("reports", "report"),
    ];
    for (target, (kind, name)) in every_record_target("dusseldorf").iter().zip(expected) {
        assert_eq!(target.entity(), Some((kind, "dusseldorf")));
        let s = snippets("https://h.org", target, &filter(), &[], "T");
        assert!(
            s.element.ends_with(&format!(
                "<hallway-view view=\"{name}\" {name}=\"dusseldorf\"></hallway-view>"
            )),
            "{}",
            s.element
        );
        assert!(
            s.iframe
                .contains(&format!("src=\"https://h.org/embed/{kind}/dusseldorf\"")),
            "{}",
            s.iframe
        );
    }
    assert_eq!(Target::Timeline(View::Talks).entity(), None);
    assert_eq!(Target::Map.entity(), None);
}

/// The element's `view` names map to the same paths as the Embed dialog's snippets.
#[test]
fn the_element_script_knows_every_view() {
    let js = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/embed/hallway-view.js"
    ))
    .expect("public/embed/hallway-view.js");
    let line = js
        .lines()
        .find(|l| l.starts_with("const VIEWS"))
        .expect("a `const VIEWS = { ... }` line");
    let body = line.split('{').nth(1).and_then(|s| s.split('}').next());
    let pairs: Vec<(String, String)> = body
        .unwrap()
        .split(',')
        .filter_map(|kv| kv.split_once(':'))
        .map(|(k, v)| {
            (
                k.trim().to_string(),
                v.trim().trim_matches('\'').to_string(),
            )
        })
        .collect();
    let mut targets = vec![
        Target::Timeline(View::Events),
        Target::Timeline(View::Talks),
        Target::Timeline(View::Reports),
        Target::Map,
    ];
    targets.extend(every_record_target("x"));
    assert_eq!(pairs.len(), targets.len(), "{pairs:?}");
    for t in targets {
        let segment = match t.entity() {
            Some((kind, _)) => kind.to_string(),
            None => t.name().to_string(),
        };
        assert!(
            pairs.contains(&(t.name().to_string(), segment.clone())),
            "{}: {segment} in {pairs:?}",
            t.name()
        );
    }
}

#[test]
fn snippets_of_a_site_under_a_base_path_stay_under_it() {
    // The app passes its origin and base path (src/url.rs `site_url`).
    let base = crate::url::Base::from_path("/reports/");
    let site = format!("https://h.org{}", base.as_str());
    let s = snippets(
        &site,
        &Target::Report("r1".into()),
        &Filter::default(),
        &[],
        "R",
    );
    assert!(
        s.iframe
            .contains("src=\"https://h.org/reports/embed/reports/r1\""),
        "{}",
        s.iframe
    );
    assert!(s.element.starts_with(
        "<script type=\"module\" src=\"https://h.org/reports/embed/hallway-view.js\">"
    ));
}

#[test]
fn every_bundle_of_a_merged_view_goes_into_both_snippets_in_order() {
    let s = snippets(
        "https://h.org",
        &Target::Timeline(View::Reports),
        &Filter::for_view(View::Reports),
        &["https://a.org/a.json", "", "https://b.org/b.json"],
        "Reports",
    );
    assert!(
        s.iframe.contains(
            "/embed/reports?bundle=https://a.org/a.json&amp;bundle=https://b.org/b.json\""
        ),
        "{}",
        s.iframe
    );
    assert!(
        s.element
            .contains(" bundle=\"https://a.org/a.json https://b.org/b.json\""),
        "{}",
        s.element
    );
}
