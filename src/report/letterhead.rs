//! The letterhead of an administrative document (Nghị định 30/2020 layout): the issuing
//! body with its parent line (`UBND TỈNH LÂM ĐỒNG` / `SỞ NỘI VỤ`), the number
//! (`Số: 329/BC-UBND`), the `V/v …` subject line of a công văn and the place-date line
//! (`Lâm Đồng, ngày 19 tháng 12 năm 2025`).
//!
//! The two columns of a letterhead reach the parser in several orders: cell by cell
//! (.docx tables: the left column, then the right), as `| left | right |` rows (pandoc and
//! antiword grid tables), as one line per row with the columns run together or spaced
//! apart (antiword, some .docx), or interleaved line by line (pdftotext). Every line of
//! the top of the document is cut into fragments (cells, runs of spaces, the national
//! motto), and each fragment is classified on its own, so the order does not matter.

use unicode_normalization::UnicodeNormalization;

use crate::analysis::{self, FoldedLine};

use super::metadata::PROVINCES;

/// Non-empty lines read at the top of a document, at most: a letterhead with its
/// subject line fits in 20; the rest is room for odd layouts.
const MAX_HEADER_LINES: usize = 40;

/// Longest fragment taken as a line of the issuing body (real ones are under 80
/// characters; longer uppercase text is a title).
const MAX_AGENCY_CHARS: usize = 100;

/// Lines a `V/v` subject goes on over, at most (real ones take one to three).
const MAX_SUBJECT_LINES: usize = 3;

/// Fragments after a `Số:` fragment whose code has no `/` where the rest of the code
/// (`/SNV-TCBC`) is looked for: in a signed PDF the number typed into the form and the
/// printed code are two blocks, with the right column's lines (the two lines of the
/// motto, the place and date) read in between.
const NUMBER_SUFFIX_REACH: usize = 4;

/// Words at most in the place name before `, ngày` (`Thành phố Hồ Chí Minh`).
const MAX_PLACE_WORDS: usize = 5;

/// What the letterhead says. Every field is `None` when it is absent or left blank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    /// The issuing body with its parent's place: `Sở Nội vụ tỉnh Lâm Đồng`.
    pub issuer: Option<String>,
    /// Whether the issuing body is a party committee (Tỉnh ủy, Đảng ủy…).
    pub party: bool,
    /// The document number: `329/BC-UBND`.
    pub number: Option<String>,
    /// Whether a `Số:` line is there with its number left blank (a draft).
    pub blank_number: bool,
    /// The code of the `Số:` line, also when the number is blank: `329/BC-UBND`,
    /// `/UBND-NC`, `-QC/ĐU`.
    pub code: Option<String>,
    /// The date of the place-date line, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Whether a place-date line is there with its day left blank (a draft).
    pub blank_date: bool,
    /// The year of the place-date line, also when its day or month is left blank (a
    /// draft's `ngày    tháng 8 năm 2025`): the document's own year.
    pub date_year: Option<i32>,
    /// The `V/v …` subject line of a công văn, without `V/v`.
    pub subject: Option<String>,
    /// The province named by the issuing body or the place-date line.
    pub province: Option<String>,
}

/// Lower case without diacritics (`Sở Nội vụ` → `so noi vu`), for matching words: folded
/// char by char by the one rule in `analysis` ([`analysis::fold_char`]), so that a place
/// found in the folded text is a place in `s` ([`analysis::FoldedLine`]).
pub fn fold(s: &str) -> String {
    s.chars().filter_map(analysis::fold_char).collect()
}

/// Whether every letter of `s` is upper case (and there are at least two).
fn is_upper(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// The national motto and the party's heading, which fill the right column.
fn motto_at(s: &str) -> Option<usize> {
    let folded = FoldedLine::new(s);
    [
        "cong hoa xa hoi",
        "doc lap - tu do",
        "doc lap – tu do",
        "doc lap-tu do",
        "dang cong san viet nam",
    ]
    .iter()
    .filter_map(|m| folded.text.find(m))
    .min()
    .map(|at| folded.line_byte(at))
}

/// Cuts a header line into fragments: table cells, columns set apart by tabs or runs of
/// spaces, and the motto set apart from what precedes it on the line.
fn fragments(line: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let cells: Vec<&str> = if line.trim_start().starts_with('|') {
        line.split('|').collect()
    } else {
        vec![line]
    };
    for cell in cells {
        let mut run = String::new();
        let mut spaces = 0;
        for c in cell.chars() {
            if c == '\t' {
                spaces = 3;
            } else if c == ' ' {
                spaces += 1;
            } else {
                if spaces >= 3 && !run.trim().is_empty() {
                    parts.push(std::mem::take(&mut run));
                } else if spaces > 0 {
                    run.push(' ');
                }
                spaces = 0;
                run.push(c);
            }
        }
        parts.push(run);
    }
    let mut out = Vec::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        // The subject line run into the number line (`Số: 171/SKHCN-CĐS V/v góp ý …`,
        // pdftotext joining the left column): two fragments.
        if let Some(at) = subject_after_number(p) {
            out.push(p[..at].trim().to_string());
            out.push(p[at..].trim().to_string());
            continue;
        }
        match motto_at(p) {
            Some(at) if at > 0 => {
                out.push(p[..at].trim().to_string());
                out.push(p[at..].trim().to_string());
            }
            _ => out.push(p.to_string()),
        }
    }
    out.retain(|f| !f.is_empty());
    out
}

