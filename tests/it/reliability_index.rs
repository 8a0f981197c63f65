//! The README's reliability rules through the real binary: a killed `baocao index` leaves the last committed index
//! usable and the next run completes; a second writer is told the index is busy; a
//! missing, corrupt or foreign index gives one clear line and exit 1, and
//! `baocao index --rebuild` recovers.

use std::fs;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use baocao::index::BaocaoIndex;
use serde_json::Value;

use crate::common::{self, built_index, command, json_ok, many_reports, run_in as baocao, stderr};

/// Exit 1 with exactly one line on stderr, no panic or backtrace; returns the line.
fn one_line_error(out: &Output) -> String {
    assert!(out.stdout.is_empty(), "nothing on stdout");
    common::one_line_error(out)
}

fn stats(cwd: &Path, idx: &str) -> Value {
    json_ok(&baocao(cwd, &["--json", "--index", idx, "stats"]))
}

#[test]
fn killed_indexing_leaves_a_usable_index_and_the_next_run_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let n = 150;
    many_reports(&docs, n);
    let idx = tmp.path().join("idx");
    let idx_s = idx.to_str().unwrap();
    let docs_s = docs.to_str().unwrap();
    let args = [
        "--json",
        "--index",
        idx_s,
        "index",
        "--commit-every",
        "1",
        docs_s,
    ];

    // Kill points: right after start, then after the first commit of the run is seen
    // (meta.json changed), then after increasing delays.
    enum When {
        After(Duration),
        NextCommit,
    }
    let points = [
        When::After(Duration::from_millis(20)),
        When::NextCommit,
        When::After(Duration::from_millis(300)),
        When::NextCommit,
        When::After(Duration::from_millis(1200)),
    ];
    let mut killed = 0;
    for when in points {
        let meta_before = fs::read(idx.join("meta.json")).ok();
        let mut child = command(tmp.path(), &args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        match when {
            When::After(d) => std::thread::sleep(d),
            When::NextCommit => {
                let start = Instant::now();
                while start.elapsed() < Duration::from_secs(60) {
                    if child.try_wait().unwrap().is_some() {
                        break;
                    }
                    let now = fs::read(idx.join("meta.json")).ok();
                    if now.is_some() && now != meta_before {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        }
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        // The last committed state is searchable (or, before any commit, there is no
        // index yet and search says so in one line).
        let out = baocao(
            tmp.path(),
            &["--json", "--index", idx_s, "search", "giải ngân"],
        );
        if idx.join("meta.json").is_file() {
            let v = json_ok(&out);
            assert!(v["hits"].is_array());
            let s = stats(tmp.path(), idx_s);
            assert!(s["reports"].as_u64().unwrap() <= n as u64);
        } else {
            assert!(one_line_error(&out).contains("index"));
        }
    }
    assert!(killed >= 1, "no run was killed while indexing");

    // A new run is not blocked by a stale lock and completes.
    let out = baocao(tmp.path(), &args);
    let v = json_ok(&out);
    assert!(v["skipped"].as_array().unwrap().is_empty(), "{v}");
    let s = stats(tmp.path(), idx_s);
    assert_eq!(s["reports"], n as u64, "{s}");
    // Every report is there, with its outline.
    for i in [0, n / 3, n / 2, n - 1] {
        let id = format!("bao-cao-{i:04}");
        let v = json_ok(&baocao(
            tmp.path(),
            &["--json", "--index", idx_s, "show", &id],
        ));
        assert!(v.to_string().contains(&id), "{id}: {v}");
    }
    // Sections are not duplicated by the interrupted runs.
    let one = json_ok(&baocao(
        tmp.path(),
        &[
            "--json",
            "--index",
            idx_s,
            "search",
            "--limit",
            "0",
            "giải ngân",
        ],
    ));
    let fresh = tmp.path().join("fresh");
    let fresh_s = fresh.to_str().unwrap();
    json_ok(&baocao(
        tmp.path(),
        &["--json", "--index", fresh_s, "index", docs_s],
    ));
    let two = json_ok(&baocao(
        tmp.path(),
        &[
            "--json",
            "--index",
            fresh_s,
            "search",
            "--limit",
            "0",
            "giải ngân",
        ],
    ));
    assert_eq!(one["total"], two["total"]);
    assert_eq!(
        stats(tmp.path(), idx_s)["sections"],
        stats(tmp.path(), fresh_s)["sections"]
    );
}

#[test]
fn a_second_writer_is_told_the_index_is_busy() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, idx) = built_index(tmp.path());
    let idx_s = idx.to_str().unwrap();
    let docs_s = docs.to_str().unwrap();

    // Hold tantivy's writer lock in this process, as a running `baocao index` would.
    let index = BaocaoIndex::open(&idx).unwrap();
    let writer: tantivy::IndexWriter = index
        .tantivy()
        .writer_with_num_threads(1, 15_000_000)
        .unwrap();

    for args in [
        vec!["--index", idx_s, "index", docs_s],
        vec!["--index", idx_s, "index", "--rebuild", docs_s],
        vec!["--index", idx_s, "index", "--prune", docs_s],
    ] {
        let err = one_line_error(&baocao(tmp.path(), &args));
        assert!(err.contains("index is busy"), "{args:?}: {err}");
        assert!(err.contains(idx_s), "names the index path: {err}");
    }
    // Readers are not blocked, and the busy rebuild deleted nothing.
    let v = json_ok(&baocao(
        tmp.path(),
        &["--json", "--index", idx_s, "search", "giải ngân"],
    ));
    assert!(v["total"].as_u64().unwrap() > 0);

    drop(writer);
    let out = baocao(tmp.path(), &["--index", idx_s, "index", docs_s]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn two_indexing_processes_at_once_never_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    many_reports(&docs, 60);
    let idx = tmp.path().join("idx");
    let idx_s = idx.to_str().unwrap();
    let docs_s = docs.to_str().unwrap();
    let args = ["--index", idx_s, "index", "--commit-every", "1", docs_s];
    let first = command(tmp.path(), &args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the first has created the index, then start a second.
    let start = Instant::now();
    while !idx.join("meta.json").is_file() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let second = baocao(tmp.path(), &args);
    let first = first.wait_with_output().unwrap();
    for out in [&first, &second] {
        assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
    }
    // Whichever lost the race says so; at least one completed.
    let codes = [first.status.code(), second.status.code()];
    assert!(codes.contains(&Some(0)), "{codes:?}");
    for out in [&first, &second] {
        if out.status.code() != Some(0) {
            let err = one_line_error(out);
            assert!(
                err.contains("index is busy") && err.contains(idx_s),
                "{err}"
            );
        }
    }
    // The index is complete after one more (incremental) run.
    assert_eq!(baocao(tmp.path(), &args).status.code(), Some(0));
    assert_eq!(stats(tmp.path(), idx_s)["reports"], 60);
}

/// Reading and writing commands fail in one line; `--rebuild` recovers.
fn assert_broken_then_rebuilt(tmp: &Path, docs: &Path, idx: &Path, expect: &[&str]) {
    let idx_s = idx.to_str().unwrap();
    let docs_s = docs.to_str().unwrap();
    for args in [
        vec!["--index", idx_s, "search", "giải ngân"],
        vec!["--index", idx_s, "--json", "search", "giải ngân"],
        vec!["--index", idx_s, "stats"],
        vec!["--index", idx_s, "facets"],
        vec!["--index", idx_s, "index", docs_s],
    ] {
        let out = baocao(tmp, &args);
        if out.status.code() == Some(0) {
            // A damage that the command does not touch (e.g. `facets` never reads the
            // stored text) may go unnoticed; it must still answer properly.
            continue;
        }
        let err = one_line_error(&out);
        for word in expect {
            assert!(err.contains(word), "{args:?}: {err}");
        }
    }
    let out = baocao(tmp, &["--index", idx_s, "index", "--rebuild", docs_s]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_ok(&baocao(
        tmp,
        &["--json", "--index", idx_s, "search", "giải ngân"],
    ));
    assert!(v["total"].as_u64().unwrap() > 0);
    assert_eq!(stats(tmp, idx_s)["reports"], 5);
}

#[test]
fn missing_meta_json_is_one_line_and_rebuild_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, idx) = built_index(tmp.path());
    fs::remove_file(idx.join("meta.json")).unwrap();
    // Every command fails (none may silently start an empty index over the segments).
    for args in [
        vec!["--index", idx.to_str().unwrap(), "search", "giải ngân"],
        vec![
            "--index",
            idx.to_str().unwrap(),
            "index",
            docs.to_str().unwrap(),
        ],
    ] {
        let err = one_line_error(&baocao(tmp.path(), &args));
        assert!(err.contains("meta.json"), "{err}");
        assert!(err.contains("--rebuild"), "{err}");
    }
    assert_broken_then_rebuilt(tmp.path(), &docs, &idx, &["meta.json"]);
}

#[test]
fn truncated_segment_files_are_one_line_and_rebuild_recovers() {
    for ext in ["store", "idx", "term", "fast"] {
        let tmp = tempfile::tempdir().unwrap();
        let (docs, idx) = built_index(tmp.path());
        let file = common::largest_file(&idx, ext);
        let len = fs::metadata(&file).unwrap().len();
        fs::OpenOptions::new()
            .write(true)
            .open(&file)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
        let out = baocao(
            tmp.path(),
            &["--index", idx.to_str().unwrap(), "search", "giải ngân"],
        );
        let err = one_line_error(&out);
        assert!(err.contains("--rebuild"), "{ext}: {err}");
        assert_broken_then_rebuilt(tmp.path(), &docs, &idx, &["--rebuild"]);
    }
}

#[test]
fn scrambled_segment_files_never_panic_and_rebuild_recovers() {
    for ext in ["idx", "fast", "term", "store", "pos"] {
        let tmp = tempfile::tempdir().unwrap();
        let (docs, idx) = built_index(tmp.path());
        // Garbage over the middle of the file; the footer is intact.
        common::scramble_middle(&common::largest_file(&idx, ext));
        assert_broken_then_rebuilt(tmp.path(), &docs, &idx, &["--rebuild"]);
    }
}

#[test]
fn another_schema_version_is_refused_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, idx) = built_index(tmp.path());
    let meta = idx.join("baocao.json");
    let mut v: Value = serde_json::from_str(&fs::read_to_string(&meta).unwrap()).unwrap();
    assert!(
        v["schema_version"].as_u64().is_some(),
        "the index stores its schema version"
    );
    v["schema_version"] = 999.into();
    fs::write(&meta, v.to_string()).unwrap();
    assert_broken_then_rebuilt(
        tmp.path(),
        &docs,
        &idx,
        &["schema version", "999", "--rebuild"],
    );
}

