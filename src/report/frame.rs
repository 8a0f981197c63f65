//! The frame of a document as units of their own, so that what a researcher may look a
//! document up by is searchable: the letterhead (`doc_id#letterhead`: issuing body,
//! number, place and date) and the closing block (`doc_id#closing`: recipients after
//! "Nơi nhận", signature titles, the signer's name). The national motto, the same on
//! every document, is left out. Neither unit is section text: the metadata fields
//! (issuer, number, date, signer) are read from the same lines (README, "Check how a report is parsed").

use super::model::Section;

/// Label that ends the id of a report's letterhead unit: `doc_id#letterhead`.
pub const LETTERHEAD_LABEL: &str = "letterhead";

/// Label that ends the id of a report's closing-block unit: `doc_id#closing`.
pub const CLOSING_LABEL: &str = "closing";

/// Whether `id` names a frame unit (letterhead or closing block) rather than a part of
/// the report's text.
pub fn is_frame_id(id: &str) -> bool {
    id.rsplit_once('#')
        .is_some_and(|(_, label)| label == LETTERHEAD_LABEL || label == CLOSING_LABEL)
}

/// A frame unit `doc_id#label` from its paragraphs (with their source lines): the first
/// paragraph is its heading, the others its text. `None` when there is no paragraph.
pub(crate) fn unit(doc_id: &str, label: &str, paras: &[(usize, String)]) -> Option<Section> {
    let paras: Vec<&(usize, String)> = paras.iter().filter(|(_, p)| !p.trim().is_empty()).collect();
    let (first, rest) = paras.split_first()?;
    Some(Section {
        id: format!("{doc_id}#{label}"),
        path: Vec::new(),
        heading: first.1.trim().to_string(),
        text: rest
            .iter()
            .map(|(_, p)| p.trim())
            .collect::<Vec<_>>()
            .join("\n"),
        line_start: first.0,
        line_end: paras.iter().map(|(l, _)| *l).max().unwrap_or(first.0),
        ..Section::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_units_take_their_first_paragraph_as_heading() {
        let paras = vec![
            (40, "Nơi nhận:".to_string()),
            (41, " ".to_string()),
            (42, "- Như trên;".to_string()),
            (45, "Nguyễn Văn An".to_string()),
        ];
        let u = unit("d", CLOSING_LABEL, &paras).unwrap();
        assert_eq!(u.id, "d#closing");
        assert_eq!(u.heading, "Nơi nhận:");
        assert_eq!(u.text, "- Như trên;\nNguyễn Văn An");
        assert_eq!((u.line_start, u.line_end), (40, 45));
        assert!(unit("d", LETTERHEAD_LABEL, &[]).is_none());
        assert!(is_frame_id("a/b#letterhead") && is_frame_id("d#closing"));
        assert!(!is_frame_id("d#preamble") && !is_frame_id("closing"));
    }
}
