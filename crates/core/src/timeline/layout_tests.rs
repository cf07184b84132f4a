//! The windowed list's layout: offsets by arithmetic against rows laid out one by one.

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