/// Where a `V/v` subject starts inside a `Số:` fragment, after a space.
fn subject_after_number(fragment: &str) -> Option<usize> {
    let at = fragment
        .char_indices()
        .skip(1)
        .find(|&(i, _)| {
            let rest = &fragment[i..];
            fragment[..i].ends_with(' ')
                && rest.len() > 3
                && rest.is_char_boundary(3)
                && rest[..3].eq_ignore_ascii_case("v/v")
        })
        .map(|(i, _)| i)?;
    number_part(fragment[..at].trim_end()).map(|_| at)
}

/// A fragment's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Motto,
    Number,
    Subject,
    Date,
    Title,
    Agency,
    Other,
}

/// Uppercase words that open a document's title (the type line), not an agency.
const TITLE_WORDS: &[&str] = &[
    "bao cao",
    "ke hoach",
    "to trinh",
    "quyet dinh",
    "nghi quyet",
    "chi thi",
    "cong van",
    "cong dien",
    "thong bao",
    "tham luan",
    "phieu trinh",
    "giai trinh",
    "quy che",
    "quy dinh",
    "dieu le",
    "huong dan",
    "chuong trinh",
    "de an",
    "de cuong",
    "bien ban",
    "thong tu",
    "nghi dinh",
    "ket luan",
    "danh sach",
    "phu luc",
    "thuyet minh",
    "du thao",
    "giay moi",
    "giay uy quyen",
    "quyet nghi",
    "so lieu",
];

fn starts_with_words(folded: &str, words: &str) -> bool {
    folded.starts_with(words)
        && folded[words.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Whether `s` is a document's type line (`TỜ TRÌNH`, `BÁO CÁO TỰ GIÁM SÁT`).
pub fn is_title_line(s: &str) -> bool {
    let folded = fold(s.trim());
    is_upper(s) && TITLE_WORDS.iter().any(|w| starts_with_words(&folded, w))
}

fn kind(fragment: &str) -> Kind {
    let folded = fold(fragment);
    if motto_at(fragment) == Some(0) || fragment.chars().all(|c| !c.is_alphanumeric()) {
        return Kind::Motto;
    }
    if starts_with_words(&folded, "so") && number_part(fragment).is_some() {
        return Kind::Number;
    }
    if folded.starts_with("v/v") {
        return Kind::Subject;
    }
    if place_date(fragment).is_some() {
        return Kind::Date;
    }
    if is_title_line(fragment) {
        return Kind::Title;
    }
    if is_upper(fragment) && fragment.chars().count() <= MAX_AGENCY_CHARS {
        return Kind::Agency;
    }
    Kind::Other
}

/// After `Số`: the rest of the fragment, `:`/`.` and spaces dropped, or None when the
/// fragment is not a number line (`Số lượng …`).
fn number_part(fragment: &str) -> Option<&str> {
    let mut chars = fragment.char_indices();
    let (_, first) = chars.next()?;
    let (_, second) = chars.next()?;
    if !matches!(first, 'S' | 's') || !matches!(fold(&second.to_string()).as_str(), "o") {
        return None;
    }
    let rest = chars.as_str().trim_start();
    let rest = rest.strip_prefix([':', '.']).unwrap_or(rest).trim_start();
    let looks_like_code = rest.is_empty()
        || rest.starts_with(['/', '-'])
        || rest.chars().next().is_some_and(|c| c.is_ascii_digit());
    (looks_like_code && rest.chars().count() < 60).then_some(rest)
}

/// The code of a `Số:` fragment, spaces around `/` and after `-` removed, with the
/// fragment that carries the rest when pdftotext cut the code off (`Số: 779` /
/// `/QĐ-UBND`): `329/BC-UBND`, `/QĐ-UBND` (blank number).
fn code(rest: &str, next: Option<&str>) -> String {
    let mut code = rest.to_string();
    if !code.contains('/') {
        if let Some(n) = next.filter(|n| n.starts_with('/')) {
            code.push_str(n);
        }
    }
    let mut compact = String::new();
    for (i, part) in code.split('/').enumerate() {
        if i > 0 {
            compact.push('/');
        }
        compact.push_str(part.trim());
    }
    let compact = compact.replace("- ", "-").replace(" -", "-");
    compact
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', ';'])
        .to_string()
}

/// The number of a code, None when it is left blank (`/QĐ-UBND`).
fn number(code: &str) -> Option<String> {
    (code.chars().next().is_some_and(|c| c.is_ascii_digit()) && code.contains(['/', '-']))
        .then(|| code.to_string())
}

/// A place-date line's parts: the place and what follows `ngày`.
fn place_date(fragment: &str) -> Option<(String, String)> {
    let folded = FoldedLine::new(fragment);
    let at = folded.text.find(", ngay")?;
    let before = &fragment[..folded.line_byte(at)];
    // The capitalized words before the comma; what precedes them may be the number
    // (`Số: 15/UBND-NC Lâm Đồng, ngày …`) but not a lower-case word (a sentence).
    let words: Vec<&str> = before.split_whitespace().collect();
    let capital = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase());
    let n = words.iter().rev().take_while(|w| capital(w)).count();
    let preceded_by_sentence = words
        .len()
        .checked_sub(n + 1)
        .is_some_and(|i| words[i].chars().next().is_some_and(|c| c.is_lowercase()));
    if n == 0 || n > MAX_PLACE_WORDS || preceded_by_sentence {
        return None;
    }
    let place = words[words.len() - n..].join(" ");
    let after_at = folded.line_byte(at + ", ngay".len());
    Some((place.trim().to_string(), fragment[after_at..].to_string()))
}

/// `D tháng M năm Y` or `D/M/Y` after `ngày` → `YYYY-MM-DD`; `Err(year)` when the day
/// (or month) is left blank, `Ok(None)` when it does not read as a date.
fn date_after(rest: &str) -> Result<Option<String>, u32> {
    let folded = fold(rest);
    // (byte offset in `folded`, value) of each run of digits.
    let chars: Vec<char> = folded.chars().collect();
    let bytes: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
    let nums: Vec<(usize, u32)> = super::lines::digit_runs(&chars)
        .map(|r| {
            let run: String = chars[r.clone()].iter().collect();
            (bytes[r.start], run.parse().unwrap_or(0))
        })
        .collect();
    let thang = folded.find("thang");
    let nam = folded.find("nam");
    let (day, month, year) = match (thang, nam) {
        (Some(t), Some(n)) if t < n => {
            let day = nums.iter().find(|(i, _)| *i < t).map(|x| x.1);
            let month = nums.iter().find(|(i, _)| *i > t && *i < n).map(|x| x.1);
            let year = nums.iter().find(|(i, _)| *i > n).map(|x| x.1);
            (day, month, year)
        }
        _ => {
            // `24/10/2025`
            let d: Vec<u32> = nums.iter().take(3).map(|x| x.1).collect();
            let slashes = folded.split_whitespace().next().unwrap_or("").contains('/');
            if d.len() == 3 && slashes {
                (Some(d[0]), Some(d[1]), Some(d[2]))
            } else {
                return Ok(None);
            }
        }
    };
    let Some(year) = year.filter(|y| (1900..=2100).contains(y)) else {
        return Ok(None);
    };
    let (Some(day), Some(month)) = (day, month) else {
        return Err(year);
    };
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return Ok(None);
    }
    Ok(Some(format!("{year:04}-{month:02}-{day:02}")))
}

