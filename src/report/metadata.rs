//! Report metadata (README, "Filter values"): title, document type, years, period, issuer, province
//! and signer, from the title block, the headings and the closing block.
//!
//! Sector and role facets are not set here (see `tagging::tag_report`).

use std::collections::HashMap;

use super::letterhead::{self, Letterhead};
use super::lines::digit_runs;
use super::model::Metadata;
use super::structure::{is_signature_title, Built};

/// The provinces and centrally-run cities of Việt Nam (names as written after `tỉnh` /
/// `thành phố`). Used to recognise the province of a report.
pub const PROVINCES: &[&str] = &[
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hồ Chí Minh",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lạng Sơn",
    "Lào Cai",
    "Lâm Đồng",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
];

/// Centrally-run cities: their issuer reads `UBND thành phố …`.
const CITIES: &[&str] = &[
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
];

/// Whether `province` is a centrally-run city (its bodies are `… thành phố X`).
pub(crate) fn is_city(province: &str) -> bool {
    CITIES.contains(&province)
}

/// Extracts the metadata (all but `file` and `doc_id`, set by the caller).
pub fn extract(text: &str, built: &Built) -> Metadata {
    let head = letterhead::read(text);
    let title = title(built, &head);
    let opening: String = built
        .preamble_paras
        .iter()
        .map(|(_, p)| p.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let doc_type = doc_type(&title, &opening, &head);
    let years = years(&title, &opening, &doc_type, head.date_year);
    let period = period(&title, &doc_type, &years);
    let province = head.province.clone().or_else(|| province(text));
    let issuer = match &head.issuer {
        Some(issuer) => Some(party_organ(issuer, head.party, text)),
        None => issuer(built, province.as_deref()),
    };
    let draft = head.blank_number || head.blank_date || is_draft(&opening);
    let signer = if draft {
        None
    } else {
        signer(&built.closing).or_else(|| signer_in_text(text))
    };
    Metadata {
        title,
        doc_type,
        years,
        period,
        issuer,
        province,
        signer,
        number: head.number,
        date: head.date,
        ..Metadata::default()
    }
}

/// A party committee's document signed for its standing board or executive committee
/// (`T/M BAN THƯỜNG VỤ`) is that organ's: `Ban Thường vụ Tỉnh ủy Lâm Đồng`.
fn party_organ(issuer: &str, party: bool, text: &str) -> String {
    if !party {
        return issuer.to_string();
    }
    let titles: String = text
        .lines()
        .filter(|t| is_signature_title(t))
        .map(str::to_uppercase)
        .collect::<Vec<_>>()
        .join(" ");
    for (words, organ) in [
        ("BAN THƯỜNG VỤ", "Ban Thường vụ"),
        ("BAN CHẤP HÀNH", "Ban Chấp hành"),
    ] {
        if titles.contains(words) && !issuer.starts_with(organ) {
            return format!("{organ} {issuer}");
        }
    }
    issuer.to_string()
}

/// Document-type words that open a title block (the longest that matches wins).
const TYPE_WORDS: &[(&str, &str)] = &[
    ("đề cương báo cáo", "khac"),
    ("báo cáo", "bao-cao"),
    ("kế hoạch", "ke-hoach"),
    ("nghị quyết", "nghi-quyet"),
    ("quyết định", "quyet-dinh"),
    ("chỉ thị", "chi-thi"),
    ("tờ trình", "to-trinh"),
    ("công văn", "cong-van"),
    ("công điện", "cong-dien"),
    ("thông báo", "thong-bao"),
    ("tham luận", "tham-luan"),
    ("bài tham luận", "tham-luan"),
    ("chương trình", "khac"),
    ("phiếu trình", "khac"),
    ("giải trình", "khac"),
    ("quy chế", "khac"),
    ("quy định", "khac"),
    ("điều lệ", "khac"),
    ("hướng dẫn", "khac"),
    ("đề án", "khac"),
    ("biên bản", "khac"),
    ("thông tư", "khac"),
    ("nghị định", "khac"),
    ("kết luận", "khac"),
    ("danh sách", "khac"),
    ("phụ lục", "khac"),
    ("thuyết minh", "khac"),
    ("giấy mời", "khac"),
];

/// The types of a document number's type code (Nghị định 30/2020, appendix III): the
/// code after the number (`329/BC-UBND`) or, for party documents, before the slash
/// (`12-NQ/TU`). A code without a type (`/UBND-NC`: only the issuer's) is a công văn's.
const TYPE_CODES: &[(&str, &str)] = &[
    ("BC", "bao-cao"),
    ("KH", "ke-hoach"),
    ("NQ", "nghi-quyet"),
    ("QĐ", "quyet-dinh"),
    ("CT", "chi-thi"),
    ("TTr", "to-trinh"),
    ("TB", "thong-bao"),
    ("CĐ", "cong-dien"),
    ("QC", "khac"),
    ("QyĐ", "khac"),
    ("HD", "khac"),
    ("CTr", "khac"),
    ("PA", "khac"),
    ("ĐA", "khac"),
    ("DA", "khac"),
    ("BB", "khac"),
    ("HĐ", "khac"),
    ("GUQ", "khac"),
    ("GM", "khac"),
    ("GGT", "khac"),
    ("PT", "khac"),
    ("TT", "khac"),
    ("NĐ", "khac"),
    ("KL", "khac"),
];

/// The type slug said by a number's code (see [`TYPE_CODES`]); None without a code.
fn type_of_code(code: &str) -> Option<&'static str> {
    let lookup = |seg: &str| {
        TYPE_CODES
            .iter()
            .find(|(c, _)| *c == seg || c.to_uppercase() == seg.to_uppercase())
            .map(|(_, slug)| *slug)
    };
    let mut parts = code.split('/');
    let first = parts.next().unwrap_or("");
    let after = parts
        .map(|p| p.split('-').next().unwrap_or("").trim())
        .find(|p| !p.is_empty() && !p.chars().all(|c| c.is_ascii_digit()))?;
    if let Some(slug) = lookup(after) {
        return Some(slug);
    }
    // Party style `12-NQ/TU`: the type before the slash.
    if first.contains('-') {
        if let Some(slug) = first.rsplit('-').next().and_then(lookup) {
            return Some(slug);
        }
    }
    after.chars().all(char::is_alphabetic).then_some("cong-van")
}

