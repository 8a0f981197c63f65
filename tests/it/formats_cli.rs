//! `baocao parse` on each input format (the real binary).

use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::report::formats::legacy::{encode, Legacy};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fixtures")
        .join(name)
}

fn parse_json(path: &Path, path_env: Option<&Path>) -> (i32, serde_json::Value, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_baocao"));
    cmd.args(["--json", "parse"]).arg(path);
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    let out = cmd.output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn paths(v: &serde_json::Value) -> Vec<String> {
    v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["path"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(".")
        })
        .collect()
}

fn tool_installed(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

#[test]
fn parse_reads_docx_pdf_and_doc() {
    // The letterhead and the introduction unit (empty paths) first, then the numbered
    // sections.
    let want = ["", "", "II", "II.1", "II.1.1.1", "II.1.1.2"];
    let (code, docx, err) = parse_json(&fixture("000-part.docx"), None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&docx), want);
    assert_eq!(docx["footnotes"].as_array().unwrap().len(), 5);
    assert_eq!(docx["period"], "2024-02");
    // The .doc is read natively: Word's list numbers give the .docx's outline.
    let (code, doc, err) = parse_json(&fixture("000-part.doc"), None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&doc), want);
    assert_eq!(doc["footnotes"].as_array().unwrap().len(), 5);
    let (code, v, err) = parse_json(&fixture("000-part.pdf"), None);
    if code == 0 {
        assert_eq!(v["footnotes"].as_array().unwrap().len(), 5);
        assert_eq!(paths(&v), want);
    } else {
        // Only when pdftotext is not installed, and then the message says what to install.
        assert!(err.contains("apt-get install"), "{err}");
    }
}

#[test]
fn a_missing_converter_is_one_clear_line_and_exit_1() {
    let empty = tempfile::tempdir().unwrap();
    let (code, v, err) = parse_json(&fixture("000-part.pdf"), Some(empty.path()));
    assert_eq!(code, 1);
    assert!(v.is_null());
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("000-part.pdf") && err.contains("apt-get install poppler-utils"),
        "{err}"
    );
    // A .doc needs no converter: the native reader reads it with none on PATH.
    let (code, v, err) = parse_json(&fixture("000-part.doc"), Some(empty.path()));
    assert_eq!(code, 0, "{err}");
    assert_eq!(v["footnotes"].as_array().unwrap().len(), 5);
    // `parse` says what read it.
    assert_eq!(v["read_by"], "baocao .doc reader", "{v}");
    // A plain text report needs no reader: no `read_by`.
    let (code, v, err) = parse_json(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/000_15b6f46b6783cbe2.txt"),
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(v.get("read_by").is_none(), "{v}");
    // A scan is named as such (when pdftotext can tell).
    if tool_installed("pdftotext") {
        let (code, _, err) = parse_json(&fixture("scan.pdf"), None);
        assert_eq!(code, 1);
        assert!(err.contains("no text layer"), "{err}");
    }
}

#[test]
fn parse_reads_legacy_encoded_and_converter_text() {
    let dir = tempfile::tempdir().unwrap();
    let (name, text) = crate::formats_support::corpus("000");
    let (code, want, _) = parse_json(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(&name),
        None,
    );
    assert_eq!(code, 0);
    // pandoc-style notes.
    let pandoc = dir.path().join("pandoc.txt");
    std::fs::write(&pandoc, crate::formats_support::render_pandoc(&text)).unwrap();
    let (code, got, err) = parse_json(&pandoc, None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(paths(&got), paths(&want));
    assert_eq!(
        got["footnotes"].as_array().unwrap().len(),
        want["footnotes"].as_array().unwrap().len()
    );
    // A VNI file: the report's encodable paragraphs (headings included), as 8-bit bytes.
    let paras: Vec<&str> = text
        .split("\n\n")
        .filter(|p| encode(Legacy::Vni, p).is_ok())
        .collect();
    let clean = paras.join("\n\n");
    let bytes: Vec<u8> = encode(Legacy::Vni, &clean)
        .unwrap()
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let vni = dir.path().join("vni.txt");
    std::fs::write(&vni, bytes).unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, &clean).unwrap();
    let (code, got, err) = parse_json(&vni, None);
    assert_eq!(code, 0, "{err}");
    let (_, want, _) = parse_json(&plain, None);
    assert!(paths(&want).len() >= 10);
    assert_eq!(paths(&got), paths(&want));
    assert_eq!(
        got["sections"][0]["heading"],
        want["sections"][0]["heading"]
    );
}
