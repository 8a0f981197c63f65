//! `baocao figures QUERY [filters] [--limit N] [--offset N] [--json|--csv]`: the figures
//! in sentences matching QUERY, with their report, period, section and line.
//!
//! The query and filters select sections and footnotes exactly as `baocao search` does;
//! every matching unit's text is split into sentences, the sentences holding the query's
//! words are kept, and their figures listed in rank order, then in text order.
//! `--limit`/`--offset` page over those figures (not over sections), and `total` counts
//! them all.

use std::io::Write;

use super::args::{Cli, FiguresArgs};
use super::search::{check_query, paged_request, search_error};
use super::CliError;
use crate::figures::{rows_in_text, FigureRow, QueryMatcher, Source};
use crate::output;
use crate::search::{Hit, Kind, Searcher, SourceTexts};

/// The figure rows of one hit: its heading (a task item's first sentence may hold a
/// figure) when the text does not repeat it, then its text.
fn rows_of_hit(matcher: &QueryMatcher, hit: &Hit) -> Vec<FigureRow> {
    let source = Source {
        kind: hit.kind.as_str().to_string(),
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

/// Sets each row's line to where its sentence begins in the source file (the unit's first
/// line when it cannot be found there).
fn locate(rows: &mut [FigureRow], hits: &[Hit]) {
    let mut sources = SourceTexts::default();
    for row in rows {
        let Some(hit) = hits.iter().find(|h| h.id == row.section_id) else {
            continue;
        };
        let Some(path) = hit.source.as_deref() else {
            continue;
        };
        if let Some(line) = sources.line_of(path, hit.line_start, hit.line_end, &row.sentence) {
            row.line = line;
        }
    }
}

/// `baocao figures`.
pub fn run(cli: &Cli, args: &FiguresArgs) -> Result<i32, CliError> {
    let mut request = paged_request(&args.query, &args.filters, &args.page)?;
    check_query(&request.query)?;
    let parsed = crate::search::parse_query(&request.query).map_err(|e| search_error(e.into()))?;
    let matcher = QueryMatcher::from_query(&parsed);
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    // Every matching unit, in rank order, without snippets: figures are paged, not units.
    let (limit, offset) = (request.limit, request.offset);
    request.limit = usize::MAX;
    request.offset = 0;
    request.snippet_chars = 0;
    let results = searcher.search(&request).map_err(search_error)?;
    super::index::check_not_rebuilding(cli, &searcher, results.total)?;
    let all: Vec<FigureRow> = results
        .hits
        .iter()
        .flat_map(|hit| rows_of_hit(&matcher, hit))
        .collect();
    let total = all.len();
    let mut rows: Vec<FigureRow> = all.into_iter().skip(offset).take(limit).collect();
    locate(&mut rows, &results.hits);

    let mut stdout = std::io::stdout().lock();
    if cli.json {
        output::figures::write_json(&mut stdout, &args.query, total, offset, &rows)?;
    } else if args.csv {
        output::figures::write_csv(&mut stdout, &rows)?;
    } else {
        let painter = output::Painter::new(output::use_color(cli.color));
        output::figures::write_text(
            &mut stdout,
            &painter,
            &args.query,
            total,
            offset,
            &rows,
            results.total,
        )?;
    }
    stdout.flush()?;
    Ok(super::EXIT_OK)
}
