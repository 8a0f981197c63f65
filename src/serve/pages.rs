//! The HTML pages, in Vietnamese: search with facets, timeline and results; one section
//! with its footnotes and its report's outline; the figures behind a query.
//!
//! Every piece of document text goes through maud's escaping; snippets, whose `<b>` marks
//! come from the library, are taken apart and rebuilt (see [`snippet`]), never inserted
//! as HTML.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use maud::{html, Markup, DOCTYPE};

use super::params::{
    Params, Selection, FACETS, FIGURES_PAGE_SIZE, FILTER_PARAMS, MAX_WINDOW, PAGE_SIZE,
};
use super::state::{blocking, AppState, Failure};
use super::timeline;
use crate::figures::{figures_of_query, format_vi, FigureRow, FiguresPage};
use crate::output;
use crate::search::{
    parse_query, FacetValue, Hit, Kind, Outline, ReportInfo, SearchResults, Searcher, Show,
    Timeline, Unit,
};

/// Values listed per facet before "and N more" (the period facet of a large corpus has
/// hundreds; the most frequent first is what a reader scans).
const MAX_FACET_VALUES: usize = 25;
/// Reports listed on the home page.
const MAX_REPORTS_LISTED: usize = 50;

// ───────────────────────────── labels ─────────────────────────────

/// The Vietnamese label of a document type slug (`bao-cao/thang` → `Báo cáo tháng`).
fn doc_type_label(slug: &str) -> String {
    let word = |w: &str| -> Option<&'static str> {
        Some(match w {
            "bao-cao" => "Báo cáo",
            "ke-hoach" => "Kế hoạch",
            "nghi-quyet" => "Nghị quyết",
            "quyet-dinh" => "Quyết định",
            "chi-thi" => "Chỉ thị",
            "to-trinh" => "Tờ trình",
            "cong-van" => "Công văn",
            "khac" => "Khác",
            "thang" => "tháng",
            "quy" => "quý",
            "6-thang" => "6 tháng",
            "9-thang" => "9 tháng",
            "nam" => "năm",
            "chuyen-de" => "chuyên đề",
            _ => return None,
        })
    };
    let parts: Option<Vec<&str>> = slug.split('/').map(word).collect();
    parts.map_or_else(|| slug.to_string(), |p| p.join(" "))
}

/// The Vietnamese label of a sector slug, from the tagging rules table (the slug itself
/// when it is not there).
fn sector_label(slug: &str) -> String {
    crate::tagging::sector_label(slug).map_or_else(|| slug.to_string(), str::to_string)
}

/// The Vietnamese label of a role slug (the slug itself when it names no role).
fn role_label(slug: &str) -> String {
    crate::tagging::role_label(slug).map_or_else(|| slug.to_string(), str::to_string)
}

/// A period as read aloud: `2023-01` → `tháng 01/2023`, `2024-Q3` → `quý 3/2024`,
/// `2024-H1` → `6 tháng đầu năm 2024`, `2024` → `năm 2024`.
fn period_label(period: &str) -> String {
    let Some((year, rest)) = period.split_once('-') else {
        return if period.len() == 4 && period.bytes().all(|b| b.is_ascii_digit()) {
            format!("năm {period}")
        } else {
            period.to_string()
        };
    };
    if let Some(q) = rest.strip_prefix('Q') {
        format!("quý {q}/{year}")
    } else if rest == "H1" {
        format!("6 tháng đầu năm {year}")
    } else if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
        format!("tháng {rest}/{year}")
    } else {
        period.to_string()
    }
}

/// The label of a value of facet `name`.
fn facet_value_label(name: &str, value: &str) -> String {
    match name {
        "doc_type" => doc_type_label(value),
        "sector" => sector_label(value),
        "role" => role_label(value),
        "period" => period_label(value),
        _ => value.to_string(),
    }
}

/// The label of a URL filter parameter's value.
fn param_value_label(param: &str, value: &str) -> String {
    let name = FACETS
        .iter()
        .find(|(_, p, _)| *p == param)
        .map_or(param, |(n, _, _)| n);
    match param {
        "kind" => match value {
            "section" => "chỉ các mục".to_string(),
            "footnote" => "chỉ chú thích".to_string(),
            _ => "mục và chú thích".to_string(),
        },
        _ => facet_value_label(name, value),
    }
}

/// The label of a URL filter parameter.
fn param_label(param: &str) -> &'static str {
    FACETS
        .iter()
        .find(|(_, p, _)| *p == param)
        .map_or("Loại kết quả", |(_, _, label)| label)
}

/// `II › 1 › 1.3`.
fn path_label(path: &[String]) -> String {
    path.join(" › ")
}

/// `file:line`.
fn location(file: &str, line: usize) -> String {
    format!("{file}:{line}")
}

