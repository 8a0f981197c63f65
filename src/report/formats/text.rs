//! Plain text: decoding (UTF-8, UTF-16, legacy TCVN3/VNI) and the repair of text made
//! by other converters, recognised by their marks:
//!
//! - pandoc: `[n]` footnote references with the notes listed at the end as `[n] text`
//!   (or markdown `[^n]` / `[^n]: text`);
//! - antiword: notes in a block at the end after a `-----` / `___` line, as `[n] text`;
//! - grid tables (`+---+`, `| a | b |`) and pipe tables, turned into one row a line;
//! - pdftotext: form feeds between pages and page-number lines, turned into the
//!   PDF-extracted layout the parser knows (page-bottom footnotes after a line of spaces);
//! - legacy font artefacts: `ƣ`/`Ƣ` → `ư`/`Ư`, TCVN3 and VNI text converted to Unicode.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use super::blocks::{is_layout_table, superscript, Document};
use super::legacy;
use super::FormatError;
use crate::report::lines::{footnote_start, NoteEvidence};

/// Most bytes that are not UTF-8, as a share of the file (1 in [`STRAY_SHARE`]), for a
/// file without other evidence of UTF-8 (nor of a legacy encoding) to be read as UTF-8
/// with those bytes replaced: a few stray bytes (a bad copy, a truncated character)
/// damage a UTF-8 file; a legacy 8-bit file is non-UTF-8 throughout.
pub const STRAY_SHARE: usize = 100;

/// How many valid multi-byte UTF-8 characters a file must hold per stray byte to be read
/// as damaged UTF-8 rather than as a legacy encoding (Vietnamese UTF-8 text has a
/// multi-byte letter every few words; legacy 8-bit text almost never forms one).
pub const UTF8_EVIDENCE: usize = 10;

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoded {
    /// The text (legacy encodings still in their Latin-1 view: [`repair`] converts them).
    pub text: String,
    /// What was converted.
    pub notes: Vec<String>,
    /// Bytes that were not UTF-8 and were replaced by U+FFFD.
    pub invalid_bytes: usize,
}

/// Decodes the bytes of a text file: UTF-8 (BOM allowed), UTF-16 with a BOM, or a legacy
/// 8-bit Vietnamese encoding. Returns the text and notes on what was converted.
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), FormatError> {
    decode_counted(bytes).map(|d| (d.text, d.notes))
}

/// (valid multi-byte characters, bytes that are not UTF-8) of `bytes`.
fn utf8_damage(bytes: &[u8]) -> (usize, usize) {
    let mut multibyte = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (multibyte, invalid)
}

/// Like [`decode`], also counting the bytes replaced: a file that is UTF-8 but for a few
/// bytes (far fewer than its valid multi-byte letters, [`UTF8_EVIDENCE`]; or, in text
/// without a recognised legacy encoding, at most 1 in [`STRAY_SHARE`]) is read as UTF-8
/// with those bytes replaced by U+FFFD; legacy encodings are only looked for in text
/// that is not mostly UTF-8.
pub fn decode_counted(bytes: &[u8]) -> Result<Decoded, FormatError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_counted(rest);
    }
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        let s = String::from_utf16(&units)
            .map_err(|_| FormatError::Encoding("invalid UTF-16 text".into()))?;
        return Ok(Decoded {
            text: s,
            notes: vec!["UTF-16 text converted".into()],
            invalid_bytes: 0,
        });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        if s.contains('\0') {
            return Err(FormatError::Encoding("binary data, not text".into()));
        }
        return Ok(Decoded {
            text: s.to_string(),
            ..Decoded::default()
        });
    }
    let zeros = bytes.iter().filter(|b| **b == 0).count();
    if zeros > 0 {
        return Err(FormatError::Encoding("binary data, not text".into()));
    }
    let (multibyte, invalid) = utf8_damage(bytes);
    let few = invalid * STRAY_SHARE <= bytes.len();
    let lossy = || {
        let noun = if invalid == 1 { "byte" } else { "bytes" };
        Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            notes: vec![format!(
                "{invalid} {noun} that are not UTF-8 replaced by U+FFFD"
            )],
            invalid_bytes: invalid,
        })
    };
    if multibyte >= invalid * UTF8_EVIDENCE {
        return lossy();
    }
    // Not UTF-8: a legacy 8-bit encoding, read in its Latin-1 view.
    let latin1: String = bytes.iter().map(|b| char::from(*b)).collect();
    match legacy::detect(&latin1) {
        Some(_) => Ok(Decoded {
            text: latin1,
            ..Decoded::default()
        }),
        None if few => lossy(),
        None => Err(FormatError::Encoding(
            "not UTF-8 and not a recognised Vietnamese legacy encoding (TCVN3/ABC, VNI): \
             convert the file to UTF-8"
                .into(),
        )),
    }
}

