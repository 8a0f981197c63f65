//! Figures: Vietnamese numbers with their units, extracted from sentences.
//!
//! A journalist asks "bao nhiêu tỷ đồng đã giải ngân?": [`sentences`] splits a section's
//! text into sentences, [`QueryMatcher`] keeps those that speak of the query, and
//! [`extract`] lists the figures in each: `400 tỷ đồng` → value 400, unit `tỷ đồng`.
//!
//! What counts as a figure:
//!
//! - a number written the Vietnamese way (`.` groups thousands, `,` is the decimal mark:
//!   `1.236,87` = 1236.87, `02` = 2) **followed by a unit** from the table in `units.rs`
//!   (`400 tỷ đồng`, `76,1%`, `75,3 %`, `6.137,6 ha`, `100ha`, `14 dự án`); the unit is
//!   canonical (`m3` → `m³`, `tỉ` → `tỷ`, `ngàn` → `nghìn`), and scale words stay in it
//!   (`tỷ đồng` and `nghìn tỷ đồng` are distinct units);
//! - a count out of a total before a unit, `14/45 cuộc` or `74,3/74,44 ha`: value 14 (the
//!   count), `out_of` 45 (the total), the raw text keeps both.
//!
//! What is not: numbers with no unit (they are mostly ordinals, road or meeting numbers,
//! counts of unlisted nouns; a unit table broad enough is the better fix), dates
//! (`15/3/2018`, `02/2023`, `ngày 19/01`), years (a four-digit integer between 1900 and
//! 2100 is always a year: Vietnamese writes quantities that large with a `.`), document
//! codes (`79/QĐ-UBND`, `11-NQ/TW`, `111/2024/QH15`), ranges and codes joined by `-`
//! (`2021-2025`, `Covid-19`), numbers glued to letters (`Km18`, `Km3+700`, `4B`, `30a`),
//! numbers after a label word (`tháng 02`, `lần 15`, `xếp thứ 13/63`, `Quốc lộ 18`),
//! section numbers (`1.3.`: no unit follows), and footnote markers (superscripts are not
//! digits here; plain-digit markers are removed by the parser).
//!
//! A sign before a number is ignored (`-5%` reads 5): in these reports a dash before a
//! number is far more often a range or a list bullet than a minus.

mod hits;
mod number;
pub mod period;
mod query;
mod row;
mod sentence;
mod units;

pub use crate::search::query::QueryError;
pub use hits::{figures_of_query, FiguresPage, MAX_FIGURE_UNITS};
pub use number::format_vi;
pub use query::QueryMatcher;
pub use row::{rows_in_text, FigureRow, LineFinder, Source};
pub use sentence::sentences;

use serde::Serialize;

/// One figure found in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The number's value (`1.236,87` → 1236.87). For `14/45 cuộc`, the count (14).
    pub value: f64,
    /// Canonical unit: `tỷ đồng`, `%`, `m³`, `nghìn con`, `triệu đồng/người/năm`…
    pub unit: String,
    /// The text as written in the sentence, number and unit (`400 tỷ đồng`).
    pub raw: String,
    /// Byte offset of `raw` in the sentence.
    pub start: usize,
    /// Byte offset of the end of `raw` in the sentence.
    pub end: usize,
    /// For a count out of a total (`44/63 mô hình`), the total (63).
    pub out_of: Option<f64>,
}

/// Characters that may open a word before a number: `(400 tỷ`, `“76,1%`.
const OPENERS: &[char] = &['(', '[', '{', '“', '"', '‘', '\'', '«'];
/// Characters that may close a word after a number: `400,`, `(2023)`.
const CLOSERS: &[char] = &[
    ',', ';', ':', '.', '!', '?', ')', ']', '}', '”', '"', '’', '\'', '»', '…',
];
/// Signs and approximations allowed glued before a number (ignored for the value).
const SIGNS: &[char] = &['~', '≈', '<', '>', '≤', '≥', '+', '-', '−'];

