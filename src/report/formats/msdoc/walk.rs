//! Turns a range of character positions into paragraphs: paragraph and cell marks split
//! it, each paragraph's properties come from the mark's PAPX (and its style), characters
//! are kept or dropped by their CHPX (hidden, deleted, field codes, pictures), field
//! results are shown and field codes are not, footnote references become superscript
//! numbers, and runs in legacy Vietnamese fonts (TCVN3 `.VnTime`, VNI) are converted.

use std::collections::HashMap;

use super::super::blocks::{superscript, superscript_char};
use super::super::legacy::{self, Legacy};
use super::pieces::{Clx, Text};
use super::props::{CharProps, Fkps, ParaProps, StyleSheet};
use super::tables::{End, Para};

/// Paragraph mark.
const PARAGRAPH_MARK: u16 = 0x0D;
/// Cell or row end mark.
const CELL_MARK: u16 = 0x07;
/// Page or section break.
const PAGE_BREAK: u16 = 0x0C;
/// Field begin, separator and end marks.
const FIELD_BEGIN: u16 = 0x13;
const FIELD_SEPARATOR: u16 = 0x14;
const FIELD_END: u16 = 0x15;
/// A symbol character when special (`sprmCSymbol` gives the real one); `(` otherwise.
const SYMBOL: u16 = 0x28;
/// Deepest nesting of fields followed; deeper field marks are ignored (Word nests a
/// handful at most).
const MAX_FIELD_DEPTH: usize = 64;

/// What the walker reads from.
pub(super) struct Source<'a> {
    /// The document's characters.
    pub text: &'a Text,
    /// The piece table (for piece property modifiers).
    pub clx: &'a Clx,
    /// Character runs.
    pub chpx: &'a Fkps<'a>,
    /// Paragraph runs.
    pub papx: &'a Fkps<'a>,
    /// Styles.
    pub styles: &'a StyleSheet,
    /// Font names by index.
    pub fonts: &'a [String],
    /// Footnote numbers by reference CP.
    pub note_refs: &'a HashMap<u32, u32>,
    /// CPs at which a section ends (the CP after its last character).
    pub section_ends: &'a [u32],
}

/// A state of the field stack: inside the field code, or inside its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldPart {
    Code,
    Result,
}

/// Reads paragraphs from CP ranges, keeping the field state and property caches
/// between calls.
pub(super) struct Walker<'a> {
    src: Source<'a>,
    fields: Vec<FieldPart>,
    char_cache: HashMap<(u16, usize, usize, u16), CharProps>,
}

/// Text of a run of characters with the same rendering.
#[derive(Debug, Default)]
struct Run {
    units: Vec<u16>,
    legacy: Option<(Legacy, bool)>,
    caps: bool,
    sup: bool,
}

impl Run {
    fn flush(&mut self, out: &mut String) {
        if self.units.is_empty() {
            return;
        }
        let mut t = String::from_utf16_lossy(&self.units);
        self.units.clear();
        if let Some((enc, capitals)) = self.legacy {
            if !has_unicode_vietnamese(&t) {
                t = legacy::decode(enc, &t);
                if capitals {
                    t = t.to_uppercase();
                }
            }
        }
        if self.caps {
            t = t.to_uppercase();
        }
        if self.sup {
            if let Some(s) = t.chars().map(superscript_char).collect::<Option<String>>() {
                t = s;
            }
        }
        out.push_str(&t);
    }
}

