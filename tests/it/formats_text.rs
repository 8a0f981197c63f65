//! Text from other converters, each style rendered from a bundled report: pandoc `[n]`
//! notes, markdown `[^n]` notes, antiword note blocks, grid tables, pdftotext pages, and
//! legacy encodings (TCVN3, VNI, `ƣ`).

use crate::formats_support::{assert_same_paragraphs, body_and_notes, corpus};
use baocao::report::formats::{self, legacy, legacy::Legacy};

fn clean_reports() -> Vec<(String, String)> {
    ["000", "001", "002"].iter().map(|p| corpus(p)).collect()
}

#[test]
fn pandoc_bracket_notes_become_the_clean_layout() {
    for (name, text) in clean_reports() {
        let rendered = crate::formats_support::render_pandoc(&text);
        assert!(rendered.contains("[1]"));
        let got = formats::read_bytes("x.txt", rendered.as_bytes()).unwrap();
        assert_same_paragraphs(&got.text, &text, &name);
        assert!(got.notes.iter().any(|n| n.contains("[n]")), "{name}");
    }
}

#[test]
fn markdown_footnotes_become_the_clean_layout() {
    for (name, text) in clean_reports() {
        let rendered = crate::formats_support::render_markdown_notes(&text);
        let got = formats::read_bytes("x.md", rendered.as_bytes()).unwrap();
        assert_same_paragraphs(&got.text, &text, &name);
    }
}

#[test]
fn antiword_note_blocks_become_the_clean_layout() {
    for (name, text) in clean_reports() {
        let rendered = crate::formats_support::render_antiword(&text);
        let got = formats::read_bytes("x.txt", rendered.as_bytes()).unwrap();
        assert_same_paragraphs(&got.text, &text, &name);
        assert!(!got.text.contains("-----"));
    }
}

#[test]
fn footnote_bodies_sit_after_the_paragraph_with_their_marker() {
    let (_, text) = corpus("000");
    let got = formats::read_bytes(
        "x.txt",
        crate::formats_support::render_pandoc(&text).as_bytes(),
    )
    .unwrap()
    .text;
    let (_, notes) = body_and_notes(&text);
    let blocks: Vec<&str> = got.split("\n\n").collect();
    for (n, _) in notes {
        let sup = formats::superscript(n);
        let i = blocks
            .iter()
            .position(|b| b.starts_with(&format!("{sup} ")))
            .unwrap();
        let carrier = blocks[..i]
            .iter()
            .rev()
            .find(|b| !b.starts_with(|c: char| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)))
            .unwrap();
        assert!(carrier.contains(&sup), "footnote {n}");
    }
}

#[test]
fn grid_and_pipe_tables_become_rows() {
    let (_, text) = corpus("000");
    let table = "+-----+---------------------------+-----------+\n\
                 | STT | Chỉ tiêu                  | Thực hiện |\n\
                 +=====+===========================+===========+\n\
                 | 1   | Tổng diện tích gieo trồng | 6.137,6   |\n\
                 |     | vụ Đông Xuân (ha)         |           |\n\
                 +-----+---------------------------+-----------+\n\
                 | 2   | Kim ngạch XNK (triệu USD) | 570       |\n\
                 +-----+---------------------------+-----------+";
    let pipe =
        "| STT | Chỉ tiêu | Thực hiện |\n|---|---|---:|\n| 3 | Thu ngân sách (tỷ đồng) | 400 |";
    let doc = text.replacen("\n\nII. ", &format!("\n\n{table}\n\n{pipe}\n\nII. "), 1);
    let got = formats::read_bytes("x.txt", doc.as_bytes()).unwrap().text;
    for row in [
        "| STT | Chỉ tiêu | Thực hiện |",
        "| 1 | Tổng diện tích gieo trồng vụ Đông Xuân (ha) | 6.137,6 |",
        "| 2 | Kim ngạch XNK (triệu USD) | 570 |",
        "| 3 | Thu ngân sách (tỷ đồng) | 400 |",
    ] {
        assert!(got.contains(&format!("\n\n{row}\n\n")), "{row}");
    }
    assert!(!got.contains("+---") && !got.contains("|---"));
    // The rest of the report is untouched.
    assert!(got.contains("\n\nII. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 02"));
}

