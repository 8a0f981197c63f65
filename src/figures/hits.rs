//! The figures behind a query: every matching unit's figures, in rank order then in text
//! order, paged, each with the line of its sentence. One function for `baocao figures`
//! and `baocao serve`, so that both give the same rows.

use super::{rows_in_text, FigureRow, QueryMatcher, Source};
use crate::search::{parse_query, Hit, Kind, SearchError, SearchRequest, Searcher};

/// A page of the figures of a query.
#[derive(Debug, Clone)]
pub struct FiguresPage {
    /// Figures in all the matching units.
    pub total: usize,
    /// Index of the first row of this page among them.
    pub offset: usize,
    /// Matching units (sections and footnotes).
    pub units: usize,
    /// Matching units whose figures are listed: the best ranked, at most
    /// [`MAX_FIGURE_UNITS`] (fewer than `units` when the bound cut).
    pub units_read: usize,
    /// The page of rows.
    pub rows: Vec<FigureRow>,
}

/// The figure rows of one hit: its heading (a task item's first sentence may hold a
/// figure) when the text does not repeat it, then its text.
fn rows_of_hit(matcher: &QueryMatcher, hit: &Hit) -> Vec<FigureRow> {
    let source = Source {
        kind: hit.kind,
        doc_id: hit.doc_id.clone(),
        file: hit.file.clone(),
        section_id: hit.id.clone(),
        path: hit.path.clone(),
        period: hit.period.clone(),
        years: hit.years.clone(),
        line: hit.line_start,
        source: hit.source.as_ref().map(|p| p.display().to_string()),
    };
    let mut rows = Vec::new();
    if hit.kind == Kind::Section
        && !hit.heading.trim().is_empty()
        && !hit.text.starts_with(hit.heading.trim())
    {
        rows.extend(rows_in_text(matcher, &hit.heading, &hit.heading, &source));
    }
    rows.extend(rows_in_text(matcher, &hit.text, &hit.heading, &source));
    rows
}

/// Sets each row's line to where its sentence begins in the source file, from its unit's
/// line map (the unit's first line when the map has nothing there, or points past the
/// unit's last line).
fn locate(rows: &mut [FigureRow], hits: &[Hit]) {
    for row in rows {
        let Some(hit) = hits.iter().find(|h| h.id == row.section_id) else {
            continue;
        };
        if let Some(line) = hit.line_map.line_of(&hit.text, &row.sentence) {
            if line >= hit.line_start && line <= hit.line_end.max(hit.line_start) {
                row.line = line;
            }
        }
    }
}

/// Most matching units whose figures are read, best ranked first: a query matching most
/// sections of a large corpus would otherwise read and split every one of their texts for
/// one page of figures; past the best thousand units a reader refines the query instead.
pub const MAX_FIGURE_UNITS: usize = 1000;

/// The figures in the sentences of the units matching `request` (the best ranked
/// [`MAX_FIGURE_UNITS`]) that hold the query's words; `request.limit` and
/// `request.offset` page over the figures (not the units).
pub fn figures_of_query(
    searcher: &Searcher,
    request: &SearchRequest,
) -> Result<FiguresPage, SearchError> {
    let matcher = QueryMatcher::from_query(&parse_query(&request.query)?);
    // The matching units, in rank order, without snippets: figures are paged, not units.
    let mut all_units = request.clone();
    all_units.limit = MAX_FIGURE_UNITS;
    all_units.offset = 0;
    all_units.snippet_chars = 0;
    let results = searcher.search(&all_units)?;
    let all: Vec<FigureRow> = results
        .hits
        .iter()
        .flat_map(|hit| rows_of_hit(&matcher, hit))
        .collect();
    let total = all.len();
    let mut rows: Vec<FigureRow> = all
        .into_iter()
        .skip(request.offset)
        .take(request.limit)
        .collect();
    locate(&mut rows, &results.hits);
    Ok(FiguresPage {
        total,
        offset: request.offset,
        units: results.total,
        units_read: results.hits.len(),
        rows,
    })
}
