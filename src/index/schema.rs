//! The tantivy schema: one document per section, footnote and report.
//!
//! Every section and footnote of a report is one tantivy document (`kind` = `section` or
//! `footnote`); each report also has one bookkeeping document (`kind` = `report`) that
//! carries its source path and content hash for incremental indexing. Report documents
//! have no searchable text, and every query of [`crate::search`] filters on `kind`.
//!
//! Heading and text are indexed twice: with the exact Vietnamese analyzer
//! ([`crate::analysis::VI`], stored, used for snippets) and the folded one
//! ([`crate::analysis::VI_FOLDED`], not stored).

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
    STORED, STRING,
};

use crate::analysis::{VI, VI_FOLDED};

/// Version of the schema and of the document layout. Bumped on any change that makes an
/// existing index unreadable or wrong; an index with another version is refused.
pub const SCHEMA_VERSION: u32 = 3;

/// `section`, `footnote` or `report` (raw string, indexed, stored).
pub const KIND: &str = "kind";
/// Section id `doc_id#II.1.3`, footnote id `doc_id^4`, or the doc id for a report document.
pub const ID: &str = "id";
/// Stable report id (raw string, indexed, stored).
pub const DOC_ID: &str = "doc_id";
/// File name without directory (raw string, indexed, stored).
pub const FILE: &str = "file";
/// Absolute path of the source file (raw string, indexed, stored).
pub const SOURCE: &str = "source";
/// blake3 hash of the source bytes (report documents only, stored).
pub const CONTENT_HASH: &str = "content_hash";
/// Version of the indexing pipeline that produced a report (report documents only).
pub const PIPELINE: &str = "pipeline";
/// Size in bytes of the source file (report documents only, stored).
pub const SOURCE_BYTES: &str = "source_bytes";
/// Report title (stored).
pub const TITLE: &str = "title";
/// Issuing body (stored, report documents).
pub const ISSUER: &str = "issuer";
/// Signer (stored, report documents).
pub const SIGNER: &str = "signer";
/// Section path labels, one stored value per label, in order.
pub const PATH: &str = "path";
/// Id of the section a footnote belongs to; a section's own id for sections (raw, indexed).
pub const SECTION_ID: &str = "section_id";
/// Heading, exact analysis (`vi`), frequencies (no positions), stored. Sections only.
pub const HEADING: &str = "heading";
/// Heading, folded analysis (`vi_folded`), positions. Sections only.
pub const HEADING_FOLDED: &str = "heading_folded";
/// Heading of the section that holds a footnote (stored only, footnotes).
pub const CONTEXT_HEADING: &str = "context_heading";
/// Body text, exact analysis (`vi`), frequencies (no positions), stored.
pub const TEXT: &str = "text";
/// Body text, folded analysis (`vi_folded`), positions.
pub const TEXT_FOLDED: &str = "text_folded";
/// First line (1-based) in the source file.
pub const LINE_START: &str = "line_start";
/// Last line (1-based) in the source file.
pub const LINE_END: &str = "line_end";
/// Position of the unit in its report (sections first in document order, then footnotes).
pub const ORD: &str = "ord";
/// Footnote number (footnotes only).
pub const NUMBER: &str = "number";
/// Footnote numbers referenced by a section.
pub const FOOTNOTE_REFS: &str = "footnote_refs";
/// Years covered, one value per year (u64, indexed, fast, stored): range filters.
pub const YEARS: &str = "years";
/// Year facet, `/2024`.
pub const YEAR_FACET: &str = "year";
/// Period facet, `/2024-02`.
pub const PERIOD_FACET: &str = "period";
/// Document type facet, `/bao-cao/thang`.
pub const DOC_TYPE_FACET: &str = "doc_type";
/// Sector facet(s), `/kinh-te/ngan-sach`.
pub const SECTOR_FACET: &str = "sector";
/// Role facet, `/nhiem-vu`.
pub const ROLE_FACET: &str = "role";
/// Province facet, with diacritics: `/Lạng Sơn`.
pub const PROVINCE_FACET: &str = "province";
/// Province, folded (`lang son`), raw string: the `--province` filter.
pub const PROVINCE_FOLDED: &str = "province_folded";

