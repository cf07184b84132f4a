//! Collects every problem found while building, each tied to a span of a source file, and renders
//! them with `codespan-reporting` (file, line, column, the source line and a caret).

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use std::ops::Range;

/// Index of a source file registered with [`Diagnostics::add_file`].
pub type FileId = usize;

#[derive(Default)]
pub struct Diagnostics {
    /// (name, source) by id. Kept as plain strings, not `SimpleFiles`, because that indexes line
    /// starts up front, which a clean 100 MB build never needs.
    files: Vec<(String, String)>,
    list: Vec<Diagnostic<FileId>>,
}

impl Diagnostics {
    /// Registers a source text under the name shown in messages (a path relative to the content dir).
    pub fn add_file(&mut self, name: String, source: String) -> FileId {
        self.files.push((name, source));
        self.files.len() - 1
    }

    pub fn source(&self, file: FileId) -> &str {
        self.files.get(file).map_or("", |f| f.1.as_str())
    }

    /// Takes over the files and diagnostics of a file read on another thread; returns the number
    /// to add to that thread's file ids.
    pub fn absorb(&mut self, other: Diagnostics) -> usize {
        let offset = self.files.len();
        self.files.extend(other.files);
        for mut d in other.list {
            for l in &mut d.labels {
                l.file_id += offset;
            }
            self.list.push(d);
        }
        offset
    }

    /// An error pointing at `span`, with a label under it and an optional hint.
    pub fn error(
        &mut self,
        file: FileId,
        span: Range<usize>,
        message: String,
        hint: Option<String>,
    ) {
        self.push(Severity::Error, file, span, message, hint, None);
    }

    pub fn warning(
        &mut self,
        file: FileId,
        span: Range<usize>,
        message: String,
        hint: Option<String>,
    ) {
        self.push(Severity::Warning, file, span, message, hint, None);
    }

    /// An error that also points at a second place (the first definition of a duplicate id).
    pub fn error_with_other(
        &mut self,
        file: FileId,
        span: Range<usize>,
        message: String,
        other: (FileId, Range<usize>, String),
    ) {
        self.push(Severity::Error, file, span, message, None, Some(other));
    }

    /// An error about the build as a whole, not tied to a line.
    pub fn global(&mut self, message: String) {
        self.list.push(Diagnostic::error().with_message(message));
    }

    fn push(
        &mut self,
        severity: Severity,
        file: FileId,
        span: Range<usize>,
        message: String,
        hint: Option<String>,
        other: Option<(FileId, Range<usize>, String)>,
    ) {
        let span = self.clamp(file, span);
        let mut labels = vec![Label::primary(file, span)];
        if let Some((f, s, m)) = other {
            let s = self.clamp(f, s);
            labels.push(Label::secondary(f, s).with_message(m));
        }
        let mut d = Diagnostic::new(severity)
            .with_message(message)
            .with_labels(labels);
        if let Some(h) = hint {
            d = d.with_note(format!("help: {h}"));
        }
        self.list.push(d);
    }

    /// codespan refuses spans outside the file or inside a UTF-8 sequence; keep them valid.
    fn clamp(&self, file: FileId, span: Range<usize>) -> Range<usize> {
        let src = self.source(file);
        let fix = |mut i: usize| {
            i = i.min(src.len());
            while !src.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = fix(span.start);
        start..fix(span.end).max(start)
    }

    pub fn error_count(&self) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity >= Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.list
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Each error as one line, `file:line:col: message`, for places with no room for the
    /// source excerpt (the page `hallway serve` shows over the last good content).
    pub fn error_lines(&self) -> Vec<String> {
        self.list
            .iter()
            .filter(|d| d.severity >= Severity::Error)
            .map(|d| match d.labels.first() {
                Some(l) => {
                    let (name, src) = self
                        .files
                        .get(l.file_id)
                        .map_or(("", ""), |f| (f.0.as_str(), f.1.as_str()));
                    let before = &src[..l.range.start.min(src.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                    format!("{name}:{line}:{col}: {}", d.message)
                }
                None => d.message.clone(),
            })
            .collect()
    }

    /// Every diagnostic as plain text, in the order found.
    pub fn render(&self) -> String {
        let config = term::Config::default();
        let mut used = vec![false; self.files.len()];
        for d in &self.list {
            for l in &d.labels {
                used[l.file_id] = true;
            }
        }
        // Only the files that diagnostics point into are indexed; the others keep their ids.
        let mut files = SimpleFiles::new();
        for (i, (name, source)) in self.files.iter().enumerate() {
            let source = if used[i] {
                source.clone()
            } else {
                String::new()
            };
            files.add(name.clone(), source);
        }
        let mut out = String::new();
        for d in &self.list {
            match term::emit_into_string(&config, &files, d) {
                Ok(s) => out.push_str(&s),
                Err(e) => out.push_str(&format!("error: {} ({e})\n", d.message)),
            }
        }
        out
    }
}