/// Words after which a number is a label, not a quantity: `tháng 02`, `lần 15`,
/// `xếp thứ 13/63`, `Quốc lộ 18`, `Nghị quyết 11`. Compared lower-cased.
const LABEL_WORDS: &[&str] = &[
    "ngày", "tháng", "năm", "quý", "tuần", "khóa", "khoá", "lần", "thứ", "kỳ", "kì", "đợt", "điều",
    "khoản", "chương", "phần", "km", "ql", "đt", "lớp", "phiên", "mốc", "cột", "trang", "hạng",
];

/// Two-word labels: `Quốc lộ 18`, `Nghị quyết 11`, `giai đoạn 2`.
const LABEL_PHRASES: &[&str] = &[
    "quốc lộ",
    "tỉnh lộ",
    "mức độ",
    "phụ lục",
    "giai đoạn",
    "nghị quyết",
    "nghị định",
    "quyết định",
    "thông tư",
    "chỉ thị",
    "kết luận",
];

/// Words that make `N/M` a date rather than a count out of a total (`từ 01/06`).
const DATE_WORDS: &[&str] = &[
    "từ", "đến", "hết", "trước", "sau", "vào", "đầu", "cuối", "tới",
];

/// Extracts every figure (number + unit) of one sentence, in order.
///
/// ```
/// let figures = baocao::figures::extract("ước đạt 400 tỷ đồng, đạt 11,6% kế hoạch");
/// assert_eq!(figures[0].value, 400.0);
/// assert_eq!(figures[0].unit, "tỷ đồng");
/// assert_eq!(figures[1].raw, "11,6%");
/// ```
/// Figures of a table row (`Tỷ lệ giải ngân | % | 51,8`, cells separated by ` | `): the
/// figures written in the cells, and a bare number in a cell read with the unit the row
/// gives in a cell of its own (the `Đơn vị` column). Offsets are those of the cells in
/// `row`; `raw` is the number and the unit. Not a table row: [`extract`].
pub fn extract_row(row: &str) -> Vec<Figure> {
    if !row.contains(" | ") {
        return extract(row);
    }
    let mut cells: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for cell in row.split(" | ") {
        let lead = cell.len() - cell.trim_start().len();
        cells.push((at + lead, cell.trim()));
        at += cell.len() + " | ".len();
    }
    // The unit cell: a cell that is nothing but a unit (`1 <cell>` reads whole as one).
    let unit = cells.iter().map(|(_, c)| *c).find(|c| {
        !c.is_empty() && !c.starts_with(|ch: char| ch.is_ascii_digit()) && {
            let probe = format!("1 {c}");
            extract(&probe)
                .first()
                .is_some_and(|f| f.start == 0 && f.end == probe.len())
        }
    });
    let mut out = Vec::new();
    for (k, (start, cell)) in cells.iter().enumerate() {
        let own = extract(cell);
        if !own.is_empty() {
            out.extend(own.into_iter().map(|mut f| {
                f.start += start;
                f.end += start;
                f
            }));
            continue;
        }
        let Some(unit) = unit else { continue };
        let bare = !cell.is_empty()
            && cell
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        // A bare integer in the first cell is the row's ordinal (`STT`), not a figure.
        let ordinal = k == 0 && cell.chars().all(|c| c.is_ascii_digit());
        if !bare || ordinal {
            continue;
        }
        let probe = format!("{cell} {unit}");
        if let Some(f) = extract(&probe)
            .into_iter()
            .next()
            .filter(|f| f.end == probe.len())
        {
            out.push(Figure {
                start: *start,
                end: start + cell.len(),
                ..f
            });
        }
    }
    out
}

pub fn extract(sentence: &str) -> Vec<Figure> {
    let b = sentence.as_bytes();
    let mut out = Vec::new();
    let mut last_end: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let end = number::span_end(sentence, start);
        let word_end = sentence[end..]
            .find(char::is_whitespace)
            .map_or(sentence.len(), |p| end + p);
        let found = read_figure(sentence, start, end, word_end, last_end);
        match found.iter().map(|f| f.end).max() {
            Some(figure_end) => {
                i = figure_end;
                last_end = Some(figure_end);
                out.extend(found);
            }
            None => i = word_end.max(end),
        }
    }
    out
}

