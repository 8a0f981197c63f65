//! Vietnamese text analysis: NFC, one tone-mark placement, lower case (`vi`), then
//! folding to base letters (`vi_folded`). Pure and infallible.
//!
//! - [`normalize`]: NFC + one tone placement (see the rule in `tone.rs`: `hoà`/`hòa`,
//!   `thuỷ`/`thủy`, `uỷ`/`ủy` become `hòa`, `thủy`, `ủy`), case kept.
//! - [`fold`]: [`normalize`], lower case, every Vietnamese letter to its base letter
//!   (`đ → d`, `ầ → a`, `ữ → u`), other accented letters folded as tantivy's ASCII folding.
//! - [`vi_analyzer`] / [`vi_folded_analyzer`]: the tantivy analyzers registered under
//!   [`VI`] and [`VI_FOLDED`] by [`register`]. Tokens are Unicode words (UAX #29); their
//!   offsets are byte offsets into the original text, even when it is NFD, so
//!   `SnippetGenerator` highlights the original words. Positions count words only:
//!   `11-NQ/TW` is the phrase `11 nq tw`, `1.236,87` one token.
//! - [`has_diacritics`]: whether a query should also search the exact field (boosted).
//! - [`folded_terms`] / [`folded_tokens`]: the folded field's tokens of a string.
//! - [`Analyzer`]: the indexing pass. Each text is segmented ONCE and every word written in
//!   its exact and folded forms, and as a folded syllable pair with the word before it
//!   (`giai_ngan`, [`pair_term`]); the three [`Forms`] are strings of tokens that the index
//!   fields read back with the [`PREANALYZED`] tokenizer (a split on spaces), so tantivy's
//!   indexing threads do not segment the text again.
//!
//! Speed: words made of ASCII and Vietnamese letters (nearly all of a report) are segmented
//! by the UAX #29 rules restricted to those chars and normalized in the same pass, without
//! allocation; anything else (other scripts, combining marks, superscripts) goes through
//! `unicode-segmentation` and `unicode-normalization`, with identical results.

pub mod abbrev;
mod forms;
pub mod invisible;
mod letters;
mod tokenizer;
mod tone;

pub use forms::{has_letter, pair_term, Analyzer, Forms, PreAnalyzedTokenizer, PAIR_JOINER};

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream};

pub use tokenizer::{ViTokenStream, ViTokenizer};

use tokenizer::{normalize_into, Mode};

/// Name of the exact analyzer (NFC, one tone placement, lower case).
pub const VI: &str = "vi";
/// Name of the folded analyzer (exact, then base letters).
pub const VI_FOLDED: &str = "vi_folded";

/// Name of the tokenizer of the indexed fields: they receive the pre-analyzed [`Forms`]
/// of their text (tokens separated by spaces), which it splits.
pub const PREANALYZED: &str = "preanalyzed";

/// The exact analyzer: Unicode words, NFC, one tone-mark placement, lower case.
pub fn vi_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(ViTokenizer::exact())
}

/// The folded analyzer: as [`vi_analyzer`], then every Vietnamese letter to its base
/// letter (`đ → d`); other non-ASCII letters go through tantivy's ASCII folding.
pub fn vi_folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(ViTokenizer::folded())
}

/// Registers [`VI`], [`VI_FOLDED`] and [`PREANALYZED`] on the index. Tokenizers are not
/// stored in the index: call this on every open, for readers and writers alike.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(VI, vi_analyzer());
    manager.register(VI_FOLDED, vi_folded_analyzer());
    manager.register(
        PREANALYZED,
        TextAnalyzer::from(PreAnalyzedTokenizer::default()),
    );
}

/// NFC + one tone-mark placement, case kept (`"Hoà Bình"` → `"Hòa Bình"`). Decomposed
/// text whose tone mark comes before the circumflex/breve still composes (`ế`), and the
/// look-alike `Ð` (U+00D0) of old fonts becomes `Đ`.
pub fn normalize(text: &str) -> String {
    normalize_by_chunk(text, Mode::Keep)
}

