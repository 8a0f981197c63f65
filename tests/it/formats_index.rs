//! `baocao index DIR` on a folder mixing .txt, .md, .docx, .pdf and .doc (the real binary):
//! every readable report is indexed with the same sections and footnotes, and a scanned
//! PDF is named with its reason.

use std::path::Path;
use std::process::Command;

use crate::formats_support::{corpus, from_clean, write_docx};

#[test]
fn a_mixed_folder_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    std::fs::create_dir_all(dir.join("2024")).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixtures");
    let (name0, text0) = corpus("000");
    let (_, text1) = corpus("001");
    let (_, text2) = corpus("002");
    std::fs::write(dir.join(&name0), &text0).unwrap();
    std::fs::write(dir.join("2024/tu-giam-sat.md"), &text1).unwrap();
    let (paras, notes) = from_clean(&text2);
    std::fs::write(dir.join("2024/quy-1.docx"), write_docx(&paras, &notes)).unwrap();
    std::fs::copy(
        fixtures.join("000-part.pdf"),
        dir.join("2024/thang-2-ky.pdf"),
    )
    .unwrap();
    std::fs::copy(
        fixtures.join("000-part.doc"),
        dir.join("thang-2-word97.doc"),
    )
    .unwrap();
    std::fs::copy(fixtures.join("scan.pdf"), dir.join("ban-scan.pdf")).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("--json")
        .arg("--index")
        .arg(tmp.path().join("idx"))
        .arg("index")
        .arg(&dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let indexed = v["indexed"].as_array().unwrap();
    let by_name = |suffix: &str| {
        indexed
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(suffix))
            .cloned()
    };
    let skipped = v["skipped"].as_array().unwrap();
    let skipped_reason = |suffix: &str| {
        skipped
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(suffix))
            .map(|r| r["reason"].as_str().unwrap().to_string())
    };
    // Native formats are always indexed.
    // 29 numbered sections, the introduction unit, the letterhead and the closing block.
    assert_eq!(by_name(".txt").unwrap()["sections"], 32);
    assert_eq!(by_name(".txt").unwrap()["footnotes"], 19);
    assert_eq!(by_name("tu-giam-sat.md").unwrap()["footnotes"], 25);
    let docx = by_name("quy-1.docx").unwrap();
    let want = baocao::report::parse_text("x.txt", &text2);
    assert_eq!(docx["sections"], want.sections.len());
    assert_eq!(docx["footnotes"], want.footnotes.len());
    // The .doc is read natively: Word's list numbers give the same four sections as the
    // .docx it was saved from, with its five footnotes, whatever converter is installed.
    let doc = by_name("thang-2-word97.doc").expect("the .doc is indexed");
    // Four numbered sections, the introduction unit and the letterhead.
    assert_eq!(doc["sections"], 6);
    assert_eq!(doc["footnotes"], 5);
    // The PDF goes through pdftotext: indexed, or named with what to install.
    match (by_name("thang-2-ky.pdf"), skipped_reason("thang-2-ky.pdf")) {
        (Some(r), None) => {
            // As the .doc: four numbered sections, the introduction and the letterhead.
            assert_eq!(r["sections"], 6);
            assert_eq!(r["footnotes"], 5);
        }
        (None, Some(reason)) => assert!(reason.contains("poppler-utils"), "{reason}"),
        other => panic!("thang-2-ky.pdf: {other:?}"),
    }
    let scan = skipped_reason("ban-scan.pdf").expect("the scan is named");
    assert!(
        scan.contains("text layer") || scan.contains("poppler-utils"),
        "{scan}"
    );
    // Some file was skipped: exit code 3 ("indexed with skipped files"), the others are in the index.
    assert_eq!(out.status.code(), Some(3));
}
