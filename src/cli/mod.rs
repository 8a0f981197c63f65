//! Command-line arguments and commands. With [`crate::output`], the only code that prints
//! or decides exit codes.
//!
//! Exit codes: 0 ok (also when nothing matched), 1 anything else (I/O, corrupt index,
//! busy index), 2 bad usage or bad query, 3 `baocao index` finished but skipped some
//! files (each listed with its reason).

pub mod args;
pub mod completions;
pub mod facets;
pub mod figures;
pub mod index;
pub mod panic;
pub mod parse;
pub mod search;
pub mod show;
pub mod stats;
pub mod timeline;

use std::io::Write;

use clap::Parser;

pub use args::Cli;

/// Exit code: success, also when nothing matched.
pub const EXIT_OK: i32 = 0;
/// Exit code: an error other than usage (I/O, corrupt index, unreadable file).
pub const EXIT_ERROR: i32 = 1;
/// Exit code: bad usage or a malformed query.
pub const EXIT_USAGE: i32 = 2;
/// Exit code of `baocao index`: the good files were indexed and committed, but some files
/// were skipped (not UTF-8, empty, binary, unreadable); each is listed with its reason.
pub const EXIT_SKIPPED: i32 = 3;

/// An error at the command-line edge, carrying the exit code it maps to.
#[derive(Debug)]
pub struct CliError {
    /// Process exit code.
    pub code: i32,
    /// The underlying error; its chain is printed on one line.
    pub error: anyhow::Error,
}

impl CliError {
    /// A usage error (exit 2).
    pub fn usage(error: impl Into<anyhow::Error>) -> Self {
        Self {
            code: EXIT_USAGE,
            error: error.into(),
        }
    }
    /// Any other error (exit 1).
    pub fn other(error: impl Into<anyhow::Error>) -> Self {
        Self {
            code: EXIT_ERROR,
            error: error.into(),
        }
    }
}

impl<E: Into<anyhow::Error>> From<E> for CliError {
    fn from(error: E) -> Self {
        Self::other(error)
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match panic::guard(|| run(cli)) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err.error) {
                return EXIT_OK;
            }
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "baocao: {}", one_line(&err.error));
            err.code
        }
    }
}

/// Runs one parsed command line; returns the exit code on success.
pub fn run(cli: Cli) -> Result<i32, CliError> {
    use args::Command;
    match &cli.command {
        Command::Index(args) => index::run(&cli, args),
        Command::Search(args) => search::run(&cli, args),
        Command::Facets(args) => facets::run(&cli, args),
        Command::Show(args) => show::run(&cli, args),
        Command::Stats => stats::run(&cli),
        Command::Parse(args) => parse::run(args, cli.json),
        Command::Figures(args) => figures::run(&cli, args),
        Command::Timeline(args) => timeline::run(&cli, args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    }
}

/// An error and its causes on one line, each cause once: a cause whose text the message
/// before it already holds (`x: No such file (os error 2)` over the same `io::Error`) is
/// not repeated, and line breaks inside a message become spaces.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string().replace(['\n', '\r'], " ");
        let text = text.trim();
        if text.is_empty() || out.contains(text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(text);
    }
    out
}

/// Whether the error comes from writing to a closed pipe (`baocao … | head`), however it
/// was wrapped (serde_json and csv keep the `io::Error` inside their own).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let io = e.downcast_ref::<std::io::Error>().map(std::io::Error::kind);
        let json = e
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        let csv = e.downcast_ref::<csv::Error>().and_then(|c| match c.kind() {
            csv::ErrorKind::Io(io) => Some(io.kind()),
            _ => None,
        });
        [io, json, csv].contains(&Some(std::io::ErrorKind::BrokenPipe))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file (os error 2)");
        let err = anyhow::Error::new(io).context("x.txt: No such file (os error 2)");
        assert_eq!(one_line(&err), "x.txt: No such file (os error 2)");
        let err = anyhow::anyhow!("inner").context("outer\nline");
        assert_eq!(one_line(&err), "outer line: inner");
    }

    #[test]
    fn broken_pipes_are_found_inside_wrappers() {
        let pipe = || std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe");
        assert!(is_broken_pipe(&anyhow::Error::new(serde_json::Error::io(
            pipe()
        ))));
        assert!(is_broken_pipe(&anyhow::Error::new(
            csv::Error::from(pipe())
        )));
        assert!(is_broken_pipe(
            &anyhow::Error::new(pipe()).context("writing")
        ));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
