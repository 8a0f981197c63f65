//! The `vi` / `vi_folded` tokenizer: Unicode word segments, each normalized (NFC, tone
//! placement, lower case, optionally folded) into a reused buffer, with the byte offsets
//! of the segment in the ORIGINAL text (so NFD input highlights correctly).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer, MAX_TOKEN_LEN};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

use super::letters::{is_combining_diacritic, letter};
use super::tone::place_tones;

/// What a normalization pass produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// NFC + tone placement, case kept.
    Keep,
    /// NFC + tone placement + lower case (the `vi` form).
    Lower,
    /// `Lower`, then Vietnamese letters to their base letter and combining marks dropped
    /// (the `vi_folded` form, before tantivy's ASCII folding of other scripts).
    Fold,
}

/// Normalizes `text` into `out` (appended). `chars` is a scratch buffer reused across calls.
pub(crate) fn normalize_into(text: &str, mode: Mode, chars: &mut Vec<char>, out: &mut String) {
    if text.is_ascii() {
        // ASCII is NFC and has no tone marks.
        if mode == Mode::Keep {
            out.push_str(text);
        } else {
            out.extend(text.bytes().map(|b| b.to_ascii_lowercase() as char));
        }
        return;
    }
    chars.clear();
    // ASCII and precomposed Vietnamese letters are NFC: only other chars need a check.
    let mut only_known = true;
    for c in text.chars() {
        if !c.is_ascii() && !letter(c).is_some() {
            only_known = false;
        }
        chars.push(c);
    }
    if !only_known && is_nfc_quick(text.chars()) != IsNormalized::Yes {
        chars.clear();
        chars.extend(text.nfc());
    }
    place_tones(chars);
    match mode {
        Mode::Keep => out.extend(chars.iter()),
        Mode::Lower => {
            for &c in chars.iter() {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    let l = letter(c);
                    if l.is_some() {
                        out.push(l.lower());
                    } else {
                        out.extend(c.to_lowercase());
                    }
                }
            }
        }
        Mode::Fold => {
            for &c in chars.iter() {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    let l = letter(c);
                    if l.is_some() {
                        out.push(l.folded());
                    } else if !is_combining_diacritic(c) {
                        out.extend(c.to_lowercase());
                    }
                }
            }
        }
    }
}

/// Whether a word segment holds a token (a letter or a digit; punctuation and spaces
/// do not).
#[inline]
fn is_word(segment: &str) -> bool {
    match segment.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => true,
        _ => segment.chars().any(char::is_alphanumeric),
    }
}

/// tantivy [`Tokenizer`] for Vietnamese: splits on Unicode word boundaries (UAX #29) and
/// normalizes every word (NFC, one tone placement, lower case; folded to base letters in
/// folded mode). Offsets are those of the original text; positions count tokens only, so
/// `11-NQ/TW` is the phrase `11 nq tw`.
#[derive(Clone, Debug)]
pub struct ViTokenizer {
    mode: Mode,
    token: Token,
    chars: Vec<char>,
}

impl ViTokenizer {
    /// The exact tokenizer (`vi`): NFC, tone placement, lower case.
    pub fn exact() -> ViTokenizer {
        ViTokenizer::with_mode(Mode::Lower)
    }

    /// The folded tokenizer (core of `vi_folded`): exact, then every Vietnamese letter to its
    /// base letter. Other scripts are only lower-cased here (the `vi_folded` analyzer adds
    /// tantivy's ASCII folding after it).
    pub fn folded() -> ViTokenizer {
        ViTokenizer::with_mode(Mode::Fold)
    }

    fn with_mode(mode: Mode) -> ViTokenizer {
        ViTokenizer {
            mode,
            token: Token::default(),
            chars: Vec::new(),
        }
    }
}

/// The [`TokenStream`] of [`ViTokenizer`].
pub struct ViTokenStream<'a> {
    words: UWordBoundIndices<'a>,
    mode: Mode,
    token: &'a mut Token,
    chars: &'a mut Vec<char>,
}

impl Tokenizer for ViTokenizer {
    type TokenStream<'a> = ViTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ViTokenStream<'a> {
        self.token.reset();
        ViTokenStream {
            words: text.split_word_bound_indices(),
            mode: self.mode,
            token: &mut self.token,
            chars: &mut self.chars,
        }
    }
}

impl TokenStream for ViTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for (start, segment) in &mut self.words {
            if !is_word(segment) {
                continue;
            }
            self.token.text.clear();
            normalize_into(segment, self.mode, self.chars, &mut self.token.text);
            if self.token.text.is_empty() || self.token.text.len() > MAX_TOKEN_LEN {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = start + segment.len();
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        self.token.text.clear();
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut t: ViTokenizer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = t.token_stream(text);
        while let Some(tok) = s.next() {
            out.push((
                tok.text.clone(),
                tok.offset_from,
                tok.offset_to,
                tok.position,
            ));
        }
        out
    }

    #[test]
    fn words_offsets_positions() {
        let text = "Giải ngân 1.236,87 tỷ đồng (11-NQ/TW).";
        let toks = tokens(ViTokenizer::folded(), text);
        let words: Vec<&str> = toks.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            words,
            ["giai", "ngan", "1.236,87", "ty", "dong", "11", "nq", "tw"]
        );
        let originals: Vec<&str> = toks.iter().map(|t| &text[t.1..t.2]).collect();
        assert_eq!(
            originals,
            ["Giải", "ngân", "1.236,87", "tỷ", "đồng", "11", "NQ", "TW"]
        );
        let positions: Vec<usize> = toks.iter().map(|t| t.3).collect();
        assert_eq!(positions, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn exact_keeps_diacritics_and_lowers() {
        let toks = tokens(ViTokenizer::exact(), "Đồng Đăng HOÀ Bình");
        let words: Vec<&str> = toks.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(words, ["đồng", "đăng", "hòa", "bình"]);
    }

    #[test]
    fn nfd_offsets_point_into_the_original() {
        let nfd: String = "Thuỷ lợi".nfd().collect();
        let toks = tokens(ViTokenizer::exact(), &nfd);
        assert_eq!(toks[0].0, "thủy");
        assert_eq!(&nfd[toks[0].1..toks[0].2], nfd.split(' ').next().unwrap());
        assert_eq!(toks[1].0, "lợi");
        assert_eq!(toks[1].2, nfd.len());
    }
}
