//! The units table: how a unit is written after a number, and its canonical name.
//!
//! A unit after a number is read as `[scale] [base] [/per]*`:
//!
//! - a **scale** word (`nghìn`, `triệu`, `tỷ`, `nghìn tỷ`) multiplies the base unit; it is
//!   kept in the unit (`400 tỷ đồng` is value 400, unit `tỷ đồng`), so that `tỷ đồng` and
//!   `nghìn tỷ đồng` stay distinct units;
//! - a **base** unit (`đồng`, `USD`, `%`, `ha`, `m³`, `người`, `hộ`, `dự án`, …);
//! - any number of **per** parts (`/năm`, `/người`, `/ha`): `triệu đồng/người/năm`.
//!
//! A scale alone is a unit (`104,6 triệu cây` has a base, `1.500 triệu` has not). Each
//! table lists written forms (compared without regard to case) and the canonical name;
//! longer forms are tried first, so `lượt khách` wins over `lượt` and `m³` over `m`.

/// Scale words: (written forms, canonical).
const SCALES: &[(&[&str], &str)] = &[
    (&["nghìn tỷ", "nghìn tỉ", "ngàn tỷ", "ngàn tỉ"], "nghìn tỷ"),
    (&["nghìn", "ngàn"], "nghìn"),
    (&["triệu"], "triệu"),
    (&["tỷ", "tỉ"], "tỷ"),
];

