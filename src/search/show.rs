//! Retrieval by id: a report's outline, one section with its footnotes.

use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{TantivyDocument, Term};

use super::{get_facets, get_str, get_u64, hit_from_doc, Hit, Kind, SearchError, Searcher};
use crate::index::schema::{KIND_FOOTNOTE, KIND_REPORT, KIND_SECTION};

/// Report-level information.
#[derive(Debug, Clone, Default)]
pub struct ReportInfo {
    /// Report id.
    pub doc_id: String,
    /// File name.
    pub file: String,
    /// Absolute path of the source file when indexed from disk.
    pub source: Option<PathBuf>,
    /// Title.
    pub title: String,
    /// Document type slug.
    pub doc_type: String,
    /// Years covered.
    pub years: Vec<i32>,
    /// Period.
    pub period: String,
    /// Issuer.
    pub issuer: Option<String>,
    /// Signer.
    pub signer: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// Size of the source in bytes.
    pub bytes: u64,
    /// blake3 of the source bytes.
    pub content_hash: String,
    /// Document number (`329/BC-UBND`).
    pub number: Option<String>,
    /// Date of the place-date line (`2025-12-19`).
    pub date: Option<String>,
}

/// One line of a report's outline.
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    /// Section id.
    pub id: String,
    /// Path labels.
    pub path: Vec<String>,
    /// Heading.
    pub heading: String,
    /// First line in the source.
    pub line_start: usize,
    /// Last line in the source.
    pub line_end: usize,
    /// Sector slugs.
    pub sectors: Vec<String>,
    /// Role (none for the letterhead and closing blocks).
    pub role: Option<crate::report::Role>,
    /// Footnotes referenced.
    pub footnote_refs: Vec<u32>,
    /// Length of the section text in characters.
    pub chars: usize,
}

/// A report's outline: its metadata and its sections in document order.
#[derive(Debug, Clone)]
pub struct Outline {
    /// The report.
    pub report: ReportInfo,
    /// Sections in document order.
    pub sections: Vec<OutlineEntry>,
    /// Number of footnotes.
    pub footnotes: usize,
}

/// One section (or footnote) with its full text and footnotes.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The report it belongs to.
    pub report: ReportInfo,
    /// The section or footnote (score 0, snippet empty, full text).
    pub unit: Hit,
    /// The footnotes attached to the section, by number.
    pub footnotes: Vec<Hit>,
}

/// What `show` found.
#[derive(Debug, Clone)]
pub enum Show {
    /// A report's outline.
    Outline(Box<Outline>),
    /// A section or footnote.
    Unit(Box<Unit>),
}

