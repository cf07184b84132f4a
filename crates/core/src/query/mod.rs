//! The filter state behind the timeline, lists and map, and the engine that answers it.
//!
//! A [`Filter`] is plain data (it round-trips through the URL, see [`url`]); a [`QueryIndex`]
//! is built once per loaded bundle and answers [`QueryIndex::run`] with the matching items in
//! order and the facet counts, fast enough to run on every keystroke at 100,000 talks.
//!
//! Semantics, the same for every view:
//! - values within one facet are alternatives (OR), facets and the other parts combine with AND;
//! - each facet's counts apply every active part of the filter except that facet itself, so a
//!   reader sees how many items each other value of it would add;
//! - the text must match every word as a prefix (see [`search`]);
//! - the date range keeps items whose period overlaps it (see [`Filter::range`]).
//!
//! How a facet applies to each kind of item is documented on [`Facet`].

mod bitset;
mod build;
mod counts;
mod engine;
pub mod search;
pub mod url;

pub use bitset::Bitset;
pub use counts::{FacetCounts, FacetValue};
pub use engine::{QueryIndex, Relaxation, Results};
pub use search::highlight;

use crate::date::Date;
use std::collections::BTreeSet;

/// Which kind of item a list shows and counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum View {
    #[default]
    Events,
    Talks,
    Reports,
}

impl View {
    pub const ALL: [View; 3] = [View::Events, View::Talks, View::Reports];

    /// The URL spelling: `events`, `talks`, `reports`.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Events => "events",
            View::Talks => "talks",
            View::Reports => "reports",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
}

/// A dimension a reader narrows by. What an item "has" for each facet:
///
/// | facet | event | talk | report |
/// |---|---|---|---|
/// | `Project` | its projects and those of its talks | its projects, or its event's when it lists none | its projects and those of the talks it covers |
/// | `City` | its place | its event's place | the places of the events it covers (directly or through a talk) |
/// | `Country` | its place's country | likewise through its event | likewise through its events |
/// | `Year` | the years it spans (start to last day) | its day's year, else its event's start year | its publication year |
/// | `Series` | its series | its event's series | the series of the events it covers |
/// | `Speaker` | the speakers of its talks | its speakers | the speakers of the talks it covers |
/// | `Track` | the tracks of its talks | its track | the tracks of the talks it covers |
/// | `Source` | the bundles that list it | likewise | likewise |
///
/// Countries are keyed by the lowercase ISO 3166-1 alpha-2 code (`de`) when the place has one,
/// else by the slug of the country name (`germany`); the URL accepts either spelling for a
/// country that has a code. Cities are place ids, speakers person ids, series and projects
/// their ids, tracks the track text as written, years decimal, sources the bundle's URL as the
/// `bundle` parameter gave it (`merge::SourceInfo::url`). A bundle loaded on its own has no
/// sources (`Dataset::new`), so the facet has no values and the app does not show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Project,
    City,
    Country,
    Year,
    Series,
    Speaker,
    Track,
    Source,
}

impl Facet {
    pub const ALL: [Facet; 8] = [
        Facet::Project,
        Facet::City,
        Facet::Country,
        Facet::Year,
        Facet::Series,
        Facet::Speaker,
        Facet::Track,
        Facet::Source,
    ];

    /// The URL parameter name, also a fine CSS class or test id.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Project => "project",
            Facet::City => "city",
            Facet::Country => "country",
            Facet::Year => "year",
            Facet::Series => "series",
            Facet::Speaker => "speaker",
            Facet::Track => "track",
            Facet::Source => "source",
        }
    }

    /// A heading for the facet's box.
    pub fn title(self) -> &'static str {
        match self {
            Facet::Project => "Projects",
            Facet::City => "Cities",
            Facet::Country => "Countries",
            Facet::Year => "Years",
            Facet::Series => "Series",
            Facet::Speaker => "Speakers",
            Facet::Track => "Tracks",
            Facet::Source => "Sources",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Everything a reader has chosen. Sets are sorted so that equal filters are equal values and
/// encode to the same URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub view: View,
    pub projects: BTreeSet<String>,
    /// Place ids.
    pub cities: BTreeSet<String>,
    /// Country keys, see [`Facet`].
    pub countries: BTreeSet<String>,
    pub years: BTreeSet<i32>,
    pub series: BTreeSet<String>,
    /// Person ids.
    pub speakers: BTreeSet<String>,
    pub tracks: BTreeSet<String>,
    /// Bundle URLs, see [`Facet::Source`].
    pub sources: BTreeSet<String>,
    /// Free text; see [`search`] for how it matches.
    pub text: String,
    /// The dates to keep; see [`DateRange`]. An item is kept when its period (an event's
    /// days, a talk's day, a report's publication month or day) overlaps the range.
    pub range: Option<DateRange>,
    pub sort: Sort,
}

impl Filter {
    /// A filter showing everything in `view`.
    pub fn for_view(view: View) -> Self {
        Filter {
            view,
            ..Filter::default()
        }
    }

    /// The selected keys of a facet, as strings (years in decimal).
    pub fn selected(&self, facet: Facet) -> Vec<String> {
        match facet {
            Facet::Year => self.years.iter().map(i32::to_string).collect(),
            _ => self.set(facet).iter().cloned().collect(),
        }
    }

    pub fn is_selected(&self, facet: Facet, key: &str) -> bool {
        match facet {
            Facet::Year => key.parse().is_ok_and(|y| self.years.contains(&y)),
            _ => self.set(facet).contains(key),
        }
    }

    /// Whether any value of `facet` is selected.
    pub fn is_active(&self, facet: Facet) -> bool {
        match facet {
            Facet::Year => !self.years.is_empty(),
            _ => !self.set(facet).is_empty(),
        }
    }

