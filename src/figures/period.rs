//! The period a sentence names for its figures: "đến hết tháng 02/2023" → `2023-02`.
//!
//! A figure's period is the one its sentence names when it names one, else the report's.
//! Periods are written as in the reports' facets: `2023-02` (month), `2023-Q1` (quarter),
//! `2023-H1` (six months), `2023-Q3` (nine months, as the facet of a 9-month report),
//! `2023` (year). A period introduced as a comparison (`so với cùng kỳ năm 2022`, `so với
//! tháng 01/2023`) is not the figure's: the first period of the sentence that is not one
//! is taken.

use std::sync::OnceLock;

use regex::Regex;

/// Words just before a period that make it a comparison, not the figure's own period.
const COMPARISON_WORDS: &[&str] = &["cùng kỳ", "so với", "kỳ trước"];

/// Characters before a period mention that are searched for [`COMPARISON_WORDS`]: a few
/// words (`so với cùng kỳ năm …`).
const COMPARISON_WINDOW: usize = 24;

fn patterns() -> &'static [(Regex, Kind)] {
    static P: OnceLock<Vec<(Regex, Kind)>> = OnceLock::new();
    P.get_or_init(|| {
        let r = |s: &str| Regex::new(&format!("(?i){s}")).expect("valid period pattern");
        vec![
            (r(r"\b(?:6|sáu) tháng (?:đầu )?năm (\d{4})\b"), Kind::Half),
            (
                r(r"\b(?:9|chín) tháng (?:đầu )?năm (\d{4})\b"),
                Kind::NineMonths,
            ),
            (
                r(r"\bquý (I{1,3}|IV|[1-4])(?:/| năm )(\d{4})\b"),
                Kind::Quarter,
            ),
            (r(r"\btháng (\d{1,2})(?:/| năm )(\d{4})\b"), Kind::Month),
            (r(r"\btháng (\d{1,2})\b"), Kind::MonthOnly),
            (r(r"\bnăm (\d{4})\b"), Kind::Year),
        ]
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Half,
    NineMonths,
    Quarter,
    Month,
    MonthOnly,
    Year,
}

fn year(s: &str) -> Option<i32> {
    s.parse().ok().filter(|y| (1900..=2100).contains(y))
}

fn quarter(s: &str) -> Option<u32> {
    Some(match s.to_uppercase().as_str() {
        "I" | "1" => 1,
        "II" | "2" => 2,
        "III" | "3" => 3,
        "IV" | "4" => 4,
        _ => return None,
    })
}

fn is_comparison(sentence: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(COMPARISON_WINDOW);
    while !sentence.is_char_boundary(from) {
        from -= 1;
    }
    let before = sentence[from..at].to_lowercase();
    // Only the words of the same clause: `…cùng kỳ năm 2022; năm 2023 đạt` compares 2022.
    let clause = before
        .rfind([',', ';', ':', '(', '.'])
        .map_or(before.as_str(), |i| &before[i..]);
    COMPARISON_WORDS.iter().any(|w| clause.contains(w))
}

/// The period named by `sentence` (see the module doc), or None. `report_years`: a month
/// named without its year (`đến hết tháng 02`) takes the report's year when the report
/// covers one year.
pub fn period_in(sentence: &str, report_years: &[i32]) -> Option<String> {
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (re, kind) in patterns() {
        for c in re.captures_iter(sentence) {
            let whole = c.get(0).expect("match");
            if is_comparison(sentence, whole.start()) {
                continue;
            }
            let g = |i: usize| c.get(i).map_or("", |m| m.as_str());
            let period = match kind {
                Kind::Half => year(g(1)).map(|y| format!("{y}-H1")),
                Kind::NineMonths => year(g(1)).map(|y| format!("{y}-Q3")),
                Kind::Quarter => quarter(g(1))
                    .zip(year(g(2)))
                    .map(|(q, y)| format!("{y}-Q{q}")),
                Kind::Month => g(1)
                    .parse::<u32>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .zip(year(g(2)))
                    .map(|(m, y)| format!("{y}-{m:02}")),
                Kind::MonthOnly => match report_years {
                    [y] => g(1)
                        .parse::<u32>()
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .map(|m| format!("{y}-{m:02}")),
                    _ => None,
                },
                Kind::Year => year(g(1)).map(|y| y.to_string()),
            };
            if let Some(p) = period {
                found.push((whole.start(), whole.end(), p));
            }
        }
    }
    // The first mention; where patterns overlap (`tháng 02 năm 2023` and `năm 2023`),
    // the longest, most precise one.
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    found.into_iter().next().map(|(_, _, p)| p)
}

/// The period of a figure in `sentence` of a report covering `report_period`: the
/// sentence's period when it names one that is not merely the year holding the report's
/// own, finer period (`kế hoạch năm 2024` in a 9-month report of 2024 stays `2024-Q3`:
/// the year is the plan's, the figure is as of the report), else the report's.
pub fn figure_period(sentence: &str, report_years: &[i32], report_period: &str) -> String {
    match period_in(sentence, report_years) {
        Some(p) if !report_period.starts_with(&format!("{p}-")) => p,
        _ => report_period.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_named_by_sentences() {
        let p = |s: &str| period_in(s, &[2023]);
        assert_eq!(
            p("Giải ngân đến hết tháng 02/2023 đạt 189 tỷ đồng").as_deref(),
            Some("2023-02")
        );
        assert_eq!(p("tháng 3 năm 2024 đạt 5%").as_deref(), Some("2024-03"));
        assert_eq!(p("Quý I/2023 tăng 5%").as_deref(), Some("2023-Q1"));
        assert_eq!(
            p("6 tháng đầu năm 2024 đạt 40%").as_deref(),
            Some("2024-H1")
        );
        assert_eq!(p("9 tháng năm 2024 đạt 60%").as_deref(), Some("2024-Q3"));
        assert_eq!(p("Năm 2022 đạt 1.000 tỷ đồng").as_deref(), Some("2022"));
        assert_eq!(
            p("đến hết tháng 02 đạt 189 tỷ đồng").as_deref(),
            Some("2023-02")
        );
        assert_eq!(period_in("đến hết tháng 02 đạt 5%", &[2017, 2018]), None);
    }

    #[test]
    fn a_coarser_year_keeps_the_report_period() {
        let s = "Kế hoạch vốn năm 2024 giải ngân 1.775,2 tỷ đồng";
        assert_eq!(figure_period(s, &[2024], "2024-Q3"), "2024-Q3");
        assert_eq!(figure_period(s, &[2024], "2024"), "2024");
        let s = "đến hết tháng 02/2023 đạt 189 tỷ đồng";
        assert_eq!(figure_period(s, &[2023], "2023-01"), "2023-02");
        assert_eq!(figure_period("đạt 5%", &[2023], "2023-01"), "2023-01");
    }

    #[test]
    fn comparisons_and_dates_are_not_the_period() {
        let p = |s: &str| period_in(s, &[2023]);
        assert_eq!(p("đạt 400 tỷ đồng, tăng 5% so với cùng kỳ năm 2022"), None);
        assert_eq!(
            p("đạt 400 tỷ đồng, tăng 5% so với cùng kỳ năm 2022; năm 2023 đạt").as_deref(),
            Some("2023")
        );
        assert_eq!(
            p("Quyết định số 79/QĐ-UBND ngày 19/01/2023 cấp 5 tỷ đồng"),
            None
        );
        assert_eq!(p("giai đoạn 2021-2025 đạt 5%"), None);
    }
}
