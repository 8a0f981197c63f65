//! `baocao facets [QUERY] [--field F] [filters]`.

use std::io::Write;

use super::args::{Cli, FacetsArgs};
use super::search::{request, search_error};
use super::CliError;
use crate::output::{self, Painter};
use crate::search::Searcher;

/// `baocao facets`.
pub fn run(cli: &Cli, args: &FacetsArgs) -> Result<i32, CliError> {
    let query = args.query.clone().unwrap_or_default();
    let request = request(&query, &args.filters)?;
    if !query.trim().is_empty() {
        crate::search::parse_query(&query).map_err(|e| search_error(e.into()))?;
    }
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    let fields: Vec<&str> = args.field.as_deref().into_iter().collect();
    let counts = searcher.facets(&request, &fields).map_err(search_error)?;
    let mut stdout = std::io::stdout().lock();
    if cli.json {
        serde_json::to_writer(&mut stdout, &output::json::facets(&counts))?;
        writeln!(stdout)?;
    } else {
        let painter = Painter::new(output::use_color(cli.color));
        write!(stdout, "{}", output::text::facets(&painter, &counts))?;
    }
    stdout.flush()?;
    Ok(super::EXIT_OK)
}
