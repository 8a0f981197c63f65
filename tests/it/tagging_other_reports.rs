//! The tagger on a report unlike the bundled ones (another province, a coastal economy,
//! other headings), through the real parser: the rules must generalize.

use baocao::report::{self, role_slug, Report, Section};
use baocao::tagging::{sector_matches, tag_report};

const REPORT: &str = "ỦY BAN NHÂN DÂN TỈNH CÀ MAU

BÁO CÁO

Tình hình kinh tế - xã hội năm 2023, phương hướng, nhiệm vụ năm 2024

I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2023

1. Lĩnh vực kinh tế

1.1. Nông nghiệp, thủy sản

Sản lượng nuôi trồng và khai thác thủy sản đạt 620 nghìn tấn, tăng 3,2% so với năm trước. Diện tích gieo cấy lúa đạt 110 nghìn ha.

1.2. Thu hút đầu tư, phát triển doanh nghiệp

Thành lập mới 450 doanh nghiệp, vốn đăng ký 3.200 tỷ đồng; cấp chủ trương đầu tư cho 12 dự án.

1.3. Giao thông vận tải, phát triển đô thị

Hoàn thành nâng cấp 35 km đường tỉnh; giải ngân vốn đầu tư công đạt 92% kế hoạch.

2. Văn hóa - xã hội

Hoàn thành năm học 2022 - 2023, tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 98%. Khám, chữa bệnh cho 1,2 triệu lượt người; bảo hiểm y tế bao phủ 93% dân số. Giải quyết việc làm cho 32 nghìn lao động, giảm 1.500 hộ nghèo.

3. Quốc phòng, an ninh

Tình hình an ninh chính trị, trật tự, an toàn xã hội ổn định; hoàn thành giao nhận quân.

II. NHỮNG TỒN TẠI, HẠN CHẾ

1. Tiến độ giải ngân vốn đầu tư công một số dự án còn chậm.

2. Tình hình sạt lở bờ sông, xâm nhập mặn diễn biến phức tạp, gây thiệt hại cho sản xuất.

III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024

1. Đẩy mạnh chuyển đổi số, phát triển kinh tế số, xã hội số.

2. Tăng cường công tác tiếp công dân, giải quyết khiếu nại, tố cáo; phòng, chống tham nhũng.

IV. KIẾN NGHỊ

Đề nghị Chính phủ hỗ trợ vốn đầu tư xây dựng công trình phòng, chống sạt lở bờ biển.
";

fn section<'a>(r: &'a Report, path: &[&str]) -> &'a Section {
    r.sections
        .iter()
        .find(|s| s.path == path)
        .unwrap_or_else(|| {
            let paths: Vec<_> = r.sections.iter().map(|s| s.path.clone()).collect();
            panic!("no section {path:?} in {paths:?}")
        })
}

#[test]
fn a_report_of_another_province_tags_sensibly() {
    let mut r = report::parse_text("camau_2023.txt", REPORT);
    tag_report(&mut r);
    let cases: &[(&[&str], &str, &str)] = &[
        (&["I"], "tong-hop", "tinh-hinh"),
        (&["I", "1"], "kinh-te", "tinh-hinh"),
        (&["I", "1", "1.1"], "kinh-te/nong-lam-nghiep", "tinh-hinh"),
        (&["I", "1", "1.2"], "kinh-te/doanh-nghiep", "tinh-hinh"),
        (&["I", "1", "1.3"], "kinh-te/dau-tu-ha-tang", "tinh-hinh"),
        (&["I", "2"], "van-hoa-xa-hoi", "tinh-hinh"),
        (&["I", "3"], "quoc-phong-an-ninh", "tinh-hinh"),
        (&["II", "1"], "kinh-te/dau-tu-ha-tang", "han-che"),
        (&["II", "2"], "thien-tai", "han-che"),
        (&["III", "1"], "chuyen-doi-so", "nhiem-vu"),
        (&["III", "2"], "thanh-tra", "nhiem-vu"),
        (&["IV"], "thien-tai", "kien-nghi"),
    ];
    for (path, sector, role) in cases {
        let s = section(&r, path);
        assert!(
            s.sectors.iter().any(|x| sector_matches(sector, x)),
            "{path:?} [{}]: wants {sector}, got {:?}",
            s.heading,
            s.sectors
        );
        assert_eq!(role_slug(s.role), *role, "{path:?} [{}]", s.heading);
    }
    // The social field names its sub-fields.
    let social = &section(&r, &["I", "2"]).sectors;
    for child in [
        "van-hoa-xa-hoi/giao-duc",
        "van-hoa-xa-hoi/y-te",
        "van-hoa-xa-hoi/lao-dong-an-sinh",
    ] {
        assert!(
            social.iter().any(|s| s == child),
            "{social:?} lacks {child}"
        );
    }
}
