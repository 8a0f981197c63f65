//! The File Information Block ([MS-DOC] 2.5.1) at the start of the `WordDocument`
//! stream: format version, flags, the character counts of the subdocuments and the
//! (offset, size) pairs of the structures kept in the table stream.

use super::bytes::{u16_at, u32_at};
use super::MsDocError;

/// `wIdent` of a Word 97+ document.
const WORD_IDENT: u16 = 0xA5EC;
/// Oldest `nFib` of the Word 97 binary format (Word 6 and 95 files have 101–104 and a
/// different FIB layout).
const MIN_NFIB: u16 = 0x00C0;
/// Entries of `FibRgLw97` the reader needs (up to `ccpHdrTxbx`).
const MIN_CSLW: usize = 11;
/// `FibRgFcLcb97` entries the reader needs (up to `fcPlfLfo`, entry 74).
const MIN_FC_LCB: usize = 75;

/// Indexes of the (fc, lcb) pairs of `FibRgFcLcb97` that the reader uses.
pub(super) mod entry {
    /// The style sheet (`STSH`).
    pub const STSHF: usize = 1;
    /// Footnote reference positions (`PlcffndRef`).
    pub const PLCFFND_REF: usize = 2;
    /// Footnote text positions (`PlcffndTxt`).
    pub const PLCFFND_TXT: usize = 3;
    /// Section boundaries (`PlcfSed`).
    pub const PLCF_SED: usize = 6;
    /// Character property pages (`PlcBteChpx`).
    pub const PLCF_BTE_CHPX: usize = 12;
    /// Paragraph property pages (`PlcBtePapx`).
    pub const PLCF_BTE_PAPX: usize = 13;
    /// Font table (`SttbfFfn`).
    pub const STTBF_FFN: usize = 15;
    /// The piece table and its property modifiers (`Clx`).
    pub const CLX: usize = 33;
    /// List definitions (`PlfLst`).
    pub const PLF_LST: usize = 73;
    /// List overrides (`PlfLfo`).
    pub const PLF_LFO: usize = 74;
}

/// What the reader takes from the FIB.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Fib {
    /// Format version.
    pub n_fib: u16,
    /// The document is encrypted or obfuscated.
    pub encrypted: bool,
    /// The table stream is `1Table` (else `0Table`).
    pub table_1: bool,
    /// Characters of the main document.
    pub ccp_text: u32,
    /// Characters of the footnote subdocument.
    pub ccp_ftn: u32,
    /// Characters of the header subdocument.
    pub ccp_hdd: u32,
    /// Characters of the comment subdocument.
    pub ccp_atn: u32,
    /// Characters of the endnote subdocument.
    pub ccp_edn: u32,
    /// Characters of the text-box subdocument.
    pub ccp_txbx: u32,
    /// Characters of the header text-box subdocument.
    pub ccp_hdr_txbx: u32,
    /// (offset, size) of each table-stream structure, in `FibRgFcLcb` order.
    pub fc_lcb: Vec<(u32, u32)>,
}

impl Fib {
    /// Parses the FIB at the start of the `WordDocument` stream.
    pub(super) fn parse(word: &[u8]) -> Result<Fib, MsDocError> {
        let short = || MsDocError::Malformed("WordDocument stream shorter than its FIB".into());
        let ident = u16_at(word, 0).ok_or_else(short)?;
        if ident != WORD_IDENT {
            return Err(MsDocError::Malformed(format!(
                "WordDocument stream does not start with a Word FIB (wIdent {ident:#06x})"
            )));
        }
        let n_fib = u16_at(word, 2).ok_or_else(short)?;
        if n_fib < MIN_NFIB {
            return Err(MsDocError::Unsupported(format!(
                "Word 6/95 format (nFib {n_fib}), not Word 97-2003"
            )));
        }
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        let encrypted = flags & 0x0100 != 0 || flags & 0x8000 != 0;
        let table_1 = flags & 0x0200 != 0;
        // FibRgW97, then FibRgLw97, then FibRgFcLcb, each preceded by its count.
        let csw = u16_at(word, 32).ok_or_else(short)? as usize;
        let lw_count_at = 34 + csw * 2;
        let cslw = u16_at(word, lw_count_at).ok_or_else(short)? as usize;
        if cslw < MIN_CSLW {
            return Err(MsDocError::Malformed(format!(
                "FIB has {cslw} long counts, fewer than Word 97's"
            )));
        }
        let lw = lw_count_at + 2;
        let long = |i: usize| u32_at(word, lw + i * 4).ok_or_else(short);
        let fc_count_at = lw + cslw * 4;
        let count = u16_at(word, fc_count_at).ok_or_else(short)? as usize;
        if count < MIN_FC_LCB {
            return Err(MsDocError::Malformed(format!(
                "FIB has {count} structure entries, fewer than Word 97's"
            )));
        }
        let mut fc_lcb = Vec::with_capacity(count);
        for i in 0..count {
            let at = fc_count_at + 2 + i * 8;
            fc_lcb.push((
                u32_at(word, at).ok_or_else(short)?,
                u32_at(word, at + 4).ok_or_else(short)?,
            ));
        }
        Ok(Fib {
            n_fib,
            encrypted,
            table_1,
            ccp_text: long(3)?,
            ccp_ftn: long(4)?,
            ccp_hdd: long(5)?,
            ccp_atn: long(7)?,
            ccp_edn: long(8)?,
            ccp_txbx: long(9)?,
            ccp_hdr_txbx: long(10)?,
            fc_lcb,
        })
    }

