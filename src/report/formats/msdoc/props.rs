//! Paragraph and character properties: the formatted disk pages (FKPs, [MS-DOC] 2.9.84
//! `ChpxFkp` and 2.9.176 `PapxFkp`) that give each byte range of text its modifiers, the
//! style sheet (2.9.271 `STSH`) that paragraphs and runs inherit from, and the font table
//! (2.9.283 `SttbfFfn`).

use std::collections::HashSet;

use super::bytes::{plc, slice, u16_at, u32_at, u8_at};
use super::sprm::{self, toggle};

/// Size of a formatted disk page.
const PAGE: usize = 512;
/// "No base style" in `istdBase`.
const NO_STYLE: u16 = 0x0FFF;
/// Deepest chain of base styles followed (Word allows far fewer; a cycle stops earlier).
const MAX_STYLE_DEPTH: usize = 32;

/// The paragraph properties the reader uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct ParaProps {
    /// Paragraph style.
    pub istd: u16,
    /// List instance (1-based LFO index; 0 or negative: not in a list).
    pub ilfo: i16,
    /// List level.
    pub ilvl: u8,
    /// Inside a table.
    pub in_table: bool,
    /// The row end mark of a table.
    pub ttp: bool,
    /// Table depth (0 outside tables).
    pub itap: i32,
    /// End of a cell of a nested table.
    pub inner_cell: bool,
    /// End of a row of a nested table.
    pub inner_ttp: bool,
}

impl ParaProps {
    /// Applies the paragraph modifiers of a grpprl.
    pub(super) fn apply(&mut self, grpprl: &[u8]) {
        for s in sprm::iter(grpprl) {
            match s.op {
                sprm::P_ISTD => self.istd = s.word(),
                sprm::P_ILFO => self.ilfo = s.word() as i16,
                sprm::P_ILVL => self.ilvl = s.byte(),
                sprm::P_IN_TABLE => self.in_table = s.byte() != 0,
                sprm::P_TTP => self.ttp = s.byte() != 0,
                sprm::P_ITAP => self.itap = u32_at(s.arg, 0).unwrap_or(0) as i32,
                sprm::P_DTAP => {
                    let d = u32_at(s.arg, 0).unwrap_or(0) as i32;
                    self.itap = self.itap.saturating_add(d);
                }
                sprm::P_INNER_CELL => self.inner_cell = s.byte() != 0,
                sprm::P_INNER_TTP => self.inner_ttp = s.byte() != 0,
                _ => {}
            }
        }
    }

    /// Table depth: `sprmPItap`, or 1 for a paragraph only marked as in a table.
    pub(super) fn depth(&self) -> i32 {
        if self.itap > 0 {
            self.itap
        } else if self.in_table {
            1
        } else {
            0
        }
    }
}

/// The character properties the reader uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct CharProps {
    /// Hidden text.
    pub vanish: bool,
    /// All capitals.
    pub caps: bool,
    /// Deleted in a tracked change.
    pub deleted: bool,
    /// A special character (field mark, picture, note reference).
    pub special: bool,
    /// An embedded object.
    pub ole2: bool,
    /// 1 superscript, 2 subscript.
    pub iss: u8,
    /// Font index (into the font table).
    pub ftc: Option<u16>,
    /// Font of characters above 0x7F (`sprmCRgFtc2`), when set apart.
    pub ftc_other: Option<u16>,
    /// A symbol character's (font, code).
    pub symbol: Option<(u16, u16)>,
    /// Character style.
    pub istd: Option<u16>,
}