/// Start of the white-space-delimited word holding byte `pos`.
fn word_start(s: &str, pos: usize) -> usize {
    s[..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8())
}

/// The one or two words before byte `pos`, lower-cased. A word followed by punctuation
/// (`cùng kỳ) 123 đối tượng`) ends a phrase: it comes back empty, so it is no label.
fn words_before(s: &str, pos: usize) -> (String, String) {
    let mut words = s[..pos].split_whitespace().rev().map(|w| {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        if w.chars().all(char::is_alphanumeric) {
            w.to_lowercase()
        } else {
            String::new()
        }
    });
    let last = words.next().unwrap_or_default();
    let before = words.next().unwrap_or_default();
    (before, last)
}

fn is_label(before: &str, last: &str) -> bool {
    // `mỗi ngày 500 lượt khách`: a rate, not a date.
    if matches!(before, "mỗi" | "một") {
        return false;
    }
    // `số 1 cửa khẩu` names a thing; `tổng số 150 hộ` counts.
    if last == "số" {
        return before != "tổng";
    }
    LABEL_WORDS.contains(&last) || LABEL_PHRASES.contains(&format!("{before} {last}").as_str())
}

fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹')
}

/// Reads the unit after a number ending at `end` (its word ends at `word_end`).
/// Returns the unit and the byte end of the figure, or `None`.
fn unit_after(s: &str, end: usize, word_end: usize, value: f64) -> Option<(String, usize)> {
    let first = s[end..word_end].chars().next();
    let unit = match first {
        None => units::read_unit(&s[end..], false),
        Some(c) if c.is_alphabetic() || c == '%' => units::read_unit(&s[end..], true),
        _ => None,
    }?;
    if unit.whole && value.fract() != 0.0 {
        return None;
    }
    Some((unit.canonical, end + unit.len))
}

fn read_figure(
    s: &str,
    start: usize,
    end: usize,
    word_end: usize,
    last_end: Option<usize>,
) -> Vec<Figure> {
    let word_start = word_start(s, start);
    // What is glued before the number: nothing, an opener, a sign, or `unit/` right
    // after the previous figure (`15 đoàn/141 lượt`).
    let prefix = &s[word_start..start];
    let after_previous = prefix.ends_with('/') && last_end == Some(start - 1);
    if !after_previous {
        let glued = prefix.trim_start_matches(OPENERS);
        if !glued.chars().all(|c| SIGNS.contains(&c)) {
            return Vec::new();
        }
        // After an opener (`cùng kỳ (17,91%)`) the word before labels nothing.
        let (before, last) = words_before(s, word_start);
        if prefix.len() == glued.len() && is_label(&before, &last) {
            return Vec::new();
        }
    }
    let Some(value) = number_value(&s[start..end]) else {
        return Vec::new();
    };
    let after = skip_markers(s, end, word_end);
    let rest = &s[after..word_end];
    match rest.chars().next() {
        Some('/') => read_ratio(s, start, after + 1, word_end, value)
            .into_iter()
            .collect(),
        Some(dash @ ('-' | '–'))
            if rest[dash.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()) =>
        {
            read_range(s, start, after, value)
        }
        Some(c) if !(c.is_alphabetic() || c == '%' || CLOSERS.contains(&c)) => Vec::new(),
        _ => match unit_after(s, after, word_end, value) {
            Some((unit, fig_end)) => vec![Figure {
                value,
                unit,
                raw: s[start..fig_end].to_string(),
                start,
                end: fig_end,
                out_of: None,
            }],
            None if rest.is_empty() => read_range(s, start, after, value),
            None => Vec::new(),
        },
    }
}

/// The value of a number span, or `None` for what is not a quantity: a malformed
/// grouping, or a year (four digits, 1900–2100, no separator).
fn number_value(span: &str) -> Option<f64> {
    let value = number::parse(span)?;
    let year = span.len() == 4
        && span.bytes().all(|c| c.is_ascii_digit())
        && (1900.0..=2100.0).contains(&value);
    (!year).then_some(value)
}

/// Skips footnote markers glued to a number (`2023⁶`).
fn skip_markers(s: &str, end: usize, word_end: usize) -> usize {
    end + s[end..word_end]
        .chars()
        .take_while(|&c| is_superscript_digit(c))
        .map(char::len_utf8)
        .sum::<usize>()
}