fn is_upper_line(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}

/// The title: the type line of the title block (`BÁO CÁO`, `KẾ HOẠCH`…) and the subject
/// line after it; without a title block, the first top-level heading that names a year.
fn title(built: &Built, head: &Letterhead) -> String {
    let paras = &built.preamble_paras;
    for (i, (_, p)) in paras.iter().enumerate() {
        let lower = p.to_lowercase();
        let Some(word) = TYPE_WORDS
            .iter()
            .map(|(w, _)| *w)
            .filter(|w| lower.starts_with(w))
            .max_by_key(|w| w.len())
        else {
            continue;
        };
        // The type line, also with a lower-case note in parentheses run into it
        // (`ĐIỀU LỆ … HỘI HỘ SINH (Kèm theo Quyết định số …)`).
        let upper_part = letterhead::without_parentheses(p);
        if is_upper_line(&upper_part) && upper_part.chars().count() < 120 {
            let mut t = p.clone();
            if let Some((_, next)) = paras.get(i + 1) {
                let nl = next.to_lowercase();
                let opener = [
                    "kính gửi",
                    "căn cứ",
                    "thực hiện",
                    "số:",
                    "ngày",
                    "|",
                    "(kèm",
                ]
                .iter()
                .any(|w| nl.starts_with(w));
                if !opener && next.chars().count() < super::preamble::SUBJECT_MAX_CHARS {
                    t.push(' ');
                    t.push_str(next);
                }
            }
            return t;
        }
        // The type line run together with its subject: `NGHỊ QUYẾT về chuyển đổi số …`.
        let head_words: String = p.chars().take(word.chars().count()).collect();
        let rest = p[head_words.len()..].trim_start();
        if is_upper_line(&head_words)
            && rest.chars().next().is_some_and(char::is_lowercase)
            && p.chars().count() < super::preamble::SUBJECT_MAX_CHARS
        {
            return p.clone();
        }
    }
    // A công văn has no type line: its subject line is its title.
    if let Some(subject) = &head.subject {
        return format!("V/v {subject}");
    }
    let top = built
        .sections
        .iter()
        .filter(|s| {
            s.path.len() <= 2
                && s.path.len()
                    == s.path
                        .iter()
                        .take_while(|l| !l.chars().any(|c| c.is_ascii_digit()) && l.len() < 12)
                        .count()
        })
        .find(|s| !years_in(&s.heading).is_empty());
    match top {
        Some(s) => s.heading.clone(),
        None => paras
            .first()
            .map(|(_, p)| clip_title(p))
            .unwrap_or_default(),
    }
}

/// Longest title taken from a report's first paragraph, in characters.
const MAX_TITLE_CHARS: usize = 300;

/// `p` cut to at most [`MAX_TITLE_CHARS`] characters at a word boundary, with `…` when
/// cut: a report without a title block whose first paragraph is huge (a file of one
/// 50 MB line) does not get a 50 MB title.
fn clip_title(p: &str) -> String {
    match p.char_indices().nth(MAX_TITLE_CHARS) {
        None => p.to_string(),
        Some((end, _)) => {
            let head = &p[..end];
            let cut = head.rfind(char::is_whitespace).unwrap_or(end);
            format!("{}…", head[..cut].trim_end())
        }
    }
}

