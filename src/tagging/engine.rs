//! The matching and scoring engine behind the rules tables of [`super::rules`].
//!
//! Text is folded, split into words (sentence ends kept as breaks), and scanned left to
//! right; at each word the longest phrase of the table that matches there wins and
//! consumes its words. Matches are weighed by where they are (heading ≫ first sentence of
//! the body > rest of the body) and by the strength of their rule; a sector is kept when
//! its heading names it, or when the body names it clearly (a minimum score, relative to
//! the section's top score).

use std::collections::HashMap;
use std::sync::OnceLock;

// Rule phrases and texts are folded by the one folding of the crate, so a rule phrase
// matches what the folded field indexes (`Ầ→a`, `đ→d`, NFC and NFD alike).
use crate::analysis::fold;

use super::rules::{
    Role, RoleRule, SectorRule, HEADING_FILLERS, LONG_HEADING_WORDS, NEUTRAL, ROLE_RULES, SECTORS,
    SECTOR_RULES,
};

/// Most sectors given to one section or footnote.
pub const MAX_SECTORS: usize = 4;
/// Multiplier of heading points against body points.
pub(crate) const HEADING_FACTOR: f32 = 4.0;
/// Multiplier of the points of the body's first sentence.
pub(crate) const FIRST_SENTENCE_FACTOR: f32 = 2.0;
/// A heading sector must reach this share of the heading's top sector.
const HEADING_REL: f32 = 0.25;
/// Least heading points of a sector that is not the heading's top one (one weak word
/// in passing does not name a second sector).
const HEADING_MIN_SECOND: f32 = 2.0;
/// Least body points for a sector the heading does not name.
pub(crate) const BODY_MIN: f32 = 4.0;
/// A body sector must reach this share of the section's top score (heading included).
pub(crate) const BODY_REL: f32 = 0.3;
/// A body-only section naming this many sectors clearly is an overall assessment.
const TONG_HOP_MIN_SECTORS: usize = 5;
/// Least points for a footnote's own sector.
const FOOTNOTE_MIN: f32 = 3.0;
/// A footnote's own sector must reach this share of its top score.
const FOOTNOTE_REL: f32 = 0.4;

/// The slug of overall assessments.
const TONG_HOP: &str = "tong-hop";

/// One word of folded text, punctuation between two words of a sentence, or a
/// sentence break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Word(&'a str),
    /// `,`, `-`, `/`, quotes, brackets… between two words.
    Punct,
    Break,
}

/// Splits folded text into words, in-sentence punctuation marks and sentence breaks.
fn tokenize(folded: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in folded.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            toks.push(Tok::Word(&folded[s..i]));
        }
        if matches!(c, '.' | ';' | ':' | '!' | '?' | '\n' | '\r') {
            match toks.last() {
                Some(Tok::Break) | None => {}
                Some(Tok::Punct) => *toks.last_mut().unwrap() = Tok::Break,
                Some(Tok::Word(_)) => toks.push(Tok::Break),
            }
        } else if !c.is_whitespace() && matches!(toks.last(), Some(Tok::Word(_))) {
            toks.push(Tok::Punct);
        }
    }
    if let Some(s) = start {
        toks.push(Tok::Word(&folded[s..]));
    }
    toks
}

/// One element of a phrase of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PTok {
    /// A folded word.
    Word(String),
    /// `#`: any number.
    Number,
    /// The phrase has punctuation here: the text may have punctuation or none.
    Punct,
}

/// A phrase of the table, ready to match. Where the phrase has no punctuation between
/// two words, the text must have none either: `hạ tầng` does not match `… 47.970 ha,
/// tăng 0,79%`, `thu, chi ngân sách` matches `thu chi ngân sách` too.
#[derive(Debug)]
struct Entry {
    toks: Vec<PTok>,
    /// Number of words (for longest-first order).
    words: usize,
    /// Index into [`SECTOR_RULES`] or [`ROLE_RULES`].
    rule: usize,
}

