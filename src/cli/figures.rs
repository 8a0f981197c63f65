//! `baocao figures QUERY [filters] [--limit N] [--offset N] [--json|--csv]`: the figures
//! in sentences matching QUERY, with their report, period, section and line.
//!
//! The query and filters select sections and footnotes exactly as `baocao search` does;
//! every matching unit's text is split into sentences, the sentences holding the query's
//! words are kept, and their figures listed in rank order, then in text order
//! ([`crate::figures::figures_of_query`], shared with `baocao serve`).
//! `--limit`/`--offset` page over those figures (not over sections), and `total` counts
//! them all, in the best ranked [`crate::figures::MAX_FIGURE_UNITS`] matching units.

use std::io::Write;

use super::args::{Cli, FiguresArgs};
use super::search::{check_query, paged_request, search_error};
use super::{CliError, ExitCode};
use crate::figures::figures_of_query;
use crate::output::{self, Format};
use crate::search::Searcher;

/// `baocao figures`.
pub fn run(cli: &Cli, args: &FiguresArgs) -> Result<ExitCode, CliError> {
    let request = paged_request(&args.query, &args.filters, &args.page)?;
    check_query(&request.query)?;
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    let page = figures_of_query(&searcher, &request).map_err(search_error)?;
    super::index::check_not_rebuilding(cli, &searcher, page.units)?;

    let mut stdout = std::io::stdout().lock();
    match super::format(cli, args.csv) {
        Format::Json => output::figures::write_json(&mut stdout, &args.query, &page)?,
        Format::Csv => output::figures::write_csv(&mut stdout, &page.rows)?,
        Format::Text => {
            output::figures::write_text(&mut stdout, &super::painter(cli), &args.query, &page)?
        }
    }
    stdout.flush()?;
    Ok(ExitCode::Ok)
}
