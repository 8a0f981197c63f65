//! The introduction before the first heading, as a unit of its own (`doc_id#preamble`):
//! "Kính gửi …", "Căn cứ …", "Thực hiện Công văn số …", the opening paragraphs of papers
//! and letters. The letterhead (issuing body, national motto, number, place and date) is
//! metadata and left out; the title is the unit's heading.

use super::model::Section;

/// Label that ends the id of a report's introduction unit: `doc_id#preamble`.
pub const PREAMBLE_LABEL: &str = "preamble";

/// Words that open a document's title line (`BÁO CÁO`, `TỜ TRÌNH`, `ĐIỀU LỆ` …),
/// compared lower-cased.
const TITLE_WORDS: &[&str] = &[
    "báo cáo",
    "tờ trình",
    "kế hoạch",
    "quyết định",
    "nghị quyết",
    "chỉ thị",
    "công văn",
    "công điện",
    "thông báo",
    "chương trình",
    "đề án",
    "điều lệ",
    "quy chế",
    "quy định",
    "hướng dẫn",
    "danh sách",
    "danh mục",
    "phụ lục",
    "biểu",
    "bảng",
    "tổng hợp",
    "biên bản",
    "giấy",
    "phiếu",
    "đơn",
    "tham luận",
    "bài phát biểu",
    "diễn văn",
    "dự thảo",
];

/// Longest letterhead line (issuing body, number, date).
const LETTERHEAD_MAX_CHARS: usize = 100;

/// Longest subject line read as the second line of a title (`Về việc …`, or the
/// `về …` run on after `NGHỊ QUYẾT`): a longer paragraph is body text.
pub(crate) const SUBJECT_MAX_CHARS: usize = 400;

/// Fewest letters of an upper-case letterhead or title line (`SỞ`, `BÁO CÁO` count; a
/// lone initial does not).
const LETTERHEAD_UPPER_MIN_LETTERS: usize = 2;

/// Whether every letter of `s` is upper case (and there are some).
fn is_upper(s: &str) -> bool {
    super::structure::all_upper(s, LETTERHEAD_UPPER_MIN_LETTERS)
}

/// The national or party motto of a letterhead.
fn is_motto(s: &str) -> bool {
    let l = crate::analysis::fold(&s.to_lowercase());
    let l: String = l.split_whitespace().collect::<Vec<_>>().join(" ");
    l.starts_with("cong hoa xa hoi chu nghia viet nam")
        || l.starts_with("doc lap - tu do - hanh phuc")
        || l.starts_with("doc lap – tu do – hanh phuc")
        || l.starts_with("doc lap-tu do-hanh phuc")
        || l.starts_with("dang cong san viet nam")
}

/// `Số: 45/BC-UBND`, `Số:    /TTr-SNV`.
fn is_number_line(s: &str) -> bool {
    let t = s.trim();
    t.chars().count() <= LETTERHEAD_MAX_CHARS
        && (t.starts_with("Số:") || t.starts_with("Số :") || t.starts_with("SỐ:"))
}

/// `Lâm Đồng, ngày 19 tháng 12 năm 2025` (the date may be blank in a draft).
fn is_place_date(s: &str) -> bool {
    let t = s.trim();
    let lower = t.to_lowercase();
    t.chars().count() <= LETTERHEAD_MAX_CHARS
        && lower.contains("ngày")
        && lower.contains("tháng")
        && lower.contains("năm")
        && t.contains(',')
        && !t.trim_end().ends_with(['.', ';', ':'])
        && t.split(',')
            .next()
            .is_some_and(|place| place.split_whitespace().count() <= 5)
}

/// A paragraph that starts the body of an introduction (and cannot be a title line).
fn is_opener(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "kính gửi",
        "căn cứ",
        "thực hiện",
        "số:",
        "ngày",
        "theo ",
        "xét ",
        "trên cơ sở",
    ]
    .iter()
    .any(|w| l.starts_with(w))
}

fn is_title_line(s: &str) -> bool {
    let lower = s.to_lowercase();
    is_upper(s) && s.chars().count() < 160 && TITLE_WORDS.iter().any(|w| lower.starts_with(w))
}

/// An introduction split into its title and its body.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Intro {
    /// The title block (`ĐIỀU LỆ LIÊN ĐOÀN …`, `TỜ TRÌNH Về việc …`), when there is one.
    pub title: Option<String>,
    /// The paragraphs that are neither letterhead nor title, with their lines.
    pub body: Vec<(usize, String)>,
    /// The letterhead lines (issuing body, number, place and date; the national motto,
    /// the same on every document, left out), with their lines.
    pub letterhead: Vec<(usize, String)>,
}