/// A number with Vietnamese thousands dots.
fn count(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

// ───────────────────────────── building blocks ─────────────────────────────

/// A snippet with `<b>…</b>` marks (the library escapes `<`, `>`, `&` elsewhere) as
/// markup: the text between marks is unescaped and escaped again by maud, the marks
/// become `<mark>`. Nothing of the document reaches the page unescaped.
pub fn snippet(html_snippet: &str) -> Markup {
    let mut parts: Vec<(bool, String)> = Vec::new();
    let mut rest = html_snippet;
    while let Some(open) = rest.find("<b>") {
        parts.push((false, output::unescape(&rest[..open])));
        let after = &rest[open + 3..];
        let close = after.find("</b>").unwrap_or(after.len());
        parts.push((true, output::unescape(&after[..close])));
        rest = after.get(close + 4..).unwrap_or("");
    }
    parts.push((false, output::unescape(rest)));
    html! {
        @for (marked, text) in &parts {
            @if *marked { mark { (text) } } @else { (text) }
        }
    }
}

/// The page around `body`.
fn layout(title: &str, selection: &Selection, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " — baocao" }
                link rel="stylesheet" href="/assets/style.css";
                link rel="icon" href="/favicon.svg" type="image/svg+xml";
                script src="/assets/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Bỏ qua, đến nội dung chính" }
                header.top {
                    a.brand href="/" { "baocao" small { "tìm trong báo cáo" } }
                    form.search role="search" action="/" method="get" {
                        label.sr for="q" { "Tìm trong các báo cáo" }
                        input #q type="search" name="q" value=(selection.q)
                            placeholder="Ví dụ: giải ngân vốn đầu tư công"
                            autocomplete="off" spellcheck="false" autofocus[selection.q.is_empty()];
                        @for (name, value) in &selection.filters {
                            input type="hidden" name=(name) value=(value);
                        }
                        button type="submit" { "Tìm" }
                    }
                    p.hint {
                        "Có dấu hay không dấu đều được. "
                        code { "\"cụm từ\"" } " tìm nguyên cụm, "
                        code { "-từ" } " loại trừ, "
                        code { "OR" } " để chọn một trong hai, "
                        code { "heading:" } " chỉ tìm trong đề mục. Phím "
                        kbd { "/" } " về ô tìm, " kbd { "j" } " " kbd { "k" } " chuyển kết quả."
                    }
                }
                (body)
                footer.bottom {
                    "baocao · chỉ đọc, không gửi dữ liệu ra ngoài máy này · "
                    a href="/api/stats" { "API JSON" }
                }
            }
        }
    }
}

/// An HTML response.
fn page(status: StatusCode, markup: Markup) -> Response {
    super::respond(status, "text/html; charset=utf-8", markup.into_string())
}

/// The page (or, under `/api`, the JSON error) of a failure.
pub fn failure(api: bool, failure: &Failure) -> Response {
    if api {
        return super::api::error(failure);
    }
    failure_page(&Selection::default(), failure)
}

/// The Vietnamese page of a failure, with the search box keeping `selection`.
fn failure_page(selection: &Selection, failure: &Failure) -> Response {
    let (title, advice): (&str, Markup) = match failure {
        Failure::BadRequest(_) => (
            "Yêu cầu không hợp lệ",
            html! { p { "Kiểm tra lại câu tìm (dấu ngoặc kép, ngoặc đơn phải đóng) và các bộ lọc." } },
        ),
        Failure::NotFound(_) => (
            "Không tìm thấy",
            html! { p { "Mục hoặc báo cáo này không có trong chỉ mục. " a href="/" { "Về trang tìm kiếm" } "." } },
        ),
        Failure::Unavailable(_) => (
            "Chưa đọc được chỉ mục",
            html! {
                p { "Chỉ mục chưa được tạo hoặc đã hỏng. Tạo (hoặc tạo lại) chỉ mục bằng dòng lệnh, trang sẽ tự đọc lại sau vài giây:" }
                p { code { "baocao index THƯ_MỤC_BÁO_CÁO" } " hoặc " code { "baocao index --rebuild THƯ_MỤC_BÁO_CÁO" } }
            },
        ),
        Failure::Internal(_) => (
            "Lỗi khi đọc chỉ mục",
            html! {
                p { "Có thể chỉ mục đã hỏng. Tạo lại bằng dòng lệnh:" }
                p { code { "baocao index --rebuild THƯ_MỤC_BÁO_CÁO" } }
            },
        ),
        Failure::Busy => ("Máy chủ đang bận", html! { p { "Thử lại sau giây lát." } }),
    };
    let body = html! {
        div.layout.single {
            main #main {
                div.notice role="alert" {
                    h1 { (title) }
                    p { code.error { (failure.message()) } }
                    (advice)
                }
            }
        }
    };
    page(failure.status(), layout(title, selection, body))
}

