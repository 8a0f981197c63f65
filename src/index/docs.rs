//! A parsed [`Report`] → tantivy documents (one per section, one per footnote, one
//! bookkeeping document for the report).

use std::collections::HashMap;

use tantivy::schema::Facet;
use tantivy::TantivyDocument;

use super::schema::{Fields, KIND_FOOTNOTE, KIND_REPORT, KIND_SECTION};
use crate::analysis::Analyzer;
use crate::report::{role_slug, Report};

/// Where a report came from, for the bookkeeping document.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceInfo {
    /// Absolute path of the file, as text (empty for reports indexed from memory).
    pub source: String,
    /// The same path as the operating system's bytes (empty for reports from memory).
    pub source_raw: Vec<u8>,
    /// blake3 hex of the bytes.
    pub content_hash: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Where each unit's text sits in the file's lines (none for reports from memory).
    pub line_maps: crate::report::linemap::LineMaps,
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

/// The words of an issuer or an `--issuer` filter, folded, with `Ủy ban nhân dân` and
/// `Hội đồng nhân dân` written as `ubnd` and `hdnd` (the issuer says `UBND tỉnh …`).
fn issuer_words(s: &str) -> Vec<String> {
    let folded = crate::analysis::fold(s);
    let cleaned: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let joined = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let joined = format!(" {joined} ")
        .replace(" uy ban nhan dan ", " ubnd ")
        .replace(" hoi dong nhan dan ", " hdnd ");
    joined.split_whitespace().map(str::to_string).collect()
}

/// The `--issuer` filter's term: the folded words of `filter` (see [`ISSUER_KEY`]).
///
/// [`ISSUER_KEY`]: super::schema::ISSUER_KEY
pub(crate) fn issuer_filter_key(filter: &str) -> String {
    issuer_words(filter).join(" ")
}

/// Every word prefix of the folded issuer: `--issuer "sở nội vụ"` matches `Sở Nội vụ tỉnh
/// Lâm Đồng`, and `--issuer "UBND tỉnh Lâm Đồng"` does not match its Văn phòng.
fn issuer_keys(issuer: &str) -> Vec<String> {
    let words = issuer_words(issuer);
    (1..=words.len()).map(|n| words[..n].join(" ")).collect()
}

