//! `.pdf` through poppler's pdftotext: a fixture made once from a bundled report
//! (`tests/data/fixtures/000-part.docx`, written by `make_pdf_fixture_source` below, then
//! converted by LibreOffice with `tests/data/fixtures/make-pdf.sh`) must read to the same
//! paragraphs and footnotes as the .docx it was printed from.

use std::path::{Path, PathBuf};

use crate::formats_support::{corpus, from_clean, write_docx};
use baocao::report::formats::{self, FormatError};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixtures")
}

/// The excerpt of report 000 the PDF fixture is made from: the title block, then
/// sections II, II.1, II.1.1 and II.1.2 with their five footnotes.
fn excerpt() -> String {
    let (_, text) = corpus("000");
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<&str> = lines[..10].to_vec();
    out.push("");
    out.extend(&lines[21..45]);
    // The body of footnote 5, whose marker is in II.1.2.
    out.push(lines[51]);
    out.join("\n")
}

/// Writes the fixture's source .docx (run with `--ignored` when the excerpt changes, then
/// `tests/data/fixtures/make-pdf.sh`).
#[test]
#[ignore]
fn make_pdf_fixture_source() {
    let (paras, notes) = from_clean(&excerpt());
    std::fs::write(fixtures().join("000-part.docx"), write_docx(&paras, &notes)).unwrap();
}

fn has_pdftotext() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn pdf_reads_like_the_docx_it_was_printed_from() {
    let pdf = fixtures().join("000-part.pdf");
    let docx = formats::read(&fixtures().join("000-part.docx")).unwrap();
    match formats::read(&pdf) {
        Ok(got) => {
            assert!(got.tool.as_deref().unwrap().starts_with("pdftotext"));
            let want = paragraphs(&docx.text);
            let have = paragraphs(&got.text);
            assert_eq!(have, want);
        }
        Err(FormatError::MissingTool { tool, .. }) => {
            assert!(!has_pdftotext());
            assert_eq!(tool, "pdftotext");
            let msg = formats::read(&pdf).unwrap_err().to_string();
            assert!(msg.contains("apt-get install poppler-utils"), "{msg}");
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_pdf_without_text_layer_is_reported_as_a_scan() {
    let scan = fixtures().join("scan.pdf");
    match formats::read(&scan) {
        Err(FormatError::NoTextLayer) => {}
        Err(FormatError::MissingTool { .. }) => assert!(!has_pdftotext()),
        other => panic!("{other:?}"),
    }
}
