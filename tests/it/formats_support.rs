//! Test-side writer of real `.docx` files (zip + WordprocessingML strings) from a report
//! in the clean layout: numbered headings become Word list paragraphs (the label is
//! removed from the text and produced by `word/numbering.xml`), superscript markers
//! become real footnote references with bodies in `word/footnotes.xml`, the lines before
//! the title go into a letterhead table.
#![allow(dead_code)]

use std::io::Write;

/// A paragraph for the writer.
#[derive(Debug, Clone)]
pub enum Para {
    /// Plain paragraph (may hold superscript markers).
    Text(String),
    /// A list paragraph: Word numbering level (0 = `I.`, 1 = `1.`, 2 = `1.1.`, 3 = `a)`),
    /// text without its label.
    Numbered(usize, String),
    /// A table: rows of cells.
    Table(Vec<Vec<String>>),
}

/// Superscript digits → number.
pub fn sup_value(s: &str) -> Option<u32> {
    let d: String = s
        .chars()
        .map(|c| match c {
            '⁰' => Some('0'),
            '¹' => Some('1'),
            '²' => Some('2'),
            '³' => Some('3'),
            '⁴' => Some('4'),
            '⁵' => Some('5'),
            '⁶' => Some('6'),
            '⁷' => Some('7'),
            '⁸' => Some('8'),
            '⁹' => Some('9'),
            _ => None,
        })
        .collect::<Option<String>>()?;
    d.parse().ok()
}

fn is_sup(c: char) -> bool {
    sup_value(&c.to_string()).is_some()
}

fn roman(n: usize) -> String {
    [
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ][n]
        .to_string()
}

/// Splits a clean-layout report into paragraphs and footnotes, resolving which numbered
/// headings Word's list engine would produce exactly (others keep a typed label).
pub fn from_clean(text: &str) -> (Vec<Para>, Vec<(u32, String)>) {
    let mut lines: Vec<String> = Vec::new();
    for block in text.split("\n\n") {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        // `…**1. Heading**` glued headings are two paragraphs in Word.
        let mut rest = block.to_string();
        while let Some(p) = rest.find("**") {
            let after = &rest[p + 2..];
            if p > 0 && after.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                lines.push(rest[..p].replace("**", ""));
                rest = after.to_string();
            } else {
                rest = format!("{}{}", &rest[..p], after);
            }
        }
        lines.push(rest.replace("**", ""));
    }
    let mut paras = Vec::new();
    let mut notes = Vec::new();
    let mut counters = [0usize; 4];
    let mut head: Vec<String> = Vec::new();
    let mut seen_title = false;
    for line in lines {
        let first = line.chars().next().unwrap_or(' ');
        if is_sup(first) {
            let num: String = line.chars().take_while(|c| is_sup(*c)).collect();
            let body = line[num.len()..].trim().to_string();
            notes.push((sup_value(&num).unwrap(), body));
            continue;
        }
        if !seen_title {
            if line.trim() == "BÁO CÁO" || line.starts_with("BÁO CÁO") {
                seen_title = true;
                if !head.is_empty() {
                    let left: Vec<String> = head
                        .iter()
                        .filter(|l| !l.contains("ngày"))
                        .cloned()
                        .collect();
                    let right: Vec<String> = head
                        .iter()
                        .filter(|l| l.contains("ngày"))
                        .cloned()
                        .collect();
                    paras.push(Para::Table(vec![vec![left.join("\n"), right.join("\n")]]));
                }
            } else {
                head.push(line);
                continue;
            }
        }
        paras.push(classify(&line, &mut counters));
    }
    if !seen_title {
        for h in head.into_iter().rev() {
            paras.insert(0, Para::Text(h));
        }
    }
    (paras, notes)
}