/// The canonical province named at the start of `s` (folded comparison), with the rest.
fn province_at(s: &str) -> Option<(&'static str, usize)> {
    let folded = fold(s);
    PROVINCES
        .iter()
        .filter(|p| starts_with_words(&folded, &fold(p)))
        .max_by_key(|p| p.len())
        .map(|p| (*p, fold(p).chars().count()))
}

/// How the name after a body's head word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// A proper name: first word capitalized, and each word after `và`, `,`, `-`
    /// (`Sở Văn hóa, Thể thao và Du lịch`).
    Proper,
    /// A description, lower case (`Ban Chỉ đạo phát triển khoa học…`).
    Plain,
    /// A place name follows directly (`Tỉnh ủy Lâm Đồng`).
    Place,
}

/// The heads of issuing bodies: folded words, how they are written, the style of the
/// name after them, and whether the body is a party committee.
const HEADS: &[(&str, &str, Style, bool)] = &[
    ("uy ban nhan dan", "UBND", Style::Place, false),
    ("ubnd", "UBND", Style::Place, false),
    ("hoi dong nhan dan", "HĐND", Style::Place, false),
    ("hdnd", "HĐND", Style::Place, false),
    ("thuong truc hdnd", "Thường trực HĐND", Style::Place, false),
    (
        "uy ban mat tran to quoc viet nam",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        Style::Place,
        false,
    ),
    ("ban thuong vu", "Ban Thường vụ", Style::Proper, true),
    ("ban chap hanh", "Ban Chấp hành", Style::Proper, true),
    ("ban chi dao", "Ban Chỉ đạo", Style::Plain, false),
    ("ban quan ly", "Ban Quản lý", Style::Plain, false),
    ("ban", "Ban", Style::Proper, false),
    ("van phong", "Văn phòng", Style::Proper, false),
    ("so", "Sở", Style::Proper, false),
    ("bo chi huy", "Bộ Chỉ huy", Style::Proper, false),
    ("bo", "Bộ", Style::Proper, false),
    ("tong cuc", "Tổng cục", Style::Proper, false),
    ("chi cuc", "Chi cục", Style::Proper, false),
    ("cuc", "Cục", Style::Proper, false),
    ("cong an", "Công an", Style::Proper, false),
    ("tinh uy", "Tỉnh ủy", Style::Place, true),
    ("thanh uy", "Thành ủy", Style::Place, true),
    ("huyen uy", "Huyện ủy", Style::Place, true),
    ("dang uy", "Đảng ủy", Style::Plain, true),
    ("dang bo", "Đảng bộ", Style::Plain, true),
    ("chi bo", "Chi bộ", Style::Plain, true),
    ("hoi dong", "Hội đồng", Style::Plain, false),
    ("tong lien doan", "Tổng Liên đoàn", Style::Proper, false),
    ("lien doan", "Liên đoàn", Style::Proper, false),
    ("lien hiep", "Liên hiệp", Style::Proper, false),
    ("hiep hoi", "Hiệp hội", Style::Proper, false),
    ("hoi", "Hội", Style::Proper, false),
    ("trung tam", "Trung tâm", Style::Proper, false),
    ("quy", "Quỹ", Style::Proper, false),
    ("phong", "Phòng", Style::Proper, false),
    ("to", "Tổ", Style::Plain, false),
    ("doan", "Đoàn", Style::Proper, false),
    (
        "thu tuong chinh phu",
        "Thủ tướng Chính phủ",
        Style::Proper,
        false,
    ),
    ("chinh phu", "Chính phủ", Style::Proper, false),
    ("quoc hoi", "Quốc hội", Style::Proper, false),
    ("thanh tra", "Thanh tra", Style::Proper, false),
    ("kho bac nha nuoc", "Kho bạc Nhà nước", Style::Proper, false),
    ("truong", "Trường", Style::Proper, false),
    ("benh vien", "Bệnh viện", Style::Proper, false),
    ("vien", "Viện", Style::Proper, false),
    ("cau lac bo", "Câu lạc bộ", Style::Proper, false),
    ("cong ty", "Công ty", Style::Proper, false),
    ("dai phat thanh", "Đài Phát thanh", Style::Proper, false),
];

