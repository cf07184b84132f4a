//! The timeline's pure parts: grouping sorted items under month headings, and the histogram
//! above it (bars, their pixel geometry, and turning a drag or a key press into a date range).
//!
//! Geometry is plain numbers in the caller's pixel space (x grows right, y grows down, the
//! histogram's top-left is 0,0), so the component only draws what this returns.

use crate::date::{month_name, Date};
use crate::query::{DateRange, QueryIndex, Results};

/// The heading over the items of one month (or one year, when the month is unknown), or over
/// items without a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Heading {
    pub year: i32,
    /// 1-12, or 0 for items dated only to the year.
    pub month: u8,
    /// False for the "Date unknown" group.
    pub dated: bool,
}

impl Heading {
    fn of(date: Option<Date>) -> Heading {
        match date {
            Some(d) => Heading {
                year: d.year,
                month: d.month,
                dated: true,
            },
            None => Heading {
                year: 0,
                month: 0,
                dated: false,
            },
        }
    }
}

/// "October 2014", "2014", or "Date unknown".
impl std::fmt::Display for Heading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.dated, self.month) {
            (false, _) => f.write_str("Date unknown"),
            (true, 0) => write!(f, "{}", self.year),
            (true, m) => write!(f, "{} {}", month_name(m), self.year),
        }
    }
}

/// What one bar counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    Month,
    Year,
}

/// Above this many years the histogram counts years instead of months, so that bars stay
/// wide enough to see and to hit.
pub const MAX_YEARS_BY_MONTH: i32 = 15;

/// The fewest months a month histogram spans, so that results from one month sit in context.
pub const MIN_MONTHS: usize = 12;

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub width: f64,
    /// Height of the bar for `count`; it stands on the bottom edge, at `y = height - this`.
    pub height: f64,
    /// Height of the part for `filtered_count`, drawn over the first.
    pub filtered_height: f64,
    /// The bar's period at its own precision (`2014-10` for a month, `2014` for a year): both
    /// ends the same, exactly as a `Filter` range reads them.
    pub start: Date,
    pub end: Date,
    /// Items in the period with every filter but the date range.
    pub count: u32,
    /// Of those, the ones inside the date range too.
    pub filtered_count: u32,
}

/// A label on the strip's time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    pub bucket: Bucket,
    pub bars: Vec<Bar>,
    pub width: f64,
    pub height: f64,
    /// The largest `count`, which the full height stands for.
    pub max: u32,
}

impl Bucket {
    fn number(self, d: Date) -> i64 {
        match self {
            Bucket::Year => d.year as i64,
            Bucket::Month => d.year as i64 * 12 + d.month.max(1) as i64 - 1,
        }
    }

    fn period(self, n: i64) -> Date {
        match self {
            Bucket::Year => Date::ymd(n as i32, 0, 0),
            Bucket::Month => Date::ymd(n.div_euclid(12) as i32, (n.rem_euclid(12) + 1) as u8, 0),
        }
    }
}

impl Histogram {
    /// Bars from the first to the last date of `all`, empty periods included. `filtered` are
    /// the dates of the items that also pass the date range (a subset of `all`).
    pub fn new(all: &[Date], filtered: &[Date], width: f64, height: f64) -> Histogram {
        Histogram::counted(
            all.iter().copied(),
            Some(filtered.iter().copied()),
            width,
            height,
        )
    }

