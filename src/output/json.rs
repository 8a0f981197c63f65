//! JSON shapes (field names are the contract; fields may be added, never renamed or
//! removed). Every shape is documented in `docs/json.md`; every document carries
//! `"schema": SCHEMA`. Built from the library's result structs, kept apart from the logic.

use std::collections::BTreeMap;
use std::io;

use serde::Serialize;

use crate::index::{CheckReport, IndexSummary};
use crate::report::{role_or_empty, Role};
use crate::search::{
    FacetCounts, GroupedResults, Hit, Outline, ReportInfo, SearchResults, Show, Stats, Unit,
};

/// Version of the JSON contract, in the `schema` field of every document. Raised only
/// if a field ever had to change meaning; adding fields does not raise it.
pub const SCHEMA: u32 = 1;

/// Writes `doc` as one line of JSON and a newline (the form of every `--json` output but
/// `parse`). An I/O error keeps its kind, so a closed pipe ends a command quietly.
pub fn write(out: &mut impl io::Write, doc: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, doc)?;
    writeln!(out)
}

/// `search --json`.
#[derive(Debug, Serialize)]
pub struct SearchJson<'a> {
    /// Version of the JSON contract.
    pub schema: u32,
    /// The query as given.
    pub query: &'a str,
    /// Number of units holding every word of the query (all pages).
    pub total: usize,
    /// Units missing one word, listed after those (only when there are some).
    #[serde(skip_serializing_if = "is_zero")]
    pub partial: usize,
    /// Offset of the first hit.
    pub offset: usize,
    /// The hits, best first.
    pub hits: Vec<HitJson<'a>>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn no_ids(ids: &&[String]) -> bool {
    ids.is_empty()
}

/// One hit of `search --json`.
#[derive(Debug, Serialize)]
pub struct HitJson<'a> {
    pub score: f32,
    pub kind: &'static str,
    pub id: &'a str,
    pub doc_id: &'a str,
    pub file: &'a str,
    pub source: Option<String>,
    pub title: &'a str,
    pub path: &'a [String],
    pub section_id: Option<&'a str>,
    pub number: Option<u32>,
    pub heading: &'a str,
    pub snippet: &'a str,
    pub text: &'a str,
    pub line_start: usize,
    pub line_end: usize,
    /// Line of the first match in the source (`line_start` when it could not be located).
    pub match_line: usize,
    pub years: &'a [i32],
    pub period: &'a str,
    pub doc_type: &'a str,
    pub sectors: &'a [String],
    /// The role's slug, `""` for none.
    #[serde(with = "role_or_empty")]
    pub role: Option<Role>,
    pub province: Option<&'a str>,
    pub footnote_refs: &'a [u32],
    /// The report's issuer.
    pub issuer: Option<&'a str>,
    /// The report's document number (`329/BC-UBND`).
    pub doc_number: Option<&'a str>,
    /// The report's date (`2025-12-19`).
    pub date: Option<&'a str>,
    /// The typed word this unit lacks (missing-one-word units only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<&'a str>,
    /// With `--per-report`: matching units of the same report not listed.
    #[serde(skip_serializing_if = "is_zero")]
    pub more_in_report: usize,
    /// With `--per-report`: ids of the units with the same heading and text, not listed.
    #[serde(skip_serializing_if = "no_ids")]
    pub also_in: &'a [String],
}