/// Kind value of a section document.
/// Abbreviations a report defines (`cải cách hành chính (CCHC)`), report documents
/// only (raw strings, indexed, stored): `a:` + the folded abbreviation's words, `l:` + the
/// folded long form's words (the lookup keys), `p:SHORT<US>long form` (the pair).
pub const ABBREV: &str = "abbrev";

pub const KIND_SECTION: &str = "section";
/// Kind value of a footnote document.
pub const KIND_FOOTNOTE: &str = "footnote";
/// Kind value of a report bookkeeping document.
pub const KIND_REPORT: &str = "report";

/// Names of the facet fields, in display order.
pub const FACET_FIELDS: [&str; 6] = [
    YEAR_FACET,
    PERIOD_FACET,
    DOC_TYPE_FACET,
    SECTOR_FACET,
    ROLE_FACET,
    PROVINCE_FACET,
];

/// Resolved field handles of the baocao schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// See [`KIND`].
    pub kind: Field,
    /// See [`ID`].
    pub id: Field,
    /// See [`DOC_ID`].
    pub doc_id: Field,
    /// See [`FILE`].
    pub file: Field,
    /// See [`SOURCE`].
    pub source: Field,
    /// See [`CONTENT_HASH`].
    pub content_hash: Field,
    /// See [`PIPELINE`].
    pub pipeline: Field,
    /// See [`SOURCE_BYTES`].
    pub source_bytes: Field,
    /// See [`TITLE`].
    pub title: Field,
    /// See [`ISSUER`].
    pub issuer: Field,
    /// See [`SIGNER`].
    pub signer: Field,
    /// See [`PATH`].
    pub path: Field,
    /// See [`SECTION_ID`].
    pub section_id: Field,
    /// See [`HEADING`].
    pub heading: Field,
    /// See [`HEADING_FOLDED`].
    pub heading_folded: Field,
    /// See [`CONTEXT_HEADING`].
    pub context_heading: Field,
    /// See [`TEXT`].
    pub text: Field,
    /// See [`TEXT_FOLDED`].
    pub text_folded: Field,
    /// See [`LINE_START`].
    pub line_start: Field,
    /// See [`LINE_END`].
    pub line_end: Field,
    /// See [`ORD`].
    pub ord: Field,
    /// See [`NUMBER`].
    pub number: Field,
    /// See [`FOOTNOTE_REFS`].
    pub footnote_refs: Field,
    /// See [`YEARS`].
    pub years: Field,
    /// See [`YEAR_FACET`].
    pub year_facet: Field,
    /// See [`PERIOD_FACET`].
    pub period_facet: Field,
    /// See [`DOC_TYPE_FACET`].
    pub doc_type_facet: Field,
    /// See [`SECTOR_FACET`].
    pub sector_facet: Field,
    /// See [`ROLE_FACET`].
    pub role_facet: Field,
    /// See [`PROVINCE_FACET`].
    pub province_facet: Field,
    /// See [`PROVINCE_FOLDED`].
    pub province_folded: Field,
    pub abbrev: Field,
}

