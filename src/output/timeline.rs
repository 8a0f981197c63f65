//! Rendering of `baocao timeline`: a bar chart of block characters for a terminal, JSON and
//! CSV for scripts.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{plural, quote_query, Painter};
use crate::search::{Bucket, Timeline};

/// Narrowest bar area: below it the chart is not worth drawing.
const MIN_BAR_COLUMNS: usize = 10;
/// Partial blocks, from one eighth to seven eighths of a character cell.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/// A full block.
const FULL: char = '█';

/// What the bars measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Matching units.
    Units,
    /// Reports with a matching unit.
    Reports,
}

impl Measure {
    fn of(self, b: &Bucket) -> u64 {
        match self {
            Measure::Units => b.units,
            Measure::Reports => b.reports,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Measure::Units => "units",
            Measure::Reports => "reports",
        }
    }
}

/// A bar of `value / max` of `columns` cells, in eighths of a cell; at least one eighth
/// for a value above zero.
pub fn bar(value: u64, max: u64, columns: usize) -> String {
    if value == 0 || max == 0 {
        return String::new();
    }
    let eighths = ((value as f64 / max as f64) * (columns * 8) as f64).round() as usize;
    let eighths = eighths.clamp(1, columns * 8);
    let mut out: String = std::iter::repeat_n(FULL, eighths / 8).collect();
    if eighths % 8 > 0 {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

fn pad_right(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// The chart, `width` columns wide at most: a title line, a header, then one line per
/// bucket (value, reports, units, bar), columns aligned by display width.
pub fn chart(
    out: &mut impl io::Write,
    p: &Painter,
    t: &Timeline,
    measure: Measure,
    width: usize,
) -> io::Result<()> {
    out.write_all(chart_string(p, t, measure, width).as_bytes())
}

fn chart_string(p: &Painter, t: &Timeline, measure: Measure, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} by {}: {}, {} (bars: {})",
        quote_query(&t.query),
        t.by,
        plural(t.reports, "report", "reports"),
        plural(t.units, "unit", "units"),
        measure.name()
    );
    if t.units == 0 {
        let _ = writeln!(out, "No match.");
        return out;
    }
    let mut rows: Vec<(String, &Bucket)> = t.buckets.iter().map(|b| (b.value.clone(), b)).collect();
    if t.without.units > 0 {
        rows.push((format!("(no {})", t.by), &t.without));
    }
    let label_w = rows
        .iter()
        .map(|(l, _)| l.width())
        .chain([t.by.width()])
        .max()
        .unwrap_or(0);
    let num_w = |name: &str, f: fn(&Bucket) -> u64| {
        rows.iter()
            .map(|(_, b)| f(b).to_string().len())
            .chain([name.len()])
            .max()
            .unwrap_or(0)
    };
    let reports_w = num_w("reports", |b| b.reports);
    let units_w = num_w("units", |b| b.units);
    let fixed = label_w + 2 + reports_w + 2 + units_w + 2;
    let columns = width.saturating_sub(fixed).max(MIN_BAR_COLUMNS);
    let max = rows.iter().map(|(_, b)| measure.of(b)).max().unwrap_or(0);
    let header = format!(
        "{}  {}  {}",
        pad_right(&t.by, label_w),
        pad_left("reports", reports_w),
        pad_left("units", units_w)
    );
    let _ = writeln!(out, "\n{}", p.strong(&header));
    for (label, b) in &rows {
        let line = format!(
            "{}  {}  {}",
            pad_right(label, label_w),
            pad_left(&b.reports.to_string(), reports_w),
            pad_left(&b.units.to_string(), units_w)
        );
        let bar = bar(measure.of(b), max, columns);
        if bar.is_empty() {
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "{line}  {}", p.bar(&bar));
        }
    }
    out
}

/// `timeline --json`.
#[derive(Debug, Serialize)]
pub struct TimelineJson<'a> {
    /// Version of the JSON contract (docs/json.md).
    pub schema: u32,
    /// The query as given.
    pub query: &'a str,
    /// The facet counted by.
    pub by: &'a str,
    /// Matching units.
    pub units: u64,
    /// Reports with a matching unit.
    pub reports: u64,
    /// One entry per value, in the chart's order.
    pub buckets: Vec<BucketJson<'a>>,
    /// Units (and their reports) without a value for the facet.
    pub without: CountsJson,
}

/// One bucket of `timeline --json`.
#[derive(Debug, Serialize)]
pub struct BucketJson<'a> {
    /// The value.
    pub value: &'a str,
    /// Reports with a matching unit carrying the value.
    pub reports: u64,
    /// Matching units carrying the value.
    pub units: u64,
}

/// Units and reports.
#[derive(Debug, Serialize)]
pub struct CountsJson {
    /// Reports.
    pub reports: u64,
    /// Units.
    pub units: u64,
}

/// The `timeline --json` document.
pub fn json(t: &Timeline) -> TimelineJson<'_> {
    TimelineJson {
        schema: super::json::SCHEMA,
        query: &t.query,
        by: &t.by,
        units: t.units,
        reports: t.reports,
        buckets: t
            .buckets
            .iter()
            .map(|b| BucketJson {
                value: &b.value,
                reports: b.reports,
                units: b.units,
            })
            .collect(),
        without: CountsJson {
            reports: t.without.reports,
            units: t.without.units,
        },
    }
}

/// CSV (RFC 4180, CRLF, UTF-8) with a header row `BY,reports,units`; units without a
/// value, if any, on a last row with an empty value.
pub fn write_csv(out: &mut impl Write, t: &Timeline) -> Result<(), csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record([t.by.as_str(), "reports", "units"])?;
    let without = (t.without.units > 0).then_some(&t.without);
    for b in t.buckets.iter().chain(without) {
        w.write_record([
            b.value.as_str(),
            &b.reports.to_string(),
            &b.units.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the JSON document, one line.
pub fn write_json(out: &mut impl Write, t: &Timeline) -> io::Result<()> {
    super::json::write(out, &json(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_use_eighths() {
        assert_eq!(bar(0, 10, 10), "");
        assert_eq!(bar(10, 10, 10), "██████████");
        assert_eq!(bar(5, 10, 10), "█████");
        assert_eq!(bar(1, 2, 1), "▌");
        assert_eq!(bar(1, 16, 1), "▏");
        assert_eq!(bar(1, 1000, 10), "▏");
    }
}
