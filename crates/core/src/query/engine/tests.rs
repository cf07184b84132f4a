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
