//! Writes a bundle as a content directory, the inverse of `hallway build`: used to move an
//! existing bundle into the content layout and by `hallway generate --content-dir`.

use hallway_core::model::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Serialize)]
struct Head<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "<[Attribution]>::is_empty")]
    attribution: &'a [Attribution],
}

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: &'a Option<String>,
    published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: &'a Option<String>,
    #[serde(skip_serializing_if = "<[Id]>::is_empty")]
    events: &'a [Id],
    #[serde(skip_serializing_if = "<[Id]>::is_empty")]
    talks: &'a [Id],
    #[serde(skip_serializing_if = "<[Id]>::is_empty")]
    projects: &'a [Id],
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: &'a Option<String>,
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn collection<T: Serialize>(dir: &Path, file: &str, key: &str, items: &[T]) -> Result<(), String> {
    if items.is_empty() {
        return Ok(());
    }
    let mut doc = BTreeMap::new();
    doc.insert(key, items);
    let text = toml::to_string(&doc).map_err(|e| format!("{file}: {e}"))?;
    write(&dir.join(file), &text)
}

/// Writes `b` into `dir`; talks go to `talks/<event>.toml` when `talks_by_event`, else `talks.toml`.
pub fn write_content(b: &Bundle, dir: &Path, talks_by_event: bool) -> Result<(), String> {
    let mkdir = |p: &Path| {
        std::fs::create_dir_all(p).map_err(|e| format!("cannot create `{}`: {e}", p.display()))
    };
    mkdir(dir)?;
    let head = Head {
        title: &b.title,
        attribution: &b.attribution,
    };
    write(
        &dir.join("bundle.toml"),
        &toml::to_string(&head).map_err(|e| e.to_string())?,
    )?;
    collection(dir, "projects.toml", "project", &b.projects)?;
    collection(dir, "places.toml", "place", &b.places)?;
    collection(dir, "venues.toml", "venue", &b.venues)?;
    collection(dir, "series.toml", "series", &b.series)?;
    collection(dir, "events.toml", "event", &b.events)?;
    collection(dir, "people.toml", "person", &b.people)?;
    if talks_by_event {
        mkdir(&dir.join("talks"))?;
        let mut by_event: BTreeMap<&str, Vec<&Talk>> = BTreeMap::new();
        for t in &b.talks {
            by_event.entry(t.event.as_str()).or_default().push(t);
        }
        for (event, talks) in by_event {
            collection(dir, &format!("talks/{event}.toml"), "talk", &talks)?;
        }
    } else {
        collection(dir, "talks.toml", "talk", &b.talks)?;
    }
    if !b.reports.is_empty() {
        mkdir(&dir.join("reports"))?;
    }
    for r in &b.reports {
        let fm = FrontMatter {
            title: &r.title,
            author: &r.author,
            published: r.published.to_string(),
            url: &r.url,
            events: &r.events,
            talks: &r.talks,
            projects: &r.projects,
            summary: &r.summary,
        };
        let front = toml::to_string(&fm).map_err(|e| format!("reports/{}.md: {e}", r.id))?;
        let body = r.body.as_deref().unwrap_or("");
        write(
            &dir.join(format!("reports/{}.md", r.id)),
            &format!("+++\n{front}+++\n\n{body}\n"),
        )?;
    }
    Ok(())
}
