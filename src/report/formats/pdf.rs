//! `.pdf` with a text layer, through poppler's `pdftotext -bbox-layout`: words with their
//! boxes, page by page. From the geometry: the body font size, the footnote zone at each
//! page bottom (smaller lines below the body), superscript markers (small raised digits),
//! page furniture (page numbers and running headers or footers at the page edges,
//! dropped), and paragraphs (first-line indent, short last
//! line, vertical gap), re-joined across page breaks. Written out in the clean layout.

use std::collections::BTreeMap;

use super::blocks::{superscript, Document};
use super::xml::{self, Element};
use super::{run_tool, tool_version, FormatError, Limits};
use crate::report::lines::{footnote_start, NoteEvidence};

#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

impl Word {
    fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

#[derive(Debug, Clone)]
struct Line {
    words: Vec<Word>,
}

impl Line {
    fn x0(&self) -> f64 {
        self.words.iter().map(|w| w.x0).fold(f64::MAX, f64::min)
    }
    fn x1(&self) -> f64 {
        self.words.iter().map(|w| w.x1).fold(f64::MIN, f64::max)
    }
    fn y1(&self) -> f64 {
        self.words.iter().map(|w| w.y1).fold(f64::MIN, f64::max)
    }
    /// Height of the line's main font: the largest word height.
    fn size(&self) -> f64 {
        self.words.iter().map(Word::height).fold(0.0, f64::max)
    }
    fn plain(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Runs pdftotext on the bytes of a PDF; returns the document and the tool used.
pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<(Document, String), FormatError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(FormatError::Encoding(
            "not a PDF file (no %PDF header)".into(),
        ));
    }
    let out = run_tool(
        "pdftotext",
        "reading .pdf files",
        "apt-get install poppler-utils",
        &["-bbox-layout", "-enc", "UTF-8"],
        &["-"],
        bytes,
        limits,
    )?;
    let xhtml = String::from_utf8_lossy(&out);
    let pages = parse_bbox(&xhtml)?;
    if pages.iter().all(|p| p.is_empty()) {
        return Err(FormatError::NoTextLayer);
    }
    Ok((layout(&pages), tool_version("pdftotext")))
}

fn num(e: &Element, k: &str) -> f64 {
    e.attr(k).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// A page: poppler's text blocks in reading order, each a list of lines.
type Page = Vec<Vec<Line>>;

fn parse_bbox(xhtml: &str) -> Result<Vec<Page>, FormatError> {
    let root = xml::parse(xhtml).map_err(|e| match e {
        xml::XmlError::Limit(m) => FormatError::Limit(format!("pdftotext output: {m}")),
        xml::XmlError::Malformed(m) => FormatError::ToolFailed {
            tool: "pdftotext",
            message: format!("unreadable -bbox-layout output: {m}"),
        },
    })?;
    let mut page_elems = Vec::new();
    find(&root, "page", &mut page_elems);
    let mut pages = Vec::new();
    for page in page_elems {
        let mut blocks = Vec::new();
        let mut block_elems = Vec::new();
        find(page, "block", &mut block_elems);
        for b in block_elems {
            let mut lines = Vec::new();
            for l in b.children_named("line") {
                let words: Vec<Word> = l
                    .children_named("word")
                    .map(|w| Word {
                        x0: num(w, "xMin"),
                        y0: num(w, "yMin"),
                        x1: num(w, "xMax"),
                        y1: num(w, "yMax"),
                        text: w.text(),
                    })
                    .filter(|w| !w.text.trim().is_empty())
                    .collect();
                if !words.is_empty() {
                    lines.push(Line { words });
                }
            }
            if !lines.is_empty() {
                blocks.push(lines);
            }
        }
        pages.push(blocks);
    }
    Ok(pages)
}

fn find<'a>(e: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
    for c in e.elements() {
        if c.name == name {
            out.push(c);
        } else {
            find(c, name, out);
        }
    }
}

/// Most common word height, weighted by characters (the body font).
fn body_size(pages: &[Page]) -> f64 {
    let mut hist: BTreeMap<i64, usize> = BTreeMap::new();
    for l in pages.iter().flatten().flatten() {
        for w in &l.words {
            *hist.entry((w.height() * 4.0).round() as i64).or_default() += w.text.chars().count();
        }
    }
    hist.into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(h, _)| h as f64 / 4.0)
        .unwrap_or(12.0)
}

