//! One tone-mark placement for the syllables where Vietnamese spelling has two styles.
//!
//! The rule (the "traditional" placement, used by most official documents):
//!
//! - In an **open** syllable whose vowel is exactly `oa`, `oe` or `uy` (nothing after it),
//!   the tone mark goes on the **first** vowel: `hoà → hòa`, `hoè → hòe`, `thuỷ → thủy`,
//!   `khoẻ → khỏe`, `uỷ → ủy`, `loà → lòa`, `tuỳ → tùy`.
//! - In a **closed** syllable (`oa`, `oe`, `uy` followed by a consonant) both styles put
//!   the tone on the **second** vowel (`hoàn`, `toán`, `hoạch`, `huỳnh`); a mark found on
//!   the first vowel there is a misspelling and is moved to the second.
//! - `qu` and `gi` are onsets, not vowel pairs: in `quý`, `quả`, `quỳnh` the vowel is `y`,
//!   `a`, `y` alone and nothing moves.
//! - Every other vowel group (`oai`, `uyê` as in `khuyến`/`thuyền`, `uê`, `ươ`, …) has a
//!   single placement in both styles and is left as it is.
//!
//! The rule works on one syllable: a maximal run of letters with exactly one vowel group.
//! Case is kept on every char.

use super::letters::{letter, Letter, ROW_A, ROW_E, ROW_O, ROW_U, ROW_Y};

/// Applies the canonical tone placement to every syllable of `chars` (NFC chars), in place.
pub(crate) fn place_tones(chars: &mut [char]) {
    let mut i = 0;
    let n = chars.len();
    while i < n {
        if !is_letter(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && is_letter(chars[i]) {
            i += 1;
        }
        place_in_syllable(&mut chars[start..i]);
    }
}

/// Whether `c` is a letter (Vietnamese letters looked up first: the common case).
#[inline]
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        letter(c).is_some() || c.is_alphabetic()
    }
}

/// Whether two adjacent vowels are one of the pairs `oa`, `oe`, `uy` with a tone mark on
/// either: the only vowel groups [`place_tones`] may change.
#[inline]
pub(crate) fn tone_pair(a: Letter, b: Letter) -> bool {
    matches!(
        (a.row(), b.row()),
        (ROW_O, ROW_A) | (ROW_O, ROW_E) | (ROW_U, ROW_Y)
    ) && (a.tone() | b.tone()) != 0
}

/// Applies the rule to one run of letters (moves at most one tone mark).
fn place_in_syllable(run: &mut [char]) {
    // Locate the single vowel group.
    let mut first = usize::MAX;
    let mut end = 0;
    for (k, &c) in run.iter().enumerate() {
        if letter(c).is_vowel() {
            if first == usize::MAX {
                first = k;
            } else if end != k {
                // A second vowel group: not one Vietnamese syllable.
                return;
            }
            end = k + 1;
        }
    }
    if first == usize::MAX {
        return;
    }
    let mut s = first;
    // `qu` + vowel and `gi` + vowel: the `u` / `i` belongs to the onset.
    if s > 0 && end - s > 1 {
        let prev = run[s - 1];
        let head = letter(run[s]);
        let onset_u = matches!(prev, 'q' | 'Q') && head.row() == ROW_U && head.tone() == 0;
        let onset_i = matches!(prev, 'g' | 'G') && matches!(run[s], 'i' | 'I');
        if onset_u || onset_i {
            s += 1;
        }
    }
    if end - s != 2 {
        return;
    }
    let a = letter(run[s]);
    let b = letter(run[s + 1]);
    let pair = matches!(
        (a.row(), b.row()),
        (ROW_O, ROW_A) | (ROW_O, ROW_E) | (ROW_U, ROW_Y)
    );
    if !pair {
        return;
    }
    let (ta, tb) = (a.tone(), b.tone());
    let open = end == run.len();
    if open && ta == 0 && tb != 0 {
        run[s] = a.with_tone(tb);
        run[s + 1] = b.with_tone(0);
    } else if !open && tb == 0 && ta != 0 {
        run[s] = a.with_tone(0);
        run[s + 1] = b.with_tone(ta);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(s: &str) -> String {
        let mut v: Vec<char> = s.chars().collect();
        place_tones(&mut v);
        v.into_iter().collect()
    }

    #[test]
    fn open_pairs_take_the_first_vowel() {
        for (old, new) in [
            ("hoà", "hòa"),
            ("hoè", "hòe"),
            ("thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("uỷ", "ủy"),
            ("loà", "lòa"),
            ("tuỳ", "tùy"),
            ("HOÀ", "HÒA"),
            ("Thuỷ", "Thủy"),
            ("UỶ", "ỦY"),
            ("Hoà", "Hòa"),
        ] {
            assert_eq!(placed(old), new, "{old}");
            assert_eq!(placed(new), new, "{new}");
        }
    }

    #[test]
    fn closed_and_other_syllables_are_stable() {
        for w in [
            "hoàn", "toán", "hoạch", "khuyến", "thuyền", "quý", "quỳnh", "quả", "quạ", "Quý",
            "ngoài", "xoáy", "thuế", "thuở", "già", "giữa", "huỳnh", "nguyễn", "khuya", "mùa",
            "hoặc", "Quyết", "tuyển", "ủy", "thủy",
        ] {
            assert_eq!(placed(w), w, "{w}");
        }
    }

    #[test]
    fn misplaced_marks_in_closed_syllables_move_to_the_main_vowel() {
        assert_eq!(placed("hòan"), "hoàn");
        assert_eq!(placed("tóan"), "toán");
        assert_eq!(placed("hủynh"), "huỷnh");
    }

    #[test]
    fn several_syllables_in_one_string() {
        assert_eq!(
            placed("Hoà Bình, thuỷ lợi; uỷ ban"),
            "Hòa Bình, thủy lợi; ủy ban"
        );
    }
}
