//! Property tests: the parser never panics on arbitrary text, and every section's and
//! footnote's lines point into the file.

use baocao::report;
use proptest::prelude::*;

/// Lines that look like report material: headings of every style, markers, footnote
/// starts, page separators, closing lines, and noise.
fn report_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("I. CÔNG TÁC CHỈ ĐẠO".to_string()),
        Just("II- KẾT QUẢ".to_string()),
        Just(" Phần I ".to_string()),
        Just("1. Về phát triển kinh tế".to_string()),
        Just("1.1. Sản xuất nông nghiệp".to_string()),
        Just("2.3.1. Kết quả".to_string()),
        Just("a) Về thực hiện".to_string()),
        Just("đ) Hoạt động".to_string()),
        Just("Tổng diện tích đạt 6.137,6 ha¹, tăng 3,2%².".to_string()),
        Just("¹ Lũy kế 02 tháng.".to_string()),
        Just("ước đạt 3.666 ha1; đàn gia súc ổn định2 ".to_string()),
        Just("2023. Từ 01/01/2023 đến nay ".to_string()),
        Just("46Trong đó: 13 vụ ".to_string()),
        Just(" ".repeat(43)),
        Just(" ".repeat(132)),
        Just(" tiếp tục sau trang ".to_string()),
        Just("**I- A**1. B**".to_string()),
        Just("**".to_string()),
        Just("Nơi nhận:".to_string()),
        Just("TM. ỦY BAN NHÂN DÂN".to_string()),
        Just("Số: /BC-UBND".to_string()),
        Just(String::new()),
        "[a-zA-Z0-9 .,;:()/¹²³⁴⁵⁶⁷⁸⁹⁰*-]{0,60}",
        "\\PC{0,40}",
    ]
}

fn check(text: &str) {
    let line_count = text.split('\n').count().max(1);
    let r = report::parse_text("prop.txt", text);
    for s in &r.sections {
        assert!(s.line_start >= 1, "{s:?}");
        assert!(s.line_start <= s.line_end, "{s:?}");
        assert!(s.line_end <= line_count, "{s:?} beyond {line_count} lines");
        // Only the introduction unit and the frame (letterhead, closing) have no path.
        let pathless = s.id.ends_with("#preamble") || report::frame::is_frame_id(&s.id);
        assert_eq!(s.path.is_empty(), pathless, "{s:?}");
    }
    for f in &r.footnotes {
        assert!(f.line_start >= 1 && f.line_start <= line_count, "{f:?}");
    }
    let mut numbers: Vec<u32> = r.footnotes.iter().map(|f| f.number).collect();
    let n = numbers.len();
    numbers.dedup();
    assert_eq!(numbers.len(), n, "duplicate footnote numbers");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        check(&text);
    }

    #[test]
    fn never_panics_on_report_like_text(lines in prop::collection::vec(report_line(), 0..60), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        check(&text);
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        // Errors are fine; panics are not.
        let _ = report::parse_bytes("prop.bin", &bytes);
    }

    #[test]
    fn rendering_never_panics(lines in prop::collection::vec(report_line(), 0..40), width in 10usize..120, page in 1usize..60) {
        let text = lines.join("\n\n");
        let opts = report::render::PdfOptions { width, footnote_width: width + 10, page_lines: page };
        let pdf = report::render::pdf_layout(&text, &opts);
        check(&pdf);
    }
}