/// [`normalize`], lower case, and base letters: `"Giải ngân Đồng Đăng"` →
/// `"giai ngan dong dang"`. Punctuation and spaces are kept. Letters of other scripts are
/// folded as tantivy's ASCII folding does (the same as the [`VI_FOLDED`] field), so
/// `fold` of a word equals its folded token.
pub fn fold(text: &str) -> String {
    normalize_by_chunk(text, Mode::Fold)
}

/// Normalizes `text` chunk by chunk, a chunk being a run of non-whitespace chars (ASCII
/// whitespace never composes with its neighbours under NFC, nor is part of a syllable), so
/// that the slow paths (NFC, ASCII folding of other scripts) only see the chunks that need
/// them.
fn normalize_by_chunk(text: &str, mode: Mode) -> String {
    let text = invisible::strip(text);
    let text = text.as_ref();
    let mut out = String::with_capacity(text.len());
    let mut chars = Vec::new();
    let mut chunk = String::new();
    let mut folder = None;
    let mut rest = text;
    while !rest.is_empty() {
        let space_len = rest
            .find(|c: char| !c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        out.push_str(&rest[..space_len]);
        rest = &rest[space_len..];
        let word_len = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if word_len == 0 {
            continue;
        }
        chunk.clear();
        normalize_into(&rest[..word_len], mode, &mut chars, &mut chunk);
        if mode == Mode::Fold && !chunk.is_ascii() {
            let folder = folder.get_or_insert_with(tokenizer::ascii_folder);
            tokenizer::fold_others(folder, &mut chunk);
        }
        out.push_str(&chunk);
        rest = &rest[word_len..];
    }
    out
}

/// Whether `text` carries Vietnamese diacritics (a vowel with a tone or quality mark, `đ`,
/// or a Vietnamese combining mark in decomposed text): such a query searches the exact
/// field too, boosted. Letters of other languages (`ü`, `ç`) do not count.
pub fn has_diacritics(text: &str) -> bool {
    text.chars().any(letters::is_diacritic_letter)
}

/// The folded terms of `text`, in order: the tokens the [`VI_FOLDED`] field indexes.
/// (For many strings in a hot loop, keep one [`vi_folded_analyzer`] and reuse it.)
pub fn folded_terms(text: &str) -> Vec<String> {
    folded_tokens(text).into_iter().map(|t| t.text).collect()
}

/// The base letter of one char, lower case, for comparing texts by their letters alone:
/// `Ầ`, `ầ` and `a` followed by combining marks all give `a`, `Đ` gives `d`; other letters
/// are lower-cased; digits, marks, punctuation and invisible chars give None. Char by char,
/// so NFC and NFD text, and either tone placement, give the same letters without
/// normalizing the text first (far cheaper than [`fold`] on a whole file).
#[inline]
pub fn base_letter(c: char) -> Option<char> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then(|| c.to_ascii_lowercase());
    }
    let l = letters::letter(c);
    if l.is_some() {
        return Some(l.folded());
    }
    if c.is_alphabetic() && !letters::is_combining_diacritic(c) {
        return c.to_lowercase().next();
    }
    None
}

/// One char folded where it stands, for finding words in a line and cutting the line
/// where they are: a letter gives its [`base_letter`], a combining mark nothing (in
/// decomposed text the letter before it already gave its base letter), any other char
/// itself (digits, punctuation, spaces). Unlike [`fold`], nothing is normalized first, so
/// each folded char comes from one char of the text ([`FoldedLine`] keeps which).
pub fn fold_char(c: char) -> Option<char> {
    if unicode_normalization::char::is_combining_mark(c) {
        return None;
    }
    Some(base_letter(c).unwrap_or(c))
}

/// A line folded char by char ([`fold_char`]), with the byte offset in the line of the
/// char each folded char comes from: a word found in the folded text is cut from the line
/// at the right place, whatever the line's normalization.
#[derive(Debug, Clone)]
pub struct FoldedLine {
    /// The folded line.
    pub text: String,
    /// (byte offset in `text`, byte offset in the line) of each char of `text`.
    starts: Vec<(usize, usize)>,
    /// The line's length in bytes.
    line_len: usize,
}

