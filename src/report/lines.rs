//! Layout repair: detects the layout of a report file and separates body text from
//! footnote bodies, giving one [`Unit`] per source line (PDF layout) or per paragraph
//! (clean layout), with 1-based source line numbers.
//!
//! - **Clean** layout (Word-converted): one paragraph a line, footnote bodies are
//!   paragraphs that start with a superscript number (`¹ Lũy kế …`), `**bold**`
//!   markup, sometimes two headings glued on one line (`…11-NQ/TW**1. Khái quát**`).
//! - **PDF** layout: hard-wrapped lines, blank lines between lines, page-bottom footnote
//!   blocks after a line of only spaces, the body resuming on a line that starts with one
//!   space, footnote bodies starting with their plain number (`3 Cửa khẩu …`, `46Trong`).

use super::numbering;

/// The two input layouts (ARCHITECTURE.md, "Modules", `report`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Word-converted: one paragraph a line, superscript footnote markers.
    Clean,
    /// PDF-extracted: hard wraps, page-bottom footnote blocks, plain-digit markers.
    Pdf,
}

/// One piece of body text: a paragraph (clean) or a wrapped line (PDF).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Text, trimmed, markdown bold removed.
    pub text: String,
    /// 1-based first source line.
    pub line: usize,
    /// 1-based last source line (a bold title may span lines in the clean layout).
    pub last_line: usize,
    /// Footnote bodies (clean) or a page break (PDF) sit between this unit and the
    /// previous body unit.
    pub after_break: bool,
    /// The source line ended without trailing white space right after `-` or `/`: the
    /// next line continues the same word (`1661/QĐ-` + `TTg`).
    pub glued_end: bool,
}

/// A footnote body as found in the file, before it is attached to a section.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFootnote {
    /// Footnote number.
    pub number: u32,
    /// Body text, re-flowed.
    pub text: String,
    /// 1-based line where the body starts.
    pub line: usize,
}

/// A file split into body units and footnote bodies.
#[derive(Debug, Clone)]
pub struct Split {
    /// Detected layout.
    pub layout: Layout,
    /// Body units in document order.
    pub units: Vec<Unit>,
    /// Footnote bodies in file order.
    pub footnotes: Vec<RawFootnote>,
    /// Typical width of a full body line (PDF), in characters; 0 for the clean layout.
    pub width: usize,
    /// Number of source lines.
    pub line_count: usize,
}

/// Superscript digits used as footnote markers in the clean layout.
pub const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// Value of a superscript digit.
pub fn superscript_value(c: char) -> Option<u32> {
    SUPERSCRIPTS.iter().position(|&s| s == c).map(|p| p as u32)
}

/// The maximal runs of ASCII digits in `chars`, as index ranges, in order: the one
/// scanner of footnote markers ([`super::footnotes`]) and years ([`super::metadata`]).
pub(crate) fn digit_runs(chars: &[char]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < chars.len() && !chars[i].is_ascii_digit() {
            i += 1;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        (i > start).then_some(start..i)
    })
}

/// Lines of one footnote that end a footnote block whose end was not marked (a page of
/// about 45 lines cannot hold more).
const MAX_FOOTNOTE_LINES: usize = 40;

/// Minimum number of spaces in a line that separates the body from a footnote block:
/// pdftotext writes [`super::render::SEPARATOR_SPACES`] (43) for the short rule and
/// [`super::render::CARRIED_SEPARATOR_SPACES`] (132) for a carried footnote's; a blank
/// line of text rarely holds more than a few.
const SEPARATOR_MIN: usize = 20;

/// Detects the layout of decoded text.
pub fn detect(text: &str) -> Layout {
    let mut non_blank = 0usize;
    let mut trailing = 0usize;
    let mut separators = 0usize;
    for line in text.lines() {
        if line.trim().is_empty() {
            if line.chars().filter(|&c| c == ' ').count() >= SEPARATOR_MIN {
                separators += 1;
            }
            continue;
        }
        non_blank += 1;
        if line.ends_with(' ') || line.ends_with('\t') {
            trailing += 1;
        }
    }
    if separators > 0 || (non_blank > 0 && trailing * 10 >= non_blank * 3) {
        Layout::Pdf
    } else {
        Layout::Clean
    }
}

