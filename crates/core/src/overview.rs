//! What the home page leads with: the latest reports and the talks they covered (what a
//! hallway is about), before the long timeline of events, and counts that leave out zeros.

use crate::text::count;
use crate::Dataset;

/// The home page's "In this hallway" lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlights {
    /// The newest reports, newest first (ties: the later in the bundle first).
    pub reports: Vec<u32>,
    /// The talks those reports cover, in the reports' order then each report's own order,
    /// each once.
    pub talks: Vec<u32>,
}

/// Up to `max_reports` newest reports and up to `max_talks` of the talks they cover.
///
/// Reads the index's date order (`reports_by_date`, sorted once when the bundle loads) from the
/// end, so the cost is the few records shown, not the bundle's size.
pub fn highlights(d: &Dataset, max_reports: usize, max_talks: usize) -> Highlights {
    let reports: Vec<u32> = d
        .index
        .reports_by_date
        .iter()
        .rev()
        .take(max_reports)
        .copied()
        .collect();
    let mut talks: Vec<u32> = Vec::new();
    'reports: for &ri in &reports {
        for id in &d.bundle.reports[ri as usize].talks {
            if talks.len() == max_talks {
                break 'reports;
            }
            if let Some((ti, _)) = d.talk(id) {
                if !talks.contains(&ti) {
                    talks.push(ti);
                }
            }
        }
    }
    Highlights { reports, talks }
}

/// The non-zero counts among `(n, one, many)`, joined with ", ": `1 talk, 2 reports`; `None`
/// when all are zero, so that a page never prints "0 talks, 0 reports" as if it were content.
pub fn nonzero_counts(counts: &[(usize, &str, &str)]) -> Option<String> {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| count(n, one, many))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// "3 reports, 1 talk, 1,136 events": what the whole bundle holds, zeros left out.
pub fn holdings(d: &Dataset) -> Option<String> {
    let b = &d.bundle;
    nonzero_counts(&[
        (b.reports.len(), "report", "reports"),
        (b.talks.len(), "talk", "talks"),
        (b.events.len(), "event", "events"),
    ])
}

/// Up to `max` names joined with ", ", then "and N more" for the rest: a report covering four
/// co-located events stays one line in the home page's lead.
pub fn names_line(names: &[&str], max: usize) -> String {
    let shown = names.len().min(max.max(1));
    let mut out = names[..shown].join(", ");
    if names.len() > shown {
        out.push_str(&format!(
            " and {} more",
            crate::text::group_digits((names.len() - shown) as u64)
        ));
    }
    out
}
