//! Atom (RFC 4287) and JSON Feed 1.1 of reports, newest first as feeds are read.
//!
//! Atom is written by hand: it is a dozen elements, and an XML writer crate would add to the
//! wasm for what [`xml_escape`] does. Report bodies are Markdown rendered through core's safe
//! tree ([`crate::markdown::to_html`], by the [`MarkdownText`] passed in: core's parser, or the
//! app's worker's answers), so a feed reader gets the same inert HTML the app shows.

use super::{absolute_url, page_url, stamp, uuid, Exported, MarkdownText, Options};
use crate::date::{Date, DateTime};
use crate::index::Dataset;
use crate::model::{Id, Report};
use serde_json::{json, Map, Value};

/// An Atom feed of the reports.
pub fn atom(
    data: &Dataset,
    items: &[u32],
    options: &Options,
    markdown: &dyn MarkdownText,
) -> Exported {
    let reports = newest_first(data, items);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    elem(&mut x, 1, "title", &data.bundle.title);
    elem(&mut x, 1, "id", &feed_id(data, options));
    elem(
        &mut x,
        1,
        "updated",
        &rfc3339(updated(data, options, &reports)),
    );
    if let Some(base) = &options.base_url {
        x.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(base)
        ));
    }
    // Atom needs an author on the feed or on every entry; reports without one fall back to it.
    x.push_str("  <author>\n");
    elem(&mut x, 2, "name", &data.bundle.title);
    x.push_str("  </author>\n");
    x.push_str("  <generator>Hallway</generator>\n");
    for r in &reports {
        x.push_str("  <entry>\n");
        elem(&mut x, 2, "title", &r.title);
        elem(&mut x, 2, "id", &entry_id(r, options));
        let day = rfc3339(day_start(r.published));
        elem(&mut x, 2, "published", &day);
        elem(&mut x, 2, "updated", &day);
        if let Some(a) = &r.author {
            x.push_str("    <author>\n");
            elem(&mut x, 3, "name", a);
            x.push_str("    </author>\n");
        }
        if let Some(link) = entry_link(r, options) {
            x.push_str(&format!(
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                xml_escape(&link)
            ));
        }
        for name in super::project_names(data, &report_projects(data, r)) {
            x.push_str(&format!("    <category term=\"{}\"/>\n", xml_escape(name)));
        }
        if let Some(s) = &r.summary {
            elem(&mut x, 2, "summary", s);
        }
        if let Some(body) = &r.body {
            x.push_str("    <content type=\"html\">");
            x.push_str(&xml_escape(&markdown.html(body)));
            x.push_str("</content>\n");
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    Exported {
        text: x,
        notes: Vec::new(),
    }
}

/// A JSON Feed 1.1 of the reports.
pub fn json_feed(
    data: &Dataset,
    items: &[u32],
    options: &Options,
    markdown: &dyn MarkdownText,
) -> Exported {
    let reports = newest_first(data, items);
    let mut feed = Map::new();
    feed.insert("version".into(), "https://jsonfeed.org/version/1.1".into());
    feed.insert("title".into(), data.bundle.title.clone().into());
    if let Some(base) = &options.base_url {
        feed.insert("home_page_url".into(), base.clone().into());
    }
    let items: Vec<Value> = reports
        .iter()
        .map(|r| {
            let mut item = Map::new();
            item.insert("id".into(), entry_id(r, options).into());
            item.insert("title".into(), r.title.clone().into());
            if let Some(link) = entry_link(r, options) {
                item.insert("url".into(), link.into());
            }
            if let Some(ext) = absolute_url(r.url.as_deref()) {
                item.insert("external_url".into(), ext.into());
            }
            if let Some(s) = &r.summary {
                item.insert("summary".into(), s.clone().into());
            }
            // The spec requires content_html or content_text; a report without a body has
            // at least its summary or title.
            match &r.body {
                Some(body) => item.insert("content_html".into(), markdown.html(body).into()),
                None => item.insert(
                    "content_text".into(),
                    r.summary.clone().unwrap_or_else(|| r.title.clone()).into(),
                ),
            };
            item.insert(
                "date_published".into(),
                rfc3339(day_start(r.published)).into(),
            );
            if let Some(a) = &r.author {
                item.insert("authors".into(), json!([{ "name": a }]));
            }
            let tags = report_projects(data, r);
            if !tags.is_empty() {
                item.insert("tags".into(), json!(super::project_names(data, &tags)));
            }
            Value::Object(item)
        })
        .collect();
    feed.insert("items".into(), Value::Array(items));
    let mut text =
        serde_json::to_string_pretty(&Value::Object(feed)).unwrap_or_else(|_| String::from("{}"));
    text.push('\n');
    Exported {
        text,
        notes: Vec::new(),
    }
}

/// A report's projects and those of the talks it covers, as the project facet reads them.
fn report_projects(data: &Dataset, r: &Report) -> Vec<Id> {
    let mut ids: Vec<Id> = r.projects.clone();
    for t in r.talks.iter().filter_map(|t| data.index.talk_by_id.get(t)) {
        let talk = &data.bundle.talks[*t as usize];
        for p in super::talk_projects(data, talk) {
            if !ids.contains(p) {
                ids.push(p.clone());
            }
        }
    }
    ids
}

fn newest_first<'a>(data: &'a Dataset, items: &[u32]) -> Vec<&'a Report> {
    let mut v: Vec<&Report> = items
        .iter()
        .filter_map(|&i| data.bundle.reports.get(i as usize))
        .collect();
    crate::order::by_key(&mut v, |r| std::cmp::Reverse(r.published));
    v
}

