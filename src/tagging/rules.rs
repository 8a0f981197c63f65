//! The rules tables: Vietnamese phrases → sector slugs, and heading phrases → role slugs.
//!
//! Everything the tagger knows about vocabulary lives here; the engine in
//! [`super::engine`] has no word list of its own. To add a sector, add a row to
//! [`SECTORS`] and rows to [`SECTOR_RULES`]; to teach a new phrase, add it to a row.
//! `docs/tagging-rules.md` renders these tables (one line per rule); refresh it with
//! `BAOCAO_WRITE_DOCS=1 cargo test --test tagging_docs`.
//!
//! How phrases are matched:
//! - phrases are written with diacritics for readability; both the phrase and the text are
//!   folded (`đ→d`, no tone marks, lower case) and split into words, so `Giải ngân`,
//!   `giai ngan` and `GIẢI NGÂN` are the same phrase. Write a phrase with the punctuation
//!   it usually carries in reports: where the phrase has punctuation (`,`, `-`) the text
//!   may have any or none (`thu, chi ngân sách` also catches `thu chi ngân sách`,
//!   `quốc phòng - an ninh` also `quốc phòng, an ninh`); where the phrase has a plain space
//!   the text must too (`hạ tầng` does not catch `47.970 ha, tăng 0,79%`). A phrase never
//!   spans a sentence end (`.`, `;`, `:`, `?`, `!`, line end);
//! - `#` in a phrase stands for any number (`bão số #` catches `bão số 3`);
//! - at each word the **longest** phrase of the whole table wins and consumes its words,
//!   so `môi trường kinh doanh` (business climate) is never read as `môi trường`
//!   (environment), `xuất khẩu lao động` never as `xuất khẩu`, `gian lận thương mại`
//!   never as `thương mại`. Rows with the sector [`NEUTRAL`] exist only for that: they
//!   swallow look-alike phrases (folding makes `thông báo số 70` look like `bão số #`).
//!
//! Prefer multi-word phrases: folding merges words that differ only by diacritics
//! (`dân`/`dần`, `thu` (collect)/`thu hút`, `thuế` (tax)/`thuê` (rent), `bão` (storm)/`báo`).

/// One row of the sector rules table.
#[derive(Debug, Clone, Copy)]
pub struct SectorRule {
    /// Sector slug (a key of [`SECTORS`]), or [`NEUTRAL`].
    pub sector: &'static str,
    /// How strongly one occurrence names the sector.
    pub weight: Weight,
    /// Phrases, with diacritics, matched as whole words on folded text.
    pub phrases: &'static [&'static str],
    /// What the row catches (documentation).
    pub catches: &'static str,
}

/// How strongly a phrase names its sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Unambiguous, specific phrase (`giải ngân`, `khiếu nại`, `xuất nhập khẩu`).
    Strong,
    /// Usual name of the field (`ngân sách`, `du lịch`, `an ninh`).
    Normal,
    /// Often incidental (`doanh nghiệp`, `dịch vụ`, `giao thông`): counts, but one mention
    /// in a body never suffices.
    Weak,
    /// Counts only in a heading: field names that are everywhere in body text
    /// (`chỉ đạo, điều hành`, `kinh tế - xã hội`, `kinh tế`).
    HeadingOnly,
}

impl Weight {
    /// Points of one occurrence in body text.
    pub fn body_points(self) -> f32 {
        match self {
            Weight::Strong => 3.0,
            Weight::Normal => 2.0,
            Weight::Weak => 1.0,
            Weight::HeadingOnly => 0.0,
        }
    }

    /// Points of one occurrence in a heading.
    pub fn heading_points(self) -> f32 {
        match self {
            Weight::Strong => 3.0,
            Weight::Normal => 2.0,
            Weight::Weak => 1.0,
            Weight::HeadingOnly => 2.0,
        }
    }
}

/// Sector of the rows that only swallow look-alike phrases.
pub const NEUTRAL: &str = "";