    /// [`Histogram::new`] over dates as they are read, without collecting them: `all` is
    /// walked twice (its extent, then the counts); `filtered` once, and `None` means the same
    /// dates as `all`.
    fn counted(
        all: impl Iterator<Item = Date> + Clone,
        filtered: Option<impl Iterator<Item = Date>>,
        width: f64,
        height: f64,
    ) -> Histogram {
        let (width, height) = (finite(width), finite(height));
        let extent = all
            .clone()
            .fold(None, |acc: Option<(Date, Date)>, d| match acc {
                None => Some((d, d)),
                Some((lo, hi)) => Some((lo.min(d), hi.max(d))),
            });
        let Some((lo, hi)) = extent else {
            return Histogram {
                bucket: Bucket::Month,
                bars: Vec::new(),
                width,
                height,
                max: 0,
            };
        };
        let bucket = if hi.year - lo.year > MAX_YEARS_BY_MONTH {
            Bucket::Year
        } else {
            Bucket::Month
        };
        let mut first = bucket.number(lo);
        let mut n = (bucket.number(hi) - first + 1) as usize;
        // A few months would each fill a wide share of the strip, and one month all of it: a
        // block that says nothing of when. Show at least a year around them instead.
        if bucket == Bucket::Month && n < MIN_MONTHS {
            first -= ((MIN_MONTHS - n) / 2) as i64;
            n = MIN_MONTHS;
        }
        let count = |dates: &mut dyn Iterator<Item = Date>| {
            let mut out = vec![0u32; n];
            for d in dates {
                if let Some(c) = usize::try_from(bucket.number(d) - first)
                    .ok()
                    .and_then(|i| out.get_mut(i))
                {
                    *c += 1;
                }
            }
            out
        };
        let counts = count(&mut all.clone());
        let filtered_counts = match filtered {
            Some(mut f) => count(&mut f),
            None => counts.clone(),
        };
        let max = counts.iter().copied().max().unwrap_or(0).max(1);
        let step = width / n as f64;
        // A pixel of air between bars, when they are wide enough to spare it.
        let gap = if step >= 4.0 { 1.0 } else { 0.0 };
        let scale = |c: u32| height * c as f64 / max as f64;
        let bars = (0..n)
            .map(|i| {
                let period = bucket.period(first + i as i64);
                Bar {
                    x: i as f64 * step,
                    width: step - gap,
                    height: scale(counts[i]),
                    filtered_height: scale(filtered_counts[i]),
                    start: period,
                    end: period,
                    count: counts[i],
                    filtered_count: filtered_counts[i],
                }
            })
            .collect();
        Histogram {
            bucket,
            bars,
            width,
            height,
            max,
        }
    }

    /// The histogram of a query's results: all bars from `unranged`, the filtered part from
    /// `items`.
    pub fn for_results(index: &QueryIndex, results: &Results, width: f64, height: f64) -> Self {
        let view = results.view;
        let date = move |&i: &u32| index.date_of(view, i);
        Histogram::counted(
            results.unranged_items().iter().filter_map(date),
            results
                .unranged
                .is_some()
                .then(|| results.items.iter().filter_map(date)),
            width,
            height,
        )
    }

    /// The bar under `x`, if any.
    pub fn bar_at(&self, x: f64) -> Option<usize> {
        if self.bars.is_empty() || !x.is_finite() || x < 0.0 || x >= self.width {
            return None;
        }
        Some(self.index_at(x))
    }

    /// The date range a drag from `x0` to `x1` selects (either direction; clamped to the bars).
    pub fn range_at(&self, x0: f64, x1: f64) -> Option<DateRange> {
        if self.bars.is_empty() {
            return None;
        }
        let (a, b) = (self.index_at(x0), self.index_at(x1));
        Some(self.between(a.min(b), a.max(b)))
    }

    /// The bars a range covers, clamped to the histogram (an open end reaches the first or
    /// last bar); `None` when it misses them all.
    pub fn bars_in(&self, range: DateRange) -> Option<(usize, usize)> {
        let n = self.bars.len() as i64;
        let first = self.bucket.number(self.bars.first()?.start);
        let a = range.from.map_or(0, |d| self.bucket.number(d) - first);
        let b = range.to.map_or(n - 1, |d| self.bucket.number(d) - first);
        if b < 0 || a >= n || a > b {
            return None;
        }
        Some((a.max(0) as usize, b.min(n - 1) as usize))
    }

    /// The pixel extent of a range, for drawing the selection.
    pub fn selection_x(&self, range: DateRange) -> Option<(f64, f64)> {
        let (a, b) = self.bars_in(range)?;
        let b = &self.bars[b];
        Some((self.bars[a].x, b.x + self.width / self.bars.len() as f64))
    }

