//! Property modifiers ([MS-DOC] 2.2.5 `Sprm`): a 2-byte operation code whose top three
//! bits give the operand size, then the operand. A grpprl is a run of them.

use super::bytes::{u16_at, u8_at};

/// Paragraph style (`sprmPIstd`).
pub(super) const P_ISTD: u16 = 0x4600;
/// List level (`sprmPIlvl`).
pub(super) const P_ILVL: u16 = 0x260A;
/// List instance, 1-based index into the LFOs (`sprmPIlfo`).
pub(super) const P_ILFO: u16 = 0x460B;
/// Paragraph inside a table (`sprmPFInTable`).
pub(super) const P_IN_TABLE: u16 = 0x2416;
/// Row end mark of a table (`sprmPFTtp`).
pub(super) const P_TTP: u16 = 0x2417;
/// Table depth (`sprmPItap`).
pub(super) const P_ITAP: u16 = 0x6649;
/// Table depth difference (`sprmPDtap`).
pub(super) const P_DTAP: u16 = 0x664A;
/// End of a cell of a nested table (`sprmPFInnerTableCell`).
pub(super) const P_INNER_CELL: u16 = 0x244B;
/// End of a row of a nested table (`sprmPFInnerTtp`).
pub(super) const P_INNER_TTP: u16 = 0x244C;
/// Tab stops (`sprmPChgTabs`), whose operand size has its own rule.
const P_CHG_TABS: u16 = 0xC615;
/// Table definition (`sprmTDefTable`), whose operand size is a 2-byte count.
const T_DEF_TABLE: u16 = 0xD608;

/// Deleted text of a tracked change (`sprmCFRMarkDel`).
pub(super) const C_DELETED: u16 = 0x0800;
/// Field result hidden (`sprmCFFldVanish`).
pub(super) const C_FLD_VANISH: u16 = 0x0802;
/// An embedded OLE object (`sprmCFOle2`).
pub(super) const C_OLE2: u16 = 0x080A;
/// Character style (`sprmCIstd`).
pub(super) const C_ISTD: u16 = 0x4A30;
/// All capitals (`sprmCFCaps`).
pub(super) const C_CAPS: u16 = 0x083B;
/// Hidden text (`sprmCFVanish`).
pub(super) const C_VANISH: u16 = 0x083C;
/// Special character: field marks, pictures, note references (`sprmCFSpec`).
pub(super) const C_SPEC: u16 = 0x0855;
/// Superscript or subscript (`sprmCIss`: 1 = superscript, 2 = subscript).
pub(super) const C_ISS: u16 = 0x2A48;
/// Font of ASCII characters (`sprmCRgFtc0`).
pub(super) const C_FTC0: u16 = 0x4A4F;
/// Font of Word 6 files kept by later versions (`sprmCFtc`).
pub(super) const C_FTC_OLD: u16 = 0x4A3D;
/// Font of characters above 0x7F that are not East Asian (`sprmCRgFtc2`).
pub(super) const C_FTC2: u16 = 0x4A51;
/// A symbol character: font and code (`sprmCSymbol`).
pub(super) const C_SYMBOL: u16 = 0x6A09;

/// One property modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sprm<'a> {
    /// Operation code.
    pub op: u16,
    /// Operand bytes.
    pub arg: &'a [u8],
}

impl Sprm<'_> {
    /// The operand's first byte (0 when empty).
    pub(super) fn byte(&self) -> u8 {
        self.arg.first().copied().unwrap_or(0)
    }

    /// The operand as a little-endian `u16` (0 when shorter).
    pub(super) fn word(&self) -> u16 {
        u16_at(self.arg, 0).unwrap_or(0)
    }
}

/// The modifiers of a grpprl, in order; stops at the first one that does not fit.
pub(super) fn iter(grpprl: &[u8]) -> impl Iterator<Item = Sprm<'_>> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let op = u16_at(grpprl, at)?;
        let start = at + 2;
        let (skip, len) = operand_size(op, grpprl, start)?;
        let arg = super::bytes::slice(grpprl, start + skip, len)?;
        at = start + skip + len;
        Some(Sprm { op, arg })
    })
}

/// Bytes before the operand proper (its size prefix) and the operand's length.
fn operand_size(op: u16, buf: &[u8], at: usize) -> Option<(usize, usize)> {
    Some(match op >> 13 {
        0 | 1 => (0, 1),
        2 | 4 | 5 => (0, 2),
        3 => (0, 4),
        7 => (0, 3),
        _ => match op {
            T_DEF_TABLE => {
                // A 2-byte size that counts itself minus one.
                let cb = usize::from(u16_at(buf, at)?);
                (2, cb.saturating_sub(1))
            }
            P_CHG_TABS => {
                let cb = usize::from(u8_at(buf, at)?);
                if cb == 255 {
                    // Deleted tabs (count, 4 bytes each), then added tabs (3 bytes each).
                    let del = usize::from(u8_at(buf, at + 1)?);
                    let add = usize::from(u8_at(buf, at + 2 + del * 4)?);
                    (1, 1 + del * 4 + 1 + add * 3)
                } else {
                    (1, cb)
                }
            }
            _ => (1, usize::from(u8_at(buf, at)?)),
        },
    })
}

/// A toggle property's new value: 0 off, 1 on, 0x80 as the style has it, 0x81 the
/// opposite of the style.
pub(super) fn toggle(arg: u8, style: bool) -> bool {
    match arg {
        0 => false,
        0x80 => style,
        0x81 => !style,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operand_sizes_follow_the_spra_bits() {
        let grpprl = [
            0x3C, 0x08, 0x01, // sprmCFVanish, 1 byte
            0x0B, 0x46, 0x02, 0x00, // sprmPIlfo, 2 bytes
            0x49, 0x66, 1, 0, 0, 0, // sprmPItap, 4 bytes
            0x09, 0x6A, 1, 2, 3, 4, // sprmCSymbol, 4 bytes
            0x15, 0xC6, 0x02, 0xAA, 0xBB, // sprmPChgTabs, size byte 2
            0x08, 0xD6, 0x03, 0x00, 0x11, 0x22, // sprmTDefTable, size 3 - 1
            0x40, 0x26, 0x05, // sprmPOutLvl
        ];
        let got: Vec<(u16, Vec<u8>)> = iter(&grpprl).map(|s| (s.op, s.arg.to_vec())).collect();
        assert_eq!(
            got,
            [
                (C_VANISH, vec![1]),
                (P_ILFO, vec![2, 0]),
                (P_ITAP, vec![1, 0, 0, 0]),
                (C_SYMBOL, vec![1, 2, 3, 4]),
                (P_CHG_TABS, vec![0xAA, 0xBB]),
                (T_DEF_TABLE, vec![0x11, 0x22]),
                (0x2640, vec![5]),
            ]
        );
    }

    #[test]
    fn a_truncated_modifier_ends_the_list() {
        let grpprl = [0x0B, 0x46, 0x02, 0x00, 0x49, 0x66, 1];
        assert_eq!(iter(&grpprl).count(), 1);
        assert_eq!(iter(&[0x01]).count(), 0);
        // A variable operand claiming more than is there.
        assert_eq!(iter(&[0x00, 0xC0, 0xFF, 1]).count(), 0);
    }

    #[test]
    fn toggles_are_relative_to_the_style() {
        assert!(toggle(1, false) && !toggle(0, true));
        assert!(toggle(0x80, true) && !toggle(0x80, false));
        assert!(toggle(0x81, false) && !toggle(0x81, true));
    }
}
