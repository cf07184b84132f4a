//! confs.tech lists (`conferences/<year>/<topic>.json`) into draft events, one per conference.
//!
//! The topic comes from the file name and becomes a project of the event (the bundle has no
//! topic field, and projects are what the app filters events by). The same conference listed
//! under several topics is merged into one event by `merge`, which unions the projects.

use super::{non_empty, SourceEvent};
use hallway_core::Date;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record {
    name: String,
    #[serde(default)]
    url: Option<String>,
    start_date: String,
    #[serde(default)]
    end_date: Option<String>,
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    online: bool,
}

/// The topic name a file stands for: `javascript.json` is "javascript".
fn topic(path: &Path) -> Option<String> {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
}

/// The display name of a confs.tech topic file.
fn topic_name(topic: &str) -> String {
    let known = [
        ("javascript", "JavaScript"),
        ("css", "CSS"),
        ("ux", "UX"),
        ("php", "PHP"),
        ("ios", "iOS"),
        ("devops", "DevOps"),
        ("dotnet", ".NET"),
        ("graphql", "GraphQL"),
        ("golang", "Go"),
        ("tech-comm", "Technical communication"),
        ("api", "API"),
        ("iot", "IoT"),
        ("ai", "AI"),
    ];
    if let Some((_, name)) = known.iter().find(|(k, _)| *k == topic) {
        return name.to_string();
    }
    let mut c = topic.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.map(|c| if c == '-' { ' ' } else { c }))
            .collect(),
        None => String::new(),
    }
}

/// The name without what confs.tech's own year removal left behind. The lists drop the year
/// from every name upstream, and where it was joined by a hyphen the hyphen stays:
/// "Networks (WiMoNe-)" was "(WiMoNe-2018)". The dangling joiner goes, so the name reads
/// "(WiMoNe)"; brackets that belong to a name (".concat()", "heise devSec()") stay.
fn clean_name(name: &str) -> String {
    let dangling = |s: &str| {
        s.trim_end()
            .trim_end_matches(['-', '–', '—', '_', '/'])
            .trim_end()
            .to_string()
    };
    let name = name.trim();
    match name.strip_suffix(')') {
        Some(inner) if inner.trim_end().ends_with(['-', '–', '—', '_', '/']) => {
            format!("{})", dangling(inner))
        }
        _ if name.ends_with(['-', '–', '—', '_', '/']) => dangling(name),
        _ => name.to_string(),
    }
}

pub fn parse(bytes: &[u8], path: &Path) -> Result<Vec<SourceEvent>, String> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let records: Vec<Record> = serde_path_to_error::deserialize(de).map_err(|e| {
        let at = e.path().to_string();
        format!(
            "not a confs.tech list: at `{at}`: {}. Each entry needs name and startDate.",
            e.into_inner()
        )
    })?;
    let topic = topic(path);
    let mut out = Vec::new();
    for (i, r) in records.into_iter().enumerate() {
        let start = Date::parse(r.start_date.trim())
            .map_err(|e| format!("at `[{i}].startDate` ({}): {e}", r.name))?;
        let mut ev = SourceEvent::new(clean_name(&r.name), start);
        ev.end = r
            .end_date
            .as_deref()
            .and_then(|d| Date::parse(d.trim()).ok())
            .filter(|e| *e > start);
        ev.url = non_empty(r.url.as_deref());
        ev.city = non_empty(r.city.as_deref());
        ev.country = non_empty(r.country.as_deref());
        // Online-only conferences have `online: true` and no city; a hybrid one keeps both.
        ev.online = r.online;
        ev.projects.extend(topic.as_deref().map(topic_name));
        out.push(ev);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::clean_name;

    #[test]
    fn names_lose_what_the_upstream_year_cut_left() {
        // Rows of confs.tech 2016/ux.json and 2018/security.json.
        assert_eq!(
            clean_name("10th International Conference on Wireless & Mobile Networks (WiMoNe-)"),
            "10th International Conference on Wireless & Mobile Networks (WiMoNe)"
        );
        assert_eq!(clean_name("AHFE "), "AHFE");
        assert_eq!(clean_name("DevConf -"), "DevConf");
        for kept in [
            ".concat()",
            "heise devSec()",
            "Indy.Code()",
            "!!Con",
            "360|AnDev",
        ] {
            assert_eq!(clean_name(kept), kept);
        }
    }
}
