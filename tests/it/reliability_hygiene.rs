//! Output hygiene through the real binary: a file name cannot forge a line of human
//! output (control characters are escaped; JSON escapes them as JSON does); a path that
//! is not valid UTF-8 is kept as the OS gives it, so `--prune` keeps its report; a
//! converter's error names the user's file, never a temporary path.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use serde_json::Value;

use crate::common::{copy_corpus, corpus_files, run_in as baocao, run_json};

const REPORT: &str = "BÁO CÁO\n\nI. TÌNH HÌNH\n\nGiải ngân vốn đầu tư công tăng mạnh.\n";

#[test]
fn control_characters_in_file_names_are_escaped_in_human_output() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    // An empty file (skipped) whose name carries a forged summary line, and a report
    // whose name carries a terminal escape sequence.
    let forged = "rong\nIndexed 999 reports (999 new, 0 changed).txt";
    fs::write(docs.join(forged), b"").unwrap();
    let escape = "do\u{1b}[31mchu\u{1b}[0m.txt";
    fs::write(docs.join(escape), REPORT).unwrap();
    let idx = tmp.path().join("idx");
    let i = idx.to_str().unwrap();
    let out = baocao(tmp.path(), &["--index", i, "index", docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    // The summary goes to stdout, the files passed over to stderr: neither carries a
    // forged line or an escape sequence.
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !text.lines().any(|l| l.starts_with("Indexed 999")),
        "{text}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("rong\\nIndexed 999 reports"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "{text:?}");
    // Search and show print the file escaped too.
    let out = baocao(tmp.path(), &["--json", "--index", i, "search", "giải ngân"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = v["hits"][0]["doc_id"].as_str().unwrap().to_string();
    for args in [
        vec!["--index", i, "search", "giải ngân"],
        vec!["--index", i, "show", &doc],
    ] {
        let out = baocao(tmp.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains('\u{1b}'), "{args:?}: {text:?}");
        assert!(text.contains("do\\x1b[31mchu"), "{args:?}: {text}");
    }
    // JSON carries the names exactly, escaped as JSON escapes them.
    let out = baocao(
        tmp.path(),
        &[
            "--json",
            "--index",
            tmp.path().join("idx2").to_str().unwrap(),
            "index",
            docs.to_str().unwrap(),
        ],
    );
    let raw = String::from_utf8_lossy(&out.stdout);
    assert!(
        !raw.contains('\u{1b}') && raw.lines().count() == 1,
        "{raw:?}"
    );
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert!(
        v["skipped"][0]["path"].as_str().unwrap().ends_with(forged),
        "{v}"
    );
    assert!(
        v["indexed"][0]["path"].as_str().unwrap().ends_with(escape),
        "{v}"
    );
}

#[test]
fn prune_keeps_reports_whose_non_utf8_paths_still_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    // `báo-cáo.txt` written in Latin-1, as old archives and some mounts give names.
    let name = OsStr::from_bytes(b"b\xe1o-c\xe1o.txt");
    let file = docs.join(name);
    fs::write(&file, REPORT.replace("tăng mạnh", "tăng mạnh nhất")).unwrap();
    let idx = tmp.path().join("idx");
    let i = idx.to_str().unwrap();
    let d = docs.to_str().unwrap();
    let run = |args: &[&str]| -> Value {
        let out = baocao(tmp.path(), args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let v = run(&["--json", "--index", i, "index", d]);
    assert_eq!(
        v["indexed"].as_array().unwrap().len(),
        corpus_files().len() + 1,
        "{v}"
    );
    let found = |tmp: &Path| -> u64 {
        let out = baocao(
            tmp,
            &["--json", "--index", i, "search", "\"tăng mạnh nhất\""],
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["total"].as_u64().unwrap()
    };
    assert_eq!(found(tmp.path()), 1);
    // The file still exists: --prune keeps it, and a second run finds nothing to do.
    for _ in 0..2 {
        let v = run(&["--json", "--index", i, "index", "--prune", d]);
        assert_eq!(v["removed"].as_array().unwrap().len(), 0, "{v}");
        assert_eq!(v["indexed"].as_array().unwrap().len(), 0, "{v}");
        assert_eq!(found(tmp.path()), 1);
    }
    // Gone from disk: pruned.
    fs::remove_file(&file).unwrap();
    let v = run(&["--json", "--index", i, "index", "--prune", d]);
    assert_eq!(v["removed"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(found(tmp.path()), 0);
}

#[test]
fn converter_errors_name_the_users_file_not_a_temporary_path() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(
        docs.join("hong.pdf"),
        b"%PDF-1.4\ngarbage, not a PDF body\n",
    )
    .unwrap();
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend_from_slice(b"garbage, not a Word document");
    fs::write(docs.join("hong.doc"), &doc).unwrap();
    let idx = tmp.path().join("idx");
    let out = run_json(tmp.path(), &idx, &["index", docs.to_str().unwrap()]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let tmpdir = std::env::temp_dir().display().to_string();
    for s in v["skipped"].as_array().unwrap() {
        let reason = s["reason"].as_str().unwrap();
        for leak in ["/dev/fd/", "baocao-", ".tmp", &format!("{tmpdir}/")] {
            assert!(!reason.contains(leak), "{reason}");
        }
    }
    // `parse` names the file in its one-line error.
    for name in ["hong.pdf", "hong.doc"] {
        let path = docs.join(name);
        let out = baocao(tmp.path(), &["parse", path.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(path.to_str().unwrap()), "{err}");
        assert!(
            !err.contains("/dev/fd/") && !err.contains("baocao-"),
            "{err}"
        );
    }
}
