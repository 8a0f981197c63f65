//! Paragraph re-flow and the section tree: body units → preamble, numbered sections
//! (path, heading, text, source lines) and the closing block.

use super::lines::{join_into, Layout, Split, Unit};
use super::model::{section_id, Section};
use super::numbering::{parse_label, parse_labels, Label, RANK_APPENDIX, RANK_ARTICLE, RANK_ROMAN};

/// The body of a report, structured.
#[derive(Debug, Clone, Default)]
pub struct Built {
    /// Paragraphs before the first numbered block, joined with `\n`.
    pub preamble: String,
    /// Preamble paragraphs with their first source line.
    pub preamble_paras: Vec<(usize, String)>,
    /// Sections in document order (markers still in the text).
    pub sections: Vec<Section>,
    /// The closing block ("Trân trọng báo cáo", "Nơi nhận", signature), unit by unit.
    pub closing: Vec<(usize, String)>,
    /// The paragraphs of every closing block (an attached document has its own) that
    /// are not also section text: recipients, signature titles, the signer, stamps.
    pub closing_text: Vec<(usize, String)>,
}

/// Longest heading kept whole; a longer numbered paragraph is a task item whose heading
/// is its first sentence.
const HEADING_MAX: usize = 160;

/// Characters that end a sentence or a clause at the end of a paragraph.
fn ends_terminal(s: &str) -> bool {
    s.trim_end().ends_with(['.', ':', ';', '!', '?', '…'])
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Fewest letters of an upper-case heading or name line in the body (shorter runs are
/// abbreviations such as `UBND`, `KT`).
const BODY_UPPER_MIN_LETTERS: usize = 4;

/// Whether every letter of `s` is upper case and there are at least `min_letters`.
pub(super) fn all_upper(s: &str, min_letters: usize) -> bool {
    let mut n = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        n += 1;
    }
    n >= min_letters
}

/// Whether every letter of `s` is upper case (and there are a few).
fn is_upper(s: &str) -> bool {
    all_upper(s, BODY_UPPER_MIN_LETTERS)
}

fn starts_bullet(s: &str) -> bool {
    s.starts_with(['-', '+', '*', '•', '–'])
}

/// Characters of a unit's start compared with `nơi nhận` (its 8 letters, with room for
/// a stray mark or two and a colon).
const CLOSING_HEAD_CHARS: usize = 12;

/// Longest paragraph (bytes; a cheap first test) that may be the closing formula.
const CLOSING_FORMULA_MAX_BYTES: usize = 1200;

/// Longest paragraph (characters) that may be the closing formula: `Trên đây là báo cáo
/// … trân trọng báo cáo` is one or two sentences; a longer paragraph that mentions it
/// is report text.
const CLOSING_FORMULA_MAX_CHARS: usize = 400;

/// Whether a unit starts the closing block of a report.
pub fn is_closing_start(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(CLOSING_HEAD_CHARS)
        .flat_map(char::to_lowercase)
        .collect();
    if head.starts_with("nơi nhận") {
        return true;
    }
    if s.len() < CLOSING_FORMULA_MAX_BYTES
        && s.contains("rân trọng")
        && s.chars().count() < CLOSING_FORMULA_MAX_CHARS
    {
        let lower = s.to_lowercase();
        if lower.starts_with("trân trọng báo cáo") || lower.contains(" trân trọng báo cáo")
        {
            return true;
        }
    }
    is_signature_title(s)
}

/// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `T/M BAN THƯỜNG VỤ`…: a signature title.
pub fn is_signature_title(s: &str) -> bool {
    let t = s.trim();
    let prefixes = ["TM.", "T/M", "KT.", "K/T", "TL.", "T/L", "TUQ.", "Q. "];
    prefixes.iter().any(|p| t.starts_with(p))
        && t.chars().count() < 80
        && t.chars().filter(|c| c.is_lowercase()).count() * 4 < t.chars().count()
}

/// Words after which a phrase cannot end (`của`, `các`, `và`…): a line ending with one
/// continues on the next line.
const CONNECTORS: &[&str] = &[
    "của",
    "các",
    "và",
    "về",
    "cho",
    "với",
    "tại",
    "theo",
    "trong",
    "những",
    "được",
    "là",
    "có",
    "để",
    "từ",
    "đến",
    "trên",
    "bị",
    "do",
    "ở",
    "hoặc",
    "thuộc",
    "tới",
    "sau",
    "khi",
    "nhằm",
    "giữa",
    "qua",
    "vào",
    "số",
    "ngày",
    "năm",
    "tháng",
    "cấp",
    "một",
    "mới",
    "đã",
    "đang",
    "sẽ",
    "cần",
    "phải",
    "như",
    "nhất",
    "hơn",
    "đối",
    "toàn",
    "trình",
    "mà",
    // Words before a proper name: `tỉnh Lạng Sơn`, `Ban Chấp hành`, `Thủ tướng Chính phủ`.
    "tỉnh",
    "huyện",
    "xã",
    "phường",
    "thành",
    "phố",
    "thị",
    "trấn",
    "thôn",
    "bản",
    "ban",
    "bộ",
    "sở",
    "ủy",
    "uỷ",
    "tướng",
    "chủ",
    "tịch",
    "hội",
    "đồng",
    "đảng",
    "đoàn",
    "quyết",
    "nghị",
    "định",
    "kế",
    "hoạch",
    "chương",
    "luật",
    "chỉ",
    "thị",
    "đề",
    "án",
    "dự",
    "quy",
    "khu",
    "cụm",
    "cửa",
    "khẩu",
    "sông",
    "núi",
    "quốc",
    "nước",
    "dân",
];

/// A PDF line shorter than this share (%) of the full line width ends its paragraph:
/// justified lines fill the width, and a word wrapped to the next line leaves at most
/// about a fifth of it empty.
const FULL_LINE_PERCENT: usize = 78;

/// Whether a full-width heading line (`b) Tổ chức … liên kết vùng`) ends its heading
/// before a full line that starts with a capital: the heading does not end on a
/// connector word.
fn heading_line_ends(prev: &Unit, next: &Unit, width: usize) -> bool {
    if !starts_upper(&next.text) || ends_terminal(&prev.text) {
        return false;
    }
    // A short next line is more likely the end of a two-line heading.
    if next.text.chars().count() * 100 < width * FULL_LINE_PERCENT {
        return false;
    }
    let last = prev.text.split_whitespace().next_back().unwrap_or("");
    // A capitalised name running over the break: `tỉnh Lạng` + `Sơn …`.
    if starts_upper(last) {
        return false;
    }
    let last = last.to_lowercase();
    !CONNECTORS.contains(&last.as_str()) && !prev.text.trim_end().ends_with([',', '-', '('])
}

/// Words that open a paragraph of an introduction or a decision.
const PARAGRAPH_OPENERS: &[&str] = &[
    "Thực hiện ",
    "Căn cứ ",
    "Kính gửi",
    "Theo đề nghị ",
    "Xét đề nghị ",
];

/// Whether the PDF line `prev` ends its paragraph before `next`. `label_line`: `prev`
/// is the first line of a numbered heading.
fn pdf_paragraph_ends(prev: &Unit, next: &Unit, width: usize, label_line: bool) -> bool {
    let len = prev.text.chars().count();
    if len * 100 < width * FULL_LINE_PERCENT {
        return true;
    }
    if label_line && heading_line_ends(prev, next, width) {
        return true;
    }
    // The next line's first word would have fitted on this line: the break is a real
    // paragraph end (a heading of near-full width followed by its text).
    if starts_upper(&next.text) {
        let word = next.text.split_whitespace().next().unwrap_or("");
        if (len + 1 + word.chars().count()) * 100 <= width * 92 {
            return true;
        }
    }
    // An upper-case heading line followed by ordinary text.
    if is_upper(&prev.text) && !is_upper(&next.text) {
        return true;
    }
    // A capitalised opening formula starts its own paragraph (`… đến năm 2045` +
    // `Thực hiện Kế hoạch số …`): mid-sentence these words are lower case.
    if PARAGRAPH_OPENERS.iter().any(|o| next.text.starts_with(o)) {
        return true;
    }
    ends_terminal(&prev.text)
        && (starts_upper(&next.text)
            || starts_bullet(&next.text)
            || parse_label(&next.text).is_some())
}

/// Whether the clean paragraph `next` continues the paragraph `prev_text` (cut by a
/// footnote block or a stray line break).
fn clean_continues(prev_text: &str, next: &Unit, prev_is_heading: bool) -> bool {
    if ends_terminal(prev_text) || starts_bullet(&next.text) {
        return false;
    }
    let first = next.text.chars().next().unwrap_or(' ');
    let lowerish = first.is_lowercase()
        || first.is_ascii_digit()
        || matches!(first, '“' | '"' | '(' | ',' | ';' | '…' | '”' | ')');
    lowerish || (next.after_break && !prev_is_heading)
}

/// The first sentence of a task item and the rest: `"Tập trung A. Tiếp tục B."` →
/// (`"Tập trung A."`, `"Tiếp tục B."`).
pub fn first_sentence(s: &str) -> (String, String) {
    for (i, c) in s.char_indices() {
        if matches!(c, '.' | '!' | '?' | ';') {
            let rest = &s[i + c.len_utf8()..];
            let after = rest.trim_start();
            if rest.len() != after.len() && (starts_upper(after) || after.starts_with('“')) {
                // Not an abbreviation like `TP.` (all capitals before the dot).
                let word: String = s[..i]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric())
                    .collect();
                let abbrev =
                    word.chars().count() <= 3 && word.chars().all(|c| c.is_uppercase()) && c == '.';
                if !abbrev {
                    return (s[..i + c.len_utf8()].trim().to_string(), after.to_string());
                }
            }
        }
    }
    (s.trim().to_string(), String::new())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Preamble,
    Heading,
    Body,
}

