//! Splitting a section's text into sentences.

/// Abbreviations that end with a `.` without ending the sentence (`TP. Lạng Sơn`).
const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "tp", "TX", "Tx", "TT", "Tt", "ThS", "Ths", "TS", "PGS", "GS", "BS", "KS", "CN",
    "Nxb", "NXB", "St", "Q", "P", "v.v", "vv", "Ô", "Bà", "Ông",
];

/// Whether `c` may start a sentence after a full stop and a space.
fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '-' | '–' | '—' | '+' | '•' | '*' | '…'
        )
}

/// The word just before byte `pos` (from the last white space), without a leading
/// opener.
fn word_before(text: &str, pos: usize) -> &str {
    let start = text[..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    text[start..pos].trim_start_matches(['(', '"', '“', '‘'])
}

/// Whether a `.` at `dot` (byte offset) in `text` ends the sentence that began at
/// `sentence_start`.
fn full_stop_ends(text: &str, dot: usize, sentence_start: usize) -> bool {
    let word = word_before(text, dot);
    if ABBREVIATIONS.contains(&word) {
        return false;
    }
    // An initial: `Nguyễn V. An`.
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    // A section number opening the sentence: `1.3. Công tác …`, `2. Tập trung …`.
    let at_start = text[sentence_start..dot].trim_start().len() == word.len();
    if at_start && !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return false;
    }
    true
}

/// Byte ranges of the sentences of `text`, in order, trimmed of white space.
///
/// A sentence ends at a line break, or at `.`, `!`, `?`, `…` (closing quotes and
/// brackets stay with it) followed by white space and a character that can start a
/// sentence (an upper-case letter, a digit, a quote, a bullet). So numbers (`1.236,87`),
/// dates (`15/3/2018`), codes (`QĐ-UBND`), abbreviations (`TP. Lạng Sơn`), initials and a
/// section number opening a sentence (`1.3. Công tác`) do not split it; `… v.v. và …`
/// does not either (lower case follows).
///
/// ```
/// let text = "Đạt 400 tỷ đồng. TP. Lạng Sơn đạt 1.236,87 ha.\nTăng 5%";
/// let got: Vec<&str> = baocao::figures::sentences(text)
///     .into_iter()
///     .map(|(s, e)| &text[s..e])
///     .collect();
/// assert_eq!(got, ["Đạt 400 tỷ đồng.", "TP. Lạng Sơn đạt 1.236,87 ha.", "Tăng 5%"]);
/// ```
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push((s + lead, s + lead + trimmed.len()));
        }
    };
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            push(start, i, &mut out);
            start = i + 1;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Take the whole run of terminators and closers: `...`, `?!`, `.)`, `.”`.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(
                d,
                '.' | '!' | '?' | '…' | ')' | ']' | '"' | '”' | '’' | '\''
            ) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let after_space = rest.trim_start_matches([' ', '\t', '\u{a0}']);
        let spaced = after_space.len() < rest.len();
        let next = after_space.chars().next();
        let boundary = match next {
            None => true,
            Some('\n') | Some('\r') => true,
            Some(n) => spaced && starts_sentence(n),
        };
        if boundary && (c != '.' || full_stop_ends(text, i, start)) {
            push(start, end, &mut out);
            start = end;
        }
    }
    push(start, text.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn numbers_dates_and_codes_do_not_split() {
        let t = "Ban hành Quyết định số 79/QĐ-UBND ngày 19/01/2023 về 1.236,87 tỷ đồng. Tiếp tục.";
        assert_eq!(
            split(t),
            [
                "Ban hành Quyết định số 79/QĐ-UBND ngày 19/01/2023 về 1.236,87 tỷ đồng.",
                "Tiếp tục."
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_section_numbers() {
        assert_eq!(
            split("Tại TP. Lạng Sơn, ông Nguyễn V. An đạt 5 ha. 1.3. Công tác quy hoạch tốt."),
            [
                "Tại TP. Lạng Sơn, ông Nguyễn V. An đạt 5 ha.",
                "1.3. Công tác quy hoạch tốt."
            ]
        );
    }

    #[test]
    fn line_breaks_lower_case_and_closers() {
        assert_eq!(
            split("a v.v. và b… Tiếp (đạt 5%.) Sau đó\n\nDòng mới? Có! 2023. Từ đó"),
            [
                "a v.v. và b…",
                "Tiếp (đạt 5%.)",
                "Sau đó",
                "Dòng mới?",
                "Có!",
                "2023. Từ đó"
            ]
        );
    }

    #[test]
    fn empty_and_blank() {
        assert!(sentences("").is_empty());
        assert!(sentences("  \n \n").is_empty());
    }
}