/// Years (1900–2100) written in `s`, with whether each is part of a full date
/// (`10/02/2022`, `ngày 05 tháng 3 năm 2024`).
fn years_in(s: &str) -> Vec<(u32, bool)> {
    years_at(s).into_iter().map(|(_, y, d)| (y, d)).collect()
}

/// [`years_in`] with the byte position of each year.
fn years_at(s: &str) -> Vec<(usize, u32, bool)> {
    let offsets: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for std::ops::Range { start, end: i } in digit_runs(&chars) {
        if i - start != 4 {
            continue;
        }
        let glued_before = start > 0 && (chars[start - 1].is_alphanumeric());
        let glued_after = i < chars.len() && chars[i].is_alphanumeric();
        if glued_before || glued_after {
            continue;
        }
        let y: u32 = chars[start..i]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        if !(1900..=2100).contains(&y) {
            continue;
        }
        // A code like `111/2024/QH15` is not a year of the report.
        if chars.get(i) == Some(&'/') && chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
            continue;
        }
        let before: String = chars[start.saturating_sub(20)..start].iter().collect();
        let is_date = {
            let b = before.trim_end();
            let slash_date = b.ends_with('/')
                && b[..b.len() - 1]
                    .rsplit(|c: char| !c.is_ascii_digit())
                    .next()
                    .is_some_and(|d| !d.is_empty())
                && b[..b.len() - 1].contains('/');
            let word_date =
                before.to_lowercase().contains("tháng") && before.to_lowercase().contains("ngày");
            slash_date || word_date
        };
        out.push((offsets[start], y, is_date));
    }
    out
}

/// The type slug of a title's opening words, if it has one.
fn type_of_title(lower: &str) -> Option<&'static str> {
    TYPE_WORDS
        .iter()
        .filter(|(w, _)| lower.starts_with(w))
        .max_by_key(|(w, _)| w.len())
        .map(|(_, slug)| *slug)
}

/// The document type: from the title's type word; else a công văn by its `V/v` line;
/// else from the number's type code; else a report when the title names a period or a
/// report. A report's kind comes from the period its title names (see [`main_period`]).
fn doc_type(title: &str, opening: &str, head: &Letterhead) -> String {
    let lower = title.to_lowercase();
    let base = match type_of_title(&lower) {
        Some(slug) => slug,
        None if head.subject.is_some() => "cong-van",
        None => match head.code.as_deref().and_then(type_of_code) {
            Some(slug) => slug,
            None if opening.contains("/BC-")
                || lower.contains("báo cáo")
                || main_period(&lower).is_some() =>
            {
                "bao-cao"
            }
            None => return "khac".to_string(),
        },
    };
    if base != "bao-cao" {
        return base.to_string();
    }
    let thematic = ["tự giám sát", "sơ kết", "tổng kết", "chuyên đề", "giám sát"];
    if thematic.iter().any(|w| lower.contains(w)) {
        return "bao-cao/chuyen-de".to_string();
    }
    match main_period(&lower) {
        Some(p) => format!("bao-cao/{}", p.kind.slug()),
        None => "bao-cao/chuyen-de".to_string(),
    }
}

/// The span of time a period phrase of a title names, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Span {
    /// `tháng 3`.
    Month,
    /// `9 tháng`.
    NineMonths,
    /// `6 tháng`.
    SixMonths,
    /// `quý I`.
    Quarter,
    /// `năm 2025`.
    Year,
}

impl Span {
    fn slug(self) -> &'static str {
        match self {
            Span::Month => "thang",
            Span::NineMonths => "9-thang",
            Span::SixMonths => "6-thang",
            Span::Quarter => "quy",
            Span::Year => "nam",
        }
    }
}

/// A period phrase of a (lower-cased) title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Phrase {
    /// Byte position in the title.
    at: usize,
    span: Span,
    /// The month, quarter or year (0 for nine and six months).
    value: u32,
    /// Whether it names the period ahead (`nhiệm vụ … tháng 3`, `phương hướng … năm
    /// 2026`), not the one reported on.
    ahead: bool,
}

/// Whether the clause before a period phrase makes it the period ahead: `phương hướng`,
/// or `nhiệm vụ` that is not `thực hiện nhiệm vụ` (the tasks carried out).
fn names_the_period_ahead(clause: &str) -> bool {
    clause.contains("phương hướng")
        || (clause.contains("nhiệm vụ") && !clause.contains("thực hiện nhiệm vụ"))
}

/// Words just before a year that make it no period of a report: a term or a horizon
/// (`nhiệm kỳ 2025 - 2030`, `giai đoạn 2021-2025`, `đến năm 2030`).
const NOT_A_PERIOD: &[&str] = &["nhiệm kỳ", "giai đoạn", "đến năm", "tầm nhìn"];

