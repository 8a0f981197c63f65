//! Page furniture of text-layer PDFs, through the binary: a report printed with its page
//! number at the top centre of every page but the first (set close enough to the first
//! body line that pdftotext puts both in one block, as in signed files) and a running
//! footer on every page. `baocao parse` and the index must hold every body paragraph
//! whole across the page breaks, and neither the page numbers nor the footer.

use serde_json::Value;

use crate::common::{index_folder, installed, json_ok, run_in, run_json};
use crate::formats_support::{pdf_text_width, write_pdf, PdfLine};

/// Body font size, line step, margins (points) of the typeset fixture.
const SIZE: f64 = 13.0;
const STEP: f64 = 19.5;
const LEFT: f64 = 85.0;
const RIGHT: f64 = 540.0;
const BODY_TOP: f64 = 68.0;
const BODY_BOTTOM: f64 = 770.0;

const FOOTER: &str = "Báo cáo CCHC năm 2025 - bản điện tử gửi kèm hồ sơ trình";

/// Typesets paragraphs into pages (justified lines, first-line indent, the last line
/// ragged) after the first page's letterhead; returns the pages and whether some
/// paragraph runs over a page break.
fn typeset(first_page: Vec<PdfLine>, paragraphs: &[String]) -> (Vec<Vec<PdfLine>>, bool) {
    let mut pages = vec![first_page];
    let mut top = pages[0].iter().map(|l| l.top).fold(0.0, f64::max) + 2.0 * STEP;
    let mut split = false;
    for p in paragraphs {
        let heading = p.starts_with(|c: char| c.is_ascii_uppercase()) && p.contains(". ");
        let indent = if heading { 0.0 } else { 36.0 };
        let mut lines: Vec<Vec<&str>> = vec![Vec::new()];
        for w in p.split(' ') {
            let cur = lines.last().unwrap();
            let x0 = if lines.len() == 1 {
                LEFT + indent
            } else {
                LEFT
            };
            let mut candidate = cur.clone();
            candidate.push(w);
            if !cur.is_empty() && x0 + pdf_text_width(&candidate.join(" "), SIZE) > RIGHT {
                lines.push(vec![w]);
            } else {
                lines.last_mut().unwrap().push(w);
            }
        }
        let n = lines.len();
        let start_page = pages.len();
        for (i, words) in lines.into_iter().enumerate() {
            if top + STEP > BODY_BOTTOM {
                pages.push(Vec::new());
                top = BODY_TOP;
            }
            let x = if i == 0 { LEFT + indent } else { LEFT };
            let text = words.join(" ");
            let spaces = words.len().saturating_sub(1) as f64;
            let word_spacing = if i + 1 < n && spaces > 0.0 {
                (RIGHT - x - pdf_text_width(&text, SIZE)) / spaces
            } else {
                0.0
            };
            pages.last_mut().unwrap().push(PdfLine {
                word_spacing,
                ..PdfLine::at(x, top, SIZE, &text)
            });
            top += STEP;
        }
        split |= pages.len() != start_page;
        top += 6.0;
    }
    // The furniture: the page number at the top centre from page 2 on, just above the
    // first body line; a small running footer on every page.
    let last = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        if i > 0 {
            page.push(PdfLine::at(
                293.0,
                BODY_TOP - 17.0,
                SIZE,
                &(i + 1).to_string(),
            ));
        }
        page.push(PdfLine::at(LEFT, 805.0, 10.0, FOOTER));
    }
    assert!(last >= 3, "the fixture spans at least three pages");
    (pages, split)
}