/// The head of a body line: its index in [`HEADS`] and its length in words.
fn head_of(fragment: &str) -> Option<(usize, usize)> {
    let folded = fold(fragment);
    let folded = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
    // `TỈNH X` continues the line above unless it is the party committee `TỈNH ỦY`.
    HEADS
        .iter()
        .enumerate()
        .filter(|(_, (words, ..))| starts_with_words(folded, words))
        .max_by_key(|(_, (words, ..))| words.len())
        .map(|(i, (words, ..))| (i, words.split(' ').count()))
}

/// Words that introduce a place name (compared with their diacritics: `QUÂN SỰ` is not
/// `quận`), longest first.
const PLACE_WORDS: &[&str] = &[
    "thành phố",
    "thị xã",
    "thị trấn",
    "tp.",
    "tỉnh",
    "huyện",
    "quận",
    "phường",
    "xã",
];

/// The place word that starts at `words[i]` when a name follows it: its length in words
/// and how it is written (`xã hội` is not a place).
fn place_word_at(words: &[&str], i: usize) -> Option<(usize, &'static str)> {
    PLACE_WORDS.iter().find_map(|pw| {
        let n = pw.split(' ').count();
        if i + n >= words.len() {
            return None;
        }
        let joined: String = words[i..i + n]
            .join(" ")
            .nfc()
            .collect::<String>()
            .to_lowercase();
        let social = *pw == "xã" && fold(words[i + 1]) == "hoi";
        (joined == *pw && !social).then_some((n, if *pw == "tp." { "thành phố" } else { pw }))
    })
}

/// Vietnamese syllable onsets (folded), longest first.
const ONSETS: &[&str] = &[
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];
/// Vietnamese syllable codas (folded).
const CODAS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t"];

