//! The `vi` / `vi_folded` tokenizer: Unicode word segments, each normalized (NFC, tone
//! placement, lower case, optionally folded) into a reused buffer, with the byte offsets
//! of the segment in the ORIGINAL text (so NFD input highlights correctly).

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
    MAX_TOKEN_LEN,
};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

use super::invisible::Visible;
use super::letters::{is_combining_diacritic, letter, Letter};
use super::tone::{place_tones, tone_pair};

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
        let start = out.len();
        out.push_str(text);
        if mode != Mode::Keep {
            out[start..].make_ascii_lowercase();
        }
        return;
    }
    // Fast path: ASCII and precomposed Vietnamese letters only (such text is NFC), and no
    // toned `oa`/`oe`/`uy` pair whose placement may need a change. Folding drops the tone
    // marks, so in folded mode their placement never matters.
    let start = out.len();
    let fast = if mode == Mode::Fold {
        fold_known(text, out)
    } else {
        lower_known(text, mode == Mode::Lower, out)
    };
    if fast {
        return;
    }
    out.truncate(start);
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
        if order_marks(text, out) {
            // `out` holds the reordered text past `start`: compose it, then drop it.
            chars.extend(out[start..].nfc());
            out.truncate(start);
        } else {
            chars.extend(text.nfc());
        }
    }
    place_tones(chars);
    match mode {
        Mode::Keep => {
            for &c in chars.iter() {
                out.push(letter(c).canonical(c));
            }
        }
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

/// Whether `c` is a combining tone mark of the same canonical class (230) as the circumflex
/// and the breve: grave, acute, tilde, hook above.
#[inline]
fn is_upper_tone_mark(c: char) -> bool {
    matches!(c, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}')
}

/// Decomposed text sometimes puts the tone mark before the circumflex or breve (`e`, then
/// acute, then circumflex). Both marks have the same canonical class, so NFC keeps that order and
/// cannot compose `ế`. When `text` has such a pair, writes `text` with each pair swapped
/// (quality mark first) to the end of `out` and returns true; otherwise leaves `out` alone.
fn order_marks(text: &str, out: &mut String) -> bool {
    let mut prev = '\0';
    let misordered = text.chars().any(|c| {
        let hit = matches!(c, '\u{0302}' | '\u{0306}') && is_upper_tone_mark(prev);
        prev = c;
        hit
    });
    if !misordered {
        return false;
    }
    let mut pending: Option<char> = None;
    for c in text.chars() {
        match pending.take() {
            Some(tone) if matches!(c, '\u{0302}' | '\u{0306}') => {
                out.push(c);
                out.push(tone);
            }
            Some(tone) => {
                out.push(tone);
                if is_upper_tone_mark(c) {
                    pending = Some(c);
                } else {
                    out.push(c);
                }
            }
            None if is_upper_tone_mark(c) => pending = Some(c),
            None => out.push(c),
        }
    }
    if let Some(tone) = pending {
        out.push(tone);
    }
    true
}

/// Folds `text` into `out` when it holds only ASCII and Vietnamese letters; returns false
/// (with `out` partly written) otherwise.
#[inline]
fn fold_known(text: &str, out: &mut String) -> bool {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            let l = letter(c);
            if !l.is_some() {
                return false;
            }
            out.push(l.folded());
        }
    }
    true
}

/// Copies `text` into `out` (lower-cased when `lower`) when it holds only ASCII and
/// Vietnamese letters and no toned `oa`/`oe`/`uy` pair; returns false (with `out` partly
/// written) otherwise.
#[inline]
fn lower_known(text: &str, lower: bool, out: &mut String) -> bool {
    let mut prev = Letter::default();
    for c in text.chars() {
        let l = letter(c);
        if c.is_ascii() {
            out.push(if lower { c.to_ascii_lowercase() } else { c });
        } else if l.is_some() {
            out.push(if lower { l.lower() } else { l.canonical(c) });
        } else {
            return false;
        }
        if l.is_vowel() && prev.is_vowel() && tone_pair(prev, l) {
            return false;
        }
        prev = l;
    }
    true
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

/// Word-break class (UAX #29) of the chars the fast path knows: ASCII, Vietnamese letters
/// and a few common punctuation marks. Every other char is `Complex`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter: ASCII and Vietnamese letters.
    Letter,
    /// Numeric: ASCII digits.
    Digit,
    /// ExtendNumLet: `_`.
    Connector,
    /// MidLetter: `:`.
    MidLetter,
    /// MidNum: `,` `;`.
    MidNum,
    /// MidNumLet and Single_Quote: `.` `'`.
    MidNumLet,
    /// Other: spaces, other ASCII punctuation, `“ ” – — … « »` and no-break space. A
    /// boundary on both sides.
    Other,
    /// Not known to the fast path: segmented by `unicode-segmentation`.
    Complex,
}

