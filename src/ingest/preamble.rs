//! Reports without any numbered heading: their whole text (the parser's preamble) is
//! indexed as one section, so that nothing a user gave to `baocao index` is dropped.

use unicode_normalization::UnicodeNormalization;

use crate::report::{Report, Section};

/// Label of the one section of a report without numbered headings; its id is
/// `doc_id#preamble`.
pub const PREAMBLE_LABEL: &str = "preamble";

/// When `report` (parsed from `text`) has no sections, adds one section holding its
/// preamble (heading: the report's title, lines 1 to the last of `text`). When the parser
/// found neither preamble nor footnotes (e.g. a text of only a closing block), the
/// section holds the whole text, NFC-normalized. Returns whether a section was added.
pub(crate) fn ensure_section(report: &mut Report, text: &str) -> bool {
    if !report.sections.is_empty() {
        return false;
    }
    let body = if !report.preamble.trim().is_empty() {
        report.preamble.clone()
    } else if report.footnotes.is_empty() && !text.trim().is_empty() {
        text.trim().nfc().collect()
    } else {
        return false;
    };
    let doc_id = &report.metadata.doc_id;
    report.sections.push(Section {
        id: format!("{doc_id}#{PREAMBLE_LABEL}"),
        path: Vec::new(),
        heading: report.metadata.title.clone(),
        text: body,
        line_start: 1,
        line_end: text.lines().count().max(1),
        ..Section::default()
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_without_headings_gets_one_preamble_section() {
        let mut r = crate::report::parse_text(
            "ghi-chu.txt",
            "Ghi chú về tình hình giải ngân vốn đầu tư công.\n\nKhông có mục nào được đánh số.\n",
        );
        assert!(r.sections.is_empty());
        assert!(ensure_section(&mut r, "x\ny\nz"));
        assert_eq!(r.sections.len(), 1);
        assert_eq!(r.sections[0].id, "ghi-chu#preamble");
        assert!(r.sections[0].text.contains("giải ngân"));
        assert!(r.sections[0].text.contains("đánh số"));
        // Idempotent, and reports with sections are left alone.
        assert!(!ensure_section(&mut r, "x"));
        assert_eq!(r.sections.len(), 1);
    }

    #[test]
    fn a_text_without_preamble_is_kept_whole() {
        let mut r = crate::report::parse_text("x.txt", "");
        let text = "Nơi nhận:\n- Như trên;\n- Lưu: VT.";
        assert!(ensure_section(&mut r, text));
        assert_eq!(r.sections[0].text, text);
        assert_eq!(r.sections[0].line_end, 3);
    }

    #[test]
    fn a_report_with_headings_is_left_alone() {
        let mut r = crate::report::parse_text("x.txt", "Mở đầu.\n\nI. TÌNH HÌNH\n\nKết quả.\n");
        let before = r.sections.len();
        assert!(before > 0);
        assert!(!ensure_section(&mut r, "x"));
        assert_eq!(r.sections.len(), before);
    }
}
