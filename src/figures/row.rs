//! Figures with where they come from: the rows of `baocao figures`.

use super::{extract_row, sentences, QueryMatcher};
use crate::analysis;
use crate::search::Kind;
pub use crate::search::LineFinder;

/// The indexed unit (section or footnote) a text comes from, and its report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Source {
    /// Section or footnote.
    pub kind: Kind,
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
    /// Absolute path of the report file when indexed from disk.
    pub source: Option<String>,
}

/// One figure with its sentence and source. Its JSON form (`figures --json`, docs/json.md)
/// is [`crate::output::figures::FigureRowJson`].
#[derive(Debug, Clone, PartialEq)]
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
    /// Period of the figure: the one its sentence names (`đến hết tháng 02/2023` →
    /// `2023-02`), else the report's.
    pub period: String,
    /// Period of the report.
    pub report_period: String,
    /// Years of the report.
    pub years: Vec<i32>,
    /// Section or footnote.
    pub kind: Kind,
    /// 1-based line of the sentence in the report file (the unit's first line when the
    /// sentence could not be located).
    pub line: usize,
    /// Byte offset of `raw` in `sentence` (UTF-8), `byte_start` in JSON.
    pub start: usize,
    /// Byte end of `raw` in `sentence` (UTF-8), `byte_end` in JSON.
    pub end: usize,
    /// For a count out of a total (`44/63 mô hình`: 44), the total (63); null otherwise.
    pub out_of: Option<f64>,
    /// Absolute path of the report file when indexed from disk.
    pub source: Option<String>,
}

/// The figures of the sentences of `text` that match `matcher`, in text order: only
/// sentences that hold the query's words give figures, also when the section's heading
/// matched. `heading` (the heading of the section the text belongs to, empty when
/// unknown) only decides `heading:` words.
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
        let figures = extract_row(sentence);
        if figures.is_empty()
            || !matcher.matches_terms(&analysis::folded_terms(sentence), &heading_terms)
        {
            continue;
        }
        let period = super::period::figure_period(sentence, &source.years, &source.period);
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
                period: period.clone(),
                report_period: source.period.clone(),
                years: source.years.clone(),
                kind: source.kind,
                line: source.line,
                start: f.start,
                end: f.end,
                out_of: f.out_of,
                source: source.source.clone(),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_only_matching_sentences() {
        let source = Source {
            kind: Kind::Section,
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
        // The heading holding the words does not make every sentence a match.
        let under = rows_in_text(&m, text, "Giải ngân vốn đầu tư công", &source);
        assert_eq!(under.len(), 2);
    }
}
