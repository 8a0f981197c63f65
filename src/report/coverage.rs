//! Coverage: how much of a file's text reaches the indexed units.
//!
//! The reference is the converter's plain text ([`super::formats::plain`]: pdftotext,
//! the `.docx` runs, antiword), read independently of the parser. Both sides are cut into
//! words (letters and ASCII digits, lower case; a footnote marker glued to a word,
//! `ngành12`, counts as the word) and the share of the reference's 6-word sequences that
//! also occur in the units is the coverage. The units are read in document order (the
//! preamble, sections, footnotes), each section with and without its number label, so
//! that a sequence running over a heading is found whether the file typed the label or
//! Word numbered it.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use super::Report;

/// Length of the word sequences compared: long enough that a sequence found elsewhere in
/// the document by chance is rare, short enough that one lost word costs few sequences.
pub const GRAM: usize = 6;

/// Longest run of lost words kept as an example in [`Coverage::lost`].
const LOST_EXAMPLE_WORDS: usize = 40;

/// The coverage of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// Word sequences of the reference text.
    pub grams: usize,
    /// Those that occur in the units.
    pub covered: usize,
    /// Runs of reference words whose sequences were not found, longest first (at most
    /// [`LOST_EXAMPLE_WORDS`] words each).
    pub lost: Vec<String>,
}

impl Coverage {
    /// Covered share, 0–1 (1 when the reference has no sequence).
    pub fn ratio(&self) -> f64 {
        if self.grams == 0 {
            1.0
        } else {
            self.covered as f64 / self.grams as f64
        }
    }
}

/// The words of `text` as compared: NFC, lower case, letters and ASCII digits; a run of
/// digits glued after letters (a footnote marker, `ngành12`) is dropped.
pub fn words(text: &str) -> Vec<String> {
    let text: String = text.nfc().collect();
    let mut out = Vec::new();
    let mut push = |tok: &str| {
        // Digits glued after letters: a footnote marker (or `Km18`); keep the letters.
        let head = tok.trim_end_matches(|c: char| c.is_ascii_digit());
        let tok = if head.chars().any(char::is_alphabetic) {
            head
        } else {
            tok
        };
        out.push(tok.to_lowercase().replace('ƣ', "ư"));
    };
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphabetic() || c.is_ascii_digit();
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(&text[s..]);
    }
    out
}

/// The texts of a report's indexed units in document order, each section given twice
/// (with and without its number label): what [`measure`] looks sequences up in.
pub fn unit_texts(report: &Report) -> Vec<String> {
    let mut with_labels = Vec::new();
    let mut without = Vec::new();
    for s in &report.sections {
        let label = s.path.last().map(String::as_str).unwrap_or("");
        with_labels.push(format!("{label} {}\n{}", s.heading, s.text));
        without.push(format!("{}\n{}", s.heading, s.text));
    }
    let notes: Vec<String> = report.footnotes.iter().map(|f| f.text.clone()).collect();
    vec![with_labels.join("\n"), without.join("\n"), notes.join("\n")]
}

fn grams_of(words: &[String]) -> impl Iterator<Item = &[String]> {
    words.windows(GRAM)
}

/// The coverage of `reference` (the converter's text) by the units of `report`.
pub fn measure(reference: &str, report: &Report) -> Coverage {
    let mut found: HashSet<Vec<String>> = HashSet::new();
    for t in unit_texts(report) {
        let w = words(&t);
        for g in grams_of(&w) {
            found.insert(g.to_vec());
        }
    }
    measure_against(reference, &found)
}

fn measure_against(reference: &str, found: &HashSet<Vec<String>>) -> Coverage {
    let words = words(reference);
    let hits: Vec<bool> = grams_of(&words).map(|g| found.contains(g)).collect();
    let covered = hits.iter().filter(|h| **h).count();
    // Words covered by some found sequence; the others form the lost runs.
    let mut word_ok = vec![false; words.len()];
    for (i, h) in hits.iter().enumerate() {
        if *h {
            for w in &mut word_ok[i..i + GRAM] {
                *w = true;
            }
        }
    }
    let mut lost: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if word_ok[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < words.len() && !word_ok[i] {
            i += 1;
        }
        let run = &words[start..i.min(start + LOST_EXAMPLE_WORDS)];
        lost.push(run.join(" "));
    }
    lost.sort_by_key(|s| std::cmp::Reverse(s.split(' ').count()));
    Coverage {
        grams: hits.len(),
        covered,
        lost,
    }
}

/// Paragraphs of a unit's text that look like numbered headings (a label such as `2.`,
/// `IV.`, `a)` followed by a heading-like start) but did not open a section: signs of an
/// outline that collapsed. Returns (section id, paragraph) pairs.
pub fn unsplit_headings(report: &Report) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &report.sections {
        for para in s.text.split('\n') {
            let p = para.trim();
            if p.starts_with('|') {
                continue;
            }
            if let Some(l) = super::numbering::parse_label(p) {
                // A short heading-like paragraph (a missed heading at any level), or a
                // longer numbered item deeper than the section.
                let rest = &p[l.len..];
                let own = s
                    .path
                    .last()
                    .and_then(|x| super::numbering::rank_of_path_label(x));
                let deeper = own.is_none_or(|r| l.rank > r);
                if deeper || rest.chars().count() <= HEADING_LIKE_CHARS {
                    out.push((s.id.clone(), p.chars().take(80).collect()));
                }
            }
        }
    }
    out
}

/// A labelled paragraph at most this long reads as a heading (a longer one is a numbered
/// list item of the text, which is not counted).
const HEADING_LIKE_CHARS: usize = 120;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_glued_markers_and_punctuation() {
        assert_eq!(
            words("Các ngành12 đạt 1.236,87 tỷ; Km18 và 2a Trưởng ƣu"),
            [
                "các",
                "ngành",
                "đạt",
                "1",
                "236",
                "87",
                "tỷ",
                "km",
                "và",
                "2a",
                "trưởng",
                "ưu"
            ]
        );
        assert_eq!(words("định²,"), ["định"]);
    }

    #[test]
    fn coverage_counts_sequences_found_in_units() {
        let r = super::super::parse_text(
            "x.txt",
            "I. TÌNH HÌNH CHUNG\n\nMột hai ba bốn năm sáu bảy tám chín mười.\n",
        );
        let reference = "I. TÌNH HÌNH CHUNG\nMột hai ba bốn năm sáu bảy tám chín mười.\nMất một đoạn văn bản dài ở đây.";
        let c = measure(reference, &r);
        assert!(c.grams > c.covered && c.covered > 0, "{c:?}");
        assert!(c.lost[0].contains("mất một đoạn"), "{c:?}");
        let whole = measure("Một hai ba bốn năm sáu bảy tám", &r);
        assert_eq!(whole.ratio(), 1.0);
    }
}