impl CharProps {
    /// Applies the character modifiers of a grpprl; toggles are relative to `style`.
    pub(super) fn apply(&mut self, grpprl: &[u8], style: &CharProps) {
        for s in sprm::iter(grpprl) {
            match s.op {
                sprm::C_VANISH => self.vanish = toggle(s.byte(), style.vanish),
                sprm::C_CAPS => self.caps = toggle(s.byte(), style.caps),
                sprm::C_DELETED => self.deleted = s.byte() != 0,
                sprm::C_SPEC => self.special = s.byte() != 0,
                sprm::C_OLE2 => self.ole2 = s.byte() != 0,
                sprm::C_FLD_VANISH => {}
                sprm::C_ISS => self.iss = s.byte(),
                sprm::C_FTC0 | sprm::C_FTC_OLD => self.ftc = Some(s.word()),
                sprm::C_FTC2 => self.ftc_other = Some(s.word()),
                sprm::C_SYMBOL => {
                    self.symbol = Some((s.word(), u16_at(s.arg, 2).unwrap_or(0)));
                }
                sprm::C_ISTD => self.istd = Some(s.word()),
                _ => {}
            }
        }
    }
}

/// A byte range of the `WordDocument` stream and the grpprl that formats it.
#[derive(Debug, Clone, Copy)]
struct Run<'a> {
    fc_start: u32,
    fc_end: u32,
    /// For paragraphs, the style index; unused for characters.
    istd: u16,
    grpprl: &'a [u8],
}

/// The runs of every FKP of one kind, sorted by position.
#[derive(Debug, Default)]
pub(super) struct Fkps<'a> {
    runs: Vec<Run<'a>>,
}

/// Which kind of FKP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FkpKind {
    /// Character properties (`ChpxFkp`).
    Chpx,
    /// Paragraph properties (`PapxFkp`).
    Papx,
}

impl<'a> Fkps<'a> {
    /// Reads the FKP pages a `PlcBteChpx` / `PlcBtePapx` lists. A page that is out of the
    /// stream or malformed is skipped (its text keeps default properties); a page listed
    /// twice is read once.
    pub(super) fn read(word: &'a [u8], plc_bte: &[u8], kind: FkpKind) -> Fkps<'a> {
        let mut runs = Vec::new();
        let Some((_, pns)) = plc(plc_bte, 4) else {
            return Fkps { runs };
        };
        let mut seen = HashSet::new();
        for pn in pns {
            let pn = u32_at(pn, 0).unwrap_or(0) & 0x003F_FFFF;
            if !seen.insert(pn) {
                continue;
            }
            let Some(page) = slice(word, pn as usize * PAGE, PAGE) else {
                continue;
            };
            read_page(page, kind, &mut runs);
        }
        runs.sort_by_key(|r| (r.fc_start, r.fc_end));
        Fkps { runs }
    }

    /// The style and grpprl of the run holding byte `fc`.
    pub(super) fn at(&self, fc: u32) -> Option<(u16, &'a [u8])> {
        let i = self.runs.partition_point(|r| r.fc_start <= fc);
        let r = self.runs.get(i.checked_sub(1)?)?;
        (fc < r.fc_end).then_some((r.istd, r.grpprl))
    }
}

fn read_page<'a>(page: &'a [u8], kind: FkpKind, runs: &mut Vec<Run<'a>>) {
    let crun = usize::from(page[PAGE - 1]);
    let entry = match kind {
        FkpKind::Chpx => 1,
        FkpKind::Papx => 13,
    };
    let offsets_at = (crun + 1) * 4;
    if offsets_at + crun * entry > PAGE - 1 {
        return;
    }
    for i in 0..crun {
        let (Some(fc_start), Some(fc_end)) = (u32_at(page, i * 4), u32_at(page, i * 4 + 4)) else {
            return;
        };
        if fc_end <= fc_start {
            continue;
        }
        let off = usize::from(page[offsets_at + i * entry]) * 2;
        let (istd, grpprl) = match kind {
            FkpKind::Chpx => {
                if off == 0 {
                    (0, &page[0..0])
                } else {
                    let cb = usize::from(u8_at(page, off).unwrap_or(0));
                    (0, slice(page, off + 1, cb).unwrap_or(&[]))
                }
            }
            FkpKind::Papx => {
                if off == 0 {
                    (0, &page[0..0])
                } else {
                    let cb = usize::from(u8_at(page, off).unwrap_or(0));
                    let (start, len) = if cb == 0 {
                        (off + 2, usize::from(u8_at(page, off + 1).unwrap_or(0)) * 2)
                    } else {
                        (off + 1, cb * 2 - 1)
                    };
                    match slice(page, start, len) {
                        Some(b) if b.len() >= 2 => (u16_at(b, 0).unwrap_or(0), &b[2..]),
                        _ => (0, &page[0..0]),
                    }
                }
            }
        };
        runs.push(Run {
            fc_start,
            fc_end,
            istd,
            grpprl,
        });
    }
}