impl FoldedLine {
    /// Folds `line`.
    pub fn new(line: &str) -> FoldedLine {
        let mut text = String::with_capacity(line.len());
        let mut starts = Vec::with_capacity(line.len());
        for (at, c) in line.char_indices() {
            if let Some(f) = fold_char(c) {
                starts.push((text.len(), at));
                text.push(f);
            }
        }
        FoldedLine {
            text,
            starts,
            line_len: line.len(),
        }
    }

    /// The byte offset in the line of the char that gave the folded char at byte `at` of
    /// [`FoldedLine::text`] (the line's length at the end of the text).
    pub fn line_byte(&self, at: usize) -> usize {
        let i = self.starts.partition_point(|&(folded, _)| folded < at);
        self.starts.get(i).map_or(self.line_len, |&(_, line)| line)
    }
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
    fn folded_lines_cut_the_line_where_the_folded_word_is() {
        // NFC, NFD and the look-alike `Ð` of old fonts fold alike, and the offsets found
        // in the folded text cut the line before the same word.
        let nfd: String =
            unicode_normalization::UnicodeNormalization::nfd("Lâm Đồng, ngày 5").collect();
        for line in ["Lâm Đồng, ngày 5", nfd.as_str(), "Lâm Ðồng, ngày 5"] {
            let f = FoldedLine::new(line);
            let at = f.text.find(", ngay").unwrap();
            assert_eq!(&f.text[..at], "lam dong");
            assert!(line[f.line_byte(at)..].starts_with(", ng"), "{line:?}");
            assert_eq!(FoldedLine::new(&line[..f.line_byte(at)]).text, "lam dong");
            assert_eq!(f.line_byte(f.text.len()), line.len());
        }
        assert_eq!(fold_char('Ố'), Some('o'));
        assert_eq!(fold_char('\u{301}'), None);
        assert_eq!(fold_char('/'), Some('/'));
    }

    #[test]
    fn base_letters_agree_with_fold_on_letters() {
        let text = "Giải ngân VỐN đầu tư; hoà/hòa, thuỷ Ðà 12,5% — e\u{301}te\u{301}";
        let by_char: String = text.chars().filter_map(base_letter).collect();
        let folded: String = fold(text).chars().filter(|c| c.is_alphabetic()).collect();
        assert_eq!(by_char, folded);
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Giải ngân").collect();
        let a: String = nfd.chars().filter_map(base_letter).collect();
        assert_eq!(a, "giaingan");
    }

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
    fn invisible_characters_are_dropped_on_both_sides() {
        for hidden in [
            "ng\u{AD}ân",
            "\u{200E}ngân\u{200F}",
            "ng\u{200B}ân",
            "n\u{200C}g\u{200D}ân",
            "\u{FEFF}ngân",
        ] {
            assert_eq!(folded_terms(hidden), ["ngan"], "{hidden:?}");
            assert_eq!(fold(hidden), "ngan", "{hidden:?}");
            let tokens = folded_tokens(&format!("vốn {hidden} nhà"));
            assert_eq!(tokens.len(), 3);
            // Offsets still point at the word in the original text.
            let t = &tokens[1];
            let original = format!("vốn {hidden} nhà");
            let word = &original[t.offset_from..t.offset_to];
            assert!(
                word.starts_with('n') && word.ends_with('n'),
                "{hidden:?}: {word:?} {tokens:?}"
            );
            assert_eq!(t.position, 1);
        }
        assert_eq!(folded_terms("giải\u{200B}ngân"), ["giaingan"]);
    }

    #[test]
    fn diacritics_detection() {
        assert!(has_diacritics("giải ngân"));
        assert!(has_diacritics("dđ"));
        assert!(has_diacritics("a\u{0301}"));
        assert!(!has_diacritics("giai ngan von dau tu"));
        assert!(!has_diacritics("Zurich 2024"));
        assert!(!has_diacritics("Zürich"));
        assert!(!has_diacritics("u\u{0308}"));
        assert!(has_diacritics("o\u{031B}"));
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
