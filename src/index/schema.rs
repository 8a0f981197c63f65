//! The tantivy schema: one document per section, footnote and report.
//!
//! Every section and footnote of a report is one tantivy document (`kind` = `section` or
//! `footnote`); each report also has one bookkeeping document (`kind` = `report`) that
//! carries its source path and content hash for incremental indexing. Report documents
//! have no searchable text, and every query of [`crate::search`] filters on `kind`.
//!
//! Heading and text are stored as written (`heading`, `text`: snippets and output) and
//! indexed in three forms, all made by one analysis pass ([`crate::analysis::Analyzer`])
//! and read back by the [`crate::analysis::PREANALYZED`] tokenizer:
//!
//! - exact (`*_exact`: NFC, one tone placement, lower case), frequencies only, and only
//!   the words that carry diacritics (a word without is its folded form): the bonus of a
//!   query typed with diacritics;
//! - folded (`*_folded`: base letters), with positions: words, and the adjacency check of
//!   phrases of three syllables or more;
//! - folded syllable pairs (`*_pairs`: `giai_ngan`, `ngan_von`), frequencies only: a
//!   phrase requires its pairs, terms far rarer than its syllables (every Vietnamese
//!   syllable is common), so they lead the intersection; a two-syllable phrase is one pair
//!   term. Their frequencies also say which pairs are words.

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
    STORED, STRING,
};

use crate::analysis::PREANALYZED;

/// Version of the schema and of the document layout. Bumped on any change that makes an
/// existing index unreadable or wrong; an index with another version is refused.
pub const SCHEMA_VERSION: u32 = 7;

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
/// The source path exactly as the operating system gives it, bytes (report documents
/// only, stored): `source` is text, and a path that is not valid UTF-8 would not name
/// its file any more.
pub const SOURCE_RAW: &str = "source_raw";
/// Report title (stored).
pub const TITLE: &str = "title";
/// Issuing body facet, `/Sở Nội vụ tỉnh Lâm Đồng` (stored, every document).
pub const ISSUER: &str = "issuer";
/// Every word prefix of the folded issuer (`so`, `so noi`, `so noi vu`…), raw strings:
/// the `--issuer` filter.
pub const ISSUER_KEY: &str = "issuer_key";
/// Document number of the letterhead, `329/BC-UBND` (stored, every document).
pub const DOC_NUMBER: &str = "doc_number";
/// Date of the place-date line, `2025-12-19` (stored, every document).
pub const DATE: &str = "date";
/// `YYYYMMDD` of the date, else of the end of the period (u64, fast): `--sort date`.
pub const SORT_DATE: &str = "sort_date";
/// A 64-bit hash of the doc id (u64, fast, every document): which report a match belongs
/// to, read from a column instead of a stored document.
pub const REPORT_KEY: &str = "report_key";
/// A 64-bit hash of a unit's heading and text (u64, fast, sections and footnotes): units
/// with the same words are listed once without reading their stored documents.
pub const TEXT_KEY: &str = "text_key";
/// Signer (stored, report documents).
pub const SIGNER: &str = "signer";
/// Section path labels, one stored value per label, in order.
pub const PATH: &str = "path";
/// Id of the section a footnote belongs to; a section's own id for sections (raw, indexed).
pub const SECTION_ID: &str = "section_id";
/// Heading as written (stored, not indexed). Sections only.
pub const HEADING: &str = "heading";
/// Heading, exact tokens (`vi`) with diacritics, frequencies (no positions). Sections only.
pub const HEADING_EXACT: &str = "heading_exact";
/// Heading, folded tokens (`vi_folded`), positions. Sections only.
pub const HEADING_FOLDED: &str = "heading_folded";
/// Heading, folded syllable pairs (`giai_ngan`), frequencies. Sections only.
pub const HEADING_PAIRS: &str = "heading_pairs";
/// Heading of the section that holds a footnote (stored only, footnotes).
pub const CONTEXT_HEADING: &str = "context_heading";
/// Body text as written (stored, not indexed).
pub const TEXT: &str = "text";
/// Body text, exact tokens (`vi`) with diacritics, frequencies (no positions).
pub const TEXT_EXACT: &str = "text_exact";
/// Body text, folded tokens (`vi_folded`), positions.
pub const TEXT_FOLDED: &str = "text_folded";
/// Body text, folded syllable pairs (`giai_ngan`), frequencies.
pub const TEXT_PAIRS: &str = "text_pairs";
/// First line (1-based) in the source file.
pub const LINE_START: &str = "line_start";
/// Last line (1-based) in the source file.
pub const LINE_END: &str = "line_end";
/// Where the unit's text sits in the source file's lines (bytes of a
/// [`crate::report::linemap::LineMap`], stored): the line of a match without reading the file.
pub const LINE_MAP: &str = "line_map";
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
pub const FACET_FIELDS: [&str; 7] = [
    YEAR_FACET,
    PERIOD_FACET,
    DOC_TYPE_FACET,
    SECTOR_FACET,
    ROLE_FACET,
    PROVINCE_FACET,
    ISSUER,
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
    /// See [`SOURCE_RAW`].
    pub source_raw: Field,
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
    /// See [`HEADING_EXACT`].
    pub heading_exact: Field,
    /// See [`HEADING_FOLDED`].
    pub heading_folded: Field,
    /// See [`HEADING_PAIRS`].
    pub heading_pairs: Field,
    /// See [`CONTEXT_HEADING`].
    pub context_heading: Field,
    /// See [`TEXT`].
    pub text: Field,
    /// See [`TEXT_EXACT`].
    pub text_exact: Field,
    /// See [`TEXT_FOLDED`].
    pub text_folded: Field,
    /// See [`TEXT_PAIRS`].
    pub text_pairs: Field,
    /// See [`LINE_START`].
    pub line_start: Field,
    /// See [`LINE_END`].
    pub line_end: Field,
    /// See [`LINE_MAP`].
    pub line_map: Field,
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
    /// See [`ISSUER_KEY`].
    pub issuer_key: Field,
    /// See [`DOC_NUMBER`].
    pub doc_number: Field,
    /// See [`DATE`].
    pub date: Field,
    /// See [`REPORT_KEY`].
    pub report_key: Field,
    /// See [`TEXT_KEY`].
    pub text_key: Field,
    /// See [`SORT_DATE`].
    pub sort_date: Field,
    pub abbrev: Field,
}

