//! A deterministic generator of a large synthetic corpus made from the bundled reports.
//!
//! Each generated file starts from one bundled report (a *template*) and is varied with a
//! per-file pseudo-random stream derived from a seed and the file's index, so the same
//! seed always yields the same corpus, byte for byte, whatever the number of threads:
//!
//! - the province (`Lạng Sơn`, `LẠNG SƠN`, `Xứ Lạng`) is replaced by another province;
//! - every year is shifted by the same amount within a report, so that the report's main
//!   year lands in 2005–2025 (dates `05/01/2024` and ranges `2021 - 2030` shift along);
//! - figures written the Vietnamese way (`1.236,87`, `12,7`, `65.359`) are scaled by a
//!   random factor and written back in the same format;
//! - in clean-layout templates, one run of sibling leaf sections is shuffled while the
//!   numbering labels stay in place (so numbering stays valid), and footnotes are
//!   renumbered 1..N in the new order of their markers;
//! - some occurrences of the phrase [`PHRASE`] are reworded, and some files lose it, so
//!   that the phrase is in some files and not in others;
//! - about half of the files are written in the PDF-extracted layout: the two bundled
//!   PDF-extracted reports as they are, and clean reports rendered by
//!   [`crate::report::render::pdf_layout`] at a random line width and page length (hard
//!   wraps, blank lines between lines, digit footnote markers glued to words, footnote
//!   blocks at the page bottom after a line of spaces, body resuming with a leading space).
//!
//! The generator records, per file, how often the phrase occurs in the logical text and
//! how often it occurs whole on one physical line (what a line-oriented tool like grep can
//! see): see [`Truth`].

mod rng;
mod transform;

pub use rng::SplitMix64;
pub use transform::{perturb_figures, replace_province, shift_years, shuffle_sections};

use serde::{Deserialize, Serialize};

use crate::report::render::{pdf_layout, PdfOptions};

/// The phrase whose occurrences the generator records for recall measurements.
pub const PHRASE: &str = "giải ngân vốn đầu tư công";

/// Real Vietnamese provinces and cities (with diacritics) used in place of the template's.
pub const PROVINCES: &[&str] = &[
    "Cao Bằng",
    "Hà Giang",
    "Quảng Ninh",
    "Bắc Giang",
    "Thái Nguyên",
    "Nghệ An",
    "Đắk Lắk",
    "Điện Biên",
    "Lào Cai",
    "Yên Bái",
    "Tuyên Quang",
    "Bắc Kạn",
    "Sơn La",
    "Lai Châu",
    "Hòa Bình",
    "Phú Thọ",
    "Vĩnh Phúc",
    "Bắc Ninh",
    "Hải Dương",
    "Hưng Yên",
    "Thái Bình",
    "Nam Định",
    "Ninh Bình",
    "Thanh Hóa",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Ninh Thuận",
    "Bình Thuận",
    "Kon Tum",
    "Gia Lai",
    "Đắk Nông",
    "Lâm Đồng",
    "Bình Phước",
    "Tây Ninh",
    "Bình Dương",
    "Đồng Nai",
    "Bà Rịa - Vũng Tàu",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Trà Vinh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Kiên Giang",
    "Hậu Giang",
    "Sóc Trăng",
    "Bạc Liêu",
    "Cà Mau",
    "Lạng Sơn",
];

/// Layout of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// Converted from Word: one paragraph a line, superscript footnote markers.
    Clean,
    /// Extracted from a PDF: hard wraps, digit markers, page-bottom footnote blocks.
    Pdf,
}

/// One bundled report the generator varies.
#[derive(Debug, Clone)]
pub struct Template {
    /// File name of the bundled report.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Its layout, detected from the text.
    pub layout: Layout,
    /// The year that occurs most often in it (the report's main year).
    pub main_year: i32,
}

impl Template {
    /// A template from a bundled report's file name and text.
    pub fn new(name: &str, text: &str) -> Template {
        Template {
            name: name.to_string(),
            text: text.to_string(),
            layout: detect_layout(text),
            main_year: main_year(text).unwrap_or(2024),
        }
    }
}

/// Ground truth about [`PHRASE`] in one generated file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    /// Occurrences of the phrase in the file's logical text (lines re-joined, any case).
    pub phrase_occurrences: usize,
    /// Occurrences that sit whole on one physical line (any case).
    pub phrase_one_line: usize,
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct SynthDoc {
    /// Unique, stable file name.
    pub file: String,
    /// Its content.
    pub text: String,
    /// Its layout.
    pub layout: Layout,
    /// Name of the template it was made from.
    pub template: String,
    /// Province written into it.
    pub province: String,
    /// Main year of the report after the shift.
    pub year: i32,
    /// Ground truth about [`PHRASE`].
    pub truth: Truth,
}

