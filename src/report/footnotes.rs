//! Footnote markers: found in section headings and text, removed, recorded in
//! `footnote_refs`, and used to attach each footnote to its section.
//!
//! Clean layout: markers are superscript digits (`cùng kỳ¹`, `53¹⁵ đề tài`); `m²`/`m³`
//! are units, not markers. PDF layout: markers are plain digits glued to the end of a
//! word, a percentage or a closing bracket (`ha1;`, `cùng kỳ46`, `22,6%29`), or to a
//! year (`Đất đai 202442`). The footnote numbers run 1..N, so a digit run is a marker
//! only when it is one of the next few expected numbers.

use std::collections::{BTreeSet, HashMap};

use super::lines::{digit_runs, superscript_value, Layout, RawFootnote};
use super::model::{Footnote, Section};

/// How far ahead of the next expected number a PDF marker may be (a missed marker must
/// not stop the detection of the following ones).
const WINDOW: u32 = 3;

/// Finds, removes and records the footnote markers of every section. Returns, for each
/// footnote number whose marker was found, the index of its section.
pub fn attach(
    sections: &mut [Section],
    footnotes: &[RawFootnote],
    layout: Layout,
) -> HashMap<u32, usize> {
    let known: BTreeSet<u32> = footnotes.iter().map(|f| f.number).collect();
    let mut found: HashMap<u32, usize> = HashMap::new();
    let mut last = 0u32;
    for (idx, sec) in sections.iter_mut().enumerate() {
        let mut refs = Vec::new();
        for field in [&mut sec.heading, &mut sec.text] {
            let (clean, numbers) = match layout {
                Layout::Clean => strip_superscripts(field, &known),
                Layout::Pdf => {
                    // Markers glued to numbers were rewritten as superscripts.
                    let (sup, mut numbers) = strip_superscripts(field, &known);
                    for &n in &numbers {
                        found.entry(n).or_insert(idx);
                    }
                    let (plain, more) = strip_plain(&sup, &known, &mut last, &found);
                    numbers.extend(more);
                    last = numbers.iter().copied().fold(last, u32::max);
                    (plain, numbers)
                }
            };
            *field = clean;
            for n in numbers {
                found.entry(n).or_insert(idx);
                if !refs.contains(&n) {
                    refs.push(n);
                }
            }
        }
        refs.sort_unstable();
        sec.footnote_refs = refs;
    }
    found
}

/// Builds the report's footnotes (number order, first body of each number).
pub fn finish(
    raw: &[RawFootnote],
    sections: &[Section],
    found: &HashMap<u32, usize>,
) -> Vec<Footnote> {
    let mut out: Vec<Footnote> = Vec::new();
    for f in raw {
        if out.iter().any(|o| o.number == f.number) {
            continue;
        }
        out.push(Footnote {
            number: f.number,
            text: tidy(&f.text),
            section_id: found.get(&f.number).map(|&i| sections[i].id.clone()),
            line_start: f.line,
            ..Footnote::default()
        });
    }
    out.sort_by_key(|f| f.number);
    out
}