/// The period phrases of a lower-cased title, in order.
fn phrases(lower: &str) -> Vec<Phrase> {
    let mut found: Vec<(usize, Span, u32)> = Vec::new();
    for (at, _) in lower.match_indices("tháng") {
        let before = lower[..at].trim_end();
        let mut back = before.rsplit(char::is_whitespace);
        let last_word = back.next().unwrap_or("");
        if back.next() == Some("ngày") {
            // `ngày 9 tháng 3`: a date.
            continue;
        }
        let count = match last_word {
            "9" | "09" | "chín" => Some(Span::NineMonths),
            "6" | "06" | "sáu" => Some(Span::SixMonths),
            w if w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty() => None,
            _ => {
                let tok: String = lower[at + "tháng".len()..]
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                match tok.parse::<u32>() {
                    Ok(m) if (1..=12).contains(&m) => {
                        found.push((at, Span::Month, m));
                    }
                    _ => {}
                }
                None
            }
        };
        // `02 tháng đầu năm` (a count of months) is no period of its own.
        if let Some(span) = count {
            found.push((at, span, 0));
        }
    }
    for (at, _) in lower.match_indices("quý ") {
        if let Some(q) = quarter(&lower[at..]) {
            found.push((at, Span::Quarter, q));
        }
    }
    let years = years_at(lower);
    for (i, &(at, y, is_date)) in years.iter().enumerate() {
        let before = lower[..at].trim_end();
        let after = lower[at..]
            .trim_start_matches(char::is_numeric)
            .trim_start();
        // `2025 - 2030`: both ends of a range.
        let in_range = after.starts_with(['-', '–'])
            && years.get(i + 1).is_some_and(|n| n.0 > at && n.0 - at < 12)
            || (before.ends_with(['-', '–']) && i > 0 && at - years[i - 1].0 < 12);
        let horizon = NOT_A_PERIOD
            .iter()
            .any(|w| before.ends_with(w) || before.ends_with(&format!("{w} năm")));
        if !is_date && !in_range && !horizon {
            found.push((at, Span::Year, y));
        }
    }
    found.sort_by_key(|p| p.0);
    let mut prev = 0;
    let mut out = Vec::with_capacity(found.len());
    for (at, span, value) in found {
        // The clause of the phrase: since the phrase before it, after the last `và` or
        // comma.
        let since = &lower[prev..at];
        let clause = since
            .rsplit(" và ")
            .next()
            .unwrap_or(since)
            .rsplit(", ")
            .next()
            .unwrap_or(since);
        out.push(Phrase {
            at,
            span,
            value,
            ahead: names_the_period_ahead(clause),
        });
        prev = at;
    }
    out
}

/// The period a title names: its span, month or quarter, and year.
#[derive(Debug, Clone, Copy)]
struct MainPeriod {
    kind: Span,
    value: u32,
    year: Option<i32>,
}

/// The period a report's title is about: among the phrases that do not name the period
/// ahead (or all, when all do), the finest span (a month before nine or six months,
/// before a quarter, before a year), the first of them; with the year that follows it
/// (`tháng 3 năm 2026`).
fn main_period(lower: &str) -> Option<MainPeriod> {
    let all = phrases(lower);
    let behind: Vec<&Phrase> = all.iter().filter(|p| !p.ahead).collect();
    let pool: Vec<&Phrase> = if behind.is_empty() {
        all.iter().collect()
    } else {
        behind
    };
    let best = **pool.iter().min_by_key(|p| (p.span, p.at))?;
    let year = if best.span == Span::Year {
        Some(best.value as i32)
    } else {
        all.iter()
            .find(|p| p.span == Span::Year && p.at > best.at)
            .map(|p| p.value as i32)
    };
    Some(MainPeriod {
        kind: best.span,
        value: best.value,
        year,
    })
}

