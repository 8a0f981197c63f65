//! `baocao timeline QUERY [filters] [--by FACET] [--count units|reports] [--json|--csv]`.

use std::io::Write;

use super::args::{Cli, CountWhat, TimelineArgs};
use super::search::{check_query, request, search_error};
use super::{CliError, ExitCode};
use crate::output::timeline::{self as render, Measure};
use crate::output::{self, Format};
use crate::search::Searcher;

/// `baocao timeline`.
pub fn run(cli: &Cli, args: &TimelineArgs) -> Result<ExitCode, CliError> {
    let request = request(&args.query, &args.filters)?;
    check_query(&request.query)?;
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    let timeline = searcher
        .timeline(&request, &args.by)
        .map_err(search_error)?;
    super::index::check_not_rebuilding(cli, &searcher, timeline.units as usize)?;
    let mut stdout = std::io::stdout().lock();
    match super::format(cli, args.csv) {
        Format::Json => render::write_json(&mut stdout, &timeline)?,
        Format::Csv => render::write_csv(&mut stdout, &timeline)?,
        Format::Text => {
            let width = args
                .width
                .map_or_else(output::terminal_width, |w| w as usize);
            let measure = match args.count {
                CountWhat::Units => Measure::Units,
                CountWhat::Reports => Measure::Reports,
            };
            render::chart(&mut stdout, &super::painter(cli), &timeline, measure, width)?;
        }
    }
    stdout.flush()?;
    Ok(ExitCode::Ok)
}
