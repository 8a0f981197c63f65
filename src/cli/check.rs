//! `baocao check`: verifies the index (see [`crate::index::check`]). Exit 0 and `ok` when
//! it is intact; exit 1 naming each damaged file otherwise.

use std::io::Write;

use anyhow::anyhow;

use super::args::Cli;
use super::{CliError, ExitCode};
use crate::index::{self, CheckReport};

/// Runs `baocao check`.
pub fn run(cli: &Cli) -> Result<ExitCode, CliError> {
    let report = index::check(&cli.index_dir()).map_err(CliError::other)?;
    let mut stdout = std::io::stdout().lock();
    if cli.json {
        crate::output::json::write(&mut stdout, &json(&report))?;
    } else {
        write!(stdout, "{}", human(&report))?;
    }
    stdout.flush()?;
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

fn human(r: &CheckReport) -> String {
    let mut out = String::new();
    if r.ok() {
        out.push_str(&format!(
            "ok: {} segments, {} files, {:.1} MB verified, {} documents\n",
            r.segments,
            r.files,
            r.bytes as f64 / 1e6,
            r.documents
        ));
    } else {
        for p in &r.problems {
            out.push_str(&format!(
                "{}: {}\n",
                crate::output::escape_controls(&p.file),
                p.what
            ));
        }
    }
    if !r.orphans.is_empty() {
        out.push_str(&format!(
            "{} unused segment files (left by an interrupted run; the next `baocao index` removes them)\n",
            r.orphans.len()
        ));
    }
    out
}

fn json(r: &CheckReport) -> serde_json::Value {
    serde_json::json!({
        "ok": r.ok(),
        "segments": r.segments,
        "files": r.files,
        "bytes": r.bytes,
        "documents": r.documents,
        "orphans": r.orphans,
        "problems": r.problems.iter().map(|p| serde_json::json!({"file": p.file, "what": p.what})).collect::<Vec<_>>(),
    })
}
