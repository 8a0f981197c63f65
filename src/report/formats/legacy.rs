//! Legacy Vietnamese 8-bit encodings: TCVN3 (TCVN 5712:1993, the "ABC" fonts such as
//! `.VnTime`) and VNI (VNI-Windows fonts, a base letter followed by a mark byte). Text in
//! these encodings arrives as Latin-1-looking gibberish (`Ph¸t triÓn`, `Phaùt trieån`);
//! this module detects it and converts it to Unicode.
//!
//! Characters are handled in their Latin-1 view: one char `U+0000..=U+00FF` per byte.

/// A legacy Vietnamese encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN3 / ABC (`.VnTime`): one byte per letter; capitals with tone marks only exist
    /// in the separate capital fonts, which reuse the lower-case codes.
    Tcvn3,
    /// VNI-Windows: a base letter followed by a tone or shape byte.
    Vni,
}

impl Legacy {
    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN3 byte → Unicode letter.
const TCVN3: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// VNI mark bytes (lower-case form) and the letter they make with each base.
/// Order of each row: base, then (mark, result) pairs.
const VNI_LOWER: &[(char, &[(char, char)])] = &[
    (
        'a',
        &[
            ('ù', 'á'),
            ('ø', 'à'),
            ('û', 'ả'),
            ('õ', 'ã'),
            ('ï', 'ạ'),
            ('â', 'â'),
            ('á', 'ấ'),
            ('à', 'ầ'),
            ('å', 'ẩ'),
            ('ã', 'ẫ'),
            ('ä', 'ậ'),
            ('ê', 'ă'),
            ('é', 'ắ'),
            ('è', 'ằ'),
            ('ú', 'ẳ'),
            ('ü', 'ẵ'),
            ('ë', 'ặ'),
        ],
    ),
    (
        'e',
        &[
            ('ù', 'é'),
            ('ø', 'è'),
            ('û', 'ẻ'),
            ('õ', 'ẽ'),
            ('ï', 'ẹ'),
            ('â', 'ê'),
            ('á', 'ế'),
            ('à', 'ề'),
            ('å', 'ể'),
            ('ã', 'ễ'),
            ('ä', 'ệ'),
        ],
    ),
    (
        'o',
        &[
            ('ù', 'ó'),
            ('ø', 'ò'),
            ('û', 'ỏ'),
            ('õ', 'õ'),
            ('ï', 'ọ'),
            ('â', 'ô'),
            ('á', 'ố'),
            ('à', 'ồ'),
            ('å', 'ổ'),
            ('ã', 'ỗ'),
            ('ä', 'ộ'),
        ],
    ),
    (
        'ô',
        &[('ù', 'ớ'), ('ø', 'ờ'), ('û', 'ở'), ('õ', 'ỡ'), ('ï', 'ợ')],
    ),
    (
        'u',
        &[('ù', 'ú'), ('ø', 'ù'), ('û', 'ủ'), ('õ', 'ũ'), ('ï', 'ụ')],
    ),
    (
        'ö',
        &[('ù', 'ứ'), ('ø', 'ừ'), ('û', 'ử'), ('õ', 'ữ'), ('ï', 'ự')],
    ),
    (
        'y',
        &[('ù', 'ý'), ('ø', 'ỳ'), ('û', 'ỷ'), ('õ', 'ỹ'), ('ï', 'ỵ')],
    ),
];

/// VNI single bytes (lower case).
const VNI_SINGLE_LOWER: &[(char, char)] = &[
    ('ô', 'ơ'),
    ('ö', 'ư'),
    ('ñ', 'đ'),
    ('í', 'í'),
    ('ì', 'ì'),
    ('æ', 'ỉ'),
    ('ó', 'ĩ'),
    ('ò', 'ị'),
    ('î', 'ỵ'),
];

/// Upper-case Latin-1 form of a lower-case Latin-1 char (the VNI capital codes).
fn latin1_upper(c: char) -> char {
    match c {
        'à'..='þ' if c != '÷' => char::from_u32(c as u32 - 0x20).unwrap_or(c),
        'a'..='z' => c.to_ascii_uppercase(),
        _ => c,
    }
}

fn vni_pairs() -> Vec<(String, char)> {
    let mut v = Vec::new();
    for (base, marks) in VNI_LOWER {
        for (mark, out) in *marks {
            v.push((format!("{base}{mark}"), *out));
            let up: String = [latin1_upper(*base), latin1_upper(*mark)].iter().collect();
            v.push((up, out.to_uppercase().next().unwrap_or(*out)));
        }
    }
    for (b, out) in VNI_SINGLE_LOWER {
        v.push((b.to_string(), *out));
        v.push((
            latin1_upper(*b).to_string(),
            out.to_uppercase().next().unwrap_or(*out),
        ));
    }
    // Longest match first.
    v.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
    v
}

/// Converts legacy text (Latin-1 view) to Unicode.
pub fn decode(legacy: Legacy, text: &str) -> String {
    match legacy {
        Legacy::Tcvn3 => text
            .chars()
            .map(|c| {
                if (c as u32) < 0x100 {
                    if let Some((_, u)) = TCVN3.iter().find(|(b, _)| *b as u32 == c as u32) {
                        return *u;
                    }
                }
                c
            })
            .collect(),
        Legacy::Vni => {
            let pairs = vni_pairs();
            let chars: Vec<char> = text.chars().collect();
            let mut out = String::with_capacity(text.len());
            let mut i = 0;
            'outer: while i < chars.len() {
                for (seq, u) in &pairs {
                    let n = seq.chars().count();
                    if i + n <= chars.len() && seq.chars().eq(chars[i..i + n].iter().copied()) {
                        out.push(*u);
                        i += n;
                        continue 'outer;
                    }
                }
                out.push(chars[i]);
                i += 1;
            }
            out
        }
    }
}