/// Base units: (written forms, canonical). Grouped by kind for reading; the matcher
/// tries every form, longest first.
const BASES: &[(&[&str], &str)] = &[
    // money
    (&["đồng"], "đồng"),
    (&["USD", "đô la Mỹ", "đô la"], "USD"),
    (&["nhân dân tệ", "NDT"], "NDT"),
    // ratios
    (&["%", "phần trăm"], "%"),
    (&["điểm phần trăm", "điểm %"], "điểm %"),
    // area, length, volume, mass, energy
    (&["ha", "héc-ta", "hécta", "hecta"], "ha"),
    (&["km²", "km2"], "km²"),
    (&["m²", "m2"], "m²"),
    (&["m³", "m3"], "m³"),
    (&["km"], "km"),
    (&["m"], "m"),
    (&["lít"], "lít"),
    (&["tấn.km", "tấn.Km", "tấn km", "tấn.KM"], "tấn.km"),
    (&["tấn"], "tấn"),
    (&["tạ"], "tạ"),
    (&["kg"], "kg"),
    (&["gam", "g"], "g"),
    (&["kWh", "kW/h"], "kWh"),
    // `60,5 TrKw/h`: the scale abbreviated and glued.
    (&["TrKw/h", "TrkWh", "Tr.kWh"], "triệu kWh"),
    (&["MWh"], "MWh"),
    (&["MW"], "MW"),
    // people and visits
    (&["lượt khách"], "lượt khách"),
    (&["lượt người"], "lượt người"),
    (&["lượt con"], "lượt con"),
    (&["lượt phương tiện", "lượt xe"], "lượt phương tiện"),
    (&["lượt"], "lượt"),
    (
        &["HK.km", "lượt khách.km", "hành khách.km", "HK.Km"],
        "HK.km",
    ),
    (&["lượt hành khách", "hành khách", "HK"], "hành khách"),
    (&["khách"], "khách"),
    (&["người"], "người"),
    (&["lao động"], "lao động"),
    (&["ngày công"], "ngày công"),
    (&["hộ gia đình", "hộ"], "hộ"),
    (&["nhân khẩu", "khẩu"], "nhân khẩu"),
    (&["gia đình"], "gia đình"),
    (&["tập thể"], "tập thể"),
    (&["cá nhân"], "cá nhân"),
    (&["nông dân"], "nông dân"),
    (&["dân tộc"], "dân tộc"),
    (&["vận động viên"], "vận động viên"),
    (&["đối tượng"], "đối tượng"),
    (&["bị can"], "bị can"),
    (&["đảng viên"], "đảng viên"),
    (&["học sinh"], "học sinh"),
    (&["sinh viên"], "sinh viên"),
    (&["thí sinh"], "thí sinh"),
    (&["giáo viên"], "giáo viên"),
    (&["bệnh nhân"], "bệnh nhân"),
    (&["ca"], "ca"),
    (&["trường hợp"], "trường hợp"),
    // cases, projects, organisations
    (&["vụ việc", "vụ"], "vụ"),
    (&["dự án"], "dự án"),
    (&["gói thầu"], "gói thầu"),
    (&["công trình"], "công trình"),
    (&["doanh nghiệp"], "doanh nghiệp"),
    (&["hợp tác xã", "HTX"], "hợp tác xã"),
    (&["chi nhánh"], "chi nhánh"),
    (&["cơ sở"], "cơ sở"),
    (&["đơn vị"], "đơn vị"),
    (&["tổ chức"], "tổ chức"),
    (&["cuộc"], "cuộc"),
    (&["đoàn"], "đoàn"),
    (&["đơn"], "đơn"),
    (&["hồ sơ"], "hồ sơ"),
    (&["thủ tục"], "thủ tục"),
    (&["tờ khai"], "tờ khai"),
    (&["giấy phép"], "giấy phép"),
    (&["văn bản"], "văn bản"),
    (&["quyết định"], "quyết định"),
    (&["kế hoạch"], "kế hoạch"),
    (&["công văn"], "công văn"),
    (&["báo cáo"], "báo cáo"),
    (&["thông báo"], "thông báo"),
    (&["đề tài"], "đề tài"),
    (&["sáng kiến"], "sáng kiến"),
    (&["sản phẩm"], "sản phẩm"),
    (&["mô hình"], "mô hình"),
    (&["tiêu chí"], "tiêu chí"),
    (&["huy chương", "HCV", "HCB", "HCĐ", "HCD"], "huy chương"),
    (&["giải thể thao", "giải thưởng", "giải"], "giải"),
    (&["nhiệm vụ"], "nhiệm vụ"),
    (&["chương trình"], "chương trình"),
    (&["chỉ tiêu"], "chỉ tiêu"),
    (&["nghị quyết"], "nghị quyết"),
    (&["chỉ thị"], "chỉ thị"),
    (&["thỏa thuận", "thoả thuận"], "thỏa thuận"),
    (&["hội nghị"], "hội nghị"),
    (&["phiên"], "phiên"),
    (&["nhóm"], "nhóm"),
    (&["chuỗi"], "chuỗi"),
    (&["dịch vụ"], "dịch vụ"),
    (&["giấy chứng nhận"], "giấy chứng nhận"),
    (&["giấy thông hành"], "giấy thông hành"),
    (&["giấy"], "giấy"),
    (&["mỏ"], "mỏ"),
    (&["suất quà", "xuất quà", "suất"], "suất"),
    // places
    (&["huyện"], "huyện"),
    (&["tỉnh"], "tỉnh"),
    (&["xã"], "xã"),
    (&["cụm xã", "cụm"], "cụm"),
    (&["thị trấn"], "thị trấn"),
    (&["đô thị"], "đô thị"),
    (&["cửa khẩu"], "cửa khẩu"),
    (&["vị trí"], "vị trí"),
    (&["điểm"], "điểm"),
    (&["trạm"], "trạm"),
    (&["tuyến"], "tuyến"),
    (&["thôn"], "thôn"),
    (&["khu dân cư"], "khu dân cư"),
    (&["trường học", "trường"], "trường"),
    (&["lớp"], "lớp"),
    (&["phòng"], "phòng"),
    (&["trụ sở"], "trụ sở"),
    (&["giường bệnh", "giường"], "giường"),
    (&["nhà đầu tư"], "nhà đầu tư"),
    (&["căn nhà", "căn hộ", "căn", "ngôi nhà", "nhà"], "nhà"),
    (&["chợ"], "chợ"),
    (&["vườn"], "vườn"),
    // goods, animals, vehicles
    (&["con"], "con"),
    (&["cây"], "cây"),
    (&["viên"], "viên"),
    (&["chiếc"], "chiếc"),
    (&["phương tiện"], "phương tiện"),
    (&["xe"], "xe"),
    (&["liều"], "liều"),
];

/// Words that begin like a unit but are not one: `02 giải pháp` is not `02 giải`, and a
/// scale word before them is not a scale (`tỷ lệ`). Tried before the bases and scales.
const NOT_UNITS: &[&str] = &[
    "giải pháp",
    "giải ngân",
    "giải quyết",
    "giải phóng",
    "giải thể",
    "giải trình",
    "giải đáp",
    "giải thích",
    "giải tỏa",
    "giải toả",
    "tỷ lệ",
    "tỉ lệ",
    "tỷ trọng",
    "tỉ trọng",
    "tỷ giá",
    "điểm danh",
    "điểm đến",
    "nhóm họp",
    "phiên họp",
];

