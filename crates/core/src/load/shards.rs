//! The split form's long-text shards: loading one, checking it holds what the main document
//! promises, and putting its texts back into the bundle. The app (on demand), `hallway check`
//! and `hallway export` all go through here, so they agree on what a complete shard is.

use super::{document_error, parse_version, LoadError, LoadOptions};
use crate::model::*;

/// Loads one long-text shard of a split bundle.
pub fn load_shard(bytes: &[u8], options: &LoadOptions) -> Result<TextShard, LoadError> {
    if bytes.len() > options.max_bytes {
        return Err(LoadError::TooLarge {
            size: bytes.len(),
            limit: options.max_bytes,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let shard: TextShard = serde_json::from_slice(bytes).map_err(document_error)?;
    if shard.format != SHARD_FORMAT {
        return Err(LoadError::NotABundle {
            reason: format!(
                "a text shard's `format` must be \"{SHARD_FORMAT}\", not \"{}\"",
                shard.format
            ),
        });
    }
    match parse_version(&shard.version) {
        Some((VERSION_MAJOR, _)) => Ok(shard),
        _ => Err(LoadError::UnsupportedVersion {
            found: shard.version,
            supported: format!("{VERSION_MAJOR}.{VERSION_MINOR}"),
        }),
    }
}

/// A text the main document says is in a shard, but which the shard does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingText {
    /// `talks` or `reports`.
    pub collection: &'static str,
    /// The record's position in its collection, for a JSON path (`talks[12]`).
    pub index: usize,
    pub id: Id,
}

impl std::fmt::Display for MissingText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.collection == "talks" {
            "abstract"
        } else {
            "body"
        };
        write!(
            f,
            "{}[{}] (`{}`): its {what} is not in its text shard",
            self.collection, self.index, self.id
        )
    }
}

/// Every talk and report that names shard `shard` in `text_shard` but is missing from it.
pub fn missing_texts(bundle: &Bundle, shard: u32, texts: &TextShard) -> Vec<MissingText> {
    let talks = bundle
        .talks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.text_shard == Some(shard) && !texts.talks.contains_key(&t.id))
        .map(|(index, t)| MissingText {
            collection: "talks",
            index,
            id: t.id.clone(),
        });
    let reports = bundle
        .reports
        .iter()
        .enumerate()
        .filter(|(_, r)| r.text_shard == Some(shard) && !texts.reports.contains_key(&r.id))
        .map(|(index, r)| MissingText {
            collection: "reports",
            index,
            id: r.id.clone(),
        });
    talks.chain(reports).collect()
}

/// Puts the texts of shard `shard` back into the records that point at it. Texts the shard
/// holds for records that do not point at it are ignored: the main document decides.
pub fn merge_shard(bundle: &mut Bundle, shard: u32, texts: &TextShard) {
    for t in bundle
        .talks
        .iter_mut()
        .filter(|t| t.text_shard == Some(shard))
    {
        t.r#abstract = texts.talks.get(&t.id).cloned();
    }
    for r in bundle
        .reports
        .iter_mut()
        .filter(|r| r.text_shard == Some(shard))
    {
        r.body = texts.reports.get(&r.id).cloned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_bundle() -> Bundle {
        let json = br#"{"format":"hallway-bundle","version":"1.0","title":"t",
            "events":[{"id":"e","name":"E","start":"2020-01-01"}],
            "talks":[{"id":"a","title":"A","event":"e","text_shard":0},
                     {"id":"b","title":"B","event":"e","text_shard":0},
                     {"id":"c","title":"C","event":"e","abstract":"kept"}],
            "reports":[{"id":"r","title":"R","url":"https://example.org/r","published":"2020-01-02","events":["e"],"text_shard":0}],
            "texts":{"shards":["texts-0.json"]}}"#;
        let loaded = crate::load(json).expect("loads");
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded.bundle
    }

    fn shard(talks: &[(&str, &str)], reports: &[(&str, &str)]) -> TextShard {
        TextShard {
            format: SHARD_FORMAT.into(),
            version: "1.0".into(),
            talks: talks
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            reports: reports
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_complete_shard_merges_every_promised_text() {
        let mut b = split_bundle();
        let s = shard(
            &[("a", "A text"), ("b", "B text"), ("c", "ignored")],
            &[("r", "Body")],
        );
        assert!(missing_texts(&b, 0, &s).is_empty());
        merge_shard(&mut b, 0, &s);
        let abstracts: Vec<_> = b.talks.iter().map(|t| t.r#abstract.as_deref()).collect();
        assert_eq!(abstracts, [Some("A text"), Some("B text"), Some("kept")]);
        assert_eq!(b.reports[0].body.as_deref(), Some("Body"));
    }

    #[test]
    fn missing_texts_name_the_record_and_its_path() {
        let b = split_bundle();
        let missing = missing_texts(&b, 0, &shard(&[("a", "A")], &[]));
        let shown: Vec<String> = missing.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "talks[1] (`b`): its abstract is not in its text shard",
                "reports[0] (`r`): its body is not in its text shard"
            ]
        );
        assert!(missing_texts(&b, 1, &shard(&[], &[])).is_empty());
    }

    #[test]
    fn a_shard_of_another_format_is_refused() {
        let err = load_shard(
            br#"{"format":"nope","version":"1.0"}"#,
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("hallway-texts"), "{err}");
    }
}