/// Splits decoded (NFC) text into body units and footnote bodies.
pub fn split(text: &str) -> Split {
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let layout = detect(&text);
    let mut out = match layout {
        Layout::Clean => split_clean(&lines),
        Layout::Pdf => split_pdf(&lines),
    };
    out.line_count = lines.len();
    out
}

fn split_clean(lines: &[&str]) -> Split {
    let mut units: Vec<Unit> = Vec::new();
    let mut footnotes: Vec<RawFootnote> = Vec::new();
    let mut pending_break = false;
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i].trim();
        let line_no = i + 1;
        i += 1;
        if raw.is_empty() {
            continue;
        }
        // A footnote body: a paragraph that starts with a superscript number.
        if let Some((number, rest)) = leading_superscript(raw) {
            footnotes.push(RawFootnote {
                number,
                text: strip_bold(rest).trim().to_string(),
                line: line_no,
            });
            pending_break = true;
            continue;
        }
        // A bold block spanning lines: `**Title line one` … `line two**`.
        let mut text = raw.to_string();
        let mut last = line_no;
        if raw.starts_with("**") && raw.matches("**").count() % 2 == 1 {
            let mut j = i;
            while j < lines.len() && j < i + 4 {
                let next = lines[j].trim();
                if next.is_empty() {
                    break;
                }
                text.push('\n');
                text.push_str(next);
                j += 1;
                if next.contains("**") {
                    last = j;
                    i = j;
                    break;
                }
            }
        }
        for piece in split_glued_headings(&text) {
            let clean = strip_bold(&piece);
            let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
            if clean.is_empty() {
                continue;
            }
            units.push(Unit {
                text: clean,
                line: line_no,
                last_line: last,
                after_break: pending_break,
                glued_end: false,
            });
            pending_break = false;
        }
    }
    Split {
        layout: Layout::Clean,
        units,
        footnotes,
        width: 0,
        line_count: 0,
    }
}

/// `¹⁰ Text` → (10, "Text").
fn leading_superscript(s: &str) -> Option<(u32, &str)> {
    let mut value: u32 = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        match superscript_value(c) {
            Some(d) => {
                value = value.saturating_mul(10).saturating_add(d);
                end = i + c.len_utf8();
            }
            None => break,
        }
    }
    (end > 0 && value > 0).then(|| (value, &s[end..]))
}

/// Removes markdown bold markers.
pub fn strip_bold(s: &str) -> String {
    s.replace("**", "")
}

/// Splits a line where a bold run starts a numbered heading in the middle of the line:
/// `I- KHÁI QUÁT … 11-NQ/TW**1. Khái quát chung**` → two pieces.
fn split_glued_headings(line: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = line;
    loop {
        let mut cut = None;
        let mut from = 0;
        while let Some(pos) = rest[from..].find("**") {
            let at = from + pos;
            if at > 0 {
                let after = rest[at + 2..].trim_start();
                let before = strip_bold(&rest[..at]);
                if !before.trim().is_empty() && numbering::parse_label(after).is_some() {
                    cut = Some(at);
                    break;
                }
            }
            from = at + 2;
        }
        match cut {
            Some(at) => {
                pieces.push(rest[..at].to_string());
                rest = &rest[at..];
            }
            None => {
                pieces.push(rest.to_string());
                return pieces;
            }
        }
    }
}

/// Words that, right after a number, show the number is a quantity and not a footnote
/// number (`45 tỷ đồng` continuing a footnote line).
const UNIT_WORDS: &[&str] = &[
    "tỷ",
    "triệu",
    "nghìn",
    "ngàn",
    "ha",
    "con",
    "người",
    "hộ",
    "vụ",
    "lượt",
    "tấn",
    "km",
    "m3",
    "m³",
    "dự",
    "doanh",
    "xã",
    "huyện",
    "%",
    "đồng",
    "USD",
    "giờ",
    "ngày",
    "tháng",
    "năm",
    "cái",
    "chiếc",
    "xe",
    "bị",
    "đối",
    "cuộc",
    "trường",
    "sản",
    "giấy",
    "hồ",
];

