//! The piece table ([MS-DOC] 2.9.38 `Clx`): where each run of character positions (CPs)
//! is stored in the `WordDocument` stream, as 8-bit "compressed" text (Windows-1252) or
//! UTF-16, and the property modifiers (`Prc`) that pieces of fast-saved files point to.

use super::bytes::{i16_at, slice, u16_at, u32_at, u8_at};
use super::MsDocError;

/// Most `Prc` blocks a `Clx` may hold before the piece table (each is at least 3 bytes, so
/// the table-stream size bounds them too; this stops a hostile list early).
const MAX_PRCS: usize = 1 << 16;

/// One piece: CPs `cp_start..cp_end` stored from byte `fc` of the `WordDocument` stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    /// First CP.
    pub cp_start: u32,
    /// CP after the last.
    pub cp_end: u32,
    /// Byte offset of the first character in the `WordDocument` stream.
    pub fc: u32,
    /// One byte a character (Windows-1252) rather than UTF-16.
    pub compressed: bool,
    /// The piece's property modifier (`Prm`).
    pub prm: u16,
}

impl Piece {
    /// Bytes one character of this piece takes.
    pub(super) fn width(&self) -> u32 {
        if self.compressed {
            1
        } else {
            2
        }
    }
}

/// The piece table and the `Prc` grpprls.
#[derive(Debug, Clone, Default)]
pub(super) struct Clx {
    /// Pieces in CP order.
    pub pieces: Vec<Piece>,
    /// Property modifier grpprls a complex `Prm` points to, in file order.
    pub prcs: Vec<Vec<u8>>,
}

impl Clx {
    /// Parses a `Clx` (the bytes the FIB's `fcClx`/`lcbClx` name).
    pub(super) fn parse(clx: &[u8]) -> Result<Clx, MsDocError> {
        let bad = |what: &str| MsDocError::Malformed(format!("piece table: {what}"));
        let mut prcs = Vec::new();
        let mut at = 0usize;
        loop {
            match u8_at(clx, at) {
                Some(1) => {
                    if prcs.len() >= MAX_PRCS {
                        return Err(bad("too many property modifiers"));
                    }
                    let cb = i16_at(clx, at + 1).ok_or_else(|| bad("truncated Prc"))?;
                    let cb = usize::try_from(cb).map_err(|_| bad("negative Prc size"))?;
                    let grpprl = slice(clx, at + 3, cb).ok_or_else(|| bad("truncated Prc"))?;
                    prcs.push(grpprl.to_vec());
                    at += 3 + cb;
                }
                Some(2) => break,
                Some(t) => return Err(bad(&format!("unknown Clx entry type {t}"))),
                None => return Err(bad("no piece table (Pcdt)")),
            }
        }
        let lcb = u32_at(clx, at + 1).ok_or_else(|| bad("truncated Pcdt"))? as usize;
        let plc = slice(clx, at + 5, lcb).ok_or_else(|| bad("truncated PlcPcd"))?;
        let (cps, pcds) = super::bytes::plc(plc, 8).ok_or_else(|| bad("truncated PlcPcd"))?;
        if pcds.is_empty() {
            return Err(bad("no pieces"));
        }
        let mut pieces = Vec::with_capacity(pcds.len());
        for (i, pcd) in pcds.iter().enumerate() {
            let (start, end) = (cps[i], cps[i + 1]);
            if end < start || (i == 0 && start != 0) {
                return Err(bad("CPs out of order"));
            }
            let fc_raw = u32_at(pcd, 2).ok_or_else(|| bad("truncated Pcd"))?;
            let prm = u16_at(pcd, 6).ok_or_else(|| bad("truncated Pcd"))?;
            let compressed = fc_raw & 0x4000_0000 != 0;
            let fc = fc_raw & 0x3FFF_FFFF;
            pieces.push(Piece {
                cp_start: start,
                cp_end: end,
                fc: if compressed { fc / 2 } else { fc },
                compressed,
                prm,
            });
        }
        Ok(Clx { pieces, prcs })
    }

    /// The `Prc` grpprl a piece's complex `Prm` points to.
    pub(super) fn prm_grpprl(&self, prm: u16) -> Option<&[u8]> {
        if prm & 1 == 1 {
            self.prcs.get(usize::from(prm >> 1)).map(Vec::as_slice)
        } else {
            None
        }
    }
}

/// Word 97's mapping of the bytes 0x80–0x9F of compressed text ([MS-DOC] 2.4.1,
/// `FcCompressed`); every other byte is its Latin-1 code point.
fn compressed_char(b: u8) -> u16 {
    match b {
        0x82 => 0x201A,
        0x83 => 0x0192,
        0x84 => 0x201E,
        0x85 => 0x2026,
        0x86 => 0x2020,
        0x87 => 0x2021,
        0x88 => 0x02C6,
        0x89 => 0x2030,
        0x8A => 0x0160,
        0x8B => 0x2039,
        0x8C => 0x0152,
        0x91 => 0x2018,
        0x92 => 0x2019,
        0x93 => 0x201C,
        0x94 => 0x201D,
        0x95 => 0x2022,
        0x96 => 0x2013,
        0x97 => 0x2014,
        0x98 => 0x02DC,
        0x99 => 0x2122,
        0x9A => 0x0161,
        0x9B => 0x203A,
        0x9C => 0x0153,
        0x9F => 0x0178,
        _ => u16::from(b),
    }
}

