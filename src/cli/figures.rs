//! `baocao figures QUERY [filters] [--json|--csv]`: the figures in sentences matching
//! QUERY, with their report, period, section and line.
//!
//! The query and filters select sections and footnotes exactly as `baocao search` does
//! (`--limit`/`--offset` page over those ranked units); each unit's text is split into
//! sentences, the sentences holding the query's terms are kept, and their figures listed
//! in rank order, then in text order.

use std::io::{IsTerminal, Write};

use super::args::{Cli, FiguresArgs};
use super::search::{request, search_error};
use super::CliError;
use crate::figures::{rows_of_hits, QueryMatcher};
use crate::output;
use crate::search::Searcher;

/// `baocao figures`.
pub fn run(cli: &Cli, args: &FiguresArgs) -> Result<i32, CliError> {
    let request = request(&args.query, &args.filters)?;
    // A malformed query is reported before the index is opened (or built).
    let parsed = crate::search::parse_query(&request.query).map_err(|e| search_error(e.into()))?;
    let matcher = QueryMatcher::from_query(&parsed);
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    let results = searcher.search(&request).map_err(search_error)?;
    let rows = rows_of_hits(&matcher, &results.hits);

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
