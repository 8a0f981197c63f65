//! Numbered headings: recognises the numbering styles of reports and legal texts at the
//! start of a paragraph and ranks them, from the top of the tree down:
//!
//! `Phụ lục 1` > `Phần I` / `Phần thứ nhất` > `Chương I` > `Mục 1` > `A.` > `I.` / `I-` >
//! `Điều 1.` > `1.` > `1.1.` > `1.1.1.` … > `Một là,` / `Thứ nhất,` > `a)` / `a.`
//!
//! Whether a candidate really opens a section depends on the numbering already open (see
//! [`Label::fits`]): `2023. Từ …` is not item 2023 of a list. A paragraph may read as
//! more than one label (`C.` is the letter C or the Roman 100): [`parse_labels`] gives
//! every reading, most likely first.

/// Rank of an appendix (`Phụ lục 1`, or a document attached after the signature): the
/// root of everything that follows it.
pub const RANK_APPENDIX: u8 = 0;
/// Rank of a `Phần I` / `Phần thứ nhất` block.
pub const RANK_PART: u8 = 1;
/// Rank of a chapter `Chương I` (legal texts, charters).
pub const RANK_CHAPTER: u8 = 2;
/// Rank of a `Mục 1` block (between chapter and article in legal texts).
pub const RANK_MUC: u8 = 3;
/// Rank of a capital-letter block `A.` (above the Roman numbering in reports).
pub const RANK_UPPER: u8 = 4;
/// Rank of a Roman-numbered block `I.` / `I-`.
pub const RANK_ROMAN: u8 = 5;
/// Rank of an article `Điều 1.` (decisions, charters).
pub const RANK_ARTICLE: u8 = 6;
/// Rank of an Arabic-numbered block `1.`; `1.1.` is one more, `1.1.1.` two more…
pub const RANK_ARABIC: u8 = 7;
/// Deepest Arabic numbering read (`1.2.3.4.5.6.`).
const ARABIC_DEPTH: usize = 6;
/// Rank of a paragraph-opening enumeration `Một là, …` / `Thứ nhất, …`.
pub const RANK_ORDINAL: u8 = 15;
/// Rank of a lettered item `a)` / `a.` (below any other numbering).
pub const RANK_LETTER: u8 = 20;

/// The Vietnamese alphabet order of lettered items (`a) b) c) d) đ) e) g) …`).
pub const LETTERS: &[char] = &[
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];

