//! The Vietnamese letters as tables: every vowel with its quality mark (ă â ê ô ơ ư) and
//! tone mark (grave, acute, hook above, tilde, dot below), in both cases, plus `đ/Đ`.
//!
//! A letter is described by a packed byte ([`Letter`]): its row (which vowel, or `đ`), its
//! tone and its case. Lookups are constant-time array reads; nothing allocates.

/// Lower-case vowels: one row per vowel with its quality mark, one column per tone
/// (none, grave `huyền`, acute `sắc`, hook above `hỏi`, tilde `ngã`, dot below `nặng`).
pub(crate) const LOWER: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// Upper-case vowels, same layout as [`LOWER`].
pub(crate) const UPPER: [[char; 6]; 12] = [
    ['A', 'À', 'Á', 'Ả', 'Ã', 'Ạ'],
    ['Ă', 'Ằ', 'Ắ', 'Ẳ', 'Ẵ', 'Ặ'],
    ['Â', 'Ầ', 'Ấ', 'Ẩ', 'Ẫ', 'Ậ'],
    ['E', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'],
    ['Ê', 'Ề', 'Ế', 'Ể', 'Ễ', 'Ệ'],
    ['I', 'Ì', 'Í', 'Ỉ', 'Ĩ', 'Ị'],
    ['O', 'Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'],
    ['Ô', 'Ồ', 'Ố', 'Ổ', 'Ỗ', 'Ộ'],
    ['Ơ', 'Ờ', 'Ớ', 'Ở', 'Ỡ', 'Ợ'],
    ['U', 'Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'],
    ['Ư', 'Ừ', 'Ứ', 'Ử', 'Ữ', 'Ự'],
    ['Y', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'],
];

/// The base (ASCII) letter of each row of [`LOWER`].
pub(crate) const BASE: [char; 12] = ['a', 'a', 'a', 'e', 'e', 'i', 'o', 'o', 'o', 'u', 'u', 'y'];

/// Row numbers of the vowels the tone-placement rule looks at.
pub(crate) const ROW_A: u8 = 0;
pub(crate) const ROW_E: u8 = 3;
pub(crate) const ROW_O: u8 = 6;
pub(crate) const ROW_U: u8 = 9;
pub(crate) const ROW_Y: u8 = 11;
/// Pseudo-row of `đ/Đ` (not a vowel; has no tone).
pub(crate) const ROW_D: u8 = 12;

/// A Vietnamese letter, packed: bits 0–3 hold `row + 1` (0 means "not a Vietnamese
/// letter"), bits 4–6 the tone (0 = none), bit 7 the upper case.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) struct Letter(u8);

impl Letter {
    const NONE: Letter = Letter(0);

    const fn pack(row: u8, tone: u8, upper: bool) -> Letter {
        Letter((row + 1) | (tone << 4) | if upper { 0x80 } else { 0 })
    }

    /// Whether the char is a Vietnamese vowel (any tone, any case) or `đ/Đ`.
    #[inline]
    pub(crate) fn is_some(self) -> bool {
        self.0 & 0x0f != 0
    }

    /// Row in [`LOWER`]/[`UPPER`], or [`ROW_D`]. Only meaningful when `is_some`.
    #[inline]
    pub(crate) fn row(self) -> u8 {
        (self.0 & 0x0f).wrapping_sub(1)
    }

    /// Whether this is a vowel (not `đ`, not a non-Vietnamese char).
    #[inline]
    pub(crate) fn is_vowel(self) -> bool {
        self.is_some() && self.row() < ROW_D
    }

    /// Tone column (0 = none).
    #[inline]
    pub(crate) fn tone(self) -> u8 {
        (self.0 >> 4) & 0x07
    }

    #[inline]
    pub(crate) fn is_upper(self) -> bool {
        self.0 & 0x80 != 0
    }

    /// The same letter with another tone. Only for vowels.
    #[inline]
    pub(crate) fn with_tone(self, tone: u8) -> char {
        let row = self.row() as usize;
        if self.is_upper() {
            UPPER[row][tone as usize]
        } else {
            LOWER[row][tone as usize]
        }
    }

    /// The canonical form of this letter, case kept: `c` itself, except the look-alike
    /// `Ð` which becomes `Đ`.
    #[inline]
    pub(crate) fn canonical(self, c: char) -> char {
        if self.row() == ROW_D && self.is_upper() {
            'Đ'
        } else {
            c
        }
    }

    /// The lower-case form of this letter.
    #[inline]
    pub(crate) fn lower(self) -> char {
        let row = self.row();
        if row == ROW_D {
            'đ'
        } else {
            LOWER[row as usize][self.tone() as usize]
        }
    }

    /// The folded (lower-case base ASCII) form of this letter.
    #[inline]
    pub(crate) fn folded(self) -> char {
        let row = self.row();
        if row == ROW_D {
            'd'
        } else {
            BASE[row as usize]
        }
    }
}

const LATIN_FROM: u32 = 0x00C0;
const LATIN_TO: u32 = 0x01B0;
const EXT_FROM: u32 = 0x1EA0;
const EXT_TO: u32 = 0x1EF9;

const fn build_ascii() -> [Letter; 128] {
    let mut out = [Letter::NONE; 128];
    let mut row = 0;
    while row < 12 {
        let lo = LOWER[row][0] as u32;
        let up = UPPER[row][0] as u32;
        if lo < 128 {
            out[lo as usize] = Letter::pack(row as u8, 0, false);
            out[up as usize] = Letter::pack(row as u8, 0, true);
        }
        row += 1;
    }
    out
}

const fn build_range<const N: usize>(from: u32) -> [Letter; N] {
    let mut out = [Letter::NONE; N];
    let mut row = 0;
    while row < 12 {
        let mut tone = 0;
        while tone < 6 {
            let lo = LOWER[row][tone] as u32;
            let up = UPPER[row][tone] as u32;
            if lo >= from && lo < from + N as u32 {
                out[(lo - from) as usize] = Letter::pack(row as u8, tone as u8, false);
            }
            if up >= from && up < from + N as u32 {
                out[(up - from) as usize] = Letter::pack(row as u8, tone as u8, true);
            }
            tone += 1;
        }
        row += 1;
    }
    let d_lo = 'đ' as u32;
    let d_up = 'Đ' as u32;
    if d_lo >= from && d_lo < from + N as u32 {
        out[(d_lo - from) as usize] = Letter::pack(ROW_D, 0, false);
    }
    if d_up >= from && d_up < from + N as u32 {
        out[(d_up - from) as usize] = Letter::pack(ROW_D, 0, true);
    }
    // `Ð` (U+00D0, Icelandic eth) looks exactly like `Đ` and old Vietnamese fonts and PDF
    // extractors produce it in its place: it is read as `Đ`.
    let eth = 'Ð' as u32;
    if eth >= from && eth < from + N as u32 {
        out[(eth - from) as usize] = Letter::pack(ROW_D, 0, true);
    }
    out
}

static ASCII: [Letter; 128] = build_ascii();
static LATIN: [Letter; (LATIN_TO - LATIN_FROM + 1) as usize] = build_range(LATIN_FROM);
static EXT: [Letter; (EXT_TO - EXT_FROM + 1) as usize] = build_range(EXT_FROM);

/// Looks a char up in the Vietnamese alphabet.
#[inline]
pub(crate) fn letter(c: char) -> Letter {
    let u = c as u32;
    if u < 128 {
        ASCII[u as usize]
    } else if (LATIN_FROM..=LATIN_TO).contains(&u) {
        LATIN[(u - LATIN_FROM) as usize]
    } else if (EXT_FROM..=EXT_TO).contains(&u) {
        EXT[(u - EXT_FROM) as usize]
    } else {
        Letter::NONE
    }
}

/// Whether `c` is a combining mark of the "Combining Diacritical Marks" block
/// (U+0300–U+036F): the marks NFD text carries (tones, breve, circumflex, horn …).
#[inline]
pub(crate) fn is_combining_diacritic(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether `c` carries a Vietnamese diacritic: a vowel with a tone or quality mark, `đ/Đ`,
/// or one of the combining marks Vietnamese uses (decomposed text): grave, acute, tilde,
/// hook above, dot below, circumflex, breve, horn.
#[inline]
pub(crate) fn is_diacritic_letter(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    letter(c).is_some()
        || matches!(
            c,
            '\u{0300}'
                | '\u{0301}'
                | '\u{0303}'
                | '\u{0309}'
                | '\u{0323}'
                | '\u{0302}'
                | '\u{0306}'
                | '\u{031B}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_char_round_trips() {
        for row in 0..12u8 {
            for tone in 0..6u8 {
                for (table, upper) in [(&LOWER, false), (&UPPER, true)] {
                    let c = table[row as usize][tone as usize];
                    let l = letter(c);
                    assert!(l.is_vowel(), "{c}");
                    assert_eq!(l.row(), row, "{c}");
                    assert_eq!(l.tone(), tone, "{c}");
                    assert_eq!(l.is_upper(), upper, "{c}");
                    assert_eq!(l.with_tone(tone), c);
                    assert_eq!(l.lower(), LOWER[row as usize][tone as usize]);
                    assert_eq!(l.folded(), BASE[row as usize]);
                }
            }
        }
        assert_eq!(letter('đ').folded(), 'd');
        assert_eq!(letter('Đ').lower(), 'đ');
        assert!(!letter('đ').is_vowel());
        assert!(!letter('b').is_some());
        assert!(!letter('ç').is_some());
        assert!(!letter('\u{1EFA}').is_some());
    }

    #[test]
    fn exactly_134_accented_letters_and_the_eth_look_alike() {
        let known: Vec<char> = (0x80u32..0x2000)
            .filter_map(char::from_u32)
            .filter(|&c| letter(c).is_some())
            .collect();
        assert_eq!(known.len(), 135);
        assert!(known.contains(&'Ð'));
        assert_eq!(letter('Ð').lower(), 'đ');
        assert_eq!(letter('Ð').folded(), 'd');
        assert_eq!(letter('Ð').canonical('Ð'), 'Đ');
        assert_eq!(letter('ð'), Letter::NONE);
    }
}
