//! `baocao check`: verifies the index (see [`crate::index::check`]). Exit 0 and `ok` when
//! it is intact; exit 1 naming each damaged file otherwise.

use anyhow::anyhow;

use super::args::Cli;
use super::{CliError, ExitCode};
use crate::index;
use crate::output;

/// Runs `baocao check`.
pub fn run(cli: &Cli) -> Result<ExitCode, CliError> {
    let report = index::check(&cli.index_dir()).map_err(CliError::other)?;
    super::print(
        cli,
        || output::json::check(&report),
        |out, _| output::text::check(out, &report),
    )?;
    match report.problems.first() {
        None => Ok(ExitCode::Ok),
        Some(p) => Err(CliError::other(anyhow!(
            "the index in {} is damaged: file {} is {}{}; rebuild it with `baocao index --rebuild PATH...`",
            cli.index_dir().display(),
            p.file,
            p.what,
            match report.problems.len() {
                1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            }
        ))),
    }
}
