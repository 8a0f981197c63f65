//! External converters (`pdftotext`, `antiword`) run on untrusted files, bounded:
//!
//! - the input is an anonymous temporary file (the `tempfile` crate: mode 0600, no name on
//!   disk, so nothing is left behind on any path, even when baocao is killed) that the
//!   child reads through `/dev/fd/N`;
//! - the child runs in its own process group, with an address-space limit
//!   ([`CONVERTER_MEMORY_BYTES`]) and a CPU-time limit (`RLIMIT_AS`, `RLIMIT_CPU`), and
//!   is killed (`SIGKILL`) when baocao dies (`PR_SET_PDEATHSIG`);
//! - after [`Limits::convert_timeout`] of wall time, or when its output passes
//!   [`Limits::max_output_bytes`], its whole process group is killed;
//! - its error messages never show the temporary path.

use std::io::{Read, Seek, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{FormatError, Limits};

/// Address space a converter may use (`RLIMIT_AS`). pdftotext needs under 100 MB for
/// real reports of a few hundred pages; a PDF built to make it allocate gigabytes fails
/// instead of taking the machine's memory.
pub const CONVERTER_MEMORY_BYTES: u64 = 768 * 1024 * 1024;

/// Most error output kept from a converter (its first line is shown).
const MAX_STDERR_BYTES: u64 = 64 * 1024;

/// How often a running converter is checked against its deadline.
const POLL: Duration = Duration::from_millis(20);

/// Runs `tool ARGS_BEFORE <input> ARGS_AFTER` on `bytes` and returns its standard output,
/// within `limits`. A missing program gives [`FormatError::MissingTool`].
pub(crate) fn run_tool(
    tool: &'static str,
    what: &'static str,
    install: &'static str,
    args_before: &[&str],
    args_after: &[&str],
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<u8>, FormatError> {
    let scratch = |source: std::io::Error| FormatError::Io {
        path: "temporary copy".to_string(),
        source,
    };
    let mut input = tempfile::tempfile().map_err(scratch)?;
    #[cfg(unix)]
    {
        // O_TMPFILE creates it with the umask's mode (often 0644); it never has a name,
        // but its mode is the owner's only all the same.
        use std::os::unix::fs::PermissionsExt;
        input
            .set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(scratch)?;
    }
    input.write_all(bytes).map_err(scratch)?;
    input.flush().map_err(scratch)?;
    input.rewind().map_err(scratch)?;
    let input_path = input_path(&input);

    let mut command = Command::new(tool);
    command.args(args_before).arg(&input_path).args(args_after);
    run_confined(
        command,
        tool,
        what,
        install,
        Some(&input),
        &input_path,
        CONVERTER_MEMORY_BYTES,
        limits,
    )
}

/// Runs `command` confined (see the module documentation) and returns its standard
/// output. `keep` is a descriptor the child must inherit (its input), `input_path` the
/// path to hide from its error messages, `memory` its address-space limit in bytes.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_confined(
    mut command: Command,
    tool: &'static str,
    what: &'static str,
    install: &'static str,
    keep: Option<&std::fs::File>,
    input_path: &str,
    memory: u64,
    limits: &Limits,
) -> Result<Vec<u8>, FormatError> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    confine(&mut command, keep, memory, limits);
    let mut child = match command.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(FormatError::MissingTool {
                what,
                tool,
                install,
            })
        }
        Err(e) => {
            return Err(FormatError::ToolFailed {
                tool,
                message: e.to_string(),
            })
        }
    };
    let pid = child.id();
    let max_output = limits.max_output_bytes();
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let (status, out, err) = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut out = Vec::new();
            let r = (&mut stdout).take(max_output + 1).read_to_end(&mut out);
            let over = out.len() as u64 > max_output;
            if over {
                // Stop the converter now: its output is refused anyway.
                kill_group(pid);
            }
            (r.map(|_| out), over)
        });
        let errors = scope.spawn(move || {
            let mut err = Vec::new();
            let _ = (&mut stderr).take(MAX_STDERR_BYTES).read_to_end(&mut err);
            // Drain the rest so that the child never blocks on a full pipe.
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            err
        });
        let deadline = Instant::now() + limits.convert_timeout;
        let status = loop {
            match has_exited(&mut child) {
                Ok(true) => {
                    // Exited but not reaped: its pid (and group id) cannot be reused yet.
                    // Anything it left running in its group goes too, which also closes
                    // the pipes the reader threads wait on.
                    kill_group(pid);
                    break child.wait().map_err(|e| FormatError::ToolFailed {
                        tool,
                        message: e.to_string(),
                    });
                }
                Ok(false) if Instant::now() >= deadline => {
                    kill_group(pid);
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(FormatError::Timeout {
                        tool,
                        seconds: limits.convert_timeout.as_secs(),
                    });
                }
                Ok(false) => std::thread::sleep(POLL),
                Err(e) => {
                    kill_group(pid);
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(FormatError::ToolFailed {
                        tool,
                        message: e.to_string(),
                    });
                }
            }
        };
        let out = reader.join().unwrap_or((Ok(Vec::new()), false));
        let err = errors.join().unwrap_or_default();
        (status, out, err)
    });
    let status = status?;
    let (out, over) = out;
    if over {
        return Err(FormatError::Limit(format!(
            "{tool} output is larger than {} MB: the file expands too much (--max-file-mb)",
            max_output / 1_000_000
        )));
    }
    let out = out.map_err(|e| FormatError::ToolFailed {
        tool,
        message: e.to_string(),
    })?;
    if !status.success() {
        return Err(FormatError::ToolFailed {
            tool,
            message: failure(&status, &err, input_path),
        });
    }
    Ok(out)
}