/// The sector taxonomy (README, "Filter values"): slug and Vietnamese label. Parents come before their
/// children; a child slug is `parent/child`.
pub const SECTORS: &[(&str, &str)] = &[
    ("kinh-te", "Kinh tế"),
    (
        "kinh-te/nong-lam-nghiep",
        "Nông, lâm nghiệp, thủy sản, nông thôn mới",
    ),
    ("kinh-te/cua-khau", "Kinh tế cửa khẩu, xuất nhập khẩu"),
    (
        "kinh-te/dau-tu-ha-tang",
        "Đầu tư công, xây dựng, giao thông, quy hoạch",
    ),
    ("kinh-te/cong-nghiep", "Công nghiệp, năng lượng"),
    ("kinh-te/thuong-mai-du-lich", "Thương mại, dịch vụ, du lịch"),
    ("kinh-te/doanh-nghiep", "Doanh nghiệp, thu hút đầu tư"),
    ("kinh-te/ngan-sach", "Thu chi ngân sách, thuế, tín dụng"),
    ("van-hoa-xa-hoi", "Văn hóa - xã hội"),
    ("van-hoa-xa-hoi/giao-duc", "Giáo dục, đào tạo"),
    ("van-hoa-xa-hoi/y-te", "Y tế, dân số"),
    ("van-hoa-xa-hoi/van-hoa-the-thao", "Văn hóa, thể thao"),
    (
        "van-hoa-xa-hoi/lao-dong-an-sinh",
        "Lao động, việc làm, an sinh xã hội",
    ),
    ("chuyen-doi-so", "Chuyển đổi số, thông tin và truyền thông"),
    ("tai-nguyen-moi-truong", "Tài nguyên và môi trường"),
    ("khoa-hoc-cong-nghe", "Khoa học và công nghệ"),
    (
        "thanh-tra",
        "Thanh tra, khiếu nại, tố cáo, phòng chống tham nhũng, buôn lậu",
    ),
    (
        "quoc-phong-an-ninh",
        "Quốc phòng, an ninh, trật tự an toàn xã hội",
    ),
    ("doi-ngoai", "Đối ngoại"),
    (
        "cai-cach-hanh-chinh",
        "Cải cách hành chính, nội vụ, thi đua khen thưởng",
    ),
    ("chi-dao-dieu-hanh", "Công tác chỉ đạo, điều hành"),
    ("thien-tai", "Thiên tai, bão lũ"),
    ("tong-hop", "Tổng hợp (đánh giá chung mọi lĩnh vực)"),
];

pub use crate::report::Role;

/// The roles (README, "Filter values"): slug and Vietnamese label. The first is the default.
pub const ROLES: &[(&str, &str)] = &[
    (Role::TinhHinh.as_str(), Role::TinhHinh.label()),
    (Role::HanChe.as_str(), Role::HanChe.label()),
    (Role::NhiemVu.as_str(), Role::NhiemVu.label()),
    (Role::KienNghi.as_str(), Role::KienNghi.label()),
];

use Weight::{HeadingOnly as H, Normal as N, Strong as S, Weak as W};

const fn r(
    sector: &'static str,
    weight: Weight,
    phrases: &'static [&'static str],
    catches: &'static str,
) -> SectorRule {
    SectorRule {
        sector,
        weight,
        phrases,
        catches,
    }
}

