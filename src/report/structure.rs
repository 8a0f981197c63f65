//! Paragraph re-flow and the section tree: body units → preamble, numbered sections
//! (path, heading, text, source lines) and the closing block.

use super::lines::{join_into, Layout, Split, Unit};
use super::model::{section_id, Section};
use super::numbering::{parse_label, Label};

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

/// Whether every letter of `s` is upper case (and there are a few).
fn is_upper(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        n += 1;
    }
    n >= 4
}

fn starts_bullet(s: &str) -> bool {
    s.starts_with(['-', '+', '*', '•', '–'])
}

/// Whether a unit starts the closing block of a report.
pub fn is_closing_start(s: &str) -> bool {
    let head: String = s.chars().take(12).flat_map(char::to_lowercase).collect();
    if head.starts_with("nơi nhận") {
        return true;
    }
    if s.len() < 1200 && s.contains("rân trọng") && s.chars().count() < 400 {
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

/// Whether a full-width heading line (`b) Tổ chức … liên kết vùng`) ends its heading
/// before a full line that starts with a capital: the heading does not end on a
/// connector word.
fn heading_line_ends(prev: &Unit, next: &Unit, width: usize) -> bool {
    if !starts_upper(&next.text) || ends_terminal(&prev.text) {
        return false;
    }
    // A short next line is more likely the end of a two-line heading.
    if next.text.chars().count() * 100 < width * 78 {
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

/// Whether the PDF line `prev` ends its paragraph before `next`. `label_line`: `prev`
/// is the first line of a numbered heading.
fn pdf_paragraph_ends(prev: &Unit, next: &Unit, width: usize, label_line: bool) -> bool {
    let len = prev.text.chars().count();
    if len * 100 < width * 78 {
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

struct Builder<'a> {
    doc_id: &'a str,
    open: Vec<Label>,
    sections: Vec<Section>,
    preamble_paras: Vec<(usize, String)>,
    buf: String,
    buf_line: usize,
    target: Target,
    // The last body unit added to the buffer (for continuation decisions).
    last_glued: bool,
    // Source lines in the current heading paragraph.
    heading_lines: usize,
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
                if let Some(sec) = self.sections.last_mut() {
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
                if let Some(sec) = self.sections.last_mut() {
                    if !text.is_empty() {
                        push_para(&mut sec.text, &text);
                    }
                }
            }
        }
    }

    fn extend_current(&mut self, u: &Unit, layout: Layout) {
        let glued = layout == Layout::Pdf && self.last_glued;
        join_into(&mut self.buf, &u.text, glued);
        self.last_glued = u.glued_end;
        self.heading_lines += 1;
        if self.target != Target::Preamble {
            if let Some(sec) = self.sections.last_mut() {
                sec.line_end = sec.line_end.max(u.last_line);
            }
        }
    }

    fn start(&mut self, u: &Unit, text: &str, target: Target) {
        self.flush();
        self.buf = text.to_string();
        self.buf_line = u.line;
        self.target = target;
        self.heading_lines = 1;
        self.last_glued = u.glued_end;
        if target != Target::Preamble {
            if let Some(sec) = self.sections.last_mut() {
                sec.line_end = sec.line_end.max(u.last_line);
            }
        }
    }

    fn open_section(&mut self, u: &Unit, label: Label) {
        self.flush();
        while self.open.last().is_some_and(|l| l.rank >= label.rank) {
            self.open.pop();
        }
        let rest = u.text[label.len..].to_string();
        self.open.push(label);
        let path: Vec<String> = self.open.iter().map(|l| l.label.clone()).collect();
        self.sections.push(Section {
            id: section_id(self.doc_id, &path),
            path,
            line_start: u.line,
            line_end: u.last_line,
            ..Section::default()
        });
        self.start(u, &rest, Target::Heading);
    }
}

fn push_para(text: &mut String, para: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(para);
}

/// Builds the preamble, the section tree and the closing block from split units.
pub fn build(split: &Split, doc_id: &str) -> Built {
    let mut b = Builder {
        doc_id,
        open: Vec::new(),
        sections: Vec::new(),
        preamble_paras: Vec::new(),
        buf: String::new(),
        buf_line: 0,
        target: Target::Preamble,
        last_glued: false,
        heading_lines: 0,
    };
    let mut closing: Vec<(usize, String)> = Vec::new();
    let mut prev: Option<&Unit> = None;
    for u in &split.units {
        if !closing.is_empty() {
            closing.push((u.line, u.text.clone()));
            continue;
        }
        if is_closing_start(&u.text)
            && (!b.sections.is_empty() || u.text.to_lowercase().starts_with("nơi nhận"))
        {
            // A signature title inside the preamble (rare) is not a closing block.
            if !(is_signature_title(&u.text) && b.sections.is_empty()) {
                b.flush();
                b.buf.clear();
                b.target = Target::Body;
                closing.push((u.line, u.text.clone()));
                continue;
            }
        }
        // A numbered label that fits the open numbering starts a section, in the PDF
        // layout too when the line before looks full (a heading of near-full width).
        let label = parse_label(&u.text).filter(|l| l.fits(&b.open));
        let cont = match (prev, split.layout) {
            (None, _) => false,
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
            b.open_section(u, label);
            continue;
        }
        if cont {
            b.extend_current(u, split.layout);
            continue;
        }
        if b.sections.is_empty() {
            b.start(u, &u.text, Target::Preamble);
            continue;
        }
        // A label alone (`Phần I`): its title is the next short paragraph.
        let needs_heading = b.target == Target::Heading && b.buf.trim().is_empty();
        if needs_heading && u.text.chars().count() < 200 {
            b.buf = u.text.clone();
            b.last_glued = u.glued_end;
            if let Some(sec) = b.sections.last_mut() {
                sec.line_end = sec.line_end.max(u.last_line);
            }
            continue;
        }
        b.start(u, &u.text, Target::Body);
    }
    b.flush();
    let preamble = b
        .preamble_paras
        .iter()
        .map(|(_, p)| p.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Built {
        preamble,
        preamble_paras: b.preamble_paras,
        sections: b.sections,
        closing,
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
