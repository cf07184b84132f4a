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
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn groups_follow_months_in_either_order() {
        let dates = [
            d("2015-10-05"),
            d("2015-10-07"),
            d("2015-08-17"),
            d("2014"),
            d("2014-10-13"),
        ];
        let date_of = |i: u32| dates.get(i as usize).copied();
        let items = [0, 1, 2, 4, 3, 9];
        let l = ListLayout::new(&items, date_of, 40.0, 100.0);
        let mut summary: Vec<(String, Vec<u32>)> = Vec::new();
        for r in 0..l.len() {
            match l.row(r, &items) {
                Some(Row::Heading(h)) => summary.push((h.to_string(), Vec::new())),
                Some(Row::Item(i)) => summary.last_mut().unwrap().1.push(i),
                None => panic!("row {r} of {} missing", l.len()),
            }
        }
        let expected: Vec<(String, Vec<u32>)> = [
            ("October 2015", vec![0, 1]),
            ("August 2015", vec![2]),
            ("October 2014", vec![4]),
            ("2014", vec![3]),
            ("Date unknown", vec![9]),
        ]
        .into_iter()
        .map(|(l, i)| (l.to_string(), i))
        .collect();
        assert_eq!(summary, expected);
        assert_eq!(l.row(l.len(), &items), None);
        assert!(ListLayout::new(&[], date_of, 40.0, 100.0).is_empty());
    }

    #[test]
    fn month_bars_cover_the_span_including_empty_months() {
        let all = [
            d("2014-10-13"),
            d("2014-10-14"),
            d("2015-08-17"),
            d("2015-10-05"),
        ];
        let h = Histogram::new(&all, &all[2..], 130.0, 50.0);
        assert_eq!(h.bucket, Bucket::Month);
        assert_eq!(h.bars.len(), 13); // October 2014 to October 2015
        assert_eq!(h.max, 2);
        let b0 = &h.bars[0];
        assert_eq!(
            (b0.start, b0.count, b0.filtered_count),
            (d("2014-10"), 2, 0)
        );
        assert_eq!((b0.x, b0.width, b0.height), (0.0, 9.0, 50.0));
        assert_eq!(h.bars[10].start, d("2015-08"));
        assert_eq!(
            (h.bars[10].height, h.bars[10].filtered_height),
            (25.0, 25.0)
        );
        assert_eq!(h.bars[5].count, 0);
        assert_eq!(h.bar_at(129.0), Some(12));
        assert_eq!(h.bar_at(130.0), None);
    }

    #[test]
    fn one_month_of_results_sits_within_a_year() {
        let all = [d("2014-10-13"), d("2014-10-14")];
        let h = Histogram::new(&all, &all, 120.0, 50.0);
        assert_eq!(h.bars.len(), MIN_MONTHS);
        // Centred: five months before October 2014, six after.
        assert_eq!(h.bars[0].start, d("2014-05"));
        assert_eq!(h.bars[11].start, d("2015-04"));
        let october = h.bars.iter().position(|b| b.count > 0);
        assert_eq!(october, Some(5));
        assert_eq!((h.bars[5].x, h.bars[5].width), (50.0, 9.0));
    }

    #[test]
    fn ticks_mark_each_year_where_there_is_room() {
        let all = [d("2014-10-13"), d("2018-12-01")];
        let h = Histogram::new(&all, &all, 510.0, 50.0); // 51 months, 10 px each
        let ticks = h.ticks(30.0);
        let ticks: Vec<(f64, &str)> = ticks.iter().map(|t| (t.x, t.label.as_str())).collect();
        assert_eq!(
            ticks,
            [
                (30.0, "2015"),
                (150.0, "2016"),
                (270.0, "2017"),
                (390.0, "2018")
            ]
        );
        // Too narrow for every year: every other one.
        assert_eq!(h.ticks(150.0).len(), 2);
        let years = Histogram::new(&[d("1990"), d("2014")], &[], 250.0, 10.0);
        assert_eq!(
            years.ticks(40.0).first().map(|t| t.label.as_str()),
            Some("1990")
        );
        // 1990, 1994 … 2010; 2014 would overrun the right edge.
        assert_eq!(years.ticks(40.0).len(), 6);
    }

    #[test]
    fn long_spans_count_years() {
        let all = [d("1990-05-01"), d("2014-10"), d("2014")];
        let h = Histogram::new(&all, &[], 250.0, 10.0);
        assert_eq!(h.bucket, Bucket::Year);
        assert_eq!(h.bars.len(), 25);
        assert_eq!((h.bars[24].start, h.bars[24].count), (d("2014"), 2));
    }

    #[test]
    fn drags_and_keys_make_ranges() {
        let all = [d("2014-10-13"), d("2015-10-05")];
        let h = Histogram::new(&all, &all, 130.0, 50.0);
        let r = |a: &str, b: &str| Some(DateRange::between(d(a), d(b)));
        assert_eq!(h.range_at(25.0, 5.0), r("2014-10", "2014-12"));
        assert_eq!(h.range_at(-50.0, 1e9), r("2014-10", "2015-10"));
        assert_eq!(h.range_at(f64::NAN, 0.0), r("2014-10", "2014-10"));
        let sel = DateRange::between(d("2014-11"), d("2014-12"));
        assert_eq!(h.step(sel, 1), r("2014-12", "2015-01"));
        assert_eq!(h.step(sel, -5), r("2014-10", "2014-11"));
        assert_eq!(h.step(sel, 100), r("2015-09", "2015-10"));
        assert_eq!(h.resize(sel, -3), r("2014-11", "2014-11"));
        assert_eq!(h.resize(sel, 1), r("2014-11", "2015-01"));
        assert_eq!(h.selection_x(sel), Some((10.0, 30.0)));
        assert_eq!(h.bars_in(r("2020", "2021").unwrap()), None);
        // Open-ended ranges from the URL clamp to the bars.
        let until = DateRange {
            from: None,
            to: Some(d("2014-11-03")),
        };
        assert_eq!(h.bars_in(until), Some((0, 1)));
        let since = DateRange {
            from: Some(d("2015-09")),
            to: None,
        };
        assert_eq!(h.bars_in(since), Some((11, 12)));
        let empty = Histogram::new(&[], &[], 100.0, 10.0);
        assert_eq!(empty.range_at(0.0, 10.0), None);
        assert_eq!(empty.step(sel, 1), None);
    }
}

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
mod layout_tests {
    use super::*;

