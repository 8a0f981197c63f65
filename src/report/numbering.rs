//! Numbered headings: recognises the numbering styles of SPEC §4 at the start of a
//! paragraph and ranks them: `Phần I` > `I.`/`I-` > `1.` > `1.1.` > `1.1.1.` > `a)`.
//! Whether a candidate really opens a section depends on the numbering already open
//! (see [`Label::fits`]): `2023. Từ …` is not item 2023 of a list.

/// Rank of a `Phần I` block (the highest).
pub const RANK_PART: u8 = 0;
/// Rank of a Roman-numbered block `I.` / `I-`.
pub const RANK_ROMAN: u8 = 1;
/// Rank of an Arabic-numbered block `1.`; `1.1.` is 3, `1.1.1.` is 4, and so on.
pub const RANK_ARABIC: u8 = 2;
/// Rank of a lettered item `a)` (below any Arabic depth).
pub const RANK_LETTER: u8 = 10;

/// The Vietnamese alphabet order of lettered items (`a) b) c) d) đ) e) g) …`).
pub const LETTERS: &[char] = &[
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];

/// A numbering label found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Rank (lower is higher in the tree).
    pub rank: u8,
    /// Path label, e.g. `Phần I`, `II`, `1`, `2.3.1`, `đ`.
    pub label: String,
    /// Numeric components: `[2]` for `II`, `[2, 3, 1]` for `2.3.1`, letter index + 1.
    pub nums: Vec<u32>,
    /// Byte length of the label and its delimiter, with the white space after it.
    pub len: usize,
}

impl Label {
    /// Whether this label can open a section given the labels already open (the path of
    /// the current section, outermost first). A list must start at 1 (or `a`) or continue the open sibling by one;
    /// `1.2` needs an open `1`.
    pub fn fits(&self, open: &[Label]) -> bool {
        let sibling = open.iter().rev().find(|l| l.rank == self.rank);
        let last = self.nums.last().copied().unwrap_or(0);
        match self.rank {
            RANK_PART | RANK_ROMAN | RANK_ARABIC | RANK_LETTER => match sibling {
                Some(s) => last == s.nums[0] + 1,
                // An excerpt may start at any part or Roman number.
                None if open.is_empty() && self.rank <= RANK_ROMAN => true,
                None => last == 1,
            },
            _ => {
                // N.M…: the parent N.… (one component shorter) must be open.
                let parent_rank = self.rank - 1;
                let Some(parent) = open.iter().rev().find(|l| l.rank == parent_rank) else {
                    return false;
                };
                if parent.nums != self.nums[..self.nums.len() - 1] {
                    return false;
                }
                match sibling {
                    Some(s) if s.nums[..s.nums.len() - 1] == parent.nums[..] => {
                        last == s.nums.last().copied().unwrap_or(0) + 1
                    }
                    _ => last == 1,
                }
            }
        }
    }
}

/// Value of a Roman numeral (I … XXXIX and a few beyond), if `s` is one.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let val = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Option<Vec<u32>> = s.chars().map(val).collect();
    let digits = digits?;
    let mut total = 0i64;
    for (i, &d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|&n| n > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    (total > 0).then_some(total as u32)
}

/// The text after a label must start like a heading or a sentence.
fn heading_start(rest: &str) -> bool {
    match rest.chars().next() {
        Some(c) => c.is_uppercase() || matches!(c, '“' | '"' | '(' | '*'),
        None => false,
    }
}