/// How much the place of a line already says that it is footnote print, which sets how
/// much the line itself must show to start a footnote ([`footnote_start`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteEvidence {
    /// Small print below the body in the page geometry (`pdftotext -bbox-layout`): the
    /// expected number is enough, unless a `.`, `,`, `/` or `%` makes it a quantity.
    Zone,
    /// A line at a page end of a converter's text whose marker is checked above it:
    /// the number must be followed by text, not by a `.`, `,`, `)`, `/`, `%` or `-`.
    PageEnd,
    /// A line of a footnote block found by the text alone (plain pdftotext text): a
    /// digit run of at most 4 digits, no leading zero, then a letter (`46Trong`), or a
    /// space and a sentence start that is not a quantity word (`26 công trình` is
    /// text, `2 Tổng đàn` a footnote). Superscript numbers do not occur there.
    Text,
}

/// Longest footnote number read from a text-only footnote block.
const TEXT_NOTE_MAX_DIGITS: usize = 4;

/// The one footnote-start rule: whether `line` starts footnote `expected` (its number
/// in ASCII or superscript digits), and the footnote's text after the number (trimmed),
/// with the checks `evidence` calls for.
pub(crate) fn footnote_start(line: &str, expected: u32, evidence: NoteEvidence) -> Option<&str> {
    let t = line.trim_start();
    let sup: String = t.chars().map_while(from_superscript).collect();
    if !sup.is_empty() {
        if evidence == NoteEvidence::Text || sup.parse::<u32>().ok() != Some(expected) {
            return None;
        }
        let at = t
            .char_indices()
            .nth(sup.chars().count())
            .map_or(t.len(), |(i, _)| i);
        return Some(t[at..].trim());
    }
    let digits = &t[..t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len())];
    if digits.parse::<u32>().ok() != Some(expected) {
        return None;
    }
    let rest = &t[digits.len()..];
    match evidence {
        NoteEvidence::Zone => (!rest.starts_with(['.', ',', '/', '%'])).then(|| rest.trim()),
        NoteEvidence::PageEnd => {
            let next = rest.chars().next()?;
            (!matches!(next, '.' | ',' | ')' | '/' | '%' | '-')).then(|| rest.trim())
        }
        NoteEvidence::Text => {
            if digits.len() > TEXT_NOTE_MAX_DIGITS || digits.starts_with('0') {
                return None;
            }
            let next = rest.chars().next()?;
            if next.is_whitespace() {
                let word = rest.split_whitespace().next().unwrap_or("");
                let word = word.trim_end_matches([',', ';', '.', ':']);
                if UNIT_WORDS.contains(&word) {
                    return None;
                }
                // A footnote body starts like a sentence (`26 công trình …` continues one).
                let body = rest.trim_start();
                let first = body.chars().next()?;
                (first.is_uppercase()
                    || first.is_ascii_digit()
                    || matches!(first, '“' | '"' | '(' | '-'))
                .then_some(body)
            } else if next.is_uppercase() || matches!(next, '“' | '"' | '(') {
                Some(rest)
            } else {
                None
            }
        }
    }
}

/// The ASCII digit a superscript digit stands for.
pub(crate) fn from_superscript(c: char) -> Option<char> {
    superscript_value(c).and_then(|d| char::from_digit(d, 10))
}

fn is_separator(raw: &str) -> bool {
    raw.trim().is_empty() && raw.chars().filter(|&c| c == ' ').count() >= SEPARATOR_MIN
}

/// A page starts on a line that begins with exactly one space.
fn starts_page(raw: &str) -> bool {
    raw.starts_with(' ') && raw.chars().nth(1).is_some_and(|c| !c.is_whitespace())
}

