//! `baocao parse` through the real binary on the sample reports.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn baocao() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_baocao"));
    cmd.env("NO_COLOR", "1");
    cmd
}

#[test]
fn human_outline_shows_metadata_sections_and_footnotes() {
    let out = baocao()
        .args([
            "parse",
            corpus("000_15b6f46b6783cbe2.txt").to_str().unwrap(),
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("type:     bao-cao/thang"), "{out}");
    assert!(out.contains("period:   2024-02"), "{out}");
    assert!(out.contains("issuer:   UBND tỉnh Lạng Sơn"), "{out}");
    // The letterhead, the introduction unit (headed by the title), the 29 numbered
    // sections and the closing block.
    assert!(out.contains("32 sections:"), "{out}");
    assert!(out.contains("  letterhead  Số: /BC-UBND"), "{out}");
    assert!(out.contains("  closing  Nơi nhận:"), "{out}");
    assert!(
        out.contains("  preamble  BÁO CÁO Tình hình kinh tế"),
        "{out}"
    );
    assert!(out.contains("1.3  Công tác quy hoạch"), "{out}");
    assert!(out.contains("19 footnotes"), "{out}");
}

#[test]
fn json_follows_the_spec_shape() {
    let out = baocao()
        .args([
            "--json",
            "parse",
            corpus("004_423ec5bd75490e40.txt").to_str().unwrap(),
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("stdout is one JSON document");
    for key in [
        "file",
        "doc_id",
        "title",
        "doc_type",
        "years",
        "period",
        "issuer",
        "province",
        "signer",
        "sections",
        "footnotes",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["doc_type"], "bao-cao/9-thang");
    assert_eq!(v["years"], serde_json::json!([2024]));
    let sections = v["sections"].as_array().unwrap();
    // 36 text units and the closing block (the file opens with `Phần I`: no letterhead).
    assert_eq!(sections.len(), 37);
    for s in sections {
        for key in [
            "id",
            "path",
            "heading",
            "text",
            "line_start",
            "line_end",
            "sectors",
            "role",
            "footnote_refs",
        ] {
            assert!(s.get(key).is_some(), "section lacks {key}");
        }
    }
    let s = sections
        .iter()
        .find(|s| s["id"] == "004-423ec5bd75490e40#Phần I.II.5")
        .unwrap();
    assert_eq!(s["path"], serde_json::json!(["Phần I", "II", "5"]));
    let footnotes = v["footnotes"].as_array().unwrap();
    assert_eq!(footnotes.len(), 55);
    let f46 = footnotes.iter().find(|f| f["number"] == 46).unwrap();
    assert_eq!(f46["section_id"], "004-423ec5bd75490e40#Phần I.II.5");
    assert!(f46["text"]
        .as_str()
        .unwrap()
        .starts_with("Trong đó: 13 vụ/27 bị can"));
    for key in ["number", "text", "section_id", "line_start"] {
        assert!(f46.get(key).is_some(), "footnote lacks {key}");
    }
}

fn assert_one_line_error(path: &Path) {
    let out = baocao()
        .args(["parse", path.to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(path.file_name().unwrap().to_str().unwrap()),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_files_give_one_clear_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"B\xc1O C\xc1O th\xe1ng 02").unwrap();
    assert_one_line_error(&latin1);
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"  \n\n").unwrap();
    assert_one_line_error(&empty);
    let binary = dir.path().join("image.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    assert_one_line_error(&binary);
    assert_one_line_error(&dir.path().join("missing.txt"));
}