    /// The bytes of table-stream structure `index`, `None` when it is absent (size 0) or
    /// lies outside the table stream.
    pub(super) fn structure<'t>(&self, table: &'t [u8], index: usize) -> Option<&'t [u8]> {
        let (fc, lcb) = *self.fc_lcb.get(index)?;
        if lcb == 0 {
            return None;
        }
        super::bytes::slice(table, fc as usize, lcb as usize)
    }

    /// The offset of structure `index` in the table stream, when it has a size.
    pub(super) fn offset(&self, index: usize) -> Option<usize> {
        let (fc, lcb) = *self.fc_lcb.get(index)?;
        (lcb > 0).then_some(fc as usize)
    }
}

/// Test-side writer of a minimal Word 97 FIB.
#[cfg(test)]
pub(super) fn write_fib(
    table_1: bool,
    ccp_text: u32,
    ccp_ftn: u32,
    entries: &[(usize, u32, u32)],
) -> Vec<u8> {
    let mut w = vec![0u8; 32];
    w[0..2].copy_from_slice(&WORD_IDENT.to_le_bytes());
    w[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    let flags: u16 = if table_1 { 0x0200 } else { 0 };
    w[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
    w.extend_from_slice(&14u16.to_le_bytes());
    w.extend_from_slice(&[0u8; 28]);
    w.extend_from_slice(&22u16.to_le_bytes());
    let mut lw = [0u32; 22];
    lw[3] = ccp_text;
    lw[4] = ccp_ftn;
    for v in lw {
        w.extend_from_slice(&v.to_le_bytes());
    }
    let n = 93usize;
    w.extend_from_slice(&(n as u16).to_le_bytes());
    let mut pairs = vec![(0u32, 0u32); n];
    for &(i, fc, lcb) in entries {
        pairs[i] = (fc, lcb);
    }
    for (fc, lcb) in pairs {
        w.extend_from_slice(&fc.to_le_bytes());
        w.extend_from_slice(&lcb.to_le_bytes());
    }
    w.extend_from_slice(&0u16.to_le_bytes());
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_counts_flags_and_entries() {
        let w = write_fib(true, 120, 30, &[(entry::CLX, 500, 21)]);
        let fib = Fib::parse(&w).unwrap();
        assert_eq!(fib.n_fib, 0xC1);
        assert!(fib.table_1 && !fib.encrypted);
        assert_eq!((fib.ccp_text, fib.ccp_ftn), (120, 30));
        assert_eq!(fib.fc_lcb[entry::CLX], (500, 21));
        let table = vec![0u8; 600];
        assert_eq!(fib.structure(&table, entry::CLX).unwrap().len(), 21);
        assert!(fib.structure(&table, entry::PLF_LST).is_none());
        assert!(fib.structure(&[0u8; 10], entry::CLX).is_none());
    }

    #[test]
    fn rejects_other_formats_and_truncation() {
        let mut w = write_fib(false, 1, 0, &[]);
        assert!(Fib::parse(&w[..100]).is_err());
        w[2] = 104; // Word 95
        assert!(matches!(Fib::parse(&w), Err(MsDocError::Unsupported(_))));
        assert!(Fib::parse(b"\x00\x00 not a fib").is_err());
        let mut enc = write_fib(false, 1, 0, &[]);
        enc[0x0B] |= 0x01;
        assert!(Fib::parse(&enc).unwrap().encrypted);
    }
}
