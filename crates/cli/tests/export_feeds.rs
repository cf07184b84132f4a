//! Atom read back with `feed-rs`; JSON Feed checked against the 1.1 spec's required fields.

mod export_support;

use export_support::*;
use serde_json::Value;

#[test]
fn atom_parses_with_escaped_text_and_safe_html() {
    let f = fixture();
    let xml = ok(
        &f.bundle,
        &["--format", "atom", "--base-url", "https://hall.example/x/"],
    );
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("feed-rs reads the feed");
    assert_eq!(
        feed.title.unwrap().content,
        "Export test, with \"awkward\" text"
    );
    assert_eq!(feed.id, "https://hall.example/x/");
    // Newest first; partial dates mean their first day.
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(titles, ["Online", "Seattle", AWKWARD]);
    let dst = &feed.entries[2];
    assert_eq!(dst.id, "https://hall.example/x/reports/report-dst");
    assert_eq!(
        dst.published.unwrap().to_rfc3339(),
        "2014-10-01T00:00:00+00:00"
    );
    assert_eq!(dst.authors[0].name, "Lovelace, Ada");
    assert_eq!(dst.summary.as_ref().unwrap().content, "Summary & more");
    assert_eq!(
        dst.categories[0].term, "QEMU",
        "projects of the talks it covers"
    );
    let html = dst.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(html.contains("<h1>Heading</h1>"), "{html}");
    assert!(
        html.contains("<p>Text with  &amp; an"),
        "raw HTML's script is dropped with its content: {html}"
    );
    assert!(!html.contains("alert"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(
        html.contains("href=\"https://example.org/?a=1&amp;b=2\""),
        "{html}"
    );
    assert_eq!(
        feed.updated.unwrap().to_rfc3339(),
        "2020-01-01T00:00:00+00:00"
    );
}

#[test]
fn atom_without_base_url_uses_stable_urns() {
    let f = fixture();
    let a = ok(&f.bundle, &["--format", "atom"]);
    let b = ok(&f.bundle, &["--format", "atom", "--filter", "view=events"]);
    assert_eq!(
        a, b,
        "feeds always list reports, and the same input gives the same bytes"
    );
    let feed = feed_rs::parser::parse(a.as_bytes()).unwrap();
    for e in &feed.entries {
        assert!(e.id.starts_with("urn:uuid:"), "{}", e.id);
    }
    let seattle = feed
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == "Seattle")
        .unwrap();
    assert_eq!(seattle.links[0].href, "https://example.org/seattle");
}

#[test]
fn json_feed_has_what_version_1_1_requires() {
    let f = fixture();
    let text = ok(
        &f.bundle,
        &[
            "--format",
            "jsonfeed",
            "--base-url",
            "https://hall.example",
            "--filter",
            "project=qemu",
        ],
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], "https://jsonfeed.org/version/1.1");
    assert!(v["title"].is_string());
    let items = v["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        1,
        "only the report covering a QEMU talk: {text}"
    );
    let mut ids = std::collections::HashSet::new();
    for item in items {
        assert!(item["id"].is_string(), "id is a string");
        assert!(
            ids.insert(item["id"].as_str().unwrap().to_string()),
            "ids are unique"
        );
        assert!(
            item["content_html"].is_string() || item["content_text"].is_string(),
            "an item needs content_html or content_text: {item}"
        );
        if let Some(d) = item.get("date_published") {
            assert!(
                d.as_str().unwrap().parse::<jiff::Timestamp>().is_ok(),
                "RFC 3339: {d}"
            );
        }
        if let Some(a) = item.get("authors") {
            assert!(a[0]["name"].is_string());
        }
    }
    assert_eq!(items[0]["title"], AWKWARD);
    assert_eq!(items[0]["url"], "https://hall.example/reports/report-dst");
    assert_eq!(items[0]["tags"][0], "QEMU");
    let all = ok(&f.bundle, &["--format", "jsonfeed"]);
    let all: Value = serde_json::from_str(&all).unwrap();
    let online = &all["items"][0];
    assert_eq!(online["content_text"], "Only a summary");
}
