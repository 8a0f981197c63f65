//! The README's query syntax and reliability rules through the real binary: nasty queries (empty, 10 000 characters, only
//! punctuation, unbalanced quotes and parentheses, `*`, unknown field names…) get either a
//! sensible result (exit 0, valid JSON) or one clear line and exit 2; never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::stderr;

/// An index of the bundled corpus, built once for all tests of this file.
fn index_dir() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, idx) = DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let idx = tmp.path().join("idx");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let out = baocao(&[
            "--index",
            idx.to_str().unwrap(),
            "index",
            corpus.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        (tmp, idx)
    });
    idx
}

fn baocao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .current_dir(std::env::temp_dir())
        .args(args)
        .env_remove("BAOCAO_INDEX")
        .env("NO_COLOR", "1")
        .output()
        .expect("run baocao")
}

fn nasty_queries() -> Vec<String> {
    let mut q: Vec<String> = [
        "",
        " ",
        "\t\n",
        "!!!...,,,;;;",
        "“”‘’…–—",
        "\"",
        "\"\"",
        "\"giải ngân",
        "giải ngân\"",
        "\"giải\" \"",
        "(",
        ")",
        "((giải ngân)",
        "(giải ngân))",
        "(vốn OR",
        "OR",
        "OR OR OR",
        "giải OR",
        "-",
        "--",
        "-giải",
        "-giải -ngân",
        "*",
        "***",
        "giải*",
        "?",
        "~",
        "giải~2",
        "^2",
        "giải^3",
        "+",
        "+giải",
        "\\",
        "[1 TO 2]",
        "{",
        "}",
        ":",
        "::",
        "foo:bar",
        "title:giải",
        "year:2024",
        "heading:",
        "text:",
        "heading:\"",
        "heading:(",
        "text:heading:giải",
        "a:b:c",
        "/regex/",
        "sector:/kinh-te",
        "\u{1}\u{7}",
        "\u{202e}giải",
        "gia\u{309}i ngân",
        "𝕘𝕚𝕒𝕚",
        "🙂🙂",
        "٣٤٥",
        "ngân AND vốn",
        "NOT giải",
        "giải && ngân || vốn",
        "1.236,87",
        "11-NQ/TW",
        "79/QĐ-UBND",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    q.push("a".repeat(10_000));
    q.push("giải ngân ".repeat(1_000));
    q.push("\"".repeat(10_000));
    q.push("(".repeat(5_000) + &")".repeat(5_000));
    q.push("-x ".repeat(3_333));
    q.push("đ".repeat(5_000));
    q
}

fn check(command: &str, query: &str) {
    let idx = index_dir().to_str().unwrap();
    // `--` so that a query starting with `-` is not taken for an option.
    let out = baocao(&["--json", "--index", idx, command, "--", query]);
    let err = stderr(&out);
    let shown: String = query.chars().take(40).collect();
    assert!(!err.contains("panicked"), "{command} {shown:?}: {err}");
    match out.status.code() {
        Some(0) => {
            let v: Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{command} {shown:?}: not JSON: {e}"));
            assert!(v.is_object(), "{command} {shown:?}");
            assert!(v["total"].is_u64(), "{command} {shown:?}: {v}");
            assert!(err.is_empty(), "{command} {shown:?}: {err}");
        }
        Some(2) => {
            assert_eq!(err.lines().count(), 1, "{command} {shown:?}: {err}");
            assert!(err.starts_with("baocao: "), "{err}");
            assert!(out.stdout.is_empty(), "{command} {shown:?}");
        }
        other => panic!("{command} {shown:?}: exit {other:?}: {err}"),
    }
}

#[test]
fn nasty_queries_to_search_never_panic() {
    for q in nasty_queries() {
        check("search", &q);
    }
}

#[test]
fn nasty_queries_to_facets_never_panic() {
    for q in nasty_queries() {
        check("facets", &q);
    }
}

#[test]
fn empty_and_punctuation_queries_are_usage_errors() {
    for q in ["", "   ", "!!!...", "*", "\"\""] {
        let idx = index_dir().to_str().unwrap();
        let out = baocao(&["--index", idx, "search", "--", q]);
        assert_eq!(out.status.code(), Some(2), "{q:?}: {}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1);
    }
}