const fn ascii_class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Connector,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'.' | b'\'' => Class::MidNumLet,
        _ => Class::Other,
    }
}

const fn build_ascii_classes() -> [Class; 128] {
    let mut out = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        out[b] = ascii_class(b as u8);
        b += 1;
    }
    out
}

static ASCII_CLASSES: [Class; 128] = build_ascii_classes();

/// Class of the char starting at byte `i` of valid UTF-8 `bytes`, its length in bytes and
/// the char.
#[inline(always)]
fn class_at(bytes: &[u8], i: usize) -> (Class, usize, char) {
    let b = bytes[i];
    if b < 0x80 {
        (ASCII_CLASSES[b as usize], 1, b as char)
    } else {
        class_non_ascii(bytes, i)
    }
}

#[inline]
fn class_non_ascii(bytes: &[u8], i: usize) -> (Class, usize, char) {
    let (c, len) = decode(bytes, i);
    let class = if letter(c).is_some() {
        Class::Letter
    } else if matches!(
        c,
        '\u{00A0}' | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2026}' | '«' | '»'
    ) {
        Class::Other
    } else {
        Class::Complex
    };
    (class, len, c)
}

/// Decodes the non-ASCII char starting at byte `i` of valid UTF-8 `bytes`.
#[inline]
fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b = bytes[i] as u32;
    let cont = |k: usize| (bytes[i + k] & 0x3F) as u32;
    let (u, len) = if b < 0xE0 {
        (((b & 0x1F) << 6) | cont(1), 2)
    } else if b < 0xF0 {
        (((b & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    (
        char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER),
        len,
    )
}

#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// Receives the chars of the word being scanned by the fast path, so that a word can be
/// normalized in the same pass as it is found.
trait Emit {
    /// A new word starts.
    fn start(&mut self);
    /// The next char of the word (an ASCII char or a Vietnamese letter).
    fn push(&mut self, c: char);
    /// Whether the word written so far is its final normalized form.
    fn done(&self) -> bool;
}

/// Emits nothing: plain segmentation.
impl Emit for () {
    #[inline(always)]
    fn start(&mut self) {}
    #[inline(always)]
    fn push(&mut self, _: char) {}
    #[inline(always)]
    fn done(&self) -> bool {
        false
    }
}

/// Writes the normalized word into a token's text: the fast path of [`normalize_into`]
/// (ASCII and Vietnamese letters only; gives up on a toned `oa`/`oe`/`uy` pair outside
/// folded mode, whose placement may need a change).
struct Sink<'s> {
    mode: Mode,
    out: &'s mut String,
    prev: Letter,
    ok: bool,
}

impl Emit for Sink<'_> {
    #[inline(always)]
    fn start(&mut self) {
        self.out.clear();
        self.prev = Letter::default();
        self.ok = true;
    }

    #[inline(always)]
    fn push(&mut self, c: char) {
        if !self.ok {
            return;
        }
        if self.mode == Mode::Fold {
            if c.is_ascii() {
                self.out.push(c.to_ascii_lowercase());
            } else {
                self.out.push(letter(c).folded());
            }
            return;
        }
        let l = letter(c);
        self.out.push(match (c.is_ascii(), self.mode) {
            (true, Mode::Keep) => c,
            (true, _) => c.to_ascii_lowercase(),
            (false, Mode::Keep) => l.canonical(c),
            (false, _) => l.lower(),
        });
        if l.is_vowel() && self.prev.is_vowel() && tone_pair(self.prev, l) {
            self.ok = false;
        }
        self.prev = l;
    }

    #[inline(always)]
    fn done(&self) -> bool {
        self.ok
    }
}

