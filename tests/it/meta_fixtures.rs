//! Small documents in the style of the real files (letterheads of a Sở, of UBND, of a
//! Ban Chỉ đạo, of a party committee, of a hội; a công văn, a công điện, tờ trình, reports),
//! in the layouts they reach the parser in: pandoc grid rows, columns run together on one
//! line, pdftotext's interleaved lines, and a real .docx letterhead table. Shared by the
//! `meta_*` test files.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use crate::formats_support::{write_docx, Para};

/// A report of a Sở, letterhead as pandoc grid rows; annual, with the year ahead named.
pub const BAO_CAO_NAM: &str = "\
| UBND TỈNH LÂM ĐỒNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
| SỞ NỘI VỤ | Độc lập - Tự do - Hạnh phúc |
| Số: 329/BC-SNV | Lâm Đồng, ngày 19 tháng 12 năm 2025 |

BÁO CÁO

Kết quả thực hiện nhiệm vụ năm 2025 và phương hướng, nhiệm vụ năm 2026

Thực hiện Công văn số 1200/UBND-NC ngày 01/12/2025 của UBND tỉnh, Sở Nội vụ báo cáo như sau:

I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025

1. Công tác tổ chức bộ máy

Hoàn thành sắp xếp tổ chức bộ máy các cơ quan chuyên môn; giải ngân vốn đầu tư công đạt 95% kế hoạch.

2. Công tác cải cách hành chính

Chỉ số cải cách hành chính của tỉnh tăng 5 bậc.

II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026

Tiếp tục rà soát chức năng, nhiệm vụ của các cơ quan.

Trên đây là báo cáo của Sở Nội vụ./.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

GIÁM ĐỐC

(Đã ký)

Nguyễn Đức Vũ
";

/// A monthly report of UBND, columns run together on one line; its title also names six
/// months.
pub const BAO_CAO_THANG: &str = "\
ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc
Số: 88/BC-UBND Lâm Đồng, ngày 31 tháng 3 năm 2026

BÁO CÁO

Tình hình kinh tế - xã hội tháng 3 năm 2026 và dự kiến 6 tháng đầu năm

I. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 3

1. Sản xuất nông nghiệp

Giải ngân vốn đầu tư công đến hết tháng 3 đạt 21% kế hoạch.

II. NHIỆM VỤ TRỌNG TÂM

Đẩy nhanh tiến độ giải ngân vốn đầu tư công.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Lê Trọng Yên
";

/// A công văn (its `V/v` line), a draft: number and day left blank; its legal basis cites
/// a mistyped later year (2055, as in a real draft decision): the draft's own year is that
/// of its place-date line.
pub const CONG_VAN_NHAP: &str = "\
ỦY BAN NHÂN DÂN

TỈNH LÂM ĐỒNG

Số: /UBND-NC

V/v triển khai thực hiện Công văn số 427/BCA-C04 của Bộ Công an

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc

Lâm Đồng, ngày tháng 02 năm 2026

Kính gửi: Công an tỉnh.

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2055;

Ủy ban nhân dân tỉnh nhận được Công văn số 427/BCA-C04 của Bộ Công an về chương trình mục tiêu quốc gia phòng, chống ma túy.

Ủy ban nhân dân tỉnh giao Công an tỉnh chủ trì, tham mưu triển khai thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT, NC.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
";

/// A công điện of Văn phòng Chính phủ as pdftotext gives it (lines interleaved).
pub const CONG_DIEN: &str = "\
VĂN PHÒNG CHÍNH PHỦ
_______________
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 58/CĐ-VPCP
Hà Nội, ngày 10 tháng 01 năm 2026
CÔNG ĐIỆN
Phiên họp lần thứ nhất Ban Chỉ đạo quốc gia về dữ liệu.
VĂN PHÒNG CHÍNH PHỦ điện:
- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
I. Thời gian: 14 giờ 30 phút, ngày 12 tháng 01 năm 2026.
II. Địa điểm: Trụ sở Chính phủ và trụ sở Ủy ban nhân dân các tỉnh.
Văn phòng Chính phủ trân trọng thông báo./.
KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Phạm Mạnh Cường
";