fn split_pdf(lines: &[&str]) -> Split {
    let mut units: Vec<Unit> = Vec::new();
    let mut footnotes: Vec<RawFootnote> = Vec::new();
    let mut in_block = false;
    let mut pending_break = false;
    // Glued end of the last footnote line (for joining its continuation).
    let mut foot_glued = false;
    // Page of each unit and of each footnote start: the body lines before footnote
    // block k and the footnotes that start in block k share page k.
    let mut page = 0usize;
    let mut unit_pages: Vec<usize> = Vec::new();
    // Lines of the current footnote block since the last footnote start.
    let mut block_lines = 0usize;
    let mut foot_pages: Vec<usize> = Vec::new();
    for (idx, raw) in lines.iter().enumerate() {
        let line_no = idx + 1;
        if is_separator(raw) {
            if !in_block {
                page += 1;
            }
            in_block = true;
            block_lines = 0;
            pending_break = true;
            continue;
        }
        if raw.trim().is_empty() {
            continue;
        }
        let glued_end = ends_glued(raw);
        if in_block {
            let t = raw.trim();
            // The body resumes on a line that starts with one space; as a safety net for
            // other converters, also on a top-level heading, the closing block, or after
            // more lines than a page holds without a new footnote.
            let resumes = starts_page(raw)
                || block_lines > MAX_FOOTNOTE_LINES
                || t.starts_with("Nơi nhận")
                || numbering::parse_label(t).is_some_and(|l| l.rank <= numbering::RANK_ROMAN);
            if resumes {
                in_block = false;
                pending_break = true;
            } else {
                let expected = footnotes.last().map_or(1, |f| f.number + 1);
                if let Some(body) = footnote_start(t, expected, NoteEvidence::Text) {
                    footnotes.push(RawFootnote {
                        number: expected,
                        text: body.trim().to_string(),
                        line: line_no,
                    });
                    foot_pages.push(page - 1);
                    block_lines = 0;
                } else if let Some(last) = footnotes.last_mut() {
                    join_into(&mut last.text, t, foot_glued);
                }
                block_lines += 1;
                foot_glued = glued_end;
                continue;
            }
        }
        if starts_page(raw) {
            pending_break = true;
        }
        units.push(Unit {
            text: raw.split_whitespace().collect::<Vec<_>>().join(" "),
            line: line_no,
            last_line: line_no,
            after_break: pending_break,
            glued_end,
        });
        unit_pages.push(page);
        pending_break = false;
    }
    mark_number_glued_markers(&mut units, &unit_pages, &footnotes, &foot_pages);
    let width = typical_width(&units);
    Split {
        layout: Layout::Pdf,
        units,
        footnotes,
        width,
        line_count: 0,
    }
}

/// Whether `f` appears in `text` as a marker glued to a word, a `%` or a bracket.
fn has_word_marker(text: &str, f: u32) -> bool {
    let digits = f.to_string();
    text.match_indices(&digits).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + digits.len()..].chars().next();
        before.is_some_and(|c| c.is_alphabetic() || matches!(c, '%' | ')' | '”' | '"'))
            && !after.is_some_and(|c| c.is_alphanumeric())
    })
}

/// A marker glued to a number (`53` + `15` → `5315 đề tài`) cannot be told from the
/// number by itself. On a page whose footnote block starts footnote `f`, when `f` is
/// not glued to any word of the page, and exactly one digit run of the page ends with
/// `f` (after a plain number, or completing a 3-digit thousands group), that suffix is
/// the marker: it is rewritten as superscript digits, which [`super::footnotes`] treats
/// as a marker in both layouts.
fn mark_number_glued_markers(
    units: &mut [Unit],
    unit_pages: &[usize],
    footnotes: &[RawFootnote],
    foot_pages: &[usize],
) {
    for (k, (f, &fpage)) in footnotes.iter().zip(foot_pages).enumerate() {
        // A footnote that did not fit under its marker's page starts on a later page:
        // its marker may be anywhere since the last earlier page where a footnote
        // started (markers run in footnote order).
        let first_page = foot_pages[..k]
            .iter()
            .rev()
            .find(|&&p| p < fpage)
            .copied()
            .unwrap_or(fpage);
        if (0..units.len())
            .filter(|&i| (first_page..=fpage).contains(&unit_pages[i]))
            .any(|i| has_word_marker(&units[i].text, f.number))
        {
            continue;
        }
        // The footnote's own page first; when it has no candidate, the earlier pages of
        // the window (the footnote was carried over), nearest first.
        for page in (first_page..=fpage).rev() {
            let on_page: Vec<usize> = (0..units.len())
                .filter(|&i| unit_pages[i] == page)
                .collect();
            match number_glued_candidates(units, &on_page, f.number)[..] {
                [] => continue,
                [(i, at)] => {
                    let digits = f.number.to_string();
                    let t = &units[i].text;
                    let sup: String = t[at..at + digits.len()]
                        .chars()
                        .map(|c| SUPERSCRIPTS[c.to_digit(10).unwrap_or(0) as usize])
                        .collect();
                    units[i].text = format!("{}{}{}", &t[..at], sup, &t[at + digits.len()..]);
                    break;
                }
                _ => break,
            }
        }
    }
}