    /// The range moved by `by` bars (negative is earlier), keeping its width and stopping at
    /// either end: what the arrow keys do to a selection.
    pub fn step(&self, range: DateRange, by: i64) -> Option<DateRange> {
        let (a, b) = self.bars_in(range)?;
        let n = self.bars.len() as i64;
        let shift = by.clamp(-(a as i64), n - 1 - b as i64);
        Some(self.between((a as i64 + shift) as usize, (b as i64 + shift) as usize))
    }

    fn between(&self, a: usize, b: usize) -> DateRange {
        DateRange::between(self.bars[a].start, self.bars[b].end)
    }

    /// Year labels for the axis under the bars: at each year's first bar, leaving out any that
    /// would start less than `min_gap` pixels after the previous label.
    pub fn ticks(&self, min_gap: f64) -> Vec<Tick> {
        let mut out: Vec<Tick> = Vec::new();
        for b in &self.bars {
            let starts_year = self.bucket == Bucket::Year || b.start.month <= 1;
            let clear = out.last().is_none_or(|t| b.x - t.x >= min_gap);
            if starts_year && clear && b.x + min_gap / 2.0 <= self.width {
                out.push(Tick {
                    x: b.x,
                    label: b.start.year.to_string(),
                });
            }
        }
        out
    }

    /// The bars as one SVG path, every bar a closed rectangle standing on the bottom edge:
    /// `filtered` draws the part inside the date range, otherwise the whole count. One path per
    /// layer rather than an element per bar keeps the strip to a handful of DOM nodes, which
    /// the browser styles and lays out again on every keystroke (two hundred bars were three
    /// quarters of the timeline's nodes). Empty bars draw nothing.
    pub fn path(&self, filtered: bool) -> String {
        use std::fmt::Write;
        let mut d = String::with_capacity(self.bars.len() * 32);
        for b in &self.bars {
            let h = if filtered {
                b.filtered_height
            } else {
                b.height
            };
            if h <= 0.0 || b.width <= 0.0 {
                continue;
            }
            // Writing to a String cannot fail.
            let _ = write!(
                d,
                "M{:.2} {:.2}h{:.2}V{:.2}h{:.2}Z",
                b.x,
                self.height - h,
                b.width,
                self.height,
                -b.width
            );
        }
        d
    }

    /// What a bar stands for, in words: "2014-10: 3 of 12".
    pub fn label(&self, bar: usize) -> Option<String> {
        let b = self.bars.get(bar)?;
        Some(format!("{}: {} of {}", b.start, b.filtered_count, b.count))
    }

    /// The range grown (positive) or shrunk (negative) by `by` bars at its end, never below
    /// one bar: what shift+arrow does.
    pub fn resize(&self, range: DateRange, by: i64) -> Option<DateRange> {
        let (a, b) = self.bars_in(range)?;
        let last = self.bars.len() as i64 - 1;
        let b = (b as i64 + by).clamp(a as i64, last) as usize;
        Some(self.between(a, b))
    }

    fn index_at(&self, x: f64) -> usize {
        let n = self.bars.len();
        let x = if x.is_finite() { x } else { 0.0 };
        let step = self.width / n as f64;
        if step <= 0.0 {
            return 0;
        }
        ((x / step).floor().max(0.0) as usize).min(n - 1)
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests;

/// One row of a windowed result list: a month heading or an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    Heading(Heading),
    Item(u32),
}

/// Month headings and items in rows of fixed heights, top to bottom, so that the rows in view
/// follow from the scroll position alone (no measuring): the basis of the windowed list.
///
/// Built in one pass over the sorted items, keeping only where each group starts: a row's
/// offset is arithmetic on the group it falls in, so neither the rows nor their offsets are
/// stored, and a keystroke costs no copy of the results.
#[derive(Clone, Debug, PartialEq)]
pub struct ListLayout {
    heading_px: f64,
    row_px: f64,
    /// Each group's heading and the row its heading is on, in row order.
    groups: Vec<(Heading, usize)>,
    rows: usize,
}

impl ListLayout {
    /// Groups consecutive `items` of the same month under a heading. Items come sorted (either
    /// way), so each month forms one run; items without a date form a "Date unknown" run.
    pub fn new(
        items: &[u32],
        date_of: impl Fn(u32) -> Option<Date>,
        heading_px: f64,
        row_px: f64,
    ) -> ListLayout {
        let mut groups: Vec<(Heading, usize)> = Vec::new();
        for (k, &i) in items.iter().enumerate() {
            let h = Heading::of(date_of(i));
            if groups.last().is_none_or(|(last, _)| *last != h) {
                groups.push((h, k + groups.len()));
            }
        }
        ListLayout {
            heading_px,
            row_px,
            rows: items.len() + groups.len(),
            groups,
        }
    }

