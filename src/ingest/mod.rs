//! One way in: the file discoverer and the ingestion function that `baocao parse` and
//! `baocao index` share, so that what `parse` shows is what is indexed.
//!
//! - [`discover`]: report files under some paths (folders walked as ripgrep walks them:
//!   `.ignore` and `.gitignore` honoured, hidden entries and `--exclude` globs left out),
//!   each with the path relative to the folder it was found in, and the paths passed
//!   over with a reason.
//! - [`read`] + [`ingest_bytes`] (or [`ingest_file`] for both): bytes → decoded,
//!   repaired, parsed, tagged [`Report`] with its doc id, or the reason it cannot be.
//!
//! Depends on [`crate::report`] and [`crate::tagging`]; [`crate::index`] and
//! [`crate::cli`] call it.

mod discover;

use std::path::Path;

pub use crate::report::preamble::PREAMBLE_LABEL;
pub use discover::{discover, DiscoverError, DiscoverOptions, Discovered, FoundFile, Skipped};

use crate::report::{self, formats, Report};

pub use crate::report::formats::{Limits, DEFAULT_MAX_FILE_BYTES as MAX_FILE_BYTES};

/// Why a file was not ingested. The message is the reason alone: callers show it beside
/// the path.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// Over [`Limits::max_file_bytes`].
    #[error("{}", formats::too_large_reason(*bytes, limit / 1_000_000))]
    TooLarge {
        /// Size of the file (at least).
        bytes: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The file could not be read.
    #[error("{0}")]
    Io(String),
    /// The content could not be decoded or parsed (empty, binary, unknown encoding, broken
    /// .docx, scanned PDF, missing converter…).
    #[error("{0}")]
    Parse(String),
    /// Parsed, but nothing to index: no section, no footnote.
    #[error("no report text found")]
    NoText,
}

/// A report ready for the index, with how its file was read.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The parsed and tagged report, its doc id set.
    pub report: Report,
    /// Format, external tool and repairs.
    pub source: formats::Source,
    /// Where each unit's text sits in the file's lines (see [`report::linemap`]).
    pub line_maps: report::linemap::LineMaps,
}

/// A short reason for an I/O error (`no such file or directory`, `permission denied`).
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Reads a file's bytes through the one read path of [`formats::read_file`]: only regular
/// files are opened (a FIFO, socket or device is refused with its kind), and a file over
/// `limits.max_file_bytes` is refused before it is read whole.
pub fn read(path: &Path, limits: &Limits) -> Result<Vec<u8>, IngestError> {
    formats::read_file(path, limits.max_file_bytes).map_err(|e| match e {
        formats::FormatError::Io { source, .. } => IngestError::Io(io_reason(&source)),
        formats::FormatError::TooLarge { bytes, .. } => IngestError::TooLarge {
            bytes,
            limit: limits.max_file_bytes,
        },
        e => IngestError::Parse(e.to_string()),
    })
}

/// Decodes, repairs, parses and tags the bytes of the file `name` (its format from the
/// extension) within `limits`, and gives the report `doc_id` (its units renamed with it).
/// A report with no unit at all is [`IngestError::NoText`].
pub fn ingest_bytes(
    name: &str,
    doc_id: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Ingested, IngestError> {
    let (mut report, source, text) =
        report::parse_bytes_read(name, bytes, limits).map_err(|e| {
            // The caller shows the path beside the reason: drop the name the parser put first.
            let reason = e.to_string();
            IngestError::Parse(
                reason
                    .strip_prefix(&format!("{name}: "))
                    .map(str::to_string)
                    .unwrap_or(reason),
            )
        })?;
    // The introduction unit (`doc_id#preamble`) is built by the report layer
    // (`report::preamble`); here only its id prefix changes with the doc id.
    report.set_doc_id(doc_id);
    crate::tagging::tag_report(&mut report);
    // The letterhead and the closing block name bodies and people, not the report's
    // subject: they get no sector and no role (`report::frame`).
    for s in &mut report.sections {
        if report::frame::is_frame_id(&s.id) {
            s.sectors.clear();
            s.role = None;
        }
    }
    if report.sections.is_empty() && report.footnotes.is_empty() {
        return Err(IngestError::NoText);
    }
    let line_maps = report::linemap::LineMaps::of(&report, &text);
    Ok(Ingested {
        report,
        source,
        line_maps,
    })
}

/// [`read`] then [`ingest_bytes`] for a discovered file.
pub fn ingest_file(file: &FoundFile, limits: &Limits) -> Result<Ingested, IngestError> {
    let bytes = read(&file.path, limits)?;
    ingest_bytes(&file.name(), &file.doc_id(), &bytes, limits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_without_headings_gets_its_preamble_unit_and_the_given_id() {
        let got = ingest_bytes(
            "ghi-chu.txt",
            "ghi/chu",
            "Ghi chú về giải ngân vốn đầu tư công.\n\nKhông có mục đánh số.\n".as_bytes(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(got.report.metadata.doc_id, "ghi/chu");
        assert_eq!(got.report.sections.len(), 1);
        assert_eq!(got.report.sections[0].id, "ghi/chu#preamble");
    }

    #[test]
    fn reasons_do_not_repeat_the_file_name() {
        let e = ingest_bytes("rong.txt", "rong", b"", &Limits::default()).unwrap_err();
        assert_eq!(e.to_string(), "file is empty");
        let e = ingest_bytes("x.txt", "x", b"ab\x00cd", &Limits::default()).unwrap_err();
        assert!(e.to_string().starts_with("file looks binary"), "{e}");
    }
}