/// The `--sort date` key of a report: `YYYYMMDD` of its date, else of the last day of its
/// period (`2024-02` → 20240231, `2024-Q3` → 20240930, `2024` → 20241231), else 0.
pub(crate) fn sort_key(m: &crate::report::Metadata) -> u64 {
    if let Some(d) = m.date.as_deref() {
        let digits: String = d.chars().filter(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<u64>() {
            if digits.len() == 8 {
                return n;
            }
        }
    }
    let p = m.period.trim();
    let year: u64 = p.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    if year == 0 {
        return 0;
    }
    let end = match p.get(4..).unwrap_or("") {
        "" => 1231,
        "-Q1" => 331,
        "-Q2" | "-H1" => 630,
        "-Q3" => 930,
        "-Q4" | "-H2" => 1231,
        rest => rest
            .trim_start_matches('-')
            .parse::<u64>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .map_or(1231, |m| m * 100 + 31),
    };
    year * 10_000 + end
}

/// Facet values shared by every document of a report.
struct Common {
    years: Vec<u64>,
    period: Option<Facet>,
    doc_type: Option<Facet>,
    province: Option<(Facet, String)>,
    issuer: Option<(Facet, Vec<String>)>,
    number: Option<String>,
    date: Option<String>,
    sort_date: u64,
    report_key: u64,
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
        let issuer = m
            .issuer
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .map(|i| {
                let name = crate::analysis::normalize(i);
                (Facet::from_path([name.as_str()]), issuer_keys(&name))
            });
        Common {
            years,
            period: (!m.period.trim().is_empty()).then(|| Facet::from_path([m.period.trim()])),
            doc_type: slug_facet(&m.doc_type),
            province,
            issuer,
            number: m.number.clone(),
            date: m.date.clone(),
            sort_date: sort_key(m),
            report_key: key64(&[&m.doc_id]),
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
        if let Some((facet, keys)) = &self.issuer {
            doc.add_facet(f.issuer, facet.clone());
            for key in keys {
                doc.add_text(f.issuer_key, key);
            }
        }
        if let Some(n) = &self.number {
            doc.add_text(f.doc_number, n);
        }
        if let Some(d) = &self.date {
            doc.add_text(f.date, d);
        }
        doc.add_u64(f.sort_date, self.sort_date);
        doc.add_u64(f.report_key, self.report_key);
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

/// Adds `text` to `doc` as written (`stored`) and in its three indexed forms, made by one
/// analysis pass.
fn add_analyzed(
    doc: &mut TantivyDocument,
    analyzer: &mut Analyzer,
    text: &str,
    [stored, exact, folded, pairs]: [tantivy::schema::Field; 4],
) {
    doc.add_text(stored, text);
    let forms = analyzer.analyze(text);
    doc.add_text(exact, &forms.exact);
    doc.add_text(folded, &forms.folded);
    doc.add_text(pairs, &forms.pairs);
}

/// Every document of `report`: the report's bookkeeping document first, then one per
/// section, then one per footnote. Heading and text are analyzed here, once each.
pub(crate) fn report_documents(
    f: &Fields,
    report: &Report,
    info: &SourceInfo,
    pipeline: &str,
    analyzer: &mut Analyzer,
) -> Vec<TantivyDocument> {
    let heading_fields = [
        f.heading,
        f.heading_exact,
        f.heading_folded,
        f.heading_pairs,
    ];
    let text_fields = [f.text, f.text_exact, f.text_folded, f.text_pairs];
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
    doc.add_bytes(f.source_raw, &info.source_raw);
    doc.add_text(f.title, &m.title);
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
        add_analyzed(&mut doc, analyzer, &s.heading, heading_fields);
        add_analyzed(&mut doc, analyzer, &s.text, text_fields);
        doc.add_u64(f.line_start, s.line_start as u64);
        doc.add_u64(f.line_end, s.line_end.max(s.line_start) as u64);
        add_line_map(f, &mut doc, info.line_maps.sections.get(i));
        doc.add_u64(f.text_key, key64(&[&s.heading, &s.text]));
        doc.add_u64(f.ord, (i + 1) as u64);
        for r in &s.footnote_refs {
            doc.add_u64(f.footnote_refs, u64::from(*r));
        }
        common.add_to(f, &mut doc);
        add_unit_facets(f, &mut doc, &s.sectors, role_slug(s.role));
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
        add_analyzed(&mut doc, analyzer, &n.text, text_fields);
        doc.add_u64(f.line_start, n.line_start as u64);
        doc.add_u64(f.line_end, n.line_start as u64);
        add_line_map(f, &mut doc, info.line_maps.footnotes.get(i));
        doc.add_u64(f.text_key, key64(&["", &n.text]));
        doc.add_u64(f.ord, (base + i) as u64);
        doc.add_u64(f.number, u64::from(n.number));
        common.add_to(f, &mut doc);
        add_unit_facets(f, &mut doc, &n.sectors, role_slug(n.role));
        out.push(doc);
    }
    out
}

/// A 64-bit key of `parts` (blake3, parts separated by U+001F): the same on every machine
/// and version, so an index's keys stay comparable.
pub(crate) fn key64(parts: &[&str]) -> u64 {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update(b"\x1f");
    }
    let bytes = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// Stores a unit's line map, when there is one and it maps something.
fn add_line_map(
    f: &Fields,
    doc: &mut TantivyDocument,
    map: Option<&crate::report::linemap::LineMap>,
) {
    if let Some(map) = map.filter(|m| !m.is_empty()) {
        doc.add_bytes(f.line_map, &map.to_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_same_everywhere_and_tell_parts_apart() {
        // The first 8 bytes (little-endian) of blake3("doc-1\x1f"): fixed, so that an
        // index written by one build is read right by another.
        assert_eq!(key64(&["doc-1"]), 830_663_772_256_966_644);
        assert_eq!(key64(&["Tiêu đề", "Nội dung"]), 10_472_594_512_098_223_702);
        assert_ne!(key64(&["ab", "c"]), key64(&["a", "bc"]));
        assert_ne!(key64(&["", "x"]), key64(&["x", ""]));
    }

    #[test]
    fn slugs_become_hierarchical_facets() {
        assert_eq!(
            slug_facet("kinh-te/ngan-sach").unwrap(),
            Facet::from("/kinh-te/ngan-sach")
        );
        assert_eq!(slug_facet("/tong-hop/").unwrap(), Facet::from("/tong-hop"));
        assert!(slug_facet("").is_none());
    }

    #[test]
    fn issuer_keys_are_folded_word_prefixes() {
        let keys = issuer_keys("Sở Nội vụ tỉnh Lâm Đồng");
        assert_eq!(keys[0], "so");
        assert_eq!(keys[2], "so noi vu");
        assert_eq!(keys.last().unwrap(), "so noi vu tinh lam dong");
        assert!(keys.contains(&issuer_filter_key("SỞ NỘI VỤ")));
        assert!(issuer_keys("UBND tỉnh Lâm Đồng")
            .contains(&issuer_filter_key("Ủy ban nhân dân tỉnh Lâm Đồng")));
        assert!(!issuer_keys("Văn phòng UBND tỉnh Lâm Đồng")
            .contains(&issuer_filter_key("UBND tỉnh Lâm Đồng")));
    }

    #[test]
    fn sort_keys_from_date_then_period() {
        let mut m = crate::report::Metadata {
            period: "2024-02".into(),
            ..Default::default()
        };
        assert_eq!(sort_key(&m), 20240231);
        m.period = "2024-Q3".into();
        assert_eq!(sort_key(&m), 20240930);
        m.period = "2024".into();
        assert_eq!(sort_key(&m), 20241231);
        m.date = Some("2025-12-19".into());
        assert_eq!(sort_key(&m), 20251219);
        assert_eq!(sort_key(&crate::report::Metadata::default()), 0);
    }
}
