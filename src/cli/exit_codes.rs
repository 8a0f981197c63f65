//! The exit codes of `baocao`, one closed set (the README's "Exit codes" table).

/// How the process ends. The numbers are part of the command line's contract: scripts
/// test them, so a variant's number never changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Success, also when nothing matched.
    Ok,
    /// An error other than usage (I/O, corrupt or busy index, unreadable file, panic).
    Error,
    /// Bad usage or a malformed query or filter.
    Usage,
    /// `baocao index` indexed and committed the good files, but skipped some (each listed
    /// with its reason on stderr).
    Skipped,
}

impl ExitCode {
    /// The number the process exits with.
    pub fn code(self) -> i32 {
        match self {
            ExitCode::Ok => 0,
            ExitCode::Error => 1,
            ExitCode::Usage => 2,
            ExitCode::Skipped => 3,
        }
    }
}

impl From<ExitCode> for i32 {
    fn from(code: ExitCode) -> i32 {
        code.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_the_documented_ones() {
        let codes = [
            ExitCode::Ok,
            ExitCode::Error,
            ExitCode::Usage,
            ExitCode::Skipped,
        ];
        let numbers: Vec<i32> = codes.iter().map(|c| c.code()).collect();
        assert_eq!(numbers, [0, 1, 2, 3]);
    }
}