/// Label of the `n`th table of a section: its id is `parent_id.table1`.
pub fn table_label(n: u32) -> String {
    format!("table{n}")
}

/// Whether a paragraph is a table row (`| a | b |`, as the formats write them).
pub fn is_table_row(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 3 && t.starts_with('|') && t.ends_with('|')
}

/// A table row's cells separated by ` | ` (outer bars dropped, cells trimmed).
fn row_text(s: &str) -> String {
    s.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split('|')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Longest paragraph before a table read as its caption.
const CAPTION_MAX_CHARS: usize = 200;

/// A paragraph right before a table that names it: `Bảng 1: …`, `Biểu số 02 …`, `(Đơn vị
/// tính: tỷ đồng)`, or a short line ending with `:`.
fn is_caption(p: &str) -> bool {
    let t = p.trim();
    if t.is_empty() || t.chars().count() > CAPTION_MAX_CHARS {
        return false;
    }
    let lower = t.to_lowercase();
    [
        "bảng",
        "biểu",
        "phụ biểu",
        "danh sách",
        "danh mục",
        "(đơn vị",
        "đơn vị tính",
        "đvt",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

/// Most closing-block paragraphs a signature block holds before a paragraph that does
/// not look like one ends it anyway (a long distribution list is about 20 lines).
const CLOSING_MAX_UNITS: usize = 60;

/// A fragment of a closing block short enough to be a stamp or initials (`(Châu)`,
/// `./.`, `NC.`).
const CLOSING_FRAGMENT_CHARS: usize = 12;

/// A closing-block line: recipients, signature titles, the signer's name, signature
/// stamps. `seen_name`: the signer's name was already seen (capital lines after it are
/// a new document's title, not a signature title).
fn is_closing_like(s: &str, seen_name: bool) -> bool {
    let t = s.trim();
    let n = t.chars().count();
    // A part, chapter, Roman or article heading starts an attached document.
    if parse_label(t).is_some_and(|l| l.rank <= RANK_ARTICLE) {
        return false;
    }
    if n <= CLOSING_FRAGMENT_CHARS || starts_bullet(t) {
        return true;
    }
    let lower = t.to_lowercase();
    const OPENERS: &[&str] = &[
        "nơi nhận",
        "nơi gửi",
        "lưu:",
        "lưu vt",
        "như trên",
        "(đã ký",
        "đã ký",
        "(ký",
        "ký bởi",
        "ký ngày",
        "thời gian ký",
        "email:",
        "cơ quan:",
        "chức vụ:",
        "trân trọng",
    ];
    if OPENERS.iter().any(|o| lower.starts_with(o)) || is_closing_start(t) {
        return true;
    }
    if !seen_name && n < 80 && is_upper(t) {
        return true;
    }
    if is_name_like(t) {
        return true;
    }
    n < 150 && t.ends_with(';')
}

/// A personal name: 2–6 words, each capitalised, no digits.
fn is_name_like(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && t.chars().count() < 50
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '.')
        })
}