/// Vietnamese number words 1–10 as used in `Một là`, `Thứ nhất`, `Phần thứ hai`.
const ORDINAL_WORDS: &[(&str, u32)] = &[
    ("một", 1),
    ("nhất", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("tư", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("bẩy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
];

/// A numbering label found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Rank (lower is higher in the tree).
    pub rank: u8,
    /// Path label, e.g. `Phần I`, `Chương II`, `Điều 3`, `A`, `II`, `1`, `2.3.1`, `Một
    /// là`, `đ`.
    pub label: String,
    /// Numeric components: `[2]` for `II`, `[2, 3, 1]` for `2.3.1`, letter index + 1; `[0]`
    /// for an appendix without a number.
    pub nums: Vec<u32>,
    /// Byte length of the label and its delimiter, with the white space after it.
    pub len: usize,
}

impl Label {
    /// Whether this label can open a section given the labels already open (the path of
    /// the current section, outermost first) and `prev`, the last label of the same rank
    /// already closed (numbering that runs on across parents: `Điều 6` after `Chương II`).
    /// A list must start at 1 (or `a`), continue the open sibling by one, or continue
    /// `prev` by one; `1.2` needs an open `1`.
    pub fn fits(&self, open: &[Label], prev: Option<&Label>) -> bool {
        self.fits_with_gap(open, prev, 0)
    }

    /// Like [`Label::fits`], tolerating `gap` missing numbers before this one (`IV.` after
    /// `II.` when `III.` was skipped in the file).
    pub fn fits_with_gap(&self, open: &[Label], prev: Option<&Label>, gap: u32) -> bool {
        if self.rank == RANK_APPENDIX {
            return true;
        }
        let sibling = open.iter().rev().find(|l| l.rank == self.rank);
        let last = self.nums.last().copied().unwrap_or(0);
        let next_of = |n: u32| last > n && last <= n + 1 + gap;
        let dotted = self.rank > RANK_ARABIC && self.rank < RANK_ORDINAL;
        if !dotted {
            return match sibling {
                Some(s) => next_of(s.nums[0]),
                // An excerpt may start at any part, chapter or Roman number.
                None if open.is_empty() && self.rank <= RANK_ROMAN => true,
                None => {
                    last == 1
                        || prev.is_some_and(|p| p.nums.len() == 1 && next_of(p.nums[0]))
                        || (gap > 0 && last <= 1 + gap)
                }
            };
        }
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
                next_of(s.nums.last().copied().unwrap_or(0))
            }
            _ => last == 1 || (gap > 0 && last <= 1 + gap),
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

/// Recognises a numbering label at the start of `text` (already trimmed): the most likely
/// reading of [`parse_labels`].
pub fn parse_label(text: &str) -> Option<Label> {
    parse_labels(text).into_iter().next()
}

/// Every numbering label `text` (already trimmed) may start with, most likely first.
pub fn parse_labels(text: &str) -> Vec<Label> {
    let mut out = Vec::new();
    let parsers: [fn(&str) -> Option<Label>; 10] = [
        parse_appendix,
        parse_part,
        parse_chapter,
        parse_muc,
        parse_roman,
        parse_upper,
        parse_article,
        parse_arabic,
        parse_ordinal,
        parse_letter,
    ];
    for p in parsers {
        if let Some(l) = p(text) {
            out.push(l);
        }
    }
    out
}

/// `word` at the start of `text` in any of `forms` (`Phần`, `PHẦN`): the rest.
fn strip_word<'a>(text: &'a str, forms: &[&str]) -> Option<&'a str> {
    forms.iter().find_map(|f| {
        text.strip_prefix(f)
            .filter(|r| r.starts_with([' ', '\t']) || r.is_empty())
    })
}

/// A number token after a keyword (`I`, `II`, `1`, `01`, `thứ nhất`): (value, token as
/// written, bytes taken).
fn number_token(after: &str) -> Option<(u32, String, usize)> {
    let lead = skip_ws(after);
    let rest = &after[lead..];
    if let Some(r) = rest
        .strip_prefix("thứ ")
        .or_else(|| rest.strip_prefix("THỨ "))
    {
        let word: String = r
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>();
        let lower = word.to_lowercase();
        let n = ORDINAL_WORDS
            .iter()
            .find(|(w, _)| *w == lower && *w != "một")
            .map(|(_, n)| *n)?;
        let taken = lead + "thứ ".len() + word.len();
        return Some((n, format!("thứ {lower}"), taken));
    }
    let tok_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let tok = &rest[..tok_len];
    let n = roman_value(tok).or_else(|| {
        (tok.len() <= 3 && tok.bytes().all(|b| b.is_ascii_digit()))
            .then(|| tok.parse::<u32>().ok())
            .flatten()
            .filter(|&n| n > 0)
    })?;
    Some((n, tok.to_string(), lead + tok_len))
}

/// After a keyword label's number: an optional delimiter (`.`, `:`, `-`, `–`), white
/// space, and a heading-like start or nothing. Returns the label length.
fn keyword_rest(text: &str, mut len: usize, need_delim: bool) -> Option<usize> {
    let rest = &text[len..];
    let delim = rest.chars().next();
    if let Some(d @ ('.' | ':' | '-' | '–')) = delim {
        len += d.len_utf8();
    } else if need_delim || !matches!(delim, None | Some(' ' | '\t')) {
        return None;
    }
    len += skip_ws(&text[len..]);
    let rest = &text[len..];
    (rest.is_empty() || heading_start(rest)).then_some(len)
}

fn keyword_label(
    text: &str,
    forms: &[&str],
    name: &str,
    rank: u8,
    need_delim: bool,
) -> Option<Label> {
    let after = strip_word(text, forms)?;
    let (num, tok, taken) = number_token(after)?;
    let len = keyword_rest(text, text.len() - after.len() + taken, need_delim)?;
    Some(Label {
        rank,
        label: format!("{name} {tok}"),
        nums: vec![num],
        len,
    })
}

/// Longest paragraph read as an appendix heading (`PHỤ LỤC 02: DANH MỤC …`).
const APPENDIX_MAX_CHARS: usize = 200;

fn parse_appendix(text: &str) -> Option<Label> {
    if text.chars().count() > APPENDIX_MAX_CHARS {
        return None;
    }
    let after = strip_word(text, &["PHỤ LỤC", "Phụ lục", "Phụ Lục", "PHỤ LUC"])?;
    let head = text.len() - after.len();
    let trimmed = after.trim_start();
    let (num, tok, taken) = match trimmed
        .strip_prefix("số")
        .or_else(|| trimmed.strip_prefix("SỐ"))
    {
        Some(r) => {
            let (n, t, k) = number_token(r)?;
            (n, t, after.len() - r.len() + k)
        }
        None => number_token(after).unwrap_or((0, String::new(), 0)),
    };
    let len = head + taken;
    let rest = &text[len..];
    let delim = rest.chars().next();
    let mut len = len;
    if let Some(d @ ('.' | ':' | '-' | '–')) = delim {
        len += d.len_utf8();
    } else if !matches!(delim, None | Some(' ' | '\t' | '(')) {
        return None;
    }
    len += skip_ws(&text[len..]);
    let rest = &text[len..];
    // `Phụ lục kèm theo …` in a sentence: only a capitalised or empty rest.
    let upper_word = text.starts_with("PHỤ");
    if !(rest.is_empty() || heading_start(rest) || upper_word && num > 0) {
        return None;
    }
    Some(Label {
        rank: RANK_APPENDIX,
        label: if num > 0 {
            format!("Phụ lục {tok}")
        } else {
            "Phụ lục".to_string()
        },
        nums: vec![num],
        len,
    })
}

fn parse_part(text: &str) -> Option<Label> {
    keyword_label(text, &["Phần", "PHẦN"], "Phần", RANK_PART, false)
}

fn parse_chapter(text: &str) -> Option<Label> {
    keyword_label(text, &["Chương", "CHƯƠNG"], "Chương", RANK_CHAPTER, false)
}

fn parse_muc(text: &str) -> Option<Label> {
    keyword_label(text, &["Mục", "MỤC"], "Mục", RANK_MUC, false)
}

fn parse_article(text: &str) -> Option<Label> {
    let l = keyword_label(text, &["Điều", "ĐIỀU"], "Điều", RANK_ARTICLE, true)?;
    // Articles are numbered in Arabic digits.
    l.label
        .bytes()
        .last()
        .is_some_and(|b| b.is_ascii_digit())
        .then_some(l)
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

/// `A.` / `B)`: a capital letter of the Vietnamese alphabet, a `.` or `)`, white space
/// and a capital.
fn parse_upper(text: &str) -> Option<Label> {
    parse_letter_label(text, true)
}

/// `a)` / `b.`: a small letter of the Vietnamese alphabet, a `)` or `.`, white space and
/// a letter.
fn parse_letter(text: &str) -> Option<Label> {
    parse_letter_label(text, false)
}

/// A letter label: one letter of the Vietnamese alphabet (a capital when `upper`, else a
/// small one), a `.` or `)`, white space, then a heading start (capitals) or any letter
/// (small letters).
fn parse_letter_label(text: &str, upper: bool) -> Option<Label> {
    let mut chars = text.chars();
    let c = chars.next()?;
    let idx = LETTERS.iter().position(|&l| {
        if upper {
            l.to_uppercase().next() == Some(c)
        } else {
            l == c
        }
    })?;
    if !matches!(chars.next()?, '.' | ')') {
        return None;
    }
    let pos = c.len_utf8() + 1;
    let ws = skip_ws(&text[pos..]);
    if ws == 0 {
        return None;
    }
    let len = pos + ws;
    let rest = &text[len..];
    let (rank, starts) = if upper {
        (RANK_UPPER, heading_start(rest))
    } else {
        (
            RANK_LETTER,
            rest.chars().next().is_some_and(char::is_alphabetic),
        )
    };
    starts.then(|| Label {
        rank,
        label: c.to_string(),
        nums: vec![idx as u32 + 1],
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
    if nums.len() > ARABIC_DEPTH || nums.contains(&0) {
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

/// `Một là, …`, `Hai là: …`, `Thứ nhất, …`, `Thứ hai là …`: a paragraph-opening
/// enumeration. The number word is lower case after `Thứ` (`Thứ Hai` is Monday).
fn parse_ordinal(text: &str) -> Option<Label> {
    let first: String = text.chars().take_while(|c| c.is_alphabetic()).collect();
    let (num, mut len, label) = if first == "Thứ" {
        let rest = text[first.len()..].strip_prefix(' ')?;
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        let n = ORDINAL_WORDS
            .iter()
            .find(|(w, _)| *w == word && *w != "một")
            .map(|(_, n)| *n)?;
        (n, first.len() + 1 + word.len(), format!("Thứ {word}"))
    } else {
        let lower = first.to_lowercase();
        let n = ORDINAL_WORDS
            .iter()
            .find(|(w, _)| *w == lower && !matches!(*w, "nhất" | "tư"))
            .map(|(_, n)| *n)?;
        text[first.len()..].strip_prefix(" là")?;
        (n, first.len() + " là".len(), format!("{first} là"))
    };
    let rest = &text[len..];
    // `Thứ hai là …`
    let rest2 = rest.strip_prefix(" là").unwrap_or(rest);
    len += rest.len() - rest2.len();
    let d = rest2.chars().next()?;
    // `Thứ hai tuần này …` is a sentence: after `Thứ …` a comma, colon or `là`.
    let thu_bare = first == "Thứ" && d == ' ' && rest2.len() == rest.len();
    if !matches!(d, ',' | ':' | '.' | ' ') || thu_bare {
        return None;
    }
    if d != ' ' {
        len += d.len_utf8();
    }
    len += skip_ws(&text[len..]);
    text[len..].chars().next()?.is_alphabetic().then(|| Label {
        rank: RANK_ORDINAL,
        label,
        nums: vec![num],
        len,
    })
}

/// The rank of a section path label as [`parse_label`] writes it (`Phần I` → 0, `II` →
/// [`RANK_ROMAN`], `2` → [`RANK_ARABIC`], `2.3` → one more, `a` → [`RANK_LETTER`]);
/// `None` for labels of no numbering.
pub fn rank_of_path_label(label: &str) -> Option<u8> {
    if label.starts_with("table") {
        return None;
    }
    let probe = if label.chars().count() == 1 && label.chars().all(char::is_lowercase) {
        format!("{label}) X")
    } else if label.ends_with(" là") || label.starts_with("Thứ ") {
        format!("{label}, x")
    } else {
        format!("{label}. X")
    };
    parse_label(&probe).map(|l| l.rank)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<String> {
        parse_label(s).map(|l| format!("{}@{}", l.label, l.rank))
    }

    #[test]
    fn recognises_every_style() {
        assert_eq!(label("Phần I"), Some("Phần I@1".into()));
        assert_eq!(label("PHẦN II. NHIỆM VỤ"), Some("Phần II@1".into()));
        assert_eq!(label("I. CÔNG TÁC"), Some("I@5".into()));
        assert_eq!(label("III- Một số"), Some("III@5".into()));
        assert_eq!(label("1. Về phát triển"), Some("1@7".into()));
        assert_eq!(label("1.1. Sản xuất"), Some("1.1@8".into()));
        assert_eq!(label("1.3.  Hoạt động"), Some("1.3@8".into()));
        assert_eq!(label("2.3.1. Kết quả"), Some("2.3.1@9".into()));
        assert_eq!(label("9.2 Nguyên nhân"), Some("9.2@8".into()));
        assert_eq!(label("a) Về thực hiện"), Some("a@20".into()));
        assert_eq!(label("đ) Hoạt động"), Some("đ@20".into()));
        assert_eq!(label("b. Được tham gia"), Some("b@20".into()));
        assert_eq!(label("2023. Từ 01/01"), None);
        assert_eq!(label("179.600 con"), None);
        assert_eq!(label("202 vụ"), None);
        assert_eq!(label("634,5 tỷ đồng"), None);
        assert_eq!(label("1. tăng"), None);
        assert_eq!(label("Ước 9 tháng"), None);
        assert_eq!(label("v.v. và"), None);
    }

    #[test]
    fn legal_and_enumeration_styles() {
        assert_eq!(label("Phần thứ nhất"), Some("Phần thứ nhất@1".into()));
        assert_eq!(
            label("PHẦN THỨ HAI: NHIỆM VỤ"),
            Some("Phần thứ hai@1".into())
        );
        assert_eq!(label("Chương I"), Some("Chương I@2".into()));
        assert_eq!(
            label("CHƯƠNG II. QUYỀN VÀ NGHĨA VỤ"),
            Some("Chương II@2".into())
        );
        assert_eq!(label("Mục 1. Ban Chấp hành"), Some("Mục 1@3".into()));
        assert_eq!(label("Mục tiêu của kế hoạch"), None);
        assert_eq!(label("A. KẾT QUẢ ĐẠT ĐƯỢC"), Some("A@4".into()));
        assert_eq!(label("Điều 1. Phê duyệt"), Some("Điều 1@6".into()));
        assert_eq!(label("Điều 12: Hội viên"), Some("Điều 12@6".into()));
        assert_eq!(label("Điều 5 Luật Đất đai quy định"), None);
        assert_eq!(label("Một là, tăng cường"), Some("Một là@15".into()));
        assert_eq!(label("Hai là: đẩy mạnh"), Some("Hai là@15".into()));
        assert_eq!(label("Thứ nhất, về thể chế"), Some("Thứ nhất@15".into()));
        assert_eq!(label("Thứ hai là tập trung"), Some("Thứ hai@15".into()));
        assert_eq!(label("Thứ Hai, ngày 5/3"), None);
        assert_eq!(label("Thứ hai tuần này họp"), None);
        assert_eq!(label("Năm 2024 tăng"), None);
        assert_eq!(label("PHỤ LỤC"), Some("Phụ lục@0".into()));
        assert_eq!(label("Phụ lục 02: Danh mục"), Some("Phụ lục 02@0".into()));
        assert_eq!(label("PHỤ LỤC SỐ 3"), Some("Phụ lục 3@0".into()));
        assert_eq!(label("Phụ lục kèm theo báo cáo này"), None);
        // `C.` reads as the letter C and as the Roman 100.
        let c: Vec<u8> = parse_labels("C. TỒN TẠI").iter().map(|l| l.rank).collect();
        assert_eq!(c, [RANK_ROMAN, RANK_UPPER]);
    }

    #[test]
    fn fits_checks_the_sequence() {
        let l = |s: &str| parse_label(s).unwrap();
        let open = vec![l("II. A"), l("1. B"), l("1.1. C")];
        assert!(l("1.2. D").fits(&open, None));
        assert!(!l("1.3. D").fits(&open, None));
        assert!(l("2. E").fits(&open, None));
        assert!(!l("5. E").fits(&open, None));
        assert!(l("III. F").fits(&open, None));
        assert!(l("a) x").fits(&open, None));
        assert!(!l("b) x").fits(&open, None));
        assert!(!l("2.1. G").fits(&open, None));
        assert_eq!(roman_value("XIV"), Some(14));
        assert!(l("III. A").fits(&[], None));
        assert!(!l("3. A").fits(&[], None));
        // Articles run on across chapters.
        let open = vec![l("Chương II")];
        assert!(l("Điều 6. Quyền").fits(&open, Some(&l("Điều 5. Nguyên tắc"))));
        assert!(!l("Điều 7. Quyền").fits(&open, Some(&l("Điều 5. Nguyên tắc"))));
        // A skipped Roman number, when allowed.
        let open = vec![l("II. A"), l("8. B")];
        assert!(!l("IV. ĐÁNH GIÁ").fits(&open, None));
        assert!(l("IV. ĐÁNH GIÁ").fits_with_gap(&open, None, 1));
        assert_eq!(rank_of_path_label("Chương I"), Some(RANK_CHAPTER));
        assert_eq!(rank_of_path_label("Một là"), Some(RANK_ORDINAL));
        assert_eq!(rank_of_path_label("2.1"), Some(RANK_ARABIC + 1));
        assert_eq!(rank_of_path_label("table1"), None);
    }
}
