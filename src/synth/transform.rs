//! Text transformations of the generator: province, years, figures, section order and
//! footnote numbering.

use super::{is_superscript_digit, SplitMix64};

/// Replaces the bundled reports' province (`Lạng Sơn`, `LẠNG SƠN`, `Xứ Lạng`) by `province`.
pub fn replace_province(text: &str, province: &str) -> String {
    let upper = province.to_uppercase();
    text.replace("Lạng Sơn", province)
        .replace("Lạng sơn", province)
        .replace("LẠNG SƠN", &upper)
        .replace("Xứ Lạng", province)
        .replace("xứ Lạng", province)
}

/// Calls `f(byte_offset, token)` for every number token of `text`: a maximal run of
/// digits, `.` and `,` that starts with a digit not glued to a letter, without its
/// trailing `.`/`,`.
pub(crate) fn for_each_number(text: &str, mut f: impl FnMut(usize, &str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() && !prev.is_some_and(|c| c.is_alphanumeric()) {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b',')
            {
                i += 1;
            }
            let mut end = i;
            while end > start && !bytes[end - 1].is_ascii_digit() {
                end -= 1;
            }
            f(start, &text[start..end]);
            prev = Some(bytes[i - 1] as char);
            continue;
        }
        let c = text[i..].chars().next().expect("char boundary");
        prev = Some(c);
        i += c.len_utf8();
    }
}

/// Rewrites the number tokens for which `f` returns a replacement.
fn map_numbers(text: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut last = 0;
    for_each_number(text, |start, tok| {
        if let Some(new) = f(tok) {
            out.push_str(&text[last..start]);
            out.push_str(&new);
            last = start + tok.len();
        }
    });
    out.push_str(&text[last..]);
    out
}

/// The token as a year (four digits, 1990–2060).
pub(crate) fn as_year(tok: &str) -> Option<i32> {
    if tok.len() == 4 && tok.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = tok.parse().ok()?;
        (1990..=2060).contains(&y).then_some(y)
    } else {
        None
    }
}

/// Shifts every year (1990–2060, also inside dates `05/01/2024`) by `delta` years.
pub fn shift_years(text: &str, delta: i32) -> String {
    if delta == 0 {
        return text.to_string();
    }
    map_numbers(text, |tok| as_year(tok).map(|y| (y + delta).to_string()))
}

