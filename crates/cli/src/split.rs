//! Writes a bundle to disk deterministically, whole or in the split form (main document plus
//! long-text shards and the search index of their texts, see "Split form" in
//! `docs/bundle-format.md`), after checking that
//! `hallway_core::load` accepts it with no problems.

use hallway_core::model::*;
use hallway_core::{load_with, LoadOptions};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many texts (abstracts and report bodies) go into one shard.
pub const TEXTS_PER_SHARD: usize = 5_000;

/// What was written, for the summary line.
pub struct Written {
    pub main_bytes: usize,
    pub shard_files: usize,
    pub shard_bytes: usize,
    /// The search index (split form only): its dictionary's bytes, its chunks and their bytes.
    pub index_bytes: usize,
    pub index_chunks: usize,
    pub chunk_bytes: usize,
}

/// The bundle as JSON with one record per line: small diffs in review, fast to write and read.
pub fn to_json(b: &Bundle) -> Result<Vec<u8>, String> {
    let mut out: Vec<u8> = Vec::with_capacity(1024 + b.talks.len() * 1200);
    out.extend_from_slice(b"{\n");
    let mut first = true;
    let mut field =
        |out: &mut Vec<u8>, name: &str, value: &dyn erased::Ser| -> Result<(), String> {
            if !first {
                out.extend_from_slice(b",\n");
            }
            first = false;
            out.extend_from_slice(format!("  \"{name}\": ").as_bytes());
            value.write(out)
        };
    field(&mut out, "format", &b.format)?;
    field(&mut out, "version", &b.version)?;
    if let Some(g) = &b.generator {
        field(&mut out, "generator", g)?;
    }
    field(&mut out, "title", &b.title)?;
    if let Some(g) = &b.generated {
        field(&mut out, "generated", g)?;
    }
    if !b.attribution.is_empty() {
        field(&mut out, "attribution", &Lines(&b.attribution))?;
    }
    if let Some(t) = &b.texts {
        field(&mut out, "texts", t)?;
    }
    field(&mut out, "projects", &Lines(&b.projects))?;
    field(&mut out, "places", &Lines(&b.places))?;
    field(&mut out, "venues", &Lines(&b.venues))?;
    field(&mut out, "series", &Lines(&b.series))?;
    field(&mut out, "events", &Lines(&b.events))?;
    field(&mut out, "people", &Lines(&b.people))?;
    field(&mut out, "talks", &Lines(&b.talks))?;
    field(&mut out, "reports", &Lines(&b.reports))?;
    out.extend_from_slice(b"\n}\n");
    Ok(out)
}

/// A list written one element per line.
struct Lines<'a, T>(&'a [T]);

/// Lets `to_json` take plain values and line-per-record lists through one parameter type.
mod erased {
    pub trait Ser {
        fn write(&self, out: &mut Vec<u8>) -> Result<(), String>;
    }
}

impl<T: Serialize> erased::Ser for T {
    fn write(&self, out: &mut Vec<u8>) -> Result<(), String> {
        serde_json::to_writer(out, self).map_err(|e| e.to_string())
    }
}

impl<T: Serialize> erased::Ser for Lines<'_, T> {
    fn write(&self, out: &mut Vec<u8>) -> Result<(), String> {
        if self.0.is_empty() {
            out.extend_from_slice(b"[]");
            return Ok(());
        }
        out.extend_from_slice(b"[\n");
        for (i, item) in self.0.iter().enumerate() {
            out.extend_from_slice(b"    ");
            serde_json::to_writer(&mut *out, item).map_err(|e| e.to_string())?;
            out.extend_from_slice(if i + 1 < self.0.len() { b",\n" } else { b"\n" });
        }
        out.extend_from_slice(b"  ]");
        Ok(())
    }
}

/// The directory next to `out` that holds its shards: `bundle.json` -> `bundle.texts/`.
pub fn shard_dir_name(out: &Path) -> String {
    let stem = out
        .file_stem()
        .map_or("bundle".into(), |s| s.to_string_lossy().into_owned());
    format!("{stem}.texts")
}