impl<'a> HitJson<'a> {
    /// The JSON view of a hit.
    pub fn of(h: &'a Hit) -> HitJson<'a> {
        HitJson {
            score: h.score,
            kind: h.kind.as_str(),
            id: &h.id,
            doc_id: &h.doc_id,
            file: &h.file,
            source: h.source.as_ref().map(|p| p.display().to_string()),
            title: &h.title,
            path: &h.path,
            section_id: h.section_id.as_deref(),
            number: h.number,
            heading: &h.heading,
            snippet: &h.snippet,
            text: &h.text,
            line_start: h.line_start,
            line_end: h.line_end,
            match_line: h.match_line,
            years: &h.years,
            period: &h.period,
            doc_type: &h.doc_type,
            sectors: &h.sectors,
            role: h.role,
            province: h.province.as_deref(),
            footnote_refs: &h.footnote_refs,
            issuer: h.issuer.as_deref(),
            doc_number: h.doc_number.as_deref(),
            date: h.date.as_deref(),
            missing: h.missing.as_deref(),
            more_in_report: h.more_in_report,
            also_in: &h.also_in,
        }
    }
}

/// The `search --json` document.
pub fn search(results: &SearchResults, offset: usize) -> SearchJson<'_> {
    SearchJson {
        schema: SCHEMA,
        query: &results.query,
        total: results.total,
        partial: results.partial,
        offset,
        hits: results.hits.iter().map(HitJson::of).collect(),
    }
}

/// `search --group report --json`.
#[derive(Debug, Serialize)]
pub struct GroupedJson<'a> {
    /// Version of the JSON contract.
    pub schema: u32,
    /// The query as given.
    pub query: &'a str,
    /// `report`.
    pub group: &'static str,
    /// Matching units (all reports).
    pub total: usize,
    /// Reports with a matching unit.
    pub reports: usize,
    /// Offset of the first report.
    pub offset: usize,
    /// The page of reports, best first.
    pub groups: Vec<GroupJson<'a>>,
}

/// One report of `search --group report --json`.
#[derive(Debug, Serialize)]
pub struct GroupJson<'a> {
    pub doc_id: &'a str,
    pub file: &'a str,
    pub source: Option<String>,
    pub title: &'a str,
    pub period: &'a str,
    pub years: &'a [i32],
    pub doc_type: &'a str,
    pub province: Option<&'a str>,
    /// Score of its best unit.
    pub score: f32,
    /// Number of its matching units.
    pub matches: usize,
    /// Its best units (hits of `search --json`).
    pub hits: Vec<HitJson<'a>>,
}

/// The `search --group report --json` document.
pub fn grouped(results: &GroupedResults, offset: usize) -> GroupedJson<'_> {
    GroupedJson {
        schema: SCHEMA,
        query: &results.query,
        group: "report",
        total: results.total,
        reports: results.reports,
        offset,
        groups: results
            .groups
            .iter()
            .map(|g| GroupJson {
                doc_id: &g.doc_id,
                file: &g.file,
                source: g.source.as_ref().map(|p| p.display().to_string()),
                title: &g.title,
                period: &g.period,
                years: &g.years,
                doc_type: &g.doc_type,
                province: g.province.as_deref(),
                score: g.score,
                matches: g.matches,
                hits: g.hits.iter().map(HitJson::of).collect(),
            })
            .collect(),
    }
}

/// `facets --json`.
#[derive(Debug, Serialize)]
pub struct FacetsJson<'a> {
    /// Version of the JSON contract.
    pub schema: u32,
    /// The query, or null for all units.
    pub query: Option<&'a str>,
    /// What the counts count: `units` or `reports`.
    pub count: &'static str,
    /// Number of matching units (or reports).
    pub total: usize,
    /// Field → value → count.
    pub facets: BTreeMap<&'a str, BTreeMap<&'a str, u64>>,
}

/// The `facets --json` document.
pub fn facets(counts: &FacetCounts) -> FacetsJson<'_> {
    FacetsJson {
        schema: SCHEMA,
        query: Some(counts.query.as_str()).filter(|q| !q.trim().is_empty()),
        count: counts.counting.as_str(),
        total: counts.total,
        facets: counts
            .facets
            .iter()
            .map(|(name, values)| {
                (
                    name.as_str(),
                    values.iter().map(|v| (v.value.as_str(), v.count)).collect(),
                )
            })
            .collect(),
    }
}

