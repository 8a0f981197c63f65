//! Property tests of the Vietnamese analysis: no panic on any input, offsets on char
//! boundaries and increasing, folding idempotent, folded Vietnamese letters are ASCII.

use baocao::analysis::{fold, normalize, vi_analyzer, vi_folded_analyzer};
use proptest::prelude::*;
use tantivy::tokenizer::Token;
use unicode_normalization::UnicodeNormalization;

use crate::common::tokens;

/// Vietnamese-looking text: syllables of Vietnamese letters (precomposed or decomposed,
/// any case), digits and punctuation.
fn vietnamese_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[bcdđghklmnpqrstvxĐ]{0,2}[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]{1,3}[cmnpgth]{0,2}",
        1 => "[A-ZĂÂÊÔƠƯĐÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]{1,4}",
        1 => "[0-9]{1,4}([.,][0-9]{1,3})?",
        1 => "[ .,;:/()\\-\"'\n]{1,3}",
    ];
    (prop::collection::vec(piece, 0..12), any::<bool>()).prop_map(|(pieces, nfd)| {
        let text = pieces.join(" ");
        if nfd {
            text.nfd().collect()
        } else {
            text
        }
    })
}

fn check_offsets(text: &str, toks: &[Token]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for (i, t) in toks.iter().enumerate() {
        prop_assert_eq!(t.position, i);
        prop_assert!(t.offset_from >= last_end, "offsets go back: {:?}", toks);
        prop_assert!(t.offset_to > t.offset_from);
        prop_assert!(t.offset_to <= text.len());
        prop_assert!(text.is_char_boundary(t.offset_from));
        prop_assert!(text.is_char_boundary(t.offset_to));
        prop_assert!(!t.text.is_empty());
        last_end = t.offset_to;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let _ = normalize(&text);
        let _ = fold(&text);
        for mut analyzer in [vi_analyzer(), vi_folded_analyzer()] {
            let toks = tokens(&mut analyzer, &text);
            check_offsets(&text, &toks)?;
        }
    }

    #[test]
    fn vietnamese_offsets_and_folding(text in vietnamese_text()) {
        for mut analyzer in [vi_analyzer(), vi_folded_analyzer()] {
            let toks = tokens(&mut analyzer, &text);
            check_offsets(&text, &toks)?;
        }
        let folded = fold(&text);
        prop_assert!(folded.is_ascii(), "{:?} → {:?}", text, folded);
        for t in tokens(&mut vi_folded_analyzer(), &text) {
            prop_assert!(t.text.is_ascii());
            prop_assert_eq!(fold(&text[t.offset_from..t.offset_to]), t.text);
        }
        // NFC and NFD give the same tokens.
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        for mut analyzer in [vi_analyzer(), vi_folded_analyzer()] {
            let a: Vec<String> = tokens(&mut analyzer, &nfc).into_iter().map(|t| t.text).collect();
            let b: Vec<String> = tokens(&mut analyzer, &nfd).into_iter().map(|t| t.text).collect();
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn folding_is_idempotent(text in any::<String>()) {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone());
        let n = normalize(&text);
        prop_assert_eq!(normalize(&n), n);
    }

    #[test]
    fn folding_vietnamese_is_idempotent(text in vietnamese_text()) {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert_eq!(fold(&normalize(&text)), once.clone());
        let n = normalize(&text);
        prop_assert_eq!(normalize(&n), n.clone());
        prop_assert!(unicode_normalization::is_nfc(&n));
    }

    #[test]
    fn folded_tokens_are_folds_of_exact_tokens(text in vietnamese_text()) {
        let exact = tokens(&mut vi_analyzer(), &text);
        let folded = tokens(&mut vi_folded_analyzer(), &text);
        prop_assert_eq!(exact.len(), folded.len());
        for (e, f) in exact.iter().zip(&folded) {
            prop_assert_eq!((e.offset_from, e.offset_to), (f.offset_from, f.offset_to));
            prop_assert_eq!(fold(&e.text), f.text.clone());
        }
    }
}
