//! Where in the source file each piece of a unit's text sits: the line to cite.
//!
//! A unit's text is re-flowed (PDF hard wraps joined, footnote markers removed, table cells
//! joined with ` | `), so a position in it is not a line of the file. Both sides are
//! compared by their letters only (folded, lower case), which wraps, blank lines, markers,
//! digits and markdown do not change:
//!
//! - [`LineFinder`] holds the letters of a whole file with the line of each (built once per
//!   file at indexing);
//! - [`LineMap`] is built once per unit at indexing time by walking the unit's letters
//!   along the file's from the unit's first line ([`LineMap::build`]): for each source line
//!   the unit's text crosses, the index of its first letter there. It is stored with the
//!   unit, so a search gives the line of a match without reading the file again.

use super::Report;
use crate::analysis;

/// The letters of `text`, each as its lower-case base letter ([`analysis::base_letter`]).
fn folded_letters(text: &str) -> Vec<char> {
    text.chars().filter_map(analysis::base_letter).collect()
}

/// Letters of a sentence's beginning used to find it.
const KEY_LETTERS: usize = 48;
/// Shortest beginning tried when the whole key is not found (a footnote body printed in
/// the middle of the paragraph, in the clean layout, breaks the letters of the line):
/// long enough to be specific within one unit's lines.
const MIN_KEY_LETTERS: usize = 16;

/// Where `key`, or its longest beginning of at least [`MIN_KEY_LETTERS`] letters (halving
/// from [`KEY_LETTERS`]), first occurs in `hay`.
fn find_key(hay: &[char], key: &[char]) -> Option<usize> {
    let mut len = key.len().min(KEY_LETTERS);
    while len > 0 {
        if let Some(p) = hay.windows(len).position(|w| w == &key[..len]) {
            return Some(p);
        }
        if len <= MIN_KEY_LETTERS {
            return None;
        }
        len = (len / 2).max(MIN_KEY_LETTERS);
    }
    None
}

/// The letters of a report file's text (folded, lower case) with the 1-based line of each.
#[derive(Debug, Clone, Default)]
pub struct LineFinder {
    letters: Vec<char>,
    lines: Vec<u32>,
}

impl LineFinder {
    /// Indexes the letters of a report file's text.
    pub fn new(source: &str) -> Self {
        let mut letters = Vec::with_capacity(source.len() / 2);
        let mut lines = Vec::with_capacity(source.len() / 2);
        let mut line: u32 = 1;
        for c in source.chars() {
            if c == '\n' {
                line = line.saturating_add(1);
            } else if let Some(l) = analysis::base_letter(c) {
                letters.push(l);
                lines.push(line);
            }
        }
        Self { letters, lines }
    }

    /// Index of the first letter on line `from` or after it.
    fn first_letter_from(&self, from: usize) -> usize {
        self.lines.partition_point(|&l| (l as usize) < from)
    }
}

/// The line maps of a report's units, in the order of its sections and footnotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMaps {
    /// One per section of the report.
    pub sections: Vec<LineMap>,
    /// One per footnote of the report.
    pub footnotes: Vec<LineMap>,
}

impl LineMaps {
    /// The maps of `report`'s units, parsed from `text` (the text whose lines their
    /// `line_start` count).
    pub fn of(report: &Report, text: &str) -> LineMaps {
        let finder = LineFinder::new(text);
        LineMaps {
            sections: report
                .sections
                .iter()
                .map(|s| LineMap::build(&finder, s.line_start, &s.text))
                .collect(),
            footnotes: report
                .footnotes
                .iter()
                .map(|n| LineMap::build(&finder, n.line_start, &n.text))
                .collect(),
        }
    }
}

/// Most file letters looked through, past the current place, to find where a unit's text
/// goes on after letters the file does not hold there: a page's footnote block or running
/// header sits between two lines of a paragraph, a few thousand letters at most.
const RESYNC_WINDOW: usize = 20_000;
/// Most failed searches for the text's continuation in one unit before the rest of it is
/// left on the last line found: bounds the work for a text the file does not hold (a unit
/// built from several places, a converter that changed the words).
const MAX_LOST: usize = 64;

/// For each source line a unit's text crosses, the index (among the text's folded letters)
/// of its first letter on that line, in text order; lines never decrease.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    points: Vec<(u32, u32)>,
}

