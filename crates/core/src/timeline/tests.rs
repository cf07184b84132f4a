//! Month grouping and the overview strip's histogram and ticks.

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

#[test]
fn histogram_paths_draw_one_rectangle_per_non_empty_bar() {
    let all = [d("2014-01-10"), d("2014-01-20"), d("2014-03-02")];
    let filtered = [d("2014-03-02")];
    let h = Histogram::new(&all, &filtered, 120.0, 60.0);
    let nonempty = h.bars.iter().filter(|b| b.count > 0).count();
    let all_path = h.path(false);
    assert_eq!(all_path.matches('M').count(), nonempty, "{all_path}");
    assert_eq!(h.path(true).matches('M').count(), 1, "{}", h.path(true));
    // The tallest bar reaches the top; every bar closes on the bottom edge.
    assert!(all_path.contains(" 0.00h"), "{all_path}");
    assert_eq!(all_path.matches("V60.00").count(), nonempty);
    let first = h.bars.iter().position(|b| b.count > 0).unwrap();
    assert_eq!(h.label(first).as_deref(), Some("2014-01: 0 of 2"));
    assert_eq!(h.label(h.bars.len()), None);
}
