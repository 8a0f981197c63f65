//! Footnotes ([MS-DOC] 2.8.x `PlcffndRef`, `PlcffndTxt`): where each reference sits in
//! the main text and which CPs of the footnote subdocument hold its text. Footnotes are
//! numbered 1..N in the order of their references, as Word shows them (and as the
//! `.docx` reader numbers them).

use std::collections::HashMap;
use std::ops::Range;

use super::bytes::plc;

/// The footnotes of a document.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Notes {
    /// Footnote number by the CP of its reference in the main text.
    pub refs: HashMap<u32, u32>,
    /// Each footnote's number and the CPs of its text (in the whole text, so offset by
    /// the main document's length).
    pub bodies: Vec<(u32, Range<u32>)>,
}

impl Notes {
    /// Reads the reference and text PLCs. `main_end` is the main document's length (the
    /// footnote subdocument starts there) and `sub_len` the subdocument's length.
    pub(super) fn parse(ref_plc: &[u8], txt_plc: &[u8], main_end: u32, sub_len: u32) -> Notes {
        let mut notes = Notes::default();
        let Some((ref_cps, _)) = plc(ref_plc, 2) else {
            return notes;
        };
        let Some((txt_cps, _)) = plc(txt_plc, 0) else {
            return notes;
        };
        // References in CP order; the i-th reference owns the i-th text.
        let count = ref_cps.len().saturating_sub(1);
        let mut order: Vec<usize> = (0..count).filter(|&i| ref_cps[i] < main_end).collect();
        order.sort_by_key(|&i| ref_cps[i]);
        for (k, i) in order.into_iter().enumerate() {
            let n = k as u32 + 1;
            notes.refs.insert(ref_cps[i], n);
            let (Some(&s), Some(&e)) = (txt_cps.get(i), txt_cps.get(i + 1)) else {
                continue;
            };
            if s < e && e <= sub_len {
                notes.bodies.push((n, main_end + s..main_end + e));
            }
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(v: &[u32], tail: usize) -> Vec<u8> {
        let mut b: Vec<u8> = v.iter().flat_map(|c| c.to_le_bytes()).collect();
        b.extend(std::iter::repeat_n(1u8, tail));
        b
    }

    #[test]
    fn notes_are_numbered_by_reference_and_placed_after_the_main_text() {
        // Two references at CPs 10 and 40 (main text of 100 CPs); texts 0..12, 12..30.
        let refs = cps(&[10, 40, 100], 4);
        let txt = cps(&[0, 12, 30, 31], 0);
        let n = Notes::parse(&refs, &txt, 100, 31);
        assert_eq!(n.refs[&10], 1);
        assert_eq!(n.refs[&40], 2);
        assert_eq!(n.bodies, [(1, 100..112), (2, 112..130)]);
    }

    #[test]
    fn out_of_range_entries_are_dropped() {
        let refs = cps(&[10, 400, 500], 4);
        let txt = cps(&[0, 12, 9000, 9001], 0);
        let n = Notes::parse(&refs, &txt, 100, 31);
        assert_eq!(n.refs.len(), 1);
        assert_eq!(n.bodies, [(1, 100..112)]);
        assert_eq!(Notes::parse(&[1, 2], &txt, 100, 31), Notes::default());
    }
}