impl Entry {
    /// The number of text tokens this phrase matches at `toks[at..]`, if it matches.
    fn match_len(&self, toks: &[Tok<'_>], at: usize) -> Option<usize> {
        let mut j = at;
        for p in &self.toks {
            match p {
                PTok::Punct => {
                    if toks.get(j) == Some(&Tok::Punct) {
                        j += 1;
                    }
                }
                PTok::Word(w) => match toks.get(j) {
                    Some(Tok::Word(t)) if t == w => j += 1,
                    _ => return None,
                },
                PTok::Number => match toks.get(j) {
                    Some(Tok::Word(t)) if t.bytes().all(|b| b.is_ascii_digit()) => j += 1,
                    _ => return None,
                },
            }
        }
        Some(j - at)
    }
}

/// FNV-1a: a fast hash for the short words looked up at every token.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Phrases indexed by their first word, longest first.
#[derive(Debug, Default)]
struct PhraseSet {
    by_first: FnvMap<String, Vec<Entry>>,
}

impl PhraseSet {
    fn add(&mut self, phrase: &str, rule: usize) {
        const NUMBER: &str = "zznumberzz";
        let folded = fold(&phrase.replace('#', &format!(" {NUMBER} ")));
        let toks: Vec<PTok> = tokenize(&folded)
            .into_iter()
            .map(|t| match t {
                Tok::Word(NUMBER) => PTok::Number,
                Tok::Word(w) => PTok::Word(w.to_string()),
                Tok::Punct | Tok::Break => PTok::Punct,
            })
            .collect();
        let Some(PTok::Word(first)) = toks.first().cloned() else {
            return;
        };
        let words = toks.iter().filter(|t| **t != PTok::Punct).count();
        let list = self.by_first.entry(first).or_default();
        list.push(Entry { toks, words, rule });
        list.sort_by_key(|e| std::cmp::Reverse(e.words));
    }

    /// The longest entry matching at `toks[at..]`, with its length in tokens.
    fn longest_at(&self, toks: &[Tok<'_>], at: usize) -> Option<(&Entry, usize)> {
        let Tok::Word(first) = toks[at] else {
            return None;
        };
        // No phrase starts with a number: skip the lookup for the many figures.
        if first.as_bytes()[0].is_ascii_digit() {
            return None;
        }
        let list = self.by_first.get(first)?;
        list.iter()
            .find_map(|e| e.match_len(toks, at).map(|len| (e, len)))
    }
}

/// The compiled tables.
struct Tables {
    sectors: PhraseSet,
    roles: PhraseSet,
    fillers: PhraseSet,
    /// For each rule of [`SECTOR_RULES`], the index of its sector in [`SECTORS`]
    /// (None for neutral rows).
    rule_sector: Vec<Option<usize>>,
    /// For each sector of [`SECTORS`], the index of its parent.
    parent: Vec<Option<usize>>,
    tong_hop: usize,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut sectors = PhraseSet::default();
        let mut rule_sector = Vec::with_capacity(SECTOR_RULES.len());
        for (i, rule) in SECTOR_RULES.iter().enumerate() {
            for p in rule.phrases {
                sectors.add(p, i);
            }
            rule_sector.push(if rule.sector == NEUTRAL {
                None
            } else {
                sector_index(rule.sector)
            });
        }
        let mut roles = PhraseSet::default();
        for (i, rule) in ROLE_RULES.iter().enumerate() {
            for p in rule.phrases {
                roles.add(p, i);
            }
        }
        let mut fillers = PhraseSet::default();
        for (i, p) in HEADING_FILLERS.iter().enumerate() {
            fillers.add(p, i);
        }
        let parent = SECTORS
            .iter()
            .map(|(slug, _)| slug.rsplit_once('/').and_then(|(p, _)| sector_index(p)))
            .collect();
        Tables {
            sectors,
            roles,
            fillers,
            rule_sector,
            parent,
            tong_hop: sector_index(TONG_HOP).unwrap_or(SECTORS.len() - 1),
        }
    })
}

/// Index of a slug in [`SECTORS`].
pub(crate) fn sector_index(slug: &str) -> Option<usize> {
    SECTORS.iter().position(|(s, _)| *s == slug)
}

/// One phrase of the rules table found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMatch {
    /// Sector slug of the rule that matched.
    pub sector: &'static str,
    /// The matched words, folded.
    pub words: String,
    /// What the rule catches (from the table).
    pub catches: &'static str,
    /// Whether the match is in the first sentence.
    pub first_sentence: bool,
}