/// Canonical base units that measure (money, ratios, area, mass…): their values may
/// have decimals. Every other base unit counts things, so `15,5 kế hoạch` (a typo for
/// `15,5%`) is not read as a count.
const MEASURES: &[&str] = &[
    "đồng",
    "USD",
    "NDT",
    "%",
    "điểm %",
    "điểm",
    "g",
    "ha",
    "km²",
    "m²",
    "m³",
    "km",
    "m",
    "lít",
    "tấn",
    "tạ",
    "kg",
    "kWh",
    "triệu kWh",
    "tấn.km",
    "HK.km",
    "MWh",
    "MW",
];

/// What may follow a `/` after a unit: `tỷ đồng/năm`, `triệu đồng/người/năm`.
const PERS: &[(&[&str], &str)] = &[
    (&["năm"], "năm"),
    (&["tháng"], "tháng"),
    (&["ngày"], "ngày"),
    (&["người"], "người"),
    (&["lao động"], "lao động"),
    (&["hộ"], "hộ"),
    (&["ha"], "ha"),
    (&["tấn.km", "tấn.Km", "tấn km", "tấn.KM"], "tấn.km"),
    (&["tấn"], "tấn"),
    (&["kg"], "kg"),
    (&["gam", "g"], "g"),
    (&["con"], "con"),
    (&["km"], "km"),
    (&["m²", "m2"], "m²"),
    (&["m³", "m3"], "m³"),
];

/// A unit read after a number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnitMatch {
    /// Canonical name, e.g. `tỷ đồng`, `m³`, `triệu đồng/người/năm`.
    pub canonical: String,
    /// Byte length of the unit's text, from where matching started.
    pub len: usize,
    /// Whether the unit counts things with no scale word (`dự án`, `hộ`, not `nghìn hộ`
    /// nor `ha`): then the value must be a whole number.
    pub whole: bool,
}

/// One written form with its canonical name, for longest-first matching.
struct Form {
    written: &'static str,
    canonical: &'static str,
}

fn forms(table: &'static [(&'static [&'static str], &'static str)]) -> Vec<Form> {
    let mut out: Vec<Form> = table
        .iter()
        .flat_map(|(written, canonical)| {
            written.iter().map(move |w| Form {
                written: w,
                canonical,
            })
        })
        .collect();
    out.sort_by_key(|f| std::cmp::Reverse(f.written.chars().count()));
    out
}

struct Tables {
    scales: Vec<Form>,
    bases: Vec<Form>,
    pers: Vec<Form>,
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| Tables {
        scales: forms(SCALES),
        bases: forms(BASES),
        pers: forms(PERS),
    })
}

/// A letter or ASCII digit: what a unit must not be glued to on its right. Superscript
/// digits (footnote markers, `ha³`) do not count.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit()
}

/// Bytes of horizontal white space at the start of `s` (spaces, tabs, no-break spaces).
pub(crate) fn space_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !(c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{202f}'))
        .map_or(s.len(), |(i, _)| i)
}

/// If `s` starts with `written` then a word boundary, the byte length of the match in
/// `s`. ASCII forms (`USD`, `ha`, `km`, `kWh`) are compared without regard to case;
/// Vietnamese words exactly, so that `8 Quyết định …` or `3 Cây …` (a capitalised word
/// opening the next clause) are not read as units.
fn starts_with_form(s: &str, written: &str) -> Option<usize> {
    // Single letters (`m`, `g`) keep their case: `4G` is not four grams.
    let ascii = written.is_ascii() && written.len() > 1;
    let mut text = s.char_indices();
    for w in written.chars() {
        let (_, c) = text.next()?;
        if c != w && !(ascii && c.eq_ignore_ascii_case(&w)) {
            return None;
        }
    }
    let end = text.next().map_or(s.len(), |(i, _)| i);
    let last = written.chars().last()?;
    if is_word_char(last) && s[end..].chars().next().is_some_and(is_word_char) {
        return None;
    }
    Some(end)
}

fn longest(s: &str, forms: &[Form]) -> Option<(usize, &'static str)> {
    let found = forms
        .iter()
        .find_map(|f| starts_with_form(s, f.written).map(|len| (len, f.canonical)))?;
    // A longer form still wins over a stop word: `giải thể thao` over `giải thể`.
    let stop = NOT_UNITS
        .iter()
        .filter_map(|w| starts_with_form(s, w))
        .max()
        .unwrap_or(0);
    (found.0 > stop).then_some(found)
}

/// A scale word, also capitalised (`132,05 Triệu kWh`): scale words are never the
/// first word of a new clause after a number.
fn scale(s: &str, forms: &[Form]) -> Option<(usize, &'static str)> {
    longest(s, forms).or_else(|| {
        let mut chars = s.chars();
        let first = chars.next()?;
        if !first.is_uppercase() {
            return None;
        }
        let lowered: String = first.to_lowercase().chain(chars).collect();
        let (len, canonical) = longest(&lowered, forms)?;
        // Lower-casing may change the first letter's byte length.
        let shift = first.to_lowercase().map(char::len_utf8).sum::<usize>();
        Some((len + first.len_utf8() - shift, canonical))
    })
}

