//! `baocao stats`: counts and index size.

use super::args::Cli;
use super::search::search_error;
use super::{CliError, ExitCode};
use crate::output;
use crate::search::Searcher;

/// `baocao stats`.
pub fn run(cli: &Cli) -> Result<ExitCode, CliError> {
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    let stats = searcher.stats().map_err(search_error)?;
    super::print(
        cli,
        || output::json::stats(&stats),
        |out, p| output::text::stats(out, p, &stats),
    )
}