/// Report metadata in JSON.
#[derive(Debug, Serialize)]
pub struct ReportJson<'a> {
    pub doc_id: &'a str,
    pub file: &'a str,
    pub source: Option<String>,
    pub title: &'a str,
    pub doc_type: &'a str,
    pub years: &'a [i32],
    pub period: &'a str,
    pub issuer: Option<&'a str>,
    pub signer: Option<&'a str>,
    pub province: Option<&'a str>,
    pub bytes: u64,
    /// Document number (`329/BC-UBND`).
    pub number: Option<&'a str>,
    /// Date of the place-date line (`2025-12-19`).
    pub date: Option<&'a str>,
}

impl<'a> ReportJson<'a> {
    /// The JSON view of a report.
    pub fn of(r: &'a ReportInfo) -> ReportJson<'a> {
        ReportJson {
            doc_id: &r.doc_id,
            file: &r.file,
            source: r.source.as_ref().map(|p| p.display().to_string()),
            title: &r.title,
            doc_type: &r.doc_type,
            years: &r.years,
            period: &r.period,
            issuer: r.issuer.as_deref(),
            signer: r.signer.as_deref(),
            province: r.province.as_deref(),
            bytes: r.bytes,
            number: r.number.as_deref(),
            date: r.date.as_deref(),
        }
    }
}

/// One section of `show --json` for an outline.
#[derive(Debug, Serialize)]
pub struct OutlineSectionJson<'a> {
    pub id: &'a str,
    pub path: &'a [String],
    pub heading: &'a str,
    pub line_start: usize,
    pub line_end: usize,
    pub sectors: &'a [String],
    /// The role's slug, `""` for none.
    #[serde(with = "role_or_empty")]
    pub role: Option<Role>,
    pub footnote_refs: &'a [u32],
    pub chars: usize,
}

/// `show --json` for a report: `{"report":{..},"sections":[..],"footnotes":N}`.
#[derive(Debug, Serialize)]
pub struct OutlineJson<'a> {
    pub schema: u32,
    pub report: ReportJson<'a>,
    pub sections: Vec<OutlineSectionJson<'a>>,
    pub footnotes: usize,
}

/// `show --json` for a section: `{"report":{..},"unit":{hit},"footnotes":[hit..]}`.
#[derive(Debug, Serialize)]
pub struct UnitJson<'a> {
    pub schema: u32,
    pub report: ReportJson<'a>,
    pub unit: HitJson<'a>,
    pub footnotes: Vec<HitJson<'a>>,
}

/// `show --json`, either shape.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum ShowJson<'a> {
    /// A report's outline.
    Outline(Box<OutlineJson<'a>>),
    /// A section or footnote.
    Unit(Box<UnitJson<'a>>),
}

fn outline(o: &Outline) -> OutlineJson<'_> {
    OutlineJson {
        schema: SCHEMA,
        report: ReportJson::of(&o.report),
        sections: o
            .sections
            .iter()
            .map(|s| OutlineSectionJson {
                id: &s.id,
                path: &s.path,
                heading: &s.heading,
                line_start: s.line_start,
                line_end: s.line_end,
                sectors: &s.sectors,
                role: s.role,
                footnote_refs: &s.footnote_refs,
                chars: s.chars,
            })
            .collect(),
        footnotes: o.footnotes,
    }
}

fn unit(u: &Unit) -> UnitJson<'_> {
    UnitJson {
        schema: SCHEMA,
        report: ReportJson::of(&u.report),
        unit: HitJson::of(&u.unit),
        footnotes: u.footnotes.iter().map(HitJson::of).collect(),
    }
}

/// The `show --json` document.
pub fn show(s: &Show) -> ShowJson<'_> {
    match s {
        Show::Outline(o) => ShowJson::Outline(Box::new(outline(o))),
        Show::Unit(u) => ShowJson::Unit(Box::new(unit(u))),
    }
}

/// `stats --json`.
#[derive(Debug, Serialize)]
pub struct StatsJson<'a> {
    pub schema: u32,
    pub reports: usize,
    pub sections: usize,
    pub footnotes: usize,
    pub source_bytes: u64,
    pub index_bytes: u64,
    pub segments: usize,
    pub schema_version: u32,
    pub facets: BTreeMap<&'a str, BTreeMap<&'a str, u64>>,
}