/// Parameters of a generated corpus.
#[derive(Debug, Clone, Copy)]
pub struct SynthConfig {
    /// Seed of the whole corpus.
    pub seed: u64,
    /// Fraction of files written in the PDF-extracted layout.
    pub pdf_fraction: f64,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            seed: 42,
            pdf_fraction: 0.5,
        }
    }
}

/// Generates file number `index` of the corpus: a pure function of the templates, the
/// configuration and the index.
///
/// # Panics
/// When `templates` is empty.
pub fn generate(templates: &[Template], config: &SynthConfig, index: u64) -> SynthDoc {
    assert!(!templates.is_empty(), "no templates");
    let mut rng = SplitMix64::new(
        config
            .seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(index.wrapping_mul(0xD1B5_4A32_D192_ED03)),
    );
    let clean: Vec<&Template> = templates
        .iter()
        .filter(|t| t.layout == Layout::Clean)
        .collect();
    let want_pdf = rng.next_f64() < config.pdf_fraction;
    let template = if want_pdf || clean.is_empty() {
        &templates[rng.below(templates.len() as u64) as usize]
    } else {
        clean[rng.below(clean.len() as u64) as usize]
    };
    let province = PROVINCES[rng.below(PROVINCES.len() as u64) as usize];
    let year = 2005 + rng.below(21) as i32;

    let mut text = replace_province(&template.text, province);
    text = shift_years(&text, year - template.main_year);
    text = perturb_figures(&text, &mut rng);
    text = vary_phrase(&text, &mut rng);
    let layout = if template.layout == Layout::Clean {
        text = shuffle_sections(&text, &mut rng);
        if want_pdf {
            Layout::Pdf
        } else {
            Layout::Clean
        }
    } else {
        Layout::Pdf
    };
    let phrase_occurrences = count_phrase(&joined_lower(&text));
    if template.layout == Layout::Clean && layout == Layout::Pdf {
        let width = 70 + rng.below(25) as usize;
        let options = PdfOptions {
            width,
            footnote_width: width + 15 + rng.below(10) as usize,
            page_lines: 30 + rng.below(20) as usize,
        };
        text = pdf_layout(&text, &options);
    }
    let phrase_one_line = text.lines().map(|l| count_phrase(&l.to_lowercase())).sum();
    let file = format!(
        "{index:06}_{}_{year}_{}.txt",
        slug(province),
        match layout {
            Layout::Clean => "clean",
            Layout::Pdf => "pdf",
        }
    );
    SynthDoc {
        file,
        text,
        layout,
        template: template.name.clone(),
        province: province.to_string(),
        year,
        truth: Truth {
            phrase_occurrences,
            phrase_one_line,
        },
    }
}

/// Parses a size such as `1GB`, `50MB`, `300k`, `1048576` into bytes (powers of 1000 for
/// `kB/MB/GB`, of 1024 for `KiB/MiB/GiB`).
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let num: f64 = num.parse().ok()?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some((num * mult) as u64)
}

