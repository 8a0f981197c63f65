//! `baocao show TARGET`: a report's outline or one section with its footnotes.

use anyhow::anyhow;

use super::args::{Cli, ShowArgs};
use super::search::search_error;
use super::{CliError, ExitCode};
use crate::output;
use crate::search::Searcher;

/// `baocao show`.
pub fn run(cli: &Cli, args: &ShowArgs) -> Result<ExitCode, CliError> {
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    // An id with spaces typed without quotes arrives as several arguments.
    let joined = args.target.join(" ");
    let target = joined.trim();
    let Some(found) = searcher.show(target).map_err(search_error)? else {
        return Err(CliError::other(anyhow!(
            "nothing named {} in the index (give a file name, a doc id, FILE:LINE, or a \
             section id like DOC_ID#II.1.3 as printed by `baocao search`)",
            crate::output::shell_quote(target)
        )));
    };
    super::print(
        cli,
        || output::json::show(&found),
        |out, p| output::text::show(out, p, &found),
    )
}