/// Repairs decoded text into a layout the parser knows; returns notes on what was done.
pub fn repair(text: &str) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let mut s: String = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    if let Some(l) = legacy::detect(&s) {
        s = legacy::decode(l, &s);
        notes.push(format!("{} encoding converted to Unicode", l.name()));
    }
    if s.contains(['ƣ', 'Ƣ']) {
        s = s.replace('ƣ', "ư").replace('Ƣ', "Ư");
        notes.push("legacy-font ƣ/Ƣ replaced by ư/Ư".into());
    }
    if unicode_normalization::is_nfc_quick(s.chars()) != unicode_normalization::IsNormalized::Yes {
        s = s.nfc().collect();
    }
    if s.contains('\u{c}') || has_page_number_lines(&s) {
        s = pdftotext_layout(&s);
        notes.push("pdftotext pages repaired".into());
    }
    if let Some(t) = bracket_notes(&s) {
        s = t;
        notes.push("[n] footnotes converted".into());
    }
    if s.lines()
        .any(|l| is_grid_border(l.trim()) || is_pipe_row(l))
    {
        s = tables(&s);
        notes.push("text tables converted to rows".into());
    }
    (s, notes)
}

// ---------------------------------------------------------------- tables

fn is_grid_border(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

fn is_pipe_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+'))
}

fn is_pipe_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.ends_with('|') && t.len() > 2 && !is_pipe_separator(t)
}

fn cells(row: &str) -> Vec<String> {
    row.trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect()
}

/// Writes a table: a layout table (letterhead, signature: see [`is_layout_table`]) cell
/// by cell, column by column, one paragraph each; a data table as one
/// `| a | b |` row a paragraph.
fn emit_table(rows: &[Vec<String>], seen_text: bool, out: &mut Vec<String>) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let first = rows
        .iter()
        .flatten()
        .find(|c| !c.trim().is_empty())
        .map_or("", String::as_str);
    if is_layout_table(rows.len(), cols, seen_text, first) {
        for c in 0..cols {
            for row in rows {
                if let Some(cell) = row.get(c).filter(|x| !x.is_empty()) {
                    out.push(cell.clone());
                    out.push(String::new());
                }
            }
        }
    } else {
        for row in rows {
            if row.iter().any(|c| !c.is_empty()) {
                out.push(format!("| {} |", row.join(" | ")));
                out.push(String::new());
            }
        }
    }
}

/// Grid tables (cells may wrap over several lines) and pipe tables → rows, each row its
/// own paragraph (layout tables cell by cell).
fn tables(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new(); // rows of the current table
    let mut grid_row: Option<Vec<String>> = None; // cells of a grid row being read
    let mut seen_text = false; // body text (or a table) before: a table is no letterhead
    let lines: Vec<&str> = text.split('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if is_grid_border(t) {
            if let Some(r) = grid_row.take() {
                rows.push(r);
            }
            grid_row = Some(Vec::new());
            i += 1;
            continue;
        }
        if let Some(r) = grid_row.as_mut() {
            if t.starts_with('|') {
                let cs = cells(t);
                if r.len() < cs.len() {
                    r.resize(cs.len(), String::new());
                }
                for (k, c) in cs.iter().enumerate() {
                    if !c.is_empty() {
                        if !r[k].is_empty() {
                            r[k].push(' ');
                        }
                        r[k].push_str(c);
                    }
                }
                i += 1;
                continue;
            }
            let r = grid_row.take().unwrap_or_default();
            if r.iter().any(|c| !c.is_empty()) {
                rows.push(r);
            }
        }
        if is_pipe_separator(t) {
            i += 1;
            continue;
        }
        if is_pipe_row(t) {
            rows.push(cells(t));
            i += 1;
            continue;
        }
        // Blank lines inside a pipe table (antiword) do not end it; a row of another
        // width after them starts another table.
        if t.is_empty() && !rows.is_empty() {
            let next = lines[i..].iter().find(|l| !l.trim().is_empty());
            let width = rows.last().map_or(0, Vec::len);
            if next.is_some_and(|l| {
                is_pipe_row(l) && cells(l).len() == width || is_grid_border(l.trim())
            }) {
                i += 1;
                continue;
            }
        }
        if !rows.is_empty() {
            emit_table(&std::mem::take(&mut rows), seen_text, &mut out);
        }
        seen_text |= !t.is_empty();
        out.push(lines[i].to_string());
        i += 1;
    }
    if let Some(r) = grid_row.take() {
        if r.iter().any(|c| !c.is_empty()) {
            rows.push(r);
        }
    }
    if !rows.is_empty() {
        emit_table(&rows, seen_text, &mut out);
    }
    let mut s = out.join("\n");
    while s.contains("\n\n\n") {
        s = s.replace("\n\n\n", "\n\n");
    }
    s
}

