//! `search --group report`: one entry per report, ranked by its best unit, with its best
//! units under it.

use std::collections::HashMap;
use std::path::PathBuf;

use tantivy::DocAddress;

use super::timeline::{AllDocs, ReportKeys};
use super::{build, Hit, Purpose, SearchError, SearchRequest, Searcher};

/// Units shown under each report by default: enough to see where in the report the topic
/// is, few enough to keep a page of reports readable.
pub const UNITS_PER_REPORT: usize = 3;

/// One report and its best matching units.
#[derive(Debug, Clone)]
pub struct ReportGroup {
    /// Report id.
    pub doc_id: String,
    /// File name.
    pub file: String,
    /// Absolute path of the source file when indexed from disk.
    pub source: Option<PathBuf>,
    /// Title.
    pub title: String,
    /// Period.
    pub period: String,
    /// Years covered.
    pub years: Vec<i32>,
    /// Document type slug.
    pub doc_type: String,
    /// Province.
    pub province: Option<String>,
    /// Score of its best unit.
    pub score: f32,
    /// Number of its matching units.
    pub matches: usize,
    /// Its best units, best first (at most the number asked).
    pub hits: Vec<Hit>,
}

/// The answer to a grouped search.
#[derive(Debug, Clone)]
pub struct GroupedResults {
    /// The query as given.
    pub query: String,
    /// Matching units (all reports).
    pub total: usize,
    /// Reports with a matching unit.
    pub reports: usize,
    /// The requested page of reports (`limit`/`offset` count reports), best first.
    pub groups: Vec<ReportGroup>,
}

impl Searcher {
    /// Runs a search and groups its matches by report: reports ranked by their best
    /// unit's score, each with its `per_report` best units (snippets and match lines as
    /// in [`Searcher::search`]). `request.limit`/`offset` page over reports.
    pub fn search_grouped(
        &self,
        request: &SearchRequest,
        per_report: usize,
    ) -> Result<GroupedResults, SearchError> {
        let searcher = self.reader.searcher();
        let mut analyzers = build::Analyzers::new();
        let compiled = self.compile(request, Purpose::Ranking, &searcher, &mut analyzers)?;
        let node = &compiled.ranked().node;
        let docs = searcher.search(&compiled.query, &AllDocs { scoring: true })?;
        let mut keys = ReportKeys::default();
        let mut by_report: HashMap<u32, Vec<(f32, DocAddress)>> = HashMap::new();
        let mut total = 0;
        for segment_docs in &docs {
            if segment_docs.docs.is_empty() {
                continue;
            }
            let segment = searcher.segment_reader(segment_docs.segment);
            let reports = keys.of_segment(segment, self.index.fields().doc_id)?;
            for &(doc, score) in &segment_docs.docs {
                total += 1;
                by_report
                    .entry(reports[doc as usize])
                    .or_default()
                    .push((score, DocAddress::new(segment_docs.segment, doc)));
            }
        }
        let mut ranked: Vec<(u32, Vec<(f32, DocAddress)>)> = by_report.into_iter().collect();
        for (_, units) in &mut ranked {
            units.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        }
        ranked.sort_by(|a, b| {
            b.1[0].0.total_cmp(&a.1[0].0).then_with(|| {
                keys.names
                    .get(a.0 as usize)
                    .cmp(&keys.names.get(b.0 as usize))
            })
        });
        let reports = ranked.len();
        let mut groups = Vec::new();
        for (_, units) in ranked.into_iter().skip(request.offset).take(request.limit) {
            let best: Vec<(f32, DocAddress)> =
                units.iter().take(per_report.max(1)).copied().collect();
            let hits = self.hits(
                &searcher,
                node,
                &mut analyzers,
                &best,
                request.snippet_chars,
            )?;
            let first = &hits[0];
            groups.push(ReportGroup {
                doc_id: first.doc_id.clone(),
                file: first.file.clone(),
                source: first.source.clone(),
                title: first.title.clone(),
                period: first.period.clone(),
                years: first.years.clone(),
                doc_type: first.doc_type.clone(),
                province: first.province.clone(),
                score: first.score,
                matches: units.len(),
                hits: if per_report == 0 { Vec::new() } else { hits },
            });
        }
        Ok(GroupedResults {
            query: request.query.clone(),
            total,
            reports,
            groups,
        })
    }
}