/// A closing paragraph that also carries report text (`Trên đây là … UBND tỉnh trân
/// trọng báo cáo./.`): the closing formula, kept in the section as well (whatever its
/// length, so that both layouts agree), unlike `Nơi nhận` and the signature.
fn closing_has_text(s: &str) -> bool {
    let lower = s.to_lowercase();
    !lower.starts_with("nơi nhận") && !is_signature_title(s)
}

/// Where the builder is relative to a closing block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closing {
    /// In the text.
    Open,
    /// Inside a closing block: units seen, whether the signer's name was seen, and
    /// whether the closing paragraph carries report text (kept in the section too).
    In {
        units: usize,
        name: bool,
        carry: bool,
    },
}

/// Highest rank tracked for numbering that runs on across parents.
const RANKS: usize = 32;

/// Numbers a heading may skip (`IV.` after `II.`), when it looks like a heading.
const MAX_SKIP: u32 = 2;

/// Longest paragraph that may open a section with a skipped number.
const SKIP_HEADING_MAX_CHARS: usize = 120;

struct Builder<'a> {
    doc_id: &'a str,
    open: Vec<Label>,
    /// Labels at the bottom of `open` that are roots (an appendix): numbering above them
    /// starts afresh.
    base: usize,
    /// Last closed label of each rank (numbering that runs on: `Điều 6` under `Chương II`).
    closed: Vec<Option<Label>>,
    sections: Vec<Section>,
    /// Index in `sections` of the section receiving body text.
    cur: Option<usize>,
    preamble_paras: Vec<(usize, String)>,
    buf: String,
    buf_line: usize,
    target: Target,
    // The last body unit added to the buffer (for continuation decisions).
    last_glued: bool,
    // Source lines in the current heading paragraph.
    heading_lines: usize,
    /// Rows of the table being read: (line, row text).
    table: Vec<(usize, usize, String)>,
    /// Tables per parent section (`None`: the preamble).
    tables: std::collections::HashMap<Option<usize>, u32>,
    /// Appendices opened so far.
    appendices: u32,
    /// Index of the current appendix root in `sections`, while its title is still open.
    appendix_root: Option<usize>,
}

