//! The timeline of a query drawn as SVG by the server: matching units per year, from the
//! library's [`Searcher::timeline`](crate::search::Searcher::timeline) (the counts of
//! `baocao timeline` and `/api/timeline`).

use maud::{html, Markup};

use crate::search::Timeline;

/// Widest span of years drawn year by year (gaps as empty bars); a wider span draws only
/// the years that have matches, so a stray year like 1900 does not squeeze the rest.
const MAX_SPAN: i32 = 40;
/// Height of the tallest bar, in SVG units.
const BAR_HEIGHT: f64 = 90.0;
/// Width of one year's slot, in SVG units.
const SLOT: f64 = 44.0;

/// One bar: a year, its matching units and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
struct YearCount {
    year: i32,
    units: u64,
    reports: u64,
}

/// The bars to draw from the timeline's year buckets (in year order, gaps included):
/// all of them when the span is at most [`MAX_SPAN`], else only the years with matches.
fn slots(timeline: &Timeline) -> Vec<YearCount> {
    let years: Vec<YearCount> = timeline
        .buckets
        .iter()
        .filter_map(|b| {
            Some(YearCount {
                year: b.value.parse().ok()?,
                units: b.units,
                reports: b.reports,
            })
        })
        .collect();
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return Vec::new();
    };
    if last.year - first.year >= MAX_SPAN {
        return years.into_iter().filter(|y| y.units > 0).collect();
    }
    years
}

/// Whether the timeline has a year with matches.
pub fn has_matches(timeline: &Timeline) -> bool {
    slots(timeline).iter().any(|y| y.units > 0)
}

/// The timeline as an inline SVG bar chart; each bar links to `link(year)`, the bar of
/// `active` is marked.
pub fn svg(timeline: &Timeline, active: Option<i32>, link: impl Fn(i32) -> String) -> Markup {
    let bars = slots(timeline);
    let max = bars.iter().map(|b| b.units).max().unwrap_or(0).max(1) as f64;
    let width = (bars.len() as f64 * SLOT).max(SLOT * 4.0);
    let top = 18.0;
    let height = top + BAR_HEIGHT + 22.0;
    let summary = bars
        .iter()
        .filter(|b| b.units > 0)
        .map(|b| format!("{}: {}", b.year, b.units))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        svg.timeline xmlns="http://www.w3.org/2000/svg"
            viewBox=(format!("0 0 {width} {height}"))
            role="img"
            aria-label=(format!("Số mục khớp theo năm: {summary}")) {
            line.axis x1="0" x2=(width) y1=(top + BAR_HEIGHT) y2=(top + BAR_HEIGHT) {}
            @for (i, b) in bars.iter().enumerate() {
                @let h = if b.units == 0 { 0.0 } else { (b.units as f64 / max * BAR_HEIGHT).max(2.0) };
                @let x = i as f64 * SLOT + 6.0;
                @let class = if active == Some(b.year) { "bar active" } else { "bar" };
                a href=(link(b.year)) aria-label=(format!("Năm {}: {} mục, {} báo cáo", b.year, b.units, b.reports)) {
                    title { (format!("Năm {}: {} mục khớp trong {} báo cáo", b.year, b.units, b.reports)) }
                    rect class=(class) x=(x) y=(top + BAR_HEIGHT - h) width=(SLOT - 12.0) height=(h) {}
                    @if b.units > 0 {
                        text.count x=(x + (SLOT - 12.0) / 2.0) y=(top + BAR_HEIGHT - h - 4.0) text-anchor="middle" { (b.units) }
                    }
                    text.year x=(x + (SLOT - 12.0) / 2.0) y=(height - 6.0) text-anchor="middle" { (b.year) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Bucket;

    fn timeline(years: &[(i32, u64)]) -> Timeline {
        Timeline {
            query: String::new(),
            by: "year".to_string(),
            units: years.iter().map(|y| y.1).sum(),
            reports: 1,
            buckets: years
                .iter()
                .map(|&(year, units)| Bucket {
                    value: year.to_string(),
                    units,
                    reports: u64::from(units > 0),
                })
                .collect(),
            without: Bucket::default(),
        }
    }

    #[test]
    fn a_wide_span_draws_only_the_years_with_matches() {
        let short = timeline(&[(2020, 3), (2021, 0), (2022, 1)]);
        assert_eq!(slots(&short).len(), 3, "gaps kept");
        let mut years = vec![(1900, 1)];
        years.extend((1901..2023).map(|y| (y, 0)));
        years.push((2023, 1));
        let wide = slots(&timeline(&years));
        assert_eq!(
            wide.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![1900, 2023]
        );
        assert!(slots(&timeline(&[])).is_empty());
        assert!(!has_matches(&timeline(&[(2020, 0)])));
    }

    #[test]
    fn the_drawing_links_each_year_and_marks_the_active_one() {
        let t = timeline(&[(2022, 1), (2023, 3)]);
        let svg = svg(&t, Some(2023), |y| format!("/?year={y}")).into_string();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("href=\"/?year=2022\""));
        assert_eq!(svg.matches("bar active").count(), 1);
        assert!(svg.contains("Năm 2023: 3 mục khớp trong 1 báo cáo"));
    }
}
