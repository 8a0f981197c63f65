//! `baocao serve [--port 8080] [--bind 127.0.0.1]`: the web page and JSON API.
//!
//! The index is opened as by every reading command (built from `./corpus` when it is
//! missing); when it cannot be opened the server still starts and its pages say why,
//! and it picks the index up once `baocao index` has made it.

use std::io::Write;
use std::net::SocketAddr;

use super::args::{Cli, ServeArgs};
use super::CliError;
use crate::serve::{AppState, ServeOptions};

/// `baocao serve`.
pub fn run(cli: &Cli, args: &ServeArgs) -> Result<super::ExitCode, CliError> {
    let opened = super::index::open_for_reading(cli).map_err(|e| format!("{:#}", e.error));
    if let Err(message) = &opened {
        // Always said (not only on a terminal): the server runs on regardless.
        let _ = writeln!(
            std::io::stderr(),
            "baocao: {message}; serving a page that says so until the index can be read"
        );
    }
    let state = AppState::new(cli.index_dir(), opened);
    let options = ServeOptions {
        addr: SocketAddr::new(args.bind, args.port),
    };
    crate::serve::run(&options, state).map_err(CliError::other)?;
    Ok(super::ExitCode::Ok)
}