/// `7,5 - 8%`, `8-9%`, `5 - 6 cơ sở`: a range whose unit is written once, after its upper
/// bound. Gives two figures with that unit: the lower bound (raw text: the whole range)
/// and the upper bound. `after` is the byte end of the lower bound.
fn read_range(s: &str, start: usize, after: usize, low: f64) -> Vec<Figure> {
    let mut pos = after + units::space_len(&s[after..]);
    let Some(dash) = s[pos..].chars().next().filter(|c| matches!(c, '-' | '–')) else {
        return Vec::new();
    };
    pos += dash.len_utf8();
    pos += units::space_len(&s[pos..]);
    if !s.as_bytes().get(pos).is_some_and(u8::is_ascii_digit) {
        return Vec::new();
    }
    let high_end = number::span_end(s, pos);
    let word_end = s[high_end..]
        .find(char::is_whitespace)
        .map_or(s.len(), |p| high_end + p);
    let Some(high) = number_value(&s[pos..high_end]) else {
        return Vec::new();
    };
    let high_after = skip_markers(s, high_end, word_end);
    let first = s[high_after..word_end].chars().next();
    if high <= low
        || matches!(first, Some(c) if !(c.is_alphabetic() || c == '%' || CLOSERS.contains(&c)))
    {
        return Vec::new();
    }
    let Some((unit, fig_end)) = unit_after(s, high_after, word_end, high) else {
        return Vec::new();
    };
    let low_unit_ok = unit_after(s, high_after, word_end, low).is_some();
    let upper = Figure {
        value: high,
        unit: unit.clone(),
        raw: s[pos..fig_end].to_string(),
        start: pos,
        end: fig_end,
        out_of: None,
    };
    if !low_unit_ok {
        return vec![upper];
    }
    vec![
        Figure {
            value: low,
            unit,
            raw: s[start..fig_end].to_string(),
            start,
            end: fig_end,
            out_of: None,
        },
        upper,
    ]
}