/// Splits `text` into words exactly as UAX #29 (`unicode-segmentation`) does, with a fast
/// path for the chars of Vietnamese text.
///
/// The fast path applies the UAX #29 rules restricted to the chars it knows (WB5–WB13b:
/// letters, digits and `_` join; `:` `.` `'` join letters; `,` `;` `.` `'` join digits;
/// everything else breaks). When it meets a char it does not know (`Complex`: a superscript,
/// a combining mark, another script…), it hands the text from the last certain boundary to
/// the next ASCII whitespace (which always breaks words) to `unicode-segmentation`.
/// Yields `(byte offset, word)` for the words holding a letter or a digit.
pub(crate) struct Words<'a> {
    text: &'a str,
    /// Where the fast path goes on.
    pos: usize,
    /// A region handed to `unicode-segmentation`, and its offset in `text`.
    fallback: Option<(UWordBoundIndices<'a>, usize)>,
}

impl<'a> Words<'a> {
    pub(crate) fn new(text: &'a str) -> Words<'a> {
        Words {
            text,
            pos: 0,
            fallback: None,
        }
    }

    /// Hands `from..` up to the first ASCII whitespace after `scan` to `unicode-segmentation`.
    fn fall_back(&mut self, from: usize, scan: usize) {
        let bytes = self.text.as_bytes();
        let mut end = scan;
        while end < bytes.len() && !is_ascii_space(bytes[end]) {
            end += 1;
        }
        self.fallback = Some((self.text[from..end].split_word_bound_indices(), from));
        self.pos = end;
    }

    /// The next word by the fast rules, or `None` at the end of the text or when the
    /// fast path had to fall back (then `self.fallback` is set). The word's chars go to
    /// `emit` as they are scanned.
    #[inline]
    fn next_fast<E: Emit>(&mut self, emit: &mut E) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let end = bytes.len();
        let mut i = self.pos;
        // Start of the char just skipped: a combining mark attaches to it (WB4).
        let mut skipped: Option<usize> = None;
        'words: while i < end {
            let (class, len, c) = class_at(bytes, i);
            match class {
                Class::Letter | Class::Digit | Class::Connector => {}
                Class::Complex => {
                    self.fall_back(skipped.unwrap_or(i), i);
                    return None;
                }
                _ => {
                    skipped = Some(i);
                    i += len;
                    continue;
                }
            }
            let start = i;
            emit.start();
            emit.push(c);
            let mut has_alnum = class != Class::Connector;
            let mut prev = class;
            i += len;
            while i < end {
                let (class, len, c) = class_at(bytes, i);
                match class {
                    Class::Letter | Class::Digit | Class::Connector => {
                        has_alnum |= class != Class::Connector;
                        prev = class;
                        emit.push(c);
                        i += len;
                    }
                    Class::MidLetter | Class::MidNum | Class::MidNumLet if i + len < end => {
                        let (after, after_len, after_c) = class_at(bytes, i + len);
                        if after == Class::Complex {
                            self.fall_back(start, i);
                            return None;
                        }
                        let letters = prev == Class::Letter
                            && after == Class::Letter
                            && class != Class::MidNum;
                        let digits = prev == Class::Digit
                            && after == Class::Digit
                            && class != Class::MidLetter;
                        if letters || digits {
                            emit.push(c);
                            emit.push(after_c);
                            i += len + after_len;
                        } else {
                            break;
                        }
                    }
                    Class::Complex => {
                        self.fall_back(start, i);
                        return None;
                    }
                    _ => break,
                }
            }
            if !has_alnum {
                skipped = None;
                continue 'words;
            }
            self.pos = i;
            return Some((start, &self.text[start..i]));
        }
        self.pos = end;
        None
    }

    /// The next word, and whether `emit` holds its normalized form (words of the fast
    /// path) or not (words of `unicode-segmentation`).
    #[inline]
    fn next_with<E: Emit>(&mut self, emit: &mut E) -> Option<(usize, &'a str, bool)> {
        loop {
            if let Some((segments, base)) = &mut self.fallback {
                for (start, segment) in segments {
                    if is_word(segment) {
                        return Some((*base + start, segment, false));
                    }
                }
                self.fallback = None;
            }
            if self.pos >= self.text.len() {
                return None;
            }
            if let Some((start, word)) = self.next_fast(emit) {
                return Some((start, word, emit.done()));
            }
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        self.next_with(&mut ())
            .map(|(start, word, _)| (start, word))
    }
}

