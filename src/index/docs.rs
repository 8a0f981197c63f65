//! A parsed [`Report`] → tantivy documents (one per section, one per footnote, one
//! bookkeeping document for the report).

use std::collections::HashMap;

use tantivy::schema::Facet;
use tantivy::TantivyDocument;

use super::schema::{Fields, KIND_FOOTNOTE, KIND_REPORT, KIND_SECTION};
use crate::report::Report;

/// Where a report came from, for the bookkeeping document.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceInfo {
    /// Absolute path of the file (empty for reports indexed from memory).
    pub source: String,
    /// blake3 hex of the bytes.
    pub content_hash: String,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// A facet from a slug such as `kinh-te/ngan-sach` (empty segments dropped).
pub(crate) fn slug_facet(slug: &str) -> Option<Facet> {
    let parts: Vec<&str> = slug
        .split('/')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(Facet::from_path(parts))
    }
}

/// Facet values shared by every document of a report.
struct Common {
    years: Vec<u64>,
    period: Option<Facet>,
    doc_type: Option<Facet>,
    province: Option<(Facet, String)>,
}

impl Common {
    fn of(report: &Report) -> Common {
        let m = &report.metadata;
        let mut years: Vec<u64> = m
            .years
            .iter()
            .filter(|y| **y > 0)
            .map(|y| *y as u64)
            .collect();
        years.sort_unstable();
        years.dedup();
        let province = m
            .province
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                let name = crate::analysis::normalize(p);
                (
                    Facet::from_path([name.as_str()]),
                    crate::analysis::fold(&name),
                )
            });
        Common {
            years,
            period: (!m.period.trim().is_empty()).then(|| Facet::from_path([m.period.trim()])),
            doc_type: slug_facet(&m.doc_type),
            province,
        }
    }

    fn add_to(&self, f: &Fields, doc: &mut TantivyDocument) {
        for y in &self.years {
            doc.add_u64(f.years, *y);
            doc.add_facet(f.year_facet, Facet::from_path([y.to_string()]));
        }
        if let Some(p) = &self.period {
            doc.add_facet(f.period_facet, p.clone());
        }
        if let Some(t) = &self.doc_type {
            doc.add_facet(f.doc_type_facet, t.clone());
        }
        if let Some((facet, folded)) = &self.province {
            doc.add_facet(f.province_facet, facet.clone());
            doc.add_text(f.province_folded, folded);
        }
    }
}

fn add_unit_facets(f: &Fields, doc: &mut TantivyDocument, sectors: &[String], role: &str) {
    let mut seen = Vec::new();
    for s in sectors {
        if let Some(facet) = slug_facet(s) {
            if !seen.contains(&facet) {
                seen.push(facet.clone());
                doc.add_facet(f.sector_facet, facet);
            }
        }
    }
    if let Some(r) = slug_facet(role) {
        doc.add_facet(f.role_facet, r);
    }
}

/// Every document of `report`: the report's bookkeeping document first, then one per
/// section, then one per footnote.
pub(crate) fn report_documents(
    f: &Fields,
    report: &Report,
    info: &SourceInfo,
    pipeline: &str,
) -> Vec<TantivyDocument> {
    let m = &report.metadata;
    let common = Common::of(report);
    let mut out = Vec::with_capacity(1 + report.sections.len() + report.footnotes.len());

    let mut doc = TantivyDocument::new();
    doc.add_text(f.kind, KIND_REPORT);
    doc.add_text(f.id, &m.doc_id);
    doc.add_text(f.doc_id, &m.doc_id);
    doc.add_text(f.file, &m.file);
    doc.add_text(f.source, &info.source);
    doc.add_text(f.content_hash, &info.content_hash);
    doc.add_text(f.pipeline, pipeline);
    doc.add_u64(f.source_bytes, info.bytes);
    doc.add_text(f.title, &m.title);
    if let Some(issuer) = &m.issuer {
        doc.add_text(f.issuer, issuer);
    }
    if let Some(signer) = &m.signer {
        doc.add_text(f.signer, signer);
    }
    doc.add_u64(f.ord, 0);
    for a in report.abbreviations() {
        let key = |text: &str| crate::analysis::folded_terms(text).join(" ");
        let (short, long) = (key(&a.short), key(&a.long));
        if short.is_empty() || long.is_empty() {
            continue;
        }
        doc.add_text(f.abbrev, format!("a:{short}"));
        doc.add_text(f.abbrev, format!("l:{long}"));
        doc.add_text(f.abbrev, format!("p:{}\u{1f}{}", a.short, a.long));
    }
    common.add_to(f, &mut doc);
    out.push(doc);

    let mut headings: HashMap<&str, (&str, &[String])> = HashMap::new();
    for (i, s) in report.sections.iter().enumerate() {
        headings.insert(s.id.as_str(), (s.heading.as_str(), s.path.as_slice()));
        let mut doc = TantivyDocument::new();
        doc.add_text(f.kind, KIND_SECTION);
        doc.add_text(f.id, &s.id);
        doc.add_text(f.section_id, &s.id);
        doc.add_text(f.doc_id, &m.doc_id);
        doc.add_text(f.file, &m.file);
        doc.add_text(f.source, &info.source);
        doc.add_text(f.title, &m.title);
        for label in &s.path {
            doc.add_text(f.path, label);
        }
        doc.add_text(f.heading, &s.heading);
        doc.add_text(f.heading_folded, &s.heading);
        doc.add_text(f.text, &s.text);
        doc.add_text(f.text_folded, &s.text);
        doc.add_u64(f.line_start, s.line_start as u64);
        doc.add_u64(f.line_end, s.line_end.max(s.line_start) as u64);
        doc.add_u64(f.ord, (i + 1) as u64);
        for r in &s.footnote_refs {
            doc.add_u64(f.footnote_refs, u64::from(*r));
        }
        common.add_to(f, &mut doc);
        add_unit_facets(f, &mut doc, &s.sectors, &s.role);
        out.push(doc);
    }

    let base = report.sections.len() + 1;
    for (i, n) in report.footnotes.iter().enumerate() {
        let id = crate::report::footnote_id(&m.doc_id, n.number);
        let mut doc = TantivyDocument::new();
        doc.add_text(f.kind, KIND_FOOTNOTE);
        doc.add_text(f.id, &id);
        doc.add_text(f.doc_id, &m.doc_id);
        doc.add_text(f.file, &m.file);
        doc.add_text(f.source, &info.source);
        doc.add_text(f.title, &m.title);
        if let Some(sid) = &n.section_id {
            doc.add_text(f.section_id, sid);
            if let Some((heading, path)) = headings.get(sid.as_str()) {
                doc.add_text(f.context_heading, heading);
                for label in path.iter() {
                    doc.add_text(f.path, label);
                }
            }
        }
        doc.add_text(f.text, &n.text);
        doc.add_text(f.text_folded, &n.text);
        doc.add_u64(f.line_start, n.line_start as u64);
        doc.add_u64(f.line_end, n.line_start as u64);
        doc.add_u64(f.ord, (base + i) as u64);
        doc.add_u64(f.number, u64::from(n.number));
        common.add_to(f, &mut doc);
        add_unit_facets(f, &mut doc, &n.sectors, &n.role);
        out.push(doc);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_become_hierarchical_facets() {
        assert_eq!(
            slug_facet("kinh-te/ngan-sach").unwrap(),
            Facet::from("/kinh-te/ngan-sach")
        );
        assert_eq!(slug_facet("/tong-hop/").unwrap(), Facet::from("/tong-hop"));
        assert!(slug_facet("").is_none());
    }
}