/// Converts Unicode (NFC) text to a legacy encoding's Latin-1 view; returns the first
/// character that cannot be encoded as the error. The inverse of [`decode`], used to
/// make test fixtures and to check round trips.
pub fn encode(legacy: Legacy, text: &str) -> Result<String, char> {
    let mut out = String::new();
    match legacy {
        Legacy::Tcvn3 => {
            for c in text.chars() {
                if let Some((b, _)) = TCVN3.iter().find(|(_, u)| *u == c) {
                    out.push(char::from(*b));
                } else if c.is_ascii() {
                    out.push(c);
                } else {
                    return Err(c);
                }
            }
        }
        Legacy::Vni => {
            let pairs = vni_pairs();
            for c in text.chars() {
                if c.is_ascii() {
                    out.push(c);
                } else if let Some((s, _)) = pairs.iter().rev().find(|(_, u)| *u == c) {
                    // Shortest sequence for this letter (singles come last after sorting).
                    out.push_str(s);
                } else {
                    return Err(c);
                }
            }
        }
    }
    Ok(out)
}

/// Letters only Unicode Vietnamese text has (never in a Latin-1 view).
fn is_vietnamese_unicode(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
    ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Detects a legacy encoding in text: returns it when the text has (almost) none of the
/// letters Unicode Vietnamese needs and many of the legacy encoding's characteristic
/// characters.
pub fn detect(text: &str) -> Option<Legacy> {
    let mut letters = 0usize;
    let mut unicode_vi = 0usize;
    let mut tcvn = 0usize;
    let mut vni = 0usize;
    let mut prev = ' ';
    for c in text.chars() {
        if c.is_alphabetic() {
            letters += 1;
        }
        if is_vietnamese_unicode(c) {
            unicode_vi += 1;
            // Plenty of Unicode Vietnamese already: not legacy text.
            if unicode_vi >= 50 && unicode_vi * 200 > letters {
                return None;
            }
        }
        // TCVN3 codes that are not letters of Unicode Vietnamese in Latin-1.
        if matches!(c, '¡'..='®' | 'µ'..='¹' | '»'..='¾' | 'Æ'..='Ë' | 'Î' | 'Ï' | 'Ð' | 'Ñ'
            | 'Ö' | '×' | 'Ø' | 'Ü' | 'Þ' | 'ß' | 'ä'..='è' | 'ë' | 'î' | 'ï' | 'ñ' | 'ö'..='ø'
            | 'û' | 'ü' | 'þ')
        {
            tcvn += 1;
        }
        // VNI: a vowel followed by a mark byte, or đ's code.
        let lower_prev = prev.to_lowercase().next().unwrap_or(prev);
        let lower = c.to_lowercase().next().unwrap_or(c);
        if matches!(lower_prev, 'a' | 'e' | 'o' | 'u' | 'y' | 'ô' | 'ö')
            && matches!(
                lower,
                'ù' | 'ø'
                    | 'û'
                    | 'õ'
                    | 'ï'
                    | 'â'
                    | 'á'
                    | 'à'
                    | 'å'
                    | 'ã'
                    | 'ä'
                    | 'ê'
                    | 'é'
                    | 'è'
                    | 'ú'
                    | 'ü'
                    | 'ë'
            )
            || lower == 'ñ'
        {
            vni += 1;
        }
        prev = c;
    }
    if letters < 20 || unicode_vi * 200 > letters {
        return None;
    }
    let threshold = (letters / 50).max(5);
    if vni >= threshold && vni * 2 > tcvn {
        Some(Legacy::Vni)
    } else if tcvn >= threshold {
        Some(Legacy::Tcvn3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_known_words() {
        assert_eq!(
            decode(Legacy::Tcvn3, "Ph¸t triÓn kinh tÕ - x· héi"),
            "Phát triển kinh tế - xã hội"
        );
        assert_eq!(
            decode(Legacy::Tcvn3, "§¶ng bé tØnh L¹ng S¬n"),
            "Đảng bộ tỉnh Lạng Sơn"
        );
    }

    #[test]
    fn vni_known_words() {
        assert_eq!(
            decode(Legacy::Vni, "Phaùt trieån kinh teá - xaõ hoäi"),
            "Phát triển kinh tế - xã hội"
        );
        assert_eq!(
            decode(Legacy::Vni, "Ñaûng boä tænh Laïng Sôn"),
            "Đảng bộ tỉnh Lạng Sơn"
        );
        assert_eq!(decode(Legacy::Vni, "VIEÄT NAM, ngöôøi"), "VIỆT NAM, người");
    }

    #[test]
    fn round_trips_and_detection() {
        let s = "tổng diện tích gieo trồng vụ đông xuân toàn tỉnh đạt 6.137,6 ha, bằng 12,7% kế hoạch, tăng 3,2% so với cùng kỳ; đàn gia súc, gia cầm tiếp tục phát triển ổn định";
        for l in [Legacy::Tcvn3, Legacy::Vni] {
            let enc = encode(l, s).unwrap();
            assert_ne!(enc, s);
            assert_eq!(detect(&enc), Some(l), "{enc}");
            assert_eq!(decode(l, &enc), s);
        }
        assert_eq!(detect(s), None);
        assert_eq!(
            detect("Plain English text without any accents at all, long enough."),
            None
        );
    }
}