/// The `stats --json` document.
pub fn stats(s: &Stats) -> StatsJson<'_> {
    StatsJson {
        schema: SCHEMA,
        reports: s.reports,
        sections: s.sections,
        footnotes: s.footnotes,
        source_bytes: s.source_bytes,
        index_bytes: s.index_bytes,
        segments: s.segments,
        schema_version: s.schema_version,
        facets: facets(&s.facets).facets,
    }
}

/// A file skipped by `index`.
#[derive(Debug, Serialize)]
pub struct SkippedJson {
    pub path: String,
    pub reason: String,
}

/// A file indexed by `index`.
#[derive(Debug, Serialize)]
pub struct IndexedJson<'a> {
    pub path: String,
    pub doc_id: &'a str,
    pub sections: usize,
    pub footnotes: usize,
    pub replaced: bool,
    /// Bytes that were not UTF-8, replaced by U+FFFD (absent when 0).
    #[serde(skip_serializing_if = "is_zero")]
    pub invalid_bytes: usize,
}

/// `index --json`.
#[derive(Debug, Serialize)]
pub struct IndexJson<'a> {
    pub schema: u32,
    pub changed: bool,
    pub indexed: Vec<IndexedJson<'a>>,
    pub unchanged: usize,
    pub skipped: Vec<SkippedJson>,
    pub removed: &'a [String],
    pub sections: usize,
    pub footnotes: usize,
    pub bytes: u64,
    pub seconds: f64,
    pub mb_per_s: f64,
    pub commits: usize,
}

/// The `index --json` document.
pub fn index(s: &IndexSummary) -> IndexJson<'_> {
    IndexJson {
        schema: SCHEMA,
        changed: s.changed(),
        indexed: s
            .indexed
            .iter()
            .map(|i| IndexedJson {
                path: i.path.display().to_string(),
                doc_id: &i.doc_id,
                sections: i.sections,
                footnotes: i.footnotes,
                replaced: i.replaced,
                invalid_bytes: i.invalid_bytes,
            })
            .collect(),
        unchanged: s.unchanged,
        skipped: s
            .skipped
            .iter()
            .map(|k| SkippedJson {
                path: k.path.display().to_string(),
                reason: k.reason.clone(),
            })
            .collect(),
        removed: &s.removed,
        sections: s.sections,
        footnotes: s.footnotes,
        bytes: s.bytes_indexed,
        seconds: s.elapsed.as_secs_f64(),
        mb_per_s: s.mb_per_s(),
        commits: s.commits,
    }
}

/// `check --json`. Its keys are in alphabetical order, as the document had them when it
/// was built as a map.
#[derive(Debug, Serialize)]
pub struct CheckJson<'a> {
    /// Bytes whose checksums were computed.
    pub bytes: u64,
    /// Documents in the index.
    pub documents: u64,
    /// Files verified.
    pub files: usize,
    /// Whether the index is intact.
    pub ok: bool,
    /// Segment files no commit uses.
    pub orphans: &'a [String],
    /// What is wrong.
    pub problems: Vec<ProblemJson<'a>>,
    /// Segments listed in `meta.json`.
    pub segments: usize,
}

/// One damaged file of `check --json`.
#[derive(Debug, Serialize)]
pub struct ProblemJson<'a> {
    /// The file.
    pub file: &'a str,
    /// What is wrong with it.
    pub what: &'a str,
}

/// The `check --json` document.
pub fn check(r: &CheckReport) -> CheckJson<'_> {
    CheckJson {
        bytes: r.bytes,
        documents: r.documents,
        files: r.files,
        ok: r.ok(),
        orphans: &r.orphans,
        problems: r
            .problems
            .iter()
            .map(|p| ProblemJson {
                file: &p.file,
                what: &p.what,
            })
            .collect(),
        segments: r.segments,
    }
}
