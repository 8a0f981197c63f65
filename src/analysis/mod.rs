//! Vietnamese text analysis: NFC, one tone-mark placement, lower case (`vi`), then
//! folding to base letters (`vi_folded`). Pure and infallible.
//!
//! - [`normalize`]: NFC + one tone placement (see the rule in `tone.rs`: `hoà`/`hòa`,
//!   `thuỷ`/`thủy`, `uỷ`/`ủy` become `hòa`, `thủy`, `ủy`), case kept.
//! - [`fold`]: [`normalize`], lower case, every Vietnamese letter to its base letter
//!   (`đ → d`, `ầ → a`, `ữ → u`), other accented letters folded as tantivy's ASCII folding.
//! - [`vi_analyzer`] / [`vi_folded_analyzer`]: the tantivy analyzers registered under
//!   [`VI`] and [`VI_FOLDED`] by [`register`]. Tokens are Unicode words (UAX #29); their
//!   offsets are byte offsets into the original text, even when it is NFD.

mod letters;
mod tokenizer;
mod tone;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream,
};

pub use tokenizer::{ViTokenStream, ViTokenizer};

use tokenizer::{normalize_into, Mode};

/// Name of the exact analyzer (NFC, one tone placement, lower case).
pub const VI: &str = "vi";
/// Name of the folded analyzer (exact, then base letters).
pub const VI_FOLDED: &str = "vi_folded";

/// The exact analyzer: Unicode words, NFC, one tone-mark placement, lower case.
pub fn vi_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(ViTokenizer::exact())
}

/// The folded analyzer: as [`vi_analyzer`], then every Vietnamese letter to its base
/// letter (`đ → d`); other non-ASCII letters go through tantivy's ASCII folding.
pub fn vi_folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ViTokenizer::folded())
        .filter(AsciiFoldingFilter)
        .filter(LowerCaser)
        .build()
}

/// Registers [`VI`] and [`VI_FOLDED`] on the index. Tokenizers are not stored in the
/// index: call this on every open, for readers and writers alike.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(VI, vi_analyzer());
    manager.register(VI_FOLDED, vi_folded_analyzer());
}

/// NFC + one tone-mark placement, case kept (`"Hoà Bình"` → `"Hòa Bình"`).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, Mode::Keep, &mut Vec::new(), &mut out);
    out
}

/// [`normalize`], lower case, and base letters: `"Giải ngân Đồng Đăng"` →
/// `"giai ngan dong dang"`. Punctuation and spaces are kept. Letters of other scripts are
/// folded as tantivy's ASCII folding does (the same as the [`VI_FOLDED`] field), so
/// `fold` of a word equals its folded token.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, Mode::Fold, &mut Vec::new(), &mut out);
    if out.is_ascii() {
        return out;
    }
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(AsciiFoldingFilter)
        .filter(LowerCaser)
        .build();
    let mut stream = analyzer.token_stream(&out);
    match stream.next() {
        Some(token) => token.text.clone(),
        None => out.clone(),
    }
}

/// Whether `text` carries Vietnamese diacritics (a vowel with a tone or quality mark, `đ`,
/// or a combining mark): such a query searches the exact field too, boosted.
pub fn has_diacritics(text: &str) -> bool {
    text.chars().any(letters::is_diacritic_letter)
}

/// The folded terms of `text`, in order: the tokens the [`VI_FOLDED`] field indexes.
pub fn folded_terms(text: &str) -> Vec<String> {
    folded_tokens(text).into_iter().map(|t| t.text).collect()
}

/// The folded tokens of `text` with their offsets into `text` and positions.
pub fn folded_tokens(text: &str) -> Vec<Token> {
    let mut analyzer = vi_folded_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_and_normalize() {
        assert_eq!(
            fold("Giải ngân vốn ĐẦU TƯ công"),
            "giai ngan von dau tu cong"
        );
        assert_eq!(fold("Lạng Sơn"), "lang son");
        assert_eq!(fold("Zürich œuvre"), "zurich oeuvre");
        assert_eq!(normalize("Hoà Bình, UBND tỉnh"), "Hòa Bình, UBND tỉnh");
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Thuỷ lợi").collect();
        assert_ne!(nfd, "Thuỷ lợi");
        assert_eq!(normalize(&nfd), "Thủy lợi");
        assert_eq!(fold(&nfd), "thuy loi");
    }

    #[test]
    fn diacritics_detection() {
        assert!(has_diacritics("giải ngân"));
        assert!(has_diacritics("dđ"));
        assert!(has_diacritics("a\u{0301}"));
        assert!(!has_diacritics("giai ngan von dau tu"));
        assert!(!has_diacritics("Zurich 2024"));
    }

    #[test]
    fn terms() {
        assert_eq!(
            folded_terms("79/QĐ-UBND ngày 15/3/2018"),
            ["79", "qd", "ubnd", "ngay", "15", "3", "2018"]
        );
        assert_eq!(
            folded_terms("46.362,2 ha; Zürich"),
            ["46.362,2", "ha", "zurich"]
        );
    }
}
