//! Command-line arguments and commands. With [`crate::output`], the only code that prints;
//! the only code that decides exit codes ([`ExitCode`]). Choices of the command line that
//! the library and the renderers need (colour, output format, filters) are resolved here
//! into plain values.

pub mod args;
pub mod check;
pub mod completions;
pub mod exit_codes;
pub mod facets;
pub mod figures;
pub mod index;
pub mod panic;
pub mod parse;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod timeline;

use std::io::{IsTerminal, Write};

use clap::Parser;

pub use args::Cli;
pub use exit_codes::ExitCode;

use crate::output::{Format, Painter};
use args::ColorChoice;

/// An error at the command-line edge, carrying the exit code it maps to.
#[derive(Debug)]
pub struct CliError {
    /// How the process ends.
    pub code: ExitCode,
    /// The underlying error; its chain is printed on one line.
    pub error: anyhow::Error,
}

impl CliError {
    /// A usage error (exit 2).
    pub fn usage(error: impl Into<anyhow::Error>) -> Self {
        Self {
            code: ExitCode::Usage,
            error: error.into(),
        }
    }
    /// Any other error (exit 1).
    pub fn other(error: impl Into<anyhow::Error>) -> Self {
        Self {
            code: ExitCode::Error,
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
            let code = if e.use_stderr() {
                ExitCode::Usage
            } else {
                ExitCode::Ok
            };
            let _ = e.print();
            return code.code();
        }
    };
    match panic::guard(|| run(cli)) {
        Ok(code) => code.code(),
        Err(err) => {
            if is_broken_pipe(&err.error) {
                return ExitCode::Ok.code();
            }
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "baocao: {}", one_line(&err.error));
            err.code.code()
        }
    }
}

/// Runs one parsed command line; returns the exit code on success.
pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    use args::Command;
    match &cli.command {
        Command::Index(args) => index::run(&cli, args),
        Command::Search(args) => search::run(&cli, args),
        Command::Facets(args) => facets::run(&cli, args),
        Command::Show(args) => show::run(&cli, args),
        Command::Stats => stats::run(&cli),
        Command::Check => check::run(&cli),
        Command::Parse(args) => parse::run(args, cli.json),
        Command::Figures(args) => figures::run(&cli, args),
        Command::Timeline(args) => timeline::run(&cli, args),
        Command::Serve(args) => serve::run(&cli, args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    }
}

/// Whether to colour stdout for `choice` (`auto`: stdout is a terminal and `NO_COLOR` is
/// unset or empty).
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The painter of human output on stdout, colour resolved from `--color`.
pub fn painter(cli: &Cli) -> Painter {
    Painter::new(use_color(cli.color))
}

/// The output format of a command: JSON with `--json` (it wins), CSV with the command's
/// `--csv`, else text.
pub fn format(cli: &Cli, csv: bool) -> Format {
    if cli.json {
        Format::Json
    } else if csv {
        Format::Csv
    } else {
        Format::Text
    }
}

/// Writes a command's result on stdout: `json` with `--json`, else what `text` writes
/// (given the painter); exit 0.
pub fn print<J: serde::Serialize>(
    cli: &Cli,
    json: impl FnOnce() -> J,
    text: impl FnOnce(&mut std::io::StdoutLock<'static>, &Painter) -> std::io::Result<()>,
) -> Result<ExitCode, CliError> {
    let mut stdout = std::io::stdout().lock();
    match format(cli, false) {
        Format::Json => crate::output::json::write(&mut stdout, &json())?,
        Format::Text | Format::Csv => text(&mut stdout, &painter(cli))?,
    }
    stdout.flush()?;
    Ok(ExitCode::Ok)
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
