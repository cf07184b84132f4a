//! What the loader makes of one JSON conformance file, as one line: shared by the native test
//! (`crates/core/tests/json_suite.rs`) and the wasm one (`tests/json_suite_web.rs`), so that both
//! targets are held to exactly the same expectations.

use hallway_core::{load, LoadError};

/// The loader's verdict on one file, as a stable one-line summary (the snapshot format).
pub fn outcome(bytes: &[u8]) -> String {
    match load(bytes) {
        Ok(l) => format!("loaded ({} problems)", l.problems.len()),
        Err(LoadError::Syntax {
            line,
            column,
            message,
        }) => format!("syntax at {line}:{column}: {message}"),
        Err(LoadError::NotABundle { reason }) => format!("not a bundle: {reason}"),
        Err(
            e @ (LoadError::TooLarge { .. }
            | LoadError::TooManyRecords { .. }
            | LoadError::UnsupportedVersion { .. }),
        ) => format!("other: {e}"),
    }
}

/// Checks one file against its prefix's rule; `Err` says why it broke the rule.
///
/// `n_` files must be refused as a syntax error with a real position, `y_` files must parse
/// (they are all valid JSON, none of them a bundle) and be refused as not a bundle with a reason.
/// `i_` files are implementation-defined: any refusal or load is acceptable, only panics are not,
/// and their outcomes are pinned in a snapshot instead.
pub fn check(name: &str, bytes: &[u8]) -> Result<String, String> {
    let got = outcome(bytes);
    let ok = if name.starts_with("n_") {
        match load(bytes) {
            Err(LoadError::Syntax { line, column, .. }) => line >= 1 && column >= 1,
            _ => false,
        }
    } else if name.starts_with("y_") {
        matches!(load(bytes), Err(LoadError::NotABundle { reason }) if !reason.is_empty())
    } else {
        true
    };
    if ok {
        Ok(got)
    } else {
        Err(format!("{name}: {got}"))
    }
}