impl Searcher {
    fn docs_where(&self, clauses: &[(Field, &str)]) -> Result<Vec<TantivyDocument>, SearchError> {
        let searcher = self.reader.searcher();
        let query: Vec<(Occur, Box<dyn Query>)> = clauses
            .iter()
            .map(|(field, value)| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(*field, value),
                    IndexRecordOption::Basic,
                ));
                (Occur::Must, q)
            })
            .collect();
        let addresses = searcher.search(&BooleanQuery::new(query), &DocSetCollector)?;
        let mut docs = Vec::with_capacity(addresses.len());
        for address in addresses {
            docs.push(searcher.doc::<TantivyDocument>(address)?);
        }
        let f = self.index.fields();
        docs.sort_by_key(|d| get_u64(d, f.ord).unwrap_or(0));
        Ok(docs)
    }

    fn report_info(&self, doc: &TantivyDocument) -> ReportInfo {
        let f = self.index.fields();
        let opt = |field| Some(get_str(doc, field)).filter(|s| !s.is_empty());
        ReportInfo {
            doc_id: get_str(doc, f.doc_id),
            file: get_str(doc, f.file),
            source: opt(f.source).map(PathBuf::from),
            title: get_str(doc, f.title),
            doc_type: get_facets(doc, f.doc_type_facet)
                .into_iter()
                .next()
                .unwrap_or_default(),
            years: doc
                .get_all(f.years)
                .filter_map(|v| tantivy::schema::Value::as_u64(&v))
                .map(|y| y as i32)
                .collect(),
            period: get_facets(doc, f.period_facet)
                .into_iter()
                .next()
                .unwrap_or_default(),
            issuer: get_facets(doc, f.issuer).into_iter().next(),
            signer: opt(f.signer),
            province: get_facets(doc, f.province_facet).into_iter().next(),
            bytes: get_u64(doc, f.source_bytes).unwrap_or(0),
            content_hash: get_str(doc, f.content_hash),
            number: opt(f.doc_number),
            date: opt(f.date),
        }
    }

    /// Every report in the index, by doc id.
    pub fn reports(&self) -> Result<Vec<ReportInfo>, SearchError> {
        let f = *self.index.fields();
        let mut out: Vec<ReportInfo> = self
            .docs_where(&[(f.kind, KIND_REPORT)])?
            .iter()
            .map(|d| self.report_info(d))
            .collect();
        out.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
        Ok(out)
    }

    /// The report named by `target`: a doc id, a file name, or a path to the file.
    pub fn report(&self, target: &str) -> Result<Option<ReportInfo>, SearchError> {
        let f = *self.index.fields();
        let name = Path::new(target)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| target.to_string());
        for (field, value) in [
            (f.doc_id, target),
            (f.file, name.as_str()),
            (f.doc_id, name.as_str()),
        ] {
            if let Some(doc) = self
                .docs_where(&[(f.kind, KIND_REPORT), (field, value)])?
                .first()
            {
                return Ok(Some(self.report_info(doc)));
            }
        }
        Ok(None)
    }

    /// The outline of the report named by `target` (doc id, file name or path).
    pub fn outline(&self, target: &str) -> Result<Option<Outline>, SearchError> {
        let Some(report) = self.report(target)? else {
            return Ok(None);
        };
        let f = *self.index.fields();
        let docs = self.docs_where(&[(f.doc_id, report.doc_id.as_str())])?;
        let mut sections = Vec::new();
        let mut footnotes = 0;
        for doc in &docs {
            match get_str(doc, f.kind).as_str() {
                KIND_SECTION => {
                    let hit = hit_from_doc(&f, doc);
                    sections.push(OutlineEntry {
                        id: hit.id,
                        path: hit.path,
                        heading: hit.heading,
                        line_start: hit.line_start,
                        line_end: hit.line_end,
                        sectors: hit.sectors,
                        role: hit.role,
                        footnote_refs: hit.footnote_refs,
                        chars: hit.text.chars().count(),
                    });
                }
                KIND_FOOTNOTE => footnotes += 1,
                _ => {}
            }
        }
        Ok(Some(Outline {
            report,
            sections,
            footnotes,
        }))
    }

    /// One section (`doc_id#II.1.3`) with its footnotes, or one footnote (`doc_id^4`).
    pub fn unit(&self, id: &str) -> Result<Option<Unit>, SearchError> {
        let f = *self.index.fields();
        let docs = self.docs_where(&[(f.id, id)])?;
        let Some(doc) = docs.iter().find(|d| get_str(d, f.kind) != KIND_REPORT) else {
            return Ok(None);
        };
        let unit = hit_from_doc(&f, doc);
        let report_docs =
            self.docs_where(&[(f.kind, KIND_REPORT), (f.doc_id, unit.doc_id.as_str())])?;
        let report = report_docs
            .first()
            .map(|d| self.report_info(d))
            .unwrap_or_default();
        let mut footnotes = Vec::new();
        if unit.kind == Kind::Section {
            for d in self.docs_where(&[(f.kind, KIND_FOOTNOTE), (f.section_id, id)])? {
                footnotes.push(hit_from_doc(&f, &d));
            }
            footnotes.sort_by_key(|h| h.number.unwrap_or(0));
        }
        Ok(Some(Unit {
            report,
            unit,
            footnotes,
        }))
    }

    /// The report named by `target` as [`Searcher::report`] does, or else by its doc id
    /// or file name compared without regard to case and diacritics.
    fn report_loosely(&self, target: &str) -> Result<Option<ReportInfo>, SearchError> {
        if let Some(r) = self.report(target)? {
            return Ok(Some(r));
        }
        let name = Path::new(target)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| target.to_string());
        let key = loose(&name);
        Ok(self
            .reports()?
            .into_iter()
            .find(|r| loose(&r.doc_id) == key || loose(&r.file) == key))
    }

    /// The ids of every section and footnote of a report, in document order.
    fn unit_ids(&self, doc_id: &str) -> Result<Vec<String>, SearchError> {
        let f = *self.index.fields();
        Ok(self
            .docs_where(&[(f.doc_id, doc_id)])?
            .iter()
            .filter(|d| get_str(d, f.kind) != KIND_REPORT)
            .map(|d| get_str(d, f.id))
            .collect())
    }

    /// The unit written `target` without regard to case, diacritics, spacing, or the
    /// report written by its file name: `004-423ec5bd75490e40#phan i.ii.1.5`.
    fn unit_loosely(&self, target: &str) -> Result<Option<Unit>, SearchError> {
        let Some(i) = target.find(['#', '^']) else {
            return Ok(None);
        };
        let Some(report) = self.report_loosely(&target[..i])? else {
            return Ok(None);
        };
        let key = loose(&target[i..]);
        let found = self
            .unit_ids(&report.doc_id)?
            .into_iter()
            .find(|id| id.find(['#', '^']).is_some_and(|j| loose(&id[j..]) == key));
        match found {
            Some(id) => self.unit(&id),
            None => Ok(None),
        }
    }

    /// The unit that holds line `line` of the report named `file`: a footnote whose body
    /// starts on that line, else the section whose lines hold it (the innermost), else
    /// the last section starting before it.
    pub fn unit_at_line(&self, file: &str, line: usize) -> Result<Option<Unit>, SearchError> {
        let Some(report) = self.report_loosely(file)? else {
            return Ok(None);
        };
        let f = *self.index.fields();
        let docs = self.docs_where(&[(f.doc_id, report.doc_id.as_str())])?;
        let units: Vec<Hit> = docs
            .iter()
            .filter(|d| get_str(d, f.kind) != KIND_REPORT)
            .map(|d| hit_from_doc(&f, d))
            .collect();
        let footnote = units
            .iter()
            .find(|u| u.kind == Kind::Footnote && u.line_start == line);
        let sections = || units.iter().filter(|u| u.kind == Kind::Section);
        let holding = sections()
            .filter(|u| u.line_start <= line && line <= u.line_end.max(u.line_start))
            .max_by_key(|u| u.line_start);
        let before = || {
            sections()
                .filter(|u| u.line_start <= line)
                .max_by_key(|u| u.line_start)
        };
        match footnote.or(holding).or_else(before) {
            Some(u) => self.unit(&u.id),
            None => Ok(None),
        }
    }

    /// A section or footnote when `target` is one's id, else a report's outline.
    ///
    /// What a user has in hand is accepted: a unit id written with the file name instead
    /// of the doc id (`000_abc.txt#II.1.3` for `000-abc#II.1.3`), in another case or
    /// without diacritics (`#Phan I.II.1.5`), or `FILE:LINE` (the unit holding that
    /// line, as `search` prints it).
    pub fn show(&self, target: &str) -> Result<Option<Show>, SearchError> {
        if let Some(unit) = self.unit(target)? {
            return Ok(Some(Show::Unit(Box::new(unit))));
        }
        if let Some((file, line)) = target.rsplit_once(':') {
            if let (false, Ok(line)) = (file.is_empty(), line.trim().parse::<usize>()) {
                if let Some(unit) = self.unit_at_line(file, line)? {
                    return Ok(Some(Show::Unit(Box::new(unit))));
                }
            }
        }
        if let Some(i) = target.find(['#', '^']) {
            let normalized = format!(
                "{}{}",
                crate::report::doc_id_for(&target[..i]),
                &target[i..]
            );
            if normalized != target {
                if let Some(unit) = self.unit(&normalized)? {
                    return Ok(Some(Show::Unit(Box::new(unit))));
                }
            }
        }
        if let Some(unit) = self.unit_loosely(target)? {
            return Ok(Some(Show::Unit(Box::new(unit))));
        }
        if let Some(outline) = self.outline(target)? {
            return Ok(Some(Show::Outline(Box::new(outline))));
        }
        Ok(match self.report_loosely(target)? {
            Some(r) => self.outline(&r.doc_id)?.map(|o| Show::Outline(Box::new(o))),
            None => None,
        })
    }
}

/// An id or name compared loosely: folded (no diacritics), lower case, white space
/// collapsed, `_` and `-` alike (file names and doc ids differ there).
fn loose(text: &str) -> String {
    crate::analysis::fold(text)
        .to_lowercase()
        .replace('_', "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