/// Splits the opening paragraphs of a document: letterhead lines (motto, number, place
/// and date, and the capital lines of the issuing body before the title) are dropped,
/// the title block (a capital line that opens with a document word, the capital lines
/// after it and one subject line) is taken apart, the rest is the body.
pub(crate) fn split_intro(paras: &[(usize, String)]) -> Intro {
    let mut intro = Intro::default();
    let title_at = paras.iter().position(|(_, p)| is_title_line(p));
    let first_body = paras
        .iter()
        .position(|(_, p)| !is_upper(p) && !is_motto(p) && !is_number_line(p) && !is_place_date(p));
    let mut i = 0;
    while i < paras.len() {
        let (line, p) = &paras[i];
        let t = p.trim();
        if t.is_empty() || is_motto(t) {
            i += 1;
            continue;
        }
        if is_number_line(t) || is_place_date(t) {
            intro.letterhead.push((*line, t.to_string()));
            i += 1;
            continue;
        }
        if Some(i) == title_at {
            let mut title = t.to_string();
            let mut j = i + 1;
            while let Some((next_line, next)) = paras.get(j) {
                let next = next.trim();
                if is_number_line(next) || is_place_date(next) {
                    intro.letterhead.push((*next_line, next.to_string()));
                }
                if is_motto(next) || is_number_line(next) || is_place_date(next) {
                    j += 1;
                    continue;
                }
                if is_upper(next) && next.chars().count() < 160 {
                    title.push(' ');
                    title.push_str(next);
                    j += 1;
                    continue;
                }
                break;
            }
            if let Some((_, next)) = paras.get(j) {
                let next = next.trim();
                if !is_opener(next) && next.chars().count() < SUBJECT_MAX_CHARS && !next.is_empty()
                {
                    title.push(' ');
                    title.push_str(next);
                    j += 1;
                }
            }
            intro.title = Some(title);
            i = j;
            continue;
        }
        // Capital lines above the title or the first body paragraph: the issuing body.
        let before = title_at.or(first_body).is_none_or(|k| i < k);
        if before && is_upper(t) && t.chars().count() <= LETTERHEAD_MAX_CHARS {
            intro.letterhead.push((*line, t.to_string()));
            i += 1;
            continue;
        }
        intro.body.push((*line, t.to_string()));
        i += 1;
    }
    intro
}

/// The letterhead lines of a document's opening paragraphs `paras` (see [`Intro`]).
pub(crate) fn letterhead(paras: &[(usize, String)]) -> Vec<(usize, String)> {
    split_intro(paras).letterhead
}

/// The introduction unit of a report: the opening paragraphs `paras` (the parser's
/// preamble) without the letterhead; its heading is the title block when there is one
/// (empty otherwise: the caller puts the report's title there). `last_line`: the last
/// source line before the first section. `None` when neither a body paragraph nor a
/// title is left (a unit holding only the title makes the title searchable).
pub(crate) fn section(
    doc_id: &str,
    paras: &[(usize, String)],
    last_line: usize,
) -> Option<Section> {
    let intro = split_intro(paras);
    if intro.body.is_empty() && intro.title.is_none() {
        return None;
    }
    let title_line = paras
        .iter()
        .find(|(_, p)| {
            intro
                .title
                .as_deref()
                .is_some_and(|t| t.starts_with(p.trim()))
        })
        .map(|(l, _)| *l);
    let first = title_line.or(intro.body.first().map(|b| b.0))?;
    Some(Section {
        id: format!("{doc_id}#{PREAMBLE_LABEL}"),
        path: Vec::new(),
        heading: intro.title.unwrap_or_default(),
        text: intro
            .body
            .into_iter()
            .map(|(_, p)| p)
            .collect::<Vec<_>>()
            .join("\n"),
        line_start: first,
        line_end: last_line.max(first),
        ..Section::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(texts: &[&str]) -> Vec<(usize, String)> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| (i * 2 + 1, t.to_string()))
            .collect()
    }

    #[test]
    fn letterhead_and_title_are_taken_apart() {
        let p = paras(&[
            "UBND TỈNH LÂM ĐỒNG",
            "SỞ NỘI VỤ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 554/TTr-SNV",
            "Lâm Đồng, ngày 20 tháng 11 năm 2025",
            "TỜ TRÌNH",
            "Về việc phê duyệt Điều lệ Liên đoàn Yoga tỉnh Lâm Đồng",
            "Kính gửi: Ủy ban nhân dân tỉnh.",
            "Căn cứ Nghị định số 126/2024/NĐ-CP ngày 08 tháng 10 năm 2024 của Chính phủ;",
        ]);
        let intro = split_intro(&p);
        assert_eq!(
            intro.title.as_deref(),
            Some("TỜ TRÌNH Về việc phê duyệt Điều lệ Liên đoàn Yoga tỉnh Lâm Đồng")
        );
        let body: Vec<&str> = intro.body.iter().map(|(_, b)| b.as_str()).collect();
        assert_eq!(
            body,
            [
                "Kính gửi: Ủy ban nhân dân tỉnh.",
                "Căn cứ Nghị định số 126/2024/NĐ-CP ngày 08 tháng 10 năm 2024 của Chính phủ;"
            ]
        );
        let s = section("d", &p, 30).unwrap();
        assert_eq!(s.id, "d#preamble");
        assert_eq!(s.heading, intro.title.unwrap());
        assert!(s.text.starts_with("Kính gửi"), "{}", s.text);
        assert_eq!(s.line_start, 13);
        assert_eq!(s.line_end, 30);
        // Nothing but letterhead: no unit; a title alone makes one.
        assert!(section("d", &p[..6], 12).is_none());
        let t = section("d", &p[..8], 16).unwrap();
        assert_eq!((t.text.as_str(), t.line_start), ("", 13));
    }
}
