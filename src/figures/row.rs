//! Figures with where they come from: the rows of `baocao figures`.

use serde::Serialize;

use super::{extract, sentences, QueryMatcher};
use crate::analysis;

/// The indexed unit (section or footnote) a text comes from, and its report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Source {
    /// `section` or `footnote`.
    pub kind: String,
    /// Id of the report.
    pub doc_id: String,
    /// File name of the report.
    pub file: String,
    /// Id of the unit: `doc_id#II.1.3` for a section, `doc_id^6` for a footnote.
    pub section_id: String,
    /// Path of the section (for a footnote: of the section that carries its marker).
    pub path: Vec<String>,
    /// Period the report covers: `2024-02`, `2024-Q3`, `2024`.
    pub period: String,
    /// Years the report covers.
    pub years: Vec<i32>,
    /// 1-based line where the unit starts in the report file.
    pub line: usize,
}

/// One figure with its sentence and source (SPEC §3, `figures --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRow {
    /// The number's value.
    pub value: f64,
    /// Canonical unit.
    pub unit: String,
    /// The figure as written.
    pub raw: String,
    /// The whole sentence holding it.
    pub sentence: String,
    /// Id of the report.
    pub doc_id: String,
    /// File name of the report.
    pub file: String,
    /// Id of the section or footnote.
    pub section_id: String,
    /// Section path.
    pub path: Vec<String>,
    /// Period of the report.
    pub period: String,
    /// Years of the report.
    pub years: Vec<i32>,
    /// `section` or `footnote`.
    pub kind: String,
    /// 1-based line of the sentence in the report file (the unit's first line when the
    /// sentence could not be located).
    pub line: usize,
    /// Byte offset of `raw` in `sentence` (UTF-8), `byte_start` in JSON.
    #[serde(rename = "byte_start")]
    pub start: usize,
    /// Byte end of `raw` in `sentence` (UTF-8), `byte_end` in JSON.
    #[serde(rename = "byte_end")]
    pub end: usize,
}

/// The figures of the sentences of `text` that match `matcher`, in text order. `heading`
/// is the heading of the section the text belongs to (empty when unknown): a sentence
/// matches with the help of its heading (see [`QueryMatcher::matches_in`]).
pub fn rows_in_text(
    matcher: &QueryMatcher,
    text: &str,
    heading: &str,
    source: &Source,
) -> Vec<FigureRow> {
    let heading_terms = analysis::folded_terms(heading);
    let mut rows = Vec::new();
    for (s, e) in sentences(text) {
        let sentence = &text[s..e];
        let figures = extract(sentence);
        if figures.is_empty()
            || !matcher.matches_terms(&analysis::folded_terms(sentence), &heading_terms)
        {
            continue;
        }
        for f in figures {
            rows.push(FigureRow {
                value: f.value,
                unit: f.unit,
                raw: f.raw,
                sentence: sentence.to_string(),
                doc_id: source.doc_id.clone(),
                file: source.file.clone(),
                section_id: source.section_id.clone(),
                path: source.path.clone(),
                period: source.period.clone(),
                years: source.years.clone(),
                kind: source.kind.clone(),
                line: source.line,
                start: f.start,
                end: f.end,
            });
        }
    }
    rows
}

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
        if key.is_empty() {
            return None;
        }
        let begin = self.lines.partition_point(|&l| l < from);
        self.letters[begin..]
            .windows(key.len())
            .position(|w| w == key.as_slice())
            .map(|p| self.lines[begin + p])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_only_matching_sentences() {
        let source = Source {
            kind: "section".into(),
            doc_id: "d".into(),
            section_id: "d#II.1.3".into(),
            line: 40,
            ..Source::default()
        };
        let text = "Thu ngân sách đạt 398 tỷ đồng. Giải ngân đạt 400 tỷ đồng, đạt 11,6% kế hoạch.\nTăng 5%.";
        let m = QueryMatcher::new("giai ngan").unwrap();
        let rows = rows_in_text(&m, text, "", &source);
        let got: Vec<(f64, &str)> = rows.iter().map(|r| (r.value, r.unit.as_str())).collect();
        assert_eq!(got, [(400.0, "tỷ đồng"), (11.6, "%")]);
        assert_eq!(
            rows[0].sentence,
            "Giải ngân đạt 400 tỷ đồng, đạt 11,6% kế hoạch."
        );
        assert_eq!(&rows[1].sentence[rows[1].start..rows[1].end], "11,6%");
        assert_eq!(rows[0].section_id, "d#II.1.3");
        assert_eq!(rows[0].line, 40);
        let under = rows_in_text(&m, text, "Giải ngân vốn đầu tư công", &source);
        assert_eq!(under.len(), 4);
    }

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
