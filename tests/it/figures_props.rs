//! Properties of figure extraction and sentence splitting on arbitrary text.

use baocao::figures::{extract, sentences, QueryMatcher};
use proptest::prelude::*;

/// Text made of the pieces that matter here: digits, separators, units, Vietnamese
/// letters, superscripts, slashes, dashes and white space.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "1",
        "02",
        "2024",
        "1.236,87",
        ".",
        ",",
        "/",
        "-",
        "–",
        "+",
        " ",
        "\n",
        "%",
        " %",
        " tỷ đồng",
        " nghìn",
        " tỷ",
        " ha",
        "ha",
        " m3",
        "m³",
        " người",
        " hộ",
        "Km",
        "¹",
        "³",
        "ngày ",
        "tháng ",
        "năm ",
        "Đạt ",
        "giải ngân ",
        "TP. ",
        "…",
        "?",
        "(",
        ")",
        "“",
        "QĐ-UBND",
        "ế",
        "ữ",
        "đ",
        "A",
        "e\u{301}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn figures_point_into_their_sentence(text in texty()) {
        for f in extract(&text) {
            prop_assert!(f.start < f.end && f.end <= text.len());
            prop_assert_eq!(&text[f.start..f.end], f.raw.as_str());
            prop_assert!(f.value.is_finite() && f.value >= 0.0);
            prop_assert!(!f.unit.is_empty());
        }
    }

    #[test]
    fn sentences_are_ordered_trimmed_ranges(text in texty()) {
        let mut last = 0;
        for (s, e) in sentences(&text) {
            prop_assert!(last <= s && s < e && e <= text.len());
            let piece = &text[s..e];
            prop_assert_eq!(piece.trim(), piece);
            prop_assert!(!piece.contains('\n'));
            last = e;
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,80}", query in "\\PC{0,20}") {
        let _ = extract(&text);
        let _ = sentences(&text);
        if let Ok(m) = QueryMatcher::new(&query) {
            let _ = m.matches(&text);
        }
    }
}