    /// Selects `key` in `facet`, or deselects it when it was selected. A year that is not a
    /// number is ignored.
    pub fn toggle(&mut self, facet: Facet, key: &str) {
        match facet {
            Facet::Year => {
                if let Ok(y) = key.parse() {
                    if !self.years.remove(&y) {
                        self.years.insert(y);
                    }
                }
            }
            _ => {
                let set = self.set_mut(facet);
                if !set.remove(key) {
                    set.insert(key.to_string());
                }
            }
        }
    }

    /// Deselects every value of `facet`.
    pub fn clear(&mut self, facet: Facet) {
        match facet {
            Facet::Year => self.years.clear(),
            _ => self.set_mut(facet).clear(),
        }
    }

    /// Whether anything narrows the view (the view and the sort order do not).
    pub fn is_narrowed(&self) -> bool {
        Facet::ALL.iter().any(|&f| self.is_active(f))
            || !self.text.trim().is_empty()
            || self.range.is_some()
    }

    // Years are numbers with their own set; every caller handles `Facet::Year` before these.
    fn set(&self, facet: Facet) -> &BTreeSet<String> {
        match facet {
            Facet::Project => &self.projects,
            Facet::City => &self.cities,
            Facet::Country => &self.countries,
            Facet::Series => &self.series,
            Facet::Speaker => &self.speakers,
            Facet::Track | Facet::Year => &self.tracks,
            Facet::Source => &self.sources,
        }
    }

    fn set_mut(&mut self, facet: Facet) -> &mut BTreeSet<String> {
        match facet {
            Facet::Project => &mut self.projects,
            Facet::City => &mut self.cities,
            Facet::Country => &mut self.countries,
            Facet::Series => &mut self.series,
            Facet::Speaker => &mut self.speakers,
            Facet::Track | Facet::Year => &mut self.tracks,
            Facet::Source => &mut self.sources,
        }
    }
}

/// The first and last day (days since the epoch) a date of any precision may mean.
/// A date range with optional ends, inclusive at the precision of each end:
/// `2014-10` to `2015` means 1 October 2014 to 31 December 2015; no `to` means no upper bound.
/// A filter holds `None` rather than a range with neither end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    /// Both ends known.
    pub fn between(from: Date, to: Date) -> Self {
        DateRange {
            from: Some(from),
            to: Some(to),
        }
    }

    /// The first and last day the range may mean, in days since the epoch; an open end is
    /// `i64::MIN` or `i64::MAX`.
    pub fn days(&self) -> (i64, i64) {
        (
            self.from.map_or(i64::MIN, |d| date_span(d).0),
            self.to.map_or(i64::MAX, |d| date_span(d).1),
        )
    }
}

/// `2014-10 to 2015`, `from 2014`, `until 2014`, for relaxations and labels.
impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) => write!(f, "{a} to {b}"),
            (Some(a), None) => write!(f, "from {a}"),
            (None, Some(b)) => write!(f, "until {b}"),
            (None, None) => f.write_str("any date"),
        }
    }
}

pub fn date_span(d: Date) -> (i64, i64) {
    let first = d.days_since_epoch();
    let last = if d.month == 0 {
        Date::ymd(d.year, 12, 31).days_since_epoch()
    } else if d.day == 0 {
        Date::ymd(d.year, d.month, crate::date::days_in_month(d.year, d.month)).days_since_epoch()
    } else {
        first
    };
    (first, last)
}

/// The events that items of `view` belong to, each once, in the order first met: an event
/// itself, a talk's event, the events a report covers directly and through its talks.
pub fn events_of(data: &crate::Dataset, view: View, items: &[u32]) -> Vec<u32> {
    let (b, ix) = (&data.bundle, &data.index);
    let mut seen = vec![false; b.events.len()];
    let mut out = Vec::new();
    let mut add = |id: &str| {
        if let Some(&e) = ix.event_by_id.get(id) {
            if !std::mem::replace(&mut seen[e as usize], true) {
                out.push(e);
            }
        }
    };
    for &i in items {
        match view {
            View::Events => {
                if let Some(e) = b.events.get(i as usize) {
                    add(&e.id);
                }
            }
            View::Talks => {
                if let Some(t) = b.talks.get(i as usize) {
                    add(&t.event);
                }
            }
            View::Reports => {
                if let Some(r) = b.reports.get(i as usize) {
                    r.events.iter().for_each(|e| add(e));
                    for t in r.talks.iter().filter_map(|t| ix.talk_by_id.get(t)) {
                        add(&b.talks[*t as usize].event);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_twice_restores_the_filter() {
        let mut f = Filter::default();
        f.toggle(Facet::Year, "2014");
        f.toggle(Facet::Project, "qemu");
        assert!(f.is_selected(Facet::Year, "2014") && f.is_selected(Facet::Project, "qemu"));
        assert!(f.is_narrowed());
        f.toggle(Facet::Year, "2014");
        f.toggle(Facet::Project, "qemu");
        f.toggle(Facet::Year, "not a year");
        assert_eq!(f, Filter::default());
    }

    #[test]
    fn partial_dates_span_their_period() {
        let day = |y, m, d| Date::ymd(y, m, d).days_since_epoch();
        assert_eq!(
            date_span(Date::ymd(2014, 0, 0)),
            (day(2014, 1, 1), day(2014, 12, 31))
        );
        assert_eq!(
            date_span(Date::ymd(2016, 2, 0)),
            (day(2016, 2, 1), day(2016, 2, 29))
        );
        assert_eq!(
            date_span(Date::ymd(2015, 8, 17)),
            (day(2015, 8, 17), day(2015, 8, 17))
        );
    }
}
