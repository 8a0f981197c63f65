//! Rendering of `baocao figures`: an aligned table, CSV (RFC 4180) or JSON.

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::figures::{format_vi, FigureRow, FiguresPage};
use crate::search::Kind;

/// Display columns of sentence shown before a figure in the table.
const BEFORE: usize = 36;
/// Display columns of sentence shown from a figure on in the table.
const AFTER: usize = 60;

/// `figures --json`: `{"schema","query","total","offset","units","units_read","figures":[…]}`.
#[derive(Debug, Serialize)]
pub struct FiguresJson<'a> {
    /// Version of the JSON contract (docs/json.md).
    pub schema: u32,
    /// The query as given.
    pub query: &'a str,
    /// Figures in all the matching units.
    pub total: usize,
    /// Index of the first figure of this page.
    pub offset: usize,
    /// Matching units (sections and footnotes).
    pub units: usize,
    /// Matching units whose figures are counted and listed: the best ranked, at most
    /// [`crate::figures::MAX_FIGURE_UNITS`].
    pub units_read: usize,
    /// The page of figure rows, in rank order, then in text order.
    pub figures: Vec<FigureRowJson<'a>>,
}

/// One row of `figures --json` (docs/json.md): a [`FigureRow`] under its contract's names.
#[derive(Debug, Serialize)]
pub struct FigureRowJson<'a> {
    /// The number's value.
    pub value: f64,
    /// Canonical unit.
    pub unit: &'a str,
    /// The figure as written.
    pub raw: &'a str,
    /// The whole sentence holding it.
    pub sentence: &'a str,
    /// Id of the report.
    pub doc_id: &'a str,
    /// File name of the report.
    pub file: &'a str,
    /// Id of the section or footnote.
    pub section_id: &'a str,
    /// Section path.
    pub path: &'a [String],
    /// Period of the figure (the one its sentence names, else the report's).
    pub period: &'a str,
    /// Period of the report.
    pub report_period: &'a str,
    /// Years of the report.
    pub years: &'a [i32],
    /// `section` or `footnote`.
    pub kind: &'static str,
    /// 1-based line of the sentence in the report file.
    pub line: usize,
    /// Byte offset of `raw` in `sentence` (UTF-8).
    pub byte_start: usize,
    /// Byte end of `raw` in `sentence` (UTF-8).
    pub byte_end: usize,
    /// For a count out of a total, the total; null otherwise.
    pub out_of: Option<f64>,
    /// Absolute path of the report file when indexed from disk.
    pub source: Option<&'a str>,
}

impl<'a> From<&'a FigureRow> for FigureRowJson<'a> {
    fn from(r: &'a FigureRow) -> Self {
        FigureRowJson {
            value: r.value,
            unit: &r.unit,
            raw: &r.raw,
            sentence: &r.sentence,
            doc_id: &r.doc_id,
            file: &r.file,
            section_id: &r.section_id,
            path: &r.path,
            period: &r.period,
            report_period: &r.report_period,
            years: &r.years,
            kind: r.kind.as_str(),
            line: r.line,
            byte_start: r.start,
            byte_end: r.end,
            out_of: r.out_of,
            source: r.source.as_deref(),
        }
    }
}

/// The `figures --json` document of a page of figures.
pub fn json<'a>(query: &'a str, page: &'a FiguresPage) -> FiguresJson<'a> {
    FiguresJson {
        schema: super::json::SCHEMA,
        query,
        total: page.total,
        offset: page.offset,
        units: page.units,
        units_read: page.units_read,
        figures: page.rows.iter().map(FigureRowJson::from).collect(),
    }
}

/// Writes the JSON document, one line: `total` figures in all, this page from `offset`.
pub fn write_json(out: &mut impl Write, query: &str, page: &FiguresPage) -> io::Result<()> {
    super::json::write(out, &json(query, page))
}

