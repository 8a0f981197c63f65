//! The edges a user meets: closed pipes, the query echoed as typed, one error per line,
//! plurals and units, a mistyped `--index`, an index being rebuilt.

use std::process::Command;

use crate::common::{command, copy_corpus, on_shared_index as baocao, shared_index};

/// Runs `baocao --index <shared> ARGS | head -c 20` in bash; returns baocao's exit status
/// and its stderr.
fn into_closed_pipe(args: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let err = dir.path().join("err");
    let quoted: Vec<String> = args
        .iter()
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let script = format!(
        "'{}' --index '{}' {} 2>'{}' | head -c 20 >/dev/null; echo ${{PIPESTATUS[0]}}",
        env!("CARGO_BIN_EXE_baocao"),
        shared_index().display(),
        quoted.join(" "),
        err.display()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let status = String::from_utf8(out.stdout).unwrap().trim().to_string();
    (status, std::fs::read_to_string(err).unwrap())
}

#[test]
fn a_closed_pipe_ends_every_mode_quietly() {
    let file = format!(
        "{}/corpus/000_15b6f46b6783cbe2.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    for args in [
        vec!["--json", "search", "giải ngân", "--limit", "1000"],
        vec!["search", "giải ngân", "--limit", "1000"],
        vec!["search", "giải ngân", "--group", "report", "--limit", "100"],
        vec!["--json", "figures", "giải ngân", "--limit", "1000"],
        vec!["figures", "giải ngân", "--csv", "--limit", "1000"],
        vec!["figures", "giải ngân", "--limit", "1000"],
        vec!["timeline", "giải ngân", "--csv", "--by", "sector"],
        vec!["timeline", "giải ngân", "--by", "sector"],
        vec!["--json", "facets"],
        vec!["show", "000_15b6f46b6783cbe2.txt"],
        vec!["--json", "show", "000_15b6f46b6783cbe2.txt"],
        vec!["stats"],
        vec!["--json", "parse", &file],
        vec!["parse", &file],
        vec!["completions", "bash"],
        vec!["man"],
    ] {
        let (status, err) = into_closed_pipe(&args);
        assert_eq!(status, "0", "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn the_query_is_echoed_as_typed() {
    let out = baocao(&["search", "\"zzz qqq\" -xyz"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.trim(), "No match for '\"zzz qqq\" -xyz'.");
    let out = baocao(&["search", "zzzqqq"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "No match for \"zzzqqq\"."
    );
    let out = baocao(&["figures", "zzzqqq"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("No figures for \"zzzqqq\""), "{text}");
    assert!(!text.contains('\\'));
}

#[test]
fn one_error_per_line_without_repeated_causes() {
    let dir = tempfile::tempdir().unwrap();
    let out = command(dir.path(), &["index", "missing-folder"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let first = err.find("(os error").map(|i| &err[i..i + 12]);
    if let Some(cause) = first {
        assert_eq!(err.matches(cause).count(), 1, "{err}");
    }
    let out = command(dir.path(), &["parse", "missing.txt"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.matches("No such file or directory").count() <= 1,
        "{err}"
    );
}

#[test]
fn plurals_and_units() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one");
    std::fs::create_dir(&one).unwrap();
    std::fs::copy(
        format!(
            "{}/corpus/003_3d8158ef19581955.txt",
            env!("CARGO_MANIFEST_DIR")
        ),
        one.join("r.txt"),
    )
    .unwrap();
    let out = command(dir.path(), &["--index", "idx", "index", "one"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Indexed 1 report (1 new, 0 changed)"),
        "{text}"
    );
    assert!(text.contains("MB/s"), "{text}");
    assert!(!text.contains("MiB"), "{text}");
    let out = command(dir.path(), &["--index", "idx", "index", "one"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 report unchanged"), "{text}");
    let out = command(
        dir.path(),
        &["--index", "idx", "facets", "--count", "reports"],
    )
    .output()
    .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("1 report\n"));
}

#[test]
fn a_mistyped_index_path_is_an_error_not_a_new_index() {
    let dir = tempfile::tempdir().unwrap();
    copy_corpus(&dir.path().join("corpus"));
    for args in [
        vec!["--index", "indx", "search", "giải ngân"],
        vec!["--index", "indx", "timeline", "giải ngân"],
        vec!["--index", "indx", "show", "x"],
    ] {
        let out = command(dir.path(), &args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("no index in indx"), "{err}");
        assert!(!dir.path().join("indx").exists(), "{args:?} built an index");
    }
    let mut c = command(dir.path(), &["search", "giải ngân"]);
    c.env("BAOCAO_INDEX", "other");
    assert_eq!(c.output().unwrap().status.code(), Some(1));
    assert!(!dir.path().join("other").exists());
    // The default still builds itself from ./corpus.
    let out = command(dir.path(), &["search", "giải ngân"])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn an_index_being_built_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("notes.md"), "").unwrap();
    let idx = dir.path().join("idx");
    // An empty index (the state `index --rebuild` starts from).
    baocao::index::BaocaoIndex::create_or_open(&idx).unwrap();
    let tantivy = tantivy::Index::open_in_dir(&idx).unwrap();
    let writer: tantivy::IndexWriter = tantivy.writer(15_000_000).unwrap();
    let out = command(dir.path(), &["--index", "idx", "search", "giải ngân"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("being built"), "{err}");
    drop(writer);
    let out = command(dir.path(), &["--index", "idx", "search", "giải ngân"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("No match"));
}