/// One style of the style sheet.
#[derive(Debug, Clone, Default)]
struct Style {
    base: u16,
    /// 1 paragraph, 2 character, 3 table, 4 numbering.
    kind: u8,
    papx: Vec<u8>,
    chpx: Vec<u8>,
}

/// The style sheet: each style's modifiers and its chain of base styles.
#[derive(Debug, Default)]
pub(super) struct StyleSheet {
    styles: Vec<Option<Style>>,
    /// Paragraph properties of each style, resolved through its base styles.
    para: Vec<ParaProps>,
    /// Each style's chain of styles, root first (itself last).
    chains: Vec<Vec<u16>>,
    /// Default font of the document (`rgftcStandardChpStsh[0]`).
    pub default_ftc: Option<u16>,
}

impl StyleSheet {
    /// Parses an `STSH`; a malformed one gives the styles read up to the fault.
    pub(super) fn parse(stsh: &[u8]) -> StyleSheet {
        let mut sheet = StyleSheet::default();
        let Some(cb_stshi) = u16_at(stsh, 0).map(usize::from) else {
            return sheet;
        };
        let cstd = usize::from(u16_at(stsh, 2).unwrap_or(0));
        let cb_base = usize::from(u16_at(stsh, 4).unwrap_or(10));
        if cb_stshi >= 14 {
            sheet.default_ftc = u16_at(stsh, 2 + 12);
        }
        let mut at = 2 + cb_stshi;
        for _ in 0..cstd {
            let Some(cb) = u16_at(stsh, at).map(usize::from) else {
                break;
            };
            let std = slice(stsh, at + 2, cb);
            at += 2 + cb;
            sheet.styles.push(
                std.filter(|s| !s.is_empty())
                    .and_then(|s| style(s, cb_base)),
            );
            if std.is_none() {
                break;
            }
        }
        sheet.resolve();
        sheet
    }

    fn resolve(&mut self) {
        for istd in 0..self.styles.len() {
            // The chain from this style up to its root, then applied root first.
            let mut chain = Vec::new();
            let mut cur = istd;
            while let Some(Some(s)) = self.styles.get(cur) {
                if chain.len() >= MAX_STYLE_DEPTH || chain.contains(&(cur as u16)) {
                    break;
                }
                chain.push(cur as u16);
                if s.base == NO_STYLE {
                    break;
                }
                cur = usize::from(s.base);
            }
            chain.reverse();
            let mut para = ParaProps::default();
            for &i in &chain {
                if let Some(Some(s)) = self.styles.get(usize::from(i)) {
                    para.apply(&s.papx);
                }
            }
            para.istd = istd as u16;
            self.para.push(para);
            self.chains.push(chain);
        }
    }

    /// Paragraph properties of paragraph style `istd` (defaults for an unknown style).
    pub(super) fn para(&self, istd: u16) -> ParaProps {
        let mut p = self
            .para
            .get(usize::from(istd))
            .copied()
            .unwrap_or_default();
        p.istd = istd;
        p
    }