/// A tờ trình of a Ban Chỉ đạo under UBND, letterhead over two lines.
pub const TO_TRINH_BCD: &str = "\
UBND TỈNH LÂM ĐỒNG

BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ,

CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06

Số: 12/TTr-BCĐ

Lâm Đồng, ngày 5 tháng 9 năm 2025

TỜ TRÌNH

Về việc ban hành Kế hoạch chuyển đổi số năm 2025

Kính gửi: Ủy ban nhân dân tỉnh.

1. Sự cần thiết

Chuyển đổi số là nhiệm vụ trọng tâm của tỉnh.

2. Nội dung đề nghị

Ban hành Kế hoạch chuyển đổi số năm 2025.

TM. BAN CHỈ ĐẠO
PHÓ TRƯỞNG BAN

Trần Hữu Tuấn
";

/// A party committee's report signed for its standing board.
pub const BAO_CAO_TINH_UY: &str = "\
TỈNH ỦY LÂM ĐỒNG
*
Số 45-BC/TU

ĐẢNG CỘNG SẢN VIỆT NAM

Lâm Đồng, ngày 2 tháng 10 năm 2025

BÁO CÁO

Sơ kết công tác chuyển đổi số trong các cơ quan đảng

I. TÌNH HÌNH

Các cơ quan đảng đã số hóa hồ sơ.

II. NHIỆM VỤ

Tiếp tục số hóa.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Hoàng Văn Bằng
";

/// A letter of an association, pandoc grid rows.
pub const HOI: &str = "\
| UBND TỈNH LÂM ĐỒNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
| HIỆP HỘI DOANH NGHIỆP TỈNH LÂM ĐỒNG | Độc lập - Tự do - Hạnh phúc |
| Số: 01/BC-HHDN | Lâm Đồng, ngày 28 tháng 6 năm 2025 |

BÁO CÁO

Kết quả Đại hội nhiệm kỳ 2025 - 2030

1. Công tác chuẩn bị

Đại hội được tổ chức ngày 27/6/2025 với 150 hội viên.

2. Kết quả bầu cử

Bầu Ban Chấp hành gồm 25 thành viên.

TM. BAN CHẤP HÀNH
CHỦ TỊCH

Nguyễn Hữu Thành
";

/// A note without any numbered heading: indexed as one unit, `doc_id#preamble`.
pub const GHI_CHU: &str = "\
GHI CHÚ

Về tình hình thủy lợi nội đồng: các hồ chứa nước đã tích đủ dung tích thiết kế.

Công tác quản lý vận hành bảo đảm an toàn đập thượng du.
";

/// The .docx letterhead table of a decision (a real Word table, read cell by cell).
pub fn quyet_dinh_docx() -> Vec<u8> {
    let rows = vec![
        vec![
            "ỦY BAN NHÂN DÂN".to_string(),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string(),
        ],
        vec![
            "TỈNH BÌNH THUẬN".to_string(),
            "Độc lập - Tự do - Hạnh phúc".to_string(),
        ],
        vec![
            "Số: 1424/QĐ-UBND".to_string(),
            "Bình Thuận, ngày 30 tháng 6 năm 2025".to_string(),
        ],
    ];
    let paras = vec![
        Para::Table(rows),
        Para::Text("QUYẾT ĐỊNH".to_string()),
        Para::Text("Phê duyệt Điều lệ (sửa đổi, bổ sung) Hiệp hội Doanh nghiệp tỉnh".to_string()),
        Para::Text("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN".to_string()),
        Para::Text("Căn cứ Luật Tổ chức chính quyền địa phương;".to_string()),
        Para::Text("QUYẾT ĐỊNH:".to_string()),
        Para::Text(
            "Điều 1. Phê duyệt Điều lệ (sửa đổi, bổ sung) Hiệp hội Doanh nghiệp tỉnh.".to_string(),
        ),
        Para::Text("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.".to_string()),
        Para::Text("KT. CHỦ TỊCH".to_string()),
        Para::Text("PHÓ CHỦ TỊCH".to_string()),
        Para::Text("Nguyễn Hồng Hải".to_string()),
    ];
    write_docx(&paras, &[])
}