// ---------------------------------------------------------------- [n] notes

/// `[n] text` / `[^n]: text` note line → (n, text).
fn note_definition(line: &str) -> Option<(u32, &str)> {
    let t = line.trim_start();
    let rest = t.strip_prefix('[')?;
    let rest = rest.strip_prefix('^').unwrap_or(rest);
    let end = rest.find(']')?;
    let n: u32 = rest[..end].parse().ok()?;
    let body = rest[end + 1..]
        .strip_prefix(':')
        .unwrap_or(&rest[end + 1..]);
    if !body.starts_with([' ', '\t']) && !body.is_empty() {
        return None;
    }
    Some((n, body.trim()))
}

/// pandoc / antiword style notes: `[n]` markers in the text, the notes listed at the end
/// (after an optional `-----` or `___` rule). Turned into the clean layout.
fn bracket_notes(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    // Walk back from the end over note definitions, their continuation lines and blanks.
    let mut i = lines.len();
    let mut defs: Vec<usize> = Vec::new();
    let mut k = lines.len();
    while k > 0 {
        k -= 1;
        let l = lines[k];
        if l.trim().is_empty() {
            continue;
        }
        if note_definition(l).is_some() {
            defs.push(k);
            i = k;
            continue;
        }
        if is_rule(l) {
            i = k;
            break;
        }
        // A continuation line of a note (indented, or a plain line when a definition
        // follows it); stop at the first line that cannot belong to the notes.
        if !defs.is_empty() && (l.starts_with([' ', '\t']) || k + 1 < lines.len()) {
            // Only accept if a note definition lies above within the block.
            if (0..k)
                .rev()
                .take(40)
                .any(|j| note_definition(lines[j]).is_some())
            {
                continue;
            }
        }
        break;
    }
    if defs.is_empty() {
        return None;
    }
    defs.reverse();
    let start = defs[0];
    let numbers: Vec<u32> = defs
        .iter()
        .filter_map(|d| note_definition(lines[*d]).map(|(n, _)| n))
        .collect();
    // Numbers must run 1..N.
    if numbers.first() != Some(&1) || numbers.windows(2).any(|w| w[1] != w[0] + 1) {
        return None;
    }
    let body_end = i.min(start);
    let body = &lines[..body_end];
    let mut notes = BTreeMap::new();
    let mut current: Option<u32> = None;
    for l in &lines[start..] {
        if let Some((n, t)) = note_definition(l) {
            notes.insert(n, t.to_string());
            current = Some(n);
        } else if let (Some(n), false) = (current, l.trim().is_empty()) {
            let e = notes.entry(n).or_insert_with(String::new);
            e.push(' ');
            e.push_str(l.trim());
        }
    }
    // Every note must be referenced in the body.
    let body_text = body.join("\n");
    if !numbers
        .iter()
        .all(|n| body_text.contains(&format!("[{n}]")) || body_text.contains(&format!("[^{n}]")))
    {
        return None;
    }
    let mut doc = Document::default();
    let paragraphs = body_text.split("\n\n");
    for p in paragraphs {
        let mut refs = Vec::new();
        let mut out = String::new();
        let mut rest = p;
        while let Some(pos) = rest.find('[') {
            out.push_str(&rest[..pos]);
            let after = &rest[pos + 1..];
            let inner = after.strip_prefix('^').unwrap_or(after);
            let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
            let closes = inner[digits.len()..].starts_with(']');
            match digits.parse::<u32>() {
                Ok(n) if closes && notes.contains_key(&n) => {
                    out.push_str(&superscript(n));
                    refs.push(n);
                    let skip = after.len() - inner.len() + digits.len() + 1;
                    rest = &after[skip..];
                }
                _ => {
                    out.push('[');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        // Keep the paragraph's own line breaks (the text may already be in a layout).
        let trimmed = out.trim_matches('\n').to_string();
        if !trimmed.trim().is_empty() {
            doc.blocks.push(super::Block {
                text: trimmed,
                notes: refs,
            });
        }
    }
    doc.footnotes = notes;
    Some(doc.to_text())
}

fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '_' | '=' | '*'))
}

