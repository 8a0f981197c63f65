//! The OLE2 compound file ([MS-CFB]) around a Word document, read with the `cfb` crate:
//! the `WordDocument` stream and the table stream (`0Table` or `1Table`).

use std::io::{Cursor, Read};

use super::MsDocError;

/// The OLE2 signature every compound file starts with.
pub(super) const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An opened compound file held in memory.
pub(super) struct Container<'a> {
    cfb: cfb::CompoundFile<Cursor<&'a [u8]>>,
    /// Size of the whole file: no stream can hold more.
    limit: u64,
}

impl<'a> Container<'a> {
    /// Opens the compound file in `bytes`.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Container<'a>, MsDocError> {
        if !bytes.starts_with(&OLE_SIGNATURE[..4]) {
            return Err(MsDocError::NotOle);
        }
        let cfb = cfb::CompoundFile::open(Cursor::new(bytes))
            .map_err(|e| MsDocError::Malformed(format!("OLE2 container: {e}")))?;
        Ok(Container {
            cfb,
            limit: bytes.len() as u64,
        })
    }

    /// The whole content of a stream at the root, `None` when there is no such stream.
    pub(super) fn stream(&mut self, name: &str) -> Result<Option<Vec<u8>>, MsDocError> {
        let path = format!("/{name}");
        if !self.cfb.is_stream(&path) {
            return Ok(None);
        }
        let mut stream = self
            .cfb
            .open_stream(&path)
            .map_err(|e| MsDocError::Malformed(format!("stream {name}: {e}")))?;
        // A stream never holds more bytes than the file: its declared length is not
        // trusted for the allocation.
        let declared = stream.len();
        if declared > self.limit {
            return Err(MsDocError::Malformed(format!(
                "stream {name} claims {declared} bytes in a file of {}",
                self.limit
            )));
        }
        let mut out = Vec::with_capacity(declared as usize);
        (&mut stream)
            .take(self.limit)
            .read_to_end(&mut out)
            .map_err(|e| MsDocError::Malformed(format!("stream {name}: {e}")))?;
        Ok(Some(out))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A compound file with the given root streams, made with `cfb`'s writer.
    pub(crate) fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (name, data) in streams {
            let mut s = cfb.create_stream(format!("/{name}")).unwrap();
            s.write_all(data).unwrap();
        }
        cfb.flush().unwrap();
        cfb.into_inner().into_inner()
    }

    #[test]
    fn reads_streams_and_tells_missing_ones() {
        let bytes = compound(&[("WordDocument", b"abc"), ("1Table", &[0u8; 5000])]);
        let mut c = Container::open(&bytes).unwrap();
        assert_eq!(c.stream("WordDocument").unwrap().unwrap(), b"abc");
        assert_eq!(c.stream("1Table").unwrap().unwrap().len(), 5000);
        assert!(c.stream("0Table").unwrap().is_none());
    }

    #[test]
    fn rejects_what_is_not_a_compound_file() {
        assert!(matches!(
            Container::open(b"PK\x03\x04 zip"),
            Err(MsDocError::NotOle)
        ));
        let mut bytes = OLE_SIGNATURE.to_vec();
        bytes.extend_from_slice(&[0u8; 100]);
        assert!(matches!(
            Container::open(&bytes),
            Err(MsDocError::Malformed(_))
        ));
    }
}