/// tantivy [`Tokenizer`] for Vietnamese: splits on Unicode word boundaries (UAX #29) and
/// normalizes every word (NFC, one tone placement, lower case; folded to base letters in
/// folded mode). Offsets are those of the original text; positions count tokens only, so
/// `11-NQ/TW` is the phrase `11 nq tw`. Buffers are reused from token to token.
#[derive(Clone)]
pub struct ViTokenizer {
    mode: Mode,
    token: Token,
    chars: Vec<char>,
    /// tantivy's ASCII folding + lower case, for the rare folded tokens left non-ASCII
    /// (letters of other scripts: `ü`, `ø`, `ß` …).
    others: Option<TextAnalyzer>,
    /// The text without its invisible characters, when it had some (see `invisible.rs`).
    visible: Visible,
}

impl ViTokenizer {
    /// The exact tokenizer (`vi`): NFC, tone placement, lower case.
    pub fn exact() -> ViTokenizer {
        ViTokenizer {
            mode: Mode::Lower,
            token: Token::default(),
            chars: Vec::new(),
            others: None,
            visible: Visible::default(),
        }
    }

    /// The folded tokenizer (`vi_folded`): exact, then every Vietnamese letter to its base
    /// letter; letters of other scripts are folded as tantivy's `AsciiFoldingFilter` does.
    pub fn folded() -> ViTokenizer {
        ViTokenizer {
            mode: Mode::Fold,
            token: Token::default(),
            chars: Vec::new(),
            others: Some(ascii_folder()),
            visible: Visible::default(),
        }
    }
}

/// The analyzer that folds a whole string as tantivy's ASCII folding does, then lower-cases.
pub(crate) fn ascii_folder() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(AsciiFoldingFilter)
        .filter(LowerCaser)
        .build()
}

/// Replaces a non-ASCII `text` by its ASCII folding (lower case), through `folder`.
pub(crate) fn fold_others(folder: &mut TextAnalyzer, text: &mut String) {
    if text.is_ascii() {
        return;
    }
    let mut stream = folder.token_stream(text);
    if stream.advance() {
        let folded = std::mem::take(&mut stream.token_mut().text);
        drop(stream);
        *text = folded;
    }
}

/// The [`TokenStream`] of [`ViTokenizer`].
pub struct ViTokenStream<'a> {
    words: Words<'a>,
    mode: Mode,
    token: &'a mut Token,
    chars: &'a mut Vec<char>,
    others: Option<&'a mut TextAnalyzer>,
    /// Offsets back to the original text when invisible characters were dropped.
    visible: Option<&'a Visible>,
}

impl Tokenizer for ViTokenizer {
    type TokenStream<'a> = ViTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ViTokenStream<'a> {
        self.token.reset();
        // Invisible characters are dropped before words are found (rare: no copy
        // otherwise); token offsets still point into `text`.
        let stripped = self.visible.fill(text);
        let visible = &self.visible;
        let (words, visible) = if stripped {
            (Words::new(&visible.text), Some(visible))
        } else {
            (Words::new(text), None)
        };
        ViTokenStream {
            words,
            mode: self.mode,
            token: &mut self.token,
            chars: &mut self.chars,
            others: self.others.as_mut(),
            visible,
        }
    }
}

