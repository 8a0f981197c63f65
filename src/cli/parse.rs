//! `baocao parse FILE`: how one file is split and tagged, without indexing. The file goes
//! through the same discoverer and ingestion function as `baocao index`
//! ([`crate::ingest`]), so what it shows is what is indexed.

use std::io::Write;

use anyhow::{anyhow, Context};

use super::args::ParseArgs;
use super::{CliError, ExitCode};
use crate::ingest::{self, DiscoverOptions};
use crate::output::parse as render;

/// Runs `baocao parse`.
pub fn run(args: &ParseArgs, json: bool) -> Result<ExitCode, CliError> {
    let found = ingest::discover(
        std::slice::from_ref(&args.file),
        &DiscoverOptions::default(),
    )
    .map_err(CliError::usage)?;
    let Some(file) = found.files.first() else {
        let reason = found
            .skipped
            .first()
            .map(|k| k.reason.clone())
            .unwrap_or_else(|| "not a report file".to_string());
        return Err(CliError::other(anyhow!(
            "{}: {reason}",
            args.file.display()
        )));
    };
    let ingested = ingest::ingest_file(file, &ingest::Limits::default())
        .map_err(|e| CliError::other(anyhow!("{}: {e}", args.file.display())))?;
    let (report, source) = (&ingested.report, &ingested.source);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        render::write_json_read(&mut out, report, source).context("writing output")?;
    } else {
        render::write_human_read(&mut out, report, source).context("writing output")?;
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::Ok)
}
