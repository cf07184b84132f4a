//! Field-by-field comparison of two records that share an id, and the conflict each difference
//! becomes (naming both bundles, the JSON path and both values).

use super::{SourceInfo, SourcedProblem};
use crate::load::Problem;
use crate::model::*;

/// Where conflicts go while one bundle's records are compared with the kept ones.
pub(super) struct Cx<'a> {
    pub(super) source: usize,
    pub(super) sources: &'a [SourceInfo],
    pub(super) problems: &'a mut Vec<SourcedProblem>,
}

impl Cx<'_> {
    /// Reports a field where a later bundle's record disagrees with the kept one.
    fn conflict(&mut self, at: (&str, usize, usize), field: &str, kept: String, other: String) {
        let (collection, index, kept_from) = at;
        let first = &self.sources[kept_from];
        self.problems.push(SourcedProblem {
            source: self.source,
            problem: Problem {
                path: format!("{collection}[{index}].{field}"),
                message: format!(
                    "disagrees with {} ({}) about the same record: {} here, {} there; the first bundle's value is kept",
                    first.title,
                    first.url,
                    shorten(&other),
                    shorten(&kept)
                ),
                line: 0,
                column: 0,
                outcome: crate::Outcome::Repaired,
            },
        });
    }
}

/// A field's value as a reader of the bundle would write it (JSON-like), for conflict messages.
/// By hand rather than through serde: the app does not otherwise serialize records, and
/// `Serialize` for every record type would grow its first load.
trait Show {
    fn show(&self) -> String;
}

impl Show for String {
    fn show(&self) -> String {
        format!("{self:?}")
    }
}
impl Show for crate::model::Id {
    fn show(&self) -> String {
        format!("{self:?}")
    }
}
impl Show for bool {
    fn show(&self) -> String {
        self.to_string()
    }
}
impl Show for u32 {
    fn show(&self) -> String {
        self.to_string()
    }
}
impl Show for f64 {
    fn show(&self) -> String {
        self.to_string()
    }
}
impl Show for crate::Date {
    fn show(&self) -> String {
        format!("\"{self}\"")
    }
}
impl Show for crate::DateTime {
    fn show(&self) -> String {
        format!("\"{self}\"")
    }
}
impl Show for Link {
    fn show(&self) -> String {
        format!("{} {}", self.kind, self.url)
    }
}
impl<T: Show> Show for Option<T> {
    fn show(&self) -> String {
        self.as_ref().map_or_else(|| "nothing".into(), Show::show)
    }
}
impl<T: Show> Show for Vec<T> {
    fn show(&self) -> String {
        let items: Vec<String> = self.iter().map(Show::show).collect();
        format!("[{}]", items.join(", "))
    }
}

/// Compares two records field by field, reporting each difference; true when there was none.
/// `$field` is the JSON name (`r#abstract` is written `abstract`).
macro_rules! differ {
    ($cx:expr, $at:expr, $a:expr, $b:expr, [$($field:ident),*]) => {{
        let mut same = true;
        $(
            if $a.$field != $b.$field {
                same = false;
                if let Some(cx) = $cx.as_mut() {
                    let name = stringify!($field).trim_start_matches("r#");
                    cx.conflict($at, name, $a.$field.show(), $b.$field.show());
                }
            }
        )*
        same
    }};
}

/// A record type's fields, for [`differ!`]. `cx` is `None` to only compare.
pub(super) trait Fields {
    fn differ(&self, other: &Self, cx: Option<&mut Cx>, at: (&str, usize, usize)) -> bool;
}

impl Fields for Place {
    fn differ(&self, o: &Self, mut cx: Option<&mut Cx>, at: (&str, usize, usize)) -> bool {
        !differ!(cx, at, self, o, [city, country, country_code, lat, lon])
    }
}
impl Fields for Venue {
    fn differ(&self, o: &Self, mut cx: Option<&mut Cx>, at: (&str, usize, usize)) -> bool {
        !differ!(cx, at, self, o, [name, place, lat, lon])
    }
}
impl Fields for Series {
    fn differ(&self, o: &Self, mut cx: Option<&mut Cx>, at: (&str, usize, usize)) -> bool {
        !differ!(cx, at, self, o, [name, organizer])
    }
}
impl Fields for Project {
    fn differ(&self, o: &Self, mut cx: Option<&mut Cx>, at: (&str, usize, usize)) -> bool {
        !differ!(cx, at, self, o, [name, url, summary])
    }
}
impl Fields for Event {
    fn differ(&self, o: &Self, mut cx: Option<&mut Cx>, at: (&str, usize, usize)) -> bool {
        !differ!(
            cx,
            at,
            self,
            o,
            [
                name, series, start, end, timezone, place, venue, online, colocated, url,
                attendance, projects
            ]
        )
    }
}
impl Fields for Person {
    fn differ(&self, o: &Self, mut cx: Option<&mut Cx>, at: (&str, usize, usize)) -> bool {
        !differ!(cx, at, self, o, [name, affiliation, url])
    }
}
impl Fields for Talk {
    fn differ(&self, o: &Self, mut cx: Option<&mut Cx>, at: (&str, usize, usize)) -> bool {
        let fields = !differ!(
            cx,
            at,
            self,
            o,
            [
                title,
                event,
                track,
                room,
                speakers,
                date,
                start,
                duration_min,
                projects,
                links
            ]
        );
        // A text kept in a shard is not loaded yet: its absence is no disagreement.
        let sharded = self.text_shard.is_some() || o.text_shard.is_some();
        let text = !sharded && !differ!(cx, at, self, o, [r#abstract]);
        fields | text
    }
}
impl Fields for Report {
    fn differ(&self, o: &Self, mut cx: Option<&mut Cx>, at: (&str, usize, usize)) -> bool {
        let fields = !differ!(
            cx,
            at,
            self,
            o,
            [title, author, published, url, events, talks, projects, summary]
        );
        let sharded = self.text_shard.is_some() || o.text_shard.is_some();
        let text = !sharded && !differ!(cx, at, self, o, [body]);
        fields | text
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 80 {
        return s.to_string();
    }
    let cut: String = s.chars().take(77).collect();
    format!("{cut}…")
}
