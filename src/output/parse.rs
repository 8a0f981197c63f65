//! Rendering of `baocao parse`: a human outline, or the JSON shape of docs/json.md.

use std::io::{self, Write};

use serde::Serialize;

use crate::report::formats::Source;
use crate::report::{footnote_id, role_or_empty, Report, Role};

/// `parse --json` (docs/json.md): report metadata, sections and footnotes.
#[derive(Debug, Serialize)]
pub struct ParseJson<'a> {
    /// Version of the JSON contract (docs/json.md).
    pub schema: u32,
    /// File name.
    pub file: &'a str,
    /// Stable document id.
    pub doc_id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Document type slug.
    pub doc_type: &'a str,
    /// Years covered.
    pub years: &'a [i32],
    /// Period slug.
    pub period: &'a str,
    /// Issuing body.
    pub issuer: Option<&'a str>,
    /// Province.
    pub province: Option<&'a str>,
    /// Signer.
    pub signer: Option<&'a str>,
    /// Document number (`329/BC-UBND`), None in a draft.
    pub number: Option<&'a str>,
    /// Date of the place-date line (`2025-12-19`), None in a draft.
    pub date: Option<&'a str>,
    /// Text before the first numbered block.
    pub preamble: &'a str,
    /// Sections in document order.
    pub sections: Vec<SectionJson<'a>>,
    /// Footnotes in number order.
    pub footnotes: Vec<FootnoteJson<'a>>,
    /// Abbreviations the report defines (`long form (ABBR)`), learned at indexing.
    pub abbreviations: Vec<AbbreviationJson>,
    /// What read the file when it was not read natively as text: the converter
    /// (`pdftotext 22.12.0`, `antiword 0.37`) or, for a `.doc`, the native reader.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_by: Option<&'a str>,
    /// What was repaired on the way (a legacy encoding converted, …).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub repairs: &'a [String],
}

/// One abbreviation of `parse --json`.
#[derive(Debug, Serialize)]
pub struct AbbreviationJson {
    /// The abbreviation as written (`CCHC`).
    pub short: String,
    /// Its long form, lower case (`cải cách hành chính`).
    pub long: String,
}

/// One section of `parse --json`.
#[derive(Debug, Serialize)]
pub struct SectionJson<'a> {
    /// Section id `doc_id#II.1.3`.
    pub id: &'a str,
    /// Labels from the root.
    pub path: &'a [String],
    /// Heading without its number.
    pub heading: &'a str,
    /// Body text.
    pub text: &'a str,
    /// 1-based first line.
    pub line_start: usize,
    /// 1-based last line.
    pub line_end: usize,
    /// Sector slugs.
    pub sectors: &'a [String],
    /// Role: its slug, `""` for none.
    #[serde(with = "role_or_empty")]
    pub role: Option<Role>,
    /// Numbers of the footnotes referenced here.
    pub footnote_refs: &'a [u32],
}

/// One footnote of `parse --json`.
#[derive(Debug, Serialize)]
pub struct FootnoteJson<'a> {
    /// Footnote id `doc_id^N`.
    pub id: String,
    /// Number.
    pub number: u32,
    /// Body text.
    pub text: &'a str,
    /// Id of the section carrying the marker.
    pub section_id: Option<&'a str>,
    /// 1-based line where the body starts.
    pub line_start: usize,
    /// Sector slugs.
    pub sectors: &'a [String],
    /// Role: its slug, `""` for none.
    #[serde(with = "role_or_empty")]
    pub role: Option<Role>,
}

/// The JSON view of a parsed report.
pub fn to_json(report: &Report) -> ParseJson<'_> {
    let m = &report.metadata;
    ParseJson {
        schema: super::json::SCHEMA,
        file: &m.file,
        doc_id: &m.doc_id,
        title: &m.title,
        doc_type: &m.doc_type,
        years: &m.years,
        period: &m.period,
        issuer: m.issuer.as_deref(),
        province: m.province.as_deref(),
        signer: m.signer.as_deref(),
        number: m.number.as_deref(),
        date: m.date.as_deref(),
        preamble: &report.preamble,
        sections: report
            .sections
            .iter()
            .map(|s| SectionJson {
                id: &s.id,
                path: &s.path,
                heading: &s.heading,
                text: &s.text,
                line_start: s.line_start,
                line_end: s.line_end,
                sectors: &s.sectors,
                role: s.role,
                footnote_refs: &s.footnote_refs,
            })
            .collect(),
        footnotes: report
            .footnotes
            .iter()
            .map(|f| FootnoteJson {
                id: footnote_id(&m.doc_id, f.number),
                number: f.number,
                text: &f.text,
                section_id: f.section_id.as_deref(),
                line_start: f.line_start,
                sectors: &f.sectors,
                role: f.role,
            })
            .collect(),
        abbreviations: report
            .abbreviations()
            .into_iter()
            .map(|a| AbbreviationJson {
                short: a.short,
                long: a.long,
            })
            .collect(),
        read_by: None,
        repairs: &[],
    }
}