/// A Vietnamese-format figure: integer part with `.` thousands groups, optional `,`
/// decimals, and at least one of the two separators. Returns (value, decimals).
fn as_figure(tok: &str) -> Option<(f64, usize)> {
    let (int, dec) = match tok.split_once(',') {
        Some((i, d)) => (i, Some(d)),
        None => (tok, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    if groups.len() == 1 && dec.is_none() {
        return None;
    }
    if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    if !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let decimals = match dec {
        Some(d) if !d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit()) => {
            d.len()
        }
        Some(_) => return None,
        None => 0,
    };
    let int_value: f64 = groups.concat().parse().ok()?;
    let frac: f64 = match dec {
        Some(d) => d.parse::<f64>().ok()? / 10f64.powi(decimals as i32),
        None => 0.0,
    };
    Some((int_value + frac, decimals))
}

/// Writes a number the Vietnamese way: `.` between thousands, `,` before `decimals` digits.
pub fn format_vi(value: f64, decimals: usize) -> String {
    let scale = 10u64.pow(decimals as u32);
    let scaled = (value * scale as f64).round().max(0.0) as u64;
    let int = (scaled / scale).to_string();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if decimals > 0 {
        out.push(',');
        out.push_str(&format!("{:0width$}", scaled % scale, width = decimals));
    }
    out
}

/// Scales every Vietnamese-format figure (`1.236,87`, `12,7`, `65.359`) by a random
/// factor in [0.75, 1.25) and writes it back in the same format (same decimals).
pub fn perturb_figures(text: &str, rng: &mut SplitMix64) -> String {
    map_numbers(text, |tok| {
        let (value, decimals) = as_figure(tok)?;
        let factor = 0.75 + 0.5 * rng.next_f64();
        Some(format_vi(value * factor, decimals))
    })
}

/// Numbering level of a clean-layout line, and the byte length of its label (with the
/// space after it): `Phần I` 0, `I.` 1, `1.` 2, `1.1.` 3, `1.1.1.` 4, `a)` 5.
fn heading_level(line: &str) -> Option<(u8, usize)> {
    let off = if line.starts_with("**") { 2 } else { 0 };
    let s = &line[off..];
    if s.starts_with("Phần ") || s.starts_with("PHẦN ") {
        return Some((0, off));
    }
    let b = s.as_bytes();
    // Roman numerals.
    let roman = b.iter().take_while(|c| b"IVXL".contains(c)).count();
    if roman > 0
        && b.len() > roman + 1
        && (b[roman] == b'.' || b[roman] == b'-')
        && b[roman + 1] == b' '
    {
        return Some((1, off + roman + 2));
    }
    // Arabic, dotted.
    let mut i = 0;
    let mut parts = 0u8;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let len = i - start;
        if len == 0 || len > 2 {
            break;
        }
        parts += 1;
        if i < b.len() && b[i] == b'.' {
            i += 1;
            if i < b.len() && b[i] == b' ' {
                return (parts <= 3).then_some((parts + 1, off + i + 1));
            }
        } else {
            if parts >= 2 && i < b.len() && b[i] == b' ' {
                return (parts <= 3).then_some((parts + 1, off + i + 1));
            }
            break;
        }
    }
    // Letters a) b) đ).
    let mut chars = s.chars();
    if let (Some(c), Some(')'), Some(' ')) = (chars.next(), chars.next(), chars.next()) {
        if c.is_ascii_lowercase() || c == 'đ' {
            return Some((5, off + c.len_utf8() + 2));
        }
    }
    None
}

/// Whether a line glues a numbered heading after other text (`…11-NQ/TW**1. Khái quát`).
fn has_glued_heading(line: &str) -> bool {
    line.match_indices("**")
        .any(|(i, _)| i > 0 && line[i + 2..].starts_with(|c: char| c.is_ascii_digit()))
}

/// Shuffles runs of sibling leaf sections of a clean-layout text (three or more siblings
/// at one level, none with sub-sections), keeping the numbering labels in place so that
/// the numbering stays valid, then renumbers the footnotes in the new marker order.
pub fn shuffle_sections(text: &str, rng: &mut SplitMix64) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let end = lines
        .iter()
        .position(|l| {
            // The closing block (`… trân trọng báo cáo …`, `Nơi nhận`, signature) stays
            // last: a section shuffled after it would end the report early.
            let l = l.trim().trim_matches('*').trim();
            crate::report::structure::is_closing_start(l)
        })
        .unwrap_or(lines.len());
    // (line, level, label_len); glued headings are barriers of level 0.
    let heads: Vec<(usize, u8, usize)> = lines[..end]
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            if has_glued_heading(l) {
                Some((i, 0, 0))
            } else {
                heading_level(l).map(|(lv, len)| (i, lv, len))
            }
        })
        .collect();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut a = 0;
    while a < heads.len() {
        let level = heads[a].1;
        let mut b = a + 1;
        while b < heads.len() && heads[b].1 == level {
            b += 1;
        }
        let closed = b == heads.len() || heads[b].1 < level;
        if level >= 1 && closed && b - a >= 3 {
            runs.push((a, b));
        }
        a = b;
    }
    if runs.is_empty() {
        return renumber_footnotes(text);
    }
    let forced = rng.below(runs.len() as u64) as usize;
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for (k, &(a, b)) in runs.iter().enumerate() {
        if k != forced && rng.next_f64() < 0.5 {
            continue;
        }
        let block_end = |j: usize| {
            if j + 1 < heads.len() {
                heads[j + 1].0
            } else {
                end
            }
        };
        let blocks: Vec<Vec<String>> = (a..b)
            .map(|j| {
                let (line, _, label) = heads[j];
                let mut v = vec![lines[line][label..].to_string()];
                v.extend(lines[line + 1..block_end(j)].iter().map(|l| l.to_string()));
                v
            })
            .collect();
        let mut order: Vec<usize> = (0..blocks.len()).collect();
        rng.shuffle(&mut order);
        let mut rebuilt: Vec<String> = Vec::new();
        for (p, &src) in order.iter().enumerate() {
            let (line, _, label) = heads[a + p];
            let mut block = blocks[src].clone();
            block[0] = format!("{}{}", &lines[line][..label], block[0]);
            rebuilt.extend(block);
        }
        let first = heads[a].0;
        for (i, l) in rebuilt.into_iter().enumerate() {
            out[first + i] = l;
        }
    }
    renumber_footnotes(&out.join("\n"))
}