    fn layout() -> ListLayout {
        ListLayout::new(
            &[0, 1, 2],
            |i| Some(Date::ymd(2014, if i < 2 { 10 } else { 8 }, 1)),
            40.0,
            100.0,
        )
    }

    #[test]
    fn windows_cover_exactly_the_rows_in_view() {
        let l = layout();
        assert_eq!(l.len(), 5);
        assert_eq!(l.height(), 2.0 * 40.0 + 3.0 * 100.0);
        assert_eq!(l.window(0.0, 50.0), 0..2);
        assert_eq!(l.window(150.0, 160.0), 2..3);
        assert_eq!(l.window(10_000.0, 10_100.0), 4..5);
    }

    #[test]
    fn the_sticky_heading_follows_the_scroll() {
        let l = layout();
        assert_eq!(l.heading_at(0.0), None);
        let at = |y| l.heading_at(y).map(|h| h.to_string());
        assert_eq!(at(50.0).as_deref(), Some("October 2014"));
        assert_eq!(at(250.0).as_deref(), Some("August 2014"));
    }

    /// The layout computes offsets from group starts; check it against offsets laid out one
    /// row at a time, over groups of varied sizes and scroll positions on and off boundaries.
    #[test]
    fn arithmetic_offsets_match_rows_laid_out_one_by_one() {
        let sizes = [1usize, 3, 1, 7, 2, 1, 12];
        let mut items = Vec::new();
        let mut months = Vec::new();
        for (m, &n) in sizes.iter().enumerate() {
            for _ in 0..n {
                months.push(m as u8 + 1);
                items.push(items.len() as u32);
            }
        }
        let date_of = |i: u32| Some(Date::ymd(2020, months[i as usize], 1));
        let (hp, rp) = (44.0, 96.0);
        let l = ListLayout::new(&items, date_of, hp, rp);
        let mut offsets = Vec::new();
        let mut y = 0.0;
        for r in 0..l.len() {
            offsets.push(y);
            y += match l.row(r, &items) {
                Some(Row::Heading(_)) => hp,
                _ => rp,
            };
        }
        assert_eq!(l.height(), y);
        for (r, &o) in offsets.iter().enumerate() {
            assert_eq!(l.offset(r), o, "row {r}");
        }
        let naive = |top: f64, bottom: f64| {
            let first = offsets.partition_point(|&o| o <= top).saturating_sub(1);
            let last = offsets.partition_point(|&o| o < bottom);
            first..last.max(first)
        };
        let mut ys: Vec<f64> = offsets
            .iter()
            .flat_map(|&o| [o - 0.5, o, o + 0.5])
            .collect();
        ys.extend([-100.0, y, y + 1.0, y + 5000.0]);
        for &a in &ys {
            for &b in &ys {
                if a <= b {
                    assert_eq!(l.window(a, b), naive(a, b), "window({a}, {b})");
                }
            }
        }
    }

    // Regression: an empty result list panicked when asked for its sticky heading.
    #[test]
    fn empty_results_have_no_heading_and_no_window() {
        let l = ListLayout::new(&[], |_| None, 40.0, 100.0);
        assert_eq!(l.heading_at(120.0), None);
        assert_eq!(l.window(0.0, 1000.0), 0..0);
        assert_eq!(l.height(), 0.0);
    }
}
