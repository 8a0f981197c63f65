//! Rendering of a clean-layout text into the PDF-extracted layout.

use std::collections::BTreeMap;

use super::{is_superscript_digit, SplitMix64};

/// One paragraph converted for PDF: superscript markers turned into glued ASCII digits,
/// with the byte offsets and numbers of those markers.
struct Converted {
    text: String,
    markers: Vec<(usize, u32)>,
}

fn convert_markers(paragraph: &str) -> Converted {
    let mut text = String::with_capacity(paragraph.len());
    let mut markers = Vec::new();
    let mut chars = paragraph.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if is_superscript_digit(c) && !(matches!(c, '²' | '³') && prev == Some('m')) {
            let mut value = 0u32;
            let mut d = c;
            loop {
                let digit = super::transform_digit(d);
                value = value * 10 + digit;
                text.push(char::from(b'0' + digit as u8));
                match chars.peek() {
                    Some(&n) if is_superscript_digit(n) => {
                        d = n;
                        chars.next();
                    }
                    _ => break,
                }
            }
            markers.push((text.len(), value));
            prev = Some('0');
            continue;
        }
        text.push(c);
        prev = Some(c);
    }
    Converted { text, markers }
}

/// Greedy wrap at `width` characters; returns byte ranges of the lines.
fn wrap(text: &str, width: usize) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_space: Option<usize> = None;
    let mut count = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            last_space = Some(i);
        }
        count += 1;
        if count > width {
            if let Some(sp) = last_space.filter(|&sp| sp > start) {
                lines.push((start, sp));
                start = sp + 1;
                count = if start > i {
                    0
                } else {
                    text[start..i + c.len_utf8()].chars().count()
                };
                last_space = None;
            }
        }
    }
    if start < text.len() {
        lines.push((start, text.len()));
    }
    lines
}

/// Renders a clean-layout report text into the PDF-extracted layout: lines hard-wrapped
/// at a random width with blank lines between them, markdown removed, glued headings put
/// on their own line, footnote markers as plain digits glued to the word, footnote bodies
/// moved to the bottom of the page where their marker is (after a line of spaces; a body
/// is sometimes glued to its number), and the body resuming after the footnote block on a
/// line that starts with one space.
pub fn render_pdf_layout(clean: &str, rng: &mut SplitMix64) -> String {
    let width = 72 + rng.below(20) as usize;
    let page_lines = 24 + rng.below(12) as usize;
    let separator = " ".repeat(40 + rng.below(100) as usize);

    // Split glued headings onto their own line.
    let mut lines: Vec<String> = Vec::new();
    for line in clean.split('\n') {
        let mut rest = line;
        while let Some(pos) = rest
            .match_indices("**")
            .map(|(i, _)| i)
            .find(|&i| i > 0 && rest[i + 2..].starts_with(|c: char| c.is_ascii_digit()))
        {
            lines.push(rest[..pos].to_string());
            rest = &rest[pos..];
        }
        lines.push(rest.to_string());
    }
    let end = lines
        .iter()
        .position(|l| l.trim_start().starts_with("Nơi nhận"))
        .unwrap_or(lines.len());

    let mut bodies: BTreeMap<u32, String> = BTreeMap::new();
    let mut flow: Vec<String> = Vec::new();
    for line in &lines[..end] {
        let line = line.replace("**", "");
        if line.trim().is_empty() {
            continue;
        }
        let run: String = line
            .chars()
            .take_while(|c| is_superscript_digit(*c))
            .collect();
        if !run.is_empty() {
            let n = run
                .chars()
                .fold(0, |a, c| a * 10 + super::transform_digit(c));
            bodies.insert(n, line[run.len()..].trim().to_string());
        } else {
            flow.push(line.trim_end().to_string());
        }
    }

    let mut out = String::with_capacity(clean.len() * 5 / 4);
    let mut on_page = 0;
    let mut pending: Vec<u32> = Vec::new();
    let mut resume = false;
    let flush = |out: &mut String, pending: &mut Vec<u32>, rng: &mut SplitMix64| {
        if pending.is_empty() {
            return;
        }
        out.push_str(&separator);
        out.push('\n');
        for n in pending.drain(..) {
            let Some(body) = bodies.get(&n) else { continue };
            let glue = if rng.next_f64() < 0.15 { "" } else { " " };
            let note = format!("{n}{glue}{body}");
            for (k, (s, e)) in wrap(&note, width + 16).into_iter().enumerate() {
                if k > 0 {
                    out.push('\n');
                }
                out.push_str(&note[s..e]);
                out.push_str(" \n");
            }
        }
    };
    for paragraph in &flow {
        let conv = convert_markers(paragraph);
        for (s, e) in wrap(&conv.text, width) {
            if resume {
                out.push(' ');
                resume = false;
            }
            out.push_str(&conv.text[s..e]);
            out.push_str(" \n\n");
            pending.extend(
                conv.markers
                    .iter()
                    .filter(|(pos, n)| *pos > s && *pos <= e && bodies.contains_key(n))
                    .map(|(_, n)| *n),
            );
            on_page += 1;
            if on_page >= page_lines {
                on_page = 0;
                if !pending.is_empty() {
                    flush(&mut out, &mut pending, rng);
                    resume = true;
                }
            }
        }
    }
    flush(&mut out, &mut pending, rng);
    for line in &lines[end..] {
        out.push_str(&line.replace("**", ""));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries() {
        let t = "một hai ba bốn năm sáu bảy tám chín mười";
        let lines: Vec<&str> = wrap(t, 12).into_iter().map(|(s, e)| &t[s..e]).collect();
        assert!(lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
        assert_eq!(lines.join(" "), t);
    }

    #[test]
    fn footnotes_move_to_page_bottom_with_plain_markers() {
        let clean = "I. TÌNH HÌNH\n\nDiện tích 3.666 ha¹; tăng 5% so với cùng kỳ².\n\n¹ Trong đó: lúa.\n\n² So với năm trước.\n\nNơi nhận:\n- Lưu: VT.";
        let out = render_pdf_layout(clean, &mut SplitMix64::new(1));
        assert!(out.contains("ha1;"), "{out}");
        assert!(out.contains("kỳ2."), "{out}");
        assert!(!out.contains('¹'));
        let sep = out
            .lines()
            .position(|l| !l.is_empty() && l.trim().is_empty());
        let sep = sep.expect("separator line");
        let after: Vec<&str> = out.lines().skip(sep + 1).collect();
        assert!(
            after[0].starts_with('1') && after[0].contains("Trong đó"),
            "{out}"
        );
        assert!(out.ends_with("Nơi nhận:\n- Lưu: VT.\n"));
    }

    #[test]
    fn glued_headings_get_their_own_line() {
        let clean = "I- KHÁI QUÁT 11-NQ/TW**1. Khái quát chung**\n\nNội dung.";
        let out = render_pdf_layout(clean, &mut SplitMix64::new(2));
        assert!(
            out.lines().any(|l| l.starts_with("1. Khái quát chung")),
            "{out}"
        );
    }
}