#[test]
fn pdftotext_pages_become_the_pdf_layout() {
    for (name, text) in clean_reports() {
        let rendered = crate::formats_support::render_pdftotext(&text);
        assert!(rendered.contains('\u{c}'));
        let got = formats::read_bytes("x.txt", rendered.as_bytes())
            .unwrap()
            .text;
        assert!(!got.contains('\u{c}'), "{name}");
        let lines: Vec<&str> = got.lines().collect();
        // No page number left alone on a line.
        assert!(
            !lines
                .iter()
                .any(|l| !l.trim().is_empty() && l.trim().chars().all(|c| c.is_ascii_digit())),
            "{name}"
        );
        // Every footnote starts inside a page-bottom block opened by a line of spaces.
        let (_, notes) = body_and_notes(&text);
        for (n, body) in &notes {
            let head: String = format!(
                "{n} {}",
                body.split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            let at = lines
                .iter()
                .position(|l| l.starts_with(&head))
                .unwrap_or_else(|| panic!("{name}: footnote {n} not at a line start"));
            let opener = lines[..at]
                .iter()
                .rposition(|l| !l.is_empty() && l.trim().is_empty())
                .unwrap_or_else(|| panic!("{name}: footnote {n} without a separator"));
            assert!(
                lines[opener + 1..at].iter().all(|l| !l.is_empty()),
                "{name}: footnote {n} is not in the block after the separator"
            );
        }
        // Body words all kept, in order.
        let words = |s: &str| -> Vec<String> {
            s.split_whitespace()
                .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                .map(String::from)
                .collect()
        };
        assert!(words(&got).len() >= words(&rendered).len() - 1, "{name}");
    }
}

/// Paragraphs of report `prefix` that `legacy` can encode (TCVN3: after lower-casing the
/// capitals with tone marks it lacks).
fn encodable(prefix: &str, l: Legacy) -> Vec<String> {
    let (_, text) = corpus(prefix);
    text.split("\n\n")
        .map(|p| p.trim().to_string())
        .map(|p| {
            if l == Legacy::Tcvn3 {
                p.chars()
                    .map(|c| {
                        if legacy::encode(l, &c.to_string()).is_err() {
                            c.to_lowercase().next().unwrap()
                        } else {
                            c
                        }
                    })
                    .collect()
            } else {
                p
            }
        })
        .filter(|p| p.len() > 200 && legacy::encode(l, p).is_ok())
        .take(5)
        .collect()
}

#[test]
fn tcvn3_and_vni_files_are_converted_to_unicode() {
    for l in [Legacy::Tcvn3, Legacy::Vni] {
        for prefix in ["000", "001", "002"] {
            let paras = encodable(prefix, l);
            assert!(
                paras.len() >= 2,
                "{prefix} {l:?}: too few encodable paragraphs"
            );
            let original = paras.join("\n\n");
            let encoded = legacy::encode(l, &original).unwrap();
            // As a file: one byte per character (not UTF-8).
            let bytes: Vec<u8> = encoded.chars().map(|c| c as u32 as u8).collect();
            assert!(std::str::from_utf8(&bytes).is_err());
            let got = formats::read_bytes("x.txt", &bytes).unwrap();
            assert_eq!(got.text, original, "{prefix} {l:?}");
            assert!(
                got.notes.iter().any(|n| n.contains(l.name())),
                "{:?}",
                got.notes
            );
            // As UTF-8 text that went through a Latin-1 converter ("Ph¸t triÓn").
            let got = formats::read_bytes("x.txt", encoded.as_bytes()).unwrap();
            assert_eq!(got.text, original, "{prefix} {l:?} (utf-8)");
        }
    }
}

#[test]
fn legacy_font_letters_and_unknown_encodings() {
    let (_, text) = corpus("001");
    let damaged = text.replace('ư', "ƣ").replace('Ư', "Ƣ");
    let got = formats::read_bytes("x.txt", damaged.as_bytes()).unwrap();
    assert_eq!(got.text, text);
    // Latin-1 bytes that are neither UTF-8 nor a Vietnamese legacy encoding.
    let err = formats::read_bytes(
        "x.txt",
        b"Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade.",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("UTF-8") && err.contains("TCVN3"), "{err}");
}

#[test]
fn clean_reports_pass_through_unchanged() {
    for (name, text) in clean_reports() {
        let got = formats::read_bytes(&name, text.as_bytes()).unwrap();
        assert_eq!(got.text, text, "{name}");
        assert!(got.notes.is_empty(), "{name}: {:?}", got.notes);
    }
    for prefix in ["003", "004"] {
        let (name, text) = corpus(prefix);
        let got = formats::read_bytes(&name, text.as_bytes()).unwrap();
        assert_eq!(got.text, text, "{name}");
    }
}