/// The document's characters by CP: UTF-16 code units, with the byte offset (FC) each was
/// read from and the piece it belongs to.
#[derive(Debug, Clone, Default)]
pub(super) struct Text {
    /// UTF-16 code unit of each CP.
    pub units: Vec<u16>,
    /// FC of each CP.
    pub fcs: Vec<u32>,
    /// Index of the piece of each CP.
    pub piece: Vec<u32>,
}

impl Text {
    /// Reads CPs `0..end` through the piece table. Every character takes at least one
    /// byte of the stream, so a piece table claiming more characters than the stream
    /// holds bytes is refused before anything is allocated.
    pub(super) fn load(word: &[u8], clx: &Clx, end: u32) -> Result<Text, MsDocError> {
        let bad = |what: String| MsDocError::Malformed(format!("piece table: {what}"));
        let mut total = 0u64;
        for p in &clx.pieces {
            if p.cp_start >= end {
                break;
            }
            total += u64::from(p.cp_end.min(end) - p.cp_start);
        }
        if total > word.len() as u64 {
            return Err(bad(format!(
                "{total} characters claimed in a stream of {} bytes",
                word.len()
            )));
        }
        let total = total as usize;
        let mut text = Text {
            units: Vec::with_capacity(total),
            fcs: Vec::with_capacity(total),
            piece: Vec::with_capacity(total),
        };
        for (i, p) in clx.pieces.iter().enumerate() {
            if p.cp_start >= end {
                break;
            }
            if p.cp_start as usize != text.units.len() {
                return Err(bad(format!("gap or overlap at CP {}", p.cp_start)));
            }
            let n = (p.cp_end.min(end) - p.cp_start) as usize;
            let w = p.width() as usize;
            let bytes = slice(word, p.fc as usize, n * w).ok_or_else(|| {
                bad(format!(
                    "piece at byte {} runs past the end of the stream",
                    p.fc
                ))
            })?;
            for k in 0..n {
                let unit = if p.compressed {
                    compressed_char(bytes[k])
                } else {
                    u16::from_le_bytes([bytes[2 * k], bytes[2 * k + 1]])
                };
                text.units.push(unit);
                text.fcs.push(p.fc + (k * w) as u32);
                text.piece.push(i as u32);
            }
        }
        Ok(text)
    }

    /// Number of CPs read.
    pub(super) fn len(&self) -> usize {
        self.units.len()
    }
}

/// Test-side writer of a `Clx` with no `Prc` and the given pieces
/// `(cp_start, cp_end, fc, compressed)`.
#[cfg(test)]
pub(super) fn write_clx(pieces: &[(u32, u32, u32, bool)]) -> Vec<u8> {
    let mut plc = Vec::new();
    for p in pieces {
        plc.extend_from_slice(&p.0.to_le_bytes());
    }
    plc.extend_from_slice(&pieces.last().map_or(0, |p| p.1).to_le_bytes());
    for p in pieces {
        plc.extend_from_slice(&0u16.to_le_bytes());
        let fc = if p.3 { (p.2 * 2) | 0x4000_0000 } else { p.2 };
        plc.extend_from_slice(&fc.to_le_bytes());
        plc.extend_from_slice(&0u16.to_le_bytes());
    }
    let mut clx = vec![2u8];
    clx.extend_from_slice(&(plc.len() as u32).to_le_bytes());
    clx.extend_from_slice(&plc);
    clx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compressed_and_utf16_pieces_in_cp_order() {
        // Stream: "Ab\x92" compressed at 10, then "ệ!" in UTF-16 at 20.
        let mut word = vec![0u8; 40];
        word[10..13].copy_from_slice(b"Ab\x92");
        let utf16: Vec<u8> = "ệ!".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        word[20..24].copy_from_slice(&utf16);
        let clx = Clx::parse(&write_clx(&[(0, 3, 10, true), (3, 5, 20, false)])).unwrap();
        let text = Text::load(&word, &clx, 5).unwrap();
        assert_eq!(String::from_utf16(&text.units).unwrap(), "Ab\u{2019}ệ!");
        assert_eq!(text.fcs, [10, 11, 12, 20, 22]);
        assert_eq!(text.piece, [0, 0, 0, 1, 1]);
        // Only the CPs asked for are read.
        assert_eq!(Text::load(&word, &clx, 2).unwrap().len(), 2);
    }

    #[test]
    fn prc_blocks_before_the_piece_table_are_kept() {
        let mut clx = vec![1u8, 3, 0, 0x3C, 0x08, 1];
        clx.extend_from_slice(&write_clx(&[(0, 1, 0, true)]));
        let clx = Clx::parse(&clx).unwrap();
        assert_eq!(clx.prcs, [vec![0x3C, 0x08, 1]]);
        assert_eq!(clx.prm_grpprl(1), Some(&[0x3C, 0x08, 1][..]));
        assert_eq!(clx.prm_grpprl(0), None);
    }

    #[test]
    fn hostile_piece_tables_are_errors() {
        let word = vec![0u8; 16];
        // A piece past the end of the stream.
        let clx = Clx::parse(&write_clx(&[(0, 4, 100, false)])).unwrap();
        assert!(Text::load(&word, &clx, 4).is_err());
        // More characters than the stream has bytes (no allocation of that size).
        let clx = Clx::parse(&write_clx(&[(0, u32::MAX - 1, 0, true)])).unwrap();
        assert!(Text::load(&word, &clx, u32::MAX - 1).is_err());
        // CPs going backwards.
        assert!(Clx::parse(&write_clx(&[(0, 5, 0, true), (5, 2, 0, true)])).is_err());
        assert!(Clx::parse(&[7, 0, 0]).is_err());
        assert!(Clx::parse(&[1, 0xff, 0x7f]).is_err());
        assert!(Clx::parse(&[]).is_err());
    }
}
