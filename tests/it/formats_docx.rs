//! `.docx` read natively: Word numbering resolved to visible labels, real footnotes
//! attached where their reference sits, tables as rows, the letterhead table.

use crate::formats_support::{corpus, from_clean, write_docx, Para};
use baocao::report::formats::{self, Format};

/// Paragraphs of a clean-layout text, `**` removed and glued headings split, as the
/// .docx writer sees them (footnote bodies included).
fn paragraphs(text: &str) -> Vec<String> {
    let (paras, notes) = from_clean(text);
    let mut out = Vec::new();
    let roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    let mut c = [0usize; 4];
    for p in paras {
        match p {
            Para::Text(t) => out.push(t),
            Para::Numbered(l, t) => {
                c[l] += 1;
                for x in c.iter_mut().skip(l + 1) {
                    *x = 0;
                }
                let label = match l {
                    0 => format!("{}.", roman[c[0] - 1]),
                    1 => format!("{}.", c[1]),
                    2 => format!("{}.{}.", c[1], c[2]),
                    _ => format!("{})", (b'a' + c[3] as u8 - 1) as char),
                };
                out.push(format!("{label} {t}"));
            }
            Para::Table(rows) => {
                for cell in &rows[0] {
                    out.extend(cell.split('\n').filter(|s| !s.is_empty()).map(String::from));
                }
            }
        }
    }
    for (n, t) in notes {
        out.push(format!("{} {t}", formats::superscript(n)));
    }
    out
}

fn norm(lines: Vec<String>) -> Vec<String> {
    let mut v: Vec<String> = lines
        .into_iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    v.sort();
    v
}

#[test]
fn bundled_reports_round_trip_through_word() {
    for prefix in ["000", "001", "002"] {
        let (name, text) = corpus(prefix);
        let (paras, notes) = from_clean(&text);
        let numbered = paras
            .iter()
            .filter(|p| matches!(p, Para::Numbered(..)))
            .count();
        assert!(
            numbered >= 10,
            "{name}: only {numbered} Word-numbered headings"
        );
        assert!(!notes.is_empty(), "{name}: no footnotes");
        let docx = write_docx(&paras, &notes);
        let got = formats::read_bytes("r.docx", &docx).unwrap();
        assert_eq!(got.format, Format::Docx);
        assert_eq!(got.tool, None);
        let expected = norm(paragraphs(&text));
        let lines = norm(got.text.split("\n\n").map(String::from).collect());
        let missing: Vec<_> = expected
            .iter()
            .filter(|l| !lines.contains(l))
            .take(3)
            .collect();
        assert!(
            missing.is_empty(),
            "{name}: missing paragraphs {missing:#?}"
        );
        assert_eq!(lines.len(), expected.len(), "{name}");
    }
}

#[test]
fn footnote_bodies_follow_the_paragraph_with_their_reference() {
    let (_, text) = corpus("000");
    let (paras, notes) = from_clean(&text);
    let docx = write_docx(&paras, &notes);
    let got = formats::read_bytes("r.docx", &docx).unwrap().text;
    let blocks: Vec<&str> = got.split("\n\n").collect();
    for (n, body) in &notes {
        let sup = formats::superscript(*n);
        let i = blocks
            .iter()
            .position(|b| b.starts_with(&format!("{sup} ")))
            .unwrap_or_else(|| panic!("footnote {n} body missing"));
        assert!(blocks[i].ends_with(body.trim()), "footnote {n}");
        // The nearest paragraph before it that is not a footnote carries the marker.
        let carrier = blocks[..i]
            .iter()
            .rev()
            .find(|b| !b.starts_with(|c: char| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)))
            .unwrap();
        assert!(
            carrier.contains(&sup),
            "footnote {n}: marker not in {carrier}"
        );
    }
}