/// The facet lists: each value links to the selection with that value set (or removed
/// when it is the active one).
fn facet_nav(selection: &Selection, facets: &[(String, Vec<FacetValue>)]) -> Markup {
    html! {
        nav.facets aria-label="Bộ lọc" {
            @for (name, param, label) in FACETS {
                @if let Some((_, values)) = facets.iter().find(|(n, _)| n.as_str() == *name) {
                    @if !values.is_empty() {
                        details open {
                            summary { h2 { (label) } }
                            ul {
                                @for v in values.iter().take(MAX_FACET_VALUES) {
                                    @let active = selection.has(param, &v.value);
                                    @let href = if active {
                                        selection.without(param).url("/", &[])
                                    } else {
                                        selection.with(param, &v.value).url("/", &[])
                                    };
                                    li class=[(*name == "sector" || *name == "doc_type").then_some(if v.value.contains('/') { "child" } else { "parent" })] {
                                        a href=(href) class=[active.then_some("active")]
                                            aria-current=[active.then_some("true")]
                                            data-facet=(param) data-value=(v.value)
                                            title=(v.value) {
                                            span.v { (facet_value_label(name, &v.value)) }
                                            span.n { (count(v.count)) }
                                        }
                                    }
                                }
                            }
                            @if values.len() > MAX_FACET_VALUES {
                                p.more { "và " (values.len() - MAX_FACET_VALUES) " giá trị khác" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The active filters, each removable, and "remove all".
fn active_filters(selection: &Selection) -> Markup {
    html! {
        @if !selection.filters.is_empty() {
            ul.active-filters aria-label="Đang lọc" {
                li { "Đang lọc:" }
                @for (param, value) in &selection.filters {
                    @let rest = Selection {
                        q: selection.q.clone(),
                        filters: selection.filters.iter().filter(|(p, v)| !(p == param && v == value)).cloned().collect(),
                    };
                    li {
                        a href=(rest.url("/", &[])) title="Bỏ bộ lọc này" data-filter=(param) {
                            (param_label(param)) ": " (param_value_label(param, value))
                        }
                    }
                }
                li.clear {
                    a href=(Selection { q: selection.q.clone(), filters: Vec::new() }.url("/", &[])) { "Bỏ tất cả bộ lọc" }
                }
            }
        }
    }
}

/// The timeline figure.
fn timeline_figure(selection: &Selection, timeline: &Timeline) -> Markup {
    let active = selection.get("year").and_then(|y| y.parse().ok());
    html! {
        @if timeline::has_matches(timeline) {
            figure.chart {
                (timeline::svg(timeline, active, |year| {
                    if active == Some(year) {
                        selection.without("year").url("/", &[])
                    } else {
                        selection.with("year", &year.to_string()).url("/", &[])
                    }
                }))
                figcaption {
                    @if selection.q.is_empty() { "Số mục (phần và chú thích) theo năm của báo cáo" }
                    @else { "Số mục khớp theo năm của báo cáo" }
                    @if active.is_some() { " (bấm năm đang chọn để bỏ lọc năm)" }
                }
            }
        }
    }
}

/// The link to a unit's page.
fn show_url(id: &str, q: &str) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair("id", id);
    if !q.is_empty() {
        s.append_pair("q", q);
    }
    format!("/show?{}", s.finish())
}

/// One hit of the results list.
fn hit_item(hit: &Hit, q: &str) -> Markup {
    let heading = if hit.heading.trim().is_empty() {
        "(không có đề mục)".to_string()
    } else {
        hit.heading.clone()
    };
    html! {
        li.hit data-id=(hit.id) data-years=(hit.years.iter().map(i32::to_string).collect::<Vec<_>>().join(" ")) {
            h3 {
                a href=(show_url(&hit.id, q)) {
                    @if !hit.path.is_empty() { span.path { (path_label(&hit.path)) ". " } }
                    (heading)
                }
                @if hit.kind == Kind::Footnote {
                    " " span.badge { "chú thích " (hit.number.unwrap_or(0)) }
                }
            }
            p.meta {
                span.title { (hit.title) }
                @if !hit.period.is_empty() { span.period title=(hit.period) { (period_label(&hit.period)) } }
                code.loc title=[hit.source.as_ref().map(|p| p.display().to_string())] {
                    (location(&hit.file, hit.match_line))
                }
            }
            p.snippet { (snippet(&hit.snippet)) }
        }
    }
}

// ───────────────────────────── search page ─────────────────────────────

/// Per facet field, its values with their counts.
type FacetLists = Vec<(String, Vec<FacetValue>)>;

/// The counts of a selection that do not depend on the page: kept per index commit
/// ([`AppState`]'s summaries), so that paging or coming back costs only the hits.
#[derive(Debug)]
pub struct Summary {
    facets: FacetLists,
    total: usize,
    timeline: Timeline,
}

/// Everything the search page shows, computed on the blocking pool.
struct SearchData {
    results: Option<SearchResults>,
    summary: Arc<Summary>,
    reports: Vec<ReportInfo>,
}

/// Facet counts where each facet with an active filter is counted without its own filter
/// (so its other values stay visible to switch to), the others under all filters; and the
/// total under all filters.
fn facet_counts(
    searcher: &Searcher,
    selection: &Selection,
) -> Result<(FacetLists, usize), Failure> {
    let available = searcher.facet_fields();
    let shown: Vec<&(&str, &str, &str)> = FACETS
        .iter()
        .filter(|(n, _, _)| available.contains(n))
        .collect();
    let plain: Vec<&str> = shown
        .iter()
        .filter(|(_, p, _)| selection.get(p).is_none())
        .map(|(n, _, _)| *n)
        .collect();
    let mut out = Vec::new();
    let total;
    if plain.is_empty() {
        total = searcher.facets(&selection.request(0, 0)?, &["year"])?.total;
    } else {
        let counts = searcher.facets(&selection.request(0, 0)?, &plain)?;
        total = counts.total;
        out.extend(counts.facets);
    }
    for (name, param, _) in shown {
        if selection.get(param).is_some() {
            let counts = searcher.facets(&selection.without(param).request(0, 0)?, &[name])?;
            out.extend(counts.facets);
        }
    }
    Ok((out, total))
}

fn search_data(
    state: &AppState,
    selection: &Selection,
    page: usize,
) -> Result<SearchData, Failure> {
    let searcher = state.searcher()?;
    let results = if selection.q.is_empty() {
        None
    } else {
        let request = selection.request(PAGE_SIZE, (page - 1) * PAGE_SIZE)?;
        Some(searcher.search(&request)?)
    };
    let summary =
        state
            .summaries
            .get_or(&searcher.commit_key(), &selection.query_string(&[]), || {
                let (facets, total) = facet_counts(&searcher, selection)?;
                // Every year, also when one is chosen (to switch): the year filter is left out.
                let timeline =
                    searcher.timeline(&selection.without("year").request(0, 0)?, "year")?;
                Ok(Summary {
                    facets,
                    total,
                    timeline,
                })
            })?;
    let reports = if selection.q.is_empty() {
        searcher.reports()?
    } else {
        Vec::new()
    };
    Ok(SearchData {
        results,
        summary,
        reports,
    })
}

/// The parameters of the search page.
fn search_params(raw: Option<&str>) -> Result<(Selection, usize), (Selection, Failure)> {
    let mut allowed = vec!["q", "page"];
    allowed.extend_from_slice(FILTER_PARAMS);
    let params = Params::parse(raw, &allowed).map_err(|f| (Selection::default(), f))?;
    let selection = Selection::from_params(&params).map_err(|f| {
        let q = params
            .one("q")
            .ok()
            .flatten()
            .unwrap_or_default()
            .to_string();
        (
            Selection {
                q,
                filters: Vec::new(),
            },
            f,
        )
    })?;
    let page = params
        .number("page", 1, 1, MAX_WINDOW / PAGE_SIZE)
        .map_err(|f| (selection.clone(), f))?;
    if !selection.q.is_empty() {
        parse_query(&selection.q)
            .map_err(|e| (selection.clone(), Failure::BadRequest(e.to_string())))?;
    }
    Ok((selection, page))
}

/// `/`: the search page (the overview when there is no query).
pub async fn search(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let (selection, page_no) = match search_params(raw.as_deref()) {
        Ok(p) => p,
        Err((selection, f)) => return failure_page(&selection, &f),
    };
    let s = selection.clone();
    let data = match blocking(move || search_data(&state, &s, page_no)).await {
        Ok(data) => data,
        Err(f) => return failure_page(&selection, &f),
    };
    let title = if selection.q.is_empty() {
        "Tìm trong báo cáo".to_string()
    } else {
        format!("{} — tìm kiếm", selection.q)
    };
    let body = html! {
        div.layout {
            (facet_nav(&selection, &data.summary.facets))
            main #main {
                (active_filters(&selection))
                @match &data.results {
                    Some(results) => { (results_block(&selection, results, page_no, &data.summary.timeline)) }
                    None => { (overview(&selection, &data)) }
                }
            }
        }
    };
    page(StatusCode::OK, layout(&title, &selection, body))
}

/// The results, their timeline and the pages.
fn results_block(
    selection: &Selection,
    results: &SearchResults,
    page_no: usize,
    timeline: &Timeline,
) -> Markup {
    let offset = (page_no - 1) * PAGE_SIZE;
    let pages = results
        .total
        .div_ceil(PAGE_SIZE)
        .min(MAX_WINDOW / PAGE_SIZE);
    let page_url = |p: usize| {
        if p <= 1 {
            selection.url("/", &[])
        } else {
            selection.url("/", &[("page", &p.to_string())])
        }
    };
    html! {
        h1.sr { "Kết quả tìm kiếm" }
        p.summary #summary aria-live="polite" {
            @if results.total == 0 {
                "Không có mục nào khớp với " strong { (selection.q) } "."
            } @else {
                strong.total data-total=(results.total) { (count(results.total as u64)) }
                " mục khớp với " strong { (selection.q) }
                @if !results.hits.is_empty() {
                    " · hiện " (offset + 1) "–" (offset + results.hits.len())
                }
            }
        }
        @if results.total > 0 {
            div.tools {
                a.button.secondary href=(selection.url("/figures", &[])) { "Bảng số liệu trong các câu khớp" }
                a.button.secondary href=(selection.url("/api/search", &[])) { "JSON" }
            }
            (timeline_figure(selection, timeline))
            ol.results #results start=(offset + 1) {
                @for hit in &results.hits { (hit_item(hit, &selection.q)) }
            }
            @if results.hits.is_empty() {
                p { "Trang này nằm ngoài số kết quả. " a href=(page_url(1)) { "Về trang đầu" } }
            }
            @if pages > 1 {
                nav.pages aria-label="Trang kết quả" {
                    @if page_no > 1 { a rel="prev" href=(page_url(page_no - 1)) { "← Trang trước" } }
                    span { "Trang " (page_no) " / " (pages) }
                    @if page_no < pages { a rel="next" href=(page_url(page_no + 1)) { "Trang sau →" } }
                }
            }
        } @else {
            p { "Thử bỏ bớt từ, bỏ bộ lọc, hoặc viết không dấu." }
        }
    }
}

/// The home page: counts, the timeline of everything, the reports.
fn overview(selection: &Selection, data: &SearchData) -> Markup {
    html! {
        h1 { "Tìm trong các báo cáo" }
        p.summary {
            "Chỉ mục có " strong { (count(data.reports.len() as u64)) } " báo cáo, "
            strong { (count(data.summary.total as u64)) } " mục (phần và chú thích)"
            @if !selection.filters.is_empty() { " khớp các bộ lọc" }
            ". Gõ từ cần tìm vào ô phía trên, có dấu hay không dấu, ví dụ "
            a href=(selection.url("/", &[("q", "giai ngan von dau tu cong")])) { "giai ngan von dau tu cong" }
            "."
        }
        (timeline_figure(selection, &data.summary.timeline))
        @if !data.reports.is_empty() {
            h2 { "Báo cáo trong chỉ mục" }
            ul.reports {
                @for r in data.reports.iter().take(MAX_REPORTS_LISTED) {
                    li {
                        a href=(show_url(&r.doc_id, "")) { (if r.title.trim().is_empty() { r.file.as_str() } else { r.title.as_str() }) }
                        " "
                        span.meta { (period_label(&r.period)) " · " code.loc { (r.file) } }
                    }
                }
            }
            @if data.reports.len() > MAX_REPORTS_LISTED {
                p { "và " (data.reports.len() - MAX_REPORTS_LISTED) " báo cáo khác." }
            }
        }
    }
}

// ───────────────────────────── section page ─────────────────────────────

/// What the section page shows.
enum ShowData {
    Unit(Box<Unit>, Option<Box<Outline>>),
    Outline(Box<Outline>),
}

/// `/show?id=…`: a section (or footnote) with its text, footnotes and place in its
/// report's outline; or a report's outline.
pub async fn show(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let (id, q) = match Params::parse(raw.as_deref(), &["id", "q"]).and_then(|p| {
        let id = p
            .one("id")?
            .map(|s| s.trim().to_string())
            .ok_or_else(|| Failure::BadRequest("parameter \"id\" is required".to_string()))?;
        Ok((id, p.one("q")?.unwrap_or_default().trim().to_string()))
    }) {
        Ok(v) => v,
        Err(f) => return failure_page(&Selection::default(), &f),
    };
    let selection = Selection {
        q: q.clone(),
        filters: Vec::new(),
    };
    let wanted = id.clone();
    let data = blocking(move || {
        let searcher = state.searcher()?;
        match searcher.show(&wanted)? {
            Some(Show::Unit(unit)) => {
                let outline = searcher.outline(&unit.report.doc_id)?;
                Ok(ShowData::Unit(unit, outline.map(Box::new)))
            }
            Some(Show::Outline(outline)) => Ok(ShowData::Outline(outline)),
            None => Err(Failure::NotFound(format!(
                "nothing named {wanted:?} in the index"
            ))),
        }
    })
    .await;
    match data {
        Ok(ShowData::Unit(unit, outline)) => {
            let title = if unit.unit.heading.trim().is_empty() {
                unit.report.title.clone()
            } else {
                unit.unit.heading.clone()
            };
            page(
                StatusCode::OK,
                layout(&title, &selection, unit_page(&unit, outline.as_deref(), &q)),
            )
        }
        Ok(ShowData::Outline(outline)) => page(
            StatusCode::OK,
            layout(&outline.report.title, &selection, outline_page(&outline)),
        ),
        Err(f) => failure_page(&selection, &f),
    }
}

/// The report's facts.
fn report_facts(r: &ReportInfo) -> Markup {
    html! {
        dl.facts {
            dt { "Báo cáo" } dd { a href=(show_url(&r.doc_id, "")) { (r.title) } }
            @if !r.period.is_empty() { dt { "Kỳ" } dd { (period_label(&r.period)) } }
            @if !r.doc_type.is_empty() { dt { "Loại" } dd { (doc_type_label(&r.doc_type)) } }
            @if let Some(issuer) = &r.issuer { dt { "Cơ quan ban hành" } dd { (issuer) } }
            @if let Some(signer) = &r.signer { dt { "Người ký" } dd { (signer) } }
            @if let Some(p) = &r.province { dt { "Tỉnh" } dd { (p) } }
            dt { "Tệp" } dd { code.loc title=[r.source.as_ref().map(|p| p.display().to_string())] { (r.file) } }
        }
    }
}

/// The outline as a list; the entry `current` is marked.
fn outline_list(outline: &Outline, current: Option<&str>) -> Markup {
    html! {
        ol {
            @for e in &outline.sections {
                @let here = current == Some(e.id.as_str());
                li class=(format!("d{}", e.path.len().clamp(1, 5))) {
                    a href=(show_url(&e.id, "")) aria-current=[here.then_some("page")] {
                        @if let Some(label) = e.path.last() { span.label { (label) } }
                        (e.heading)
                    }
                }
            }
        }
    }
}

fn unit_page(unit: &Unit, outline: Option<&Outline>, q: &str) -> Markup {
    let hit = &unit.unit;
    let section_id = hit.section_id.as_deref().unwrap_or(hit.id.as_str());
    html! {
        div.layout.show {
            main #main {
                nav.crumbs aria-label="Vị trí" {
                    ol {
                        @if !q.is_empty() {
                            li { a href=(Selection { q: q.to_string(), filters: Vec::new() }.url("/", &[])) { "Kết quả cho “" (q) "”" } }
                        }
                        li { a href=(show_url(&unit.report.doc_id, "")) { (unit.report.title) } }
                        @for (i, label) in hit.path.iter().enumerate() {
                            @if i + 1 < hit.path.len() {
                                @let prefix = &hit.path[..=i];
                                @match outline.and_then(|o| o.sections.iter().find(|e| e.path == prefix)) {
                                    Some(e) => { li { a href=(show_url(&e.id, q)) { (label) } } }
                                    None => { li { (label) } }
                                }
                            } @else {
                                li { (label) }
                            }
                        }
                    }
                }
                article.unit data-id=(hit.id) {
                    @if hit.kind == Kind::Footnote {
                        h1 { "Chú thích " (hit.number.unwrap_or(0)) }
                        p { "Của mục " a href=(show_url(section_id, q)) { (path_label(&hit.path)) ". " (hit.heading) } }
                    } @else {
                        h1 {
                            @if !hit.path.is_empty() { span.path { (path_label(&hit.path)) ". " } }
                            (hit.heading)
                        }
                    }
                    (report_facts(&unit.report))
                    dl.facts {
                        dt { "Vị trí" } dd { code.loc { (hit.file) ":" (hit.line_start) "–" (hit.line_end) } }
                        @if !hit.sectors.is_empty() {
                            dt { "Lĩnh vực" }
                            dd { (hit.sectors.iter().map(|s| sector_label(s)).collect::<Vec<_>>().join("; ")) }
                        }
                        @if let Some(role) = hit.role { dt { "Nội dung" } dd { (role.label()) } }
                    }
                    div.text {
                        @for para in hit.text.split('\n').filter(|p| !p.trim().is_empty()) {
                            p { (para) }
                        }
                    }
                    @if !unit.footnotes.is_empty() {
                        section.footnotes aria-labelledby="fn-title" {
                            h2 #fn-title { "Chú thích" }
                            ol {
                                @for f in &unit.footnotes {
                                    @let n = f.number.unwrap_or(0);
                                    li id=(format!("fn-{n}")) value=(n) {
                                        (f.text)
                                        " " code.loc { "(" (f.file) ":" (f.line_start) ")" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(outline) = outline {
                aside.outline aria-labelledby="outline-title" {
                    h2 #outline-title { "Mục lục báo cáo" }
                    (outline_list(outline, Some(section_id)))
                }
            }
        }
    }
}

fn outline_page(outline: &Outline) -> Markup {
    html! {
        div.layout.single {
            main #main {
                h1 { (outline.report.title) }
                (report_facts(&outline.report))
                p.summary { (outline.sections.len()) " mục, " (outline.footnotes) " chú thích." }
                aside.outline aria-labelledby="outline-title" {
                    h2 #outline-title { "Mục lục" }
                    (outline_list(outline, None))
                }
            }
        }
    }
}

// ───────────────────────────── figures ─────────────────────────────

/// A page of the figures of a selection (the rows of `baocao figures`).
fn figure_rows(
    state: &AppState,
    selection: &Selection,
    limit: usize,
    offset: usize,
) -> Result<FiguresPage, Failure> {
    Ok(figures_of_query(
        &*state.searcher()?,
        &selection.request(limit, offset)?,
    )?)
}

/// The selection of a figures request (a query is required) and its `page` (1 when
/// `paged` is false: the CSV has no pages).
fn figures_selection(
    raw: Option<&str>,
    paged: bool,
) -> Result<(Selection, usize), (Selection, Failure)> {
    let mut allowed = vec!["q"];
    allowed.extend_from_slice(FILTER_PARAMS);
    if paged {
        allowed.push("page");
    }
    let params = Params::parse(raw, &allowed).map_err(|f| (Selection::default(), f))?;
    let selection = Selection::from_params(&params).map_err(|f| (Selection::default(), f))?;
    if selection.q.is_empty() {
        return Err((
            selection,
            Failure::BadRequest("parameter \"q\" (the query) is required".to_string()),
        ));
    }
    parse_query(&selection.q)
        .map_err(|e| (selection.clone(), Failure::BadRequest(e.to_string())))?;
    let page = params
        .number("page", 1, 1, MAX_WINDOW / FIGURES_PAGE_SIZE)
        .map_err(|f| (selection.clone(), f))?;
    Ok((selection, page))
}

/// A sentence with its figure marked (byte offsets from the library).
fn sentence_with_figure(row: &FigureRow) -> Markup {
    let s = &row.sentence;
    match (
        s.get(..row.start),
        s.get(row.start..row.end),
        s.get(row.end..),
    ) {
        (Some(a), Some(b), Some(c)) => html! { (a) mark { (b) } (c) },
        _ => html! { (s) },
    }
}

/// `/figures`: the figures behind a query, as a table with a CSV download.
pub async fn figures(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let (selection, page_no) = match figures_selection(raw.as_deref(), true) {
        Ok(s) => s,
        Err((s, f)) => return failure_page(&s, &f),
    };
    let s = selection.clone();
    let offset = (page_no - 1) * FIGURES_PAGE_SIZE;
    let figures = match blocking(move || figure_rows(&state, &s, FIGURES_PAGE_SIZE, offset)).await {
        Ok(r) => r,
        Err(f) => return failure_page(&selection, &f),
    };
    let rows = &figures.rows;
    let pages = figures
        .total
        .div_ceil(FIGURES_PAGE_SIZE)
        .min(MAX_WINDOW / FIGURES_PAGE_SIZE);
    let page_url = |p: usize| {
        if p <= 1 {
            selection.url("/figures", &[])
        } else {
            selection.url("/figures", &[("page", &p.to_string())])
        }
    };
    let body = html! {
        div.layout.single {
            main #main {
                nav.crumbs aria-label="Vị trí" {
                    ol { li { a href=(selection.url("/", &[])) { "Kết quả cho “" (selection.q) "”" } } li { "Số liệu" } }
                }
                h1 { "Số liệu trong các câu khớp với “" (selection.q) "”" }
                (active_filters_static(&selection))
                div.tools {
                    a.button href=(selection.url("/figures.csv", &[])) download="so-lieu.csv" { "Tải về CSV" }
                    a.button.secondary href=(selection.url("/api/figures", &[("limit", &FIGURES_PAGE_SIZE.to_string()), ("offset", &offset.to_string())])) { "JSON" }
                }
                @if figures.total == 0 {
                    p { "Không có số liệu (số kèm đơn vị) trong các câu khớp của " (count(figures.units as u64)) " mục khớp." }
                } @else if rows.is_empty() {
                    p { "Trang này nằm ngoài số số liệu. " a href=(page_url(1)) { "Về trang đầu" } }
                } @else {
                    div.table-wrap {
                        table.figures {
                            caption {
                                "Số liệu " (offset + 1) "–" (offset + rows.len()) " trên "
                                strong.total data-total=(figures.total) { (count(figures.total as u64)) }
                                " số liệu trong các câu khớp của " (count(figures.units_read as u64)) " mục khớp"
                                @if figures.units_read < figures.units {
                                    " nhất (trên " (count(figures.units as u64)) " mục khớp; thu hẹp câu tìm hoặc bộ lọc để xem các mục còn lại)"
                                }
                                "."
                            }
                            thead { tr {
                                th scope="col" { "Giá trị" } th scope="col" { "Đơn vị" }
                                th scope="col" { "Câu" } th scope="col" { "Kỳ" }
                                th scope="col" { "Mục" } th scope="col" { "Vị trí" }
                            } }
                            tbody {
                                @for r in rows {
                                    tr {
                                        td.num { (format_vi(r.value)) }
                                        td { (r.unit) }
                                        td.sentence { (sentence_with_figure(r)) }
                                        td { (period_label(&r.period)) }
                                        td { a href=(show_url(&r.section_id, &selection.q)) { (path_label(&r.path)) } }
                                        td { code.loc { (location(&r.file, r.line)) } }
                                    }
                                }
                            }
                        }
                    }
                }
                @if pages > 1 {
                    nav.pages aria-label="Trang số liệu" {
                        @if page_no > 1 { a rel="prev" href=(page_url(page_no - 1)) { "← Trang trước" } }
                        span { "Trang " (page_no) " / " (pages) }
                        @if page_no < pages { a rel="next" href=(page_url(page_no + 1)) { "Trang sau →" } }
                    }
                }
            }
        }
    };
    page(
        StatusCode::OK,
        layout(&format!("Số liệu — {}", selection.q), &selection, body),
    )
}

/// The filters in force, as text (the figures page links back to the results to change them).
fn active_filters_static(selection: &Selection) -> Markup {
    html! {
        @if !selection.filters.is_empty() {
            p.summary {
                "Bộ lọc: "
                (selection.filters.iter().map(|(p, v)| format!("{}: {}", param_label(p), param_value_label(p, v))).collect::<Vec<_>>().join("; "))
            }
        }
    }
}

/// `/figures.csv`: the rows of `/figures`, all pages (at most [`MAX_WINDOW`]), in the CSV
/// of `baocao figures --csv --limit 10000`.
pub async fn figures_csv(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let selection = match figures_selection(raw.as_deref(), false) {
        Ok((s, _)) => s,
        Err((_, f)) => return super::api::error(&f),
    };
    let rows = match blocking(move || figure_rows(&state, &selection, MAX_WINDOW, 0)).await {
        Ok(page) => page.rows,
        Err(f) => return super::api::error(&f),
    };
    let mut body = Vec::new();
    if let Err(e) = output::figures::write_csv(&mut body, &rows) {
        return super::api::error(&Failure::Internal(format!("cannot write CSV: {e}")));
    }
    let mut response = super::respond(StatusCode::OK, "text/csv; charset=utf-8", body);
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"so-lieu.csv\""),
    );
    response
}

/// Any other path.
pub async fn not_found() -> Response {
    failure_page(
        &Selection::default(),
        &Failure::NotFound("no such page".to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_rebuilt_not_inserted() {
        let html =
            snippet("a <b>giải ngân</b> &lt;script&gt;alert(1)&lt;/script&gt; &amp;").into_string();
        assert_eq!(
            html,
            "a <mark>giải ngân</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp;"
        );
        // An unclosed mark is closed; stray text after it is escaped.
        let html = snippet("<b>x &lt;i&gt;").into_string();
        assert_eq!(html, "<mark>x &lt;i&gt;</mark>");
    }

    #[test]
    fn labels_read_as_vietnamese() {
        assert_eq!(doc_type_label("bao-cao/thang"), "Báo cáo tháng");
        assert_eq!(doc_type_label("bao-cao/9-thang"), "Báo cáo 9 tháng");
        assert_eq!(doc_type_label("la-lung"), "la-lung");
        assert_eq!(period_label("2023-01"), "tháng 01/2023");
        assert_eq!(period_label("2024-Q3"), "quý 3/2024");
        assert_eq!(period_label("2024-H1"), "6 tháng đầu năm 2024");
        assert_eq!(period_label("2024"), "năm 2024");
        assert_eq!(sector_label("kinh-te"), "Kinh tế");
        assert_eq!(role_label("han-che"), "Khó khăn, hạn chế, nguyên nhân");
        assert_eq!(count(1_234_567u64), "1.234.567");
        assert_eq!(count(12u64), "12");
    }
}
