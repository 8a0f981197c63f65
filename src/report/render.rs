//! Renders a clean (Word-converted) report into the PDF-extracted layout (ARCHITECTURE.md).
//!
//! Used by the metamorphic tests (both layouts must parse to the same structure) and by
//! the synthetic-corpus generator of the benchmarks. The output looks like `pdftotext`
//! output of the same report:
//!
//! - every paragraph hard-wrapped at about [`PdfOptions::width`] columns, each line
//!   ending with a space and followed by a blank line;
//! - headings glued in the clean text (`…**1. Khái quát**`) on their own lines, no `**`;
//! - footnote markers as plain digits glued to the word before them (`ha1`, `kỳ11`);
//! - pages of about [`PdfOptions::page_lines`] text lines; the footnotes whose markers
//!   are on a page are printed at its bottom after a line of [`SEPARATOR_SPACES`]
//!   spaces; a footnote that does not fit continues on the next page, whose footnote
//!   block then starts with a line of [`CARRIED_SEPARATOR_SPACES`] spaces; the body of the next page resumes on a line that starts with
//!   one space.

use super::lines::{strip_bold, superscript_value};

/// Spaces of the line pdftotext writes for the short rule above a page's footnotes (the
/// parser reads any blank line of at least `lines::SEPARATOR_MIN` spaces as one).
pub const SEPARATOR_SPACES: usize = 43;

/// Spaces of the line pdftotext writes for the full-width rule above footnotes carried
/// over from the page before.
pub const CARRIED_SEPARATOR_SPACES: usize = 132;

/// Options of [`pdf_layout`].
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Wrap width of body lines, in characters.
    pub width: usize,
    /// Wrap width of footnote lines (footnotes use a smaller font: wider lines).
    pub footnote_width: usize,
    /// Text lines (body + footnotes) per page.
    pub page_lines: usize,
}

impl Default for PdfOptions {
    fn default() -> Self {
        Self {
            width: 80,
            footnote_width: 100,
            page_lines: 45,
        }
    }
}

/// A paragraph of the clean text: body (with marker numbers) or a footnote body.
enum Para {
    Body(String),
    Footnote(u32, String),
}

fn is_marker_digit(c: char) -> bool {
    superscript_value(c).is_some()
}

/// Splits the clean text into paragraphs: footnote bodies, and body paragraphs with
/// glued bold headings split and bold multi-line titles joined.
fn paragraphs(clean: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let lines: Vec<&str> = clean.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        i += 1;
        if line.is_empty() {
            continue;
        }
        let digits: String = line.chars().take_while(|&c| is_marker_digit(c)).collect();
        if !digits.is_empty() {
            let n = digits
                .chars()
                .filter_map(superscript_value)
                .fold(0u32, |a, d| a.saturating_mul(10).saturating_add(d));
            let rest = line[digits.len()..].trim();
            out.push(Para::Footnote(n, strip_bold(rest)));
            continue;
        }
        let mut text = line.to_string();
        if line.starts_with("**") && line.matches("**").count() % 2 == 1 {
            while i < lines.len() && !lines[i].trim().is_empty() {
                text.push(' ');
                text.push_str(lines[i].trim());
                i += 1;
                if text.matches("**").count() % 2 == 0 {
                    break;
                }
            }
        }
        // Glued headings: a bold run that starts a numbered label mid-line.
        let mut rest = text.as_str();
        loop {
            let cut = rest.match_indices("**").map(|(p, _)| p).find(|&p| {
                p > 0
                    && !strip_bold(&rest[..p]).trim().is_empty()
                    && super::numbering::parse_label(rest[p + 2..].trim_start()).is_some()
            });
            match cut {
                Some(p) => {
                    out.push(Para::Body(strip_bold(&rest[..p]).trim().to_string()));
                    rest = &rest[p..];
                }
                None => {
                    out.push(Para::Body(strip_bold(rest).trim().to_string()));
                    break;
                }
            }
        }
    }
    out
}

/// Word-wraps `text` at `width` characters (a longer word stays whole on its line).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let words: Vec<(String, Vec<u32>)> = text
        .split_whitespace()
        .map(|w| (w.to_string(), Vec::new()))
        .collect();
    wrap_words(&words, width)
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

/// Wraps words that carry marker numbers; each line keeps the numbers of its words.
fn wrap_words(words: &[(String, Vec<u32>)], width: usize) -> Vec<(String, Vec<u32>)> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut nums = Vec::new();
    let mut cur_len = 0;
    for (word, n) in words {
        let wl = word.chars().count();
        if cur_len > 0 && cur_len + 1 + wl > width {
            lines.push((std::mem::take(&mut cur), std::mem::take(&mut nums)));
            cur_len = 0;
        }
        if cur_len > 0 {
            cur.push(' ');
            cur_len += 1;
        }
        cur.push_str(word);
        cur_len += wl;
        nums.extend(n.iter().copied());
    }
    if !cur.is_empty() {
        lines.push((cur, nums));
    }
    lines
}