#[test]
fn a_foreign_index_or_folder_is_refused_clearly() {
    // A tantivy index not made by baocao (no baocao.json).
    let tmp = tempfile::tempdir().unwrap();
    let (docs, idx) = built_index(tmp.path());
    fs::remove_file(idx.join("baocao.json")).unwrap();
    assert_broken_then_rebuilt(tmp.path(), &docs, &idx, &["baocao.json", "--rebuild"]);

    // A damaged baocao.json.
    fs::write(idx.join("baocao.json"), "{\"schema_ver").unwrap();
    assert_broken_then_rebuilt(tmp.path(), &docs, &idx, &["baocao.json", "--rebuild"]);

    // A folder of other files: never used, never deleted by --rebuild.
    let other = tmp.path().join("mine");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("notes.txt"), "mine").unwrap();
    let other_s = other.to_str().unwrap();
    let err = one_line_error(&baocao(tmp.path(), &["--index", other_s, "search", "x"]));
    assert!(err.contains("no index"), "{err}");
    let err = one_line_error(&baocao(
        tmp.path(),
        &[
            "--index",
            other_s,
            "index",
            "--rebuild",
            docs.to_str().unwrap(),
        ],
    ));
    assert!(err.contains("not a baocao index"), "{err}");
    let err = one_line_error(&baocao(
        tmp.path(),
        &["--index", other_s, "index", docs.to_str().unwrap()],
    ));
    assert!(err.contains("refusing to write"), "{err}");
    let names: Vec<_> = fs::read_dir(&other)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "nothing written: {names:?}");
    assert_eq!(fs::read_to_string(other.join("notes.txt")).unwrap(), "mine");
}