// ---------------------------------------------------------------- pdftotext

/// A line holding only a page number (`12`, `- 12 -`, `Trang 12`).
fn page_number(line: &str) -> Option<u32> {
    let t = line
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == ' ');
    let t = t
        .strip_prefix("Trang ")
        .or_else(|| t.strip_prefix("trang "))
        .unwrap_or(t);
    // `12`, or `12/30`.
    let t = match t.split_once('/') {
        Some((page, total))
            if !total.is_empty()
                && total.len() <= 4
                && total.chars().all(|c| c.is_ascii_digit()) =>
        {
            page
        }
        _ => t,
    };
    if t.is_empty() || t.len() > 4 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Several lines that hold only consecutive page numbers, each next to a blank line.
fn has_page_number_lines(text: &str) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut nums = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(n) = page_number(l) {
            let blank_near = i == 0
                || lines[i - 1].trim().is_empty()
                || lines.get(i + 1).is_none_or(|x| x.trim().is_empty());
            if blank_near && l.trim() == l.trim_end() {
                nums.push(n);
            }
        }
    }
    nums.windows(2).filter(|w| w[1] == w[0] + 1).count() >= 2
}

/// Splits text into pages: at form feeds, or after page-number lines.
fn pages(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    if text.contains('\u{c}') {
        for page in text.split('\u{c}') {
            let mut lines: Vec<String> = page.split('\n').map(str::to_string).collect();
            strip_page_numbers(&mut lines);
            out.push(lines);
        }
    } else {
        let mut cur = Vec::new();
        for l in text.split('\n') {
            if page_number(l).is_some() {
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(l.to_string());
            }
        }
        out.push(cur);
    }
    out
}

/// Removes a page number alone on the first or last non-blank line of a page.
fn strip_page_numbers(lines: &mut Vec<String>) {
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if lines.last().is_some_and(|l| page_number(l).is_some()) {
        lines.pop();
    }
    let first = lines.iter().position(|l| !l.trim().is_empty());
    if let Some(f) = first {
        if page_number(&lines[f]).is_some() {
            lines.remove(f);
        }
    }
}

/// A footnote start at a page bottom: `12 text` or `12text` where 12 is the expected
/// number (the one rule, [`footnote_start`]).
fn starts_note(line: &str, expected: u32) -> bool {
    footnote_start(line, expected, NoteEvidence::PageEnd).is_some()
}

/// Whether `text` carries marker `n` glued to a word (`ha1;`, `kỳ11`, `người36.`).
fn has_glued_marker(text: &str, n: u32) -> bool {
    let pat = n.to_string();
    let sup = superscript(n);
    if text.contains(&sup) {
        return true;
    }
    let mut from = 0;
    while let Some(p) = text[from..].find(&pat) {
        let at = from + p;
        let before = text[..at].chars().next_back();
        let after = text[at + pat.len()..].chars().next();
        let ends_ok = after.is_none_or(|c| !c.is_ascii_digit() && !c.is_alphabetic());
        if before.is_some_and(|c| c.is_alphabetic() || c == ')' || c == '%') && ends_ok {
            return true;
        }
        // A marker glued to a year: `năm 20236)`.
        if ends_ok && at >= 4 && text.is_char_boundary(at - 4) {
            let year = &text[at - 4..at];
            let start_ok = text[..at - 4]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_ascii_digit() && c != '.' && c != ',');
            if start_ok
                && (year.starts_with("19") || year.starts_with("20"))
                && year.chars().all(|c| c.is_ascii_digit())
            {
                return true;
            }
        }
        from = at + pat.len();
    }
    false
}

/// `12 Trong đó…`: the number, a space, a capital letter.
fn capitalized_note(line: &str, n: u32) -> bool {
    line.trim_start()
        .strip_prefix(&n.to_string())
        .and_then(|r| r.strip_prefix(' '))
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase)
}