/// Collapses runs of spaces (inside each paragraph) and spaces before punctuation left
/// by a removed marker.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == '\n' {
            out.push('\n');
            space = false;
        } else if c.is_whitespace() {
            space = !out.is_empty() && !out.ends_with('\n');
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    // No spaces left at paragraph ends or around line breaks.
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

fn strip_superscripts(s: &str, known: &BTreeSet<u32>) -> (String, Vec<u32>) {
    if !s.chars().any(|c| superscript_value(c).is_some()) {
        return (s.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(s.len());
    let mut numbers = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if superscript_value(chars[i]).is_none() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        let mut value = 0u32;
        while i < chars.len() {
            match superscript_value(chars[i]) {
                Some(d) => value = value.saturating_mul(10).saturating_add(d),
                None => break,
            }
            i += 1;
        }
        // `m²`, `km²`, `m³`: a unit exponent, kept.
        let unit = (i - start == 1)
            && matches!(value, 2 | 3)
            && start > 0
            && chars[start - 1] == 'm'
            && (start < 2
                || !chars[start - 2].is_alphabetic()
                || matches!(chars[start - 2], 'k' | 'c' | 'd'));
        if unit {
            out.extend(&chars[start..i]);
            continue;
        }
        if known.contains(&value) && !numbers.contains(&value) {
            numbers.push(value);
        }
    }
    (tidy(&out), numbers)
}

/// Whether the word before position `start` is a code (`Km18`, `QH15`, `H5N1`), not a
/// Vietnamese word carrying a marker.
fn is_code(chars: &[char], start: usize) -> bool {
    let mut b = start;
    while b > 0 && chars[b - 1].is_alphabetic() {
        b -= 1;
    }
    let word = &chars[b..start];
    let before = if b > 0 { Some(chars[b - 1]) } else { None };
    if matches!(before, Some('/' | '-' | '_' | '.')) || before.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    // A road milestone (`Km18`); other codes are cut off by `/`, `-` or a digit before
    // (`111/2024/QH15`, `H5N1`), and the footnote sequence does the rest (`MTQG22`).
    let word: String = word.iter().collect();
    matches!(word.as_str(), "Km" | "km" | "KM")
}

fn strip_plain(
    s: &str,
    known: &BTreeSet<u32>,
    last: &mut u32,
    found: &HashMap<u32, usize>,
) -> (String, Vec<u32>) {
    let chars: Vec<char> = s.chars().collect();
    let mut remove: Vec<(usize, usize)> = Vec::new();
    let mut numbers = Vec::new();
    for std::ops::Range { start, end } in digit_runs(&chars) {
        let next = chars.get(end).copied();
        let next_ok = match next {
            None => true,
            Some(c) if c.is_whitespace() => true,
            Some(',' | '.') => !chars.get(end + 1).is_some_and(|c| c.is_ascii_digit()),
            Some(';' | ':' | ')' | '!' | '?' | '”' | '"' | '…') => true,
            _ => false,
        };
        if !next_ok || end - start > 8 {
            continue;
        }
        let prev = if start > 0 {
            Some(chars[start - 1])
        } else {
            None
        };
        let accept = |n: u32, exact: bool| {
            known.contains(&n)
                && !found.contains_key(&n)
                && if exact {
                    n == *last + 1
                } else {
                    n > *last && n <= *last + WINDOW
                }
        };
        let digits: String = chars[start..end].iter().collect();
        let mut hit: Option<(usize, u32)> = None;
        match prev {
            Some(p) if p.is_alphabetic() && !is_code(&chars, start) => {
                if let Ok(n) = digits.parse::<u32>() {
                    if accept(n, false) {
                        hit = Some((start, n));
                    }
                }
            }
            Some('%' | ')' | '”' | '"' | '’') => {
                if let Ok(n) = digits.parse::<u32>() {
                    if accept(n, false) {
                        hit = Some((start, n));
                    }
                }
            }
            None | Some(' ') if digits.len() >= 5 => {
                // A marker glued to a year: `2024` + `42`.
                let year: u32 = digits[..4].parse().unwrap_or(0);
                if (1900..=2100).contains(&year) && !digits[4..].starts_with('0') {
                    if let Ok(n) = digits[4..].parse::<u32>() {
                        if accept(n, true) {
                            hit = Some((start + 4, n));
                        }
                    }
                }
            }
            _ => {}
        }
        if let Some((from, n)) = hit {
            remove.push((from, end));
            if !numbers.contains(&n) {
                numbers.push(n);
            }
            *last = (*last).max(n);
        }
    }
    if remove.is_empty() {
        return (s.to_string(), numbers);
    }
    let mut out = String::with_capacity(s.len());
    let mut r = remove.iter().peekable();
    for (idx, c) in chars.iter().enumerate() {
        while r.peek().is_some_and(|&&(_, e)| e <= idx) {
            r.next();
        }
        if r.peek().is_some_and(|&&(b, e)| b <= idx && idx < e) {
            continue;
        }
        out.push(*c);
    }
    (tidy(&out), numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(n: u32) -> BTreeSet<u32> {
        (1..=n).collect()
    }

    #[test]
    fn superscripts_are_removed_but_units_kept() {
        let (t, n) = strip_superscripts(
            "tăng 3,2% so với cùng kỳ¹. Có 53¹⁵ đề tài, 1.570 m³ nước",
            &known(20),
        );
        assert_eq!(t, "tăng 3,2% so với cùng kỳ. Có 53 đề tài, 1.570 m³ nước");
        assert_eq!(n, vec![1, 15]);
    }

    #[test]
    fn plain_markers_follow_the_sequence() {
        let found = HashMap::new();
        let mut last = 0;
        let (t, n) = strip_plain(
            "ước đạt 3.666 ha1; đàn gia súc ổn định2; MTQG3 đoạn Km18 - Km80, QH15, 2023. Nhân dân4 tăng 22,6%5, Đất đai 20246, năm 2024",
            &known(20),
            &mut last,
            &found,
        );
        assert_eq!(
            t,
            "ước đạt 3.666 ha; đàn gia súc ổn định; MTQG đoạn Km18 - Km80, QH15, 2023. Nhân dân tăng 22,6%, Đất đai 2024, năm 2024"
        );
        assert_eq!(n, vec![1, 2, 3, 4, 5, 6]);
        let (t, n) = strip_plain("kế hoạch12. ", &known(20), &mut last, &found);
        assert_eq!((t.as_str(), n.len()), ("kế hoạch12. ", 0));
    }
}