/// The quarter named in `quý I`, `quý II/2018`, `quý 3`.
fn quarter(lower: &str) -> Option<u32> {
    let pos = lower.find("quý ")?;
    let tok: String = lower[pos + "quý ".len()..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    match tok.as_str() {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

fn years(title: &str, opening: &str, doc_type: &str, date_year: Option<i32>) -> Vec<i32> {
    let periodic = matches!(
        doc_type,
        "bao-cao/thang" | "bao-cao/quy" | "bao-cao/6-thang" | "bao-cao/9-thang" | "bao-cao/nam"
    );
    let mut ys: Vec<i32> = Vec::new();
    if doc_type == "ke-hoach" {
        // A plan is about the year its title names (`Kế hoạch … năm 2026`).
        ys = phrases(&title.to_lowercase())
            .into_iter()
            .filter(|p| p.span == Span::Year)
            .map(|p| p.value as i32)
            .collect();
    } else if !periodic {
        // Any other document: the year of its place-date line (also in a draft whose day
        // is left blank), not the latest year its text cites.
        ys.extend(date_year);
    }
    if periodic {
        // The years of the title, but not the year ahead (`phương hướng, nhiệm vụ năm
        // 2026` in the 2025 report) when another one is named.
        let lower = title.to_lowercase();
        let all: Vec<Phrase> = phrases(&lower)
            .into_iter()
            .filter(|p| p.span == Span::Year)
            .collect();
        let behind: Vec<&Phrase> = all.iter().filter(|p| !p.ahead).collect();
        let pool: Vec<&Phrase> = if behind.is_empty() {
            all.iter().collect()
        } else {
            behind
        };
        ys = pool.iter().map(|p| p.value as i32).collect();
        if let Some(y) = main_period(&lower).and_then(|p| p.year) {
            ys.push(y);
        }
    }
    if ys.is_empty() {
        // The report's own year: the latest full date of the opening text.
        let all = format!("{title}\n{opening}");
        if let Some(y) = years_in(&all)
            .into_iter()
            .filter(|(_, d)| *d)
            .map(|(y, _)| y)
            .max()
        {
            ys.push(y as i32);
        }
    }
    if ys.is_empty() {
        if let Some((y, _)) = years_in(title).into_iter().next() {
            ys.push(y as i32);
        }
    }
    ys.sort_unstable();
    ys.dedup();
    ys
}

fn period(title: &str, doc_type: &str, years: &[i32]) -> String {
    let lower = title.to_lowercase();
    let main = main_period(&lower);
    let Some(year) = main
        .and_then(|p| p.year)
        .filter(|y| years.contains(y))
        .or_else(|| years.iter().max().copied())
    else {
        return String::new();
    };
    let value = main.map_or(0, |p| p.value);
    match doc_type {
        "bao-cao/9-thang" => format!("{year}-Q3"),
        "bao-cao/6-thang" => format!("{year}-H1"),
        "bao-cao/quy" if (1..=4).contains(&value) => format!("{year}-Q{value}"),
        "bao-cao/thang" if (1..=12).contains(&value) => format!("{year}-{value:02}"),
        _ => year.to_string(),
    }
}

/// The province named most often after `tỉnh` / `thành phố` (or in the place-date line).
fn province(text: &str) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    // The longest name that follows a prefix (`Hà Nam` vs `Hà Nội` need the full name).
    let name_at = |rest: &str| {
        PROVINCES
            .iter()
            .filter(|p| {
                rest.starts_with(**p)
                    && !rest[p.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
            .max_by_key(|p| p.len())
            .copied()
    };
    // The opening and the closing name the province; the body repeats it.
    let head_end = (0..=text.len().min(30_000))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let tail_start = (text.len().saturating_sub(8_000)..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
        .max(head_end);
    let parts = [&text[..head_end], &text[tail_start..]];
    for prefix in ["tỉnh ", "Tỉnh ", "thành phố ", "Thành phố ", "TP. "] {
        for (part, at) in parts
            .iter()
            .flat_map(|p| p.match_indices(prefix).map(move |(at, _)| (*p, at)))
        {
            if let Some(name) = name_at(&part[at + prefix.len()..]) {
                *counts.entry(name).or_default() += 1;
            }
        }
    }
    // The place-date line: `Lạng Sơn, ngày 12 tháng 02 năm 2024`.
    for (at, _) in text.match_indices(", ngày") {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        if let Some(name) = name_at(text[line_start..at].trim_start()) {
            *counts.entry(name).or_default() += 5;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(name, n)| (n, name.len()))
        .map(|(name, _)| name.to_string())
}

/// The issuing body, from the signature titles (`TM. ỦY BAN NHÂN DÂN`, `T/M BAN THƯỜNG
/// VỤ`), the closing formula (`UBND tỉnh … trân trọng báo cáo`) or the chairman's title.
fn issuer(built: &Built, province: Option<&str>) -> Option<String> {
    let place = |p: &str| {
        if CITIES.contains(&p) {
            format!("thành phố {p}")
        } else {
            format!("tỉnh {p}")
        }
    };
    let closing_upper: String = built
        .closing
        .iter()
        .filter(|(_, t)| is_signature_title(t))
        .map(|(_, t)| t.to_uppercase())
        .collect::<Vec<_>>()
        .join(" ");
    let p = province?;
    if closing_upper.contains("BAN THƯỜNG VỤ") {
        return Some(format!(
            "Ban Thường vụ {} {p}",
            if CITIES.contains(&p) {
                "Thành ủy"
            } else {
                "Tỉnh ủy"
            }
        ));
    }
    if closing_upper.contains("BAN CHẤP HÀNH") {
        return Some(format!("Ban Chấp hành Đảng bộ {}", place(p)));
    }
    if closing_upper.contains("HỘI ĐỒNG NHÂN DÂN") {
        return Some(format!("HĐND {}", place(p)));
    }
    if closing_upper.contains("ỦY BAN NHÂN DÂN") || closing_upper.contains("UỶ BAN NHÂN DÂN")
    {
        return Some(format!("UBND {}", place(p)));
    }
    for (_, t) in &built.closing {
        let lower = t.to_lowercase();
        if let Some(pos) = lower.find("trân trọng báo cáo") {
            let who = t[..pos].trim();
            if who.starts_with("UBND") || who.starts_with("Ủy ban") || who.starts_with("Ban ") {
                return Some(who.to_string());
            }
        }
    }
    if closing_upper.contains("CHỦ TỊCH") {
        return Some(format!("UBND {}", place(p)));
    }
    None
}

/// A draft: its number or its date was left blank (`Số: /BC-UBND`, `ngày tháng 02 năm
/// 2024`). A draft has no signer yet.
fn is_draft(opening: &str) -> bool {
    for line in opening.lines() {
        let l = line.trim();
        let lower = l.to_lowercase();
        if let Some(rest) = lower.strip_prefix("số:") {
            if rest.trim_start().starts_with('/') {
                return true;
            }
        }
        // The place-date line (`Lạng Sơn, ngày   tháng 02 năm 2024`), not a sentence that
        // happens to say `ngày tháng năm sinh`.
        let date_line = l.chars().count() < 80 && lower.contains("tháng") && lower.contains("năm");
        if let Some(pos) = lower.find("ngày ").filter(|_| date_line) {
            let rest = lower[pos + "ngày ".len()..].trim_start();
            if rest.starts_with("tháng") {
                return true;
            }
        }
    }
    false
}

/// The signer: the personal name that ends the closing block, after a signature title.
fn signer(closing: &[(usize, String)]) -> Option<String> {
    let title_at = closing.iter().position(|(_, t)| is_signature_title(t))?;
    closing[title_at..]
        .iter()
        .rev()
        .map(|(_, t)| t.trim())
        .find(|t| is_person_name(t))
        .map(str::to_string)
}

/// Titles that head a signature block (after `KT.`, `TM.`, `TL.`… when there is one),
/// folded.
const SIGNING_TITLES: &[&str] = &[
    "giam doc",
    "pho giam doc",
    "tong giam doc",
    "chu tich",
    "pho chu tich",
    "bo truong",
    "thu truong",
    "thu tuong",
    "pho thu tuong",
    "chanh van phong",
    "pho chanh van phong",
    "truong ban",
    "pho truong ban",
    "bi thu",
    "pho bi thu",
    "truong phong",
    "pho truong phong",
    "cuc truong",
    "pho cuc truong",
    "vien truong",
    "hieu truong",
    "to truong",
    "chu nhiem",
    "chanh thanh tra",
    "thu truong co quan",
    "tm.",
    "t/m",
    "kt.",
    "k/t",
    "tl.",
    "t/l",
    "tuq.",
    "q.",
];

/// Lines looked at after a signature title for the signer's name (the stamp, `(Đã ký)`
/// and, in PDFs, the `Nơi nhận` list may come in between).
const SIGNATURE_WINDOW: usize = 10;

/// Whether `line` is the title line of a signature block: short, in capitals, opening
/// with a signing title.
fn is_signing_title(line: &str) -> bool {
    let t = line.trim();
    let folded = letterhead::fold(t);
    t.chars().count() <= 80
        && t.chars().filter(|c| c.is_lowercase()).count() * 4 < t.chars().count().max(1)
        && SIGNING_TITLES.iter().any(|w| {
            folded.starts_with(w)
                && folded[w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
}

/// The signer from the plain text: the first personal name in the lines that follow a
/// signature title line (list lines of `Nơi nhận` passed over).
fn signer_in_text(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for (i, line) in lines.iter().enumerate() {
        if !is_signing_title(line) {
            continue;
        }
        let found = lines[i + 1..]
            .iter()
            .take(SIGNATURE_WINDOW)
            .filter(|l| !l.starts_with(['-', '+', '*', '•']))
            .find_map(|l| name_in_line(l));
        if let Some(name) = found {
            return Some(name);
        }
    }
    None
}

/// Ranks written before a signer's name (`Thiếu tướng Trương Minh Đương`).
const RANKS: &[&str] = &[
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
    "Thiếu úy",
];

/// The personal name a signature line holds: the whole line, after a rank, or the
/// capitalized words that start it when pdftotext ran the next page's letterhead into
/// it (`Nguyễn Minh ỦY BAN NHÂN DÂN …`).
fn name_in_line(line: &str) -> Option<String> {
    let line = line.trim_matches(|c: char| !c.is_alphanumeric());
    let line = RANKS
        .iter()
        .find_map(|r| line.strip_prefix(r))
        .map_or(line, str::trim_start);
    if is_person_name(line) {
        return Some(line.to_string());
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let n = words
        .iter()
        .take_while(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
        })
        .count();
    let rest_upper = words[n..]
        .iter()
        .all(|w| !w.chars().any(char::is_lowercase));
    let head = words[..n].join(" ");
    (n < words.len() && rest_upper && is_person_name(&head)).then_some(head)
}

/// Vietnamese family names: a signer's name starts with one (`Người Người`, a word of
/// the signature block, does not).
const SURNAMES: &[&str] = &[
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
    "Đào",
    "Đoàn",
    "Lâm",
    "Mai",
    "Trịnh",
    "Lương",
    "Cao",
    "Hà",
    "Tô",
    "Quách",
    "Thái",
    "Tạ",
    "Lưu",
    "Triệu",
    "Văn",
    "Chu",
    "Châu",
    "Phùng",
    "La",
    "Kiều",
    "Khúc",
    "Từ",
    "Hứa",
    "Tăng",
    "Vương",
    "Nông",
    "Lò",
    "Lục",
    "Giang",
    "Âu",
    "Mạc",
    "Ôn",
    "Diệp",
    "Kim",
    "Bế",
    "Hầu",
    "Thân",
    "Tống",
    "Nghiêm",
    "Quan",
    "Doãn",
    "Vi",
    "Ma",
    "Sầm",
    "Y",
    "Ksor",
    "Rơ",
    "Nay",
    "H'",
    "Đàm",
    "Khổng",
    "Lã",
    "Lạc",
    "Lại",
    "Lữ",
    "Mã",
    "Ninh",
    "Phí",
    "Phó",
    "Quang",
    "Thạch",
    "Tôn",
    "Ung",
    "Vòng",
    "Viên",
    "Yên",
    "Đào",
    "Đồng",
    "Đường",
    "Hàn",
    "Hình",
    "Kha",
    "Khưu",
    "Khương",
    "Lèo",
    "Lường",
    "Mông",
    "Nghị",
    "Tiêu",
    "Trà",
    "Trang",
    "Trình",
    "Bạch",
    "Bàn",
    "Cù",
    "Cấn",
    "Đới",
    "Hoàng Phủ",
];

/// Whether `s` is a personal name: 2 to 5 capitalized words, the first a family name.
fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.clone().all(char::is_lowercase)
                && w.chars().count() > 1
                || *w == "Y"
        })
        && SURNAMES.contains(&words[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_a_huge_first_paragraph_are_clipped() {
        let long = "giải ngân vốn ".repeat(1000);
        let t = clip_title(&long);
        assert!(t.chars().count() <= MAX_TITLE_CHARS + 1, "{}", t.len());
        assert!(t.ends_with("ngân…") || t.ends_with("vốn…") || t.ends_with("giải…"));
        assert_eq!(clip_title("Báo cáo ngắn"), "Báo cáo ngắn");
    }

    #[test]
    fn types_and_periods() {
        let t = "BÁO CÁO Tình hình kinh tế - xã hội tháng 02 và 02 tháng đầu năm, nhiệm vụ trọng tâm tháng 3 năm 2024";
        assert_eq!(doc_type(t, "", &Letterhead::default()), "bao-cao/thang");
        let ys = years(t, "", "bao-cao/thang", None);
        assert_eq!(ys, vec![2024]);
        assert_eq!(period(t, "bao-cao/thang", &ys), "2024-02");
        let t = "BÁO CÁO Kết quả năm 2017 và tình hình kinh tế - xã hội quý I năm 2018";
        assert_eq!(doc_type(t, "", &Letterhead::default()), "bao-cao/quy");
        let ys = years(t, "", "bao-cao/quy", None);
        assert_eq!(ys, vec![2017, 2018]);
        assert_eq!(period(t, "bao-cao/quy", &ys), "2018-Q1");
        let t = "TÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM 2024";
        assert_eq!(doc_type(t, "", &Letterhead::default()), "bao-cao/9-thang");
        assert_eq!(period(t, "bao-cao/9-thang", &[2024]), "2024-Q3");
        let t = "BÁO CÁO TỰ GIÁM SÁT Về Nghị quyết số 11-NQ/TW, ngày 10/02/2022, đến năm 2030";
        assert_eq!(doc_type(t, "", &Letterhead::default()), "bao-cao/chuyen-de");
        assert_eq!(
            years(
                t,
                "Thực hiện Kế hoạch ngày 23/9/2024",
                "bao-cao/chuyen-de",
                None
            ),
            vec![2024]
        );
        assert_eq!(
            doc_type("KẾ HOẠCH Thực hiện năm 2025", "", &Letterhead::default()),
            "ke-hoach"
        );
    }

    #[test]
    fn drafts_names_provinces() {
        assert!(is_draft(
            "Số: /BC-UBND\nLạng Sơn, ngày 12 tháng 02 năm 2024"
        ));
        assert!(is_draft("Lạng Sơn, ngày   tháng 02 năm 2024"));
        assert!(!is_draft(
            "Số: 45/BC-UBND\nLạng Sơn, ngày 12 tháng 02 năm 2024"
        ));
        assert!(is_person_name("Hoàng Văn Nghiệm"));
        assert!(!is_person_name("PHÓ CHỦ TỊCH"));
        // Words of the signature block and place names are not names.
        assert!(!is_person_name("Người Người"));
        assert!(!is_person_name("Tuyên Quang"));
        assert_eq!(
            province("UBND tỉnh Lạng Sơn; tỉnh Cao Bằng; tỉnh Lạng Sơn").as_deref(),
            Some("Lạng Sơn")
        );
    }

    #[test]
    fn kinds_and_periods_come_from_the_title() {
        let none = Letterhead::default();
        let cases = [
            (
                "BÁO CÁO Tình hình thực hiện nhiệm vụ tháng 3 năm 2026, 6 tháng đầu năm",
                "bao-cao/thang",
                "2026-03",
            ),
            (
                "BÁO CÁO Kết quả thực hiện nhiệm vụ năm 2025 và phương hướng, nhiệm vụ năm 2026",
                "bao-cao/nam",
                "2025",
            ),
            (
                "BÁO CÁO Kết quả triển khai Đề án 06 trên địa bàn tỉnh tháng 9/2025",
                "bao-cao/thang",
                "2025-09",
            ),
            (
                "BÁO CÁO Tình hình 6 tháng đầu năm, nhiệm vụ trọng tâm tháng 7 năm 2024",
                "bao-cao/6-thang",
                "2024-H1",
            ),
            ("CÔNG ĐIỆN Phiên họp lần thứ nhất", "cong-dien", ""),
            ("THÔNG BÁO Kết luận của Chủ tịch", "thong-bao", ""),
            ("THAM LUẬN Về chuyển đổi số cấp xã", "tham-luan", ""),
            ("ĐỀ CƯƠNG BÁO CÁO Tổng kết", "khac", ""),
            ("Hội nghị ngày 9 tháng 3 về dữ liệu", "khac", ""),
        ];
        for (title, kind, want) in cases {
            let got = doc_type(title, "", &none);
            assert_eq!(got, kind, "{title}");
            if !want.is_empty() {
                let ys = years(title, "", &got, None);
                assert_eq!(period(title, &got, &ys), want, "{title}");
            }
        }
        let ys = years(
            "BÁO CÁO Kết quả năm 2025 và phương hướng, nhiệm vụ năm 2026",
            "",
            "bao-cao/nam",
            None,
        );
        assert_eq!(ys, vec![2025]);
    }

    #[test]
    fn letters_and_numbered_documents_without_a_type_line() {
        let mut head = Letterhead {
            subject: Some("triển khai Công văn số 427/BCA-C04".into()),
            code: Some("/UBND-NC".into()),
            ..Letterhead::default()
        };
        assert_eq!(doc_type("", "", &head), "cong-van");
        head.subject = None;
        assert_eq!(doc_type("", "", &head), "cong-van");
        for (code, kind) in [
            ("329/BC-UBND", "bao-cao/chuyen-de"),
            ("/QĐ-UBND", "quyet-dinh"),
            ("12-NQ/TU", "nghi-quyet"),
            ("58/CĐ-VPCP", "cong-dien"),
            ("-QC/ĐU", "khac"),
            ("10-01/26/PT-NC", "khac"),
        ] {
            head.code = Some(code.into());
            assert_eq!(doc_type("", "", &head), kind, "{code}");
        }
        // The title's type word comes first.
        head.code = Some("519/SNV-TCCC".into());
        assert_eq!(
            doc_type("TỜ TRÌNH Về việc tổ chức đại hội", "", &head),
            "to-trinh"
        );
    }

    #[test]
    fn signers_under_the_signature_block() {
        let text = "Kính trình./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Hồng Hải\n";
        assert_eq!(signer_in_text(text).as_deref(), Some("Nguyễn Hồng Hải"));
        // pdftotext puts the recipients between the title and the name.
        let pdf = "GIÁM ĐỐC\n- Như trên;\n- Lưu: VT, HCBT.\nPhạm Thị Minh Hiếu\n";
        assert_eq!(signer_in_text(pdf).as_deref(), Some("Phạm Thị Minh Hiếu"));
        let unsigned = "GIÁM ĐỐC\nNgười Người\n";
        assert_eq!(signer_in_text(unsigned), None);
    }
}
