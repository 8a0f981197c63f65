//! Counts and sizes of the index.

use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::{FacetCounts, SearchError, SearchRequest, Searcher};
use crate::index::schema::{KIND_FOOTNOTE, KIND_REPORT, KIND_SECTION};

/// What `baocao stats` reports.
#[derive(Debug, Clone)]
pub struct Stats {
    /// Reports indexed.
    pub reports: usize,
    /// Sections indexed.
    pub sections: usize,
    /// Footnotes indexed.
    pub footnotes: usize,
    /// Total size of the indexed source files in bytes.
    pub source_bytes: u64,
    /// Size of the index directory in bytes.
    pub index_bytes: u64,
    /// Number of tantivy segments.
    pub segments: usize,
    /// Schema version of the index.
    pub schema_version: u32,
    /// Counts per facet value over all sections and footnotes.
    pub facets: FacetCounts,
}

impl Searcher {
    /// Counts of reports, sections and footnotes, sizes, and per-facet totals.
    pub fn stats(&self) -> Result<Stats, SearchError> {
        let searcher = self.reader.searcher();
        let f = self.index.fields();
        let count = |kind: &str| -> Result<usize, SearchError> {
            let q = TermQuery::new(
                Term::from_field_text(f.kind, kind),
                IndexRecordOption::Basic,
            );
            Ok(searcher.search(&q, &Count)?)
        };
        let source_bytes = self.reports()?.iter().map(|r| r.bytes).sum();
        Ok(Stats {
            reports: count(KIND_REPORT)?,
            sections: count(KIND_SECTION)?,
            footnotes: count(KIND_FOOTNOTE)?,
            source_bytes,
            index_bytes: self.index.size_on_disk(),
            segments: searcher.segment_readers().len(),
            schema_version: crate::index::SCHEMA_VERSION,
            facets: self.facets(&SearchRequest::new(""), &[])?,
        })
    }
}