/// The sector rules, one row per idea. See the module documentation for how they match.
#[rustfmt::skip]
pub const SECTOR_RULES: &[SectorRule] = &[
    // ── overall, parents, direction ────────────────────────────────────────────────
    r("tong-hop", H, &["kinh tế - xã hội", "phát triển kinh tế - xã hội", "tình hình kinh tế - xã hội", "lĩnh vực kinh tế - xã hội", "tăng trưởng kinh tế - xã hội", "đánh giá chung", "khái quát chung", "tình hình chung", "đánh giá tổng quát", "các mục tiêu, chỉ tiêu chủ yếu", "chỉ tiêu chủ yếu", "mục tiêu tổng quát", "mục tiêu chung"], "headings about the whole socio-economic situation or an overall assessment"),
    r("kinh-te", H, &["kinh tế", "phát triển kinh tế", "lĩnh vực kinh tế", "tăng trưởng kinh tế", "tổng sản phẩm", "GRDP"], "headings about the economy as a whole (gives way once two economic sub-sectors are named)"),
    r("kinh-te", W, &["tăng trưởng GRDP", "tốc độ tăng trưởng kinh tế", "cơ cấu kinh tế", "quy mô nền kinh tế", "phát triển vùng", "liên kết vùng", "kinh tế vùng", "liên vùng"], "growth and structure of the economy, regional development, in body text"),
    r("van-hoa-xa-hoi", N, &["văn hóa - xã hội", "lĩnh vực xã hội"], "the cultural and social field as a whole (gives way once two sub-sectors are named)"),
    r("chi-dao-dieu-hanh", H, &["chỉ đạo, điều hành", "lãnh đạo, chỉ đạo", "công tác chỉ đạo", "công tác lãnh đạo", "điều hành của UBND", "quán triệt", "học tập, quán triệt", "ban hành văn bản", "ban hành các văn bản"], "headings about leadership, direction and the documents issued"),
    r("chi-dao-dieu-hanh", N, &["xây dựng Đảng", "công tác xây dựng Đảng", "đảng viên", "tổ chức cơ sở đảng", "hệ thống chính trị", "xây dựng hệ thống chính trị", "Mặt trận Tổ quốc", "đoàn thể chính trị - xã hội"], "party building and the political system (party self-assessment reports)"),
    r("chi-dao-dieu-hanh", W, &["giáo dục chính trị", "văn bản chỉ đạo", "văn bản quy phạm pháp luật", "quyết định cá biệt", "thông báo kết luận", "quy chế làm việc", "chương trình công tác"], "documents issued by the executive, in body text"),
    // ── economy ───────────────────────────────────────────────────────────────────────
    r("kinh-te/nong-lam-nghiep", S, &["nông nghiệp", "lâm nghiệp", "nông, lâm nghiệp", "nông, lâm, thủy sản", "thủy sản", "nông thôn mới", "xây dựng nông thôn mới", "NTM", "OCOP", "nông sản", "lâm sản", "thủy lợi", "khuyến nông"], "agriculture, forestry, fisheries, new rural areas, irrigation"),
    r("kinh-te/nong-lam-nghiep", N, &["trồng trọt", "chăn nuôi", "gia súc", "gia cầm", "đàn trâu", "đàn bò", "đàn lợn", "nuôi trồng thủy sản", "khai thác thủy sản", "đánh bắt", "nước sạch nông thôn", "kinh tế biển", "cây trồng", "gieo trồng", "diện tích gieo trồng", "trồng rừng", "bảo vệ rừng", "phát triển rừng", "cháy rừng", "kiểm lâm", "che phủ rừng", "trồng cây", "vụ Đông Xuân", "vụ Xuân", "vụ Mùa", "vụ Hè Thu", "vụ Xuân Hè", "cây ăn quả", "cây công nghiệp", "dịch tả lợn", "lở mồm long móng", "dịch bệnh gia súc", "dịch bệnh trên gia súc", "dịch bệnh trên cây trồng", "dịch bệnh trên vật nuôi", "dịch bệnh động vật", "vật nuôi", "dịch hại", "vật tư nông nghiệp", "an ninh lương thực", "sản lượng lương thực", "lúa gạo", "gieo cấy", "cấy lúa", "diện tích lúa", "hoa màu", "giống cây trồng", "bảo vệ thực vật", "thú y"], "crops, livestock, forests, seasons and their diseases"),
    r("kinh-te/nong-lam-nghiep", W, &["nông dân", "nông thôn", "hợp tác xã nông nghiệp", "kinh tế trang trại", "trang trại"], "farmers and rural life"),
    r("kinh-te/cua-khau", S, &["cửa khẩu", "kinh tế cửa khẩu", "khu kinh tế cửa khẩu", "xuất nhập khẩu", "xuất khẩu", "nhập khẩu", "kim ngạch", "thông quan", "biên mậu", "lối mở", "cặp chợ biên giới", "chợ biên giới", "tạm nhập tái xuất", "quá cảnh", "hàng hóa qua biên giới", "logistics", "cửa khẩu thông minh", "cửa khẩu quốc tế", "cửa khẩu chính", "cửa khẩu phụ"], "border gates, import and export, customs clearance, border trade"),
    r("kinh-te/cua-khau", W, &["xuất nhập cảnh", "phương tiện vận chuyển hàng hóa", "lưu lượng phương tiện"], "people and vehicles crossing the border"),
    r("kinh-te/dau-tu-ha-tang", S, &["đầu tư công", "vốn đầu tư công", "giải ngân", "tỷ lệ giải ngân", "kết cấu hạ tầng", "hạ tầng giao thông", "giải phóng mặt bằng", "GPMB", "bồi thường, hỗ trợ, tái định cư", "tái định cư", "đầu tư xây dựng", "xây dựng cơ bản", "quy hoạch tỉnh", "quy hoạch chung", "quy hoạch xây dựng", "quy hoạch đô thị", "quy hoạch phân khu", "quy hoạch chi tiết", "đường cao tốc", "cao tốc", "quốc lộ", "đường tỉnh", "đường huyện", "chủ đầu tư", "nhà thầu", "thi công", "khởi công", "công trình giao thông", "dự án trọng điểm", "dự án đầu tư công", "kế hoạch đầu tư công", "nhà ở xã hội", "phát triển đô thị", "quản lý đô thị", "giao thông vận tải", "chỉnh trang đô thị", "hoạt động xây dựng", "quản lý xây dựng", "công trình xây dựng", "vật liệu xây dựng", "chất lượng công trình", "cảng biển", "cảng hàng không", "bất động sản"], "public investment and its disbursement, infrastructure, construction, transport works, planning"),
    r("kinh-te/dau-tu-ha-tang", N, &["quy hoạch", "hạ tầng", "đường sắt", "sân bay", "kế hoạch vốn", "quản lý đầu tư"], "planning and infrastructure words when not part of a longer phrase"),
    r("kinh-te/dau-tu-ha-tang", W, &["giao thông", "cấp nước", "đô thị", "nhà ở", "dự án đầu tư", "nguồn vốn", "vốn ngân sách", "vận tải"], "construction and transport words that also occur in passing"),
    r("kinh-te/cong-nghiep", S, &["công nghiệp", "sản xuất công nghiệp", "chỉ số sản xuất công nghiệp", "IIP", "cụm công nghiệp", "khu công nghiệp", "tiểu thủ công nghiệp", "khai khoáng", "chế biến, chế tạo", "công nghiệp chế biến", "điện thương phẩm", "thủy điện", "năng lượng", "điện năng", "xi măng", "công nghiệp hỗ trợ"], "industry, industrial parks, mining and manufacturing, energy"),
    r("kinh-te/cong-nghiep", N, &["công thương", "điện lực", "lưới điện", "nguồn điện", "sản lượng điện", "cung ứng điện"], "electricity and the industry-and-trade sector"),
    r("kinh-te/cong-nghiep", W, &["chế biến", "vật liệu nổ công nghiệp", "làng nghề", "khu kinh tế"], "industry words shared with other fields"),
    r("kinh-te/thuong-mai-du-lich", S, &["du lịch", "khách du lịch", "lượt khách", "thương mại", "tổng mức bán lẻ", "bán lẻ hàng hóa", "hàng hóa thiết yếu", "thị trường nội địa", "chỉ số giá tiêu dùng", "CPI", "hội chợ", "xúc tiến thương mại", "thương mại điện tử", "dịch vụ lưu trú", "dịch vụ lưu trú, ăn uống", "lữ hành", "kích cầu", "người Việt Nam ưu tiên dùng hàng Việt Nam"], "trade, retail, prices, tourism, fairs"),
    r("kinh-te/thuong-mai-du-lich", W, &["dịch vụ", "thị trường"], "services and markets in passing"),
    r("kinh-te/thuong-mai-du-lich", N, &["giá cả", "doanh thu dịch vụ", "khách quốc tế", "khách nội địa", "điểm du lịch", "khu du lịch", "vận tải hành khách", "vận tải hàng hóa"], "services and markets"),
    r("kinh-te/doanh-nghiep", S, &["phát triển doanh nghiệp", "thu hút đầu tư", "xúc tiến đầu tư", "môi trường đầu tư", "môi trường kinh doanh", "môi trường đầu tư kinh doanh", "năng lực cạnh tranh", "PCI", "DDCI", "chủ trương đầu tư", "đăng ký doanh nghiệp", "đăng ký kinh doanh", "doanh nghiệp thành lập mới", "thành lập mới", "vốn đăng ký", "kinh tế tập thể", "kinh tế tư nhân", "hợp tác xã", "FDI", "đầu tư trực tiếp nước ngoài", "hộ kinh doanh", "doanh nghiệp nhỏ và vừa", "tháo gỡ khó khăn cho doanh nghiệp", "sắp xếp, đổi mới doanh nghiệp", "tạm ngừng kinh doanh", "tạm ngừng hoạt động", "quay trở lại hoạt động"], "enterprises, attracting investment, business climate, cooperatives"),
    r("kinh-te/doanh-nghiep", W, &["doanh nghiệp", "nhà đầu tư", "sản xuất kinh doanh", "kinh doanh"], "enterprises mentioned in passing"),
    r("kinh-te/ngan-sach", S, &["ngân sách", "thu ngân sách", "chi ngân sách", "thu, chi ngân sách", "ngân sách nhà nước", "ngân sách địa phương", "thu nội địa", "dự toán", "chi đầu tư phát triển", "chi thường xuyên", "tín dụng", "ngân hàng", "dư nợ", "huy động vốn", "kho bạc", "thu thuế", "quản lý thuế", "nợ thuế", "nợ đọng thuế", "tài chính - ngân sách", "thuế giá trị gia tăng", "thuế trị giá gia tăng", "thuế thu nhập", "thu tiền sử dụng đất", "thu từ hoạt động xuất nhập khẩu"], "state budget revenue and spending, taxes, banking and credit"),
    r("kinh-te/ngan-sach", N, &["tài chính", "nguồn thu", "tiết kiệm chi", "nợ công", "trái phiếu", "lãi suất", "nợ xấu", "vốn vay"], "public finance words"),
    r("kinh-te/ngan-sach", W, &["kinh phí"], "money spent, in passing"),
    // ── culture and society ───────────────────────────────────────────────────────────
    r("van-hoa-xa-hoi/giao-duc", S, &["giáo dục", "giáo dục và đào tạo", "giáo dục, đào tạo", "năm học", "học sinh", "sinh viên", "giáo viên", "trường học", "mầm non", "tiểu học", "trung học cơ sở", "trung học phổ thông", "phổ thông", "phổ cập giáo dục", "xóa mù chữ", "sách giáo khoa", "dạy và học", "dạy học", "kỳ thi", "thi tốt nghiệp", "tuyển sinh đầu cấp", "kiểm định chất lượng giáo dục", "trường đạt chuẩn quốc gia", "trường chuẩn quốc gia", "chương trình giáo dục phổ thông", "cơ sở giáo dục", "học kỳ", "dân tộc nội trú", "mới trường học"], "schools, pupils, teachers, exams, school years"),
    r("van-hoa-xa-hoi/giao-duc", N, &["đào tạo", "tuyển sinh", "học bổng", "đại học"], "training and enrolment"),
    r("van-hoa-xa-hoi/y-te", S, &["y tế", "khám, chữa bệnh", "khám bệnh, chữa bệnh", "khám bệnh", "bệnh viện", "trạm y tế", "cơ sở y tế", "tiêm chủng", "vắc xin", "an toàn thực phẩm", "an toàn, vệ sinh thực phẩm", "vệ sinh an toàn thực phẩm", "ngộ độc thực phẩm", "bảo hiểm y tế", "dân số", "kế hoạch hóa gia đình", "chăm sóc sức khỏe", "sức khỏe", "y tế dự phòng", "dịch bệnh", "COVID", "sốt xuất huyết", "truyền nhiễm", "HIV", "suy dinh dưỡng", "bác sĩ", "điều trị", "nội trú", "ngoại trú", "dược phẩm", "thuốc chữa bệnh"], "health care, hospitals, epidemics in people, food safety, population"),
    r("van-hoa-xa-hoi/van-hoa-the-thao", S, &["văn hóa", "thể thao", "thể dục thể thao", "lễ hội", "di tích", "di sản", "nghệ thuật", "biểu diễn nghệ thuật", "văn nghệ", "thư viện", "bảo tàng", "gia đình văn hóa", "đời sống văn hóa", "thiết chế văn hóa", "nhà văn hóa", "giải thể thao", "thi đấu", "huy chương", "rèn luyện thân thể"], "culture, heritage, festivals, sport"),
    r("van-hoa-xa-hoi/van-hoa-the-thao", W, &["tết Nguyên đán", "vui xuân", "đón tết", "mừng Đảng, mừng Xuân", "gia đình"], "festive season and family life"),
    r("van-hoa-xa-hoi/lao-dong-an-sinh", S, &["an sinh xã hội", "bảo hiểm xã hội", "bảo hiểm thất nghiệp", "việc làm", "giải quyết việc làm", "xuất khẩu lao động", "giáo dục nghề nghiệp", "đào tạo nghề", "giảm nghèo", "hộ nghèo", "hộ cận nghèo", "người có công", "đối tượng chính sách", "gia đình chính sách", "bảo trợ xã hội", "trẻ em", "bình đẳng giới", "người cao tuổi", "người khuyết tật", "xóa nhà tạm", "nhà tạm, nhà dột nát", "chương trình mục tiêu quốc gia giảm nghèo bền vững", "dân tộc thiểu số", "công tác dân tộc", "vùng đồng bào dân tộc thiểu số", "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số", "thương binh", "liệt sĩ", "cứu trợ", "cứu đói", "tặng quà", "thăm, tặng quà", "thăm và tặng quà", "phòng, chống tệ nạn xã hội", "cai nghiện", "thất nghiệp", "tiền lương", "an toàn, vệ sinh lao động", "quan hệ lao động"], "labour, jobs, social insurance and welfare, poverty, ethnic minorities"),
    r("van-hoa-xa-hoi/lao-dong-an-sinh", N, &["lao động"], "labour in general"),
    r("van-hoa-xa-hoi/lao-dong-an-sinh", W, &["người lao động", "chính sách xã hội", "hỗ trợ xã hội"], "social support words shared with other fields"),
    // ── digital transformation, environment, science ──────────────────────────────────
    r("chuyen-doi-so", S, &["chuyển đổi số", "kinh tế số", "xã hội số", "chính quyền số", "chính quyền điện tử", "hạ tầng số", "cửa khẩu số", "công nghệ thông tin", "thông tin và truyền thông", "thông tin, truyền thông", "báo chí", "xuất bản", "bưu chính", "viễn thông", "an toàn thông tin", "cơ sở dữ liệu", "nền tảng số", "định danh điện tử", "định danh và xác thực điện tử", "đề án 06", "thanh toán không dùng tiền mặt", "hệ thống dùng chung", "hội nghị truyền hình trực tuyến", "số hóa", "chữ ký số", "công dân số", "kỹ năng số", "trí tuệ nhân tạo", "thông tin trên mạng", "phát thanh, truyền hình", "thông tin cơ sở", "băng rộng", "cáp quang", "internet", "thông tin, tuyên truyền"], "digital transformation, IT, data, telecommunications, press and media"),
    r("chuyen-doi-so", W, &["trực tuyến", "điện tử", "mạng xã hội", "dữ liệu"], "online and media words shared with other fields"),
    r("tai-nguyen-moi-truong", S, &["tài nguyên", "tài nguyên và môi trường", "môi trường", "bảo vệ môi trường", "đất đai", "quản lý đất đai", "giao đất", "cho thuê đất", "thuê đất", "thu hồi đất", "chuyển mục đích sử dụng đất", "sử dụng đất", "quyền sử dụng đất", "giấy chứng nhận quyền sử dụng đất", "quy hoạch sử dụng đất", "kế hoạch sử dụng đất", "bảng giá đất", "tách thửa", "hợp thửa", "khoáng sản", "khai thác khoáng sản", "tài nguyên nước", "biến đổi khí hậu", "ứng phó với biến đổi khí hậu", "ô nhiễm", "chất thải", "rác thải", "chất thải rắn", "nước thải", "khí tượng thủy văn", "địa chất", "đo đạc", "bản đồ"], "land, minerals, water, environment and pollution, climate change"),
    r("khoa-hoc-cong-nghe", S, &["khoa học và công nghệ", "khoa học kỹ thuật", "khoa học - công nghệ", "nghiên cứu khoa học", "đề tài", "đề tài, dự án", "nhiệm vụ khoa học", "đổi mới sáng tạo", "khởi nghiệp đổi mới sáng tạo", "khởi nghiệp", "sở hữu trí tuệ", "tiêu chuẩn, đo lường, chất lượng", "chuyển giao công nghệ", "tiến bộ khoa học", "ứng dụng tiến bộ khoa học", "an toàn bức xạ", "sáng kiến"], "science and technology, research projects, innovation, standards"),
    // ── inspection, security, foreign affairs, administration ─────────────────────────
    r("thanh-tra", S, &["thanh tra", "khiếu nại", "tố cáo", "khiếu nại, tố cáo", "tiếp công dân", "tiếp dân", "đơn thư", "tham nhũng", "phòng, chống tham nhũng", "thực hành tiết kiệm, chống lãng phí", "buôn lậu", "gian lận thương mại", "hàng giả", "hàng cấm", "hàng nhập lậu", "quản lý thị trường", "kiến nghị thu hồi", "thu hồi tài sản", "kê khai tài sản", "kiểm soát tài sản, thu nhập"], "inspections, complaints and denunciations, anti-corruption, smuggling and trade fraud"),
    r("thanh-tra", N, &["lãng phí", "sai phạm"], "waste and wrongdoing"),
    r("thanh-tra", W, &["tiêu cực", "kiểm tra, giám sát", "vi phạm hành chính", "xử phạt vi phạm hành chính", "xử lý vi phạm", "kiểm toán"], "inspection words shared with other fields"),
    r("quoc-phong-an-ninh", S, &["quốc phòng", "an ninh", "quốc phòng - an ninh", "an ninh chính trị", "an ninh, trật tự", "trật tự, an toàn xã hội", "tội phạm", "ma túy", "tai nạn giao thông", "an toàn giao thông", "trật tự, an toàn giao thông", "phòng cháy, chữa cháy", "cháy nổ", "giao nhận quân", "tuyển quân", "nghĩa vụ quân sự", "dân quân tự vệ", "quân sự", "lực lượng vũ trang", "biên phòng", "bộ đội biên phòng", "công an", "diễn tập", "chủ quyền biên giới", "giáo dục quốc phòng", "giáo dục quốc phòng và an ninh", "an ninh mạng", "trấn áp tội phạm", "chủ quyền biển, đảo", "biển, đảo", "xuất cảnh trái phép", "nhập cảnh trái phép", "lừa đảo"], "defence, public security and order, crime, traffic accidents, fire, the military"),
    r("quoc-phong-an-ninh", N, &["biên giới", "quản lý biên giới", "tệ nạn xã hội"], "border and law-and-order words"),
    r("quoc-phong-an-ninh", W, &["vi phạm pháp luật"], "border and law-and-order words"),
    r("doi-ngoai", S, &["đối ngoại", "ngoại giao", "ngoại giao kinh tế", "hợp tác quốc tế", "hội nhập quốc tế", "quan hệ hợp tác", "hội đàm", "hội kiến", "biên bản ghi nhớ", "đoàn ra", "đoàn vào", "người Việt Nam ở nước ngoài", "tổ chức phi chính phủ nước ngoài", "viện trợ", "phân giới cắm mốc", "mốc giới", "công tác lãnh sự", "thông tin đối ngoại", "kết nghĩa", "quan hệ hữu nghị", "hữu nghị, hợp tác"], "foreign relations, international cooperation, delegations, aid"),
    r("doi-ngoai", W, &["nước ngoài", "quốc tế"], "foreign countries mentioned in passing"),
    r("cai-cach-hanh-chinh", S, &["cải cách hành chính", "thủ tục hành chính", "cải cách thủ tục hành chính", "một cửa", "bộ phận một cửa", "một cửa liên thông", "dịch vụ công", "dịch vụ công trực tuyến", "cổng dịch vụ công", "phục vụ hành chính công", "trung tâm phục vụ hành chính công", "nội vụ", "tổ chức bộ máy", "sắp xếp tổ chức bộ máy", "kiện toàn bộ máy", "kiện toàn tổ chức bộ máy", "kiện toàn tổ chức", "tinh gọn bộ máy", "sắp xếp đơn vị hành chính", "đơn vị hành chính", "biên chế", "tinh giản biên chế", "vị trí việc làm", "thi đua", "khen thưởng", "thi đua, khen thưởng", "kỷ luật, kỷ cương hành chính", "kỷ cương hành chính", "PAR INDEX", "PAPI", "SIPAS", "văn thư, lưu trữ", "địa giới hành chính", "đơn vị sự nghiệp công lập", "chỉ số hài lòng", "tư pháp", "hộ tịch", "trợ giúp pháp lý", "phổ biến, giáo dục pháp luật", "thi hành án", "kiểm tra văn bản"], "administrative reform, procedures, public services, organisation, emulation and awards, home affairs"),
    r("cai-cach-hanh-chinh", N, &["cán bộ, công chức", "công chức", "viên chức", "xây dựng chính quyền", "công tác cán bộ", "đào tạo, bồi dưỡng cán bộ", "bồi dưỡng cán bộ"], "civil servants, building the local administration"),
    r("cai-cach-hanh-chinh", W, &["tôn giáo", "tín ngưỡng", "thanh niên", "chính quyền địa phương", "bầu cử"], "home-affairs topics that also occur in passing"),
    // ── natural disasters ────────────────────────────────────────────────────────────
    r("thien-tai", S, &["thiên tai", "phòng, chống thiên tai", "bão số #", "cơn bão", "bão, lũ", "mưa bão", "mưa lũ", "mưa lớn", "lũ lụt", "lũ quét", "lũ ống", "sạt lở", "sạt lở đất", "ngập úng", "ngập lụt", "áp thấp nhiệt đới", "rét đậm, rét hại", "hạn hán", "mưa đá", "dông lốc", "giông lốc", "lốc xoáy", "xâm nhập mặn", "hạn mặn", "triều cường", "sạt lở bờ sông", "tìm kiếm, cứu nạn", "khắc phục hậu quả thiên tai", "khắc phục hậu quả bão", "ứng phó với bão", "ứng phó bão", "Yagi"], "natural disasters: storms, floods, landslides, cold spells, drought; relief"),
    r("thien-tai", W, &["thiệt hại", "khắc phục hậu quả", "ứng phó"], "damage and recovery words shared with other fields"),
    // ── look-alikes swallowed so that they name nothing ───────────────────────────────
    r(NEUTRAL, W, &["hạ tầng #", "hệ thống", "xã hội so với", "doanh thu", "hội đảm bảo", "đủ toàn diện", "nghiên cứu", "cơ hội", "xã hội cho"], "folding look-alikes: '21.150 ha tăng 4,5%' (not 'hạ tầng'), 'hệ thống quản lý' (not 'thông quan'), 'doanh thu viễn thông' (not 'thư viện'), 'xã hội đảm bảo' (not 'hội đàm'), 'đầy đủ toàn diện' (not 'dự toán'), 'nghiên cứu đổi mới' (not 'cứu đói'), 'cơ hội cho' (not 'hội chợ')"),
    r(NEUTRAL, W, &["hộ gia đình", "thông báo", "báo cáo", "nhật báo", "thông báo kết luận số", "chương trình mục tiêu quốc gia", "chương trình MTQG", "mục tiêu quốc gia", "xây dựng", "an toàn", "thu hút", "trên các lĩnh vực", "các lĩnh vực", "mọi lĩnh vực", "năm nay", "chi tiết"], "look-alikes: 'thông báo số' (not 'bão số'), 'xây dựng' alone (drafting plans, building the Party…), 'hộ gia đình' (households, not family culture), generic 'các lĩnh vực'"),
];