/// The human output: the table, then which figures of how many were shown; or one line
/// saying that nothing matched.
pub fn write_text(
    out: &mut impl Write,
    p: &super::Painter,
    query: &str,
    page: &FiguresPage,
) -> io::Result<()> {
    let (total, offset, rows) = (page.total, page.offset, page.rows.as_slice());
    let (units, units_read) = (page.units, page.units_read);
    let q = super::quote_query(query);
    let cut = if units_read < units {
        format!(
            " (in the best {units_read} of {}; narrow the query or filters for the rest)",
            super::plural(units as u64, "matching unit", "matching units")
        )
    } else {
        String::new()
    };
    if total == 0 {
        let why = if units == 0 {
            "no section or footnote matches".to_string()
        } else {
            format!(
                "none of the sentences of the {} holding its words has a number with a unit",
                super::plural(units as u64, "matching unit", "matching units")
            )
        };
        return writeln!(out, "No figures for {q}: {why}{cut}.");
    }
    if rows.is_empty() {
        return writeln!(
            out,
            "{} for {q}{cut}; none at offset {offset}.",
            super::plural(total as u64, "figure", "figures")
        );
    }
    write_table(out, rows, p.is_color())?;
    let last = offset + rows.len();
    let page = if last < total {
        format!(
            "{}–{last} of {} for {q}{cut} (next page: --offset {last})",
            offset + 1,
            super::plural(total as u64, "figure", "figures")
        )
    } else {
        format!(
            "{}–{last} of {} for {q}{cut}",
            offset + 1,
            super::plural(total as u64, "figure", "figures")
        )
    };
    writeln!(out, "\n{}", p.dim(&page))
}

/// The CSV header row (columns may be added at the end, never renamed or moved).
pub const CSV_HEADER: [&str; 15] = [
    "value",
    "unit",
    "raw",
    "sentence",
    "doc_id",
    "file",
    "line",
    "section_id",
    "path",
    "period",
    "years",
    "kind",
    "value_vi",
    "report_period",
    "out_of",
];

