//! Metadata of documents as agencies publish them, through the binary: a signed PDF
//! whose number and day the signing software typed into the form (smaller, raised, set
//! apart from `Số:`, the printed code `/SNV-TCBC` read blocks later), with a real
//! footnote marker in its body; a letterhead typed without diacritics; a subject line run
//! into the number line; a charter whose title carries its `(Kèm theo …)` note.

use std::path::Path;

use serde_json::Value;

use crate::common::{installed, json_ok, run_in};
use crate::formats_support::{pdf_text_width, write_pdf, PdfLine};

fn parse(cwd: &Path, file: &Path) -> Value {
    json_ok(&run_in(cwd, &["--json", "parse", file.to_str().unwrap()]))
}

/// A signed công văn of a Sở: the letterhead's two columns, the number `1364` and the
/// day `10` typed into the form in a smaller raised font, set apart from the printed
/// words; a body line whose figure carries footnote 1 (a small raised `1` set against
/// its word) with the footnote at the page bottom; the signature block.
fn signed_letter() -> Vec<PdfLine> {
    let body = 13.0;
    let typed = 11.0;
    let line = "pháp về hồ sơ hợp nhất Hội Công chứng viên; số hội viên tăng 12%";
    vec![
        PdfLine::at(70.0, 40.0, body, "UBND TỈNH LÂM ĐỒNG"),
        PdfLine::at(300.0, 40.0, body, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        PdfLine::at(100.0, 58.0, body, "SỞ NỘI VỤ"),
        PdfLine::at(340.0, 58.0, body, "Độc lập - Tự do - Hạnh phúc"),
        PdfLine::at(80.0, 90.0, body, "Số:"),
        PdfLine::at(106.0, 88.0, typed, "1364"),
        PdfLine::at(150.0, 90.0, body, "/SNV-TCBC"),
        PdfLine::at(300.0, 90.0, body, "Lâm Đồng, ngày"),
        PdfLine::at(398.0, 88.0, typed, "10"),
        PdfLine::at(420.0, 90.0, body, "tháng 9 năm 2025"),
        PdfLine::at(60.0, 110.0, body, "V/v ý kiến đối với hồ sơ hợp nhất"),
        PdfLine::at(60.0, 126.0, body, "Hội Công chứng viên tỉnh"),
        PdfLine::at(200.0, 160.0, body, "Kính gửi: Sở Tư pháp"),
        PdfLine::at(
            121.0,
            190.0,
            body,
            "Sở Nội vụ nhận được Văn bản số 650/STP-BTTP ngày 08/9/2025 của Sở Tư",
        ),
        PdfLine::at(85.0, 209.0, body, line),
        // The footnote marker, set against `12%`.
        PdfLine::at(85.0 + pdf_text_width(line, body) + 0.5, 208.5, 8.0, "1"),
        PdfLine::at(85.0, 228.0, body, "so với cùng kỳ."),
        PdfLine::at(
            121.0,
            252.0,
            body,
            "Sở Nội vụ thống nhất đối với hồ sơ đề nghị cho phép hợp nhất Hội./.",
        ),
        PdfLine::at(60.0, 300.0, 11.0, "Nơi nhận:"),
        PdfLine::at(360.0, 300.0, body, "KT. GIÁM ĐỐC"),
        PdfLine::at(60.0, 315.0, 11.0, "- Như trên;"),
        PdfLine::at(350.0, 318.0, body, "PHÓ GIÁM ĐỐC"),
        PdfLine::at(60.0, 330.0, 11.0, "- Lưu: VT, TCBC."),
        PdfLine::at(350.0, 380.0, body, "Nguyễn Đức Vũ"),
        PdfLine::at(85.0, 780.0, 7.0, "1"),
        PdfLine::at(
            92.0,
            781.0,
            10.0,
            "Theo báo cáo của Hội Công chứng viên tỉnh.",
        ),
    ]
}

#[test]
fn a_signed_forms_typed_number_and_day_are_fields_not_footnote_markers() {
    if !installed("pdftotext", &["-v"]) {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("1364-snv-tcbc.signed.pdf");
    std::fs::write(&pdf, write_pdf(&[signed_letter()])).unwrap();
    let v = parse(tmp.path(), &pdf);
    assert_eq!(v["number"], "1364/SNV-TCBC", "{v}");
    assert_eq!(v["date"], "2025-09-10");
    assert_eq!(v["issuer"], "Sở Nội vụ tỉnh Lâm Đồng");
    assert_eq!(v["doc_type"], "cong-van");
    // Signed (number and date filled in): the name under the signature block.
    assert_eq!(v["signer"], "Nguyễn Đức Vũ");
    // The real marker is a footnote, attached, with its text; the typed numbers are not.
    let notes = v["footnotes"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["number"], 1);
    assert!(
        notes[0]["text"]
            .as_str()
            .unwrap()
            .contains("Theo báo cáo của Hội Công chứng viên"),
        "{notes:?}"
    );
    let sections = v["sections"].as_array().unwrap();
    let text = serde_json::to_string(sections).unwrap();
    assert!(text.contains("Số: 1364"), "{text}");
    assert!(text.contains("tăng 12% so với cùng kỳ"), "{text}");
    let refs: Vec<&Value> = sections
        .iter()
        .flat_map(|s| s["footnote_refs"].as_array().unwrap())
        .collect();
    assert_eq!(refs, [&Value::from(1)], "{text}");
    assert!(!text.contains(['¹', '²', '³', '⁴', '⁶']), "{text}");
}

#[test]
fn unaccented_letterheads_subjects_in_the_number_line_and_charter_titles() {
    let tmp = tempfile::tempdir().unwrap();
    // A ministry's draft letter typed without diacritics.
    let unaccented = tmp.path().join("cv-tra-loi.txt");
    std::fs::write(
        &unaccented,
        "BO TAI CHINH\n\nSo: /BTC-TCCB\n\nV/v cu dai dien tham gia Hoi dong tham dinh\n\n\
         CONG HOA XA HOI CHU NGHIA VIET NAM\n\nDoc lap - Tu do - Hanh phuc\n\n\
         Ha Noi, ngay thang 3 nam 2026\n\nKinh gui: Bo Xay dung\n\n\
         Bo Tai chinh nhan duoc van ban cua Bo Xay dung.\n",
    )
    .unwrap();
    let v = parse(tmp.path(), &unaccented);
    assert_eq!(v["issuer"], "Bộ Tài chính");
    assert_eq!(v["doc_type"], "cong-van");
    assert_eq!(v["number"], Value::Null);
    assert_eq!(v["signer"], Value::Null);

    // pdftotext ran the subject into the number line.
    let joined = tmp.path().join("skhcn.txt");
    std::fs::write(
        &joined,
        "UBND TỈNH LÂM ĐỒNG SỞ KHOA HỌC VÀ CÔNG NGHỆ\n\
         Số: 171 /SKHCN-CĐS V/v góp ý dự thảo Kế hoạch kiểm tra cải cách hành chính năm 2026\n\
         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n\
         Lâm Đồng, ngày 16 tháng 01 năm 2026\nKính gửi: Sở Nội vụ\n\n\
         Sở Khoa học và Công nghệ cơ bản thống nhất đối với nội dung dự thảo Kế hoạch.\n\n\
         KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Thanh Liêm\n",
    )
    .unwrap();
    let v = parse(tmp.path(), &joined);
    assert_eq!(v["doc_type"], "cong-van");
    assert_eq!(v["number"], "171/SKHCN-CĐS");
    assert_eq!(
        v["title"],
        "V/v góp ý dự thảo Kế hoạch kiểm tra cải cách hành chính năm 2026"
    );
    assert_eq!(v["signer"], "Lê Thanh Liêm");

    // A charter: its title line carries the lower-case note of the decision it goes with.
    let charter = tmp.path().join("dieu-le.txt");
    std::fs::write(
        &charter,
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
         ĐIỀU LỆ (SỬA ĐỔI, BỔ SUNG) HỘI HỘ SINH LÂM ĐỒNG (Kèm theo Quyết định số /QĐ-UBND ngày /10/2025 của Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng)\n\n\
         Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Tên gọi, biểu tượng\n\nTên hội: Hội Hộ sinh Lâm Đồng.\n",
    )
    .unwrap();
    let v = parse(tmp.path(), &charter);
    assert_eq!(v["doc_type"], "khac");
    assert!(
        v["title"]
            .as_str()
            .unwrap()
            .starts_with("ĐIỀU LỆ (SỬA ĐỔI, BỔ SUNG) HỘI HỘ SINH LÂM ĐỒNG"),
        "{}",
        v["title"]
    );
}