/// Whether some token of `text` ends with the digits of `n` (`số 325.` for marker 25).
fn ends_a_token(text: &str, n: u32) -> bool {
    let pat = n.to_string();
    text.split_whitespace().any(|t| {
        let t = t.trim_end_matches(['.', ',', ';', ':', ')']);
        t.len() > pat.len() && t.ends_with(&pat)
    })
}

/// pdftotext text (pages split by form feeds, page numbers alone on lines) → the
/// PDF-extracted layout: every line followed by a blank line, page-bottom footnote
/// blocks after a line of spaces, body text resuming on a line starting with a space.
fn pdftotext_layout(text: &str) -> String {
    let pages = pages(text);
    let mut next_note = 1u32;
    let mut out = String::new();
    let mut after_notes = false;
    for page in pages {
        let lines: Vec<&str> = page
            .iter()
            .map(|l| l.trim_end())
            .filter(|l| !l.trim().is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        // Find the footnote block: from the bottom, the earliest line that starts the
        // expected footnote whose marker appears above it on this page.
        let mut block_start = None;
        let mut expected = next_note;
        for (i, l) in lines.iter().enumerate() {
            if starts_note(l, expected) {
                let above = lines[..i].join(" ");
                if has_glued_marker(&above, expected)
                    || capitalized_note(l, expected) && ends_a_token(&above, expected)
                {
                    block_start = Some(i);
                    break;
                }
            }
        }
        // Count the footnotes in the block.
        if let Some(b) = block_start {
            for l in &lines[b..] {
                if starts_note(l, expected) {
                    expected += 1;
                }
            }
            next_note = expected;
        }
        let body_end = block_start.unwrap_or(lines.len());
        for (i, l) in lines[..body_end].iter().enumerate() {
            if i == 0 && after_notes {
                out.push(' ');
            }
            out.push_str(l.trim_start());
            out.push_str(" \n\n");
        }
        after_notes = false;
        if let Some(b) = block_start {
            out.push_str("                                           \n");
            for l in &lines[b..] {
                out.push_str(l.trim_start());
                out.push_str(" \n");
            }
            after_notes = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_table_rows() {
        let t = "Trước\n\n+-----+--------+----+\n| STT | Chỉ    | KH |\n|     | tiêu   |    |\n+=====+========+====+\n| 1   | GRDP   | 8  |\n+-----+--------+----+\n\nSau";
        let s = tables(t);
        assert!(s.contains("| STT | Chỉ tiêu | KH |"), "{s}");
        assert!(s.contains("| 1 | GRDP | 8 |"), "{s}");
        let letterhead = tables("|UBND TỈNH LẠNG SƠN   |CỘNG HÒA XÃ HỘI |\n|Số: 45/BC-UBND  |Lạng Sơn, ngày 5 |\n\nBÁO CÁO");
        assert_eq!(letterhead, "UBND TỈNH LẠNG SƠN\n\nSố: 45/BC-UBND\n\nCỘNG HÒA XÃ HỘI\n\nLạng Sơn, ngày 5\n\nBÁO CÁO");
        assert!(!s.contains("+---"));
        assert!(s.starts_with("Trước") && s.ends_with("Sau"));
    }

    #[test]
    fn antiword_letterhead_and_signature_tables_are_layout_not_data() {
        // antiword writes one row a line: a six-row letterhead before any text and the
        // recipients | signature table are read column by column, not as table rows.
        let t = "|UBND TỈNH BÌNH THUẬN |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|VĂN PHÒNG |Độc lập - Tự do |\n|Số: /VP-NCKS |Bình Thuận, ngày tháng 4 |\n|V/v phúc đáp |  |\n|Tờ trình số 182 |  |\n|của Sở |  |\n\nNội dung.\n\n|Nơi nhận: |KT. CHÁNH VĂN PHÒNG |\n|- Như trên; |PHÓ CHÁNH VĂN PHÒNG |\n|- Lưu: VT. |  |\n|  |Nguyễn Văn A |\n\n|STT |Chỉ tiêu |KH |\n|1 |GRDP |8 |\n|2 |Thu ngân sách |9 |\n|3 |Vốn |7 |\n";
        let s = tables(t);
        assert!(!s.contains("| UBND") && !s.contains("| Nơi nhận"), "{s}");
        assert!(s.starts_with("UBND TỈNH BÌNH THUẬN\n\nVĂN PHÒNG"), "{s}");
        assert!(
            s.contains("Nơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\nKT. CHÁNH"),
            "{s}"
        );
        // A data table after the text stays rows of cells.
        assert!(s.contains("| 2 | Thu ngân sách | 9 |"), "{s}");
    }

    #[test]
    fn pandoc_notes() {
        let t = "1. Nông nghiệp\n\nDiện tích đạt 10 ha[1]; đàn trâu ổn định[2].\n\n[1] Trong đó: rau 5 ha.\n\n[2] Tổng đàn trâu 67.800 con.\n";
        let s = bracket_notes(t).unwrap();
        assert_eq!(
            s,
            "1. Nông nghiệp\n\nDiện tích đạt 10 ha¹; đàn trâu ổn định².\n\n¹ Trong đó: rau 5 ha.\n\n² Tổng đàn trâu 67.800 con.\n\n"
        );
        // A reference list that is not a run 1..N referenced in the text is left alone.
        assert!(bracket_notes("Văn bản.\n\n[3] Không phải chú thích\n").is_none());
    }

    #[test]
    fn page_numbers_and_page_bottom_notes() {
        let t = "Tổng diện tích đạt 3.666 ha1; đàn gia súc ổn\nđịnh2. Tiếp tục\n1 Trong đó: rau 2.128 ha.\n2 Tổng đàn trâu khoảng 67.800 con.\n\n2\n\u{c}chăm sóc cây trồng.\n\n3\n\u{c}";
        let s = pdftotext_layout(t);
        assert!(s.contains("định2. Tiếp tục \n\n          "), "{s}");
        assert!(s.contains("\n1 Trong đó: rau 2.128 ha. \n2 Tổng"), "{s}");
        assert!(s.contains("\n chăm sóc cây trồng."), "{s}");
        assert!(!s.contains("\n2 \n") && !s.contains('\u{c}'), "{s}");
    }

    #[test]
    fn decodes_bom_utf16_and_rejects_binary() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().0, "abc");
        let mut u16le = vec![0xFF, 0xFE];
        for u in "Sơn".encode_utf16() {
            u16le.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&u16le).unwrap().0, "Sơn");
        assert!(decode(b"\x00\x01\x02\xff").is_err());
        let err = decode(b"caf\xe9 au lait").unwrap_err().to_string();
        assert!(err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn utf8_with_a_few_stray_bytes_is_read_as_utf8() {
        let mut bytes = "Giải ngân vốn đầu tư công đạt 90% kế hoạch. "
            .repeat(4)
            .into_bytes();
        bytes.insert("Giải ngân".len(), 0xFF);
        bytes.push(0xC3); // a truncated two-byte letter at the end
        let d = decode_counted(&bytes).unwrap();
        assert_eq!(d.invalid_bytes, 2);
        assert!(d.text.contains("Giải ngân vốn"), "{}", d.text);
        assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
        assert!(
            d.notes[0].starts_with("2 bytes that are not UTF-8"),
            "{:?}",
            d.notes
        );
        // TCVN3 text is still recognised as such (and converted by `repair`).
        let tcvn3 = b"B\xb8o c\xb8o t\xd7nh h\xd7nh\n\n1. Kinh t\xd5\n\nT\xa8ng tr\xad\xebng.\n";
        let d = decode_counted(tcvn3).unwrap();
        assert_eq!(d.invalid_bytes, 0);
        assert!(
            repair(&d.text).0.contains("Báo cáo tình hình"),
            "{}",
            repair(&d.text).0
        );
    }

    #[test]
    fn page_number_lines() {
        assert_eq!(page_number("12"), Some(12));
        assert_eq!(page_number(" - 3 - "), Some(3));
        assert_eq!(page_number("Trang 4"), Some(4));
        assert_eq!(page_number("5/12"), Some(5));
        assert_eq!(page_number("2023."), None);
        assert_eq!(page_number("15/3/2018"), None);
        assert_eq!(page_number("1.2"), None);
    }

    #[test]
    fn repairs_legacy_letters() {
        let (s, notes) = repair("Tăng trƣởng kinh tế, Ƣu tiên");
        assert_eq!(s, "Tăng trưởng kinh tế, Ưu tiên");
        assert_eq!(notes.len(), 1);
    }
}