impl Builder<'_> {
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let text = text.trim().to_string();
        match self.target {
            Target::Preamble => {
                if !text.is_empty() {
                    self.preamble_paras.push((self.buf_line, text));
                }
            }
            Target::Heading => {
                if let Some(sec) = self.cur.and_then(|i| self.sections.get_mut(i)) {
                    let (head, rest) = if text.chars().count() > HEADING_MAX {
                        first_sentence(&text)
                    } else {
                        (text, String::new())
                    };
                    sec.heading = head.trim_end_matches(':').trim().to_string();
                    if !rest.is_empty() {
                        push_para(&mut sec.text, &rest);
                    }
                }
            }
            Target::Body => {
                if let Some(sec) = self.cur.and_then(|i| self.sections.get_mut(i)) {
                    if !text.is_empty() {
                        push_para(&mut sec.text, &text);
                    }
                }
            }
        }
    }

    fn touch(&mut self, last_line: usize) {
        if self.target != Target::Preamble {
            if let Some(sec) = self.cur.and_then(|i| self.sections.get_mut(i)) {
                sec.line_end = sec.line_end.max(last_line);
            }
        }
    }

    fn extend_current(&mut self, u: &Unit, layout: Layout) {
        let glued = layout == Layout::Pdf && self.last_glued;
        join_into(&mut self.buf, &u.text, glued);
        self.last_glued = u.glued_end;
        self.heading_lines += 1;
        self.touch(u.last_line);
    }

    fn start(&mut self, u: &Unit, text: &str, target: Target) {
        self.flush();
        self.buf = text.to_string();
        self.buf_line = u.line;
        self.target = target;
        self.heading_lines = 1;
        self.last_glued = u.glued_end;
        self.touch(u.last_line);
    }

    /// The label `u` opens, if any: the first reading that fits the open numbering, or
    /// one that skips a number or two when the paragraph looks like a heading.
    fn label_for(&self, u: &Unit) -> Option<Label> {
        let candidates = parse_labels(&u.text);
        if candidates.is_empty() {
            return None;
        }
        let open = &self.open[self.base..];
        let prev = |l: &Label| {
            self.closed
                .get(l.rank as usize)
                .and_then(|c| c.as_ref())
                .filter(|p| p.nums.len() == l.nums.len())
        };
        if let Some(l) = candidates.iter().find(|l| l.fits(open, prev(l))) {
            return Some(l.clone());
        }
        let rest = &u.text;
        let headingish = rest.chars().count() <= SKIP_HEADING_MAX_CHARS
            && !rest.trim_end().ends_with([';', ','])
            && (is_upper(rest) || !rest.contains(". "));
        if !headingish {
            return None;
        }
        candidates
            .iter()
            .find(|l| {
                // Skips are tolerated for the levels a report numbers its parts with.
                l.rank <= RANK_ROMAN
                    && is_upper(&rest[l.len..])
                    && l.fits_with_gap(open, prev(l), MAX_SKIP)
            })
            .cloned()
    }

    fn pop_to(&mut self, rank: u8) {
        while self.open.len() > self.base && self.open.last().is_some_and(|l| l.rank >= rank) {
            if let Some(l) = self.open.pop() {
                let r = (l.rank as usize).min(RANKS - 1);
                self.closed[r] = Some(l);
            }
        }
    }

    fn open_section(&mut self, u: &Unit, label: Label) {
        self.end_table();
        self.flush();
        self.appendix_root = None;
        self.pop_to(label.rank);
        // Deeper numbering closed under another parent does not run on here.
        for c in self.closed.iter_mut().skip(label.rank as usize + 1) {
            *c = None;
        }
        let rest = u.text[label.len..].to_string();
        self.open.push(label);
        let path: Vec<String> = self.open.iter().map(|l| l.label.clone()).collect();
        self.push_section(path, u.line, u.last_line);
        self.start(u, &rest, Target::Heading);
    }

    fn push_section(&mut self, path: Vec<String>, line: usize, last_line: usize) {
        let mut id = section_id(self.doc_id, &path);
        // A label repeated under the same parent (numbering restarted in the file) keeps
        // its section apart.
        if self.sections.iter().any(|s| s.id == id) {
            let mut k = 2;
            while self.sections.iter().any(|s| s.id == format!("{id}~{k}")) {
                k += 1;
            }
            id = format!("{id}~{k}");
        }
        self.sections.push(Section {
            id,
            path,
            line_start: line,
            line_end: last_line,
            ..Section::default()
        });
        self.cur = Some(self.sections.len() - 1);
    }

    /// Opens an appendix (a `Phụ lục`, or a document attached after the signature): a new
    /// root; the numbering under it starts afresh.
    fn open_appendix(&mut self, u: &Unit, label: Option<Label>) {
        self.end_table();
        self.flush();
        self.appendices += 1;
        let n = self.appendices;
        let label = match label {
            Some(l) if l.nums.first().is_some_and(|&x| x > 0) => l,
            Some(l) => Label {
                label: format!("Phụ lục {n}"),
                ..l
            },
            None => Label {
                rank: super::numbering::RANK_APPENDIX,
                label: format!("Phụ lục {n}"),
                nums: vec![n],
                len: 0,
            },
        };
        self.open.clear();
        self.base = 0;
        for c in &mut self.closed {
            *c = None;
        }
        let rest = u.text[label.len..].to_string();
        self.open.push(label);
        self.base = 1;
        let path: Vec<String> = self.open.iter().map(|l| l.label.clone()).collect();
        self.push_section(path, u.line, u.last_line);
        self.appendix_root = self.cur;
        self.start(u, &rest, Target::Body);
    }

    /// Adds a table row; the table is written as its own section when it ends.
    fn table_row(&mut self, u: &Unit) {
        if self.table.is_empty() {
            self.flush();
            self.buf.clear();
        }
        self.table.push((u.line, u.last_line, row_text(&u.text)));
    }

    fn end_table(&mut self) {
        if self.table.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.table);
        let parent = self.cur;
        // A caption right before the table (the last paragraph of its parent) names it.
        let caption = match parent {
            Some(i) => {
                let text = &mut self.sections[i].text;
                match text.rsplit_once('\n') {
                    Some((before, last)) if is_caption(last) => {
                        let c = last.to_string();
                        *text = before.to_string();
                        Some(c)
                    }
                    None if is_caption(text) => Some(std::mem::take(text)),
                    _ => None,
                }
            }
            None => match self.preamble_paras.last() {
                Some((_, p)) if is_caption(p) => self.preamble_paras.pop().map(|(_, p)| p),
                _ => None,
            },
        };
        let count = self.tables.entry(parent).or_insert(0);
        *count += 1;
        let n = *count;
        let mut path = parent
            .map(|i| self.sections[i].path.clone())
            .unwrap_or_default();
        path.push(table_label(n));
        let first = rows.first().map_or(0, |r| r.0);
        let last = rows.last().map_or(0, |r| r.1);
        let texts: Vec<String> = rows.into_iter().map(|r| r.2).collect();
        let heading = caption.unwrap_or_else(|| {
            let head = &texts[0];
            match head.char_indices().nth(HEADING_MAX) {
                Some((i, _)) => format!("{}…", &head[..i]),
                None => head.clone(),
            }
        });
        self.push_section(path, first, last);
        if let Some(sec) = self.sections.last_mut() {
            sec.heading = heading;
            sec.text = texts.join("\n");
        }
        // Text after the table goes back to the parent.
        self.cur = parent;
        self.target = if parent.is_some() {
            Target::Body
        } else {
            Target::Preamble
        };
    }
}