    /// Applies the character modifiers of style `istd` and its base styles to `props`.
    pub(super) fn apply_chars(&self, istd: u16, props: &mut CharProps) {
        let Some(chain) = self.chains.get(usize::from(istd)) else {
            return;
        };
        for &i in chain {
            if let Some(Some(s)) = self.styles.get(usize::from(i)) {
                let before = *props;
                props.apply(&s.chpx, &before);
            }
        }
    }

    /// Whether `istd` is a character style.
    pub(super) fn is_char_style(&self, istd: u16) -> bool {
        matches!(self.styles.get(usize::from(istd)), Some(Some(s)) if s.kind == 2)
    }
}

/// Parses one `STD`: its kind, base style and property exceptions.
fn style(std: &[u8], cb_base: usize) -> Option<Style> {
    let w2 = u16_at(std, 2)?;
    let kind = (w2 & 0x000F) as u8;
    let base = w2 >> 4;
    let cch = usize::from(u16_at(std, cb_base)?);
    // The name (UTF-16, NUL-terminated), then the UPXs from an even offset.
    let mut at = cb_base + 2 + cch * 2 + 2;
    at += at % 2;
    let mut upx = || -> Option<&[u8]> {
        let cb = usize::from(u16_at(std, at)?);
        let b = slice(std, at + 2, cb)?;
        at += 2 + cb + cb % 2;
        Some(b)
    };
    let mut s = Style {
        base,
        kind,
        ..Style::default()
    };
    match kind {
        1 => {
            if let Some(p) = upx() {
                s.papx = p.get(2..).unwrap_or(&[]).to_vec();
            }
            if let Some(c) = upx() {
                s.chpx = c.to_vec();
            }
        }
        2 => {
            if let Some(c) = upx() {
                s.chpx = c.to_vec();
            }
        }
        _ => {}
    }
    Some(s)
}

/// Font names by index, from an `SttbfFfn`.
pub(super) fn font_names(sttb: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let Some(count) = u16_at(sttb, 0) else {
        return names;
    };
    if count == 0xFFFF {
        return names;
    }
    let mut at = 4;
    for _ in 0..count {
        let Some(cb) = u8_at(sttb, at).map(usize::from) else {
            break;
        };
        let Some(ffn) = slice(sttb, at + 1, cb) else {
            break;
        };
        at += 1 + cb;
        // The name follows ffid, weight, charset, alt-name index, PANOSE and signature.
        let units: Vec<u16> = ffn
            .get(39..)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        names.push(String::from_utf16_lossy(&units));
    }
    names
}

/// Test-side writers of FKP pages, style sheets and font tables.
#[cfg(test)]
pub(super) mod write {
    /// A CHPX FKP page: `(fc_start, fc_end, grpprl)` runs, contiguous.
    pub fn chpx_page(runs: &[(u32, u32, &[u8])]) -> Vec<u8> {
        let mut page = vec![0u8; 512];
        let n = runs.len();
        for (i, r) in runs.iter().enumerate() {
            page[i * 4..i * 4 + 4].copy_from_slice(&r.0.to_le_bytes());
        }
        page[n * 4..n * 4 + 4].copy_from_slice(&runs[n - 1].1.to_le_bytes());
        let mut top = 511usize;
        for (i, r) in runs.iter().enumerate() {
            if r.2.is_empty() {
                continue;
            }
            top -= r.2.len() + 1;
            top -= top % 2;
            page[top] = r.2.len() as u8;
            page[top + 1..top + 1 + r.2.len()].copy_from_slice(r.2);
            page[(n + 1) * 4 + i] = (top / 2) as u8;
        }
        page[511] = n as u8;
        page
    }