/// The directory next to `out` that holds its search index: `bundle.json` -> `bundle.search/`.
pub fn search_dir_name(out: &Path) -> String {
    let stem = out
        .file_stem()
        .map_or("bundle".into(), |s| s.to_string_lossy().into_owned());
    format!("{stem}.search")
}

/// Moves every abstract and report body into shards of `per_shard` texts, in record order.
pub fn split(b: &mut Bundle, dir_name: &str, per_shard: usize) -> Vec<TextShard> {
    let per_shard = per_shard.max(1);
    let mut shards: Vec<TextShard> = Vec::new();
    let mut count = 0usize;
    let mut slot = |shards: &mut Vec<TextShard>| -> u32 {
        if count.is_multiple_of(per_shard) {
            shards.push(TextShard {
                format: SHARD_FORMAT.into(),
                version: b_version(),
                ..TextShard::default()
            });
        }
        count += 1;
        (shards.len() - 1) as u32
    };
    for t in &mut b.talks {
        if let Some(text) = t.r#abstract.take() {
            let n = slot(&mut shards);
            shards[n as usize].talks.insert(t.id.clone(), text);
            t.text_shard = Some(n);
        }
    }
    for r in &mut b.reports {
        if let Some(text) = r.body.take() {
            let n = slot(&mut shards);
            shards[n as usize].reports.insert(r.id.clone(), text);
            r.text_shard = Some(n);
        }
    }
    b.texts = Some(TextShards {
        shards: (0..shards.len())
            .map(|i| format!("{dir_name}/{i}.json"))
            .collect(),
        search: None,
    });
    shards
}

fn b_version() -> String {
    format!("{VERSION_MAJOR}.{VERSION_MINOR}")
}

/// Checks the bundle with the app's loader, then writes it (split when asked) to `out`.
pub fn write(b: &mut Bundle, out: &Path, split_form: bool) -> Result<Written, String> {
    // The index is built from the texts before they move into the shards: the same strings.
    let index = split_form.then(|| hallway_core::search_index::build(b));
    let shards = if split_form {
        let name = shard_dir_name(out);
        let shards = split(b, &name, TEXTS_PER_SHARD);
        if let Some(t) = b.texts.as_mut() {
            t.search = Some(format!("{}/index.json", search_dir_name(out)));
        }
        shards
    } else {
        Vec::new()
    };
    let bytes = to_json(b)?;
    // The caps are the app's concern; here only the records are checked.
    let loaded = load_with(&bytes, &LoadOptions::unlimited()).map_err(|e| e.to_string())?;
    if !loaded.problems.is_empty() {
        let list: Vec<String> = loaded.problems.iter().map(|p| format!("  {p}")).collect();
        return Err(format!(
            "the built bundle does not load cleanly; nothing was written:\n{}",
            list.join("\n")
        ));
    }
    // `--out a/b/c.json` into folders that do not exist yet: make them, as the split form's
    // shard folder always was.
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    }
    let mut shard_bytes = 0;
    if split_form {
        let dir = out
            .parent()
            .unwrap_or(Path::new("."))
            .join(shard_dir_name(out));
        clear_shards(&dir)?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
        for (i, s) in shards.iter().enumerate() {
            let path = dir.join(format!("{i}.json"));
            let mut text = serde_json::to_vec(s).map_err(|e| e.to_string())?;
            text.push(b'\n');
            shard_bytes += text.len();
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        }
    }
    let (mut index_bytes, mut index_chunks, mut chunk_bytes) = (0, 0, 0);
    if let Some(index) = &index {
        let dir = out
            .parent()
            .unwrap_or(Path::new("."))
            .join(search_dir_name(out));
        clear_index(&dir)?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
        let put = |name: &str, data: &[u8]| {
            let path = dir.join(name);
            std::fs::write(&path, data)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
        };
        for (name, data) in &index.chunks {
            put(name, data)?;
            chunk_bytes += data.len();
        }
        put("index.json", &index.dictionary_bytes)?;
        index_bytes = index.dictionary_bytes.len();
        index_chunks = index.chunks.len();
    }
    std::fs::write(out, &bytes).map_err(|e| format!("cannot write `{}`: {e}", out.display()))?;
    Ok(Written {
        main_bytes: bytes.len(),
        shard_files: shards.len(),
        shard_bytes,
        index_bytes,
        index_chunks,
        chunk_bytes,
    })
}

