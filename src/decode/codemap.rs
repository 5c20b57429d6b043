//! A font's map from character codes to what they mean (ToUnicode text) or how wide they
//! are (`/W`), built from single entries and from ranges kept as ranges: a `bfrange` or a
//! `W` range over 65,536 codes is one entry, never 65,536, so what a font costs grows with
//! its bytes in the file, not with the codes its ranges span. Knows nothing of 决算 terms.

use rustc_hash::FxHashMap;

/// Codes → values: singles by code, ranges `lo..=hi` by their start.
#[derive(Debug)]
pub struct CodeMap<T> {
    singles: FxHashMap<u32, T>,
    /// `(lo, hi, value)`, sorted by `lo` once built ([`CodeMap::finish`]).
    ranges: Vec<(u32, u32, T)>,
}

impl<T> Default for CodeMap<T> {
    fn default() -> Self {
        CodeMap { singles: FxHashMap::default(), ranges: Vec::new() }
    }
}

/// Ranges looked at below the nearest start before a code is given up: overlapping ranges
/// (which no valid font has) are searched this far, so a lookup stays `O(log n)`.
const OVERLAP_SEARCH: usize = 8;

impl<T> CodeMap<T> {
    pub fn insert(&mut self, code: u32, value: T) {
        self.singles.insert(code, value);
    }

    pub fn insert_range(&mut self, lo: u32, hi: u32, value: T) {
        if lo <= hi {
            self.ranges.push((lo, hi, value));
        }
    }

    /// Sorts the ranges for lookup; call once the map is complete.
    pub fn finish(&mut self) {
        self.ranges.sort_by_key(|r| r.0);
    }

    /// The value for `code` and the code's offset in its range (0 for a single entry): a
    /// single entry wins over a range.
    pub fn get(&self, code: u32) -> Option<(&T, u32)> {
        if let Some(v) = self.singles.get(&code) {
            return Some((v, 0));
        }
        let i = self.ranges.partition_point(|r| r.0 <= code);
        self.ranges[..i].iter().rev().take(OVERLAP_SEARCH).find(|r| code <= r.1).map(|r| (&r.2, code - r.0))
    }

    /// Entries held: singles and ranges (what the map costs).
    pub fn len(&self) -> usize {
        self.singles.len() + self.ranges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::CodeMap;

    #[test]
    fn singles_win_over_ranges_and_ranges_give_the_offset() {
        let mut m = CodeMap::default();
        m.insert_range(0x10, 0xFFFF, 'a');
        m.insert_range(0x2, 0x5, 'b');
        m.insert(0x20, 'c');
        m.insert_range(9, 3, 'x'); // empty: ignored
        m.finish();
        assert_eq!(m.get(0x20), Some((&'c', 0)));
        assert_eq!(m.get(0x21), Some((&'a', 0x11)));
        assert_eq!(m.get(0x4), Some((&'b', 2)));
        assert_eq!(m.get(0x6), None);
        assert_eq!(m.get(0x1_0000), None);
        assert_eq!(m.len(), 3);
    }

    #[test]
    fn a_short_range_inside_a_long_one_is_found_and_the_long_one_around_it() {
        let mut m = CodeMap::default();
        m.insert_range(0, 1000, 1);
        m.insert_range(10, 12, 2);
        m.finish();
        assert_eq!(m.get(11), Some((&2, 1)));
        assert_eq!(m.get(500), Some((&1, 500)), "below the nearest start, within the search");
    }
}