fn skip_ws(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Recognises a numbering label at the start of `text` (already trimmed).
pub fn parse_label(text: &str) -> Option<Label> {
    parse_part(text)
        .or_else(|| parse_roman(text))
        .or_else(|| parse_arabic(text))
        .or_else(|| parse_letter(text))
}

fn parse_part(text: &str) -> Option<Label> {
    if !(text.starts_with("Phần ") || text.starts_with("PHẦN ")) {
        return None;
    }
    let after = &text["phần ".len()..];
    let tok_len = after
        .find(|c: char| c.is_whitespace() || c == '.' || c == ':' || c == '-')
        .unwrap_or(after.len());
    let tok = &after[..tok_len];
    let num = roman_value(tok).or_else(|| tok.parse::<u32>().ok().filter(|&n| n < 50))?;
    let mut len = "phần ".len() + tok_len;
    let rest = &text[len..];
    let delim = rest.chars().next();
    if matches!(delim, Some('.' | ':' | '-')) {
        len += 1;
    } else if !matches!(delim, None | Some(' ' | '\t')) {
        return None;
    }
    len += skip_ws(&text[len..]);
    let rest = &text[len..];
    if !(rest.is_empty() || heading_start(rest)) {
        return None;
    }
    Some(Label {
        rank: RANK_PART,
        label: format!("Phần {tok}"),
        nums: vec![num],
        len,
    })
}

fn parse_roman(text: &str) -> Option<Label> {
    let tok_len = text
        .find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
        .unwrap_or(text.len());
    let tok = &text[..tok_len];
    let num = roman_value(tok)?;
    let rest = &text[tok_len..];
    let delim = rest.chars().next()?;
    if !matches!(delim, '.' | '-' | ')' | '–') {
        return None;
    }
    let after = &rest[delim.len_utf8()..];
    let ws = skip_ws(after);
    if ws == 0 && !after.starts_with("**") {
        return None;
    }
    let len = tok_len + delim.len_utf8() + ws;
    heading_start(&text[len..]).then(|| Label {
        rank: RANK_ROMAN,
        label: tok.to_string(),
        nums: vec![num],
        len,
    })
}

fn parse_arabic(text: &str) -> Option<Label> {
    let mut nums = Vec::new();
    let mut pos = 0;
    let bytes = text.as_bytes();
    loop {
        let start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        if pos == start || pos - start > 2 {
            return None;
        }
        nums.push(text[start..pos].parse::<u32>().ok()?);
        // Delimiter: `.` then maybe another number; `)` or `-` ends the label.
        match bytes.get(pos) {
            Some(b'.') => {
                pos += 1;
                if bytes.get(pos).is_some_and(|b| b.is_ascii_digit()) {
                    continue;
                }
                break;
            }
            Some(b')') if nums.len() == 1 => {
                pos += 1;
                break;
            }
            Some(b'-') if nums.len() == 1 => {
                pos += 1;
                break;
            }
            Some(b' ') if nums.len() > 1 => break,
            _ => return None,
        }
    }
    if nums.len() > 6 || nums.contains(&0) {
        return None;
    }
    let ws = skip_ws(&text[pos..]);
    if ws == 0 {
        return None;
    }
    let len = pos + ws;
    heading_start(&text[len..]).then(|| Label {
        rank: RANK_ARABIC + nums.len() as u8 - 1,
        label: nums
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("."),
        nums,
        len,
    })
}

fn parse_letter(text: &str) -> Option<Label> {
    let mut chars = text.chars();
    let c = chars.next()?;
    let idx = LETTERS.iter().position(|&l| l == c)?;
    if chars.next()? != ')' {
        return None;
    }
    let pos = c.len_utf8() + 1;
    let ws = skip_ws(&text[pos..]);
    if ws == 0 {
        return None;
    }
    let len = pos + ws;
    let rest = &text[len..];
    rest.chars().next()?.is_alphabetic().then(|| Label {
        rank: RANK_LETTER,
        label: c.to_string(),
        nums: vec![idx as u32 + 1],
        len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<String> {
        parse_label(s).map(|l| format!("{}@{}", l.label, l.rank))
    }

    #[test]
    fn recognises_every_style() {
        assert_eq!(label("Phần I"), Some("Phần I@0".into()));
        assert_eq!(label("PHẦN II. NHIỆM VỤ"), Some("Phần II@0".into()));
        assert_eq!(label("I. CÔNG TÁC"), Some("I@1".into()));
        assert_eq!(label("III- Một số"), Some("III@1".into()));
        assert_eq!(label("1. Về phát triển"), Some("1@2".into()));
        assert_eq!(label("1.1. Sản xuất"), Some("1.1@3".into()));
        assert_eq!(label("1.3.  Hoạt động"), Some("1.3@3".into()));
        assert_eq!(label("2.3.1. Kết quả"), Some("2.3.1@4".into()));
        assert_eq!(label("9.2 Nguyên nhân"), Some("9.2@3".into()));
        assert_eq!(label("a) Về thực hiện"), Some("a@10".into()));
        assert_eq!(label("đ) Hoạt động"), Some("đ@10".into()));
        assert_eq!(label("2023. Từ 01/01"), None);
        assert_eq!(label("179.600 con"), None);
        assert_eq!(label("202 vụ"), None);
        assert_eq!(label("634,5 tỷ đồng"), None);
        assert_eq!(label("1. tăng"), None);
        assert_eq!(label("Ước 9 tháng"), None);
    }

    #[test]
    fn fits_checks_the_sequence() {
        let l = |s: &str| parse_label(s).unwrap();
        let open = vec![l("II. A"), l("1. B"), l("1.1. C")];
        assert!(l("1.2. D").fits(&open));
        assert!(!l("1.3. D").fits(&open));
        assert!(l("2. E").fits(&open));
        assert!(!l("5. E").fits(&open));
        assert!(l("III. F").fits(&open));
        assert!(l("a) x").fits(&open));
        assert!(!l("b) x").fits(&open));
        assert!(!l("2.1. G").fits(&open));
        assert_eq!(roman_value("XIV"), Some(14));
        assert!(l("III. A").fits(&[]));
        assert!(!l("3. A").fits(&[]));
    }
}
