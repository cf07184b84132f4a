//! Re-levels headings under the page's own heading: the one place levels are changed.

/// Heading levels as the page shows them. Authors skip levels (`#` then `###`) and start
/// anywhere; the page's outline must not (WCAG 1.3.1, axe `heading-order`).
pub(super) struct Outline {
    base: Option<u8>,
    /// The headings still open: (level as written, level shown).
    open: Vec<(u8, u32)>,
}

impl Outline {
    pub(super) fn new(base: Option<u8>) -> Self {
        Outline {
            base,
            open: Vec::new(),
        }
    }

    /// The level to show for a heading written at `level` (1..=6). Without a base this is
    /// `level`; with one, one below the nearest open heading of a smaller written level, or
    /// `base + 1`. The result may exceed 6; the caller decides how to show that.
    pub(super) fn place(&mut self, level: u8) -> u32 {
        let Some(base) = self.base else {
            return u32::from(level);
        };
        while self
            .open
            .last()
            .is_some_and(|&(written, _)| written >= level)
        {
            self.open.pop();
        }
        let shown = self.open.last().map_or(u32::from(base), |&(_, s)| s) + 1;
        self.open.push((level, shown));
        shown
    }
}