fn is_page_number(l: &Line) -> bool {
    let t = l.plain();
    let t = t
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t.strip_prefix("Trang ").unwrap_or(t);
    // `12`, or `12/30`.
    let t = t.split_once('/').map_or(t, |(page, total)| {
        if total.chars().all(|c| c.is_ascii_digit()) {
            page
        } else {
            t
        }
    });
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// A short numbering label on its own (`1.`, `1.1.`, `II.`, `a)`, or a bare number):
/// Word puts a tab after it, which pdftotext turns into a separate block.
fn is_label(l: &Line) -> bool {
    let t = l.plain();
    let t = t.trim();
    if t.is_empty() || t.chars().count() > 8 || l.words.len() > 1 {
        return false;
    }
    let core = t.trim_end_matches(['.', ')', '-']);
    !core.is_empty()
        && (core.chars().all(|c| c.is_ascii_digit() || c == '.')
            || core.chars().all(|c| "IVXLC".contains(c))
            || core.chars().count() == 1 && core.chars().all(char::is_alphabetic))
}

/// Whether two lines sit on the same row (their vertical extents mostly overlap).
fn same_row(a: &Line, b: &Line) -> bool {
    let (a0, a1) = (a.words[0].y0.min(a.y0()), a.y1());
    let (b0, b1) = (b.y0(), b.y1());
    let overlap = a1.min(b1) - a0.max(b0);
    overlap > 0.4 * (a1 - a0).min(b1 - b0)
}

impl Line {
    fn y0(&self) -> f64 {
        self.words.iter().map(|w| w.y0).fold(f64::MAX, f64::min)
    }
}

/// Widest gap (share of the line's font size) between a word and a small raised number
/// read as its footnote marker: Word sets the marker against the word.
const MARKER_MAX_GAP: f64 = 0.25;

/// Text of a line: words joined by spaces; small raised digits glued to the word before
/// them as superscripts (their numbers pushed to `markers`); words with (almost) no gap
/// between them glued.
fn line_text(l: &Line, markers: &mut Vec<u32>) -> String {
    let size = l.size();
    let base = l.y1();
    let mut s = String::new();
    let mut prev_x1 = f64::MIN;
    for (i, w) in l.words.iter().enumerate() {
        let small = w.height() < 0.85 * size;
        let raised = base - w.y1 > 0.12 * size;
        let digits = w.text.chars().all(|c| c.is_ascii_digit());
        // A footnote marker sits right after its word; a number typed into a signed
        // form's field (`Số: 1364`, `ngày 10`) is smaller too, but set apart.
        let glued = w.x0 - prev_x1 <= MARKER_MAX_GAP * size;
        if i > 0 && small && raised && digits && glued {
            s.push_str(
                &w.text
                    .chars()
                    .filter_map(|c| c.to_digit(10))
                    .map(superscript)
                    .collect::<String>(),
            );
            if let Ok(n) = w.text.parse() {
                markers.push(n);
            }
            prev_x1 = w.x1;
            continue;
        }
        if i > 0 && w.x0 - prev_x1 > 0.12 * size {
            s.push(' ');
        }
        s.push_str(&w.text);
        prev_x1 = w.x1;
    }
    s
}

/// Footnote body text of a zone row if it starts footnote `expected` (`1 Trong đó`,
/// `1Trong đó`, or a small raised `1` before the text): the one rule,
/// [`footnote_start`].
fn note_start(row: &str, expected: u32) -> Option<String> {
    footnote_start(row, expected, NoteEvidence::Zone).map(str::to_string)
}

/// Footnote-zone lines as text rows, top to bottom (a footnote number printed apart from
/// its text rejoins it).
fn zone_rows(zone: &[Vec<Line>]) -> Vec<String> {
    let mut lines: Vec<Line> = zone.iter().flatten().cloned().collect();
    lines.sort_by(|a, b| a.y1().total_cmp(&b.y1()).then(a.x0().total_cmp(&b.x0())));
    let mut rows: Vec<Line> = Vec::new();
    for l in lines {
        match rows.last_mut() {
            Some(r) if same_row(r, &l) => {
                r.words.extend(l.words);
                r.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            }
            _ => rows.push(l),
        }
    }
    rows.into_iter()
        .map(|row| {
            let mut raised = Vec::new();
            // The footnote number is itself small and raised in the footnote text.
            let first_raised = row.words.len() > 1
                && row.words[0].text.chars().all(|c| c.is_ascii_digit())
                && row.words[0].height() < 0.85 * row.size();
            if first_raised {
                let mut rest = row.clone();
                rest.words.remove(0);
                format!("{} {}", row.words[0].text, line_text(&rest, &mut raised))
            } else {
                line_text(&row, &mut raised)
            }
        })
        .collect()
}

/// Lines looked at from each page edge (top and bottom) for page furniture: a page
/// number and a running header (or footer) line, in either order.
const EDGE_LINES: usize = 2;

/// A line repeated at a page edge is a running header (footer) when it is there on at
/// least this many pages: on two pages a repeated line can as well be body text.
const RUNNING_MIN_PAGES: usize = 3;

/// Widest spread (points) of a running header's position over the pages it is on: the
/// page template puts it at the same place on every page.
const RUNNING_Y_TOLERANCE: f64 = 3.0;

/// A line's place on its page: (block, line in the block).
type LinePos = (usize, usize);

/// Which edge of the page a line sits at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Edge {
    Top,
    Bottom,
}

