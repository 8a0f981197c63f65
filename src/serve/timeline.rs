//! The timeline of a query: matching units per year, and its SVG drawing.
//!
//! [`timeline`] is the one place that computes it; it reads the `year` facet counts until
//! the library has a timeline of its own.

use maud::{html, Markup};
use serde::Serialize;

use super::params::Selection;
use super::state::Failure;
use crate::search::{FacetValue, Searcher};

/// Widest span of years drawn year by year (gaps as empty bars); a wider span draws only
/// the years that have matches, so a stray year like 1900 does not squeeze the rest.
const MAX_SPAN: i32 = 40;
/// Height of the tallest bar, in SVG units.
const BAR_HEIGHT: f64 = 90.0;
/// Width of one year's slot, in SVG units.
const SLOT: f64 = 44.0;

/// One year of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// The year.
    pub year: i32,
    /// Matching sections and footnotes of reports covering that year.
    pub count: u64,
}

/// Matching units per year, for `/api/timeline` and the page.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// The query (null: all units).
    pub query: Option<String>,
    /// Matching sections and footnotes (all years).
    pub total: usize,
    /// Years in order.
    pub years: Vec<YearCount>,
}

/// The timeline of `selection` (its query and filters).
pub fn timeline(searcher: &Searcher, selection: &Selection) -> Result<Timeline, Failure> {
    let counts = searcher.facets(&selection.request(0, 0)?, &["year"])?;
    Ok(from_year_facet(
        selection,
        counts.total,
        counts.get("year").unwrap_or_default(),
    ))
}

/// A timeline from already computed `year` facet values (the page computes them anyway).
pub fn from_year_facet(selection: &Selection, total: usize, values: &[FacetValue]) -> Timeline {
    let mut years: Vec<YearCount> = values
        .iter()
        .filter_map(|v| {
            Some(YearCount {
                year: v.value.parse().ok()?,
                count: v.count,
            })
        })
        .collect();
    years.sort_by_key(|y| y.year);
    Timeline {
        query: Some(selection.q.clone()).filter(|q| !q.is_empty()),
        total,
        years,
    }
}

/// The bars to draw: every year from the first to the last (gaps as zero) when the span
/// is at most [`MAX_SPAN`], else only the years with matches.
fn slots(years: &[YearCount]) -> Vec<YearCount> {
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return Vec::new();
    };
    if last.year - first.year >= MAX_SPAN {
        return years.to_vec();
    }
    (first.year..=last.year)
        .map(|year| YearCount {
            year,
            count: years.iter().find(|y| y.year == year).map_or(0, |y| y.count),
        })
        .collect()
}

/// The timeline as an inline SVG bar chart; each bar links to `link(year)`, the bar of
/// `active` is marked.
pub fn svg(timeline: &Timeline, active: Option<i32>, link: impl Fn(i32) -> String) -> Markup {
    let bars = slots(&timeline.years);
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let width = (bars.len() as f64 * SLOT).max(SLOT * 4.0);
    let top = 18.0;
    let height = top + BAR_HEIGHT + 22.0;
    let summary = bars
        .iter()
        .filter(|b| b.count > 0)
        .map(|b| format!("{}: {}", b.year, b.count))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        svg.timeline xmlns="http://www.w3.org/2000/svg"
            viewBox=(format!("0 0 {width} {height}"))
            role="img"
            aria-label=(format!("Số mục khớp theo năm: {summary}")) {
            line.axis x1="0" x2=(width) y1=(top + BAR_HEIGHT) y2=(top + BAR_HEIGHT) {}
            @for (i, b) in bars.iter().enumerate() {
                @let h = if b.count == 0 { 0.0 } else { (b.count as f64 / max * BAR_HEIGHT).max(2.0) };
                @let x = i as f64 * SLOT + 6.0;
                @let class = if active == Some(b.year) { "bar active" } else { "bar" };
                a href=(link(b.year)) aria-label=(format!("Năm {}: {} mục", b.year, b.count)) {
                    title { (format!("Năm {}: {} mục khớp", b.year, b.count)) }
                    rect class=(class) x=(x) y=(top + BAR_HEIGHT - h) width=(SLOT - 12.0) height=(h) {}
                    @if b.count > 0 {
                        text.count x=(x + (SLOT - 12.0) / 2.0) y=(top + BAR_HEIGHT - h - 4.0) text-anchor="middle" { (b.count) }
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

    fn yc(year: i32, count: u64) -> YearCount {
        YearCount { year, count }
    }

    #[test]
    fn gaps_are_filled_within_a_short_span_only() {
        let filled = slots(&[yc(2020, 3), yc(2023, 1)]);
        assert_eq!(
            filled,
            vec![yc(2020, 3), yc(2021, 0), yc(2022, 0), yc(2023, 1)]
        );
        let wide = slots(&[yc(1900, 1), yc(2023, 1)]);
        assert_eq!(wide.len(), 2);
        assert!(slots(&[]).is_empty());
    }

    #[test]
    fn the_drawing_links_each_year_and_marks_the_active_one() {
        let t = Timeline {
            query: None,
            total: 4,
            years: vec![yc(2022, 1), yc(2023, 3)],
        };
        let svg = svg(&t, Some(2023), |y| format!("/?year={y}")).into_string();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("href=\"/?year=2022\""));
        assert_eq!(svg.matches("bar active").count(), 1);
        assert!(svg.contains("Năm 2023: 3 mục khớp"));
    }
}