/// Reads a unit at the start of `s` (which may begin with white space), or `None`.
///
/// `glued` is true when `s` directly follows the digits (`100ha`, `76,1%`): then no
/// white space may come first and a scale word is not accepted.
pub(crate) fn read_unit(s: &str, glued: bool) -> Option<UnitMatch> {
    let t = tables();
    let mut pos = space_len(s);
    if glued && pos > 0 {
        return None;
    }
    let mut canonical = String::new();
    let mut whole = false;
    if !glued {
        if let Some((len, scale)) = scale(&s[pos..], &t.scales) {
            canonical.push_str(scale);
            pos += len;
        }
    }
    let after_scale = pos;
    let base_start = if canonical.is_empty() {
        pos
    } else {
        pos + space_len(&s[pos..])
    };
    if let Some((len, base)) = longest(&s[base_start..], &t.bases) {
        whole = canonical.is_empty() && !MEASURES.contains(&base);
        if !canonical.is_empty() {
            canonical.push(' ');
        }
        canonical.push_str(base);
        pos = base_start + len;
        while let Some(rest) = s[pos..].strip_prefix('/') {
            match longest(rest, &t.pers) {
                Some((len, per)) => {
                    canonical.push('/');
                    canonical.push_str(per);
                    pos += 1 + len;
                }
                None => break,
            }
        }
    } else if canonical.is_empty() {
        return None;
    } else {
        pos = after_scale;
    }
    Some(UnitMatch {
        canonical,
        len: pos,
        whole,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(s: &str) -> Option<(String, usize)> {
        read_unit(s, false).map(|u| (u.canonical, u.len))
    }

    #[test]
    fn longest_forms_win() {
        assert_eq!(unit(" nghìn tỷ đồng,").unwrap().0, "nghìn tỷ đồng");
        assert_eq!(unit(" tỷ đồng,").unwrap().0, "tỷ đồng");
        assert_eq!(unit(" nghìn tấn").unwrap().0, "nghìn tấn");
        assert_eq!(unit(" lượt khách du lịch").unwrap().0, "lượt khách");
        assert_eq!(unit(" m3 nước").unwrap().0, "m³");
        assert_eq!(unit(" m³").unwrap().0, "m³");
        assert_eq!(unit(" %").unwrap().0, "%");
    }

    #[test]
    fn boundaries_are_respected() {
        assert_eq!(unit(" hai"), None);
        assert_eq!(unit(" mô hình").unwrap().0, "mô hình");
        assert_eq!(unit(" mới"), None);
        assert_eq!(unit(" giải pháp"), None);
        assert_eq!(unit(" giải (01 giải nhì)").unwrap().0, "giải");
        assert_eq!(unit(" tỷ lệ"), None);
        assert_eq!(unit(" G"), None);
        assert_eq!(unit(" ha³;"), Some(("ha".into(), 3)));
    }

    #[test]
    fn per_parts_and_aliases() {
        assert_eq!(
            unit(" triệu đồng/người/năm.").unwrap().0,
            "triệu đồng/người/năm"
        );
        assert_eq!(unit(" tỷ đồng/năm").unwrap().0, "tỷ đồng/năm");
        assert_eq!(unit(" tỉ đồng").unwrap().0, "tỷ đồng");
        assert_eq!(unit(" usd").unwrap().0, "USD");
        assert_eq!(unit(" Quyết định"), None);
        assert_eq!(unit(" ngàn tỉ đồng").unwrap().0, "nghìn tỷ đồng");
        assert_eq!(unit(" triệu cây").unwrap().0, "triệu cây");
        assert_eq!(unit(" triệu, ").unwrap().0, "triệu");
        assert_eq!(unit(" Triệu Kw/h,"), Some(("triệu kWh".into(), 13)));
        assert_eq!(unit(" triệu HK.Km,").unwrap().0, "triệu HK.km");
        assert_eq!(unit(" triệu tấn.Km,").unwrap().0, "triệu tấn.km");
    }

    #[test]
    fn glued_units() {
        assert_eq!(read_unit("ha,", true).unwrap().canonical, "ha");
        assert_eq!(read_unit("%", true).unwrap().canonical, "%");
        assert_eq!(read_unit(" ha", true), None);
        assert_eq!(read_unit("B thuộc", true), None);
    }
}