/// Whether the child has exited, without reaping it (Linux: `waitid` with `WNOWAIT`), so
/// that its process group can still be killed safely.
#[cfg(target_os = "linux")]
fn has_exited(child: &mut std::process::Child) -> std::io::Result<bool> {
    // SAFETY: waitid writes into the zeroed siginfo_t we own; WNOHANG never blocks.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        let r = libc::waitid(
            libc::P_PID,
            child.id() as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
        );
        if r != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(info.si_pid() != 0)
    }
}

/// Whether the child has exited (reaped by `try_wait`).
#[cfg(not(target_os = "linux"))]
fn has_exited(child: &mut std::process::Child) -> std::io::Result<bool> {
    child.try_wait().map(|s| s.is_some())
}

/// `/dev/fd/N` of the open temporary file (the child inherits the descriptor).
fn input_path(file: &std::fs::File) -> String {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        format!("/dev/fd/{}", file.as_raw_fd())
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        String::new()
    }
}

/// The first line of the converter's error output (the temporary path replaced by
/// "the file"), or how it died.
fn failure(status: &std::process::ExitStatus, stderr: &[u8], input_path: &str) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| scrub(l, input_path));
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let why = match signal {
                libc::SIGKILL | libc::SIGXCPU => "stopped at its CPU or memory limit",
                libc::SIGSEGV | libc::SIGABRT | libc::SIGBUS => {
                    "crashed (the file may be damaged, or need more than the memory limit)"
                }
                _ => "killed by a signal",
            };
            return match line {
                Some(l) => format!("{why}: {l}"),
                None => why.to_string(),
            };
        }
    }
    line.unwrap_or_else(|| format!("exited with {status} and no message"))
}

/// `line` without the temporary input path (or any other temporary path).
fn scrub(line: &str, input_path: &str) -> String {
    let mut s = line.replace(input_path, "the file");
    let tmp = std::env::temp_dir().display().to_string();
    while let Some(start) = s.find(&tmp) {
        let end = s[start..]
            .find(|c: char| c.is_whitespace() || c == '\'' || c == '"')
            .map_or(s.len(), |e| start + e);
        s.replace_range(start..end, "the file");
    }
    s
}