fn numbering_docx(numbering: &str, body: &str) -> Vec<u8> {
    use std::io::Write;
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", o).unwrap();
        write!(zip, "<w:document {w}><w:body>{body}</w:body></w:document>").unwrap();
        zip.start_file("word/numbering.xml", o).unwrap();
        write!(zip, "<w:numbering {w}>{numbering}</w:numbering>").unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

fn p(num: u32, lvl: u32, text: &str) -> String {
    format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn word_numbering_formats_and_restarts() {
    let lvl = |i, f: &str, t: &str, extra: &str| {
        format!("<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{f}\"/>{extra}<w:lvlText w:val=\"{t}\"/></w:lvl>")
    };
    let numbering = format!(
        "<w:abstractNum w:abstractNumId=\"5\">{}{}{}</w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"6\">{}{}</w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"5\"/></w:num>\
         <w:num w:numId=\"2\"><w:abstractNumId w:val=\"6\"/></w:num>\
         <w:num w:numId=\"3\"><w:abstractNumId w:val=\"6\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
        lvl(0, "upperRoman", "%1.", ""),
        lvl(1, "decimal", "%1.%2.", "<w:isLgl/>"),
        lvl(2, "lowerLetter", "%3)", ""),
        lvl(0, "decimal", "%1.", ""),
        lvl(1, "bullet", "\u{f0b7}", ""),
    );
    let body = [
        p(1, 0, "Mở đầu"),
        p(1, 1, "Chi tiết"),
        p(1, 2, "một"),
        p(1, 2, "hai"),
        p(1, 2, "ba"),
        p(1, 2, "bốn"),
        p(1, 2, "năm"),
        p(1, 1, "Khác"),
        p(1, 2, "lại từ đầu"),
        p(1, 0, "Phần sau"),
        p(2, 0, "Nhiệm vụ một"),
        p(2, 1, "gạch đầu dòng"),
        p(2, 0, "Nhiệm vụ hai"),
        p(3, 0, "Danh sách mới"),
        "<w:p><w:r><w:t>Không đánh số</w:t></w:r></w:p>".to_string(),
    ]
    .concat();
    let got = formats::read_bytes("n.docx", &numbering_docx(&numbering, &body))
        .unwrap()
        .text;
    let lines: Vec<&str> = got.split("\n\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "I. Mở đầu",
            "1.1. Chi tiết",
            "a) một",
            "b) hai",
            "c) ba",
            "d) bốn",
            "e) năm",
            "1.2. Khác",
            "a) lại từ đầu",
            "II. Phần sau",
            "1. Nhiệm vụ một",
            "- gạch đầu dòng",
            "2. Nhiệm vụ hai",
            "1. Danh sách mới",
            "Không đánh số",
        ]
    );
}

#[test]
fn tables_keep_cells_apart_and_the_letterhead_reads_cell_by_cell() {
    let paras = vec![
        Para::Table(vec![vec![
            "UBND TỈNH LẠNG SƠN\nSố: 45/BC-UBND".into(),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLạng Sơn, ngày 05 tháng 3 năm 2024".into(),
        ]]),
        Para::Text("BÁO CÁO".into()),
        Para::Numbered(0, "KẾT QUẢ".into()),
        Para::Table(vec![
            vec!["STT".into(), "Chỉ tiêu".into(), "Kế hoạch".into(), "Thực hiện".into()],
            vec!["1".into(), "Thu ngân sách".into(), "1.200".into(), "1.236,87".into()],
            vec!["2".into(), "Giải ngân¹".into(), "400".into(), "350".into()],
        ]),
    ];
    let notes = vec![(1, "Vốn đầu tư công.".to_string())];
    let got = formats::read_bytes("t.docx", &write_docx(&paras, &notes))
        .unwrap()
        .text;
    let lines: Vec<&str> = got.split("\n\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "UBND TỈNH LẠNG SƠN",
            "Số: 45/BC-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Lạng Sơn, ngày 05 tháng 3 năm 2024",
            "BÁO CÁO",
            "I. KẾT QUẢ",
            "| STT | Chỉ tiêu | Kế hoạch | Thực hiện |",
            "| 1 | Thu ngân sách | 1.200 | 1.236,87 |",
            "| 2 | Giải ngân¹ | 400 | 350 |",
            "¹ Vốn đầu tư công.",
        ]
    );
}

#[test]
fn a_broken_docx_is_an_error_not_a_panic() {
    let err = formats::read_bytes("x.docx", b"PK\x03\x04 not really").unwrap_err();
    assert!(err.to_string().contains(".docx"), "{err}");
    let err = formats::read_bytes("x.docx", &numbering_docx("", "<w:p>")).unwrap_err();
    assert!(err.to_string().contains("docx"), "{err}");
}

#[test]
fn runs_in_legacy_fonts_are_converted() {
    use baocao::report::formats::legacy::{encode, Legacy};
    let (_, text) = corpus("000");
    // A sentence of report 000, in lower case so that TCVN3 can hold it.
    let sentence = text
        .split("\n\n")
        .find(|p| p.starts_with("Tổng diện tích gieo trồng"))
        .unwrap()
        .split(". ")
        .next()
        .unwrap()
        .replace('¹', "")
        .to_lowercase();
    let run = |font: &str, t: &str| {
        format!("<w:r><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\"/></w:rPr><w:t xml:space=\"preserve\">{t}</w:t></w:r>")
    };
    let tcvn = encode(Legacy::Tcvn3, &sentence).unwrap();
    let vni = encode(Legacy::Vni, "Phát triển kinh tế - xã hội").unwrap();
    let heading = encode(Legacy::Tcvn3, "tình hình kinh tế").unwrap();
    let body = format!(
        "<w:p>{}</w:p><w:p>{}{}</w:p><w:p>{}</w:p>",
        run(".VnTimeH", &heading),
        run(".VnTime", &tcvn),
        run("Times New Roman", " (Unicode)"),
        run("VNI-Times", &vni),
    );
    let got = formats::read_bytes("l.docx", &numbering_docx("", &body))
        .unwrap()
        .text;
    let lines: Vec<&str> = got.split("\n\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "TÌNH HÌNH KINH TẾ".to_string(),
            format!("{sentence} (Unicode)"),
            "Phát triển kinh tế - xã hội".to_string(),
        ]
    );
}
