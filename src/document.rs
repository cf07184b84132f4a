//! The document around the app: its title and the performance marks the benchmarks read.

/// Sets the document title as "<page> · Hallway".
pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&if page.is_empty() {
            "Hallway".to_string()
        } else {
            format!("{page} · Hallway")
        });
    }
}

/// A `performance.mark` for the benchmarks (`hallway:*`).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
