//! `baocao completions SHELL` (clap_complete) and `baocao man` (clap_mangen): generated
//! from the same clap definitions as the command line, so they never drift from it.

use std::io::Write;

use anyhow::Context;
use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs, ManArgs};
use super::{CliError, ExitCode};

/// `baocao completions SHELL`: the completion script on stdout.
pub fn completions(args: &CompletionsArgs) -> Result<ExitCode, CliError> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "baocao", &mut out);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(ExitCode::Ok)
}

/// The roff page of `command`, titled `title`.
fn page(command: clap::Command, title: &str) -> Result<Vec<u8>, CliError> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .title(title)
        .render(&mut out)?;
    Ok(out)
}

/// `baocao man`: baocao.1 on stdout, or with `--dir` baocao.1 and one page per command.
pub fn man(args: &ManArgs) -> Result<ExitCode, CliError> {
    let mut command = Cli::command();
    command.build();
    let Some(dir) = &args.dir else {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&page(command, "baocao")?)?;
        stdout.flush()?;
        return Ok(ExitCode::Ok);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut written = vec![dir.join("baocao.1")];
    std::fs::write(&written[0], page(command.clone(), "baocao")?)
        .with_context(|| format!("writing {}", written[0].display()))?;
    for sub in command.get_subcommands() {
        let name = format!("baocao-{}", sub.get_name());
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, page(sub.clone(), &name)?)
            .with_context(|| format!("writing {}", path.display()))?;
        written.push(path);
    }
    super::index::note(&format!(
        "wrote {} manual pages into {}",
        written.len(),
        dir.display()
    ));
    Ok(ExitCode::Ok)
}
