//! Rendering of `baocao figures`: an aligned table, CSV (RFC 4180) or JSON.

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::figures::{format_vi, FigureRow};

/// Display columns of sentence shown before a figure in the table.
const BEFORE: usize = 36;
/// Display columns of sentence shown from a figure on in the table.
const AFTER: usize = 60;

/// `figures --json`: `{"query","figures":[…]}`.
#[derive(Debug, Serialize)]
pub struct FiguresJson<'a> {
    /// The query as given.
    pub query: &'a str,
    /// The figure rows, in rank order, then in text order.
    pub figures: &'a [FigureRow],
}

/// The `figures --json` document.
pub fn json<'a>(query: &'a str, rows: &'a [FigureRow]) -> FiguresJson<'a> {
    FiguresJson {
        query,
        figures: rows,
    }
}

/// Writes the `figures --json` document, one line.
pub fn write_json(out: &mut impl Write, query: &str, rows: &[FigureRow]) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &json(query, rows))?;
    writeln!(out)
}

/// The CSV header row.
pub const CSV_HEADER: [&str; 13] = [
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
            &r.kind,
            &format_vi(r.value),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Where a row sits in its report: `II > 1 > 1.3`, or `II > 1 > 1.3 ^6` for a footnote.
fn section_label(r: &FigureRow) -> String {
    let path = r.path.join(" > ");
    if r.kind == "footnote" {
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

/// The part of the sentence around the figure, the figure marked (bold when `color`,
/// else between `[` `]`).
fn excerpt(r: &FigureRow, color: bool) -> String {
    let s = &r.sentence;
    let (start, end) = (r.start.min(s.len()), r.end.min(s.len()));
    let before = &s[..start];
    let from = take_cols_back(before, BEFORE);
    let after = &s[end..];
    let room = AFTER.saturating_sub(r.raw.width());
    let to = take_cols(after, room);
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
                format!("{}:{}", r.file, r.line),
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
            kind: "section".into(),
            line: 50,
            start,
            end: start + raw.len(),
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
        foot.kind = "footnote".into();
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
        write_json(&mut out, "giải ngân", &rows()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["query"], "giải ngân");
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
        assert!(e.contains("[400 tỷ đồng]"));
        assert!(e.width() <= BEFORE + AFTER + 4);
        assert!(excerpt(&r, true).contains("\x1b[1;33m400 tỷ đồng\x1b[0m"));
    }
}