impl LineMap {
    /// Walks the letters of `text` (a unit's text) along the file's from line `from` (the
    /// unit's first line): letters that agree advance both; where the file holds letters
    /// the text does not (a heading, a footnote block, a running header), the text's next
    /// letters are looked for further on (within [`RESYNC_WINDOW`]); letters of the text
    /// the file does not hold are skipped.
    pub fn build(finder: &LineFinder, from: usize, text: &str) -> LineMap {
        let unit = folded_letters(text);
        let file = &finder.letters;
        let mut points: Vec<(u32, u32)> = Vec::new();
        let (mut i, mut j) = (0usize, finder.first_letter_from(from.max(1)));
        let mut lost = 0;
        // Whether the text's next letters must be looked for in the file (at the start and
        // after a disagreement) rather than compared with the file's next letters; the
        // first letters of each new line are checked before they are taken.
        let mut check = true;
        while i < unit.len() && j < file.len() {
            let line = finder.lines[j];
            let new_line = points.last().is_none_or(|&(_, l)| l != line);
            if check {
                // Where the text goes on: its next letters (up to a sentence's beginning,
                // longer than a heading that repeats its first words) looked for ahead.
                let end = (j + RESYNC_WINDOW).min(file.len());
                match find_key(&file[j..end], &unit[i..]) {
                    Some(p) => {
                        j += p;
                        check = false;
                    }
                    None => {
                        lost += 1;
                        if lost > MAX_LOST {
                            break;
                        }
                        // Skip the text's letters up to the next place worth a try.
                        i += MIN_KEY_LETTERS.min(unit.len() - i);
                    }
                }
                continue;
            }
            if new_line {
                let k = MIN_KEY_LETTERS.min(unit.len() - i);
                if file.get(j..j + k) != Some(&unit[i..i + k]) {
                    check = true;
                    continue;
                }
                points.push((u32::try_from(i).unwrap_or(u32::MAX), line));
            }
            if file[j] == unit[i] {
                i += 1;
                j += 1;
            } else {
                check = true;
            }
        }
        LineMap { points }
    }

    /// Whether nothing of the text was found in the file.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The line of the text's letter number `letter` (0-based, among its folded letters):
    /// that of the last mapped letter at or before it; None when nothing is mapped.
    pub fn line_of_letter(&self, letter: usize) -> Option<usize> {
        let k = self
            .points
            .partition_point(|&(at, _)| (at as usize) <= letter);
        self.points
            .get(k.saturating_sub(1))
            .map(|&(_, line)| line as usize)
    }

    /// The line where the text from byte `at` on begins (`at` on a char boundary of `text`,
    /// the unit's text this map was built from).
    pub fn line_at(&self, text: &str, at: usize) -> Option<usize> {
        let head = text.get(..at)?;
        self.line_of_letter(folded_letters(head).len())
    }

    /// The line where `piece` (a sentence of the unit's text) begins: its letters looked
    /// for among the text's.
    pub fn line_of(&self, text: &str, piece: &str) -> Option<usize> {
        if let Some(at) = text.find(piece) {
            return self.line_at(text, at);
        }
        let p = find_key(&folded_letters(text), &folded_letters(piece))?;
        self.line_of_letter(p)
    }

    /// The map as bytes: LEB128 varints of the differences between consecutive points
    /// (letters, then lines), so that a typical map costs 2–3 bytes a line.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.points.len() * 3);
        let (mut at, mut line) = (0u32, 0u32);
        for &(a, l) in &self.points {
            put_varint(&mut out, a - at);
            put_varint(&mut out, l - line);
            (at, line) = (a, l);
        }
        out
    }

    /// The map from [`LineMap::to_bytes`]; bytes that do not decode give the points read
    /// up to there (a damaged map only loses precision, never fails a search).
    pub fn from_bytes(bytes: &[u8]) -> LineMap {
        let mut points = Vec::new();
        let (mut at, mut line) = (0u32, 0u32);
        let mut rest = bytes;
        while !rest.is_empty() {
            let (Some(da), Some(dl)) = (get_varint(&mut rest), get_varint(&mut rest)) else {
                break;
            };
            let (Some(a), Some(l)) = (at.checked_add(da), line.checked_add(dl)) else {
                break;
            };
            (at, line) = (a, l);
            points.push((at, line));
        }
        LineMap { points }
    }
}

fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn get_varint(rest: &mut &[u8]) -> Option<u32> {
    let mut n: u32 = 0;
    for shift in (0..35).step_by(7) {
        let (&b, tail) = rest.split_first()?;
        *rest = tail;
        n |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b < 0x80 {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "I. MỞ ĐẦU\n\nTập trung triển khai gieo trồng vụ Đông, tổng diện tích gieo trồng ước \n\nđạt 3.666 ha1; các đối tượng dịch hại có sự biến động nhẹ. Đàn gia súc, gia cầm \n\ncơ bản phát triển ổn định2; trong tháng thực hiện tiêm phòng";

    #[test]
    fn a_finder_holds_each_letter_with_its_line() {
        let finder = LineFinder::new(FILE);
        let first: String = finder.letters[..8].iter().collect();
        assert_eq!(first, "imodauta");
        assert_eq!(&finder.lines[..6], &[1, 1, 1, 1, 1, 1]);
        assert_eq!(finder.lines[6], 3);
        assert_eq!(finder.first_letter_from(3), 6);
        assert_eq!(finder.first_letter_from(100), finder.letters.len());
    }

    const TEXT: &str = "Tập trung triển khai gieo trồng vụ Đông, tổng diện tích gieo trồng ước đạt 3.666 ha; các đối tượng dịch hại có sự biến động nhẹ. Đàn gia súc, gia cầm cơ bản phát triển ổn định; trong tháng thực hiện tiêm phòng";

    #[test]
    fn a_map_gives_the_line_of_every_part_of_the_text_past_its_heading() {
        let map = LineMap::build(&LineFinder::new(FILE), 1, TEXT);
        assert_eq!(map.line_at(TEXT, 0), Some(3));
        let at = TEXT.find("đạt 3.666").unwrap();
        assert_eq!(map.line_at(TEXT, at), Some(5));
        assert_eq!(map.line_of(TEXT, "Đàn gia súc, gia cầm"), Some(5));
        assert_eq!(map.line_of(TEXT, "cơ bản phát triển"), Some(7));
        let at = TEXT.find("tiêm phòng").unwrap();
        assert_eq!(map.line_at(TEXT, at), Some(7));
        assert_eq!(map.line_of(TEXT, "Không có câu này trong văn bản"), None);
    }

    #[test]
    fn the_first_words_are_not_taken_from_a_heading_that_repeats_them() {
        let file = "1. Giải ngân vốn đầu tư công\nGiải ngân vốn đầu tư công đạt 51,8% kế hoạch vốn\nđược giao.";
        let text = "Giải ngân vốn đầu tư công đạt 51,8% kế hoạch vốn được giao.";
        let map = LineMap::build(&LineFinder::new(file), 1, text);
        assert_eq!(map.line_at(text, 0), Some(2));
        assert_eq!(map.line_of(text, "được giao"), Some(3));
    }

    #[test]
    fn letters_the_file_holds_between_two_lines_are_stepped_over() {
        // A page's footnote block and running header inside a paragraph.
        let file = "II. KẾT QUẢ\nCông tác cải cách hành chính được triển khai\n1 Theo Kế hoạch số 12/KH-UBND ngày 5 tháng 1\nBÁO CÁO TÌNH HÌNH KINH TẾ\nđồng bộ trên các lĩnh vực của tỉnh.";
        let text =
            "Công tác cải cách hành chính được triển khai đồng bộ trên các lĩnh vực của tỉnh.";
        let map = LineMap::build(&LineFinder::new(file), 1, text);
        assert_eq!(map.line_of(text, "đồng bộ trên các lĩnh vực"), Some(5));
        assert_eq!(map.line_at(text, 0), Some(2));
    }

    #[test]
    fn text_the_file_does_not_hold_maps_to_nothing() {
        let map = LineMap::build(&LineFinder::new(FILE), 1, "Một đoạn văn hoàn toàn khác hẳn");
        assert!(map.is_empty());
        assert_eq!(map.line_at("Một đoạn", 0), None);
    }

    #[test]
    fn maps_survive_their_bytes_and_damaged_bytes_do_not_fail() {
        let map = LineMap::build(&LineFinder::new(FILE), 1, TEXT);
        let bytes = map.to_bytes();
        assert!(bytes.len() <= 3 * 2 * 4, "{} bytes", bytes.len());
        assert_eq!(LineMap::from_bytes(&bytes), map);
        let cut = LineMap::from_bytes(&bytes[..bytes.len() - 1]);
        assert!(cut.points.len() < map.points.len());
        let _ = LineMap::from_bytes(&[0xff; 40]);
    }
}
