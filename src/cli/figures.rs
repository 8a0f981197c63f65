//! `baocao figures QUERY [filters] [--json|--csv]`: the figures in sentences matching
//! QUERY, with their report, period, section and line.
//!
//! The query and filters select sections and footnotes exactly as `baocao search` does
//! (`--limit`/`--offset` page over those ranked units); each unit's text is split into
//! sentences, the sentences holding the query's terms are kept, and their figures listed
//! in rank order, then in text order.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::args::{Cli, FiguresArgs};
use super::search::{request, search_error};
use super::CliError;
use crate::figures::{rows_in_text, FigureRow, LineFinder, QueryMatcher, Source};
use crate::output;
use crate::search::{Hit, Kind, Searcher};

/// Caches one [`LineFinder`] per source file (None when the file cannot be read).
#[derive(Default)]
struct Lines {
    finders: HashMap<PathBuf, Option<LineFinder>>,
}

impl Lines {
    /// The line where `sentence` begins in the hit's source file, if found.
    fn find(&mut self, hit: &Hit, sentence: &str) -> Option<usize> {
        let path = hit.source.as_ref()?;
        let finder = self.finders.entry(path.clone()).or_insert_with(|| {
            std::fs::read(path)
                .ok()
                .map(|bytes| LineFinder::new(&String::from_utf8_lossy(&bytes)))
        });
        finder.as_ref()?.find(hit.line_start.max(1), sentence)
    }
}

/// The figure rows of one hit: its heading (a task item's first sentence may hold a
/// figure) when the text does not repeat it, then its text.
fn rows_of_hit(matcher: &QueryMatcher, hit: &Hit, lines: &mut Lines) -> Vec<FigureRow> {
    let source = Source {
        kind: hit.kind.as_str().to_string(),
        doc_id: hit.doc_id.clone(),
        file: hit.file.clone(),
        section_id: hit.id.clone(),
        path: hit.path.clone(),
        period: hit.period.clone(),
        years: hit.years.clone(),
        line: hit.line_start,
    };
    let mut rows = Vec::new();
    if hit.kind == Kind::Section
        && !hit.heading.trim().is_empty()
        && !hit.text.starts_with(hit.heading.trim())
    {
        rows.extend(rows_in_text(matcher, &hit.heading, &hit.heading, &source));
    }
    rows.extend(rows_in_text(matcher, &hit.text, &hit.heading, &source));
    let mut located: HashMap<String, Option<usize>> = HashMap::new();
    for row in &mut rows {
        let line = located
            .entry(row.sentence.clone())
            .or_insert_with(|| lines.find(hit, &row.sentence));
        if let Some(line) = *line {
            row.line = line;
        }
    }
    rows
}

/// `baocao figures`.
pub fn run(cli: &Cli, args: &FiguresArgs) -> Result<i32, CliError> {
    let request = request(&args.query, &args.filters)?;
    // A malformed query is reported before the index is opened (or built).
    let parsed = crate::search::parse_query(&request.query).map_err(|e| search_error(e.into()))?;
    let matcher = QueryMatcher::from_query(&parsed);
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    let results = searcher.search(&request).map_err(search_error)?;
    let mut lines = Lines::default();
    let rows: Vec<FigureRow> = results
        .hits
        .iter()
        .flat_map(|hit| rows_of_hit(&matcher, hit, &mut lines))
        .collect();

    let mut stdout = std::io::stdout().lock();
    if cli.json {
        output::figures::write_json(&mut stdout, &args.query, &rows)?;
    } else if args.csv {
        output::figures::write_csv(&mut stdout, &rows)?;
    } else if rows.is_empty() {
        if std::io::stderr().is_terminal() {
            super::index::note(&format!(
                "no figures in the sentences matching {:?} ({} matching sections and footnotes)",
                args.query, results.total
            ));
        }
    } else {
        output::figures::write_table(&mut stdout, &rows, output::use_color(cli.color))?;
    }
    stdout.flush()?;
    Ok(super::EXIT_OK)
}
