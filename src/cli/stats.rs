//! `baocao stats`: counts and index size.

use std::io::Write;

use super::args::Cli;
use super::search::search_error;
use super::CliError;
use crate::output::{self, Painter};
use crate::search::Searcher;

/// `baocao stats`.
pub fn run(cli: &Cli) -> Result<i32, CliError> {
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    let stats = searcher.stats().map_err(search_error)?;
    let mut stdout = std::io::stdout().lock();
    if cli.json {
        serde_json::to_writer(&mut stdout, &output::json::stats(&stats))?;
        writeln!(stdout)?;
    } else {
        let painter = Painter::new(output::use_color(cli.color));
        write!(stdout, "{}", output::text::stats(&painter, &stats))?;
    }
    stdout.flush()?;
    Ok(super::EXIT_OK)
}