impl TokenStream for ViTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let mut sink = Sink {
                mode: self.mode,
                out: &mut self.token.text,
                prev: Letter::default(),
                ok: false,
            };
            let Some((start, segment, done)) = self.words.next_with(&mut sink) else {
                break;
            };
            if !done {
                self.token.text.clear();
                normalize_into(segment, self.mode, self.chars, &mut self.token.text);
                // Words of the fast path fold to ASCII; others may hold other scripts.
                if let Some(folder) = self.others.as_deref_mut() {
                    fold_others(folder, &mut self.token.text);
                }
            }
            if self.token.text.is_empty() || self.token.text.len() > MAX_TOKEN_LEN {
                continue;
            }
            match self.visible {
                None => {
                    self.token.offset_from = start;
                    self.token.offset_to = start + segment.len();
                }
                Some(v) => {
                    self.token.offset_from = v.original_start(start);
                    self.token.offset_to = v.original_end(start + segment.len());
                }
            }
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

    fn uax29_words(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices()
            .filter(|(_, w)| is_word(w))
            .collect()
    }

    #[test]
    fn fast_words_are_uax29_words() {
        for text in [
            "Giải ngân 1.236,87 tỷ đồng (11-NQ/TW).",
            "a.b.c a..b a:b:c 1:2 1,2,3 1;2 a;b a,b _a_ __ a_1 1_a a_.b 17h00 3,7ha",
            "it's 'quoted' x.1 1.x .5 5. ,5 a' 'a ..., ;; ::",
            "“Hoà” – tỉnh Lạng Sơn… m² cùng kỳ¹ x\u{301}y ü é",
            "  \n\t mixed\r\nlines\x0bvt\x0cff ",
            "",
            "đ Đ ĐƯỜNG; Quyết định số 79/QĐ-UBND ngày 15/3/2018.",
        ] {
            let fast: Vec<(usize, &str)> = Words::new(text).collect();
            assert_eq!(fast, uax29_words(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_words_match_uax29_on_mixed_text(
            text in "([ -~]|[\\n\\t\\r]|[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễđĐìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹỲÝỴỶỸ]|[’‘“”–—…«»·²¹üéßøÅ\u{A0}\u{301}\u{300}\u{345}\u{AD}\u{200D}\u{5D0}中文ー])*"
        ) {
            let fast: Vec<(usize, &str)> = Words::new(&text).collect();
            proptest::prop_assert_eq!(fast, uax29_words(&text));
        }

        #[test]
        fn one_pass_tokens_equal_normalized_words(
            text in "([ -~]|[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễđĐìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹỲÝỴỶỸÐ]|[“…²\\u{301}])*"
        ) {
            for (tokenizer, mode) in [(ViTokenizer::exact(), Mode::Lower), (ViTokenizer::folded(), Mode::Fold)] {
                let got: Vec<String> = tokens(tokenizer.clone(), &text).into_iter().map(|t| t.0).collect();
                let mut chars = Vec::new();
                let mut folder = ascii_folder();
                let expected: Vec<String> = uax29_words(&text)
                    .into_iter()
                    .map(|(_, w)| {
                        let mut out = String::new();
                        normalize_into(w, mode, &mut chars, &mut out);
                        if mode == Mode::Fold {
                            fold_others(&mut folder, &mut out);
                        }
                        out
                    })
                    .collect();
                proptest::prop_assert_eq!(got, expected);
            }
        }

        #[test]
        fn fast_words_match_uax29_on_ascii(text in "[ -~\\n\\t]*") {
            let fast: Vec<(usize, &str)> = Words::new(&text).collect();
            proptest::prop_assert_eq!(fast, uax29_words(&text));
        }
    }

    #[test]
    fn fast_words_are_uax29_words_on_the_sample_reports() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let nfd: String = text.nfd().collect();
            for t in [&text, &nfd] {
                let fast: Vec<(usize, &str)> = Words::new(t).collect();
                assert_eq!(fast, uax29_words(t));
                seen += fast.len();
            }
        }
        assert!(seen > 10_000);
    }

    #[test]
    fn misordered_marks_compose() {
        let mut chars = Vec::new();
        for (input, exact) in [
            ("Vie\u{0301}\u{0302}t", "viết"),
            ("ke\u{0301}\u{0302}t", "kết"),
            ("a\u{0300}\u{0306}n", "ằn"),
            ("Vie\u{0323}\u{0302}t", "việt"),
            ("o\u{0301}\u{031B}", "ớ"),
            ("e\u{0301}", "é"),
        ] {
            let mut out = String::new();
            normalize_into(input, Mode::Lower, &mut chars, &mut out);
            assert_eq!(out, exact, "{input:?}");
        }
    }

    #[test]
    fn eth_reads_as_d_with_stroke() {
        let mut chars = Vec::new();
        for (mode, expected) in [
            (Mode::Keep, "ĐỒNG"),
            (Mode::Lower, "đồng"),
            (Mode::Fold, "dong"),
        ] {
            let mut out = String::new();
            normalize_into("ÐỒNG", mode, &mut chars, &mut out);
            assert_eq!(out, expected);
        }
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