fn letterhead() -> Vec<PdfLine> {
    vec![
        PdfLine::at(70.0, 40.0, SIZE, "UBND TỈNH LÂM ĐỒNG"),
        PdfLine::at(300.0, 40.0, SIZE, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        PdfLine::at(100.0, 58.0, SIZE, "SỞ NỘI VỤ"),
        PdfLine::at(340.0, 58.0, SIZE, "Độc lập - Tự do - Hạnh phúc"),
        PdfLine::at(80.0, 90.0, SIZE, "Số: 125/BC-SNV"),
        PdfLine::at(300.0, 90.0, SIZE, "Lâm Đồng, ngày 15 tháng 12 năm 2025"),
        PdfLine::at(270.0, 130.0, SIZE, "BÁO CÁO"),
        PdfLine::at(
            150.0,
            150.0,
            SIZE,
            "Kết quả công tác cải cách hành chính năm 2025",
        ),
    ]
}

/// The report's body: headings and paragraphs long enough for three pages and more.
fn paragraphs() -> Vec<String> {
    let areas = [
        "cải cách thể chế",
        "cải cách thủ tục hành chính",
        "cải cách tổ chức bộ máy",
        "cải cách chế độ công vụ",
        "cải cách tài chính công",
        "xây dựng chính quyền số",
        "hiện đại hóa nền hành chính",
        "công tác chỉ đạo, điều hành",
    ];
    let mut out = vec!["I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ".to_string()];
    for (k, area) in areas.iter().enumerate() {
        out.push(format!(
            "Về {area}, trong năm Sở Nội vụ đã tham mưu Ủy ban nhân dân tỉnh ban hành {} văn bản chỉ đạo, điều hành; tổ chức {} đợt kiểm tra tại {} cơ quan, đơn vị và địa phương; kịp thời chấn chỉnh {} tồn tại, hạn chế được phát hiện qua kiểm tra. Tỷ lệ hồ sơ được giải quyết đúng hạn đạt {},{}%, tăng {},{}% so với cùng kỳ năm trước; mức độ hài lòng của người dân và doanh nghiệp đạt {},{}%. Các cơ quan, đơn vị đã rà soát, đề xuất đơn giản hóa {} thủ tục, cắt giảm chi phí tuân thủ ước tính {} triệu đồng mỗi năm.",
            k + 3,
            k + 2,
            12 + 3 * k,
            4 + k,
            91 + k % 7,
            k,
            1 + k % 3,
            k + 2,
            88 + k,
            9 - k,
            7 + 2 * k,
            150 + 25 * k,
        ));
    }
    out.push("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026".to_string());
    for (k, area) in areas.iter().enumerate() {
        out.push(format!(
            "Tiếp tục đẩy mạnh {area} gắn với chuyển đổi số, phấn đấu đến hết năm 2026 tỷ lệ hồ sơ trực tuyến toàn trình đạt {}% trở lên; tăng cường kỷ luật, kỷ cương hành chính, thực hiện nghiêm việc đánh giá cán bộ theo kết quả công việc và mức độ hài lòng của người dân tại {} bộ phận một cửa các cấp.",
            60 + 5 * k,
            20 + k
        ));
    }
    out
}

fn units_text(parsed: &Value) -> String {
    parsed["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}\n{}",
                s["heading"].as_str().unwrap_or(""),
                s["text"].as_str().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn page_numbers_and_running_footers_leave_the_body_whole() {
    if !installed("pdftotext", &["-v"]) {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let paras = paragraphs();
    let (pages, split) = typeset(letterhead(), &paras);
    assert!(split, "some paragraph runs over a page break");
    let pdf = docs.join("bao-cao-cchc-2025.signed.pdf");
    std::fs::write(&pdf, write_pdf(&pages)).unwrap();

    let parsed = json_ok(&run_in(
        tmp.path(),
        &["--json", "parse", pdf.to_str().unwrap()],
    ));
    let all = units_text(&parsed);
    for p in &paras[1..] {
        if p.starts_with("II.") {
            continue;
        }
        assert!(
            all.contains(p.as_str()),
            "paragraph lost or cut:\n{p}\n---\n{all}"
        );
    }
    assert!(
        !all.contains("bản điện tử"),
        "running footer indexed:\n{all}"
    );
    assert_eq!(parsed["number"], "125/BC-SNV");
    let headings: Vec<&str> = parsed["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["heading"].as_str())
        .collect();
    assert!(
        headings.iter().any(|h| h.contains("PHƯƠNG HƯỚNG")),
        "{headings:?}"
    );

    // Searchable whole: every paragraph's words across a page break are found as a
    // phrase, the footer's words are not.
    let idx = tmp.path().join("idx");
    index_folder(tmp.path(), &docs, &idx);
    let hits = |q: &str| -> u64 {
        let v = json_ok(&run_json(tmp.path(), &idx, &["search", q]));
        v["total"].as_u64().unwrap_or_else(|| panic!("{v}"))
    };
    assert_eq!(hits("\"bản điện tử gửi kèm hồ sơ trình\""), 0);
    assert!(hits("\"cắt giảm chi phí tuân thủ ước tính 275 triệu đồng\"") > 0);
}

#[test]
fn a_letterhead_repeated_on_each_letter_of_a_file_stays() {
    if !installed("pdftotext", &["-v"]) {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    // Three letters of one ministry in one file, each on its page under the same
    // two-column letterhead: the repeated agency name is text, not a running header.
    let recipients = [
        "Ủy ban nhân dân các tỉnh, thành phố",
        "Liên đoàn Luật sư Việt Nam",
        "Hiệp hội Công chứng viên Việt Nam",
    ];
    let pages: Vec<Vec<PdfLine>> = recipients
        .iter()
        .map(|to| {
            vec![
                PdfLine::at(90.0, 40.0, SIZE, "BỘ TƯ PHÁP"),
                PdfLine::at(300.0, 40.0, SIZE, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                PdfLine::at(330.0, 58.0, SIZE, "Độc lập - Tự do - Hạnh phúc"),
                PdfLine::at(80.0, 90.0, SIZE, "Số: 3917/BTP-BTTP"),
                PdfLine::at(300.0, 90.0, SIZE, "Hà Nội, ngày 01 tháng 7 năm 2025"),
                PdfLine::at(150.0, 140.0, SIZE, &format!("Kính gửi: {to}")),
                PdfLine::at(
                    LEFT + 36.0,
                    170.0,
                    SIZE,
                    "Bộ Tư pháp đề nghị quan tâm hướng dẫn việc hợp nhất.",
                ),
            ]
        })
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("cong-van-3917.pdf");
    std::fs::write(&pdf, write_pdf(&pages)).unwrap();
    let parsed = json_ok(&run_in(
        tmp.path(),
        &["--json", "parse", pdf.to_str().unwrap()],
    ));
    let all = units_text(&parsed);
    assert_eq!(all.matches("BỘ TƯ PHÁP").count(), 3, "{all}");
    for to in recipients {
        assert!(all.contains(to), "{to}: {all}");
    }
}