fn superscript_value(run: &str) -> u32 {
    run.chars().fold(0, |acc, c| {
        let d = match c {
            '⁰' => 0,
            '¹' => 1,
            '²' => 2,
            '³' => 3,
            c => c as u32 - '⁴' as u32 + 4,
        };
        acc * 10 + d
    })
}

fn superscript(n: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| DIGITS[(b - b'0') as usize])
        .collect()
}

/// A superscript run of a clean-layout text: byte range, value, and whether it starts a
/// footnote body (at the start of a line) rather than marking a footnote in the text.
struct SupRun {
    start: usize,
    end: usize,
    value: u32,
    body: bool,
}

fn superscript_runs(text: &str) -> Vec<SupRun> {
    let mut runs = Vec::new();
    let mut iter = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = iter.next() {
        if is_superscript_digit(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if !is_superscript_digit(d) {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            let run = &text[i..end];
            let body = prev.is_none() || prev == Some('\n');
            // km², m³: units, not markers.
            let unit = matches!(run, "²" | "³") && prev == Some('m');
            if !unit {
                runs.push(SupRun {
                    start: i,
                    end,
                    value: superscript_value(run),
                    body,
                });
            }
            prev = text[..end].chars().last();
            continue;
        }
        prev = Some(c);
    }
    runs
}

/// Renumbers the footnotes of a clean-layout text 1..N in the order of their markers and
/// sorts each cluster of adjacent footnote bodies by its new numbers.
pub fn renumber_footnotes(text: &str) -> String {
    let runs = superscript_runs(text);
    let bodies: std::collections::HashSet<u32> =
        runs.iter().filter(|r| r.body).map(|r| r.value).collect();
    let mut map = std::collections::HashMap::new();
    let mut next = 1u32;
    for r in runs.iter().filter(|r| !r.body && bodies.contains(&r.value)) {
        map.entry(r.value).or_insert_with(|| {
            next += 1;
            next - 1
        });
    }
    for r in runs.iter().filter(|r| r.body) {
        map.entry(r.value).or_insert_with(|| {
            next += 1;
            next - 1
        });
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for r in &runs {
        if let Some(&n) = map.get(&r.value) {
            out.push_str(&text[last..r.start]);
            out.push_str(&superscript(n));
            last = r.end;
        }
    }
    out.push_str(&text[last..]);
    sort_body_clusters(&out)
}

fn sort_body_clusters(text: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let body_number = |l: &str| -> Option<u32> {
        let run: String = l.chars().take_while(|c| is_superscript_digit(*c)).collect();
        (!run.is_empty()).then(|| superscript_value(&run))
    };
    let mut i = 0;
    while i < lines.len() {
        if body_number(&lines[i]).is_none() {
            i += 1;
            continue;
        }
        let mut members = vec![i];
        let mut j = i + 1;
        while j < lines.len() {
            if lines[j].trim().is_empty() {
                j += 1;
            } else if body_number(&lines[j]).is_some() {
                members.push(j);
                j += 1;
            } else {
                break;
            }
        }
        let mut contents: Vec<String> = members.iter().map(|&m| lines[m].clone()).collect();
        contents.sort_by_key(|l| body_number(l));
        for (m, c) in members.iter().zip(contents) {
            lines[*m] = c;
        }
        i = j;
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_shift_in_dates_and_ranges_only() {
        let t = "ngày 05/01/2024, giai đoạn 2021 - 2030, 1.236,87 tỷ, 79/QĐ-UBND, COVID-19";
        assert_eq!(
            shift_years(t, -10),
            "ngày 05/01/2014, giai đoạn 2011 - 2020, 1.236,87 tỷ, 79/QĐ-UBND, COVID-19"
        );
    }

    #[test]
    fn figures_keep_their_format() {
        let mut rng = SplitMix64::new(3);
        let t = "đạt 1.236,87 tỷ đồng, tăng 12,7%, 65.359 con, mục 1.2. và QL.279, ha1; 2024.";
        let out = perturb_figures(t, &mut rng);
        assert_ne!(out, t);
        assert!(out.ends_with("con, mục 1.2. và QL.279, ha1; 2024."));
        let first = out
            .trim_start_matches("đạt ")
            .split(' ')
            .next()
            .expect("figure");
        assert!(as_figure(first).is_some_and(|(_, d)| d == 2), "{first}");
    }

    #[test]
    fn format_vi_groups_thousands() {
        assert_eq!(format_vi(1236.87, 2), "1.236,87");
        assert_eq!(format_vi(1234567.0, 0), "1.234.567");
        assert_eq!(format_vi(12.7, 1), "12,7");
        assert_eq!(format_vi(0.05, 1), "0,1");
    }

    #[test]
    fn headings_are_recognised() {
        assert_eq!(heading_level("I. CÔNG TÁC"), Some((1, 3)));
        assert_eq!(heading_level("II- KẾT QUẢ"), Some((1, 4)));
        assert_eq!(heading_level("12. Tăng cường"), Some((2, 4)));
        assert_eq!(heading_level("1.3. Công tác"), Some((3, 5)));
        assert_eq!(heading_level("đ) Hoạt động"), Some((5, 4)));
        assert_eq!(heading_level("2023. Từ ngày"), None);
        assert_eq!(heading_level("179.600 con"), None);
        assert!(has_glued_heading("SỐ 11-NQ/TW**1. Khái quát chung**"));
    }

    #[test]
    fn leaf_sections_shuffle_but_labels_stay_in_order() {
        let text = "I. A\n\n1. Một¹\n\n¹ chú một\n\n2. Hai²\n\n² chú hai\n\n3. Ba\n\n4. Bốn\n\nTrân trọng báo cáo.\n\nNơi nhận:\n- X";
        let mut changed = false;
        for seed in 0..20 {
            let out = shuffle_sections(text, &mut SplitMix64::new(seed));
            let labels: Vec<&str> = out
                .lines()
                .filter(|l| heading_level(l).is_some_and(|(lv, _)| lv == 2))
                .map(|l| &l[..2])
                .collect();
            assert_eq!(labels, ["1.", "2.", "3.", "4."]);
            assert!(out.ends_with("\n\nTrân trọng báo cáo.\n\nNơi nhận:\n- X"));
            // Footnotes: first marker in the text is ¹.
            let first = superscript_runs(&out)
                .into_iter()
                .find(|r| !r.body)
                .expect("marker");
            assert_eq!(first.value, 1);
            changed |= out != text;
        }
        assert!(changed);
    }

    #[test]
    fn units_are_not_footnotes() {
        let out = renumber_footnotes("diện tích 8.310,18 km² và dân số³\n\n³ chú thích");
        assert_eq!(out, "diện tích 8.310,18 km² và dân số¹\n\n¹ chú thích");
    }

    #[test]
    fn province_forms_are_replaced() {
        let out = replace_province("UBND TỈNH LẠNG SƠN; tỉnh Lạng Sơn; Xứ Lạng", "Đắk Lắk");
        assert_eq!(out, "UBND TỈNH ĐẮK LẮK; tỉnh Đắk Lắk; Đắk Lắk");
    }
}
