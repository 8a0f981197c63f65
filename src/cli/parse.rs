//! `baocao parse FILE`: how one file is split and tagged, without indexing.

use std::io::Write;

use anyhow::Context;

use super::args::ParseArgs;
use super::{CliError, EXIT_OK};
use crate::output::parse as render;
use crate::report;

/// Runs `baocao parse`.
pub fn run(args: &ParseArgs, json: bool) -> Result<i32, CliError> {
    let mut report = report::parse_file(&args.file).map_err(CliError::other)?;
    crate::tagging::tag_report(&mut report);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        render::write_json(&mut out, &report).context("writing output")?;
    } else {
        render::write_human(&mut out, &report).context("writing output")?;
    }
    out.flush().context("writing output")?;
    Ok(EXIT_OK)
}