/// Whether a folded word reads as one Vietnamese syllable; other words of an uppercase
/// line are acronyms (`KHCN`, `CĐS`, `PC04`) and keep their capitals.
fn is_syllable(folded: &str) -> bool {
    if folded.is_empty() || !folded.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let onset = ONSETS
        .iter()
        .find(|o| folded.starts_with(**o))
        .map_or(0, |o| o.len());
    let rest = &folded[onset..];
    let vowels = rest
        .chars()
        .take_while(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
        .count();
    if vowels == 0 || vowels > 3 {
        return false;
    }
    let coda = &rest[vowels..];
    coda.is_empty() || CODAS.contains(&coda)
}

/// Whether a folded word of an uppercase line is an acronym that keeps its capitals
/// (`KHCN`, `UBND`, `PC04`): not a Vietnamese syllable, and without vowels, with a digit
/// or with three consonants in a row (a foreign word such as `GOLF` or `YOGA` is not).
fn is_acronym(folded: &str) -> bool {
    if is_syllable(folded) || !folded.chars().any(|c| c.is_alphabetic()) {
        return false;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut run = 0;
    let mut longest = 0;
    for c in folded.chars().filter(|c| c.is_alphanumeric()) {
        if vowel(c) {
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
    }
    !folded.chars().any(vowel) || folded.chars().any(|c| c.is_ascii_digit()) || longest >= 3
}

/// `word` with its first letter upper case and the rest lower case.
fn capitalized(word: &str) -> String {
    let mut out = String::new();
    for (i, c) in word.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Writes the uppercase words of a body's name in the case of `style`; acronyms keep
/// their capitals, place names after `tỉnh`, `huyện`… are capitalized.
fn case_words(words: &[&str], style: Style) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut capital_next = style != Style::Plain;
    let mut in_place = style == Style::Place;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        let folded = fold(core);
        if let Some((n, written)) = place_word_at(words, i) {
            out.push(written.to_string());
            i += n;
            in_place = true;
            continue;
        }
        if folded == "viet" && words.get(i + 1).is_some_and(|n| fold(n) == "nam") {
            out.push(capitalized(w));
            out.push(capitalized(words[i + 1]));
            i += 2;
            capital_next = false;
            continue;
        }
        let word = if is_acronym(&folded) {
            w.to_string()
        } else if in_place || capital_next {
            capitalized(w)
        } else {
            w.to_lowercase()
        };
        out.push(word);
        capital_next = style == Style::Proper && (folded == "va" || w.ends_with([',', '-']));
        if w == "-" || w == "–" {
            capital_next = style == Style::Proper;
        }
        i += 1;
    }
    out.join(" ")
}

/// One body of the letterhead, from its uppercase lines.
#[derive(Debug, Clone)]
struct Body {
    head: usize,
    /// The words after the head.
    name: Vec<String>,
}

impl Body {
    fn style(&self) -> Style {
        HEADS[self.head].2
    }

    fn is_party(&self) -> bool {
        HEADS[self.head].3
    }

    /// Folded head words.
    fn head_words(&self) -> &'static str {
        HEADS[self.head].0
    }

    /// The place of the body (`tỉnh Lâm Đồng`), written, when its name holds one.
    fn place(&self) -> Option<String> {
        let words: Vec<&str> = self.name.iter().map(String::as_str).collect();
        let at = (0..words.len()).find(|&i| place_word_at(&words, i).is_some());
        match at {
            Some(i) => Some(case_words(&words[i..], Style::Place)),
            None if self.style() == Style::Place && !words.is_empty() => {
                // `TỈNH ỦY LÂM ĐỒNG`: the name is the place.
                Some(case_words(&words, Style::Place))
            }
            None => None,
        }
    }

    /// The province named in the body's place.
    fn province(&self) -> Option<&'static str> {
        let words: Vec<&str> = self.name.iter().map(String::as_str).collect();
        (0..words.len()).find_map(|i| province_at(&words[i..].join(" ")).map(|(p, _)| p))
    }

    fn written(&self) -> String {
        let (_, head, style, _) = HEADS[self.head];
        let words: Vec<&str> = self.name.iter().map(String::as_str).collect();
        if words.is_empty() {
            return head.to_string();
        }
        let name = case_words(&words, style);
        let name = match province_at(&words.join(" ")) {
            // A bare province name after `TỈNH ỦY`: its canonical spelling.
            Some((p, n))
                if style == Style::Place && n == fold(&words.join(" ")).chars().count() =>
            {
                p.to_string()
            }
            _ => name,
        };
        format!("{head} {name}")
    }
}

/// The bodies named by the agency fragments, in order (a fragment without a head word
/// continues the body above, as does any fragment after a line ending with a comma).
fn bodies(agency: &[String]) -> Vec<Body> {
    let mut out: Vec<Body> = Vec::new();
    let mut continues = false;
    for fragment in agency {
        let words: Vec<&str> = fragment.split_whitespace().collect();
        let head = if continues { None } else { head_of(fragment) };
        match (head, out.last_mut()) {
            (Some((h, n)), _) => out.push(Body {
                head: h,
                name: words[n.min(words.len())..]
                    .iter()
                    .map(|w| w.to_string())
                    .collect(),
            }),
            (None, Some(last)) => last.name.extend(words.iter().map(|w| w.to_string())),
            (None, None) => {}
        }
        continues = fragment.trim_end().ends_with([',', '-']);
    }
    // `UBND TỈNH LÂM ĐỒNG SỞ VĂN HÓA …` on one line: a head after the province name
    // starts the next body.
    let mut split = Vec::new();
    for b in out {
        let words: Vec<&str> = b.name.iter().map(String::as_str).collect();
        let cut = (1..words.len()).find(|&i| {
            let before = words[..i].join(" ");
            let ends_in_province = (0..i).any(|j| {
                province_at(&words[j..i].join(" "))
                    .is_some_and(|(_, n)| n == fold(&words[j..i].join(" ")).chars().count())
            });
            ends_in_province && !before.is_empty() && head_of(&words[i..].join(" ")).is_some()
        });
        match cut {
            Some(i) => {
                let rest = words[i..].join(" ");
                let (h, n) = head_of(&rest).expect("cut at a head");
                split.push(Body {
                    head: b.head,
                    name: words[..i].iter().map(|w| w.to_string()).collect(),
                });
                split.push(Body {
                    head: h,
                    name: words[i + n..].iter().map(|w| w.to_string()).collect(),
                });
            }
            None => split.push(b),
        }
    }
    split
}

