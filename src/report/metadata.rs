//! Report metadata (SPEC §4, §5): title, document type, years, period, issuer, province
//! and signer, from the title block, the headings and the closing block.
//!
//! Sector and role facets are not set here (see `tagging::tag_report`).

use std::collections::HashMap;

use super::lines::Split;
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

/// Extracts the metadata (all but `file` and `doc_id`, set by the caller).
pub fn extract(text: &str, split: &Split, built: &Built) -> Metadata {
    let title = title(built);
    let opening: String = built
        .preamble_paras
        .iter()
        .map(|(_, p)| p.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let doc_type = doc_type(&title, &opening);
    let years = years(&title, &opening, &doc_type);
    let period = period(&title, &doc_type, &years);
    let province = province(text);
    let issuer = issuer(built, province.as_deref());
    let signer = if is_draft(&opening) {
        None
    } else {
        signer(&built.closing)
    };
    let _ = split;
    Metadata {
        title,
        doc_type,
        years,
        period,
        issuer,
        province,
        signer,
        ..Metadata::default()
    }
}

/// Document-type words that open a title block.
const TYPE_WORDS: &[(&str, &str)] = &[
    ("báo cáo", "bao-cao"),
    ("kế hoạch", "ke-hoach"),
    ("nghị quyết", "nghi-quyet"),
    ("quyết định", "quyet-dinh"),
    ("chỉ thị", "chi-thi"),
    ("tờ trình", "to-trinh"),
    ("công văn", "cong-van"),
    ("thông báo", "khac"),
    ("chương trình", "khac"),
];

fn is_upper_line(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}

/// The title: the type line of the title block (`BÁO CÁO`, `KẾ HOẠCH`…) and the subject
/// line after it; without a title block, the first top-level heading that names a year.
fn title(built: &Built) -> String {
    let paras = &built.preamble_paras;
    for (i, (_, p)) in paras.iter().enumerate() {
        let lower = p.to_lowercase();
        if is_upper_line(p)
            && p.chars().count() < 120
            && TYPE_WORDS.iter().any(|(w, _)| lower.starts_with(w))
        {
            let mut t = p.clone();
            if let Some((_, next)) = paras.get(i + 1) {
                let nl = next.to_lowercase();
                let opener = ["kính gửi", "căn cứ", "thực hiện", "số:", "ngày"]
                    .iter()
                    .any(|w| nl.starts_with(w));
                if !opener && next.chars().count() < 400 {
                    t.push(' ');
                    t.push_str(next);
                }
            }
            return t;
        }
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
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
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
        out.push((y, is_date));
    }
    out
}

fn doc_type(title: &str, opening: &str) -> String {
    let lower = title.to_lowercase();
    let mut base = "bao-cao";
    if let Some((_, slug)) = TYPE_WORDS.iter().find(|(w, _)| lower.starts_with(w)) {
        base = slug;
    } else if opening.contains("/BC-") || lower.contains("báo cáo") {
        base = "bao-cao";
    } else if lower.trim().is_empty() {
        return "khac".to_string();
    }
    if base != "bao-cao" {
        return base.to_string();
    }
    let thematic = ["tự giám sát", "sơ kết", "tổng kết", "chuyên đề", "giám sát"];
    if thematic.iter().any(|w| lower.contains(w)) {
        return "bao-cao/chuyen-de".to_string();
    }
    match period_kind(&lower) {
        Some(kind) => format!("bao-cao/{kind}"),
        None => "bao-cao/chuyen-de".to_string(),
    }
}

/// The period word of a (lower-cased) title: `9-thang`, `6-thang`, `quy`, `thang`, `nam`.
fn period_kind(lower: &str) -> Option<&'static str> {
    if lower.contains("9 tháng") || lower.contains("chín tháng") {
        Some("9-thang")
    } else if lower.contains("6 tháng") || lower.contains("sáu tháng") {
        Some("6-thang")
    } else if quarter(lower).is_some() {
        Some("quy")
    } else if month(lower).is_some() {
        Some("thang")
    } else if lower.contains("năm") && !years_in(lower).is_empty() {
        Some("nam")
    } else {
        None
    }
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

/// The month named in `tháng 02`, `tháng 3` (not `02 tháng`).
fn month(lower: &str) -> Option<u32> {
    let mut from = 0;
    while let Some(pos) = lower[from..].find("tháng ") {
        let at = from + pos + "tháng ".len();
        let tok: String = lower[at..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if let Ok(m) = tok.parse::<u32>() {
            if (1..=12).contains(&m) {
                return Some(m);
            }
        }
        from = at;
    }
    None
}

fn years(title: &str, opening: &str, doc_type: &str) -> Vec<i32> {
    let periodic = matches!(
        doc_type,
        "bao-cao/thang" | "bao-cao/quy" | "bao-cao/6-thang" | "bao-cao/9-thang" | "bao-cao/nam"
    );
    let mut ys: Vec<i32> = Vec::new();
    if periodic {
        ys = years_in(title)
            .into_iter()
            .filter(|(_, d)| !d)
            .map(|(y, _)| y as i32)
            .collect();
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
    let Some(&year) = years.iter().max() else {
        return String::new();
    };
    let lower = title.to_lowercase();
    match doc_type {
        "bao-cao/9-thang" => format!("{year}-Q3"),
        "bao-cao/6-thang" => format!("{year}-H1"),
        "bao-cao/quy" => quarter(&lower).map_or(year.to_string(), |q| format!("{year}-Q{q}")),
        "bao-cao/thang" => month(&lower).map_or(year.to_string(), |m| format!("{year}-{m:02}")),
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

fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.clone().all(char::is_lowercase)
                && w.chars().count() > 1
        })
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
        assert_eq!(doc_type(t, ""), "bao-cao/thang");
        let ys = years(t, "", "bao-cao/thang");
        assert_eq!(ys, vec![2024]);
        assert_eq!(period(t, "bao-cao/thang", &ys), "2024-02");
        let t = "BÁO CÁO Kết quả năm 2017 và tình hình kinh tế - xã hội quý I năm 2018";
        assert_eq!(doc_type(t, ""), "bao-cao/quy");
        let ys = years(t, "", "bao-cao/quy");
        assert_eq!(ys, vec![2017, 2018]);
        assert_eq!(period(t, "bao-cao/quy", &ys), "2018-Q1");
        let t = "TÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM 2024";
        assert_eq!(doc_type(t, ""), "bao-cao/9-thang");
        assert_eq!(period(t, "bao-cao/9-thang", &[2024]), "2024-Q3");
        let t = "BÁO CÁO TỰ GIÁM SÁT Về Nghị quyết số 11-NQ/TW, ngày 10/02/2022, đến năm 2030";
        assert_eq!(doc_type(t, ""), "bao-cao/chuyen-de");
        assert_eq!(
            years(t, "Thực hiện Kế hoạch ngày 23/9/2024", "bao-cao/chuyen-de"),
            vec![2024]
        );
        assert_eq!(doc_type("KẾ HOẠCH Thực hiện năm 2025", ""), "ke-hoach");
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
        assert_eq!(
            province("UBND tỉnh Lạng Sơn; tỉnh Cao Bằng; tỉnh Lạng Sơn").as_deref(),
            Some("Lạng Sơn")
        );
    }
}