/// A file-name slug of a province: folded, lower case, words joined by `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let b = base_letter(c);
        if b.is_ascii_alphanumeric() {
            out.push(b.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The base ASCII letter of a Vietnamese letter (`ắ` → `a`, `Đ` → `D`), other chars as is.
fn base_letter(c: char) -> char {
    const GROUPS: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
        ("ìíỉĩị", 'i'),
        ("ÌÍỈĨỊ", 'I'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
        ("ùúủũụưừứửữự", 'u'),
        ("ÙÚỦŨỤƯỪỨỬỮỰ", 'U'),
        ("ỳýỷỹỵ", 'y'),
        ("ỲÝỶỸỴ", 'Y'),
        ("đ", 'd'),
        ("Đ", 'D'),
    ];
    if c.is_ascii() {
        return c;
    }
    GROUPS
        .iter()
        .find(|(set, _)| set.contains(c))
        .map(|(_, b)| *b)
        .unwrap_or(c)
}

/// Layout of a bundled report: PDF-extracted when most non-empty lines are short hard
/// wraps separated by blank lines, clean otherwise.
pub fn detect_layout(text: &str) -> Layout {
    let lines: Vec<&str> = text.lines().collect();
    let nonempty = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let superscripts = text.chars().filter(|c| is_superscript_digit(*c)).count();
    let long = lines.iter().filter(|l| l.chars().count() > 200).count();
    if nonempty > 0 && superscripts == 0 && long * 20 < nonempty {
        Layout::Pdf
    } else {
        Layout::Clean
    }
}

/// The year (1990–2060) that occurs most often as a standalone number, if any.
pub fn main_year(text: &str) -> Option<i32> {
    let mut counts = std::collections::BTreeMap::new();
    transform::for_each_number(text, |_, tok| {
        if let Some(y) = transform::as_year(tok) {
            *counts.entry(y).or_insert(0usize) += 1;
        }
    });
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

/// Whether `c` is a Unicode superscript digit (`⁰`–`⁹`).
pub(crate) fn is_superscript_digit(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹')
}

/// The text with its lines joined by single spaces and lower-cased (the logical text as a
/// reader sees it, whatever the line wraps).
fn joined_lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.to_lowercase()
}

/// Occurrences of [`PHRASE`] in an already lower-cased text.
fn count_phrase(lower: &str) -> usize {
    lower.matches(PHRASE).count()
}

/// Rewords some occurrences of the phrase (and drops them all from some files), so that
/// the phrase is in some generated files and not in others.
fn vary_phrase(text: &str, rng: &mut SplitMix64) -> String {
    let drop_all = rng.next_f64() < 0.3;
    // Half of the other files keep a single occurrence (chosen at random), so that
    // whether a file is found depends on that one occurrence and its line wraps.
    let total = {
        let mut n = 0;
        let mut rest = text;
        while let Some(pos) = find_phrase_any_case(rest) {
            n += 1;
            rest = &rest[pos + PHRASE.len()..];
        }
        n
    };
    let keep_only = (total > 1 && rng.next_f64() < 0.5).then(|| rng.below(total as u64) as usize);
    let mut seen = 0;
    const REWORDINGS: &[&str] = &[
        "giải ngân vốn đầu tư",
        "thanh toán vốn đầu tư công",
        "giải ngân nguồn vốn đầu tư công",
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = find_phrase_any_case(rest) {
        out.push_str(&rest[..pos]);
        let found = &rest[pos..pos + PHRASE.len()];
        let reword = match keep_only {
            Some(k) => seen != k,
            None => rng.next_f64() < 0.25,
        };
        seen += 1;
        if drop_all || reword {
            let pick = REWORDINGS[rng.below(REWORDINGS.len() as u64) as usize];
            if found.starts_with('G') {
                out.push('G');
                out.push_str(&pick[1..]);
            } else {
                out.push_str(pick);
            }
        } else {
            out.push_str(found);
        }
        rest = &rest[pos + PHRASE.len()..];
    }
    out.push_str(rest);
    out
}

/// Byte offset of the phrase written in lower case or with a capital first letter.
fn find_phrase_any_case(text: &str) -> Option<usize> {
    let capital = "Giải ngân vốn đầu tư công";
    match (text.find(PHRASE), text.find(capital)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1GB"), Some(1_000_000_000));
        assert_eq!(parse_size("50MB"), Some(50_000_000));
        assert_eq!(parse_size("2 MiB"), Some(2 * 1024 * 1024));
        assert_eq!(parse_size("123"), Some(123));
        assert_eq!(parse_size("1XB"), None);
    }

    #[test]
    fn slugs_fold_vietnamese() {
        assert_eq!(slug("Đắk Lắk"), "dak-lak");
        assert_eq!(slug("Bà Rịa - Vũng Tàu"), "ba-ria-vung-tau");
        assert_eq!(slug("Thừa Thiên Huế"), "thua-thien-hue");
    }

    #[test]
    fn phrase_variation_rewords_or_keeps() {
        let text = "Đẩy nhanh giải ngân vốn đầu tư công. Giải ngân vốn đầu tư công đạt 50%.";
        let mut kept_some = false;
        let mut dropped_some = false;
        for seed in 0..50 {
            let out = vary_phrase(text, &mut SplitMix64::new(seed));
            let n = count_phrase(&out.to_lowercase());
            kept_some |= n > 0;
            dropped_some |= n < 2;
            assert!(out.ends_with("đạt 50%."));
        }
        assert!(kept_some && dropped_some);
    }

    #[test]
    fn joined_text_finds_phrases_cut_by_wraps() {
        let text = "đẩy nhanh giải ngân vốn \n\nđầu tư công năm 2024";
        assert_eq!(count_phrase(&joined_lower(text)), 1);
    }
}