    /// A PAPX FKP page: `(fc_start, fc_end, istd, grpprl)` runs, contiguous.
    pub fn papx_page(runs: &[(u32, u32, u16, &[u8])]) -> Vec<u8> {
        let mut page = vec![0u8; 512];
        let n = runs.len();
        for (i, r) in runs.iter().enumerate() {
            page[i * 4..i * 4 + 4].copy_from_slice(&r.0.to_le_bytes());
        }
        page[n * 4..n * 4 + 4].copy_from_slice(&runs[n - 1].1.to_le_bytes());
        let mut top = 511usize;
        for (i, r) in runs.iter().enumerate() {
            let mut body = r.2.to_le_bytes().to_vec();
            body.extend_from_slice(r.3);
            if body.len() % 2 == 1 {
                body.push(0);
            }
            // cb == 0 form: a second byte holds the size in words.
            top -= body.len() + 2;
            top -= top % 2;
            page[top] = 0;
            page[top + 1] = (body.len() / 2) as u8;
            page[top + 2..top + 2 + body.len()].copy_from_slice(&body);
            page[(n + 1) * 4 + i * 13] = (top / 2) as u8;
        }
        page[511] = n as u8;
        page
    }

    /// A style: (kind, base, papx, chpx).
    pub type Style<'a> = (u8, u16, &'a [u8], &'a [u8]);

