//! Metamorphic test: each clean report rendered into the PDF-extracted layout by
//! `report::render::pdf_layout` parses to the same sections, footnotes and text.

use std::path::Path;

use baocao::report::{self, render, Report};

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_reports() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if report::lines::detect(&text) == report::lines::Layout::Clean {
            out.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                text,
            ));
        }
    }
    out.sort();
    out
}

/// Same paths, footnotes and text. With `exact_headings`, the heading/text boundary must
/// match too; without, only the section's heading and text together (a heading that
/// exactly fills a wrapped line, followed by a line starting with a capital, cannot
/// always be told from a task item whose first sentence goes on).
fn assert_same(name: &str, a: &Report, b: &Report, exact_headings: bool) {
    let pa: Vec<_> = a.sections.iter().map(|s| s.path.clone()).collect();
    let pb: Vec<_> = b.sections.iter().map(|s| s.path.clone()).collect();
    assert_eq!(pa, pb, "{name}: section paths");
    for (x, y) in a.sections.iter().zip(&b.sections) {
        if exact_headings {
            assert_eq!(
                collapse(&x.heading),
                collapse(&y.heading),
                "{name}: heading of {}",
                x.id
            );
            assert_eq!(
                collapse(&x.text),
                collapse(&y.text),
                "{name}: text of {}",
                x.id
            );
        } else {
            assert_eq!(
                collapse(&format!("{} {}", x.heading, x.text)),
                collapse(&format!("{} {}", y.heading, y.text)),
                "{name}: heading and text of {}",
                x.id
            );
        }
        assert_eq!(x.footnote_refs, y.footnote_refs, "{name}: refs of {}", x.id);
        assert_eq!(x.line_start <= x.line_end, y.line_start <= y.line_end);
    }
    let fa: Vec<_> = a
        .footnotes
        .iter()
        .map(|f| (f.number, collapse(&f.text), f.section_id.clone()))
        .collect();
    let fb: Vec<_> = b
        .footnotes
        .iter()
        .map(|f| (f.number, collapse(&f.text), f.section_id.clone()))
        .collect();
    assert_eq!(fa, fb, "{name}: footnotes");
}

#[test]
fn the_three_clean_reports_are_clean() {
    assert_eq!(clean_reports().len(), 3);
}

#[test]
fn pdf_rendering_parses_to_the_same_report() {
    for (name, text) in clean_reports() {
        let pdf = render::pdf_layout(&text, &render::PdfOptions::default());
        assert_eq!(
            report::lines::detect(&pdf),
            report::lines::Layout::Pdf,
            "{name}"
        );
        let a = report::parse_text(&name, &text);
        let b = report::parse_text(&name, &pdf);
        assert!(!a.sections.is_empty());
        assert_same(&name, &a, &b, true);
    }
}

#[test]
fn other_page_sizes_parse_the_same() {
    for (name, text) in clean_reports() {
        for page_lines in [12, 30, 60, 200] {
            let opts = render::PdfOptions {
                page_lines,
                ..render::PdfOptions::default()
            };
            let pdf = render::pdf_layout(&text, &opts);
            let a = report::parse_text(&name, &text);
            let b = report::parse_text(&name, &pdf);
            assert_same(&format!("{name} at 80x{page_lines}"), &a, &b, true);
        }
    }
}

#[test]
fn other_line_widths_parse_to_the_same_structure() {
    for (name, text) in clean_reports() {
        for (width, page_lines) in [(70, 30), (75, 40), (85, 45), (90, 50), (95, 60)] {
            let opts = render::PdfOptions {
                width,
                footnote_width: width + 20,
                page_lines,
            };
            let pdf = render::pdf_layout(&text, &opts);
            let a = report::parse_text(&name, &text);
            let b = report::parse_text(&name, &pdf);
            assert_same(&format!("{name} at {width}x{page_lines}"), &a, &b, false);
        }
    }
}
