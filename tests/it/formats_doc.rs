//! `.doc` (Word 97): the fixture `tests/data/fixtures/000-part.doc` was saved by
//! LibreOffice from `000-part.docx` (see `make-pdf.sh`). The native reader (the default)
//! and LibreOffice must read it like the .docx; through antiword, the text and the
//! footnotes must be there (antiword drops Word's automatic list numbers). A missing tool
//! gives a message naming what to install.

use std::path::Path;

use baocao::report::formats::{self, DocTool, FormatError};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fixtures")
        .join(name)
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn installed(tool: &str) -> bool {
    std::process::Command::new(tool)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

#[test]
fn the_native_reader_reads_doc_like_the_docx() {
    let bytes = std::fs::read(fixture("000-part.doc")).unwrap();
    let docx = formats::read(&fixture("000-part.docx")).unwrap();
    let got = formats::read_doc_with(&bytes, DocTool::Native).unwrap();
    assert_eq!(got.tool.as_deref(), Some(formats::NATIVE_READER));
    assert_eq!(paragraphs(&got.text), paragraphs(&docx.text));
    // The default reading order takes the native reader, and the report is the .docx's.
    let auto = formats::read(&fixture("000-part.doc")).unwrap();
    assert_eq!(auto.tool.as_deref(), Some(formats::NATIVE_READER));
    let from_doc = baocao::report::parse_text("000-part.doc", &auto.text);
    let from_docx = baocao::report::parse_text("000-part.docx", &docx.text);
    let ids = |r: &baocao::report::Report| -> Vec<String> {
        r.sections.iter().map(|s| s.path.join("|")).collect()
    };
    assert_eq!(ids(&from_doc), ids(&from_docx));
    // The letterhead, the introduction unit, then the four numbered sections.
    assert_eq!(from_doc.sections.len(), 6);
    assert!(from_doc.sections[0].id.ends_with("#letterhead"));
    assert!(from_doc.sections[1].id.ends_with("#preamble"));
    assert_eq!(from_doc.footnotes.len(), from_docx.footnotes.len());
    assert_eq!(from_doc.footnotes.len(), 5);
}

#[test]
fn a_damaged_doc_is_an_error_naming_the_file() {
    let mut bytes = std::fs::read(fixture("000-part.doc")).unwrap();
    // Keep the OLE2 header, wipe the rest: neither the native reader nor a converter can
    // read it, and the error names the file.
    for b in bytes.iter_mut().skip(512) {
        *b = 0xFF;
    }
    let err = baocao::report::parse_bytes("thang-2.doc", &bytes).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("thang-2.doc"), "{msg}");
}

#[test]
fn antiword_text_keeps_paragraphs_footnotes_and_the_letterhead() {
    let bytes = std::fs::read(fixture("000-part.doc")).unwrap();
    match formats::read_doc_with(&bytes, DocTool::Antiword) {
        Ok(got) => {
            assert!(got.tool.as_deref().unwrap().starts_with("antiword"));
            let docx = formats::read(&fixture("000-part.docx")).unwrap();
            let have = paragraphs(&got.text);
            // Every paragraph of the .docx is there, but for Word's list labels.
            for want in paragraphs(&docx.text) {
                let unlabeled = want
                    .split_once(' ')
                    .filter(|(l, _)| l.ends_with('.') && l.chars().next().unwrap().is_ascii_digit())
                    .map(|(_, rest)| rest.to_string())
                    .unwrap_or_else(|| want.clone());
                assert!(
                    have.contains(&want) || have.contains(&unlabeled),
                    "missing {want}\n in {have:#?}"
                );
            }
            assert!(have.iter().any(|p| p.starts_with("⁴ Do năm nay")));
            assert!(!got.text.contains("[1]") && !got.text.contains("|"));
        }
        Err(e @ FormatError::MissingTool { .. }) => {
            assert!(!installed("antiword"));
            assert!(e.to_string().contains("apt-get install antiword"), "{e}");
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn libreoffice_reads_doc_like_the_docx() {
    let bytes = std::fs::read(fixture("000-part.doc")).unwrap();
    match formats::read_doc_with(&bytes, DocTool::LibreOffice) {
        Ok(got) => {
            let docx = formats::read(&fixture("000-part.docx")).unwrap();
            assert_eq!(paragraphs(&got.text), paragraphs(&docx.text));
        }
        Err(e @ FormatError::MissingTool { .. }) => {
            assert!(!installed("soffice"));
            assert!(e.to_string().contains("libreoffice"), "{e}");
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_doc_that_is_not_word_97_is_an_error() {
    let err = formats::read_bytes("x.doc", b"just some text").unwrap_err();
    assert!(err.to_string().contains("Word 97"), "{err}");
}
