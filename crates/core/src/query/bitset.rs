//! A fixed-size set of item positions, one bit each: the currency of filter evaluation.
//!
//! At 100,000 items a set is 1,563 words, so intersecting a handful of them costs microseconds,
//! far less than merging sorted id lists of very different lengths would.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    pub fn empty(len: usize) -> Self {
        Bitset {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    pub fn full(len: usize) -> Self {
        let mut b = Bitset {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        if !len.is_multiple_of(64) {
            if let Some(last) = b.words.last_mut() {
                *last = (1u64 << (len % 64)) - 1;
            }
        }
        b
    }

    pub fn from_ids(len: usize, ids: &[u32]) -> Self {
        let mut b = Bitset::empty(len);
        b.insert_all(ids);
        b
    }

    /// The number of positions the set ranges over (not the number of members).
    pub fn capacity(&self) -> usize {
        self.len
    }

    pub fn insert(&mut self, i: u32) {
        let i = i as usize;
        if i < self.len {
            self.words[i / 64] |= 1 << (i % 64);
        }
    }

    pub fn insert_all(&mut self, ids: &[u32]) {
        for &i in ids {
            self.insert(i);
        }
    }

    /// Adds the members of a set stored as bare words (the same capacity as this one).
    pub fn or_words(&mut self, words: &[u64]) {
        for (a, b) in self.words.iter_mut().zip(words) {
            *a |= b;
        }
    }

    pub fn contains(&self, i: u32) -> bool {
        let i = i as usize;
        i < self.len && self.words[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn and_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        Self::bits(self.words.iter().copied())
    }

    /// Positions below the capacity that are not members, in increasing order.
    pub fn iter_missing(&self) -> impl Iterator<Item = u32> + '_ {
        let full = Bitset::full(self.len).words;
        Self::bits(self.words.iter().zip(full).map(|(&w, f)| !w & f))
    }

    fn bits(words: impl Iterator<Item = u64>) -> impl Iterator<Item = u32> {
        words.enumerate().flat_map(|(wi, w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let bit = w.trailing_zeros();
                w &= w - 1;
                Some(wi as u32 * 64 + bit)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_sets_hold_exactly_their_length() {
        for len in [0, 1, 63, 64, 65, 130] {
            let b = Bitset::full(len);
            assert_eq!(b.count(), len);
            assert_eq!(b.iter().last(), len.checked_sub(1).map(|l| l as u32));
        }
    }

    #[test]
    fn intersection_and_iteration_agree() {
        let mut a = Bitset::from_ids(200, &[1, 5, 64, 130, 199]);
        let b = Bitset::from_ids(200, &[5, 64, 131, 199, 250]);
        a.and_with(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![5, 64, 199]);
        assert!(a.contains(64) && !a.contains(1) && !a.contains(999));
        let c = Bitset::from_ids(66, &(0..66).filter(|i| i % 5 != 0).collect::<Vec<_>>());
        let missing: Vec<u32> = c.iter_missing().collect();
        assert_eq!(missing, (0..66).filter(|i| i % 5 == 0).collect::<Vec<_>>());
    }
}