/// An indexed form of heading or text (not stored), fed pre-analyzed. Only the folded
/// fields carry positions (the adjacency check of long phrases runs there); the exact and
/// pair fields are read through term queries, and positions there would nearly double
/// the index.
fn analyzed(record: IndexRecordOption) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(PREANALYZED)
        .set_index_option(record);
    TextOptions::default().set_indexing_options(indexing)
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
    b.add_bytes_field(SOURCE_RAW, STORED);
    b.add_text_field(TITLE, STORED);
    b.add_text_field(SIGNER, STORED);
    b.add_text_field(PATH, STORED);
    b.add_text_field(SECTION_ID, STRING | STORED);
    b.add_text_field(HEADING, STORED);
    b.add_text_field(HEADING_EXACT, analyzed(IndexRecordOption::WithFreqs));
    b.add_text_field(
        HEADING_FOLDED,
        analyzed(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field(HEADING_PAIRS, analyzed(IndexRecordOption::WithFreqs));
    b.add_text_field(CONTEXT_HEADING, STORED);
    b.add_text_field(TEXT, STORED);
    b.add_text_field(TEXT_EXACT, analyzed(IndexRecordOption::WithFreqs));
    b.add_text_field(
        TEXT_FOLDED,
        analyzed(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field(TEXT_PAIRS, analyzed(IndexRecordOption::WithFreqs));
    let stored_u64 = NumericOptions::default().set_stored();
    b.add_u64_field(LINE_START, stored_u64.clone());
    b.add_u64_field(LINE_END, stored_u64.clone());
    b.add_bytes_field(LINE_MAP, STORED);
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
    b.add_text_field(ISSUER_KEY, STRING);
    b.add_text_field(DOC_NUMBER, STORED);
    b.add_text_field(DATE, STORED);
    b.add_u64_field(SORT_DATE, NumericOptions::default().set_fast());
    b.add_u64_field(REPORT_KEY, NumericOptions::default().set_fast());
    b.add_u64_field(TEXT_KEY, NumericOptions::default().set_fast());
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
            source_raw: f(SOURCE_RAW)?,
            title: f(TITLE)?,
            issuer: f(ISSUER)?,
            signer: f(SIGNER)?,
            path: f(PATH)?,
            section_id: f(SECTION_ID)?,
            heading: f(HEADING)?,
            heading_exact: f(HEADING_EXACT)?,
            heading_folded: f(HEADING_FOLDED)?,
            heading_pairs: f(HEADING_PAIRS)?,
            context_heading: f(CONTEXT_HEADING)?,
            text: f(TEXT)?,
            text_exact: f(TEXT_EXACT)?,
            text_folded: f(TEXT_FOLDED)?,
            text_pairs: f(TEXT_PAIRS)?,
            line_start: f(LINE_START)?,
            line_end: f(LINE_END)?,
            line_map: f(LINE_MAP)?,
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
            issuer_key: f(ISSUER_KEY)?,
            doc_number: f(DOC_NUMBER)?,
            date: f(DATE)?,
            sort_date: f(SORT_DATE)?,
            report_key: f(REPORT_KEY)?,
            text_key: f(TEXT_KEY)?,
            abbrev: f(ABBREV)?,
        })
    }

    /// The facet field with the given name (`year`, `period`, `doc_type`, `sector`, `role`,
    /// `province`, `issuer`).
    pub fn facet(&self, name: &str) -> Option<Field> {
        Some(match name {
            YEAR_FACET => self.year_facet,
            PERIOD_FACET => self.period_facet,
            DOC_TYPE_FACET => self.doc_type_facet,
            SECTOR_FACET => self.sector_facet,
            ROLE_FACET => self.role_facet,
            PROVINCE_FACET => self.province_facet,
            ISSUER => self.issuer,
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