/// What each fixture's metadata must be: file, doc type, period, issuer, number, date,
/// signer.
pub struct Expected {
    pub file: &'static str,
    pub doc_type: &'static str,
    pub period: &'static str,
    pub issuer: &'static str,
    pub number: Option<&'static str>,
    pub date: Option<&'static str>,
    pub signer: Option<&'static str>,
}

/// The fixtures and their expected metadata.
pub const EXPECTED: &[Expected] = &[
    Expected {
        file: "bao-cao-nam.txt",
        doc_type: "bao-cao/nam",
        period: "2025",
        issuer: "Sở Nội vụ tỉnh Lâm Đồng",
        number: Some("329/BC-SNV"),
        date: Some("2025-12-19"),
        signer: Some("Nguyễn Đức Vũ"),
    },
    Expected {
        file: "bao-cao-thang.txt",
        doc_type: "bao-cao/thang",
        period: "2026-03",
        issuer: "UBND tỉnh Lâm Đồng",
        number: Some("88/BC-UBND"),
        date: Some("2026-03-31"),
        signer: Some("Lê Trọng Yên"),
    },
    Expected {
        file: "cong-van-nhap.txt",
        doc_type: "cong-van",
        period: "2026",
        issuer: "UBND tỉnh Lâm Đồng",
        number: None,
        date: None,
        signer: None,
    },
    Expected {
        file: "cong-dien.txt",
        doc_type: "cong-dien",
        period: "2026",
        issuer: "Văn phòng Chính phủ",
        number: Some("58/CĐ-VPCP"),
        date: Some("2026-01-10"),
        signer: Some("Phạm Mạnh Cường"),
    },
    Expected {
        file: "to-trinh-bcd.txt",
        doc_type: "to-trinh",
        period: "2025",
        issuer:
            "Ban Chỉ đạo phát triển khoa học, công nghệ, chuyển đổi số và đề án 06 tỉnh Lâm Đồng",
        number: Some("12/TTr-BCĐ"),
        date: Some("2025-09-05"),
        signer: Some("Trần Hữu Tuấn"),
    },
    Expected {
        file: "bao-cao-tinh-uy.txt",
        doc_type: "bao-cao/chuyen-de",
        period: "2025",
        issuer: "Ban Thường vụ Tỉnh ủy Lâm Đồng",
        number: Some("45-BC/TU"),
        date: Some("2025-10-02"),
        signer: Some("Hoàng Văn Bằng"),
    },
    Expected {
        file: "hoi.txt",
        doc_type: "bao-cao/chuyen-de",
        period: "2025",
        issuer: "Hiệp hội Doanh nghiệp tỉnh Lâm Đồng",
        number: Some("01/BC-HHDN"),
        date: Some("2025-06-28"),
        signer: Some("Nguyễn Hữu Thành"),
    },
    Expected {
        file: "quyet-dinh.docx",
        doc_type: "quyet-dinh",
        period: "2025",
        issuer: "UBND tỉnh Bình Thuận",
        number: Some("1424/QĐ-UBND"),
        date: Some("2025-06-30"),
        signer: Some("Nguyễn Hồng Hải"),
    },
];

/// Writes every fixture into `dir` (created), the note without headings too.
pub fn write_all(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for (name, text) in [
        ("bao-cao-nam.txt", BAO_CAO_NAM),
        ("bao-cao-thang.txt", BAO_CAO_THANG),
        ("cong-van-nhap.txt", CONG_VAN_NHAP),
        ("cong-dien.txt", CONG_DIEN),
        ("to-trinh-bcd.txt", TO_TRINH_BCD),
        ("bao-cao-tinh-uy.txt", BAO_CAO_TINH_UY),
        ("hoi.txt", HOI),
        ("ghi-chu.txt", GHI_CHU),
    ] {
        fs::write(dir.join(name), text).unwrap();
    }
    fs::write(dir.join("quyet-dinh.docx"), quyet_dinh_docx()).unwrap();
}
