//! Bounds-checked little-endian reads: every offset and length of a `.doc` file comes from
//! the file itself, so every read returns `None` instead of panicking when it falls
//! outside the buffer.

/// `len` bytes at `off`, if they are all inside `buf`.
pub(super) fn slice(buf: &[u8], off: usize, len: usize) -> Option<&[u8]> {
    buf.get(off..off.checked_add(len)?)
}

/// The byte at `off`.
pub(super) fn u8_at(buf: &[u8], off: usize) -> Option<u8> {
    buf.get(off).copied()
}

/// Little-endian `u16` at `off`.
pub(super) fn u16_at(buf: &[u8], off: usize) -> Option<u16> {
    let b = slice(buf, off, 2)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

/// Little-endian `i16` at `off`.
pub(super) fn i16_at(buf: &[u8], off: usize) -> Option<i16> {
    u16_at(buf, off).map(|v| v as i16)
}

/// Little-endian `u32` at `off`.
pub(super) fn u32_at(buf: &[u8], off: usize) -> Option<u32> {
    let b = slice(buf, off, 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Little-endian `i32` at `off`.
pub(super) fn i32_at(buf: &[u8], off: usize) -> Option<i32> {
    u32_at(buf, off).map(|v| v as i32)
}

/// A PLC (an array of `n + 1` CPs or FCs followed by `n` data elements of `cb_data` bytes
/// each) of `lcb` bytes: its positions and the raw data elements.
pub(super) fn plc(buf: &[u8], cb_data: usize) -> Option<(Vec<u32>, Vec<&[u8]>)> {
    if buf.len() < 4 {
        return None;
    }
    let n = (buf.len() - 4) / (4 + cb_data);
    let mut pos = Vec::with_capacity(n + 1);
    for i in 0..=n {
        pos.push(u32_at(buf, i * 4)?);
    }
    let base = (n + 1) * 4;
    let mut data = Vec::with_capacity(n);
    for i in 0..n {
        data.push(slice(buf, base + i * cb_data, cb_data)?);
    }
    Some((pos, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_end() {
        let b = [1u8, 2, 3, 4, 5];
        assert_eq!(u16_at(&b, 0), Some(0x0201));
        assert_eq!(u32_at(&b, 1), Some(0x0504_0302));
        assert_eq!(u32_at(&b, 2), None);
        assert_eq!(i16_at(&[0xff, 0xff], 0), Some(-1));
        assert_eq!(slice(&b, usize::MAX, 2), None);
        assert_eq!(u8_at(&b, 5), None);
    }

    #[test]
    fn plc_splits_positions_and_data() {
        // Two elements of 2 bytes: CPs 0, 5, 9 then data.
        let mut b = Vec::new();
        for cp in [0u32, 5, 9] {
            b.extend_from_slice(&cp.to_le_bytes());
        }
        b.extend_from_slice(&[7, 0, 8, 0]);
        let (pos, data) = plc(&b, 2).unwrap();
        assert_eq!(pos, [0, 5, 9]);
        assert_eq!(data, [&[7u8, 0][..], &[8, 0][..]]);
        assert!(plc(&[1, 2], 2).is_none());
    }
}