/// The digit runs of the units `on_page` that end with footnote number `f` glued to a
/// number: (unit index, byte offset of the marker).
fn number_glued_candidates(units: &[Unit], on_page: &[usize], f: u32) -> Vec<(usize, usize)> {
    let digits = f.to_string();
    let mut found: Vec<(usize, usize)> = Vec::new();
    {
        for &i in on_page {
            let t = &units[i].text;
            let chars: Vec<(usize, char)> = t.char_indices().collect();
            let mut k = 0;
            while k < chars.len() {
                if !chars[k].1.is_ascii_digit() {
                    k += 1;
                    continue;
                }
                let start = k;
                while k < chars.len() && chars[k].1.is_ascii_digit() {
                    k += 1;
                }
                let run: String = chars[start..k].iter().map(|c| c.1).collect();
                let before = if start > 0 {
                    Some(chars[start - 1].1)
                } else {
                    None
                };
                let after = chars.get(k).map(|c| c.1);
                let next_digit = chars.get(k + 1).is_some_and(|c| c.1.is_ascii_digit());
                let after_ok = match after {
                    None => true,
                    Some(c) if c.is_whitespace() => true,
                    Some(',' | '.') => !next_digit,
                    Some(';' | ':' | ')' | '”') => true,
                    _ => false,
                };
                if !after_ok || !run.ends_with(&digits) || run.len() == digits.len() {
                    continue;
                }
                let prefix_len = run.len() - digits.len();
                let ok = match before {
                    None | Some(' ' | '(') => !run.starts_with('0') || prefix_len == 2,
                    Some('.') => {
                        prefix_len == 3 && start >= 2 && chars[start - 2].1.is_ascii_digit()
                    }
                    _ => false,
                };
                if ok {
                    found.push((i, chars[start].0 + prefix_len));
                }
            }
        }
    }
    found
}

/// The source line ends right after `-` or `/` with no trailing space.
fn ends_glued(raw: &str) -> bool {
    !raw.ends_with(char::is_whitespace) && (raw.ends_with('-') || raw.ends_with('/'))
}

/// Appends a wrapped line to a paragraph: with a space, or glued when the previous line
/// ended inside a word (`QĐ-` + `TTg`).
pub fn join_into(buf: &mut String, next: &str, glued: bool) {
    if buf.is_empty() {
        buf.push_str(next);
    } else if glued {
        buf.push_str(next.trim_start());
    } else {
        buf.push(' ');
        buf.push_str(next.trim_start());
    }
}

/// Percentile of body line lengths taken as the full line width: most lines of a page
/// are full, and the longest tenth holds table rows and headings run together.
const WIDTH_PERCENTILE: usize = 90;

/// Full line width assumed when there is no line to measure (a typical A4 page).
const DEFAULT_WIDTH: usize = 80;

/// Narrowest full line width: below it, short-line documents (lists, forms) would make
/// every line look full.
const MIN_WIDTH: usize = 20;

