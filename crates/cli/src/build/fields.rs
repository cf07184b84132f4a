//! Typed access to the fields of one TOML record (a table with spans), reporting each missing,
//! mistyped or unknown field as a diagnostic instead of stopping at the first one.

use super::diagnostics::{Diagnostics, FileId};
use hallway_core::{Date, DateTime};
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A string value and where it is in its file.
#[derive(Clone, Debug)]
pub struct At {
    pub value: String,
    pub file: FileId,
    pub span: Range<usize>,
}

/// One record: a TOML table, the file it is in, and the offset of the TOML text in that file
/// (non-zero for front matter, which follows the opening `+++`).
pub struct Rec<'a, 'i> {
    pub file: FileId,
    pub table: &'a DeTable<'i>,
    pub span: Range<usize>,
    pub base: usize,
}

impl<'a, 'i> Rec<'a, 'i> {
    fn shift(&self, r: Range<usize>) -> Range<usize> {
        r.start + self.base..r.end + self.base
    }

    /// Where the record starts: its first line, which is where a missing field is reported.
    pub fn head(&self, d: &Diagnostics) -> Range<usize> {
        let s = self.shift(self.span.clone());
        let src = d.source(self.file);
        let end = src[s.start.min(src.len())..]
            .find('\n')
            .map_or(s.end, |n| s.start + n);
        s.start..end.min(s.end.max(s.start + 1))
    }

    fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    pub fn span_of(&self, key: &str) -> Option<Range<usize>> {
        self.get(key).map(|v| self.shift(v.span()))
    }

    fn wrong_type(&self, d: &mut Diagnostics, key: &str, v: &Spanned<DeValue>, want: &str) {
        d.error(
            self.file,
            self.shift(v.span()),
            format!("`{key}` must be {want}, not {}", v.get_ref().type_str()),
            None,
        );
    }

    fn missing(&self, d: &mut Diagnostics, key: &str, what: &str) {
        let head = self.head(d);
        d.error(
            self.file,
            head,
            format!("this {what} has no `{key}`"),
            Some(format!("add `{key} = ...` to it")),
        );
    }

    pub fn opt_str(&self, d: &mut Diagnostics, key: &str) -> Option<At> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(At {
                value: s.to_string(),
                file: self.file,
                span: self.shift(v.span()),
            }),
            _ => {
                self.wrong_type(d, key, v, "a string");
                None
            }
        }
    }

    pub fn req_str(&self, d: &mut Diagnostics, key: &str, what: &str) -> Option<At> {
        if self.get(key).is_none() {
            self.missing(d, key, what);
            return None;
        }
        self.opt_str(d, key)
    }

    /// A date, quoted (`"2014-10"`) or as a TOML date literal (`2014-10-13`).
    pub fn opt_date(&self, d: &mut Diagnostics, key: &str) -> Option<Date> {
        let v = self.get(key)?;
        let text = match v.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(dt) => dt.to_string(),
            _ => {
                self.wrong_type(d, key, v, "a date such as \"2014-10-13\"");
                return None;
            }
        };
        match Date::parse(&text) {
            Ok(date) => Some(date),
            Err(why) => {
                d.error(self.file, self.shift(v.span()), why, None);
                None
            }
        }
    }

    pub fn req_date(&self, d: &mut Diagnostics, key: &str, what: &str) -> Option<Date> {
        if self.get(key).is_none() {
            self.missing(d, key, what);
            return None;
        }
        self.opt_date(d, key)
    }

    pub fn opt_datetime(&self, d: &mut Diagnostics, key: &str) -> Option<DateTime> {
        let v = self.get(key)?;
        let text = match v.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(dt) => dt.to_string(),
            _ => {
                self.wrong_type(
                    d,
                    key,
                    v,
                    "a date and time such as \"2014-10-13T09:30:00+02:00\"",
                );
                return None;
            }
        };
        match DateTime::parse(&text) {
            Ok(t) => Some(t),
            Err(why) => {
                d.error(self.file, self.shift(v.span()), why, None);
                None
            }
        }
    }

    pub fn opt_bool(&self, d: &mut Diagnostics, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(d, key, v, "true or false");
                None
            }
        }
    }

    pub fn opt_u32(&self, d: &mut Diagnostics, key: &str) -> Option<u32> {
        let v = self.get(key)?;
        let n = match v.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        match n.and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                self.wrong_type(d, key, v, "a whole number of minutes");
                None
            }
        }
    }

    /// A number that must lie in `range` (coordinates), integers accepted.
    pub fn opt_degrees(&self, d: &mut Diagnostics, key: &str, limit: f64) -> Option<f64> {
        let v = self.get(key)?;
        let n = match v.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        let Some(n) = n else {
            self.wrong_type(d, key, v, "a number of degrees");
            return None;
        };
        if !n.is_finite() || n.abs() > limit {
            d.error(
                self.file,
                self.shift(v.span()),
                format!("{key} {n} is outside -{limit}..{limit}"),
                Some("coordinates are WGS84 degrees: latitude -90..90, longitude -180..180".into()),
            );
            return None;
        }
        Some(n)
    }

    /// A list of ids (`projects = ["qemu", "kvm"]`).
    pub fn ids(&self, d: &mut Diagnostics, key: &str) -> Vec<At> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(d, key, v, "a list of ids such as [\"a\", \"b\"]");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(At {
                    value: s.to_string(),
                    file: self.file,
                    span: self.shift(item.span()),
                }),
                _ => self.wrong_type(d, key, item, "a list of ids (strings)"),
            }
        }
        out
    }

    /// The tables of an array of tables inside this record (a talk's `links`).
    pub fn tables(&self, d: &mut Diagnostics, key: &str) -> Vec<Rec<'a, 'i>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(d, key, v, "a list of tables");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(t) => out.push(Rec {
                    file: self.file,
                    table: t,
                    span: item.span(),
                    base: self.base,
                }),
                None => self.wrong_type(d, key, item, "a table"),
            }
        }
        out
    }

    /// Reports fields this record does not know: errors under `--strict`, warnings otherwise.
    pub fn check_unknown(&self, d: &mut Diagnostics, known: &[&str], strict: bool) {
        for (k, _) in self.table.iter() {
            let key: &str = k.get_ref();
            if known.contains(&key) {
                continue;
            }
            let hint = hallway_core::text::closest(key, known.iter().copied())
                .map(|best| format!("did you mean `{best}`?"));
            let span = self.shift(k.span());
            if strict {
                d.error(self.file, span, format!("unknown field `{key}`"), hint);
            } else {
                d.warning(
                    self.file,
                    span,
                    format!("unknown field `{key}` is ignored"),
                    hint,
                );
            }
        }
    }
}
