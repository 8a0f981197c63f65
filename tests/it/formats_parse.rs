//! End to end: every input format of a bundled report parses to the same outline and the
//! same footnotes as the report itself (and as the gold data says).

use std::path::Path;

use crate::formats_support::{corpus, from_clean, write_docx};
use baocao::report::{self, Report};

/// Section paths in order.
fn outline(r: &Report) -> Vec<String> {
    r.sections.iter().map(|s| s.path.join(".")).collect()
}

/// Footnotes: number → id of the section carrying the marker.
fn notes(r: &Report) -> Vec<(u32, Option<String>)> {
    r.footnotes
        .iter()
        .map(|f| {
            (
                f.number,
                f.section_id.as_ref().map(|id| {
                    id.split_once('#')
                        .map_or(id.clone(), |(_, p)| p.to_string())
                }),
            )
        })
        .collect()
}

fn gold(file: &str) -> (Vec<String>, Vec<u32>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seeds-gold.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let g = &v[file];
    let sections = g["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(".")
        })
        .collect();
    let footnotes = g["footnotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap() as u32)
        .collect();
    (sections, footnotes)
}

fn assert_same(name: &str, style: &str, got: &Report, want: &Report) {
    assert_eq!(outline(got), outline(want), "{name} as {style}: outline");
    assert_eq!(notes(got), notes(want), "{name} as {style}: footnotes");
}

#[test]
fn docx_parses_like_the_report_and_its_gold() {
    for prefix in ["000", "001", "002"] {
        let (name, text) = corpus(prefix);
        let (paras, fns) = from_clean(&text);
        let docx = write_docx(&paras, &fns);
        let docx_name = name.replace(".txt", ".docx");
        let (got, source) = report::parse_bytes_with_source(&docx_name, &docx).unwrap();
        assert_eq!(source.format, report::formats::Format::Docx);
        let want = report::parse_text(&name, &text);
        assert_same(&name, "docx", &got, &want);
        let (sections, footnotes) = gold(&name);
        // The gold lists the numbered sections (the introduction unit has no path).
        let numbered: Vec<String> = outline(&got)
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(numbered, sections, "{name} as docx: gold outline");
        let numbers: Vec<u32> = got.footnotes.iter().map(|f| f.number).collect();
        assert_eq!(numbers, footnotes, "{name} as docx: gold footnotes");
    }
}

#[test]
fn converter_styles_parse_like_the_report() {
    type Render = fn(&str) -> String;
    let styles: [(&str, &str, Render); 4] = [
        ("pandoc", "txt", crate::formats_support::render_pandoc),
        (
            "markdown",
            "md",
            crate::formats_support::render_markdown_notes,
        ),
        ("antiword", "txt", crate::formats_support::render_antiword),
        ("pdftotext", "txt", crate::formats_support::render_pdftotext),
    ];
    for prefix in ["000", "001", "002"] {
        let (name, text) = corpus(prefix);
        let want = report::parse_text(&name, &text);
        for (style, ext, render) in styles {
            let file = name.replace(".txt", &format!(".{ext}"));
            let got = report::parse_bytes(&file, render(&text).as_bytes()).unwrap();
            if style != "pdftotext" {
                assert_same(&name, style, &got, &want);
                continue;
            }
            // Plain pdftotext text is compared with what the parser makes of its own
            // PDF-extracted rendering of the report (the layout this conversion targets).
            let want = report::parse_text(
                &name,
                &report::render::pdf_layout(&text, &Default::default()),
            );
            // A marker glued to a number (`53¹⁵` → `5315`) cannot be told from the
            // number: such footnotes may lose their section.
            assert_eq!(outline(&got), outline(&want), "{name} as {style}: outline");
            let numbers = |r: &Report| r.footnotes.iter().map(|f| f.number).collect::<Vec<_>>();
            assert_eq!(
                numbers(&got),
                numbers(&want),
                "{name} as {style}: footnotes"
            );
            for ((n, a), (_, b)) in notes(&got).into_iter().zip(notes(&want)) {
                if a != b {
                    let sup = report::formats::superscript(n);
                    let after_digit = text.match_indices(&sup).any(|(i, _)| {
                        text[..i]
                            .chars()
                            .next_back()
                            .is_some_and(|c| c.is_ascii_digit())
                    });
                    assert!(
                        after_digit,
                        "{name} as {style}: footnote {n} in {a:?}, want {b:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_pdf_parses_like_the_docx_it_was_printed_from() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixtures");
    let docx = report::parse_file(&dir.join("000-part.docx")).unwrap();
    match report::parse_file_with_source(&dir.join("000-part.pdf")) {
        Ok((pdf, source)) => {
            assert!(source.tool.unwrap().starts_with("pdftotext"));
            assert_same("000-part", "pdf", &pdf, &docx);
            for (a, b) in pdf.footnotes.iter().zip(&docx.footnotes) {
                assert_eq!(a.text, b.text, "footnote {}", a.number);
            }
            // The letterhead and the introduction unit, then the numbered sections.
            assert_eq!(
                outline(&pdf),
                ["", "", "II", "II.1", "II.1.1.1", "II.1.1.2"]
            );
            assert_eq!(pdf.footnotes.len(), 5);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains("apt-get install poppler-utils"), "{msg}");
        }
    }
}

#[test]
fn a_scanned_pdf_is_named_and_explained() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixtures");
    let err = report::parse_file(&dir.join("scan.pdf"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("scan.pdf"), "{err}");
    assert!(
        err.contains("text layer") || err.contains("poppler-utils"),
        "{err}"
    );
}
