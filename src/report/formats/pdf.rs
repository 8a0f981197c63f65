//! `.pdf` with a text layer, through poppler's `pdftotext -bbox-layout`: words with their
//! boxes, page by page. From the geometry: the body font size, the footnote zone at each
//! page bottom (smaller lines below the body), superscript markers (small raised digits),
//! page numbers alone on a line (dropped), and paragraphs (first-line indent, short last
//! line, vertical gap), re-joined across page breaks. Written out in the clean layout.

use std::collections::BTreeMap;

use super::blocks::{superscript, Document};
use super::xml::{self, Element};
use super::{run_tool, tool_version, FormatError};

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
pub(crate) fn read(bytes: &[u8]) -> Result<(Document, String), FormatError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(FormatError::Encoding(
            "not a PDF file (no %PDF header)".into(),
        ));
    }
    let out = run_tool(
        "pdftotext",
        ".pdf files",
        "apt-get install poppler-utils",
        &["-bbox-layout", "-enc", "UTF-8"],
        &["-"],
        bytes,
        "pdf",
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

fn parse_bbox(xhtml: &str) -> Result<Vec<Vec<Line>>, FormatError> {
    // Drop the DOCTYPE line; the rest is well-formed XHTML.
    let root = xml::parse(xhtml).map_err(|e| FormatError::ToolFailed {
        tool: "pdftotext",
        message: format!("unreadable -bbox-layout output: {e}"),
    })?;
    let mut pages = Vec::new();
    let mut stack = vec![&root];
    let mut page_elems = Vec::new();
    while let Some(e) = stack.pop() {
        if e.name == "page" {
            page_elems.push(e);
            continue;
        }
        for c in e.elements().collect::<Vec<_>>().into_iter().rev() {
            stack.push(c);
        }
    }
    for page in page_elems {
        let mut lines = Vec::new();
        collect_lines(page, &mut lines);
        pages.push(lines);
    }
    Ok(pages)
}

fn collect_lines(e: &Element, out: &mut Vec<Line>) {
    for c in e.elements() {
        if c.name == "line" {
            let words: Vec<Word> = c
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
                out.push(Line { words });
            }
        } else {
            collect_lines(c, out);
        }
    }
}

/// Most common word height, weighted by characters (the body font).
fn body_size(pages: &[Vec<Line>]) -> f64 {
    let mut hist: BTreeMap<i64, usize> = BTreeMap::new();
    for l in pages.iter().flatten() {
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
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// Text of a line: words joined by spaces; small raised digits glued to the word before
/// them as superscripts (their numbers returned).
fn line_text(l: &Line, body: f64, markers: &mut Vec<u32>) -> String {
    let base = l.y1();
    let mut s = String::new();
    for (i, w) in l.words.iter().enumerate() {
        let small = w.height() < 0.85 * l.size().max(body * 0.5);
        let raised = base - w.y1 > 0.12 * l.size();
        let digits = w.text.chars().all(|c| c.is_ascii_digit());
        if i > 0 && small && raised && digits {
            s.push_str(
                &w.text
                    .chars()
                    .map(|c| superscript(c.to_digit(10).unwrap_or(0)))
                    .collect::<String>(),
            );
            if let Ok(n) = w.text.parse() {
                markers.push(n);
            }
            continue;
        }
        if i > 0 {
            let gap = w.x0 - l.words[i - 1].x1;
            if gap > 0.1 * body || !s.ends_with(|c: char| c.is_alphanumeric()) {
                s.push(' ');
            } else {
                s.push(' ');
            }
        }
        s.push_str(&w.text);
    }
    s
}

/// Leading footnote number of a footnote-zone line, if it is `expected`.
fn note_start(l: &Line, expected: u32) -> Option<String> {
    let first = &l.words[0];
    let digits: String = first
        .text
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.parse::<u32>().ok() != Some(expected) {
        return None;
    }
    let rest_first = &first.text[digits.len()..];
    let mut rest = String::from(rest_first);
    for w in &l.words[1..] {
        if !rest.is_empty() {
            rest.push(' ');
        }
        rest.push_str(&w.text);
    }
    Some(rest)
}

fn layout(pages: &[Vec<Line>]) -> Document {
    let body = body_size(pages);
    let mut doc = Document::default();
    let mut para = String::new();
    let mut para_notes: Vec<u32> = Vec::new();
    let mut prev_short = true;
    let mut next_note = 1u32;
    let mut current_note: Option<u32> = None;
    for lines in pages {
        let mut lines: Vec<&Line> = lines.iter().collect();
        // Page numbers alone on the first or last line.
        if lines.last().is_some_and(|l| is_page_number(l)) {
            lines.pop();
        }
        if lines.first().is_some_and(|l| is_page_number(l)) {
            lines.remove(0);
        }
        // Footnote zone: smaller lines at the bottom.
        let mut split = lines.len();
        while split > 0 && lines[split - 1].size() < 0.9 * body {
            split -= 1;
        }
        let (body_lines, zone) = lines.split_at(split);
        let left = body_lines.iter().map(|l| l.x0()).fold(f64::MAX, f64::min);
        let right = body_lines.iter().map(|l| l.x1()).fold(f64::MIN, f64::max);
        for l in body_lines {
            let indent = l.x0() > left + 0.8 * body;
            if (indent || prev_short) && !para.is_empty() {
                doc.push(std::mem::take(&mut para), std::mem::take(&mut para_notes));
            }
            let text = line_text(l, body, &mut para_notes);
            if !para.is_empty() {
                if para.ends_with('-') && !para.ends_with(" -") {
                    // keep hyphenated compounds as written
                }
                para.push(' ');
            }
            para.push_str(text.trim());
            prev_short = l.x1() < right - 3.0 * body;
        }
        for l in zone {
            if let Some(rest) = note_start(l, next_note) {
                doc.footnotes.insert(next_note, rest.trim().to_string());
                current_note = Some(next_note);
                next_note += 1;
            } else if let Some(n) = current_note {
                let mut ignored = Vec::new();
                let t = line_text(l, body, &mut ignored);
                if let Some(e) = doc.footnotes.get_mut(&n) {
                    e.push(' ');
                    e.push_str(t.trim());
                }
            }
        }
    }
    if !para.is_empty() {
        doc.push(para, para_notes);
    }
    doc
}
