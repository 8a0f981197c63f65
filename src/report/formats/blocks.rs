//! The common intermediate form of structured inputs (.docx, .pdf): paragraphs with
//! footnote markers already placed, and footnote bodies by number, written out in the
//! clean layout.

use std::collections::{BTreeMap, BTreeSet};

/// One paragraph of a structured document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    /// Paragraph text, footnote markers as Unicode superscripts; may hold `\n` for a
    /// line break inside the paragraph.
    pub text: String,
    /// Numbers of the footnotes whose markers this paragraph carries, in order.
    pub notes: Vec<u32>,
}

/// Most columns of a layout table (letterhead: issuer | motto, place-date).
const LAYOUT_MAX_COLS: usize = 3;
/// Most rows of a small two-column table read as layout wherever it stands.
const LAYOUT_MAX_ROWS: usize = 3;

/// Whether a table lays out the letterhead or the signature block rather than holding
/// data: a small table of at most 2 columns, a table of at most 3 columns before any body
/// text (the letterhead), or a table of at most 2 columns opening with the recipients'
/// list (`Nơi nhận:`, left of the signature). Converters that write one row a line
/// (antiword) give such tables many rows, so the row count alone cannot tell.
pub(crate) fn is_layout_table(rows: usize, cols: usize, seen_text: bool, first_cell: &str) -> bool {
    let recipients = cols <= 2
        && first_cell
            .trim_start()
            .to_lowercase()
            .starts_with("nơi nhận");
    rows <= LAYOUT_MAX_ROWS && cols <= 2 || !seen_text && cols <= LAYOUT_MAX_COLS || recipients
}

/// A paragraph of a table cell: its text and the numbers of the footnotes it refers to.
pub(crate) type CellPara = (String, Vec<u32>);

/// A structured document: paragraphs in reading order and footnote bodies by number.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Paragraphs in reading order.
    pub blocks: Vec<Block>,
    /// Footnote bodies (one paragraph each) by number.
    pub footnotes: BTreeMap<u32, String>,
}

impl Document {
    /// Appends a paragraph (ignored when blank).
    pub fn push(&mut self, text: String, notes: Vec<u32>) {
        let text = tidy(&text);
        if text.trim().is_empty() && notes.is_empty() {
            return;
        }
        self.blocks.push(Block { text, notes });
    }

    /// Appends a table given as rows of cells of paragraphs. A layout table (see
    /// [`is_layout_table`]) is read cell by cell, column by column; a data table becomes
    /// one `| a | b |` paragraph a row.
    pub(crate) fn push_table(&mut self, rows: Vec<Vec<Vec<CellPara>>>, seen_text: bool) {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let first = rows
            .iter()
            .flatten()
            .flatten()
            .map(|(t, _)| t.as_str())
            .find(|t| !t.trim().is_empty())
            .unwrap_or("");
        if is_layout_table(rows.len(), cols, seen_text, first) {
            for c in 0..cols {
                for row in &rows {
                    if let Some(cell) = row.get(c) {
                        for (t, n) in cell {
                            self.push(t.clone(), n.clone());
                        }
                    }
                }
            }
            return;
        }
        for row in rows {
            let mut notes = Vec::new();
            let cells: Vec<String> = row
                .into_iter()
                .map(|cell| {
                    let parts: Vec<String> = cell
                        .into_iter()
                        .map(|(t, n)| {
                            notes.extend(n);
                            t.replace('\n', " ")
                        })
                        .filter(|t| !t.trim().is_empty())
                        .collect();
                    parts.join(" ").replace('|', "/")
                })
                .collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            self.push(format!("| {} |", cells.join(" | ")), notes);
        }
    }

    /// The clean layout: one paragraph a line, a blank line between paragraphs, each
    /// footnote body as a paragraph `¹ …` right after the paragraph carrying its marker
    /// (footnotes whose marker was not found come at the end).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut done = BTreeSet::new();
        for block in &self.blocks {
            out.push_str(&block.text);
            out.push_str("\n\n");
            for n in &block.notes {
                if let Some(body) = self.footnotes.get(n) {
                    if done.insert(*n) {
                        push_note(&mut out, *n, body);
                    }
                }
            }
        }
        for (n, body) in &self.footnotes {
            if !done.contains(n) {
                push_note(&mut out, *n, body);
            }
        }
        out
    }
}

fn push_note(out: &mut String, n: u32, body: &str) {
    out.push_str(&superscript(n));
    out.push(' ');
    out.push_str(&tidy(body).replace('\n', " "));
    out.push_str("\n\n");
}

/// Collapses runs of spaces and tabs, trims each line.
pub(crate) fn tidy(text: &str) -> String {
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let mut s = String::with_capacity(line.len());
        let mut space = false;
        for c in line.chars() {
            if c == ' ' || c == '\t' || c == '\u{a0}' {
                space = true;
            } else {
                if space && !s.is_empty() {
                    s.push(' ');
                }
                space = false;
                s.push(c);
            }
        }
        lines.push(s);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// `n` written with Unicode superscript digits (`12` → `¹²`).
pub fn superscript(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| superscript_char(c).unwrap_or(c))
        .collect()
}

/// The superscript form of a digit, `+`, `-`, `(` or `)` (digits from the one table,
/// [`crate::report::lines::SUPERSCRIPTS`]).
pub(crate) fn superscript_char(c: char) -> Option<char> {
    if let Some(d) = c.to_digit(10) {
        return Some(crate::report::lines::SUPERSCRIPTS[d as usize]);
    }
    Some(match c {
        '+' => '⁺',
        '-' => '⁻',
        '(' => '⁽',
        ')' => '⁾',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::lines::from_superscript;

    #[test]
    fn superscripts_round_trip() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(2024), "²⁰²⁴");
        let back: String = superscript(907)
            .chars()
            .filter_map(from_superscript)
            .collect();
        assert_eq!(back, "907");
    }

    #[test]
    fn footnotes_follow_their_paragraph() {
        let mut doc = Document::default();
        doc.push("Mở đầu".into(), vec![]);
        doc.push("Diện tích  đạt 10 ha¹.".into(), vec![1]);
        doc.push("Kết".into(), vec![]);
        doc.footnotes.insert(1, "Trong đó".into());
        doc.footnotes.insert(2, "Không dẫn".into());
        assert_eq!(
            doc.to_text(),
            "Mở đầu\n\nDiện tích đạt 10 ha¹.\n\n¹ Trong đó\n\nKết\n\n² Không dẫn\n\n"
        );
    }
}