/// One row of the role rules table.
#[derive(Debug, Clone, Copy)]
pub struct RoleRule {
    /// The role a heading opening with one of the phrases states.
    pub role: Role,
    /// Phrases, with diacritics, that open a heading of this role.
    pub phrases: &'static [&'static str],
    /// Whether the phrase also counts in a long heading (the first sentence of a task
    /// item): role words there are usually the subject of the sentence.
    pub in_long_headings: bool,
    /// What the row catches (documentation).
    pub catches: &'static str,
}

/// The role rules. A heading has a role when, after the filler words of
/// [`HEADING_FILLERS`], it opens with one of these phrases; a section's role comes from its
/// own heading or the nearest ancestor heading that has one, otherwise `tinh-hinh`.
#[rustfmt::skip]
pub const ROLE_RULES: &[RoleRule] = &[
    RoleRule { role: Role::NhiemVu, in_long_headings: false, phrases: &["nhiệm vụ", "giải pháp", "phương hướng", "định hướng", "mục tiêu", "kế hoạch", "chương trình hành động", "tổ chức thực hiện", "dự kiến", "trọng tâm công tác", "công tác trọng tâm", "những việc cần làm", "phương án"], catches: "tasks, solutions, orientations, plans, objectives: NHIỆM VỤ TRỌNG TÂM…, Phương hướng, nhiệm vụ…, Tổ chức thực hiện" },
    RoleRule { role: Role::HanChe, in_long_headings: false, phrases: &["hạn chế", "khó khăn", "nguyên nhân", "tồn tại", "yếu kém", "vướng mắc", "bất cập", "mặt còn hạn chế", "mặt hạn chế", "khuyết điểm", "thách thức", "nguy cơ", "bài học kinh nghiệm"], catches: "difficulties, limitations, shortcomings, causes, lessons: Một số khó khăn, hạn chế…, Nguyên nhân chủ quan" },
    RoleRule { role: Role::KienNghi, in_long_headings: true, phrases: &["kiến nghị", "đề xuất", "đề nghị", "kiến nghị, đề xuất", "đề xuất, kiến nghị"], catches: "proposals and requests to higher levels: ĐỀ XUẤT, KIẾN NGHỊ, Đề nghị Trung ương…" },
    RoleRule { role: Role::TinhHinh, in_long_headings: false, phrases: &["tình hình", "kết quả", "kết quả đạt được", "kết quả thực hiện", "đánh giá", "đánh giá chung", "đánh giá kết quả", "khái quát", "thực trạng", "công tác chỉ đạo", "ưu điểm", "thành tựu", "mặt làm được", "mặt được"], catches: "situation and results: TÌNH HÌNH…, KẾT QUẢ ĐẠT ĐƯỢC, Đánh giá chung (stops a role inherited from above)" },
];

/// Words skipped at the start of a heading before looking for a role phrase
/// (`Một số khó khăn…`, `Về kết quả…`, `Những hạn chế…`).
pub const HEADING_FILLERS: &[&str] = &["một số", "những", "các", "về", "chủ yếu"];

/// A heading longer than this many words is treated as a task item's first sentence.
pub const LONG_HEADING_WORDS: usize = 18;