/// The issuer written from the bodies of the letterhead: the lowest body, with the place
/// of the nearest body above it when it names none (`Sở Nội vụ tỉnh Lâm Đồng`); a bare
/// `VĂN PHÒNG` is the office of the body above (`Văn phòng UBND tỉnh Lâm Đồng`); a room
/// (`PHÒNG …`) of an office is that office.
fn issuer(bodies: &[Body], province: Option<&str>) -> Option<(String, bool)> {
    let mut lowest = bodies.len().checked_sub(1)?;
    if lowest > 0
        && bodies[lowest].head_words() == "phong"
        && bodies[lowest - 1].head_words() == "van phong"
    {
        lowest -= 1;
    }
    let body = &bodies[lowest];
    let above = &bodies[..lowest];
    let party = body.is_party();
    // A Place-style head without its place (`ỦY BAN NHÂN DÂN` alone): the document's.
    let complete = |b: &Body| -> String {
        let written = b.written();
        let Some(p) = province else {
            return written;
        };
        let word = if super::metadata::is_city(p) {
            "thành phố"
        } else {
            "tỉnh"
        };
        if b.style() == Style::Place && b.place().is_none() && b.name.is_empty() {
            return format!("{written} {word} {p}");
        }
        // `VĂN PHÒNG UBND TỈNH`: the province left out after `tỉnh`.
        if written.ends_with(" tỉnh") || written.ends_with(" thành phố") {
            return format!("{written} {p}");
        }
        written
    };
    if body.head_words() == "van phong" && body.name.is_empty() {
        return Some(match above.last() {
            Some(parent) => (format!("Văn phòng {}", complete(parent)), parent.is_party()),
            None => ("Văn phòng".to_string(), false),
        });
    }
    let own = complete(body);
    if body.place().is_some() || body.style() == Style::Place {
        return Some((own, party));
    }
    match above.iter().rev().find_map(Body::place) {
        Some(place) => Some((format!("{own} {place}"), party)),
        None => Some((own, party)),
    }
}

/// Names of ministries, central bodies and provincial departments, as they are written:
/// a letterhead typed without diacritics (`BO TAI CHINH`) is given them back.
const KNOWN_BODIES: &[&str] = &[
    "Bộ Công an",
    "Bộ Công Thương",
    "Bộ Dân tộc và Tôn giáo",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Giao thông vận tải",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Khoa học và Công nghệ",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Quốc phòng",
    "Bộ Tài chính",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Thông tin và Truyền thông",
    "Bộ Tư pháp",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Xây dựng",
    "Bộ Y tế",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
    "Ngân hàng Nhà nước Việt Nam",
    "Ủy ban Dân tộc",
    "Sở Công Thương",
    "Sở Dân tộc và Tôn giáo",
    "Sở Giáo dục và Đào tạo",
    "Sở Giao thông vận tải",
    "Sở Kế hoạch và Đầu tư",
    "Sở Khoa học và Công nghệ",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Ngoại vụ",
    "Sở Nội vụ",
    "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài chính",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Tư pháp",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Xây dựng",
    "Sở Y tế",
];

/// `issuer` with a known body's name (folded comparison, whole words) written as
/// [`KNOWN_BODIES`] writes it, and a province after it as the province list does:
/// `Bộ Tai chinh` → `Bộ Tài chính`, `Sở Noi vu tinh Lam Dong` → `Sở Nội vụ tỉnh Lâm
/// Đồng`. Other issuers are returned as they are.
fn known_spelling(issuer: &str) -> String {
    let folded = fold(issuer);
    let Some(known) = KNOWN_BODIES
        .iter()
        .filter(|k| starts_with_words(&folded, &fold(k)))
        .max_by_key(|k| k.len())
    else {
        return issuer.to_string();
    };
    let words = known.split_whitespace().count();
    let rest: Vec<&str> = issuer.split_whitespace().skip(words).collect();
    if rest.is_empty() {
        return known.to_string();
    }
    let rest = rest.join(" ");
    let place = ["tinh", "thanh pho"].iter().find_map(|w| {
        let after = fold(&rest).strip_prefix(w)?.strip_prefix(' ')?.to_string();
        let (p, n) = province_at(&after)?;
        (n == after.chars().count()).then(|| {
            let word = if *w == "tinh" {
                "tỉnh"
            } else {
                "thành phố"
            };
            format!("{word} {p}")
        })
    });
    format!("{known} {}", place.unwrap_or(rest))
}

/// Words of the text a digital signature leaves on the first page of a signed PDF.
const STAMP_WORDS: &[&str] = &[
    "thoi gian ky",
    "ky boi",
    "co quan phat hanh",
    "nguoi ky",
    "email:",
    "sao y;",
];

