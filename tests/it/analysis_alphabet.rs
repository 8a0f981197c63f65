//! The whole Vietnamese alphabet, built independently of the crate's tables (base letter +
//! combining marks, composed by NFC), checked against `fold`, `normalize`, both analyzers;
//! tone-placement pairs; NFD vs NFC input; offsets into the original text.

use baocao::analysis::{
    fold, folded_terms, has_diacritics, normalize, vi_analyzer, vi_folded_analyzer,
};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::common::tokens;
use unicode_normalization::UnicodeNormalization;

/// Base letters with their quality mark (breve U+0306, circumflex U+0302, horn U+031B).
const VOWELS: [(&str, char); 12] = [
    ("a", 'a'),
    ("a\u{0306}", 'a'),
    ("a\u{0302}", 'a'),
    ("e", 'e'),
    ("e\u{0302}", 'e'),
    ("i", 'i'),
    ("o", 'o'),
    ("o\u{0302}", 'o'),
    ("o\u{031B}", 'o'),
    ("u", 'u'),
    ("u\u{031B}", 'u'),
    ("y", 'y'),
];
/// No tone, grave, acute, hook above, tilde, dot below.
const TONES: [&str; 6] = [
    "", "\u{0300}", "\u{0301}", "\u{0309}", "\u{0303}", "\u{0323}",
];

/// (letter, its folded base) for every precomposed Vietnamese letter that is not ASCII.
fn alphabet(upper: bool) -> Vec<(char, char)> {
    let mut out = Vec::new();
    for (vowel, base) in VOWELS {
        for tone in TONES {
            let decomposed = format!("{vowel}{tone}");
            let decomposed = if upper {
                let mut chars = decomposed.chars();
                let first = chars.next().unwrap().to_ascii_uppercase();
                std::iter::once(first).chain(chars).collect::<String>()
            } else {
                decomposed
            };
            let composed: String = decomposed.nfc().collect();
            let mut chars = composed.chars();
            let c = chars.next().unwrap();
            assert!(
                chars.next().is_none(),
                "{decomposed:?} has no precomposed form"
            );
            if !c.is_ascii() {
                out.push((c, base));
            }
        }
    }
    out.push((if upper { 'Đ' } else { 'đ' }, 'd'));
    out
}