/// The newest publication date, else the data's own time.
fn updated(data: &Dataset, options: &Options, reports: &[&Report]) -> DateTime {
    reports
        .iter()
        .map(|r| r.published)
        .max()
        .map(day_start)
        .unwrap_or_else(|| stamp(data, options))
}

/// Midnight UTC of the first day a date may mean ("2014-10" is 1 October).
fn day_start(d: Date) -> DateTime {
    DateTime {
        date: Date::ymd(d.year, d.month.max(1), d.day.max(1)),
        hour: 0,
        minute: 0,
        second: 0,
        offset_minutes: 0,
    }
}

fn rfc3339(t: DateTime) -> String {
    t.to_string()
}

fn feed_id(data: &Dataset, options: &Options) -> String {
    match &options.base_url {
        Some(base) => base.clone(),
        None => format!("urn:uuid:{}", uuid("feed", &data.bundle.title)),
    }
}

/// An entry's permanent id: the app's page when published, else a UUID URN from the report's
/// id. Never the report's own URL, which may move while the id stays.
fn entry_id(r: &Report, options: &Options) -> String {
    page_url(options, "reports", &r.id)
        .unwrap_or_else(|| format!("urn:uuid:{}", uuid("report", &r.id)))
}

fn entry_link(r: &Report, options: &Options) -> Option<String> {
    page_url(options, "reports", &r.id).or_else(|| absolute_url(r.url.as_deref()))
}

fn elem(x: &mut String, depth: usize, name: &str, text: &str) {
    for _ in 0..depth {
        x.push_str("  ");
    }
    x.push_str(&format!("<{name}>{}</{name}>\n", xml_escape(text)));
}

/// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids
/// (control characters other than tab and newline), which would make the whole feed unreadable.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            '\r' => {}
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_removes_what_xml_forbids() {
        assert_eq!(
            xml_escape("a<b>&\"c\"'\u{0}\u{1b}\r\n"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;\n"
        );
    }

    #[test]
    fn partial_dates_start_on_their_first_day() {
        assert_eq!(
            rfc3339(day_start(Date::ymd(2014, 10, 0))),
            "2014-10-01T00:00:00Z"
        );
        assert_eq!(
            rfc3339(day_start(Date::ymd(2015, 0, 0))),
            "2015-01-01T00:00:00Z"
        );
    }
}