/// Removes shards of an earlier, larger build so no stale `N.json` is left behind.
fn clear_shards(dir: &Path) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for e in entries.flatten() {
        let p: PathBuf = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let numbered = name
            .strip_suffix(".json")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if numbered {
            std::fs::remove_file(&p)
                .map_err(|e| format!("cannot remove `{}`: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// Removes the index files of an earlier build (chunk names change with their content). Only
/// `.json` files go: the folder is the index's, named after the bundle.
fn clear_index(dir: &Path) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for e in entries.flatten() {
        let p: PathBuf = e.path();
        if p.extension().is_some_and(|x| x == "json") {
            std::fs::remove_file(&p)
                .map_err(|e| format!("cannot remove `{}`: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// A one-line summary of what was written, then a `warning:` line for each limit of the app's
/// loader the bundle is over.
pub fn summary(out: &Path, b: &Bundle, w: &Written) -> String {
    summary_with_limit(out, b, w, hallway_core::load::DEFAULT_MAX_BYTES)
}

/// [`summary`], with the byte limit the bundle will be checked against (`hallway check
/// --max-bytes`) instead of the app's default.
pub fn summary_with_limit(out: &Path, b: &Bundle, w: &Written, max_bytes: usize) -> String {
    let mut s = format!(
        "wrote {} ({} bytes; {} events, {} talks, {} people, {} reports, {} places)",
        out.display(),
        w.main_bytes,
        b.events.len(),
        b.talks.len(),
        b.people.len(),
        b.reports.len(),
        b.places.len()
    );
    if w.shard_files > 0 {
        s.push_str(&format!(
            " and {} text shard(s) in {}/ ({} bytes)",
            w.shard_files,
            shard_dir_name(out),
            w.shard_bytes
        ));
        s.push_str(&format!(
            ", search index in {}/ ({} bytes of dictionary, {} chunks, {} bytes)",
            search_dir_name(out),
            w.index_bytes,
            w.index_chunks,
            w.chunk_bytes
        ));
    } else if w.main_bytes > max_bytes {
        let limit = if max_bytes == hallway_core::load::DEFAULT_MAX_BYTES {
            "the app's 64 MiB limit".to_string()
        } else {
            format!("the limit of {max_bytes} bytes")
        };
        s.push_str(&format!(
            "\nwarning: this is over {limit}, so `hallway check` and the app refuse it; \
             publish it with --split"
        ));
    }
    let limit = hallway_core::load::DEFAULT_MAX_RECORDS;
    let counts = [
        ("projects", b.projects.len()),
        ("places", b.places.len()),
        ("venues", b.venues.len()),
        ("series", b.series.len()),
        ("events", b.events.len()),
        ("people", b.people.len()),
        ("talks", b.talks.len()),
        ("reports", b.reports.len()),
    ];
    for (name, n) in counts.into_iter().filter(|&(_, n)| n > limit) {
        s.push_str(&format!(
            "\nwarning: {n} {name} is over the app's limit of {limit} records in one collection; \
             publish several bundles (one per series or per year, say)"
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use hallway_core::model::Person;

    #[test]
    fn the_summary_warns_when_a_collection_is_over_the_apps_record_cap() {
        let mut b = Bundle::new("t");
        let written = Written {
            main_bytes: 1,
            shard_files: 0,
            shard_bytes: 0,
            index_bytes: 0,
            index_chunks: 0,
            chunk_bytes: 0,
        };
        b.people = vec![Person::default(); hallway_core::load::DEFAULT_MAX_RECORDS];
        assert!(!summary(Path::new("b.json"), &b, &written).contains("warning"));
        b.people.push(Person::default());
        let s = summary(Path::new("b.json"), &b, &written);
        assert!(
            s.contains("warning: 250001 people is over the app's limit of 250000"),
            "{s}"
        );
    }
}
