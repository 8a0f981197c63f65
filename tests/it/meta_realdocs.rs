//! The realdocs sweep (`../shared/realdocs`, skipped with a message when it is absent):
//! every file indexed or skipped with a reason, no panic, one report per file (ids do not
//! collide), and the counts per document type and per issuer printed.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::run_in;

fn realdocs() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdocs/files");
    root.is_dir().then_some(root)
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn realdocs_every_file_is_indexed_or_skipped_with_a_reason() {
    let Some(root) = realdocs() else {
        eprintln!("skipped: ../shared/realdocs is not there");
        return;
    };
    let mut files = Vec::new();
    files_under(&root, &mut files);
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let out = run_in(
        tmp.path(),
        &[
            "--json",
            "--index",
            idx.to_str().unwrap(),
            "index",
            root.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(matches!(out.status.code(), Some(0 | 3)), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let indexed = v["indexed"].as_array().unwrap();
    let skipped = v["skipped"].as_array().unwrap();
    let mut seen: HashSet<String> = HashSet::new();
    for i in indexed.iter().chain(skipped) {
        assert!(seen.insert(i["path"].as_str().unwrap().to_string()), "{i}");
    }
    assert_eq!(
        indexed.len() + skipped.len(),
        files.len(),
        "every file indexed or skipped"
    );
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for s in skipped {
        let reason = s["reason"].as_str().unwrap();
        assert!(!reason.trim().is_empty(), "{s}");
        *reasons
            .entry(reason.chars().take(60).collect())
            .or_default() += 1;
    }
    // One report per file: no id shared.
    let ids: HashSet<&str> = indexed
        .iter()
        .map(|i| i["doc_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), indexed.len(), "doc ids collide");

    let searcher = baocao::search::Searcher::open(&idx).unwrap();
    let reports = searcher.reports().unwrap();
    assert_eq!(reports.len(), indexed.len());
    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    let mut issuers: BTreeMap<String, usize> = BTreeMap::new();
    let count =
        |f: &dyn Fn(&baocao::search::ReportInfo) -> bool| reports.iter().filter(|r| f(r)).count();
    for r in &reports {
        *types.entry(r.doc_type.clone()).or_default() += 1;
        *issuers
            .entry(r.issuer.clone().unwrap_or_else(|| "(none)".into()))
            .or_default() += 1;
    }
    eprintln!(
        "realdocs: {} files, {} indexed, {} skipped",
        files.len(),
        indexed.len(),
        skipped.len()
    );
    eprintln!("skipped by reason: {reasons:#?}");
    eprintln!("reports per doc type: {types:#?}");
    eprintln!("reports per issuer: {issuers:#?}");
    eprintln!(
        "with issuer {}, number {}, date {}, signer {} of {}",
        count(&|r| r.issuer.is_some()),
        count(&|r| r.number.is_some()),
        count(&|r| r.date.is_some()),
        count(&|r| r.signer.is_some()),
        reports.len()
    );
    // A signed document names its issuer in its letterhead.
    let signed_without_issuer: Vec<&str> = reports
        .iter()
        .filter(|r| r.signer.is_some() && r.issuer.is_none())
        .map(|r| r.doc_id.as_str())
        .collect();
    eprintln!("signed without an issuer: {signed_without_issuer:#?}");
}
