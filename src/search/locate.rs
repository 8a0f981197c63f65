//! Where in a report's source file a piece of a unit's text sits: the line to cite.
//!
//! The stored text of a section is re-flowed (PDF hard wraps joined, footnote markers
//! removed), so a position in it is not a line of the file. [`LineFinder`] compares
//! letters only (folded, lower-case) between the unit's text and the file's text, which
//! line wraps, blank lines, markers and markdown do not change. The file is read the way
//! the indexer read it ([`crate::report::formats::read`]), so line numbers are those of
//! `line_start` (for `.docx`/`.pdf`/`.doc`: lines of the extracted text).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::analysis;

/// Finds the line of a report file where a sentence begins, comparing letters only
/// (folded, lower-case), so that line wraps, blank lines, footnote markers, markdown and
/// spacing of the PDF-extracted layout do not matter.
#[derive(Debug, Clone)]
pub struct LineFinder {
    letters: Vec<char>,
    lines: Vec<usize>,
}

/// Letters of a sentence's beginning used to find it.
const KEY_LETTERS: usize = 48;
/// Shortest beginning tried when the whole key is not found (a footnote body printed in
/// the middle of the paragraph, in the clean layout, breaks the letters of the line):
/// long enough to be specific within one unit's lines.
const MIN_KEY_LETTERS: usize = 16;

fn folded_letters(text: &str) -> impl Iterator<Item = char> {
    analysis::fold(text)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
}

impl LineFinder {
    /// Indexes the letters of a report file's text.
    pub fn new(source: &str) -> Self {
        let mut letters = Vec::new();
        let mut lines = Vec::new();
        for (i, line) in source.lines().enumerate() {
            for c in folded_letters(line) {
                letters.push(c);
                lines.push(i + 1);
            }
        }
        Self { letters, lines }
    }

    /// The 1-based line where `sentence` begins, searching from line `from` on.
    pub fn find(&self, from: usize, sentence: &str) -> Option<usize> {
        let key: Vec<char> = folded_letters(sentence).take(KEY_LETTERS).collect();
        let mut len = key.len();
        while len > 0 {
            if let Some(line) = self.find_key(from, &key[..len]) {
                return Some(line);
            }
            if len <= MIN_KEY_LETTERS {
                return None;
            }
            len = (len / 2).max(MIN_KEY_LETTERS);
        }
        None
    }

    fn find_key(&self, from: usize, key: &[char]) -> Option<usize> {
        let begin = self.lines.partition_point(|&l| l < from);
        self.letters[begin..]
            .windows(key.len())
            .position(|w| w == key)
            .map(|p| self.lines[begin + p])
    }
}

/// Most distinct source files read to locate match lines for one request: each may need
/// an external converter (`pdftotext`), so a page of hits from hundreds of PDFs falls back
/// to the units' first lines past this many files.
pub const MAX_LOCATED_FILES: usize = 50;

/// Source texts read for one request, by path (None when unreadable).
#[derive(Default)]
pub struct SourceTexts {
    finders: HashMap<PathBuf, Option<LineFinder>>,
}

impl SourceTexts {
    /// The finder of the file at `path`, reading it on first use.
    pub fn finder(&mut self, path: &Path) -> Option<&LineFinder> {
        if !self.finders.contains_key(path) {
            let finder = (self.finders.len() < MAX_LOCATED_FILES)
                .then(|| crate::report::formats::read(path).ok())
                .flatten()
                .map(|ingested| LineFinder::new(&ingested.text));
            self.finders.insert(path.to_path_buf(), finder);
        }
        self.finders.get(path)?.as_ref()
    }

    /// The line where `text` (a piece of a unit's text) begins in the source `path`,
    /// looking from line `from` up to line `to` (no bound when `to < from`).
    pub fn line_of(&mut self, path: &Path, from: usize, to: usize, text: &str) -> Option<usize> {
        let line = self.finder(path)?.find(from.max(1), text)?;
        (to < from || line <= to).then_some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_finder_reads_through_wraps_and_markers() {
        let file = "I. MỞ ĐẦU\n\nTập trung triển khai gieo trồng vụ Đông, tổng diện tích gieo trồng ước \n\nđạt 3.666 ha1; các đối tượng dịch hại có sự biến động nhẹ. Đàn gia súc, gia cầm \n\ncơ bản phát triển ổn định2; trong tháng thực hiện tiêm phòng";
        let finder = LineFinder::new(file);
        assert_eq!(
            finder.find(1, "Tập trung triển khai gieo trồng vụ Đông, tổng diện tích"),
            Some(3)
        );
        assert_eq!(
            finder.find(
                1,
                "Đàn gia súc, gia cầm cơ bản phát triển ổn định; trong tháng"
            ),
            Some(5)
        );
        assert_eq!(finder.find(6, "Đàn gia súc, gia cầm cơ bản"), None);
        assert_eq!(finder.find(1, "Không có câu này trong văn bản"), None);
        assert_eq!(finder.find(1, "12,5%"), None);
    }

    #[test]
    fn line_finder_reads_decomposed_text() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "dòng một\nGiải ngân vốn đầu tư công".nfd().collect();
        assert_eq!(LineFinder::new(&nfd).find(1, "Giải ngân vốn"), Some(2));
    }
}
