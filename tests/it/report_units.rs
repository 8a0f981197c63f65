//! No text lost and the right outline, through the real binary, on a small report in the
//! style of the real files: the introduction is a unit of its own (`doc#preamble`) that a
//! search finds; a table is a unit with its cells separated and `figures` reads its rows
//! with the row label as context; `Một là / Hai là` open units; numbering that skips (III
//! missing) keeps the tree.

use serde_json::Value;

use crate::common::run_in;

const REPORT: &str = r#"UBND TỈNH LÂM ĐỒNG
SỞ TÀI CHÍNH

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 45/BC-STC

Lâm Đồng, ngày 05 tháng 4 năm 2026

BÁO CÁO
Tình hình giải ngân vốn đầu tư công tháng 3 năm 2026

Thực hiện Công văn số 1287/UBND-KT ngày 01/3/2026 của UBND tỉnh về đôn đốc tiến độ thanh quyết toán, Sở Tài chính báo cáo như sau:

I. KẾT QUẢ THỰC HIỆN

Một là, hoàn thiện thể chế về đầu tư công trên địa bàn tỉnh.

Hai là, đẩy nhanh tiến độ các dự án trọng điểm của tỉnh.

Bảng 1: Kết quả giải ngân đến ngày 31/3/2026

| Chỉ tiêu | Đơn vị | Kết quả |
| Tỷ lệ giải ngân vốn đầu tư công | % | 51,8 |
| Số dự án hoàn thành | dự án | 12 |

II. NHIỆM VỤ THÁNG 4

1. Tập trung tháo gỡ vướng mắc về mặt bằng.

2. Kiểm tra các chủ đầu tư giải ngân chậm.

IV. ĐÁNH GIÁ CHUNG

Công tác giải ngân còn chậm so với kế hoạch năm.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

GIÁM ĐỐC

Nguyễn Văn An
"#;

fn json(dir: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["--index", "idx", "--json"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn introduction_tables_and_enumerations_are_units_and_figures_read_table_rows() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/so-tai-chinh.txt"), REPORT).unwrap();
    let out = run_in(dir.path(), &["--json", "parse", "docs/so-tai-chinh.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    // The letterhead first, then the introduction; the closing block last.
    assert_eq!(ids[0], "so-tai-chinh#letterhead", "{ids:?}");
    assert_eq!(ids[1], "so-tai-chinh#preamble", "{ids:?}");
    assert_eq!(ids.last(), Some(&"so-tai-chinh#closing"), "{ids:?}");
    for id in [
        "#I",
        "#I.Một là",
        "#I.Hai là",
        "#II",
        "#II.1",
        "#II.2",
        "#IV",
    ] {
        assert!(ids.iter().any(|i| i.ends_with(id)), "{id} in {ids:?}");
    }
    let table = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_str().unwrap().contains("table1"))
        .expect("a table unit");
    assert_eq!(
        table["heading"],
        "Bảng 1: Kết quả giải ngân đến ngày 31/3/2026"
    );
    assert!(
        table["text"]
            .as_str()
            .unwrap()
            .contains("Tỷ lệ giải ngân vốn đầu tư công | % | 51,8"),
        "{table}"
    );
    // The skipped III does not swallow IV into II.
    let ii2 = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_str().unwrap().ends_with("#II.2"))
        .unwrap();
    assert!(!ii2["text"].as_str().unwrap().contains("còn chậm"), "{ii2}");

    let out = run_in(dir.path(), &["--index", "idx", "index", "docs"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A phrase of the introduction finds the introduction unit.
    let hits = json(dir.path(), &["search", "\"thanh quyết toán\""]);
    let text = hits.to_string();
    assert!(text.contains("so-tai-chinh#preamble"), "{text}");
    // figures reads the table row: the bare number with the row's unit column, the row
    // (its label first) as the figure's sentence.
    let v = json(dir.path(), &["figures", "tỷ lệ giải ngân"]);
    let rows = v["figures"].as_array().unwrap();
    let f = rows
        .iter()
        .find(|r| r["value"].as_f64() == Some(51.8))
        .unwrap_or_else(|| panic!("51,8 % from the table: {v}"));
    assert_eq!(f["unit"], "%");
    assert!(f["sentence"]
        .as_str()
        .unwrap()
        .starts_with("Tỷ lệ giải ngân vốn đầu tư công | %"));
    assert!(f["section_id"].as_str().unwrap().contains("table1"), "{f}");
}

/// A công văn in the style of the real ones: the letterhead and the closing block are
/// units of their own (`#letterhead`, `#closing`) that a search finds by the number, the
/// recipients or the signer's name, never section text; the national motto is left out.
const LETTER: &str = r#"UBND TỈNH LÂM ĐỒNG
SỞ NỘI VỤ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 3331/SNV-TCBC

Lâm Đồng, ngày 03 tháng 12 năm 2025

V/v ý kiến đối với hồ sơ đề nghị hợp nhất Đoàn Luật sư tỉnh

Kính gửi: Sở Tư pháp.

Sở Nội vụ nhận được hồ sơ đề nghị hợp nhất và thống nhất với nội dung đề nghị./.

Nơi nhận:
- Như trên;
- Giám đốc Sở (để b/c);
- Lưu: VT, TCBC.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Nguyễn Đức Vũ
"#;

#[test]
fn the_letterhead_and_the_closing_block_are_units_a_search_finds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/cv.txt"), LETTER).unwrap();
    let v = json(dir.path(), &["parse", "docs/cv.txt"]);
    let sections = v["sections"].as_array().unwrap();
    let unit = |id: &str| {
        sections
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("no {id}: {v}"))
    };
    let head = unit("cv#letterhead");
    let head_text = format!("{}\n{}", head["heading"], head["text"]);
    for part in [
        "UBND TỈNH LÂM ĐỒNG",
        "SỞ NỘI VỤ",
        "Số: 3331/SNV-TCBC",
        "ngày 03 tháng 12",
    ] {
        assert!(head_text.contains(part), "{part}: {head}");
    }
    assert!(!head_text.contains("Hạnh phúc"), "{head}");
    let closing = unit("cv#closing");
    let closing_text = format!("{}\n{}", closing["heading"], closing["text"]);
    for part in [
        "Nơi nhận",
        "Giám đốc Sở (để b/c)",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Đức Vũ",
    ] {
        assert!(closing_text.contains(part), "{part}: {closing}");
    }
    assert_eq!(v["signer"], "Nguyễn Đức Vũ");
    for s in sections.iter().filter(|s| s["id"] != "cv#closing") {
        assert!(
            !s["text"].as_str().unwrap().contains("Nguyễn Đức Vũ"),
            "{s}"
        );
    }
    let out = run_in(dir.path(), &["--index", "idx", "index", "docs"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (query, id) in [
        ("\"Nguyễn Đức Vũ\"", "cv#closing"),
        ("\"3331/SNV-TCBC\"", "cv#letterhead"),
    ] {
        let hits = json(dir.path(), &["search", query]);
        assert!(hits.to_string().contains(id), "{query}: {hits}");
    }
}
