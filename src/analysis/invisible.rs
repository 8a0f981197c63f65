//! Invisible characters, dropped before words are found, on the index and the query side
//! alike: a soft hyphen (U+00AD), zero-width space, non-joiner and joiner (U+200B–U+200D),
//! left-to-right and right-to-left marks (U+200E, U+200F), bidirectional embeddings and
//! isolates (U+202A–U+202E, U+2066–U+2069), the word joiner and invisible operators
//! (U+2060–U+2064), the Mongolian vowel separator (U+180E) and the byte-order mark /
//! zero-width no-break space (U+FEFF). Word processors and web pages leave them inside
//! and beside words (`ng\u{AD}ân`, `\u{200E}ngân`): without this stage such a word is
//! another token, or two, and cannot be found.
//!
//! [`strip`] returns the visible text and a map from its byte offsets back to the
//! original text, so that tokens keep the offsets of the original (highlighting).

/// Whether `c` is one of the invisible characters this stage drops.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Byte offset of the first invisible character of `text`, found from its UTF-8 bytes
/// without decoding every char (Vietnamese text is mostly ASCII and `E1 xx xx` letters).
fn first_invisible(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        let hit = match b[i] {
            0xC2 => at(i + 1) == 0xAD,
            0xE1 => at(i + 1) == 0xA0 && at(i + 2) == 0x8E,
            0xE2 => match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x8B..=0x8F | 0xAA..=0xAE),
                0x81 => matches!(at(i + 2), 0xA0..=0xA4 | 0xA6..=0xA9),
                _ => false,
            },
            0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
            _ => false,
        };
        if hit {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Text with its invisible characters removed, and where they were.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visible {
    /// The text without invisible characters.
    pub text: String,
    /// For each place in `text` where characters were removed: its byte offset in `text`
    /// and the number of bytes removed there and before it (increasing).
    shifts: Vec<(usize, usize)>,
}

impl Visible {
    /// Empties `self` for reuse.
    pub fn clear(&mut self) {
        self.text.clear();
        self.shifts.clear();
    }

    /// Fills `self` with `text` stripped; returns false (and leaves `self` empty) when
    /// `text` holds no invisible character, the common case, decided without copying.
    pub fn fill(&mut self, text: &str) -> bool {
        self.clear();
        let Some(first) = first_invisible(text) else {
            return false;
        };
        self.text.reserve(text.len());
        self.text.push_str(&text[..first]);
        let mut removed = 0;
        for c in text[first..].chars() {
            if is_invisible(c) {
                removed += c.len_utf8();
                match self.shifts.last_mut() {
                    Some((at, total)) if *at == self.text.len() => *total = removed,
                    _ => self.shifts.push((self.text.len(), removed)),
                }
            } else {
                self.text.push(c);
            }
        }
        true
    }

    /// The offset in the original text of the char that starts at `offset` of the
    /// visible text (after any invisible characters just before it).
    pub fn original_start(&self, offset: usize) -> usize {
        let k = self.shifts.partition_point(|(at, _)| *at <= offset);
        offset + if k == 0 { 0 } else { self.shifts[k - 1].1 }
    }

    /// The offset in the original text of the end of a span that ends at `offset` of
    /// the visible text (before any invisible characters just after it).
    pub fn original_end(&self, offset: usize) -> usize {
        let k = self.shifts.partition_point(|(at, _)| *at < offset);
        offset + if k == 0 { 0 } else { self.shifts[k - 1].1 }
    }
}

/// `text` without invisible characters (borrowed when it holds none).
pub fn strip(text: &str) -> std::borrow::Cow<'_, str> {
    let mut v = Visible::default();
    if v.fill(text) {
        std::borrow::Cow::Owned(v.text)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[char] = &[
        '\u{00AD}', '\u{180E}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}',
        '\u{202A}', '\u{202E}', '\u{2060}', '\u{2064}', '\u{2066}', '\u{2069}', '\u{FEFF}',
    ];

    #[test]
    fn every_invisible_char_is_found_by_its_bytes() {
        for &c in ALL {
            assert!(is_invisible(c), "{c:?}");
            let s = format!("ngân{c}x");
            assert_eq!(first_invisible(&s), Some("ngân".len()), "{c:?}");
            assert_eq!(strip(&s), "ngânx");
        }
        // Look-alike neighbours stay: Vietnamese letters, NBSP, en dash, ellipsis, ideographic space.
        for s in [
            "Giải ngân ₫ ẻ ỹ",
            "a\u{A0}b",
            "a\u{2013}b…",
            "\u{1EA1}\u{2070}\u{3000}",
            "\u{FEFE}\u{FFFD}",
        ] {
            assert_eq!(first_invisible(s), None, "{s:?}");
            assert!(matches!(strip(s), std::borrow::Cow::Borrowed(_)));
        }
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "\u{200E}ng\u{AD}ân\u{200B}\u{200B} vốn\u{FEFF}";
        let mut v = Visible::default();
        assert!(v.fill(original));
        assert_eq!(v.text, "ngân vốn");
        // "ngân" is 0..5 in the visible text.
        assert_eq!(
            &original[v.original_start(0)..v.original_end(5)],
            "ng\u{AD}ân"
        );
        // "vốn" starts at 6 in the visible text.
        let start = v.original_start(6);
        let end = v.original_end(v.text.len());
        assert_eq!(&original[start..end], "vốn");
        assert!(!v.fill("không có gì"));
        assert!(v.text.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn stripping_keeps_every_visible_char_in_order(
            s in "([a-zđâêôơưạảấầẩẫậ ]|[\u{AD}\u{200B}-\u{200F}\u{2060}\u{FEFF}\u{202E}])*"
        ) {
            let mut v = Visible::default();
            let expected: String = s.chars().filter(|c| !is_invisible(*c)).collect();
            if v.fill(&s) {
                proptest::prop_assert_eq!(&v.text, &expected);
                // Every visible char maps back to the same char of the original.
                for (i, c) in v.text.char_indices() {
                    let o = v.original_start(i);
                    proptest::prop_assert_eq!(s[o..].chars().next(), Some(c));
                    let e = v.original_end(i + c.len_utf8());
                    proptest::prop_assert_eq!(&s[o..e], c.to_string());
                }
            } else {
                proptest::prop_assert_eq!(&s, &expected);
            }
        }
    }
}