/// Writes CSV (RFC 4180: comma separated, `"` quoted when needed, CRLF line ends, UTF-8)
/// with a header row. `value` is a plain decimal (`1236.87`) for spreadsheets and
/// scripts, `value_vi` the Vietnamese notation (`1.236,87`); `path` joins labels with
/// ` > `, `years` with `;`.
pub fn write_csv(out: &mut impl Write, rows: &[FigureRow]) -> Result<(), csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(CSV_HEADER)?;
    for r in rows {
        let years: Vec<String> = r.years.iter().map(i32::to_string).collect();
        w.write_record([
            r.value.to_string().as_str(),
            &r.unit,
            &r.raw,
            &r.sentence,
            &r.doc_id,
            &r.file,
            &r.line.to_string(),
            &r.section_id,
            &r.path.join(" > "),
            &r.period,
            &years.join(";"),
            r.kind.as_str(),
            &format_vi(r.value),
            &r.report_period,
            &r.out_of.map(|v| v.to_string()).unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Where a row sits in its report: `II > 1 > 1.3`, or `II > 1 > 1.3 ^6` for a footnote.
fn section_label(r: &FigureRow) -> String {
    let path = r.path.join(" > ");
    if r.kind == Kind::Footnote {
        let number = r.section_id.rsplit('^').next().unwrap_or_default();
        if path.is_empty() {
            format!("^{number}")
        } else {
            format!("{path} ^{number}")
        }
    } else {
        path
    }
}

/// The end of the longest prefix of `s` at most `cols` display columns wide.
fn take_cols(s: &str, cols: usize) -> usize {
    let mut width = 0;
    for (i, c) in s.char_indices() {
        width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width > cols {
            return i;
        }
    }
    s.len()
}

/// The start of the longest suffix of `s` at most `cols` display columns wide.
fn take_cols_back(s: &str, cols: usize) -> usize {
    let mut width = 0;
    for (i, c) in s.char_indices().rev() {
        width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width > cols {
            return i + c.len_utf8();
        }
    }
    0
}

/// The part of the sentence around the figure, cut on word boundaries, the figure marked
/// (bold when `color`, else between `[` `]`).
fn excerpt(r: &FigureRow, color: bool) -> String {
    let s = &r.sentence;
    let (start, end) = (r.start.min(s.len()), r.end.min(s.len()));
    let before = &s[..start];
    let mut from = take_cols_back(before, BEFORE);
    if from > 0 && !before[..from].ends_with(char::is_whitespace) {
        // Cut inside a word: start at the next word.
        from = before[from..]
            .find(char::is_whitespace)
            .map_or(before.len(), |i| from + i);
    }
    let after = &s[end..];
    let room = AFTER.saturating_sub(r.raw.width());
    let mut to = take_cols(after, room);
    if to < after.len() && !after[to..].starts_with(char::is_whitespace) {
        // Cut inside a word: end at the previous word.
        to = after[..to].rfind(char::is_whitespace).unwrap_or(0);
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(before[from..].trim_start());
    if color {
        out.push_str("\x1b[1;33m");
        out.push_str(&s[start..end]);
        out.push_str("\x1b[0m");
    } else {
        out.push('[');
        out.push_str(&s[start..end]);
        out.push(']');
    }
    out.push_str(after[..to].trim_end());
    if to < after.len() {
        out.push('…');
    }
    out
}

fn pad(out: &mut String, text: &str, width: usize, right: bool) {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        out.push_str(&fill);
        out.push_str(text);
    } else {
        out.push_str(text);
        out.push_str(&fill);
    }
}

/// Writes the rows as an aligned table (display widths, so Vietnamese letters align):
/// value (Vietnamese notation), unit, period, section, file:line, and the sentence around
/// the figure.
pub fn write_table(out: &mut impl Write, rows: &[FigureRow], color: bool) -> io::Result<()> {
    let header = [
        "VALUE",
        "UNIT",
        "PERIOD",
        "SECTION",
        "FILE:LINE",
        "SENTENCE",
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                format_vi(r.value),
                r.unit.clone(),
                r.period.clone(),
                section_label(r),
                format!(
                    "{}:{}",
                    super::display_path(r.source.as_deref().map(std::path::Path::new), &r.file),
                    r.line
                ),
                excerpt(r, color),
            ]
        })
        .collect();
    let mut widths = header.map(str::width);
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row.iter()).take(5) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cols: [&str; 6]| -> String {
        let mut s = String::new();
        for (i, (cell, width)) in cols.iter().zip(widths).enumerate() {
            if i == 5 {
                s.push_str(cell);
            } else {
                pad(&mut s, cell, width, i == 0);
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    if color {
        writeln!(out, "\x1b[1m{}\x1b[0m", line(header))?;
    } else {
        writeln!(out, "{}", line(header))?;
    }
    for row in &cells {
        writeln!(
            out,
            "{}",
            line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]])
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(value: f64, unit: &str, raw: &str, sentence: &str) -> FigureRow {
        let start = sentence.find(raw).unwrap();
        FigureRow {
            value,
            unit: unit.into(),
            raw: raw.into(),
            sentence: sentence.into(),
            doc_id: "000_15b6f46b6783cbe2".into(),
            file: "000_15b6f46b6783cbe2.txt".into(),
            section_id: "000_15b6f46b6783cbe2#II.1.3".into(),
            path: vec!["II".into(), "1".into(), "1.3".into()],
            period: "2024-02".into(),
            years: vec![2024],
            kind: Kind::Section,
            line: 50,
            start,
            end: start + raw.len(),
            report_period: "2024-02".into(),
            out_of: None,
            source: None,
        }
    }

    fn rows() -> Vec<FigureRow> {
        let s = "Kết quả giải ngân ước đạt 400 tỷ đồng, đạt 11,6% kế hoạch; “trích dẫn”, phẩy.";
        let mut foot = row(
            1236.87,
            "tỷ đồng",
            "1.236,87 tỷ đồng",
            "Lũy kế đạt 1.236,87 tỷ đồng.",
        );
        foot.kind = Kind::Footnote;
        foot.section_id = "000_15b6f46b6783cbe2^6".into();
        vec![
            row(400.0, "tỷ đồng", "400 tỷ đồng", s),
            row(11.6, "%", "11,6%", s),
            foot,
        ]
    }

    #[test]
    fn json_has_the_contract_fields() {
        let mut out = Vec::new();
        let page = FiguresPage {
            total: 3,
            offset: 0,
            units: 2,
            units_read: 2,
            rows: rows(),
        };
        write_json(&mut out, "giải ngân", &page).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["query"], "giải ngân");
        assert_eq!(
            (v["schema"].as_u64(), v["total"].as_u64()),
            (Some(1), Some(3))
        );
        let f = &v["figures"][0];
        assert_eq!(f["value"], 400.0);
        assert_eq!(f["unit"], "tỷ đồng");
        assert_eq!(f["raw"], "400 tỷ đồng");
        for key in [
            "sentence",
            "doc_id",
            "file",
            "section_id",
            "path",
            "period",
            "years",
        ] {
            assert!(!f[key].is_null(), "{key}");
        }
        assert_eq!(f["path"], serde_json::json!(["II", "1", "1.3"]));
        assert_eq!(f["years"], serde_json::json!([2024]));
        let sentence = f["sentence"].as_str().unwrap();
        let (a, b) = (
            f["byte_start"].as_u64().unwrap() as usize,
            f["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&sentence[a..b], "400 tỷ đồng");
    }

    #[test]
    fn csv_reads_back() {
        let mut out = Vec::new();
        write_csv(&mut out, &rows()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\r\n"));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            CSV_HEADER
        );
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 3);
        assert_eq!(&records[0][0], "400");
        assert_eq!(&records[0][1], "tỷ đồng");
        assert!(records[0][3].contains("“trích dẫn”, phẩy."));
        assert_eq!(&records[0][8], "II > 1 > 1.3");
        assert_eq!(&records[2][0], "1236.87");
        assert_eq!(&records[2][12], "1.236,87");
    }

    #[test]
    fn table_is_aligned_by_display_width() {
        let mut out = Vec::new();
        write_table(&mut out, &rows(), false).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        // The sentence column starts at the same display column on every line.
        let col = |l: &str, needle: &str| l[..l.find(needle).unwrap()].width();
        let c = col(lines[0], "SENTENCE");
        assert_eq!(col(lines[1], "Kết quả"), c);
        assert_eq!(col(lines[2], "…"), c);
        assert_eq!(col(lines[3], "Lũy kế"), c);
        assert!(lines[1].contains("[400 tỷ đồng]"));
        assert!(lines[1].trim_start().starts_with("400  tỷ đồng"));
        assert!(lines[3].contains("1.236,87"));
        assert!(lines[3].contains("II > 1 > 1.3 ^6"), "{text}");
        assert!(lines[1].contains("000_15b6f46b6783cbe2.txt:50"));
    }

    #[test]
    fn long_sentences_are_cut_around_the_figure() {
        let long = format!(
            "{} đạt 400 tỷ đồng {}",
            "mở đầu ".repeat(30),
            "kết thúc ".repeat(30)
        );
        let r = row(400.0, "tỷ đồng", "400 tỷ đồng", &long);
        let e = excerpt(&r, false);
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        // Whole words only: every word of the excerpt is a word of the sentence.
        let inner = e.trim_matches('…').replace(['[', ']'], "");
        for w in inner.split_whitespace() {
            assert!(
                ["mở", "đầu", "đạt", "400", "tỷ", "đồng", "kết", "thúc"].contains(&w),
                "{e}"
            );
        }
        assert!(e.contains("[400 tỷ đồng]"));
        assert!(e.width() <= BEFORE + AFTER + 4);
        assert!(excerpt(&r, true).contains("\x1b[1;33m400 tỷ đồng\x1b[0m"));
    }
}