/// Sets up the child before `exec`: own process group, death with its parent, resource
/// limits, and the input descriptor left open across `exec`.
#[cfg(target_os = "linux")]
fn confine(command: &mut Command, keep: Option<&std::fs::File>, memory: u64, limits: &Limits) {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    let fd = keep.map(|f| f.as_raw_fd());
    let parent = std::process::id() as libc::pid_t;
    // CPU seconds: the wall-clock timeout is the real bound; this one also holds when
    // baocao cannot watch (it is a backstop, one second later).
    let cpu = limits.convert_timeout.as_secs().saturating_add(1);
    command.process_group(0);
    // SAFETY: only async-signal-safe calls (prctl, getppid, setrlimit, fcntl, kill)
    // between fork and exec, on values computed before the fork.
    unsafe {
        command.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // The parent may have died before the prctl: then nobody would kill us.
            if libc::getppid() != parent {
                libc::kill(libc::getpid(), libc::SIGKILL);
            }
            let memory = libc::rlimit {
                rlim_cur: memory as libc::rlim_t,
                rlim_max: memory as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &memory) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let cpu = libc::rlimit {
                rlim_cur: cpu as libc::rlim_t,
                rlim_max: cpu as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_CPU, &cpu) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if let Some(fd) = fd {
                if libc::fcntl(fd, libc::F_SETFD, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
}

/// Other Unix systems: own process group and limits, the input descriptor kept open
/// (no parent-death signal outside Linux).
#[cfg(all(unix, not(target_os = "linux")))]
fn confine(command: &mut Command, keep: Option<&std::fs::File>, _memory: u64, limits: &Limits) {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    let fd = keep.map(|f| f.as_raw_fd());
    let cpu = limits.convert_timeout.as_secs().saturating_add(1);
    command.process_group(0);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let cpu = libc::rlimit {
                rlim_cur: cpu as libc::rlim_t,
                rlim_max: cpu as libc::rlim_t,
            };
            libc::setrlimit(libc::RLIMIT_CPU, &cpu);
            if let Some(fd) = fd {
                if libc::fcntl(fd, libc::F_SETFD, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn confine(_: &mut Command, _: Option<&std::fs::File>, _: u64, _: &Limits) {}

/// Kills the process group led by `pid` (the converter and anything it started).
fn kill_group(pid: u32) {
    #[cfg(unix)]
    // SAFETY: kill(2) with a negative pid signals a process group; no memory is touched.
    unsafe {
        libc::kill(-(pid as libc::pid_t), libc::SIGKILL);
    }
    #[cfg(not(unix))]
    let _ = pid;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(secs: u64) -> Limits {
        Limits {
            convert_timeout: Duration::from_secs(secs),
            ..Limits::default()
        }
    }

    #[test]
    fn the_child_reads_the_anonymous_input() {
        let out = run_tool("cat", "testing", "-", &[], &[], b"xin chao", &limits(10)).unwrap();
        assert_eq!(out, b"xin chao");
    }

    #[test]
    fn a_hung_tool_is_killed_at_the_timeout() {
        let start = Instant::now();
        let e = run_tool("tail", "testing", "-", &["-f"], &[], b"", &limits(1)).unwrap_err();
        assert!(matches!(e, FormatError::Timeout { .. }), "{e}");
        assert!(start.elapsed() < Duration::from_secs(20));
    }

    #[test]
    fn errors_do_not_show_the_temporary_path() {
        let e = run_tool(
            "cat",
            "testing",
            "-",
            &["/nonexistent/x"],
            &[],
            b"",
            &limits(10),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("cat failed"), "{e}");
        let tmp = std::env::temp_dir().display().to_string();
        assert_eq!(
            scrub(&format!("open '{tmp}/a.pdf' failed"), "/dev/fd/9"),
            "open 'the file' failed"
        );
        assert_eq!(
            scrub("Couldn't open file '/dev/fd/9'", "/dev/fd/9"),
            "Couldn't open file 'the file'"
        );
    }

    #[test]
    fn a_missing_tool_is_named() {
        let e = run_tool(
            "baocao-no-such-tool",
            "testing",
            "apt-get x",
            &[],
            &[],
            b"",
            &limits(1),
        )
        .unwrap_err();
        assert!(matches!(e, FormatError::MissingTool { .. }), "{e}");
    }
}
