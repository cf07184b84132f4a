//! Tests of bundle origins, the site's allow-list and the notice.

use super::*;

const PAGE: &str = "https://hallway.example";
const DEFAULT: &str = "https://hallway.example/data/bundle.json";

#[test]
fn origins_are_normalized_like_the_browser_does() {
    for (url, expected) in [
        (
            "https://Elsewhere.Example/b.json",
            Some("https://elsewhere.example"),
        ),
        ("HTTPS://a.example:443/x", Some("https://a.example")),
        ("http://a.example:80", Some("http://a.example")),
        (
            "http://127.0.0.1:8081/b.json?x=1",
            Some("http://127.0.0.1:8081"),
        ),
        (
            "https://user:pw@a.example:8443/",
            Some("https://a.example:8443"),
        ),
        ("https://a.example#frag", Some("https://a.example")),
        ("http://[::1]:8080/b.json", Some("http://[::1]:8080")),
        ("http://[::1]/b.json", Some("http://[::1]")),
        ("/data/bundle.json", None),
        ("data:application/json,{}", None),
        ("file:///tmp/b.json", None),
        ("ftp://a.example/b.json", None),
        ("https:///b.json", None),
        ("https://a.example:99999/", None),
        ("https://a.example:x/", None),
    ] {
        assert_eq!(origin(url).as_deref(), expected, "{url}");
    }
    assert_eq!(host("https://a.example:8443"), "a.example:8443");
}

#[test]
fn without_the_setting_any_origin_loads() {
    for content in [None, Some("*"), Some("self *")] {
        let p = Policy::parse(content).policy;
        assert_eq!(p, Policy::Any, "{content:?}");
        assert!(p.allows(PAGE, "https://elsewhere.example/b.json", DEFAULT));
        assert!(p.allows(PAGE, "http://127.0.0.1:9/b.json", DEFAULT));
    }
}

#[test]
fn the_setting_lists_the_origins_that_may_load() {
    let parsed = Policy::parse(Some(
        "self https://Data.Example/bundles/, http://127.0.0.1:8081 nonsense",
    ));
    assert_eq!(parsed.ignored, vec!["nonsense".to_string()]);
    let p = parsed.policy;
    assert_eq!(
        p.describe(),
        "self https://data.example http://127.0.0.1:8081"
    );
    assert!(p.allows(PAGE, "https://hallway.example/other.json", DEFAULT));
    assert!(p.allows(PAGE, "https://data.example/x/b.json", DEFAULT));
    assert!(p.allows(PAGE, "http://127.0.0.1:8081/b.json", DEFAULT));
    // Another port, scheme or subdomain is another origin.
    assert!(!p.allows(PAGE, "http://127.0.0.1:8082/b.json", DEFAULT));
    assert!(!p.allows(PAGE, "http://data.example/b.json", DEFAULT));
    assert!(!p.allows(PAGE, "https://evil.data.example/b.json", DEFAULT));
    assert!(!p.allows(PAGE, "https://elsewhere.example/b.json", DEFAULT));
    assert!(!p.allows(PAGE, "data:application/json,{}", DEFAULT));

    // Without `self`, the site's other files are refused too, but never its default bundle.
    let only = Policy::parse(Some("https://data.example")).policy;
    assert!(!only.allows(PAGE, "https://hallway.example/other.json", DEFAULT));
    assert!(only.allows(PAGE, DEFAULT, DEFAULT));
    let none = Policy::parse(Some("")).policy;
    assert!(none.allows(PAGE, DEFAULT, DEFAULT));
    assert!(!none.allows(PAGE, "https://hallway.example/other.json", DEFAULT));
    assert_eq!(none.describe(), "nothing but the site's own bundle");
}

#[test]
fn the_refusal_names_the_origin_and_the_setting() {
    let p = Policy::parse(Some("self")).policy;
    let text = refusal("https://elsewhere.example/b.json?x", &p);
    assert!(text.contains("from https://elsewhere.example."), "{text}");
    assert!(text.contains("allows only: self"), "{text}");
    assert!(
        text.contains("<meta name=\"hallway-bundle-origins\">"),
        "{text}"
    );
}

#[test]
fn only_the_default_bundle_is_the_sites_own() {
    assert_eq!(classify(PAGE, DEFAULT, DEFAULT), Source::Own);
    assert_eq!(
        classify(PAGE, DEFAULT, DEFAULT).notice("hallway.example"),
        None
    );
    let foreign = classify(PAGE, "https://Elsewhere.example/b.json", DEFAULT);
    assert_eq!(
        foreign,
        Source::Foreign {
            host: "elsewhere.example".into(),
            url: "https://Elsewhere.example/b.json".into()
        }
    );
    assert_eq!(
        foreign.notice("hallway.example").as_deref(),
        Some("This data comes from elsewhere.example, not from hallway.example. Hallway shows it as published there.")
    );
    assert_eq!(foreign.url(), Some("https://Elsewhere.example/b.json"));
    // Same host, another port: another origin.
    assert!(matches!(
        classify(PAGE, "https://hallway.example:8443/data/bundle.json", DEFAULT),
        Source::Foreign { host, .. } if host == "hallway.example:8443"
    ));
    // Same origin, another file: still a notice, naming no other host.
    let other = classify(PAGE, "https://hallway.example/uploads/b.json", DEFAULT);
    assert_eq!(
        other,
        Source::OtherFile {
            url: "https://hallway.example/uploads/b.json".into()
        }
    );
    assert!(other
        .notice("hallway.example")
        .unwrap()
        .contains("another file on hallway.example"));
}

#[test]
fn the_bundle_list_is_the_parameters_else_the_site_setting_else_the_default() {
    let none: [&str; 0] = [];
    assert_eq!(bundle_list(&none, None), ["data/bundle.json"]);
    assert_eq!(bundle_list(&none, Some("  ")), ["data/bundle.json"]);
    assert_eq!(
        bundle_list(
            &none,
            Some("data/a.json https://b.example/b.json data/a.json")
        ),
        ["data/a.json", "https://b.example/b.json"]
    );
    assert_eq!(
        bundle_list(&["b.json", "", "a.json", "b.json"], Some("data/a.json")),
        ["b.json", "a.json"]
    );
}

#[test]
fn every_site_bundle_is_the_site_s_own() {
    let defaults = ["https://h.org/data/a.json", "https://d.org/b.json"];
    let policy = Policy::parse(Some("self")).policy;
    assert!(policy.allows_among("https://h.org", "https://d.org/b.json", &defaults));
    assert!(!policy.allows_among("https://h.org", "https://e.org/c.json", &defaults));
    assert_eq!(
        classify_among("https://h.org", "https://d.org/b.json", &defaults),
        Source::Own
    );
    assert!(matches!(
        classify_among("https://h.org", "https://e.org/c.json", &defaults),
        Source::Foreign { .. }
    ));
}