    /// The number of rows, headings included.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The month headings in order, each with the row it is on.
    pub fn headings(&self) -> &[(Heading, usize)] {
        &self.groups
    }

    /// The group that row `r` belongs to (`r` < `len()`, or the last group for `len()`).
    fn group_of(&self, r: usize) -> usize {
        self.groups
            .partition_point(|&(_, start)| start <= r)
            .saturating_sub(1)
    }

    /// The top of row `r` (for `r == len()`, the total height).
    pub fn offset(&self, r: usize) -> f64 {
        let g = self.group_of(r);
        let Some(&(_, start)) = self.groups.get(g) else {
            return 0.0;
        };
        let headings = if start == r { g } else { g + 1 };
        headings as f64 * self.heading_px + (r - headings) as f64 * self.row_px
    }

    pub fn height(&self) -> f64 {
        self.offset(self.rows)
    }

    /// Row `r`; `items` are the items the layout was built from.
    pub fn row(&self, r: usize, items: &[u32]) -> Option<Row> {
        if r >= self.rows {
            return None;
        }
        let g = self.group_of(r);
        let (heading, start) = *self.groups.get(g)?;
        if start == r {
            Some(Row::Heading(heading))
        } else {
            items.get(r - g - 1).map(|&i| Row::Item(i))
        }
    }

    /// The last row starting at or above `y` (0 above the list, the last row below it).
    fn row_at(&self, y: f64) -> usize {
        if self.rows == 0 {
            return 0;
        }
        let top = |g: usize| self.offset(self.groups[g].1);
        // Group tops increase with the row they start on.
        let g = self
            .groups
            .partition_point(|&(_, s)| self.offset(s) <= y)
            .saturating_sub(1);
        let local = y - top(g) - self.heading_px;
        let start = self.groups[g].1;
        let end = self.groups.get(g + 1).map_or(self.rows, |&(_, s)| s);
        let mut r = if local < 0.0 || self.row_px <= 0.0 {
            start
        } else {
            (start + 1 + (local / self.row_px) as usize).min(end - 1)
        };
        // Division can land one off at exact boundaries: settle on the offsets themselves.
        while r + 1 < self.rows && self.offset(r + 1) <= y {
            r += 1;
        }
        while r > 0 && self.offset(r) > y {
            r -= 1;
        }
        r
    }

    /// Rows overlapping `[top, bottom)`, in list coordinates.
    pub fn window(&self, top: f64, bottom: f64) -> std::ops::Range<usize> {
        if self.rows == 0 {
            return 0..0;
        }
        let first = self.row_at(top);
        let r = self.row_at(bottom);
        let last = if self.offset(r) < bottom { r + 1 } else { r };
        first..last.max(first)
    }

    /// The heading of the group shown at `top`, once the list has scrolled past its start.
    pub fn heading_at(&self, top: f64) -> Option<Heading> {
        if top <= 0.0 || self.rows == 0 {
            return None;
        }
        let at = self.window(top, top + 1.0).start.min(self.rows - 1);
        self.groups.get(self.group_of(at)).map(|&(h, _)| h)
    }
}

#[cfg(test)]
mod layout_tests;