fn texts(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

#[test]
fn every_precomposed_letter_folds_to_its_base() {
    let lower = alphabet(false);
    let upper = alphabet(true);
    assert_eq!(lower.len(), 67);
    assert_eq!(upper.len(), 67);
    let mut exact = vi_analyzer();
    let mut folded = vi_folded_analyzer();
    for (&(lc, base), &(uc, ubase)) in lower.iter().zip(&upper) {
        assert_eq!(base, ubase);
        assert_eq!(uc.to_lowercase().collect::<String>(), lc.to_string());
        for c in [lc, uc] {
            let s = c.to_string();
            assert_eq!(fold(&s), base.to_string(), "fold({c})");
            assert_eq!(normalize(&s), s, "normalize({c})");
            assert!(has_diacritics(&s), "has_diacritics({c})");
            // Inside a word, as a token of both analyzers.
            let word = format!("x{c}x");
            assert_eq!(texts(&mut exact, &word), [format!("x{lc}x")], "vi({word})");
            assert_eq!(
                texts(&mut folded, &word),
                [format!("x{base}x")],
                "vi_folded({word})"
            );
            // Decomposed input gives the same.
            let nfd: String = word.nfd().collect();
            assert_eq!(
                texts(&mut exact, &nfd),
                [format!("x{lc}x")],
                "vi(nfd {word})"
            );
            assert_eq!(texts(&mut folded, &nfd), [format!("x{base}x")]);
            assert_eq!(fold(&nfd), format!("x{base}x"));
        }
    }
}

#[test]
fn ascii_letters_have_no_diacritics() {
    for c in ('a'..='z').chain('A'..='Z') {
        let s = c.to_string();
        assert!(!has_diacritics(&s));
        assert_eq!(fold(&s), c.to_ascii_lowercase().to_string());
    }
}

const PAIRS: [(&str, &str); 7] = [
    ("hoà", "hòa"),
    ("hoè", "hòe"),
    ("thuỷ", "thủy"),
    ("khoẻ", "khỏe"),
    ("uỷ", "ủy"),
    ("loà", "lòa"),
    ("tuỳ", "tùy"),
];

#[test]
fn old_and_new_tone_placements_are_one_exact_token() {
    let mut exact = vi_analyzer();
    let mut folded = vi_folded_analyzer();
    for (a, b) in PAIRS {
        let cases = [
            (a.to_string(), b.to_string()),
            (a.to_uppercase(), b.to_uppercase()),
            (capitalize(a), capitalize(b)),
        ];
        for (x, y) in cases {
            assert_ne!(x, y);
            assert_eq!(texts(&mut exact, &x), texts(&mut exact, &y), "{x} / {y}");
            assert_eq!(texts(&mut folded, &x), texts(&mut folded, &y));
            assert_eq!(normalize(&x), normalize(&y), "{x} / {y}");
            // Decomposed too.
            let nfd: String = x.nfd().collect();
            assert_eq!(texts(&mut exact, &nfd), texts(&mut exact, &y));
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    let first = chars.next().unwrap();
    first.to_uppercase().chain(chars).collect()
}

#[test]
fn words_with_one_placement_are_not_altered() {
    let mut exact = vi_analyzer();
    for w in [
        "hoàn", "toán", "khuyến", "thuyền", "quý", "quỳnh", "quả", "hoạch", "ngoài", "thuế",
        "giữa", "nguyễn", "huỳnh", "quyết", "xoáy", "thuở",
    ] {
        assert_eq!(normalize(w), w);
        assert_eq!(texts(&mut exact, w), [w]);
        let upper = w.to_uppercase();
        assert_eq!(normalize(&upper), upper);
    }
}

fn corpus() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn nfd_input_gives_the_same_tokens_as_nfc() {
    for (name, text) in corpus() {
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        assert_ne!(nfc, nfd);
        for mut analyzer in [vi_analyzer(), vi_folded_analyzer()] {
            let a = tokens(&mut analyzer, &nfc);
            let b = tokens(&mut analyzer, &nfd);
            assert_eq!(a.len(), b.len(), "{name}");
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x.text, y.text, "{name}");
                assert_eq!(x.position, y.position);
                let original: String = nfd[y.offset_from..y.offset_to].nfc().collect();
                assert_eq!(original, &nfc[x.offset_from..x.offset_to], "{name}");
            }
        }
    }
}

#[test]
fn folded_offsets_slice_the_original_word() {
    let mut folded = vi_folded_analyzer();
    let mut exact = vi_analyzer();
    for (name, text) in corpus() {
        let toks = tokens(&mut folded, &text);
        assert!(toks.len() > 1000, "{name}");
        let mut last_end = 0;
        for (i, t) in toks.iter().enumerate() {
            assert_eq!(t.position, i);
            assert!(t.offset_from >= last_end && t.offset_to > t.offset_from);
            last_end = t.offset_to;
            let original = &text[t.offset_from..t.offset_to];
            assert!(!original.contains(char::is_whitespace), "{original:?}");
            assert_eq!(fold(original), t.text, "{name}: {original}");
            assert!(t.text.is_ascii() || !original.is_ascii());
        }
        let exact_toks = tokens(&mut exact, &text);
        assert_eq!(exact_toks.len(), toks.len());
        for (e, f) in exact_toks.iter().zip(&toks) {
            assert_eq!((e.offset_from, e.offset_to), (f.offset_from, f.offset_to));
            assert_eq!(fold(&e.text), f.text);
            assert_eq!(
                e.text,
                normalize(&text[e.offset_from..e.offset_to]).to_lowercase()
            );
        }
    }
}

#[test]
fn numbers_and_document_codes() {
    assert_eq!(
        folded_terms("đạt 1.236,87 tỷ đồng"),
        ["dat", "1.236,87", "ty", "dong"]
    );
    assert_eq!(folded_terms("46.362,2 ha"), ["46.362,2", "ha"]);
    assert_eq!(
        folded_terms("Nghị quyết 11-NQ/TW"),
        ["nghi", "quyet", "11", "nq", "tw"]
    );
    assert_eq!(folded_terms("1161/QĐ-TTg"), ["1161", "qd", "ttg"]);
    assert_eq!(
        folded_terms("( - ; : ... / « » “ ” )"),
        Vec::<String>::new()
    );
}
