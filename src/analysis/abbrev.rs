//! Abbreviations of official Vietnamese: a small built-in table of the common ones, and
//! the pairs a document defines itself by writing the long form followed by the
//! abbreviation in parentheses (`cải cách hành chính (CCHC)`), found by matching the
//! abbreviation's letters to the initials of the words just before it.

use super::fold;

/// The longest abbreviation learned from a text, in letters (longer "abbreviations" in
/// parentheses are words or codes, not initials).
const MAX_ABBREV_LETTERS: usize = 10;
/// The shortest: two letters in parentheses are too often a list label or a unit.
const MIN_ABBREV_LETTERS: usize = 3;

/// An abbreviation and its long form, as written (`CCHC`, `cải cách hành chính`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Abbreviation {
    /// The abbreviation (`CCHC`, `KT-XH`, `HĐND`).
    pub short: String,
    /// The long form, lower case (`cải cách hành chính`).
    pub long: String,
}

/// Common abbreviations of Vietnamese official documents (short, long form).
pub const BUILTIN: &[(&str, &str)] = &[
    ("ANTT", "an ninh trật tự"),
    ("ATGT", "an toàn giao thông"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("CCHC", "cải cách hành chính"),
    ("CNTT", "công nghệ thông tin"),
    ("CTMTQG", "chương trình mục tiêu quốc gia"),
    ("DVCTT", "dịch vụ công trực tuyến"),
    ("GPMB", "giải phóng mặt bằng"),
    ("HĐND", "hội đồng nhân dân"),
    ("KT-XH", "kinh tế - xã hội"),
    ("MTQG", "mục tiêu quốc gia"),
    ("MTTQ", "mặt trận tổ quốc"),
    ("NSNN", "ngân sách nhà nước"),
    ("NTM", "nông thôn mới"),
    ("PCTN", "phòng, chống tham nhũng"),
    ("QP-AN", "quốc phòng - an ninh"),
    ("TTHC", "thủ tục hành chính"),
    ("UBND", "ủy ban nhân dân"),
    ("XNK", "xuất nhập khẩu"),
];

/// The built-in table as [`Abbreviation`]s.
pub fn builtin() -> Vec<Abbreviation> {
    BUILTIN
        .iter()
        .map(|(s, l)| Abbreviation {
            short: s.to_string(),
            long: l.to_string(),
        })
        .collect()
}

/// The letters of an abbreviation, folded (`HĐND` → `hdnd`, `KT-XH` → `ktxh`); None when
/// it is not one (lower-case letters, too short or too long, other characters).
fn abbrev_letters(s: &str) -> Option<Vec<char>> {
    let mut letters = Vec::new();
    for c in s.chars() {
        if c == '-' || c == '.' {
            continue;
        }
        if !c.is_uppercase() {
            return None;
        }
        letters.extend(fold(&c.to_string()).chars());
    }
    (MIN_ABBREV_LETTERS..=MAX_ABBREV_LETTERS)
        .contains(&letters.len())
        .then_some(letters)
}

/// The long form that `letters` abbreviates at the end of `before`: the last words whose
/// folded initials spell the letters, in order (a lone `-` or `,` between words is
/// skipped; a word ending a sentence or clause stops the walk). None when they do not.
fn long_form(before: &str, letters: &[char]) -> Option<String> {
    let mut starts: Vec<usize> = Vec::new();
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for piece in before.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        if !word.is_empty() {
            words.push((at, word));
        }
        at += piece.len();
    }
    let mut need = letters.iter().rev();
    let mut want = need.next();
    for (i, &(start, word)) in words.iter().enumerate().rev() {
        let Some(&letter) = want else { break };
        let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
        if trimmed.is_empty() {
            if word
                .chars()
                .any(|c| matches!(c, '.' | ';' | ':' | '(' | ')'))
            {
                return None;
            }
            continue;
        }
        // A word that ends a clause cannot be inside the long form (only its last word
        // may touch the parenthesis).
        if i + 1 < words.len() && word.ends_with(['.', ';', ':', '(', ')']) {
            return None;
        }
        if !fold(trimmed).starts_with(letter) {
            return None;
        }
        starts.push(start);
        want = need.next();
    }
    if want.is_some() {
        return None;
    }
    let from = *starts.last()?;
    let long = before[from..]
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric());
    Some(long.to_lowercase())
}

/// The abbreviations that `text` defines: `long form (ABBR)` where the initials of the
/// words just before the parenthesis spell the abbreviation's letters. Each pair once,
/// in order of first definition.
pub fn learn(text: &str) -> Vec<Abbreviation> {
    let mut out: Vec<Abbreviation> = Vec::new();
    let mut offset = 0;
    while let Some(open) = text[offset..].find('(') {
        let open = offset + open;
        let after = &text[open + 1..];
        let Some(close) = after.find(')') else { break };
        let inner = after[..close].trim();
        if let Some(letters) = abbrev_letters(inner) {
            if let Some(long) = long_form(&text[..open], &letters) {
                let pair = Abbreviation {
                    short: inner.to_string(),
                    long,
                };
                if !out.contains(&pair) {
                    out.push(pair);
                }
            }
        }
        offset = open + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        learn(text).into_iter().map(|a| (a.short, a.long)).collect()
    }

    #[test]
    fn learns_long_forms_before_parentheses() {
        let got = pairs(
            "Đẩy mạnh cải cách hành chính (CCHC) và Kế hoạch phát triển kinh tế - xã hội \
             (KT-XH); Hội đồng nhân dân (HĐND) tỉnh. Đội ứng cứu sự cố (UCSC).",
        );
        assert_eq!(
            got,
            [
                ("CCHC".into(), "cải cách hành chính".into()),
                ("KT-XH".into(), "kinh tế - xã hội".into()),
                ("HĐND".into(), "hội đồng nhân dân".into()),
                ("UCSC".into(), "ứng cứu sự cố".into()),
            ]
        );
    }

    #[test]
    fn ignores_what_is_not_an_abbreviation() {
        assert!(pairs("tăng 5% (so với cùng kỳ) và (a) (II) (ha)").is_empty());
        // Initials that do not match the words before.
        assert!(pairs("nông nghiệp phát triển (CCHC)").is_empty());
        // Unclosed parenthesis.
        assert!(pairs("cải cách hành chính (CCHC").is_empty());
    }

    #[test]
    fn builtin_entries_are_consistent() {
        for a in builtin() {
            assert!(abbrev_letters(&a.short).is_some(), "{}", a.short);
            assert_eq!(a.long, a.long.to_lowercase());
        }
    }
}
