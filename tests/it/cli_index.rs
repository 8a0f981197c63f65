//! `baocao index` through the real binary: incremental indexing, pruning, the embedded
//! default (`search` builds `index/` from `./corpus`), and error exits.

use std::fs;
use std::process::Output;

use serde_json::Value;

use crate::common::{copy_corpus, corpus, run_in as run, run_json, skipped_paths};

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn reindexing_is_incremental() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    let idx = tmp.path().join("idx");
    let idx_s = idx.to_str().unwrap();
    let docs_s = docs.to_str().unwrap();

    let first = json_of(&run(
        tmp.path(),
        &["--json", "--index", idx_s, "index", docs_s],
    ));
    assert_eq!(first["indexed"].as_array().unwrap().len(), 5);
    assert!(first["sections"].as_u64().unwrap() > 100);
    assert_eq!(first["changed"], true);

    // Unchanged corpus: nothing written, and it says so.
    let meta_before = fs::read(idx.join("meta.json")).unwrap();
    let out = run(tmp.path(), &["--index", idx_s, "index", docs_s]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("up to date"), "{text}");
    assert_eq!(fs::read(idx.join("meta.json")).unwrap(), meta_before);
    let again = json_of(&run(
        tmp.path(),
        &["--json", "--index", idx_s, "index", docs_s],
    ));
    assert_eq!(again["changed"], false);
    assert_eq!(again["unchanged"], 5);

    // One edited file: only it is re-indexed, and the new text is searchable.
    let edited = docs.join("002_b3816277b7c3b654.txt");
    let mut body = fs::read_to_string(&edited).unwrap();
    body = body.replacen("\n", "\nXylophonium quasarix đặc biệt.\n", 1);
    fs::write(&edited, body).unwrap();
    let third = json_of(&run(
        tmp.path(),
        &["--json", "--index", idx_s, "index", docs_s],
    ));
    let indexed = third["indexed"].as_array().unwrap();
    assert_eq!(indexed.len(), 1, "{third}");
    assert_eq!(indexed[0]["replaced"], true);
    assert!(indexed[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("002_b3816277b7c3b654.txt"));
    assert_eq!(third["unchanged"], 4);
    let stats = json_of(&run(tmp.path(), &["--json", "--index", idx_s, "stats"]));
    assert_eq!(stats["reports"], 5, "a replaced report is not duplicated");

    // A vanished file stays until --prune.
    fs::remove_file(docs.join("001_08bffe02da026834.txt")).unwrap();
    let fourth = json_of(&run(
        tmp.path(),
        &["--json", "--index", idx_s, "index", docs_s],
    ));
    assert_eq!(fourth["changed"], false);
    let pruned = json_of(&run(
        tmp.path(),
        &["--json", "--index", idx_s, "index", "--prune", docs_s],
    ));
    assert_eq!(pruned["removed"].as_array().unwrap().len(), 1);
    let stats = json_of(&run(tmp.path(), &["--json", "--index", idx_s, "stats"]));
    assert_eq!(stats["reports"], 4);
    let gone = json_of(&run(
        tmp.path(),
        &["--json", "--index", idx_s, "search", "11-NQ/TW"],
    ));
    assert_eq!(gone["total"], 0);
}

#[test]
fn unreadable_files_are_skipped_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    fs::write(docs.join("empty.txt"), "").unwrap();
    fs::write(docs.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 255]).unwrap();
    let idx = tmp.path().join("idx");
    let out = run_json(tmp.path(), &idx, &["index", docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "skipped files give exit 3");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["indexed"].as_array().unwrap().len(), 5);
    let skipped = skipped_paths(&v);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
}

#[test]
fn rebuild_starts_afresh() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let idx_s = idx.to_str().unwrap();
    let c = corpus();
    let one = c.join("003_3d8158ef19581955.txt");
    json_of(&run(
        tmp.path(),
        &["--json", "--index", idx_s, "index", c.to_str().unwrap()],
    ));
    let v = json_of(&run(
        tmp.path(),
        &[
            "--json",
            "--index",
            idx_s,
            "index",
            "--rebuild",
            one.to_str().unwrap(),
        ],
    ));
    assert_eq!(v["indexed"].as_array().unwrap().len(), 1);
    let stats = json_of(&run(tmp.path(), &["--json", "--index", idx_s, "stats"]));
    assert_eq!(stats["reports"], 1);
    // --rebuild never deletes a folder that is not an index.
    let foreign = tmp.path().join("mine");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "keep").unwrap();
    let out = run(
        tmp.path(),
        &[
            "--index",
            foreign.to_str().unwrap(),
            "index",
            "--rebuild",
            one.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(foreign.join("notes.txt").exists());
}

#[test]
fn embedded_default_builds_the_index_from_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    copy_corpus(&tmp.path().join("corpus"));
    let out = run(
        tmp.path(),
        &["--json", "search", "giải ngân vốn đầu tư công"],
    );
    let v = json_of(&out);
    assert!(v["total"].as_u64().unwrap() > 0);
    assert!(tmp.path().join("index/meta.json").is_file());
    // Second run uses the index as it is.
    let v2 = json_of(&run(
        tmp.path(),
        &["--json", "search", "giải ngân vốn đầu tư công"],
    ));
    assert_eq!(v["total"], v2["total"]);
}

#[test]
fn no_index_and_no_corpus_is_one_line_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["search", "giải ngân"][..],
        &["stats"],
        &["facets"],
        &["show", "x"],
    ] {
        let out = run(tmp.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("no index"), "{err}");
        assert!(out.stdout.is_empty());
    }
    // A malformed query is a usage error before anything else.
    let out = run(tmp.path(), &["search", "\"giải ngân"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn index_of_another_schema_version_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let one = corpus().join("003_3d8158ef19581955.txt");
    json_of(&run_json(
        tmp.path(),
        &idx,
        &["index", one.to_str().unwrap()],
    ));
    fs::write(
        idx.join("baocao.json"),
        r#"{"schema_version": 0, "created_by": "old"}"#,
    )
    .unwrap();
    let out = run(
        tmp.path(),
        &["--index", idx.to_str().unwrap(), "search", "giải ngân"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--rebuild") && err.lines().count() == 1,
        "{err}"
    );
}
