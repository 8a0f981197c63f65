//! `baocao index`, and the opening of the index by the reading commands (with the
//! embedded default: build `index/` from `./corpus` when it is missing).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::{Cli, IndexArgs};
use super::{CliError, ExitCode};
use crate::index::{BaocaoIndex, IndexError, IndexOptions, IndexSummary, Progress};
use crate::output;

/// The folder indexed when no path is given, and the embedded default's source.
pub const DEFAULT_CORPUS: &str = "corpus";

fn index_error(e: IndexError) -> CliError {
    match e {
        IndexError::Discover(e) => CliError::usage(e),
        e => CliError::other(e),
    }
}

/// A progress bar on stderr when it is a terminal (hidden otherwise).
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} indexing [{bar:30}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} {wide_msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

/// Indexes `paths` into `index` with a progress bar on a terminal.
fn run_indexing(
    index: &BaocaoIndex,
    paths: &[PathBuf],
    options: &IndexOptions,
) -> Result<IndexSummary, CliError> {
    let bar = progress_bar();
    let summary = index
        .index_paths(paths, options, &mut |event| match event {
            Progress::Discovered { bytes, .. } => bar.set_length(bytes),
            Progress::File { path, bytes, .. } => {
                bar.inc(bytes);
                if let Some(name) = path.file_name() {
                    bar.set_message(name.to_string_lossy().into_owned());
                }
            }
            Progress::Committing => bar.set_message("committing"),
        })
        .map_err(index_error);
    bar.finish_and_clear();
    summary
}

/// Writes a note on stderr, only when stderr is a terminal.
pub fn note(message: &str) {
    let mut stderr = std::io::stderr();
    if stderr.is_terminal() {
        let _ = writeln!(stderr, "baocao: {message}");
    }
}

/// Opens the index of `cli.index` for reading. When it is the default `./index`, does not
/// exist and `./corpus` is a folder, builds it from there first (one note on stderr); an
/// index directory the user named (`--index`, `BAOCAO_INDEX`) that holds no index is an
/// error, never a new index (a mistyped path must not build one).
pub fn open_for_reading(cli: &Cli) -> Result<BaocaoIndex, CliError> {
    let dir = &cli.index_dir();
    if crate::index::exists(dir) || dir.join(crate::index::META_FILE).is_file() {
        let index = BaocaoIndex::open(dir).map_err(index_error)?;
        // A damaged index gives one line and exit 1, never wrong results.
        index.verify().map_err(index_error)?;
        return Ok(index);
    }
    if !cli.index_is_default() {
        return Err(CliError::other(anyhow!(
            "no index in {} (check the path given to --index or BAOCAO_INDEX; \
             `baocao --index {} index PATH...` builds one there)",
            dir.display(),
            output::shell_quote(&dir.display().to_string())
        )));
    }
    let corpus = Path::new(DEFAULT_CORPUS);
    if !corpus.is_dir() {
        return Err(CliError::other(anyhow!(
            "no index in {} and no {DEFAULT_CORPUS}/ folder to build it from; \
             run `baocao index PATH...` first",
            dir.display()
        )));
    }
    note(&format!(
        "no index in {} yet: building it from {DEFAULT_CORPUS}/ first",
        dir.display()
    ));
    let index = BaocaoIndex::create_or_open(dir).map_err(index_error)?;
    let summary = run_indexing(&index, &[corpus.to_path_buf()], &IndexOptions::default())?;
    if !summary.skipped.is_empty() {
        note(&format!(
            "{} files of {DEFAULT_CORPUS}/ were skipped (see `baocao index`)",
            summary.skipped.len()
        ));
    }
    Ok(index)
}

/// When a reading command found nothing, says so if it is because the index is being
/// built: an empty index whose writer lock is held by a running `baocao index` (such as
/// `--rebuild`). Otherwise "no match" stands. Only the read side: the lock is tried, never
/// kept.
pub fn check_not_rebuilding(
    cli: &Cli,
    searcher: &crate::search::Searcher,
    found: usize,
) -> Result<(), CliError> {
    if found > 0 || !searcher.is_empty() {
        return Ok(());
    }
    if searcher.index().writer_is_running() {
        return Err(CliError::other(anyhow!(
            "the index in {} is being built by a running `baocao index` and has no reports \
             yet; try again when it finishes",
            cli.index_dir().display()
        )));
    }
    Ok(())
}

/// `baocao index [PATH...] [--prune] [--rebuild]`.
pub fn run(cli: &Cli, args: &IndexArgs) -> Result<ExitCode, CliError> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_CORPUS)]
    } else {
        args.paths.clone()
    };
    // A missing path is named among the skipped files (exit 3) and the others indexed,
    // unless none of them exists.
    if paths.iter().all(|p| !p.exists()) {
        return Err(CliError::other(anyhow!(
            "{}: no such file or directory",
            paths[0].display()
        )));
    }
    let mut options = IndexOptions {
        prune: args.prune,
        exclude: args.exclude.clone(),
        ..IndexOptions::default()
    };
    if let Some(mb) = args.commit_every {
        options.batch_bytes = mb.saturating_mul(1_000_000);
    }
    if let Some(mb) = args.max_file_mb {
        options.limits.max_file_bytes = mb.saturating_mul(1_000_000);
    }
    if let Some(secs) = args.convert_timeout {
        options.limits.convert_timeout = std::time::Duration::from_secs(secs);
    }
    let summary = if args.rebuild {
        let kept = |e: CliError| CliError {
            code: e.code,
            error: e.error.context(format!(
                "rebuild stopped; the index in {} is unchanged",
                cli.index_dir().display()
            )),
        };
        let rebuild = BaocaoIndex::begin_rebuild(cli.index_dir()).map_err(|e| match e {
            IndexError::DiskFull { .. } => kept(index_error(e)),
            e => index_error(e),
        })?;
        let summary = run_indexing(rebuild.index(), &paths, &options).map_err(kept)?;
        if summary.indexed.is_empty() && !summary.skipped.is_empty() {
            // Bad input only: swapping would replace a good index by an empty one.
            drop(rebuild);
            print_summary(cli, &summary)?;
            return Err(CliError::other(anyhow!(
                "rebuild stopped: none of the {} files could be read; the index in {} is unchanged",
                summary.skipped.len(),
                cli.index_dir().display()
            )));
        }
        rebuild.finish().map_err(index_error)?;
        summary
    } else {
        let index = BaocaoIndex::create_or_open(cli.index_dir()).map_err(index_error)?;
        run_indexing(&index, &paths, &options)?
    };
    print_summary(cli, &summary)?;
    Ok(if summary.skipped.is_empty() {
        ExitCode::Ok
    } else {
        ExitCode::Skipped
    })
}

/// Prints what a run indexed and skipped (JSON with `--json`).
fn print_summary(cli: &Cli, summary: &IndexSummary) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    if cli.json {
        output::json::write(&mut stdout, &output::json::index(summary))?;
    } else {
        let painter = super::painter(cli);
        output::text::index(&mut stdout, &painter, summary)?;
        stdout.flush()?;
        // The files passed over are a diagnostic: stderr, as ripgrep does.
        let mut stderr = std::io::stderr().lock();
        output::text::index_skipped(&mut stderr, &painter, summary)?;
        stderr.flush()?;
    }
    stdout.flush()?;
    Ok(())
}