/// Letters only Unicode Vietnamese has: a run that holds them was typed in Unicode even
/// if its font is a legacy one (Word substitutes a font for them), so it is not decoded.
fn has_unicode_vietnamese(t: &str) -> bool {
    t.chars().any(|c| {
        matches!(
            c,
            'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
        ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
    })
}

impl<'a> Walker<'a> {
    /// A walker over `src`.
    pub(super) fn new(src: Source<'a>) -> Walker<'a> {
        Walker {
            src,
            fields: Vec::new(),
            char_cache: HashMap::new(),
        }
    }

    /// Gives back what the walker reads from.
    pub(super) fn into_source(self) -> Source<'a> {
        self.src
    }

    /// The paragraphs of CPs `range` (clamped to the text), without list labels.
    pub(super) fn paragraphs(&mut self, range: std::ops::Range<u32>) -> Vec<Para> {
        let len = self.src.text.len() as u32;
        let (start, end) = (range.start.min(len), range.end.min(len));
        let mut out = Vec::new();
        let mut from = start;
        let mut cp = start;
        while cp < end {
            let u = self.src.text.units[cp as usize];
            let ends = match u {
                PARAGRAPH_MARK => Some(End::Paragraph),
                CELL_MARK => Some(End::Cell),
                PAGE_BREAK if self.src.section_ends.binary_search(&(cp + 1)).is_ok() => {
                    Some(End::Paragraph)
                }
                _ => None,
            };
            if let Some(e) = ends {
                out.push(self.paragraph(from, cp, e));
                from = cp + 1;
            }
            cp += 1;
        }
        if from < end {
            // Text after the last mark (a range that does not end with one).
            out.push(self.paragraph(from, end, End::Paragraph));
        }
        out
    }

    /// Properties of the paragraph whose mark is at `mark`.
    fn para_props(&self, mark: u32) -> ParaProps {
        let Some(&fc) = self.src.text.fcs.get(mark as usize) else {
            return ParaProps::default();
        };
        let (istd, grpprl) = self.src.papx.at(fc).unwrap_or((0, &[]));
        let mut p = self.src.styles.para(istd);
        p.apply(grpprl);
        if let Some(prm) = self.piece_grpprl(mark) {
            p.apply(prm);
        }
        p
    }

    fn piece_grpprl(&self, cp: u32) -> Option<&'a [u8]> {
        let piece = *self.src.text.piece.get(cp as usize)?;
        let prm = self.src.clx.pieces.get(piece as usize)?.prm;
        self.src.clx.prm_grpprl(prm)
    }

    fn char_props(&mut self, cp: u32, para_istd: u16) -> CharProps {
        let fc = self.src.text.fcs[cp as usize];
        let grpprl = self.src.chpx.at(fc).map_or(&[][..], |(_, g)| g);
        let piece = self.src.text.piece[cp as usize];
        let prm = self.src.clx.pieces[piece as usize].prm;
        let key = (para_istd, grpprl.as_ptr() as usize, grpprl.len(), prm);
        if let Some(p) = self.char_cache.get(&key) {
            return *p;
        }
        let mut props = CharProps::default();
        self.src.styles.apply_chars(para_istd, &mut props);
        // A character style applies over the paragraph style.
        let mut direct = CharProps::default();
        direct.apply(grpprl, &props);
        if let Some(cs) = direct.istd.filter(|&s| self.src.styles.is_char_style(s)) {
            self.src.styles.apply_chars(cs, &mut props);
        }
        let style = props;
        props.apply(grpprl, &style);
        if let Some(g) = self.src.clx.prm_grpprl(prm) {
            props.apply(g, &style);
        }
        self.char_cache.insert(key, props);
        props
    }

    fn font_encoding(&self, props: &CharProps) -> Option<(Legacy, bool)> {
        let ftc = props
            .ftc
            .or(props.ftc_other)
            .or(self.src.styles.default_ftc)?;
        let name = self.src.fonts.get(usize::from(ftc))?;
        super::super::docx::legacy_font(name)
    }

    fn visible(&self) -> bool {
        self.fields.iter().all(|f| *f == FieldPart::Result)
    }

    /// The paragraph of CPs `from..mark` ended by the mark at `mark`.
    fn paragraph(&mut self, from: u32, mark: u32, end: End) -> Para {
        let props = self.para_props(mark);
        let mut text = String::new();
        let mut notes = Vec::new();
        let mut run = Run::default();
        for cp in from..mark {
            let u = self.src.text.units[cp as usize];
            let chp = self.char_props(cp, props.istd);
            match u {
                FIELD_BEGIN => {
                    if self.fields.len() < MAX_FIELD_DEPTH {
                        self.fields.push(FieldPart::Code);
                    }
                    continue;
                }
                FIELD_SEPARATOR => {
                    if let Some(top) = self.fields.last_mut() {
                        *top = FieldPart::Result;
                    }
                    continue;
                }
                FIELD_END => {
                    self.fields.pop();
                    continue;
                }
                _ => {}
            }
            if !self.visible() || chp.vanish || chp.deleted {
                continue;
            }
            if let Some(&n) = self.src.note_refs.get(&cp) {
                run.flush(&mut text);
                text.push_str(&superscript(n));
                notes.push(n);
                continue;
            }
            let unit = match u {
                0x09 => Some(u16::from(b' ')),
                0x0B | 0x0C | 0x0E => Some(u16::from(b'\n')),
                0x1E => Some(u16::from(b'-')),
                SYMBOL if chp.special => chp
                    .symbol
                    .map(|(_, code)| code)
                    .filter(|c| !(0xE000..=0xF8FF).contains(c)),
                0x00..=0x1F => None,
                _ if chp.special && chp.ole2 => None,
                _ => Some(u),
            };
            let Some(unit) = unit else { continue };
            let legacy = if unit > 0x7F || u8::try_from(unit).is_ok_and(|b| b.is_ascii_alphabetic())
            {
                self.font_encoding(&chp)
            } else {
                run.legacy
            };
            let sup = chp.iss == 1;
            if (legacy, chp.caps, sup) != (run.legacy, run.caps, run.sup) {
                run.flush(&mut text);
                run.legacy = legacy;
                run.caps = chp.caps;
                run.sup = sup;
            }
            run.units.push(unit);
        }
        run.flush(&mut text);
        Para {
            text,
            notes,
            props,
            end,
        }
    }
}