/// The lines at each edge of a page, from the edge inwards (at most [`EDGE_LINES`]),
/// as (block, line) positions; a line sharing its row with other text (a letterhead's
/// agency name beside the national motto, a table row) ends the run: page furniture
/// stands alone on its row.
fn edge_lines(page: &Page, edge: Edge) -> Vec<LinePos> {
    let mut all: Vec<(usize, usize, &Line)> = page
        .iter()
        .enumerate()
        .flat_map(|(b, lines)| lines.iter().enumerate().map(move |(l, line)| (b, l, line)))
        .collect();
    match edge {
        Edge::Top => all.sort_by(|a, b| a.2.y0().total_cmp(&b.2.y0())),
        Edge::Bottom => all.sort_by(|a, b| b.2.y1().total_cmp(&a.2.y1())),
    }
    let mut out = Vec::new();
    for (i, &(b, l, line)) in all.iter().enumerate() {
        if out.len() == EDGE_LINES {
            break;
        }
        let alone = all
            .iter()
            .enumerate()
            .all(|(j, other)| j == i || !same_row(line, other.2));
        if !alone {
            break;
        }
        out.push((b, l));
    }
    out
}

/// A line's text as compared between pages: lower case, spaces collapsed; `None` when it
/// holds no letter (page numbers are recognised as such, [`is_page_number`]). Digits are
/// kept: body lines that differ only by a number are different lines.
fn running_key(l: &Line) -> Option<String> {
    let t = l.plain();
    if !t.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(
        t.to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Removes page furniture: page numbers alone at a page's top or bottom edge (`2`,
/// `- 2 -`, `Trang 2/5`), and running headers and footers (the same line alone at the
/// same edge, at the same place, on most pages and at least [`RUNNING_MIN_PAGES`]). Each
/// edge is peeled from the outside in and stops at the first line that is not
/// furniture, so body text between two edges is never touched.
fn strip_furniture(pages: &[Page]) -> Vec<Page> {
    let edges: Vec<[(Edge, Vec<LinePos>); 2]> = pages
        .iter()
        .map(|p| {
            [
                (Edge::Top, edge_lines(p, Edge::Top)),
                (Edge::Bottom, edge_lines(p, Edge::Bottom)),
            ]
        })
        .collect();
    // Where each (edge, text) is found: (page, top of the line).
    let mut seen: BTreeMap<(Edge, String), Vec<(usize, f64)>> = BTreeMap::new();
    for (p, page_edges) in edges.iter().enumerate() {
        for (edge, lines) in page_edges {
            for &(b, l) in lines {
                let line = &pages[p][b][l];
                if let Some(key) = running_key(line) {
                    let at = seen.entry((*edge, key)).or_default();
                    if at.last().is_none_or(|&(q, _)| q != p) {
                        at.push((p, line.y0()));
                    }
                }
            }
        }
    }
    // Running lines: on most pages, at the same place (within the tolerance of the
    // median position).
    let mut running: BTreeMap<(Edge, String), f64> = BTreeMap::new();
    for (key, at) in seen {
        let mut ys: Vec<f64> = at.iter().map(|&(_, y)| y).collect();
        ys.sort_by(f64::total_cmp);
        let median = ys[ys.len() / 2];
        let near = ys
            .iter()
            .filter(|y| (*y - median).abs() <= RUNNING_Y_TOLERANCE)
            .count();
        if near >= RUNNING_MIN_PAGES && 2 * near >= pages.len() {
            running.insert(key, median);
        }
    }
    let mut out = Vec::with_capacity(pages.len());
    for (p, page) in pages.iter().enumerate() {
        let mut drop: Vec<LinePos> = Vec::new();
        for (edge, lines) in &edges[p] {
            for &(b, l) in lines {
                let line = &page[b][l];
                let furniture = is_page_number(line)
                    || running_key(line)
                        .and_then(|k| running.get(&(*edge, k)))
                        .is_some_and(|y| (line.y0() - y).abs() <= RUNNING_Y_TOLERANCE);
                if !furniture {
                    break;
                }
                drop.push((b, l));
            }
        }
        let kept: Page = page
            .iter()
            .enumerate()
            .map(|(b, lines)| {
                lines
                    .iter()
                    .enumerate()
                    .filter(|(l, _)| !drop.contains(&(b, *l)))
                    .map(|(_, line)| line.clone())
                    .collect::<Vec<Line>>()
            })
            .filter(|lines| !lines.is_empty())
            .collect();
        out.push(kept);
    }
    out
}

fn layout(pages: &[Page]) -> Document {
    let pages = &strip_furniture(pages);
    let body = body_size(pages);
    let mut doc = Document::default();
    let mut para = String::new();
    let mut para_notes: Vec<u32> = Vec::new();
    let mut prev_short = true;
    let mut next_note = 1u32;
    let mut current_note: Option<u32> = None;
    let mut notes_on_prev_page = false;
    for page in pages {
        let blocks: Vec<Vec<Line>> = page.clone();
        // Footnote zone: small-print lines below the last body-size line.
        let last_body = blocks
            .iter()
            .flatten()
            .filter(|l| l.size() >= 0.9 * body)
            .map(|l| l.y1())
            .fold(f64::MIN, f64::max);
        let (zone, body_blocks): (Vec<Vec<Line>>, Vec<Vec<Line>>) =
            blocks.into_iter().partition(|b| {
                b.iter()
                    .all(|l| l.size() < 0.9 * body && l.y0() >= last_body - 0.5)
            });
        // A zone is footnotes when it starts the next footnote, or continues one from
        // the page before; otherwise it is small print of the body (a table, a note).
        let zone_texts = zone_rows(&zone);
        let starts = zone_texts
            .iter()
            .any(|t| note_start(t, next_note).is_some());
        let continues = notes_on_prev_page
            && current_note
                .and_then(|n| doc.footnotes.get(&n))
                .is_some_and(|t| !t.trim_end().ends_with(['.', '!', '?']));
        let has_zone = !zone.is_empty() && (starts || continues);
        let mut body_blocks = body_blocks;
        let zone_texts = if has_zone {
            zone_texts
        } else {
            body_blocks.extend(zone);
            Vec::new()
        };
        // Labels split from their text by a tab rejoin it.
        let mut i = 0;
        while i < body_blocks.len() {
            if body_blocks[i].len() == 1 && is_label(&body_blocks[i][0]) {
                let label = body_blocks[i][0].clone();
                let target = body_blocks.iter().position(|b| {
                    b[0].x0() > label.x1()
                        && b[0].x0() - label.x1() < 5.0 * body
                        && same_row(&label, &b[0])
                });
                if let Some(t) = target {
                    let mut words = label.words.clone();
                    words.extend(body_blocks[t][0].words.iter().cloned());
                    body_blocks[t][0].words = words;
                    body_blocks.remove(i);
                    continue;
                }
            }
            i += 1;
        }
        for block in &body_blocks {
            let left = block.iter().map(Line::x0).fold(f64::MAX, f64::min);
            let right = block.iter().map(Line::x1).fold(f64::MIN, f64::max);
            for (k, l) in block.iter().enumerate() {
                let indent = l.x0() > left + 0.8 * body;
                // A new block starts a paragraph unless it continues a cut one at a page
                // top (not indented, previous line full).
                let new_block = k == 0 && (indent || !std::ptr::eq(block, &body_blocks[0]));
                if (indent || prev_short || new_block) && !para.is_empty() {
                    doc.push(std::mem::take(&mut para), std::mem::take(&mut para_notes));
                }
                let text = line_text(l, &mut para_notes);
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(text.trim());
                prev_short = l.x1() < right - 3.0 * body;
            }
        }
        for text in zone_texts {
            if let Some(body_text) = note_start(&text, next_note) {
                doc.footnotes.insert(next_note, body_text);
                current_note = Some(next_note);
                next_note += 1;
            } else if let Some(e) = current_note.and_then(|n| doc.footnotes.get_mut(&n)) {
                e.push(' ');
                e.push_str(text.trim());
            }
        }
        notes_on_prev_page = has_zone;
    }
    if !para.is_empty() {
        doc.push(para, para_notes);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of words at `y` (top) with font height `h`, words 5pt apart from `x`.
    fn line(x: f64, y: f64, h: f64, text: &str) -> Line {
        let mut words = Vec::new();
        let mut x0 = x;
        for w in text.split(' ') {
            let width = w.chars().count() as f64 * h * 0.5;
            words.push(Word {
                x0,
                y0: y,
                x1: x0 + width,
                y1: y + h,
                text: w.to_string(),
            });
            x0 += width + 5.0;
        }
        Line { words }
    }

    fn marker(after: &Line, n: &str) -> Line {
        let mut l = after.clone();
        let last = l.words.last().unwrap().clone();
        l.words.push(Word {
            x0: last.x1 + 0.5,
            y0: last.y0,
            x1: last.x1 + 5.0,
            y1: last.y0 + 9.0,
            text: n.to_string(),
        });
        l
    }

    /// A page of one-line blocks (x, top, font height, text).
    fn page(lines: &[(f64, f64, f64, &str)]) -> Page {
        lines
            .iter()
            .map(|&(x, y, h, t)| vec![line(x, y, h, t)])
            .collect()
    }

    fn texts(pages: &[Page]) -> Vec<Vec<String>> {
        pages
            .iter()
            .map(|p| p.iter().flatten().map(Line::plain).collect())
            .collect()
    }

    #[test]
    fn running_headers_and_page_numbers_are_page_furniture() {
        let header = "Báo cáo công tác cải cách hành chính quý IV năm 2025";
        let mut pages = vec![page(&[
            (90.0, 60.0, 13.0, "BÁO CÁO"),
            (90.0, 100.0, 13.0, "Kết quả thực hiện trong quý như sau."),
        ])];
        for n in 2..=4 {
            let mut p = page(&[
                (150.0, 30.0, 10.0, header),
                (300.0, 45.0, 13.0, &n.to_string()),
            ]);
            // The page number in the same block as the first body line.
            p[1].push(line(
                90.0,
                62.0,
                13.0,
                &format!("nội dung trang {n} tiếp theo"),
            ));
            p.push(vec![line(
                90.0,
                760.0,
                13.0,
                &format!("Dòng cuối trang {n}."),
            )]);
            pages.push(p);
        }
        let got = texts(&strip_furniture(&pages));
        assert_eq!(got[0], ["BÁO CÁO", "Kết quả thực hiện trong quý như sau."]);
        for (n, p) in got.iter().enumerate().skip(1) {
            assert_eq!(
                p,
                &[
                    format!("nội dung trang {} tiếp theo", n + 1),
                    format!("Dòng cuối trang {}.", n + 1)
                ]
            );
        }
        // On two pages only, a repeated line may be text: kept.
        let got = texts(&strip_furniture(&pages[..3]));
        assert_eq!(got[1][0], header);
        // The same line at another place on the page is not the running header.
        pages[3][0][0] = line(150.0, 300.0, 10.0, header);
        pages[3].swap(0, 2);
        let got = texts(&strip_furniture(&pages));
        assert!(got[3].contains(&header.to_string()), "{:?}", got[3]);
    }

    #[test]
    fn a_letterhead_repeated_beside_the_motto_and_table_cells_are_not_furniture() {
        // Three letters in one file: the agency's name at the top of each, on the row of
        // the national motto.
        let letter = |to: &str| {
            page(&[
                (90.0, 40.0, 13.0, "BỘ TƯ PHÁP"),
                (300.0, 40.0, 13.0, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                (90.0, 100.0, 13.0, &format!("Kính gửi: {to}")),
            ])
        };
        let pages = vec![
            letter("Ủy ban nhân dân các tỉnh"),
            letter("Liên đoàn Luật sư Việt Nam"),
            letter("Hiệp hội Công chứng viên Việt Nam"),
        ];
        assert_eq!(texts(&strip_furniture(&pages)), texts(&pages));
        // The last row of a table at the page bottom: numbers, but not alone on the row.
        let table = vec![page(&[
            (90.0, 100.0, 13.0, "Tổng số hội"),
            (90.0, 780.0, 11.0, "19"),
            (200.0, 780.0, 11.0, "Lâm Đồng"),
            (400.0, 780.0, 11.0, "200"),
        ])];
        assert_eq!(texts(&strip_furniture(&table)), texts(&table));
    }

    #[test]
    fn a_number_set_apart_in_a_signed_form_is_not_a_marker() {
        // `Số:` then the number the signing software typed in, smaller and raised but
        // set apart: text, not a footnote marker.
        let mut l = line(90.0, 95.0, 15.5, "Số:");
        l.words.push(Word {
            x0: l.words[0].x1 + 9.0,
            y0: 96.7,
            x1: l.words[0].x1 + 35.0,
            y1: 108.5,
            text: "1364".into(),
        });
        let mut markers = Vec::new();
        assert_eq!(line_text(&l, &mut markers), "Số: 1364");
        assert!(markers.is_empty());
        // Set against its word, the same small raised number is a marker.
        let m = marker(&line(90.0, 95.0, 16.0, "cùng kỳ"), "12");
        assert_eq!(line_text(&m, &mut markers), "cùng kỳ¹²");
        assert_eq!(markers, [12]);
    }

    #[test]
    fn footnote_zone_markers_labels_and_page_numbers() {
        let p1 = vec![
            vec![line(300.0, 20.0, 16.0, "1")],
            vec![line(85.0, 60.0, 16.0, "1.")],
            vec![line(120.0, 60.0, 16.0, "Về kinh tế")],
            vec![
                marker(
                    &line(
                        113.0,
                        80.0,
                        16.0,
                        "Diện tích gieo trồng đạt 3.666 ha tăng so với cùng kỳ năm trước và",
                    ),
                    "1",
                ),
                line(
                    85.0,
                    96.0,
                    16.0,
                    "tiếp tục phát triển ổn định đàn gia súc gia cầm trên toàn bộ địa bàn tỉnh nhà",
                ),
            ],
            vec![line(113.0, 700.0, 7.0, "1")],
            vec![line(
                121.0,
                700.0,
                12.0,
                "Trong đó: 2.128 ha rau, 548 ha khoai tây.",
            )],
        ];
        let p2 = vec![
            vec![line(300.0, 20.0, 16.0, "2")],
            vec![line(85.0, 60.0, 16.0, "trong tháng.")],
            vec![line(85.0, 700.0, 12.0, "| STT | Chỉ tiêu | Kết quả |")],
        ];
        let doc = layout(&[p1, p2]);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[0], "1. Về kinh tế");
        assert!(texts[1].starts_with(
            "Diện tích gieo trồng đạt 3.666 ha tăng so với cùng kỳ năm trước và¹ tiếp tục"
        ));
        assert!(texts[1].ends_with("tỉnh nhà trong tháng."), "{}", texts[1]);
        assert_eq!(doc.blocks[1].notes, vec![1]);
        assert_eq!(
            doc.footnotes[&1],
            "Trong đó: 2.128 ha rau, 548 ha khoai tây."
        );
        // Small print with no footnote to start or continue stays in the body.
        assert_eq!(texts[2], "| STT | Chỉ tiêu | Kết quả |");
        assert_eq!(texts.len(), 3);

        // A footnote cut by the page break continues in the next page's zone.
        let p1 = vec![
            vec![
                line(
                    113.0,
                    60.0,
                    16.0,
                    "Tình hình chăn nuôi trên địa bàn tỉnh trong tháng được duy trì,",
                ),
                marker(
                    &line(
                        85.0,
                        76.0,
                        16.0,
                        "đàn trâu, bò, lợn và gia cầm phát triển ổn định",
                    ),
                    "1",
                ),
            ],
            vec![line(
                113.0,
                700.0,
                12.0,
                "1 Tổng đàn trâu khoảng 67.800 con, đàn lợn:",
            )],
        ];
        let p2 = vec![
            vec![line(
                113.0,
                60.0,
                16.0,
                "Tiếp tục thực hiện tiêm phòng cho đàn gia súc, gia cầm.",
            )],
            vec![line(85.0, 700.0, 12.0, "179.600 con, tăng 6,14%.")],
        ];
        let doc = layout(&[p1, p2]);
        assert_eq!(
            doc.footnotes[&1],
            "Tổng đàn trâu khoảng 67.800 con, đàn lợn: 179.600 con, tăng 6,14%."
        );
        assert_eq!(doc.blocks.len(), 2);
    }
}