/// The width of a full line: the [`WIDTH_PERCENTILE`]th percentile of body line
/// lengths (in chars).
fn typical_width(units: &[Unit]) -> usize {
    let mut lens: Vec<usize> = units.iter().map(|u| u.text.chars().count()).collect();
    if lens.is_empty() {
        return DEFAULT_WIDTH;
    }
    lens.sort_unstable();
    lens[(lens.len() * WIDTH_PERCENTILE / 100).min(lens.len() - 1)].max(MIN_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_layouts() {
        assert_eq!(detect("I. A\n\nB c d.\n"), Layout::Clean);
        assert_eq!(detect("a b \n\nc d \n\ne \n"), Layout::Pdf);
        assert_eq!(
            detect("a\n\n                                           \n1 x\n"),
            Layout::Pdf
        );
    }

    #[test]
    fn clean_footnotes_are_taken_out_of_the_body() {
        let s = split("Đạt 3 ha¹. Tiếp tục\n\n¹ Lũy kế 02 tháng.\n\n¹⁰ Mười.\n\nđó: xong.");
        assert_eq!(s.layout, Layout::Clean);
        assert_eq!(s.footnotes.len(), 2);
        assert_eq!(s.footnotes[1].number, 10);
        assert_eq!(s.footnotes[0].line, 3);
        assert_eq!(s.units.len(), 2);
        assert!(s.units[1].after_break);
    }

    #[test]
    fn glued_headings_are_split_and_bold_removed() {
        let s = split("I- KHÁI QUÁT 11-NQ/TW**1. Khái quát chung**\n\nVăn bản.");
        let texts: Vec<&str> = s.units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            ["I- KHÁI QUÁT 11-NQ/TW", "1. Khái quát chung", "Văn bản."]
        );
        let s = split("**Tình hình tháng 02,\nnhiệm vụ tháng 3**\n\nI. A");
        assert_eq!(s.units[0].text, "Tình hình tháng 02, nhiệm vụ tháng 3");
        assert_eq!(s.units[0].last_line, 2);
    }

    #[test]
    fn pdf_footnote_blocks_and_page_breaks() {
        let sep = " ".repeat(super::super::render::SEPARATOR_SPACES);
        let text = format!(
            "Dòng một có ha1; và \n\nhết trang \n{sep}\n1 Chú thích một \n\n179.600 con, tăng. \n2 Hai \n46 ba \n tiếp tục thân \n"
        );
        let s = split(&text);
        assert_eq!(s.layout, Layout::Pdf);
        assert_eq!(s.footnotes.len(), 2);
        assert_eq!(s.footnotes[0].text, "Chú thích một 179.600 con, tăng.");
        assert_eq!(s.footnotes[1].text, "Hai 46 ba");
        let texts: Vec<&str> = s.units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts, ["Dòng một có ha1; và", "hết trang", "tiếp tục thân"]);
        assert!(s.units[2].after_break);
        assert_eq!(s.units[2].line, 10);
    }

    #[test]
    fn markers_glued_to_numbers_are_found_by_page() {
        let sep = " ".repeat(super::super::render::SEPARATOR_SPACES);
        let text = format!(
            "Có 531 đề tài và 215 xã; đạt 1.2342 tấn \n{sep}\n1 Một. \n2 Hai. \n3 Ba. \n Tiếp 20 xã kỳ3 \n"
        );
        let s = split(&text);
        assert_eq!(s.footnotes.len(), 3);
        assert_eq!(s.units[0].text, "Có 53¹ đề tài và 215 xã; đạt 1.234² tấn");
        assert_eq!(s.units[1].text, "Tiếp 20 xã kỳ3");
    }

    #[test]
    fn carried_footnotes_find_markers_on_the_earlier_page() {
        let (sep, carried) = (
            " ".repeat(super::super::render::SEPARATOR_SPACES),
            " ".repeat(super::super::render::CARRIED_SEPARATOR_SPACES),
        );
        // Footnotes 2 and 3 did not fit under page 1: they start on page 2.
        let text = format!(
            "Đạt kỳ1 và ổn định2; thực hiện 533 đề tài \n{sep}\n1 Một. \n Năm 2022 có 15 xã \n{carried}\n2 Hai. \n3 Ba. \n"
        );
        let s = split(&text);
        assert_eq!(s.footnotes.len(), 3);
        assert_eq!(s.units[0].text, "Đạt kỳ1 và ổn định2; thực hiện 53³ đề tài");
        assert_eq!(s.units[1].text, "Năm 2022 có 15 xã");
    }

    #[test]
    fn unmarked_block_ends_at_a_top_level_heading() {
        let sep = " ".repeat(super::super::render::SEPARATOR_SPACES);
        let text =
            format!("Văn bản trang một \n{sep}\n1 Chú thích. \nII. NHIỆM VỤ \n\nNội dung. \n");
        let s = split(&text);
        assert_eq!(s.footnotes.len(), 1);
        let texts: Vec<&str> = s.units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts, ["Văn bản trang một", "II. NHIỆM VỤ", "Nội dung."]);
    }

    #[test]
    fn glued_footnote_start() {
        assert_eq!(
            footnote_start("46Trong đó:", 46, NoteEvidence::Text),
            Some("Trong đó:")
        );
        assert_eq!(footnote_start("473,64 triệu", 47, NoteEvidence::Text), None);
        assert_eq!(footnote_start("45 tỷ đồng", 45, NoteEvidence::Text), None);
        assert_eq!(footnote_start("5 Điện", 4, NoteEvidence::Text), None);
        assert_eq!(
            footnote_start("26 công trình", 26, NoteEvidence::Text),
            None
        );
        assert_eq!(
            footnote_start("2 Tổng đàn", 2, NoteEvidence::Text),
            Some("Tổng đàn")
        );
    }
}