fn classify(line: &str, counters: &mut [usize; 4]) -> Para {
    let (label, rest) = match line.split_once(' ') {
        Some(x) => x,
        None => return Para::Text(line.to_string()),
    };
    let level = if label.ends_with('.')
        && label.len() > 1
        && label[..label.len() - 1].chars().all(|c| "IVX".contains(c))
    {
        Some(0)
    } else if label.ends_with('.')
        && label[..label.len() - 1].chars().all(|c| c.is_ascii_digit())
        && label.len() > 1
    {
        Some(1)
    } else if label.ends_with('.')
        && label.matches('.').count() == 2
        && label.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        Some(2)
    } else if label.len() == 2
        && label.ends_with(')')
        && label.chars().next().unwrap().is_ascii_lowercase()
    {
        Some(3)
    } else {
        None
    };
    let Some(level) = level else {
        return Para::Text(line.to_string());
    };
    let mut next = *counters;
    next[level] += 1;
    for c in next.iter_mut().skip(level + 1) {
        *c = 0;
    }
    let expected = match level {
        0 => format!("{}.", roman(next[0].min(12))),
        1 => format!("{}.", next[1]),
        2 => format!("{}.{}.", next[1], next[2]),
        _ => format!("{})", (b'a' + (next[3] as u8 - 1)) as char),
    };
    if expected == label {
        *counters = next;
        Para::Numbered(level, rest.to_string())
    } else {
        Para::Text(line.to_string())
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Runs of a paragraph: text runs and footnote references for superscript markers that
/// name a known footnote; other superscripts become superscript-formatted digits.
fn runs(text: &str, notes: &[(u32, String)], used: &mut Vec<u32>) -> String {
    let mut out = String::new();
    let mut buf = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let flush = |buf: &mut String, out: &mut String| {
        if !buf.is_empty() {
            for (k, part) in buf.split('\n').enumerate() {
                if k > 0 {
                    out.push_str("<w:r><w:br/></w:r>");
                }
                out.push_str(&format!(
                    "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                    esc(part)
                ));
            }
            buf.clear();
        }
    };
    while i < chars.len() {
        if is_sup(chars[i]) {
            let mut j = i;
            while j < chars.len() && is_sup(chars[j]) {
                j += 1;
            }
            let s: String = chars[i..j].iter().collect();
            let n = sup_value(&s).unwrap();
            flush(&mut buf, &mut out);
            if notes.iter().any(|(m, _)| *m == n) && n as usize == used.len() + 1 {
                used.push(n);
                out.push_str(&format!(
                    "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"{}\"/></w:r>",
                    n + 1
                ));
            } else {
                out.push_str(&format!(
                    "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>{}</w:t></w:r>",
                    sup_value(&s).unwrap()
                ));
            }
            i = j;
        } else {
            buf.push(chars[i]);
            i += 1;
        }
    }
    flush(&mut buf, &mut out);
    out
}

fn paragraph(p: &Para, notes: &[(u32, String)], used: &mut Vec<u32>) -> String {
    match p {
        Para::Text(t) => format!("<w:p>{}</w:p>", runs(t, notes, used)),
        // Level 0 through the heading style (numbering in styles.xml), others direct.
        Para::Numbered(0, t) => format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>{}</w:p>",
            runs(t, notes, used)
        ),
        Para::Numbered(l, t) => format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
            runs(t, notes, used)
        ),
        Para::Table(rows) => {
            let mut s = String::from("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
            for row in rows {
                s.push_str("<w:tr>");
                for cell in row {
                    s.push_str("<w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>");
                    if cell.is_empty() {
                        s.push_str("<w:p/>");
                    }
                    for line in cell.split('\n').filter(|l| !l.is_empty()) {
                        s.push_str(&format!("<w:p>{}</w:p>", runs(line, notes, used)));
                    }
                    s.push_str("</w:tc>");
                }
                s.push_str("</w:tr>");
            }
            s.push_str("</w:tbl>");
            s
        }
    }
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// Writes a `.docx` (as bytes) from paragraphs and footnotes.
pub fn write_docx(paras: &[Para], notes: &[(u32, String)]) -> Vec<u8> {
    let mut used = Vec::new();
    let mut body = String::new();
    for p in paras {
        body.push_str(&paragraph(p, notes, &mut used));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {W}><w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId4\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let mut fns = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"1\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    );
    for (n, text) in notes {
        fns.push_str(&format!(
            "<w:footnote w:id=\"{}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> {}</w:t></w:r></w:p></w:footnote>",
            n + 1,
            esc(text)
        ));
    }
    fns.push_str("</w:footnotes>");
    let lvl = |i: usize, fmt: &str, text: &str| {
        format!("<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/></w:lvl>")
    };
    let numbering = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>{}{}{}{}</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
        lvl(0, "upperRoman", "%1."),
        lvl(1, "decimal", "%2."),
        lvl(2, "decimal", "%2.%3."),
        lvl(3, "lowerLetter", "%4)")
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"DejaVu Serif\" w:hAnsi=\"DejaVu Serif\" w:cs=\"DejaVu Serif\"/><w:sz w:val=\"26\"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"120\"/><w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:sz w:val=\"20\"/></w:rPr></w:style><w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style></w:styles>"
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/><Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    let doc_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/><Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/></Relationships>";
    // Page numbers at the top centre, as Vietnamese administrative documents have them.
    let header = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {W}><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:hdr>");
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in [
            ("[Content_Types].xml", content_types.to_string()),
            ("_rels/.rels", rels.to_string()),
            ("word/_rels/document.xml.rels", doc_rels.to_string()),
            ("word/document.xml", document),
            ("word/styles.xml", styles),
            ("word/numbering.xml", numbering),
            ("word/footnotes.xml", fns),
            ("word/header1.xml", header),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(data.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// Reads a bundled report.
pub fn corpus(name_prefix: &str) -> (String, String) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    let e = entries
        .into_iter()
        .find(|e| e.file_name().to_string_lossy().starts_with(name_prefix))
        .expect("bundled report");
    (
        e.file_name().to_string_lossy().into_owned(),
        std::fs::read_to_string(e.path()).unwrap(),
    )
}

/// Splits a clean-layout report into body paragraphs (markers kept as superscripts) and
/// footnotes `(n, text)`.
pub fn body_and_notes(text: &str) -> (Vec<String>, Vec<(u32, String)>) {
    let mut body = Vec::new();
    let mut notes = Vec::new();
    for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let num: String = p.chars().take_while(|c| is_sup(*c)).collect();
        if !num.is_empty() && p[num.len()..].starts_with(|c: char| c == ' ' || c.is_alphabetic()) {
            notes.push((sup_value(&num).unwrap(), p[num.len()..].trim().to_string()));
        } else {
            body.push(p.to_string());
        }
    }
    (body, notes)
}

/// Replaces footnote markers (superscripts naming a footnote, in order) with `f(n)`.
pub fn replace_markers(
    p: &str,
    notes: &[(u32, String)],
    next: &mut u32,
    f: &dyn Fn(u32) -> String,
) -> String {
    let mut out = String::new();
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_sup(chars[i]) {
            let mut j = i;
            while j < chars.len() && is_sup(chars[j]) {
                j += 1;
            }
            let s: String = chars[i..j].iter().collect();
            let n = sup_value(&s).unwrap();
            // `m²`, `km²`, `m³` are units, not markers.
            let before: String = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect();
            let unit = matches!(before.as_str(), "m" | "mk" | "md" | "mc");
            if n == *next && !unit && notes.iter().any(|(m, _)| *m == n) {
                out.push_str(&f(n));
                *next += 1;
            } else {
                out.push_str(&s);
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// The body with each marker written `marker(n)`, then `rule` when there is one, then
/// each note written `note(n, text)`, as paragraphs, the whole ended by `end`.
fn render_notes_at_end(
    text: &str,
    marker: &dyn Fn(u32) -> String,
    rule: Option<&str>,
    note: &dyn Fn(u32, &str) -> String,
    end: &str,
) -> String {
    let (body, notes) = body_and_notes(text);
    let mut next = 1;
    let mut out: Vec<String> = body
        .iter()
        .map(|p| replace_markers(p, &notes, &mut next, marker))
        .collect();
    out.extend(rule.map(str::to_string));
    out.extend(notes.iter().map(|(n, t)| note(*n, t)));
    out.join("\n\n") + end
}

/// pandoc `-t plain` style: `[n]` markers, all notes listed at the end as `[n] text`.
pub fn render_pandoc(text: &str) -> String {
    render_notes_at_end(
        text,
        &|n| format!("[{n}]"),
        None,
        &|n, t| format!("[{n}] {t}"),
        "\n",
    )
}

/// pandoc markdown style: `[^n]` markers and `[^n]: text` definitions at the end.
pub fn render_markdown_notes(text: &str) -> String {
    render_notes_at_end(
        text,
        &|n| format!("[^{n}]"),
        None,
        &|n, t| format!("[^{n}]: {t}"),
        "\n",
    )
}

/// antiword style: `[n]` markers, paragraphs wrapped at no width, notes after a rule.
pub fn render_antiword(text: &str) -> String {
    render_notes_at_end(
        text,
        &|n| format!("[{n}]"),
        Some("-----------------------"),
        &|n, t| format!("[{n}] {t}"),
        "\n\n\n",
    )
}

fn wrap(p: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for w in p.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// pdftotext style: lines wrapped at 80 characters (notes at 100), markers as digits glued to the word
/// (`kỳ1.`), pages of about 40 lines ending with their footnotes (`1 text`, wrapped), a
/// page number alone on a line, and a form feed.
pub fn render_pdftotext(text: &str) -> String {
    // A PDF shows no markdown: `**` dropped, glued headings on their own lines.
    let (body, notes) = body_and_notes(&unmarkdown(text));
    let mut next = 1;
    let mut out = String::new();
    let mut page_lines: Vec<String> = Vec::new();
    let mut page_notes: Vec<u32> = Vec::new();
    let mut page = 1;
    let flush = |out: &mut String, lines: &mut Vec<String>, pn: &mut Vec<u32>, page: &mut u32| {
        for l in lines.drain(..) {
            out.push_str(&l);
            out.push('\n');
        }
        for n in pn.drain(..) {
            let t = &notes.iter().find(|(m, _)| *m == n).unwrap().1;
            for l in wrap(&format!("{n} {t}"), 100) {
                out.push_str(&l);
                out.push('\n');
            }
        }
        out.push_str(&format!("\n{page}\n\u{c}"));
        *page += 1;
    };
    for p in &body {
        // Markers as sentinels first, so each note goes to the page of its marker line.
        let p = replace_markers(p, &notes, &mut next, &|n| format!("\u{1}{n}\u{2}"));
        for l in wrap(&p, 80) {
            let mut line = String::new();
            let mut rest = l.as_str();
            while let Some(a) = rest.find('\u{1}') {
                let b = rest.find('\u{2}').unwrap();
                line.push_str(&rest[..a]);
                let n: u32 = rest[a + 1..b].parse().unwrap();
                line.push_str(&n.to_string());
                page_notes.push(n);
                rest = &rest[b + 1..];
            }
            line.push_str(rest);
            page_lines.push(line);
            if page_lines.len() >= 40 {
                flush(&mut out, &mut page_lines, &mut page_notes, &mut page);
            }
        }
        page_lines.push(String::new());
    }
    flush(&mut out, &mut page_lines, &mut page_notes, &mut page);
    out
}

/// Paragraphs of a text, whitespace collapsed, a space after a leading footnote number,
/// sorted (footnote bodies may move next to their marker).
pub fn sorted_paragraphs(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(|p| {
            let num: String = p.chars().take_while(|c| is_sup(*c)).collect();
            if !num.is_empty() && p[num.len()..].starts_with(char::is_alphabetic) {
                format!("{num} {}", &p[num.len()..])
            } else {
                p
            }
        })
        .collect();
    v.sort();
    v
}

/// Asserts two texts have the same paragraphs (see [`sorted_paragraphs`]), showing only
/// the first differences.
pub fn assert_same_paragraphs(got: &str, want: &str, name: &str) {
    let g = sorted_paragraphs(got);
    let w = sorted_paragraphs(want);
    let short = |s: &String| s.chars().take(100).collect::<String>();
    let missing: Vec<String> = w
        .iter()
        .filter(|p| !g.contains(p))
        .take(3)
        .map(short)
        .collect();
    let extra: Vec<String> = g
        .iter()
        .filter(|p| !w.contains(p))
        .take(3)
        .map(short)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && g.len() == w.len(),
        "{name}: {} vs {} paragraphs\nmissing: {missing:#?}\nextra: {extra:#?}",
        g.len(),
        w.len()
    );
}

/// The clean layout without markdown bold: `**` removed, a heading glued after `**`
/// (`…11-NQ/TW**1. Khái quát chung**`) made its own paragraph.
pub fn unmarkdown(text: &str) -> String {
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let mut rest = block.to_string();
        while let Some(p) = rest.find("**") {
            let after = &rest[p + 2..];
            if p > 0 && after.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                out.push(rest[..p].replace("**", ""));
                rest = after.to_string();
            } else {
                rest = format!("{}{}", &rest[..p], after);
            }
        }
        out.push(rest.replace("**", ""));
    }
    out.join("\n\n")
}

/// One line of text placed on a PDF page: left edge and top in points from the page's
/// top-left corner, font size in points, text, and the extra width of each space (a
/// justified line).
#[derive(Debug, Clone)]
pub struct PdfLine {
    pub x: f64,
    pub top: f64,
    pub size: f64,
    pub text: String,
    pub word_spacing: f64,
}

impl PdfLine {
    /// A line of `text` at (`x`, `top`) in `size` points, not justified.
    pub fn at(x: f64, top: f64, size: f64, text: &str) -> PdfLine {
        PdfLine {
            x,
            top,
            size,
            text: text.to_string(),
            word_spacing: 0.0,
        }
    }
}

/// Width of a text in [`write_pdf`]'s font: half an em a character, a quarter a space.
pub fn pdf_text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c == ' ' { 0.25 } else { 0.5 })
        .sum::<f64>()
        * size
}

/// A4 height in points.
const PDF_PAGE_HEIGHT: f64 = 842.0;

/// Writes a text-layer `.pdf` (as bytes), one A4 page per list of lines. One simple font
/// whose codes are given to the characters used (at most 223), each half an em wide (a
/// space a quarter), with a ToUnicode map so that pdftotext reads the Vietnamese text
/// back and places every word where it was put.
pub fn write_pdf(pages: &[Vec<PdfLine>]) -> Vec<u8> {
    let mut codes: Vec<char> = Vec::new();
    for l in pages.iter().flatten() {
        for c in l.text.chars() {
            if c != ' ' && !codes.contains(&c) {
                codes.push(c);
            }
        }
    }
    assert!(
        codes.len() <= 223,
        "too many distinct characters for one font"
    );
    let code = |c: char| -> u8 {
        if c == ' ' {
            32
        } else {
            33 + codes.iter().position(|&k| k == c).unwrap() as u8
        }
    };
    let widths: Vec<String> = (32..=255)
        .map(|c| if c == 32 { "250" } else { "500" }.to_string())
        .collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
    );
    let mut entries: Vec<(u8, char)> = vec![(32, ' ')];
    entries.extend(codes.iter().map(|&c| (code(c), c)));
    for chunk in entries.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (b, c) in chunk {
            let mut u = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut u)
                .iter()
                .map(|x| format!("{x:04X}"))
                .collect();
            cmap.push_str(&format!("<{b:02X}> <{hex}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

    // Objects: 1 catalog, 2 pages, 3 font, 4 ToUnicode, then a page and its content each.
    let mut objs: Vec<Vec<u8>> = Vec::new();
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 5 + 2 * i))
        .collect();
    objs.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objs.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    objs.push(
        format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 255 /Widths [{}] /ToUnicode 4 0 R >>",
            widths.join(" ")
        )
        .into_bytes(),
    );
    let mut stream = format!("<< /Length {} >>\nstream\n", cmap.len()).into_bytes();
    stream.extend(cmap.as_bytes());
    stream.extend(b"\nendstream");
    objs.push(stream);
    for (i, lines) in pages.iter().enumerate() {
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 {PDF_PAGE_HEIGHT}] /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
                6 + 2 * i
            )
            .into_bytes(),
        );
        let mut content = String::new();
        for l in lines {
            let baseline = PDF_PAGE_HEIGHT - l.top - 0.75 * l.size;
            let hex: String = l.text.chars().map(|c| format!("{:02X}", code(c))).collect();
            content.push_str(&format!(
                "BT /F1 {:.2} Tf {:.2} Tw 1 0 0 1 {:.2} {:.2} Tm <{hex}> Tj ET\n",
                l.size, l.word_spacing, l.x, baseline
            ));
        }
        let mut obj = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        obj.extend(content.as_bytes());
        obj.extend(b"\nendstream");
        objs.push(obj);
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}
