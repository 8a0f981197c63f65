//! The last line of defence of the README's reliability rules ("Exit codes and reliability"): a panic anywhere (in our code, or in tantivy
//! reading a damaged index file) becomes one clear line on stderr and exit code 1, never a
//! backtrace.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

use anyhow::anyhow;

use super::{CliError, ExitCode};

/// What the first panic said and where.
static FIRST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs `f`; a panic in it (or in a thread whose panic it propagates) is returned as a
/// [`CliError`] with exit code 1 whose message says what and where, and suggests
/// `baocao index --rebuild` (panics come, in practice, from damaged index files).
/// The default panic message and backtrace are not printed.
pub fn guard(f: impl FnOnce() -> Result<ExitCode, CliError>) -> Result<ExitCode, CliError> {
    panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let line = format!("{what}{place}").replace('\n', " ");
        if let Ok(mut first) = FIRST_PANIC.lock() {
            first.get_or_insert(line);
        }
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    let _ = panic::take_hook();
    match result {
        Ok(result) => result,
        Err(_) => {
            let what = FIRST_PANIC
                .lock()
                .ok()
                .and_then(|mut first| first.take())
                .unwrap_or_else(|| "unknown cause".to_string());
            Err(CliError::other(anyhow!(
                "internal error ({what}); if the index is damaged, \
                 `baocao index --rebuild` rebuilds it"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_one_line_and_exit_1() {
        let err = guard(|| panic!("boom\nsecond line")).unwrap_err();
        assert_eq!(err.code, super::super::ExitCode::Error);
        let text = format!("{:#}", err.error);
        assert!(text.contains("boom second line"), "{text}");
        assert!(text.contains("--rebuild"), "{text}");
        assert!(!text.contains('\n'), "{text}");
        assert_eq!(
            guard(|| Ok(super::super::ExitCode::Ok)).unwrap(),
            super::super::ExitCode::Ok
        );
    }
}