    /// A style sheet: one style per slot (`None` = empty slot).
    pub fn stsh(styles: &[Option<Style<'_>>], default_ftc: u16) -> Vec<u8> {
        let mut out = Vec::new();
        let mut stshi = vec![0u8; 18];
        stshi[0..2].copy_from_slice(&(styles.len() as u16).to_le_bytes());
        stshi[2..4].copy_from_slice(&10u16.to_le_bytes());
        stshi[12..14].copy_from_slice(&default_ftc.to_le_bytes());
        out.extend_from_slice(&(stshi.len() as u16).to_le_bytes());
        out.extend_from_slice(&stshi);
        for s in styles {
            let Some((kind, base, papx, chpx)) = s else {
                out.extend_from_slice(&0u16.to_le_bytes());
                continue;
            };
            let mut std = vec![0u8; 10];
            std[2..4].copy_from_slice(&(u16::from(*kind) | (base << 4)).to_le_bytes());
            let name: Vec<u16> = "S".encode_utf16().collect();
            std.extend_from_slice(&(name.len() as u16).to_le_bytes());
            for u in name {
                std.extend_from_slice(&u.to_le_bytes());
            }
            std.extend_from_slice(&[0, 0]);
            let push_upx = |std: &mut Vec<u8>, b: &[u8]| {
                if std.len() % 2 == 1 {
                    std.push(0);
                }
                std.extend_from_slice(&(b.len() as u16).to_le_bytes());
                std.extend_from_slice(b);
            };
            if *kind == 1 {
                let mut p = 0u16.to_le_bytes().to_vec();
                p.extend_from_slice(papx);
                push_upx(&mut std, &p);
            }
            push_upx(&mut std, chpx);
            if std.len() % 2 == 1 {
                std.push(0);
            }
            out.extend_from_slice(&(std.len() as u16).to_le_bytes());
            out.extend_from_slice(&std);
        }
        out
    }

    /// A font table with the given names.
    pub fn fonts(names: &[&str]) -> Vec<u8> {
        let mut out = (names.len() as u16).to_le_bytes().to_vec();
        out.extend_from_slice(&[0, 0]);
        for n in names {
            let mut ffn = vec![0u8; 39];
            for u in n.encode_utf16() {
                ffn.extend_from_slice(&u.to_le_bytes());
            }
            ffn.extend_from_slice(&[0, 0]);
            out.push(ffn.len() as u8);
            out.extend_from_slice(&ffn);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bte(fcs: &[u32], pns: &[u32]) -> Vec<u8> {
        let mut b = Vec::new();
        for f in fcs {
            b.extend_from_slice(&f.to_le_bytes());
        }
        for p in pns {
            b.extend_from_slice(&p.to_le_bytes());
        }
        b
    }

    #[test]
    fn character_runs_are_found_by_byte_position() {
        let mut word = vec![0u8; 1024];
        let page = write::chpx_page(&[(100, 110, &[0x3C, 0x08, 1]), (110, 130, &[])]);
        word[512..].copy_from_slice(&page);
        let fkps = Fkps::read(&word, &bte(&[100, 130], &[1]), FkpKind::Chpx);
        assert_eq!(fkps.at(105).unwrap().1, &[0x3C, 0x08, 1]);
        assert_eq!(fkps.at(110).unwrap().1, &[] as &[u8]);
        assert!(fkps.at(99).is_none() && fkps.at(130).is_none());
        let mut props = CharProps::default();
        props.apply(fkps.at(100).unwrap().1, &CharProps::default());
        assert!(props.vanish);
    }

    #[test]
    fn paragraph_runs_carry_their_style_and_list() {
        let mut word = vec![0u8; 1024];
        let page = write::papx_page(&[
            (0, 40, 3, &[0x0B, 0x46, 2, 0, 0x0A, 0x26, 1]),
            (40, 60, 0, &[0x16, 0x24, 1]),
        ]);
        word[512..].copy_from_slice(&page);
        let fkps = Fkps::read(&word, &bte(&[0, 60], &[1, 1]), FkpKind::Papx);
        let (istd, grpprl) = fkps.at(39).unwrap();
        assert_eq!(istd, 3);
        let mut p = ParaProps::default();
        p.apply(grpprl);
        assert_eq!((p.ilfo, p.ilvl), (2, 1));
        let mut q = ParaProps::default();
        q.apply(fkps.at(45).unwrap().1);
        assert!(q.in_table && q.depth() == 1);
    }

    #[test]
    fn pages_outside_the_stream_or_garbled_are_skipped() {
        let word = vec![0xFFu8; 600];
        // Page 1 is cut short; page 0 claims 255 runs, more than fit.
        let fkps = Fkps::read(&word, &bte(&[0, 10, 20], &[0, 1]), FkpKind::Papx);
        assert!(fkps.at(5).is_none());
        let fkps = Fkps::read(&word, &[1, 2, 3], FkpKind::Chpx);
        assert!(fkps.at(0).is_none());
    }

    #[test]
    fn styles_inherit_from_their_base() {
        // 0: Normal, hidden-off; 1: list style based on 0; 2: based on 1, caps;
        // 3: empty slot; 4: cycle with itself.
        let stsh = write::stsh(
            &[
                Some((1, NO_STYLE, &[], &[0x4F, 0x4A, 3, 0])),
                Some((1, 0, &[0x0B, 0x46, 1, 0, 0x0A, 0x26, 2], &[])),
                Some((1, 1, &[], &[0x3B, 0x08, 1])),
                None,
                Some((2, 4, &[], &[0x3C, 0x08, 1])),
            ],
            7,
        );
        let sheet = StyleSheet::parse(&stsh);
        assert_eq!(sheet.default_ftc, Some(7));
        let p = sheet.para(2);
        assert_eq!((p.istd, p.ilfo, p.ilvl), (2, 1, 2));
        let mut c = CharProps::default();
        sheet.apply_chars(2, &mut c);
        assert!(c.caps && c.ftc == Some(3));
        assert_eq!(
            sheet.para(3),
            ParaProps {
                istd: 3,
                ..Default::default()
            }
        );
        let mut c = CharProps::default();
        sheet.apply_chars(4, &mut c);
        assert!(c.vanish && sheet.is_char_style(4));
        assert_eq!(sheet.para(900).ilfo, 0);
        // Garbage never panics.
        for n in 0..stsh.len() {
            let _ = StyleSheet::parse(&stsh[..n]);
        }
    }

    #[test]
    fn font_names_are_read_in_order() {
        let t = write::fonts(&["Times New Roman", ".VnTime"]);
        assert_eq!(font_names(&t), ["Times New Roman", ".VnTime"]);
        assert!(font_names(&t[..20]).len() < 2);
    }
}