/// Runs the sector phrases over folded tokens, calling `hit(rule, first_sentence, words)`.
fn scan<'a>(toks: &[Tok<'a>], mut hit: impl FnMut(usize, bool, &[Tok<'a>])) {
    let t = tables();
    let mut first_sentence = true;
    let mut i = 0;
    while i < toks.len() {
        if toks[i] == Tok::Break {
            first_sentence = false;
            i += 1;
            continue;
        }
        match t.sectors.longest_at(toks, i) {
            Some((e, len)) => {
                hit(e.rule, first_sentence, &toks[i..i + len]);
                i += len;
            }
            None => i += 1,
        }
    }
}

/// Points per sector (index of [`SECTORS`]) of one text.
#[derive(Debug, Clone)]
pub(crate) struct Points(Vec<f32>);

impl Points {
    fn zero() -> Self {
        Points(vec![0.0; SECTORS.len()])
    }
}

/// Points of a heading: every occurrence at heading weight.
fn heading_points(heading: &str) -> Points {
    let t = tables();
    let folded = fold(heading);
    let toks = tokenize(&folded);
    let mut pts = Points::zero();
    scan(&toks, |rule, _, _| {
        if let Some(s) = t.rule_sector[rule] {
            pts.0[s] += SECTOR_RULES[rule].weight.heading_points();
        }
    });
    pts
}

/// Points of body text: every occurrence at body weight, doubled in the first sentence.
fn body_points(body: &str) -> Points {
    let t = tables();
    let folded = fold(body);
    let toks = tokenize(&folded);
    let mut pts = Points::zero();
    scan(&toks, |rule, first, _| {
        if let Some(s) = t.rule_sector[rule] {
            let w = SECTOR_RULES[rule].weight.body_points();
            pts.0[s] += if first { w * FIRST_SENTENCE_FACTOR } else { w };
        }
    });
    pts
}

/// The phrases of the rules table found in `text`, in order (neutral rows left out).
pub fn explain(text: &str) -> Vec<RuleMatch> {
    let folded = fold(text);
    let toks = tokenize(&folded);
    let mut out = Vec::new();
    scan(&toks, |rule, first, words| {
        let r: &SectorRule = &SECTOR_RULES[rule];
        if r.sector == NEUTRAL {
            return;
        }
        let words = words
            .iter()
            .filter_map(|t| match t {
                Tok::Word(w) => Some(*w),
                Tok::Punct | Tok::Break => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        out.push(RuleMatch {
            sector: r.sector,
            words,
            catches: r.catches,
            first_sentence: first,
        });
    });
    out
}

/// Drops a parent when one of its children is present, keeping order.
fn drop_covered_parents(list: &mut Vec<usize>) {
    let t = tables();
    let present = list.clone();
    list.retain(|&s| !present.iter().any(|&c| t.parent[c] == Some(s)));
}

/// Sorts sector indices by descending score (stable: ties keep table order).
fn by_score(mut list: Vec<usize>, score: &[f32]) -> Vec<usize> {
    list.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    list
}

/// Sector indices of a heading and its body (see [`sectors_for`]).
pub(crate) fn select(heading: &str, body: &str) -> Vec<usize> {
    let t = tables();
    let h = heading_points(heading);
    let b = body_points(body);
    let n = SECTORS.len();

    let hmax = h.0.iter().copied().fold(0.0f32, f32::max);
    let in_heading: Vec<usize> = (0..n)
        .filter(|&s| {
            h.0[s] > 0.0
                && h.0[s] >= HEADING_REL * hmax
                && (h.0[s] >= HEADING_MIN_SECOND || h.0[s] >= hmax)
        })
        .collect();
    let mut heading_sel = by_score(in_heading, &h.0);
    drop_covered_parents(&mut heading_sel);

    if heading_sel.contains(&t.tong_hop) {
        // An overall heading: the body's fields are its content, not its sectors.
        heading_sel.retain(|&s| s != t.tong_hop);
        heading_sel.insert(0, t.tong_hop);
        heading_sel.truncate(MAX_SECTORS);
        return heading_sel;
    }

    let combined: Vec<f32> = (0..n).map(|s| HEADING_FACTOR * h.0[s] + b.0[s]).collect();
    let top = combined.iter().copied().fold(0.0f32, f32::max);
    let body_sel: Vec<usize> = (0..n)
        .filter(|&s| {
            s != t.tong_hop
                && !heading_sel.contains(&s)
                && b.0[s] >= BODY_MIN
                && combined[s] >= BODY_REL * top
        })
        .collect();
    let mut body_sel = by_score(body_sel, &combined);
    drop_covered_parents(&mut body_sel);
    if body_sel.len() >= TONG_HOP_MIN_SECTORS {
        // The body runs through every field: it is an overall account.
        body_sel = vec![t.tong_hop];
    }

    // A parent the heading names stays (the section is about the whole field); body
    // sectors only add children.
    // A parent named by the heading stays while at most one of its children is named
    // (`Lĩnh vực phát triển kinh tế` over a GRDP paragraph that mostly speaks of industry
    // is still about the whole economy); once two or more children are, they say it (a
    // child slug implies its parent in the hierarchical facet) and keep the slots.
    let t_parent = &t.parent;
    let mut all = heading_sel.clone();
    all.extend(body_sel);
    let present = all.clone();
    all.retain(|&s| {
        let children = present.iter().filter(|&&c| t_parent[c] == Some(s)).count();
        children == 0 || (children == 1 && heading_sel.contains(&s))
    });
    all.truncate(MAX_SECTORS);
    all
}

/// The heading to read for a section: its own, or, when the parser left it empty (a
/// `Phần I` label alone on its line), the upper-case words that open its text
/// (`TÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM 2024`).
pub fn effective_heading<'a>(heading: &'a str, text: &'a str) -> &'a str {
    if !heading.trim().is_empty() {
        return heading;
    }
    let line = text.trim_start().lines().next().unwrap_or("");
    let mut end = 0;
    let mut words = 0;
    for (i, w) in line.split_inclusive(char::is_whitespace).scan(0, |pos, w| {
        let start = *pos;
        *pos += w.len();
        Some((start, w))
    }) {
        if w.chars().any(char::is_lowercase) {
            break;
        }
        if w.chars().any(char::is_alphabetic) {
            words += 1;
        }
        end = i + w.len();
    }
    if words >= 2 {
        line[..end].trim_end()
    } else {
        heading
    }
}

/// Sector slugs of one piece of text: a heading and its body (either may be empty).
///
/// The heading's sectors come first, then those the body names clearly, at most
/// [`MAX_SECTORS`]; an overall heading (`Tình hình kinh tế - xã hội…`, `Đánh giá chung`)
/// or a body that names many fields without a heading to narrow it gives `tong-hop`.
/// A parent slug (`kinh-te`) is only given when none of its children is.
pub fn sectors_for(heading: &str, body: &str) -> Vec<&'static str> {
    select(heading, body)
        .into_iter()
        .map(|s| SECTORS[s].0)
        .collect()
}

/// Sector indices of a footnote's own words (no heading).
pub(crate) fn select_footnote(text: &str) -> Vec<usize> {
    let t = tables();
    let b = body_points(text);
    let top = b.0.iter().copied().fold(0.0f32, f32::max);
    let list: Vec<usize> = (0..SECTORS.len())
        .filter(|&s| s != t.tong_hop && b.0[s] >= FOOTNOTE_MIN && b.0[s] >= FOOTNOTE_REL * top)
        .collect();
    let mut list = by_score(list, &b.0);
    drop_covered_parents(&mut list);
    list
}

/// The sectors of a group of sub-sections: `tong-hop` when they span many fields (or one
/// of them is overall), else the fields they name, most frequent first, capped.
pub(crate) fn summarize(lists: &[&[usize]]) -> Vec<usize> {
    let t = tables();
    let mut count = vec![0usize; SECTORS.len()];
    for list in lists {
        for &s in *list {
            count[s] += 1;
        }
    }
    let mut present: Vec<usize> = (0..SECTORS.len()).filter(|&s| count[s] > 0).collect();
    drop_covered_parents(&mut present);
    if count[t.tong_hop] > 0 || present.len() >= TONG_HOP_MIN_SECTORS {
        return vec![t.tong_hop];
    }
    present.sort_by(|&a, &b| count[b].cmp(&count[a]).then(a.cmp(&b)));
    present.truncate(MAX_SECTORS);
    present
}

/// Merges sector lists in order, without duplicates or covered parents, capped.
pub(crate) fn merge(lists: &[&[usize]]) -> Vec<usize> {
    let mut all: Vec<usize> = Vec::new();
    for list in lists {
        for &s in *list {
            if !all.contains(&s) {
                all.push(s);
            }
        }
    }
    if all.len() > 1 {
        let th = tables().tong_hop;
        all.retain(|&s| s != th);
    }
    drop_covered_parents(&mut all);
    all.truncate(MAX_SECTORS);
    all
}

/// The role a heading states, if any: after filler words (`Một số`, `Về`…), the heading
/// must open with a phrase of [`ROLE_RULES`]. Long headings and headings that end like a
/// sentence (a task or limitation item's first sentence: `Tình hình buôn lậu … còn diễn
/// biến phức tạp.`) only count rules marked `in_long_headings`.
pub fn role_of_heading(heading: &str) -> Option<Role> {
    let t = tables();
    let folded = fold(heading);
    let toks: Vec<Tok<'_>> = tokenize(&folded);
    let words = toks.iter().filter(|t| matches!(t, Tok::Word(_))).count();
    // A task or limitation item's heading is its first sentence: long, or ending like one.
    let long = words > LONG_HEADING_WORDS || heading.trim_end().ends_with(['.', ';', '!']);
    let mut i = 0;
    while i < toks.len() {
        if matches!(toks[i], Tok::Break | Tok::Punct) {
            i += 1;
            continue;
        }
        match t.fillers.longest_at(&toks, i) {
            Some((_, len)) => i += len,
            None => break,
        }
    }
    if i >= toks.len() {
        return None;
    }
    let (e, _) = t.roles.longest_at(&toks, i)?;
    let rule: &RoleRule = &ROLE_RULES[e.rule];
    (!long || rule.in_long_headings).then_some(rule.role)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let f = fold(text);
        tokenize(&f)
            .into_iter()
            .map(|t| match t {
                Tok::Word(w) => w.to_string(),
                Tok::Break => "|".to_string(),
                Tok::Punct => ",".to_string(),
            })
            .collect()
    }

    #[test]
    fn fold_treats_nfc_and_nfd_alike() {
        let text = "Đẩy mạnh GIẢI NGÂN vốn đầu tư công; Thuỷ lợi, thủy sản, hoà, hòa, ỹ ữ ầ";
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(text).collect();
        assert_eq!(fold(&nfd), fold(text));
    }

    #[test]
    fn tokenize_keeps_sentence_breaks_and_punctuation_between_words() {
        assert_eq!(
            words("Thu, chi ngân sách. Quốc phòng - an ninh"),
            ["thu", ",", "chi", "ngan", "sach", "|", "quoc", "phong", ",", "an", "ninh"]
        );
    }

    #[test]
    fn punctuation_in_the_text_needs_punctuation_in_the_phrase() {
        // "ha, tăng" is not "hạ tầng", "tỷ đồng, đạt" is not a phrase either.
        let m = explain("Diện tích gieo cấy lúa ước đạt 47.970 ha, tăng 0,79% so với cùng kỳ");
        assert!(
            m.iter().all(|m| m.sector == "kinh-te/nong-lam-nghiep"),
            "{m:?}"
        );
        // A phrase written with punctuation matches the text with or without it.
        for text in [
            "Thu, chi ngân sách",
            "Thu chi ngân sách",
            "thu - chi ngân sách",
        ] {
            assert_eq!(explain(text)[0].words, "thu chi ngan sach", "{text}");
        }
    }

    #[test]
    fn longest_phrase_wins() {
        let m = explain("Cải thiện môi trường kinh doanh và bảo vệ môi trường");
        let sectors: Vec<_> = m.iter().map(|m| m.sector).collect();
        assert_eq!(sectors, ["kinh-te/doanh-nghiep", "tai-nguyen-moi-truong"]);
        let m = explain("đẩy mạnh xuất khẩu lao động");
        assert_eq!(m[0].sector, "van-hoa-xa-hoi/lao-dong-an-sinh");
        let m = explain("chống buôn lậu, gian lận thương mại");
        assert!(m.iter().all(|m| m.sector == "thanh-tra"));
    }

    #[test]
    fn number_wildcard_and_look_alikes() {
        let m = explain("Tình hình thiệt hại do bão số 3 trên địa bàn");
        assert!(m
            .iter()
            .any(|m| m.sector == "thien-tai" && m.words == "bao so 3"));
        // "Thông báo số 70" folds like "bão số 70" but names no disaster.
        let m = explain("theo Thông báo số 70-TB/VPTW ngày 06/9/2023");
        assert!(m.iter().all(|m| m.sector != "thien-tai"), "{m:?}");
        // Folding makes "giá đạt"/"đạt ở" look like "giá đất"/"đất ở" (land).
        let m = explain("kim ngạch trị giá đạt 4.681 triệu USD, tăng trưởng đạt ở mức cao");
        assert!(
            m.iter().all(|m| m.sector != "tai-nguyen-moi-truong"),
            "{m:?}"
        );
        // Folding look-alikes found in real reports.
        for (text, wrong) in [
            (
                "diện tích ước đạt 21.150 ha tăng 4,5% so với",
                "kinh-te/dau-tu-ha-tang",
            ),
            ("Hệ thống quản lý văn bản và điều hành", "kinh-te/cua-khau"),
            (
                "doanh thu viễn thông đạt 120 tỷ đồng",
                "van-hoa-xa-hoi/van-hoa-the-thao",
            ),
            ("an ninh trật tự xã hội đảm bảo", "doi-ngoai"),
            ("thực hiện đầy đủ toàn diện", "kinh-te/ngan-sach"),
            (
                "nghiên cứu đổi mới sáng tạo",
                "van-hoa-xa-hoi/lao-dong-an-sinh",
            ),
            ("xây mới trường học", "tai-nguyen-moi-truong"),
            ("tạo cơ hội cho người dân", "kinh-te/thuong-mai-du-lich"),
            ("vật liệu nổ công nghiệp", "kinh-te/ngan-sach"),
            ("thi khoa học kỹ thuật", "van-hoa-xa-hoi/giao-duc"),
        ] {
            let m = explain(text);
            assert!(m.iter().all(|m| m.sector != wrong), "{text}: {m:?}");
        }
        // A boarding school is not a hospital ward.
        let m = explain("Trường phổ thông dân tộc nội trú tỉnh");
        assert!(
            m.iter().all(|m| m.sector == "van-hoa-xa-hoi/giao-duc"),
            "{m:?}"
        );
    }

    #[test]
    fn phrases_do_not_cross_sentence_ends() {
        // "... kinh tế. Xã hội ..." is not "kinh tế - xã hội".
        assert!(!sectors_for("Kinh tế. Xã hội", "").contains(&"tong-hop"));
    }

    #[test]
    fn headings_decide() {
        assert_eq!(
            sectors_for("Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới", ""),
            ["kinh-te/nong-lam-nghiep"]
        );
        assert_eq!(
            sectors_for("Phát triển kinh tế cửa khẩu", ""),
            ["kinh-te/cua-khau"]
        );
        let s = sectors_for("Sản xuất công nghiệp; thương mại, dịch vụ và du lịch", "");
        assert_eq!(s, ["kinh-te/thuong-mai-du-lich", "kinh-te/cong-nghiep"]);
        assert_eq!(
            sectors_for("Thu, chi ngân sách, tín dụng", ""),
            ["kinh-te/ngan-sach"]
        );
        assert_eq!(sectors_for("Về phát triển kinh tế", ""), ["kinh-te"]);
        assert_eq!(
            sectors_for("Lĩnh vực văn hóa - xã hội", ""),
            ["van-hoa-xa-hoi"]
        );
        assert_eq!(
            sectors_for(
                "TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 02 VÀ 02 THÁNG ĐẦU NĂM 2024",
                ""
            ),
            ["tong-hop"]
        );
        assert_eq!(
            sectors_for(
                "Công tác cải cách hành chính, nội vụ và thi đua khen thưởng",
                ""
            ),
            ["cai-cach-hanh-chinh"]
        );
        assert_eq!(
            sectors_for("Tình hình thiệt hại do bão số 3 trên địa bàn tỉnh", ""),
            ["thien-tai"]
        );
    }

    #[test]
    fn task_item_is_classified_from_its_own_words() {
        let s = sectors_for(
            "Tập trung đôn đốc các chủ đầu tư, nhà đầu tư khẩn trương xây dựng kế hoạch chi tiết thực hiện và giải ngân vốn đầu tư công năm 2024; đẩy nhanh tiến độ hoàn thiện thủ tục đầu tư các dự án khởi công mới.",
            "",
        );
        assert_eq!(s[0], "kinh-te/dau-tu-ha-tang", "{s:?}");
        let s = sectors_for(
            "Tăng cường công tác quốc phòng - an ninh, bảo đảm chủ quyền biên giới quốc gia.",
            "Tiếp tục nâng cao hiệu quả hoạt động của Ban Chỉ đạo phòng chống tham nhũng.",
        );
        assert_eq!(s[0], "quoc-phong-an-ninh", "{s:?}");
    }

    #[test]
    fn body_sector_needs_clear_naming() {
        // One passing mention of tourism under a budget heading adds nothing.
        let s = sectors_for(
            "Thu, chi ngân sách",
            "Tổng thu ngân sách nhà nước trên địa bàn đạt 398 tỷ đồng. Thu từ hoạt động du lịch tăng.",
        );
        assert_eq!(s, ["kinh-te/ngan-sach"]);
    }

    #[test]
    fn body_spanning_all_fields_is_tong_hop() {
        let body =
            "Sản xuất nông nghiệp ổn định, nông thôn mới được đẩy mạnh, trồng rừng vượt kế hoạch. \
            Kim ngạch xuất nhập khẩu qua cửa khẩu tăng, xuất khẩu tăng mạnh. \
            Giải ngân vốn đầu tư công đạt thấp, giải phóng mặt bằng còn chậm. \
            Thu ngân sách đạt dự toán, chi ngân sách bảo đảm. \
            An sinh xã hội được bảo đảm, giải quyết việc làm cho người lao động. \
            An ninh chính trị, trật tự an toàn xã hội ổn định, quốc phòng được củng cố. \
            Khiếu nại, tố cáo được giải quyết, thanh tra được tăng cường.";
        assert_eq!(sectors_for("", body), ["tong-hop"]);
    }

    #[test]
    fn empty_heading_reads_the_upper_case_opening_of_the_text() {
        assert_eq!(
            effective_heading(
                "",
                "TÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM 2024\nTrong 9 tháng…"
            ),
            "TÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG ĐẦU NĂM 2024"
        );
        assert_eq!(
            effective_heading(
                " ",
                "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM QUÝ IV NĂM 2024 Để thực hiện đạt"
            ),
            "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM QUÝ IV NĂM 2024"
        );
        assert_eq!(effective_heading("", "Trong tháng, UBND tỉnh đã"), "");
        assert_eq!(
            effective_heading("Thu, chi ngân sách", "ANY"),
            "Thu, chi ngân sách"
        );
    }

    #[test]
    fn sub_sections_summarize_into_their_fields_or_tong_hop() {
        let idx = |s: &str| sector_index(s).unwrap();
        let a = [idx("kinh-te/dau-tu-ha-tang")];
        let b = [idx("kinh-te/dau-tu-ha-tang"), idx("doi-ngoai")];
        assert_eq!(
            summarize(&[&a, &b]),
            [idx("kinh-te/dau-tu-ha-tang"), idx("doi-ngoai")]
        );
        let many: Vec<[usize; 1]> = [
            "thanh-tra",
            "doi-ngoai",
            "chuyen-doi-so",
            "kinh-te/ngan-sach",
            "thien-tai",
        ]
        .iter()
        .map(|s| [idx(s)])
        .collect();
        let lists: Vec<&[usize]> = many.iter().map(|l| l.as_slice()).collect();
        assert_eq!(summarize(&lists), [idx("tong-hop")]);
    }

    #[test]
    fn headings_of_other_provinces_and_years() {
        let cases: &[(&str, &[&str])] = &[
            ("Nuôi trồng và khai thác thủy sản", &["kinh-te/nong-lam-nghiep"]),
            ("Giao thông vận tải", &["kinh-te/dau-tu-ha-tang"]),
            ("Hoạt động ngân hàng", &["kinh-te/ngan-sach"]),
            ("Lao động - Thương binh và Xã hội", &["van-hoa-xa-hoi/lao-dong-an-sinh"]),
            ("Công tác phòng, chống dịch COVID-19", &["van-hoa-xa-hoi/y-te"]),
            ("Công tác phòng, chống thiên tai, tìm kiếm cứu nạn", &["thien-tai"]),
            ("Công tác tư pháp", &["cai-cach-hanh-chinh"]),
            ("Công tác xây dựng Đảng và hệ thống chính trị", &["chi-dao-dieu-hanh"]),
            (
                "Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi",
                &["van-hoa-xa-hoi/lao-dong-an-sinh"],
            ),
            ("MỤC TIÊU TỔNG QUÁT", &["tong-hop"]),
            ("Xây dựng, quản lý đô thị", &["kinh-te/dau-tu-ha-tang"]),
        ];
        for (heading, want) in cases {
            assert_eq!(sectors_for(heading, ""), *want, "{heading}");
        }
        assert_eq!(
            role_of_heading("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025"),
            Some(Role::NhiemVu)
        );
        assert_eq!(
            role_of_heading("Những tồn tại, hạn chế và nguyên nhân"),
            Some(Role::HanChe)
        );
        assert_eq!(
            role_of_heading("Các giải pháp chủ yếu"),
            Some(Role::NhiemVu)
        );
        assert_eq!(role_of_heading("Kiến nghị, đề xuất"), Some(Role::KienNghi));
        assert_eq!(role_of_heading("Những mặt còn hạn chế"), Some(Role::HanChe));
        assert_eq!(
            role_of_heading("KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2025"),
            Some(Role::NhiemVu)
        );
    }

    #[test]
    fn roles_from_headings() {
        assert_eq!(
            role_of_heading("NHIỆM VỤ TRỌNG TÂM THÁNG 3 NĂM 2024"),
            Some(Role::NhiemVu)
        );
        assert_eq!(
            role_of_heading("Một số nhiệm vụ, giải pháp chủ yếu trong thời gian tới"),
            Some(Role::NhiemVu)
        );
        assert_eq!(
            role_of_heading("Một số khó khăn, hạn chế, yếu kém trong quý I/2018"),
            Some(Role::HanChe)
        );
        assert_eq!(
            role_of_heading("Nguyên nhân khách quan"),
            Some(Role::HanChe)
        );
        assert_eq!(role_of_heading("ĐỀ XUẤT, KIẾN NGHỊ"), Some(Role::KienNghi));
        assert_eq!(role_of_heading("KẾT QUẢ ĐẠT ĐƯỢC"), Some(Role::TinhHinh));
        assert_eq!(
            role_of_heading("Kết quả cụ thể hoá các nhiệm vụ giải pháp của Nghị quyết số 11-NQ/TW"),
            Some(Role::TinhHinh)
        );
        // A results heading that merely mentions tasks says nothing.
        assert_eq!(
            role_of_heading("Về thực hiện nhiệm vụ phát triển nhanh, bền vững tạo bước đột phá"),
            None
        );
        assert_eq!(role_of_heading("Sản xuất công nghiệp"), None);
        // A task item's first sentence opening with "Tình hình" is not a situation heading.
        assert_eq!(
            role_of_heading("Tình hình buôn lậu, gian lận thương mại, buôn bán hàng cấm, hàng giả và tai nạn giao thông còn diễn biến phức tạp."),
            None
        );
        assert_eq!(
            role_of_heading("Đề nghị Trung ương sớm ban hành các cơ chế, chính sách đặc thù về phát triển vùng Trung du và miền núi phía Bắc để các địa phương thuộc vùng có cơ sở triển khai."),
            Some(Role::KienNghi)
        );
    }
}