/// Replaces superscript markers by plain digits; returns the marker numbers found.
fn plain_markers(text: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut numbers = Vec::new();
    let mut run = 0u32;
    let mut in_run = false;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        match superscript_value(c) {
            Some(d) if !(in_run && run == 0 && d == 0) => {
                // `m²`/`m³` stay units.
                if !in_run && prev == Some('m') && matches!(d, 2 | 3) {
                    out.push(c);
                    prev = Some(c);
                    continue;
                }
                in_run = true;
                run = run.saturating_mul(10).saturating_add(d);
                out.push(char::from(b'0' + d as u8));
            }
            _ => {
                if in_run {
                    numbers.push(run);
                    in_run = false;
                    run = 0;
                }
                out.push(c);
            }
        }
        prev = Some(c);
    }
    if in_run {
        numbers.push(run);
    }
    (out, numbers)
}

/// Renders a clean-layout report into the PDF-extracted layout (see the module docs).
pub fn pdf_layout(clean: &str, options: &PdfOptions) -> String {
    let paras = paragraphs(clean);
    let bodies: std::collections::HashMap<u32, &str> = paras
        .iter()
        .filter_map(|p| match p {
            Para::Footnote(n, t) => Some((*n, t.as_str())),
            Para::Body(_) => None,
        })
        .collect();
    // Body lines with the footnote lines their markers call for.
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    for p in &paras {
        let Para::Body(text) = p else { continue };
        let words: Vec<(String, Vec<u32>)> = text.split_whitespace().map(plain_markers).collect();
        for (line, numbers) in wrap_words(&words, options.width) {
            let mut foot = Vec::new();
            for n in numbers {
                if let Some(body) = bodies.get(&n) {
                    let wrapped = wrap(&format!("{n} {body}"), options.footnote_width);
                    foot.extend(wrapped);
                }
            }
            lines.push((line, foot));
        }
    }
    let cap = options.page_lines.max(4);
    let mut out = String::new();
    let mut page_body: Vec<String> = Vec::new();
    let mut page_foot: Vec<String> = Vec::new();
    let mut carried = false;
    let mut first_page = true;
    let flush = |out: &mut String,
                 body: &mut Vec<String>,
                 foot: &mut Vec<String>,
                 carried: &mut bool,
                 first_page: &mut bool,
                 last: bool| {
        for (k, l) in body.iter().enumerate() {
            if k == 0 && !*first_page {
                out.push(' ');
            }
            out.push_str(l);
            out.push_str(" \n\n");
        }
        *first_page = false;
        if foot.is_empty() {
            body.clear();
            *carried = false;
            return;
        }
        let room = if last {
            foot.len()
        } else {
            cap.saturating_sub(body.len()).max(1).min(foot.len())
        };
        out.push_str(&" ".repeat(if *carried {
            CARRIED_SEPARATOR_SPACES
        } else {
            SEPARATOR_SPACES
        }));
        out.push('\n');
        for l in foot.drain(..room) {
            out.push_str(&l);
            out.push_str(" \n");
        }
        body.clear();
        *carried = !foot.is_empty();
    };
    for (line, foot) in lines {
        if !page_body.is_empty() && page_body.len() + page_foot.len() + 1 > cap {
            flush(
                &mut out,
                &mut page_body,
                &mut page_foot,
                &mut carried,
                &mut first_page,
                false,
            );
        }
        page_body.push(line);
        page_foot.extend(foot);
    }
    flush(
        &mut out,
        &mut page_body,
        &mut page_foot,
        &mut carried,
        &mut first_page,
        true,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn markers_become_plain_digits_units_stay() {
        let (t, n) = plain_markers("đạt 3.666 ha¹; có 53¹⁵ đề tài, 12 m³");
        assert_eq!(t, "đạt 3.666 ha1; có 5315 đề tài, 12 m³");
        assert_eq!(n, vec![1, 15]);
    }

    #[test]
    fn footnotes_go_to_the_page_bottom() {
        let clean = "I. CHỈ ĐẠO\n\nĐạt 3 ha¹. Tiếp tục triển khai.\n\n¹ Lũy kế hai tháng.\n";
        let pdf = pdf_layout(clean, &PdfOptions::default());
        assert_eq!(
            pdf,
            format!(
                "I. CHỈ ĐẠO \n\nĐạt 3 ha1. Tiếp tục triển khai. \n\n{}\n1 Lũy kế hai tháng. \n",
                " ".repeat(SEPARATOR_SPACES)
            )
        );
    }

    #[test]
    fn long_footnotes_continue_on_the_next_page() {
        let mut clean = String::from("I. A\n\n");
        for k in 0..6 {
            clean.push_str(&format!("Đoạn {k} có chú thích¹ và nhiều chữ nữa.\n\n"));
        }
        clean.push_str(&format!("¹ {}\n", "chữ ".repeat(60)));
        let opts = PdfOptions {
            width: 40,
            footnote_width: 20,
            page_lines: 6,
        };
        let pdf = pdf_layout(&clean, &opts);
        assert!(
            pdf.contains(&format!("\n{}\n", " ".repeat(CARRIED_SEPARATOR_SPACES))),
            "{pdf}"
        );
        assert!(pdf.contains("\n Đoạn"), "{pdf}");
    }
}
