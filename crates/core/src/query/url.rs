//! A [`Filter`] as a URL query string, so that every view can be shared and reloaded.
//!
//! `view=talks&q=tracing&project=kvm,qemu&city=dusseldorf&year=2014&from=2014-10&to=2015-12&sort=oldest`
//!
//! Parameters come in that canonical order (then `country`, `series`, `speaker`, `track`, `source` after
//! `year`), values sorted, defaults omitted, so one filter has exactly one URL. Several values of
//! a facet are comma-separated; a comma inside a value (a track name) is written `%2C`. An open
//! date range writes only the end it has (`to=2014`). Reading and writing the query string
//! itself, and the percent-encoding, is [`crate::url::Query`]'s.

use super::{DateRange, Facet, Filter, QueryIndex, Sort, View};
use crate::date::Date;
use crate::text::slug;
use crate::url::{param, Query};

/// Parameters in their canonical order, facets in between.
const FACET_ORDER: [Facet; 8] = Facet::ALL;

impl Filter {
    /// The canonical query string, without the leading `?`; empty for the default filter.
    pub fn to_query(&self) -> String {
        self.to_params().to_string()
    }

    /// The filter's parameters in canonical order, to combine with others (`panel`, `bundle`).
    pub fn to_params(&self) -> Query {
        let mut q = Query::new();
        if self.view != View::default() {
            q.push(param::VIEW, self.view.as_str());
        }
        if !self.text.is_empty() {
            q.push("q", &self.text);
        }
        for f in FACET_ORDER {
            if self.is_active(f) {
                q.push_list(f.param(), &self.selected(f));
            }
        }
        if let Some(range) = self.range {
            if let Some(from) = range.from {
                q.push("from", &from.to_string());
            }
            if let Some(to) = range.to {
                q.push("to", &to.to_string());
            }
        }
        if self.sort != Sort::default() {
            q.push("sort", "oldest");
        }
        q
    }

    /// Reads a query string (with or without the leading `?`) against the loaded bundle.
    pub fn from_query(query: &str, index: &QueryIndex) -> (Filter, Vec<String>) {
        Filter::from_params(&Query::parse(query), index)
    }

    /// Reads the filter's parameters of a parsed query against the loaded bundle.
    ///
    /// Never fails: a value the bundle does not know (a stale link, a typo) is left out and
    /// explained in a notice, in plain words for the reader. Parameters it does not know are
    /// ignored silently, since other parts of the app keep their own state in the URL.
    /// Facet values are matched exactly, then by slug (`city=Düsseldorf` finds `dusseldorf`);
    /// countries also by name (`country=germany` finds `de`).
    pub fn from_params(query: &Query, index: &QueryIndex) -> (Filter, Vec<String>) {
        let mut f = Filter::default();
        let mut notices = Vec::new();
        let (mut from, mut to) = (None, None);
        for (key, values) in query.list_pairs() {
            // Only facets are lists; the other values keep their commas.
            let value = || values.join(",");
            match key {
                param::VIEW => match value().as_str() {
                    "events" => f.view = View::Events,
                    "talks" => f.view = View::Talks,
                    "reports" => f.view = View::Reports,
                    other => notices.push(format!(
                        "There is no `{other}` view; showing events instead. The views are events, talks and reports."
                    )),
                },
                "q" => f.text = value(),
                "from" | "to" => match Date::parse(value().trim()) {
                    Ok(d) if key == "from" => from = Some(d),
                    Ok(d) => to = Some(d),
                    Err(e) => notices.push(format!("Ignored the date `{key}`: {e}.")),
                },
                "sort" => match value().as_str() {
                    "newest" => f.sort = Sort::Newest,
                    "oldest" => f.sort = Sort::Oldest,
                    other => notices.push(format!(
                        "Unknown sort order `{other}`; showing newest first (the choices are newest and oldest)."
                    )),
                },
                other => {
                    let Some(facet) = Facet::ALL.into_iter().find(|f| f.param() == other) else {
                        continue;
                    };
                    for v in &values {
                        let v = v.trim();
                        if v.is_empty() {
                            continue;
                        }
                        match index
                            .resolve(facet, v)
                            .or_else(|| index.resolve(facet, &slug(v)))
                        {
                            Some(k) => {
                                if !f.is_selected(facet, k) {
                                    f.toggle(facet, k);
                                }
                            }
                            None => notices.push(format!(
                                "This bundle has no {} `{v}`, so the filter leaves it out.",
                                facet.param()
                            )),
                        }
                    }
                }
            }
        }
        f.range = match (from, to) {
            (None, None) => None,
            (Some(a), Some(b)) if b < a => {
                notices.push(format!(
                    "The dates were the wrong way round ({a} after {b}); they have been swapped."
                ));
                Some(DateRange::between(b, a))
            }
            (from, to) => Some(DateRange { from, to }),
        };
        (f, notices)
    }
}