/// An analyzed text field. The folded fields carry positions (phrase and proximity
/// queries run there); the exact fields only frequencies: they boost exact spellings
/// through term queries, and positions there would nearly double the index.
fn analyzed(tokenizer: &str, record: IndexRecordOption, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Builds the baocao schema.
pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field(KIND, STRING | STORED);
    b.add_text_field(ID, STRING | STORED);
    b.add_text_field(DOC_ID, STRING | STORED);
    b.add_text_field(FILE, STRING | STORED);
    b.add_text_field(SOURCE, STRING | STORED);
    b.add_text_field(CONTENT_HASH, STORED);
    b.add_text_field(PIPELINE, STORED);
    b.add_u64_field(SOURCE_BYTES, STORED);
    b.add_text_field(TITLE, STORED);
    b.add_text_field(ISSUER, STORED);
    b.add_text_field(SIGNER, STORED);
    b.add_text_field(PATH, STORED);
    b.add_text_field(SECTION_ID, STRING | STORED);
    b.add_text_field(HEADING, analyzed(VI, IndexRecordOption::WithFreqs, true));
    b.add_text_field(
        HEADING_FOLDED,
        analyzed(VI_FOLDED, IndexRecordOption::WithFreqsAndPositions, false),
    );
    b.add_text_field(CONTEXT_HEADING, STORED);
    b.add_text_field(TEXT, analyzed(VI, IndexRecordOption::WithFreqs, true));
    b.add_text_field(
        TEXT_FOLDED,
        analyzed(VI_FOLDED, IndexRecordOption::WithFreqsAndPositions, false),
    );
    let stored_u64 = NumericOptions::default().set_stored();
    b.add_u64_field(LINE_START, stored_u64.clone());
    b.add_u64_field(LINE_END, stored_u64.clone());
    b.add_u64_field(ORD, stored_u64.clone().set_fast());
    b.add_u64_field(NUMBER, stored_u64.clone());
    b.add_u64_field(FOOTNOTE_REFS, stored_u64);
    b.add_u64_field(
        YEARS,
        NumericOptions::default()
            .set_stored()
            .set_indexed()
            .set_fast(),
    );
    for facet in FACET_FIELDS {
        b.add_facet_field(facet, FacetOptions::default().set_stored());
    }
    b.add_text_field(PROVINCE_FOLDED, STRING);
    b.add_text_field(ABBREV, STRING | STORED);
    b.build()
}

impl Fields {
    /// Resolves every field of `schema`; fails when one is missing (not a baocao index).
    pub fn resolve(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            kind: f(KIND)?,
            id: f(ID)?,
            doc_id: f(DOC_ID)?,
            file: f(FILE)?,
            source: f(SOURCE)?,
            content_hash: f(CONTENT_HASH)?,
            pipeline: f(PIPELINE)?,
            source_bytes: f(SOURCE_BYTES)?,
            title: f(TITLE)?,
            issuer: f(ISSUER)?,
            signer: f(SIGNER)?,
            path: f(PATH)?,
            section_id: f(SECTION_ID)?,
            heading: f(HEADING)?,
            heading_folded: f(HEADING_FOLDED)?,
            context_heading: f(CONTEXT_HEADING)?,
            text: f(TEXT)?,
            text_folded: f(TEXT_FOLDED)?,
            line_start: f(LINE_START)?,
            line_end: f(LINE_END)?,
            ord: f(ORD)?,
            number: f(NUMBER)?,
            footnote_refs: f(FOOTNOTE_REFS)?,
            years: f(YEARS)?,
            year_facet: f(YEAR_FACET)?,
            period_facet: f(PERIOD_FACET)?,
            doc_type_facet: f(DOC_TYPE_FACET)?,
            sector_facet: f(SECTOR_FACET)?,
            role_facet: f(ROLE_FACET)?,
            province_facet: f(PROVINCE_FACET)?,
            province_folded: f(PROVINCE_FOLDED)?,
            abbrev: f(ABBREV)?,
        })
    }

    /// The facet field with the given name (`year`, `period`, `doc_type`, `sector`, `role`,
    /// `province`).
    pub fn facet(&self, name: &str) -> Option<Field> {
        Some(match name {
            YEAR_FACET => self.year_facet,
            PERIOD_FACET => self.period_facet,
            DOC_TYPE_FACET => self.doc_type_facet,
            SECTOR_FACET => self.sector_facet,
            ROLE_FACET => self.role_facet,
            PROVINCE_FACET => self.province_facet,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_resolves_every_field() {
        let schema = build_schema();
        let fields = Fields::resolve(&schema).unwrap();
        for name in FACET_FIELDS {
            assert!(fields.facet(name).is_some());
        }
        assert!(fields.facet("nope").is_none());
        assert_ne!(fields.text, fields.text_folded);
    }
}
