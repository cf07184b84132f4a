//! The compressed-row tables behind the facet and reverse lists.

use super::*;

#[test]
fn rows_are_sorted_distinct_and_invert() {
    let mut c = Csr::with_rows(3);
    c.push_row([3, 1, 3, 1, 0]);
    c.push_row([]);
    c.push_row([2, 2]);
    assert_eq!(
        (c.row(0), c.row(1), c.row(2), c.row(9)),
        (&[0, 1, 3][..], &[][..], &[2][..], &[][..])
    );
    let inv = c.invert(4);
    assert_eq!(
        (inv.row(0), inv.row(2), inv.row(3)),
        (&[0][..], &[2][..], &[0][..])
    );
}

#[test]
fn compacted_tables_keep_every_row() {
    let build = |rows: &[&[u32]]| {
        let mut c = Csr::with_rows(rows.len());
        for r in rows {
            c.push_row(r.iter().copied());
        }
        c
    };
    let cases: [&[&[u32]]; 4] = [
        &[&[2], &[], &[0], &[2]],
        &[&[], &[], &[]],
        &[&[1], &[0, 2], &[]],
        &[],
    ];
    for rows in cases {
        let compact = build(rows).compact();
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(compact.row(i as u32), *r, "{rows:?}, row {i}");
        }
        assert_eq!(compact.row(rows.len() as u32 + 5), &[] as &[u32]);
    }
    // One value or none per row: no offsets; no values at all: nothing kept.
    assert!(build(cases[0]).compact().offsets.is_empty());
    assert_eq!(build(cases[0]).compact().vals, [2, NONE, 0, 2]);
    let empty = build(cases[1]).compact();
    assert!(empty.offsets.is_empty() && empty.vals.is_empty());
    assert_eq!(build(cases[2]).compact().offsets, [0, 1, 3, 3]);
}