fn push_para(text: &mut String, para: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(para);
}

/// Builds the preamble, the section tree (numbered sections, tables, appendices) and the
/// closing block from split units.
pub fn build(split: &Split, doc_id: &str) -> Built {
    let mut b = Builder {
        doc_id,
        open: Vec::new(),
        base: 0,
        closed: vec![None; RANKS],
        sections: Vec::new(),
        cur: None,
        preamble_paras: Vec::new(),
        buf: String::new(),
        buf_line: 0,
        target: Target::Preamble,
        last_glued: false,
        heading_lines: 0,
        table: Vec::new(),
        tables: std::collections::HashMap::new(),
        appendices: 0,
        appendix_root: None,
    };
    let mut closing: Vec<(usize, String)> = Vec::new();
    let mut closing_text: Vec<(usize, String)> = Vec::new();
    let mut closings = 0usize;
    let mut state = Closing::Open;
    let mut prev: Option<&Unit> = None;
    for u in &split.units {
        if let Closing::In { units, name, carry } = state {
            // A wrapped line of the closing paragraph (PDF layout) stays with it.
            let wrapped = split.layout == Layout::Pdf
                && prev.is_some_and(|p| !pdf_paragraph_ends(p, u, split.width, false));
            if wrapped {
                if carry {
                    b.extend_current(u, split.layout);
                } else {
                    closing_text.push((u.line, u.text.clone()));
                }
                if closings == 1 {
                    closing.push((u.line, u.text.clone()));
                }
                state = Closing::In {
                    units: units + 1,
                    name,
                    carry,
                };
                prev = Some(u);
                continue;
            }
            if carry {
                b.flush();
                b.buf.clear();
            }
            let appendix = parse_label(&u.text).filter(|l| l.rank == RANK_APPENDIX);
            if appendix.is_none() && units < CLOSING_MAX_UNITS && is_closing_like(&u.text, name) {
                closing_text.push((u.line, u.text.clone()));
                if closings == 1 {
                    closing.push((u.line, u.text.clone()));
                }
                let name = name || is_name_like(u.text.trim());
                state = Closing::In {
                    units: units + 1,
                    name,
                    carry: false,
                };
                prev = Some(u);
                continue;
            }
            // Text after the signature: an attached document or appendix.
            state = Closing::Open;
            b.open_appendix(u, appendix);
            prev = Some(u);
            continue;
        }
        if is_closing_start(&u.text)
            && (!b.sections.is_empty() || u.text.to_lowercase().starts_with("nơi nhận"))
            // A signature title inside the preamble (rare) is not a closing block.
            && !(is_signature_title(&u.text) && b.sections.is_empty())
        {
            b.end_table();
            // The closing formula may end a paragraph of the report (PDF layout: a
            // wrapped line of it), or be a sentence of its own that carries text.
            let wrapped = split.layout == Layout::Pdf
                && b.cur.is_some()
                && b.target != Target::Preamble
                && !b.buf.is_empty()
                && prev.is_some_and(|p| !pdf_paragraph_ends(p, u, split.width, false));
            let carry = wrapped || closing_has_text(&u.text) && b.cur.is_some();
            if wrapped {
                b.extend_current(u, split.layout);
            } else if carry {
                b.start(u, &u.text, Target::Body);
            } else {
                b.flush();
                b.buf.clear();
                b.target = Target::Body;
            }
            closings += 1;
            if !carry {
                closing_text.push((u.line, u.text.clone()));
            }
            if closings == 1 {
                closing.push((u.line, u.text.clone()));
            }
            state = Closing::In {
                units: 1,
                name: false,
                carry,
            };
            prev = Some(u);
            continue;
        }
        if is_table_row(&u.text) {
            b.table_row(u);
            prev = Some(u);
            continue;
        }
        b.end_table();
        // A numbered label that fits the open numbering starts a section, in the PDF
        // layout too when the line before looks full (a heading of near-full width).
        let label = b.label_for(u);
        let cont = match (prev, split.layout) {
            (None, _) => false,
            (Some(p), _) if is_table_row(&p.text) => false,
            (Some(p), Layout::Pdf) => {
                // Within a heading-length first sentence of a numbered block.
                let label_line = b.target == Target::Heading
                    && !b.buf.contains(['.', ';', '!', '?'])
                    && b.buf.chars().count() < HEADING_MAX;
                label.is_none() && !pdf_paragraph_ends(p, u, split.width, label_line)
            }
            (Some(_), Layout::Clean) => clean_continues(
                &b.buf,
                u,
                b.target == Target::Heading && b.buf.chars().count() < HEADING_MAX,
            ),
        };
        prev = Some(u);
        if cont && split.layout == Layout::Pdf {
            b.extend_current(u, split.layout);
            continue;
        }
        if let Some(label) = label {
            if label.rank == RANK_APPENDIX {
                b.open_appendix(u, Some(label));
            } else {
                b.open_section(u, label);
            }
            continue;
        }
        if cont {
            b.extend_current(u, split.layout);
            continue;
        }
        if b.cur.is_none() {
            b.start(u, &u.text, Target::Preamble);
            continue;
        }
        // A label alone (`Phần I`): its title is the next short paragraph.
        let needs_heading = b.target == Target::Heading && b.buf.trim().is_empty();
        if needs_heading && u.text.chars().count() < 200 {
            b.buf = u.text.clone();
            b.last_glued = u.glued_end;
            b.touch(u.last_line);
            continue;
        }
        b.start(u, &u.text, Target::Body);
    }
    b.end_table();
    b.flush();
    let mut sections = b.sections;
    for s in &mut sections {
        if s.path.len() == 1 && s.path[0].starts_with("Phụ lục") && s.heading.is_empty() {
            name_appendix(s);
        }
    }
    let preamble = b
        .preamble_paras
        .iter()
        .map(|(_, p)| p.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Built {
        preamble,
        preamble_paras: b.preamble_paras,
        sections,
        closing,
        closing_text,
    }
}

/// An appendix root without a heading takes its title from its opening paragraphs (the
/// letterhead of an attached document is dropped, see [`super::preamble`]).
fn name_appendix(s: &mut Section) {
    let paras: Vec<(usize, String)> = s.text.split('\n').map(|p| (0, p.to_string())).collect();
    let intro = super::preamble::split_intro(&paras);
    s.heading = intro.title.unwrap_or_default();
    s.text = intro
        .body
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .join("\n");
    if s.heading.is_empty() {
        let (head, rest) = first_sentence(&s.text);
        if head.chars().count() <= HEADING_MAX {
            s.heading = head;
            s.text = rest;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::lines::split;

    fn paths(b: &Built) -> Vec<String> {
        b.sections.iter().map(|s| s.path.join(".")).collect()
    }

    #[test]
    fn clean_tree_and_reflow() {
        let text = "BÁO CÁO\n\nI. CHỈ ĐẠO\n\nTăng cường chỉ\n\nđạo, chấn chỉnh.\n\nII. KẾT QUẢ\n\n1. Kinh tế\n\n1.1. Nông nghiệp\n\nĐạt 02 xã đạt chuẩn\n\n¹ Chú thích.\n\nNTM kiểu mẫu.\n\n2. Xã hội\n\na) Giáo dục\n\nb) Y tế\n\nNơi nhận:\n- Lưu: VT.";
        let b = build(&split(text), "d");
        assert_eq!(
            paths(&b),
            ["I", "II", "II.1", "II.1.1.1", "II.2", "II.2.a", "II.2.b"]
        );
        assert_eq!(b.sections[0].text, "Tăng cường chỉ đạo, chấn chỉnh.");
        assert_eq!(b.sections[3].text, "Đạt 02 xã đạt chuẩn NTM kiểu mẫu.");
        assert_eq!(b.sections[3].heading, "Nông nghiệp");
        assert_eq!(b.preamble, "BÁO CÁO");
        assert_eq!(b.closing.len(), 2);
        assert_eq!(b.sections[0].line_start, 3);
        assert_eq!(b.sections[0].line_end, 7);
    }

    #[test]
    fn task_items_take_their_first_sentence() {
        let long = "Tiếp tục thực hiện công tác chuyển đổi số trên các lĩnh vực, duy trì hiệu quả các Hệ thống dùng chung của tỉnh";
        let text = format!("III. NHIỆM VỤ\n\n1. {long}. Tập trung phát triển kinh tế số, xã hội số, cửa khẩu số, hạ tầng số.");
        let b = build(&split(&text), "d");
        assert_eq!(b.sections[1].heading, format!("{long}."));
        assert!(b.sections[1].text.starts_with("Tập trung phát triển"));
    }

    #[test]
    fn pdf_numbers_continuing_a_sentence_are_not_headings() {
        let text = "I. CHỈ ĐẠO \n\nMột dòng văn bản khá dài để làm chiều rộng của trang giấy, năm \n\n2023. Từ 01/01/2023 đến nay thực hiện tốt các nhiệm vụ được giao đầy đủ \n\nhết. \n\n1. Về kinh tế \n\nNội dung. \n";
        let b = build(&split(text), "d");
        assert_eq!(paths(&b), ["I", "I.1"]);
        assert!(b.sections[0].text.contains("năm 2023. Từ 01/01/2023"));
    }

    #[test]
    fn sentences() {
        assert_eq!(
            first_sentence("Làm A tại TP. Lạng Sơn. Làm B."),
            ("Làm A tại TP. Lạng Sơn.".to_string(), "Làm B.".to_string())
        );
    }
}
