//! One way in: `parse` and `index` share one ingestion function and one file discoverer
//! (what `parse` shows is what is indexed), the discoverer walks folders as ripgrep does
//! (`.ignore`, `.gitignore`, `--exclude`, READMEs), and doc ids do not collide.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::run_in;
use crate::meta_fixtures;

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn index(cwd: &Path, idx: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--json", "--index", idx.to_str().unwrap(), "index"];
    all.extend_from_slice(args);
    run_in(cwd, &all)
}

fn indexed_ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = v["indexed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["doc_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn what_parse_shows_is_what_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    meta_fixtures::write_all(&docs);
    let idx = tmp.path().join("idx");
    let out = index(tmp.path(), &idx, &[docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let idx_s = idx.to_str().unwrap();
    let mut files: Vec<_> = fs::read_dir(&docs)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 9);
    for file in files {
        let parsed = json(&run_in(
            tmp.path(),
            &["--json", "parse", file.to_str().unwrap()],
        ));
        let doc_id = parsed["doc_id"].as_str().unwrap();
        let shown = json(&run_in(
            tmp.path(),
            &["--json", "--index", idx_s, "show", doc_id],
        ));
        let report = &shown["report"];
        for field in [
            "doc_id", "title", "doc_type", "years", "period", "issuer", "province", "signer",
            "number", "date",
        ] {
            assert_eq!(parsed[field], report[field], "{doc_id}: {field}");
        }
        let parsed_ids: Vec<&str> = parsed["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        let shown_ids: Vec<&str> = shown["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert!(!parsed_ids.is_empty(), "{doc_id}: no unit");
        assert_eq!(parsed_ids, shown_ids, "{doc_id}: units");
        for s in parsed["sections"].as_array().unwrap() {
            let id = s["id"].as_str().unwrap();
            let unit = json(&run_in(
                tmp.path(),
                &["--json", "--index", idx_s, "show", id],
            ));
            assert_eq!(unit["unit"]["text"], s["text"], "{id}: text");
            assert_eq!(unit["unit"]["heading"], s["heading"], "{id}: heading");
        }
        // search --json returns the same metadata with each hit.
        let hits = json(&run_in(
            tmp.path(),
            &[
                "--json",
                "--index",
                idx_s,
                "search",
                "năm OR tháng OR tình OR hồ",
                "--limit",
                "100",
            ],
        ));
        for hit in hits["hits"].as_array().unwrap() {
            if hit["doc_id"] == parsed["doc_id"] {
                for (h, p) in [
                    ("doc_type", "doc_type"),
                    ("period", "period"),
                    ("issuer", "issuer"),
                    ("doc_number", "number"),
                    ("date", "date"),
                ] {
                    assert_eq!(hit[h], parsed[p], "{doc_id}: hit {h}");
                }
            }
        }
    }
    // The note without numbered headings: one unit, in parse as in the index.
    let parsed = json(&run_in(
        tmp.path(),
        &[
            "--json",
            "parse",
            docs.join("ghi-chu.txt").to_str().unwrap(),
        ],
    ));
    assert_eq!(parsed["sections"][0]["id"], "ghi-chu#preamble");
}

#[test]
fn folders_are_walked_as_ripgrep_walks_them() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(docs.join("nhap")).unwrap();
    fs::create_dir_all(docs.join("cu")).unwrap();
    fs::create_dir_all(docs.join(".an")).unwrap();
    for name in [
        "a.txt",
        "README.md",
        "nhap/b.txt",
        "cu/c.txt",
        "cu/d.txt",
        ".an/e.txt",
        "bo-qua.txt",
    ] {
        fs::write(docs.join(name), meta_fixtures::GHI_CHU).unwrap();
    }
    fs::write(docs.join(".ignore"), "bo-qua.txt\n").unwrap();
    fs::write(docs.join("cu/.gitignore"), "d.txt\n").unwrap();
    let idx = tmp.path().join("idx");
    let out = index(
        tmp.path(),
        &idx,
        &["--exclude", "nhap/", docs.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(indexed_ids(&json(&out)), ["a", "cu/c"]);
    // A README named explicitly is read.
    let out = index(
        tmp.path(),
        &idx,
        &[docs.join("README.md").to_str().unwrap()],
    );
    assert_eq!(indexed_ids(&json(&out)), ["readme"]);
    // A bad glob is a usage error.
    let out = index(
        tmp.path(),
        &idx,
        &["--exclude", "a[", docs.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--exclude"), "{}", stderr(&out));
}

#[test]
fn a_missing_path_is_skipped_and_the_others_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    fs::create_dir_all(&a).unwrap();
    fs::write(a.join("x.txt"), meta_fixtures::BAO_CAO_NAM).unwrap();
    let missing = tmp.path().join("b");
    let idx = tmp.path().join("idx");
    let out = index(
        tmp.path(),
        &idx,
        &[a.to_str().unwrap(), missing.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(indexed_ids(&v), ["x"]);
    assert!(v["skipped"][0]["path"].as_str().unwrap().ends_with("/b"));
    // In human mode the skipped files go to stderr, the summary to stdout.
    let idx2 = tmp.path().join("idx2");
    let out = run_in(
        tmp.path(),
        &[
            "--index",
            idx2.to_str().unwrap(),
            "index",
            a.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Indexed 1 report"), "{stdout}");
    assert!(!stdout.contains("no such file"), "{stdout}");
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| (l.trim_start().starts_with("b:") || l.contains("/b:"))
                && l.contains("no such file")),
        "{err}"
    );
}

#[test]
fn same_names_in_two_folders_are_two_reports_with_stable_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    for dir in ["2024", "2025"] {
        fs::create_dir_all(docs.join(dir)).unwrap();
        fs::write(
            docs.join(dir).join("Báo cáo.txt"),
            meta_fixtures::BAO_CAO_NAM,
        )
        .unwrap();
    }
    // The same stem in one folder, in two formats.
    fs::write(docs.join("2024/Báo cáo.md"), meta_fixtures::BAO_CAO_THANG).unwrap();
    fs::write(docs.join("000_abc.txt"), meta_fixtures::GHI_CHU).unwrap();
    let idx = tmp.path().join("idx");
    let out = index(tmp.path(), &idx, &[docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let want = [
        "000-abc",
        "2024/báo-cáo",
        "2024/báo-cáo-txt",
        "2025/báo-cáo",
    ];
    assert_eq!(indexed_ids(&json(&out)), want);
    // Units are found under their report's id.
    let idx_s = idx.to_str().unwrap();
    let shown = json(&run_in(
        tmp.path(),
        &["--json", "--index", idx_s, "show", "2025/báo-cáo#I.1"],
    ));
    assert_eq!(shown["unit"]["doc_id"], "2025/báo-cáo");
    // Re-indexing from scratch gives the same ids; touching nothing changes nothing.
    let out = index(tmp.path(), &idx, &["--rebuild", docs.to_str().unwrap()]);
    assert_eq!(indexed_ids(&json(&out)), want);
    let out = index(tmp.path(), &idx, &[docs.to_str().unwrap()]);
    assert_eq!(json(&out)["unchanged"], 4);
    // Indexed again from a sub-folder, a file keeps the id it has.
    fs::write(docs.join("2025/Báo cáo.txt"), meta_fixtures::TO_TRINH_BCD).unwrap();
    let out = index(tmp.path(), &idx, &[docs.join("2025").to_str().unwrap()]);
    assert_eq!(indexed_ids(&json(&out)), ["2025/báo-cáo"]);
}

#[test]
fn an_index_of_the_old_id_scheme_asks_for_a_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    meta_fixtures::write_all(&docs);
    let idx = tmp.path().join("idx");
    assert_eq!(
        index(tmp.path(), &idx, &[docs.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let meta = idx.join("baocao.json");
    let text = fs::read_to_string(&meta).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["schema_version"] = Value::from(3);
    fs::write(&meta, v.to_string()).unwrap();
    let out = run_in(
        tmp.path(),
        &["--index", idx.to_str().unwrap(), "search", "nhiệm vụ"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--rebuild"), "{err}");
}