/// Writes `parse --json` with how the file was read (`read_by`, `repairs`).
pub fn write_json_read(out: &mut impl Write, report: &Report, source: &Source) -> io::Result<()> {
    let mut json = to_json(report);
    json.read_by = source.tool.as_deref();
    json.repairs = &source.notes;
    serde_json::to_writer_pretty(&mut *out, &json).map_err(|e| {
        e.io_error_kind()
            .map_or_else(|| io::Error::other(e.to_string()), io::Error::from)
    })?;
    writeln!(out)
}

/// Writes the human outline followed by how the file was read (the converter or reader,
/// and what was repaired).
pub fn write_human_read(out: &mut impl Write, report: &Report, source: &Source) -> io::Result<()> {
    write_human(out, report)?;
    if let Some(tool) = &source.tool {
        writeln!(out, "read by: {tool}")?;
    }
    for note in &source.notes {
        writeln!(out, "repaired: {note}")?;
    }
    Ok(())
}

/// Writes `parse --json` (one JSON document and a newline).
pub fn write_json(out: &mut impl Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(report)).map_err(|e| {
        // Keep the kind of an I/O error (a closed pipe ends the command quietly).
        e.io_error_kind()
            .map_or_else(|| io::Error::other(e.to_string()), io::Error::from)
    })?;
    writeln!(out)
}

/// Writes the human outline: metadata, one line per section (indented path, heading,
/// footnote count, line range), and the footnote count.
pub fn write_human(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let m = &report.metadata;
    let none = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".to_string());
    let years = m
        .years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(out, "{} ({})", super::escape_controls(&m.file), m.doc_id)?;
    writeln!(out, "  title:    {}", super::clip(&m.title, 100))?;
    writeln!(out, "  type:     {}", m.doc_type)?;
    writeln!(out, "  years:    {years}")?;
    writeln!(out, "  period:   {}", m.period)?;
    writeln!(out, "  issuer:   {}", none(&m.issuer))?;
    writeln!(out, "  province: {}", none(&m.province))?;
    writeln!(out, "  signer:   {}", none(&m.signer))?;
    writeln!(out, "  number:   {}", none(&m.number))?;
    writeln!(out, "  date:     {}", none(&m.date))?;
    writeln!(out)?;
    writeln!(out, "{} sections:", report.sections.len())?;
    for s in &report.sections {
        let depth = s.path.len().saturating_sub(1);
        // A unit without a path (introduction, letterhead, closing) is named by its id.
        let label = s
            .path
            .last()
            .map(String::as_str)
            .unwrap_or_else(|| s.id.rsplit_once('#').map_or("preamble", |(_, l)| l));
        let notes = if s.footnote_refs.is_empty() {
            String::new()
        } else {
            format!("  [{} fn]", s.footnote_refs.len())
        };
        let mut extra = String::new();
        if let Some(role) = s.role {
            extra.push_str(&format!("  ({role})"));
        }
        if !s.sectors.is_empty() {
            extra.push_str(&format!("  {{{}}}", s.sectors.join(", ")));
        }
        writeln!(
            out,
            "  {:indent$}{label}  {}{notes}  L{}-{}{extra}",
            "",
            super::clip(&s.heading, 80),
            s.line_start,
            s.line_end,
            indent = depth * 2
        )?;
    }
    let unattached = report
        .footnotes
        .iter()
        .filter(|f| f.section_id.is_none())
        .count();
    write!(out, "{} footnotes", report.footnotes.len())?;
    if unattached > 0 {
        write!(out, " ({unattached} without a marker in the text)")?;
    }
    writeln!(out)?;
    let abbreviations = report.abbreviations();
    if !abbreviations.is_empty() {
        writeln!(
            out,
            "{} abbreviations learned (a search for either form finds both):",
            abbreviations.len()
        )?;
        for a in abbreviations {
            writeln!(out, "  {} = {}", a.short, a.long)?;
        }
    }
    Ok(())
}