/// `N/M unit`: a count out of a total (`14/45 cuộc`, `74,3/74,44 ha`). Dates (`15/3`,
/// `từ 01/06`), codes (`79/QĐ-UBND`) and `N/M` with no unit are not figures.
fn read_ratio(s: &str, start: usize, m_start: usize, word_end: usize, n: f64) -> Option<Figure> {
    if !s.as_bytes().get(m_start)?.is_ascii_digit() {
        return None;
    }
    let m_end = number::span_end(s, m_start);
    let m = number::parse(&s[m_start..m_end])?;
    let next = s[m_end..word_end].chars().next();
    if matches!(next, Some(c) if !(c.is_alphabetic() || c == '%' || CLOSERS.contains(&c))) {
        return None;
    }
    let (_, last) = words_before(s, word_start(s, start));
    if n > m || DATE_WORDS.contains(&last.as_str()) {
        return None;
    }
    let (unit, fig_end) = unit_after(s, m_end, word_end, n)?;
    Some(Figure {
        value: n,
        unit,
        raw: s[start..fig_end].to_string(),
        start,
        end: fig_end,
        out_of: Some(m),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_read_bare_numbers_with_the_unit_column() {
        let row = "1 | Tỷ lệ giải ngân vốn đầu tư công | % | 51,8 | 48,2";
        let got: Vec<(f64, String, &str)> = extract_row(row)
            .into_iter()
            .map(|f| (f.value, f.unit, &row[f.start..f.end]))
            .collect();
        assert_eq!(
            got,
            [
                (51.8, "%".to_string(), "51,8"),
                (48.2, "%".to_string(), "48,2")
            ]
        );
        // Figures written with their unit in a cell are read as they are.
        let row = "Vốn giải ngân | 400 tỷ đồng";
        let f = extract_row(row);
        assert_eq!((f[0].value, f[0].unit.as_str()), (400.0, "tỷ đồng"));
        assert_eq!(&row[f[0].start..f[0].end], "400 tỷ đồng");
        // No unit column: bare numbers are no figures; a sentence is read as before.
        assert!(extract_row("Số dự án | 12").is_empty());
        assert_eq!(extract_row("Đạt 5%.").len(), 1);
    }

    fn figs(s: &str) -> Vec<(f64, String)> {
        extract(s).into_iter().map(|f| (f.value, f.unit)).collect()
    }

    fn pairs(list: &[(f64, &str)]) -> Vec<(f64, String)> {
        list.iter().map(|&(v, u)| (v, u.to_string())).collect()
    }

    #[test]
    fn raw_and_offsets_point_into_the_sentence() {
        let s = "ước đạt 400 tỷ đồng, đạt 11,6% kế hoạch";
        for f in extract(s) {
            assert_eq!(&s[f.start..f.end], f.raw);
        }
        assert_eq!(extract(s)[0].raw, "400 tỷ đồng");
    }

    #[test]
    fn traps_are_not_figures() {
        for s in [
            "ngày 15/3/2018 và ngày 19/01, tháng 02/2023, 31/01/2023",
            "năm 2023, giai đoạn 2021 - 2030 và 2021-2025",
            "Quyết định số 79/QĐ-UBND, Nghị quyết 11-NQ/TW, Nghị quyết số 111/2024/QH15",
            "đoạn Km3+700 đến Km18, Covid-19, quý I/2018, Quốc lộ 4B",
            "Hội nghị lần 15, xếp thứ 13/63 tỉnh, Trạm số 1 cửa khẩu Chi Ma",
            "1.3. Công tác quy hoạch",
            "cùng kỳ năm 2023⁶",
        ] {
            assert_eq!(figs(s), vec![], "{s}");
        }
    }

    #[test]
    fn units_glued_spaced_and_after_a_slash() {
        assert_eq!(
            figs("đạt 75,3 % và 100ha, 20m3; 15 đoàn/141 lượt cán bộ"),
            pairs(&[
                (75.3, "%"),
                (100.0, "ha"),
                (20.0, "m³"),
                (15.0, "đoàn"),
                (141.0, "lượt")
            ])
        );
    }

    #[test]
    fn ranges_share_the_unit_of_their_upper_bound() {
        let s = "tăng 7,5 - 8%, nông nghiệp 8-9%; từ 5 - 6 cơ sở, giai đoạn 2016 - 2020";
        assert_eq!(
            figs(s),
            pairs(&[
                (7.5, "%"),
                (8.0, "%"),
                (8.0, "%"),
                (9.0, "%"),
                (5.0, "cơ sở"),
                (6.0, "cơ sở")
            ])
        );
        assert_eq!(extract(s)[0].raw, "7,5 - 8%");
        assert_eq!(extract(s)[1].raw, "8%");
        assert_eq!(
            figs("từ 9 - 6 hộ, 1,5 - 2 hộ"),
            pairs(&[(6.0, "hộ"), (2.0, "hộ")])
        );
    }

    #[test]
    fn labels_need_to_touch_the_number() {
        assert_eq!(
            figs("thấp hơn cùng kỳ (17,91%); kiểm tra tiến độ 28 đề tài; dịch vụ công mức độ 2, 404 dịch vụ"),
            pairs(&[(17.91, "%"), (28.0, "đề tài"), (404.0, "dịch vụ")])
        );
    }

    #[test]
    fn totals_are_counts() {
        assert_eq!(
            figs("Với tổng số 2917 vận động viên (50 đoàn)"),
            pairs(&[(2917.0, "vận động viên"), (50.0, "đoàn")])
        );
    }

    #[test]
    fn ratios_keep_the_count() {
        let f = extract("kết thúc 14/45 cuộc trên các lĩnh vực");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].value, f[0].unit.as_str(), f[0].raw.as_str()),
            (14.0, "cuộc", "14/45 cuộc")
        );
        assert_eq!(figs("từ 01/06 cuộc"), vec![]);
        assert_eq!(figs("ngày 08/10 xã"), vec![]);
        assert_eq!(figs("đến 15/3 xã"), vec![]);
        assert_eq!(figs("đạt 38,2/49,35ha, đạt"), pairs(&[(38.2, "ha")]));
    }
}