/// `s` without its parenthesized parts (`UBND TỈNH LÂM ĐỒNG (DỰ THẢO)`).
pub(crate) fn without_parentheses(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads the letterhead at the top of `text` (the parser's input, one paragraph a line).
pub fn read(text: &str) -> Letterhead {
    let mut frags: Vec<String> = Vec::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(MAX_HEADER_LINES)
    {
        let folded = fold(line);
        if folded.starts_with("kinh gui") || folded.starts_with("can cu") {
            break;
        }
        frags.extend(fragments(line));
    }
    let kinds: Vec<Kind> = frags.iter().map(|f| kind(f)).collect();
    let mut head = Letterhead::default();
    // The agency lines: from the top, up to the number, the subject, the date or the
    // title (motto fragments of the right column interleave and are passed over).
    let mut agency: Vec<String> = Vec::new();
    for (f, k) in frags.iter().zip(&kinds) {
        let folded = fold(f);
        match k {
            _ if starts_with_words(&folded, "du thao") => {}
            // The text of a digital signature stamp (`Ký bởi: …`, `Thời gian ký: …`).
            _ if STAMP_WORDS.iter().any(|w| folded.contains(w)) => {}
            Kind::Agency => agency.push(without_parentheses(f)),
            Kind::Motto => {}
            _ => break,
        }
    }
    for (i, (f, k)) in frags.iter().zip(&kinds).enumerate() {
        match k {
            Kind::Number if head.code.is_none() => {
                let rest = number_part(f).unwrap_or("");
                // The rest of a code cut off: the next fragment that starts with `/`,
                // past the right column's motto and date only.
                let suffix = frags[i + 1..]
                    .iter()
                    .zip(&kinds[i + 1..])
                    .take(NUMBER_SUFFIX_REACH)
                    .find(|(g, k)| g.starts_with('/') || !matches!(k, Kind::Motto | Kind::Date))
                    .map(|(g, _)| g.as_str())
                    .filter(|g| g.starts_with('/'));
                let code = code(rest, suffix);
                match number(&code) {
                    Some(n) => head.number = Some(n),
                    None => head.blank_number = true,
                }
                head.code = Some(code).filter(|c| !c.is_empty());
            }
            Kind::Subject if head.subject.is_none() => {
                let mut s = f[3..].trim_start_matches([' ', ':']).trim().to_string();
                // The subject goes on over the next lines of the left column.
                for (g, gk) in frags[i + 1..]
                    .iter()
                    .zip(&kinds[i + 1..])
                    .take(MAX_SUBJECT_LINES)
                {
                    if *gk != Kind::Other || g.chars().count() > MAX_AGENCY_CHARS {
                        break;
                    }
                    s.push(' ');
                    s.push_str(g);
                }
                if !s.is_empty() {
                    head.subject = Some(s);
                }
            }
            _ => {}
        }
        if head.date.is_none() && !head.blank_date && place_date(f).is_some() {
            let (place, rest) = place_date(f).unwrap_or_default();
            // pdftotext may cut the date over the next fragments: `ngày` / `23 tháng`.
            let joined: String = std::iter::once(rest.as_str())
                .chain(frags[i + 1..].iter().take(3).map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            let full = if date_after(&rest) == Ok(None) {
                joined
            } else {
                rest
            };
            match date_after(&full) {
                Ok(Some(d)) => {
                    head.date_year = d.get(..4).and_then(|y| y.parse().ok());
                    head.date = Some(d);
                }
                Ok(None) => {}
                Err(year) => {
                    head.blank_date = true;
                    head.date_year = i32::try_from(year).ok();
                }
            }
            if head.province.is_none() {
                head.province = province_at(&place).map(|(p, _)| p.to_string());
            }
        }
    }
    let bodies = bodies(&agency);
    let body_province = bodies.iter().rev().find_map(Body::province);
    if let Some(p) = body_province {
        head.province = Some(p.to_string());
    }
    if let Some((issuer, party)) = issuer(&bodies, head.province.as_deref()) {
        head.issuer = Some(known_spelling(&issuer));
        head.party = party;
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer_of(text: &str) -> Option<String> {
        read(text).issuer
    }

    #[test]
    fn issuers_with_their_parent_line() {
        let cases = [
            ("UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 12/TTr-SNV", "Sở Nội vụ tỉnh Lâm Đồng"),
            ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: /QĐ-UBND", "UBND tỉnh Bình Thuận"),
            ("UBND TỈNH LÂM ĐỒNG\nVĂN PHÒNG\nSố: /PT-NC", "Văn phòng UBND tỉnh Lâm Đồng"),
            ("BỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG\nSố 298/TTr-CAT", "Công an tỉnh Lâm Đồng"),
            ("VĂN PHÒNG CHÍNH PHỦ\n_______\nSố: 3653/VPCP-CĐS", "Văn phòng Chính phủ"),
            ("BỘ TÀI CHÍNH\nSố: /BTC-CST", "Bộ Tài chính"),
            (
                "UBND TỈNH LÂM ĐỒNG SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\nSố: 5/SVHTTDL",
                "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng",
            ),
            (
                "UBND TỈNH LÂM ĐỒNG\nBAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ,\nCHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06\nSố: /BC-BCĐ",
                "Ban Chỉ đạo phát triển khoa học, công nghệ, chuyển đổi số và đề án 06 tỉnh Lâm Đồng",
            ),
            ("TỈNH UỶ ĐỒNG THÁP\n*\nSố -NQ/TU", "Tỉnh ủy Đồng Tháp"),
            ("HUYỆN UỶ ĐỒNG VĂN\nĐẢNG UỶ XÃ LŨNG CÚ\n*\nSố -QC/ĐU", "Đảng ủy xã Lũng Cú"),
            ("HỘI ĐỒNG NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 7/NQ-HĐND", "HĐND tỉnh Lâm Đồng"),
            ("UBND TỈNH LÂM ĐỒNG\nHỘI GOLF TỈNH LÂM ĐỒNG\nSố: 3/CV-HG", "Hội Golf tỉnh Lâm Đồng"),
            (
                "UBND TỈNH LÂM ĐỒNG\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\nSố: 8/TTPVHCC",
                "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(issuer_of(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn a_subject_run_into_the_number_line_is_the_subject() {
        let h = read("UBND TỈNH LÂM ĐỒNG SỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 171 /SKHCN-CĐS V/v góp ý dự thảo Kế hoạch kiểm tra cải cách hành chính năm 2026\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n");
        assert_eq!(h.number.as_deref(), Some("171/SKHCN-CĐS"));
        assert_eq!(
            h.subject.as_deref(),
            Some("góp ý dự thảo Kế hoạch kiểm tra cải cách hành chính năm 2026")
        );
        // `Số lượng` is no number line.
        assert_eq!(subject_after_number("Số lượng V/v tăng"), None);
    }

    #[test]
    fn letterheads_typed_without_diacritics_get_known_names_back() {
        let h = read("BO TAI CHINH\nSo: /BTC-TCCB\nV/v cu dai dien\n");
        assert_eq!(h.issuer.as_deref(), Some("Bộ Tài chính"));
        let h = read("UBND TINH LAM DONG\nSO NOI VU\nSo: 12/TTr-SNV\n");
        assert_eq!(h.issuer.as_deref(), Some("Sở Nội vụ tỉnh Lâm Đồng"));
        // A body that is not on the list keeps its letterhead's words.
        let h = read("UBND TỈNH LÂM ĐỒNG\nSỞ VĂN HÓA VÀ THỂ THAO\nSố: 5/SVHTT\n");
        assert_eq!(
            h.issuer.as_deref(),
            Some("Sở Văn hóa và Thể thao tỉnh Lâm Đồng")
        );
    }

    #[test]
    fn two_column_letterheads_in_every_order() {
        // pandoc / antiword grid rows.
        let grid = "| UBND TỈNH LÂM ĐỒNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n\
                    | SỞ NỘI VỤ | Độc lập - Tự do - Hạnh phúc |\n\
                    | Số: 329/BC-SNV | Lâm Đồng, ngày 19 tháng 12 năm 2025 |\nBÁO CÁO\n";
        // Columns run together on one line, and spaced apart.
        let joined = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                      TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc\n\
                      Số: 15/UBND-NC Lâm Đồng, ngày 3 tháng 02 năm 2026\nV/v triển khai\n";
        let spaced = "      ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                      \tTỈNH LÂM ĐỒNG\t                Độc lập - Tự do - Hạnh phúc\n";
        // pdftotext: interleaved, the number and the date cut over lines.
        let pdf = "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN\nSố: 779\n/QĐ-UBND\n\
                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                   Bình Thuận, ngày\n23 tháng\n3 năm 2022\nQUYẾT ĐỊNH\n";
        let h = read(grid);
        assert_eq!(h.issuer.as_deref(), Some("Sở Nội vụ tỉnh Lâm Đồng"));
        assert_eq!(h.number.as_deref(), Some("329/BC-SNV"));
        assert_eq!(h.date.as_deref(), Some("2025-12-19"));
        let h = read(joined);
        assert_eq!(h.issuer.as_deref(), Some("UBND tỉnh Lâm Đồng"));
        assert_eq!(h.number.as_deref(), Some("15/UBND-NC"));
        assert_eq!(h.date.as_deref(), Some("2026-02-03"));
        assert_eq!(h.subject.as_deref(), Some("triển khai"));
        assert_eq!(read(spaced).issuer.as_deref(), Some("UBND tỉnh Lâm Đồng"));
        let h = read(pdf);
        assert_eq!(h.issuer.as_deref(), Some("UBND tỉnh Bình Thuận"));
        assert_eq!(h.number.as_deref(), Some("779/QĐ-UBND"));
        assert_eq!(h.date.as_deref(), Some("2022-03-23"));
        assert_eq!(h.province.as_deref(), Some("Bình Thuận"));
        // A signed form: the typed number, then the motto's line, then the code.
        let signed = "UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 03\n\
                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n/TTr-SNV\n\
                      Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 06 tháng 01 năm 2026\nTỜ TRÌNH\n";
        let h = read(signed);
        assert_eq!(h.number.as_deref(), Some("03/TTr-SNV"));
        assert!(!h.blank_number);
        // The whole right column read in between.
        let signed = "UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 1364\n\
                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
                      Lâm Đồng, ngày 10 tháng 9 năm 2025\n/SNV-TCBC\nV/v ý kiến đối với hồ sơ\n";
        let h = read(signed);
        assert_eq!(h.number.as_deref(), Some("1364/SNV-TCBC"));
        assert_eq!(h.date.as_deref(), Some("2025-09-10"));
        // A `/…` fragment past other text is not the number's.
        let h = read("SỞ NỘI VỤ\nSố: 12\nV/v góp ý\n/SNV-TCBC\n");
        assert_eq!(h.number, None);
    }

    #[test]
    fn blank_numbers_and_dates_are_drafts() {
        let h = read("UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố:      /TTr-SNV\nLâm Đồng, ngày     tháng 8 năm 2025\nTỜ TRÌNH");
        assert_eq!((h.number, h.date), (None, None));
        assert!(h.blank_number && h.blank_date);
        let h = read("Số 12-NQ/TU\nHà Nội, ngày 05/3/2024\n");
        assert_eq!(h.number.as_deref(), Some("12-NQ/TU"));
        assert_eq!(h.date.as_deref(), Some("2024-03-05"));
        // A body sentence is neither a number nor a place-date line.
        let h = read("Số lượng hội viên tăng, ngày càng đông.\n");
        assert_eq!((h.number, h.date), (None, None));
    }

    #[test]
    fn syllables_and_acronyms() {
        for w in ["nghieng", "so", "noi", "vu", "chuyen", "khoa", "uy", "an"] {
            assert!(is_syllable(w), "{w}");
        }
        for w in ["khcn", "dmst", "cds", "cchc", "pc04", "ubnd"] {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
