//! `baocao facets [QUERY] [--field F] [--count units|reports] [--limit N] [filters]`.

use super::args::{Cli, CountWhat, FacetsArgs};
use super::search::{check_query, request, search_error};
use super::{CliError, ExitCode};
use crate::output;
use crate::search::{Counting, Searcher};

/// `baocao facets`.
pub fn run(cli: &Cli, args: &FacetsArgs) -> Result<ExitCode, CliError> {
    let query = args.query.clone().unwrap_or_default();
    let request = request(&query, &args.filters)?;
    if !query.trim().is_empty() {
        check_query(&query)?;
    }
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    let fields: Vec<&str> = args.field.as_deref().into_iter().collect();
    let counting = match args.count {
        CountWhat::Units => Counting::Units,
        CountWhat::Reports => Counting::Reports,
    };
    let mut counts = searcher
        .facets_counting(&request, &fields, counting)
        .map_err(search_error)?;
    super::index::check_not_rebuilding(cli, &searcher, counts.total)?;
    if let Some(n) = args.limit {
        counts.limit_values(n);
    }
    super::print(
        cli,
        || output::json::facets(&counts),
        |out, p| output::text::facets(out, p, &counts),
    )
}
