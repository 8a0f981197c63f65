//! Report parsing: bytes → [`Report`] with metadata, sections and footnotes.
//!
//! No tantivy here. The pipeline is:
//!
//! 1. [`lines`]: layout detection (clean Word-converted text or PDF-extracted text),
//!    separation of body lines from footnote bodies, page-break repair.
//! 2. [`structure`]: re-flow of paragraphs, numbered headings ([`numbering`]) into a
//!    section tree, preamble and closing block.
//! 3. [`footnotes`]: footnote markers found in the section text, removed and recorded.
//! 4. [`metadata`]: title, document type, years, period, issuer, province, signer.
//!
//! [`render`] does the reverse of step 1 for tests and synthetic corpora: it renders a
//! clean report into the PDF-extracted layout.

pub mod coverage;
pub mod footnotes;
pub mod formats;
pub mod frame;
pub mod letterhead;
pub mod linemap;
pub mod lines;
pub mod metadata;
mod model;
pub mod numbering;
pub mod preamble;
pub mod render;
pub mod structure;

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

pub(crate) use model::role_or_empty;
pub use model::{footnote_id, role_slug, section_id, Footnote, Metadata, Report, Role, Section};

/// Why a file could not be parsed. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The file could not be read.
    #[error("{file}: cannot read file: {source}")]
    Io {
        /// File path as given.
        file: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is empty or holds only white space.
    #[error("{file}: file is empty")]
    Empty {
        /// File path as given.
        file: String,
    },
    /// The file holds binary data (NUL or other control bytes).
    #[error("{file}: file looks binary, not a text report")]
    Binary {
        /// File path as given.
        file: String,
    },
    /// The file is not valid UTF-8.
    #[error("{file}: file is not valid UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// File path as given.
        file: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file is text but holds no report content (no words at all).
    #[error("{file}: no report text found")]
    NoText {
        /// File path as given.
        file: String,
    },
    /// A .docx, .pdf or .doc file could not be read (broken file, scanned PDF, missing
    /// converter: the message says what to install).
    #[error("{file}: {reason}")]
    Format {
        /// File path as given.
        file: String,
        /// What went wrong (its message is part of this error's message).
        reason: formats::FormatError,
    },
}

/// The stable document id of a file name: the file stem (directories dropped), NFC,
/// lower-cased, with every run of characters other than letters and digits replaced by
/// one `-` (leading and trailing `-` removed). `"000_15B.txt"` → `"000-15b"`.
pub fn doc_id_for(file_name: &str) -> String {
    let base = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .to_string();
    let stem = match base.rfind('.') {
        Some(i) if i > 0 => &base[..i],
        _ => base.as_str(),
    };
    let out = slug(stem);
    if out.is_empty() {
        "doc".to_string()
    } else {
        out
    }
}

/// The document id of a file from its path relative to the folder it was indexed from
/// (README, "Document ids"): each folder name and the file stem as in [`doc_id_for`],
/// joined with `/`. `"2024/Báo cáo (2).docx"` → `"2024/báo-cáo-2"`; a file directly in
/// the folder gets the id of its name alone.
pub fn doc_id_for_path(rel: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut components = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .peekable();
    while let Some(name) = components.next() {
        if components.peek().is_none() {
            parts.push(doc_id_for(&name));
        } else {
            let folder = slug(&name);
            if !folder.is_empty() {
                parts.push(folder);
            }
        }
    }
    if parts.is_empty() {
        "doc".to_string()
    } else {
        parts.join("/")
    }
}

/// NFC, lower case, every run of characters other than letters and digits as one `-`,
/// none at either end.
fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Parses report text (already decoded). Infallible: odd input gives a report with few
/// or no sections. The text is NFC-normalized first. `file_name` may be a path: only its
/// last component is kept as the report's `file`.
pub fn parse_text(file_name: &str, text: &str) -> Report {
    let text: std::borrow::Cow<'_, str> = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    };
    let file = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .to_string();
    let doc_id = doc_id_for(&file);
    let split = lines::split(&text);
    let mut built = structure::build(&split, &doc_id);
    // The introduction is a unit of its own, first; its heading (the title) is set once
    // the metadata is known.
    let first_line = built
        .sections
        .first()
        .map_or(split.line_count, |s| s.line_start.saturating_sub(1));
    let intro = preamble::section(&doc_id, &built.preamble_paras, first_line);
    let has_intro = intro.is_some();
    let mut sections: Vec<Section> = intro.into_iter().collect();
    sections.append(&mut built.sections);
    let refs = footnotes::attach(&mut sections, &split.footnotes, split.layout);
    let footnotes = footnotes::finish(&split.footnotes, &sections, &refs);
    built.sections = sections.split_off(usize::from(has_intro));
    let mut meta = metadata::extract(&text, &built);
    meta.file = file;
    meta.doc_id = doc_id;
    sections.append(&mut built.sections);
    if let Some(intro) = sections.first_mut().filter(|_| has_intro) {
        if intro.heading.is_empty() {
            intro.heading = meta.title.clone();
        }
    }
    add_frame_units(&mut sections, &built, &meta);
    let mut report = Report {
        metadata: meta,
        preamble: built.preamble.clone(),
        sections,
        footnotes,
    };
    if report.sections.is_empty() && report.footnotes.is_empty() {
        whole_text_unit(&mut report, &built, &text, split.line_count);
    }
    report
}

/// The letterhead unit first, and the closing-block unit before the first section that
/// follows it in the file (an appendix or attached document), else last ([`frame`]).
fn add_frame_units(sections: &mut Vec<Section>, built: &structure::Built, meta: &Metadata) {
    let doc_id = meta.doc_id.as_str();
    let mut head = preamble::letterhead(&built.preamble_paras);
    // A capital line the title was read from (`GHI CHÚ`) is the title, not the issuer.
    head.retain(|(_, p)| !meta.title.contains(p.trim()));
    if let Some(u) = frame::unit(doc_id, frame::LETTERHEAD_LABEL, &head) {
        sections.insert(0, u);
    }
    if let Some(u) = frame::unit(doc_id, frame::CLOSING_LABEL, &built.closing_text) {
        let at = sections
            .iter()
            .position(|s| !s.path.is_empty() && s.line_start > u.line_start)
            .unwrap_or(sections.len());
        sections.insert(at, u);
    }
}

/// A text where the parser found neither sections, introduction nor footnotes (only a
/// letterhead, or only a closing block) is kept whole as its introduction unit, so that
/// nothing given to `baocao index` is dropped.
fn whole_text_unit(report: &mut Report, built: &structure::Built, text: &str, lines: usize) {
    let body = if !built.preamble.trim().is_empty() {
        built.preamble.clone()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    if body.trim().is_empty() {
        return;
    }
    report.sections.push(Section {
        id: format!("{}#{}", report.metadata.doc_id, preamble::PREAMBLE_LABEL),
        heading: report.metadata.title.clone(),
        text: body,
        line_start: 1,
        line_end: lines.max(1),
        ..Section::default()
    });
}

/// Parses the raw bytes of a report file: rejects empty, binary and non-UTF-8 input with
/// an error naming `file_name`, strips a UTF-8 byte-order mark, then [`parse_text`].
pub fn parse_bytes(file_name: &str, bytes: &[u8]) -> Result<Report, ParseError> {
    parse_bytes_with_source(file_name, bytes).map(|(report, _)| report)
}

/// Like [`parse_bytes`], also telling how the file was read: its format, the external tool
/// used (`pdftotext 22.12.0`, `antiword 0.37`…) and what was repaired. `.docx`, `.pdf` and
/// `.doc` files (by `file_name`'s extension) go through [`formats`]; text files are
/// repaired there too (legacy encodings, other converters' marks).
pub fn parse_bytes_with_source(
    file_name: &str,
    bytes: &[u8],
) -> Result<(Report, formats::Source), ParseError> {
    parse_bytes_within(file_name, bytes, &formats::Limits::default())
}

/// Like [`parse_bytes_with_source`], within `limits` (sizes the file may expand to,
/// converter time).
pub fn parse_bytes_within(
    file_name: &str,
    bytes: &[u8],
    limits: &formats::Limits,
) -> Result<(Report, formats::Source), ParseError> {
    parse_bytes_read(file_name, bytes, limits).map(|(report, source, _)| (report, source))
}

/// Like [`parse_bytes_within`], also giving the text the report was parsed from (decoded,
/// converted and repaired): the text whose lines the units' `line_start` count.
pub fn parse_bytes_read(
    file_name: &str,
    bytes: &[u8],
    limits: &formats::Limits,
) -> Result<(Report, formats::Source, String), ParseError> {
    let format = formats::Format::from_path(Path::new(file_name));
    if let Some(f) = format.filter(|f| f.is_structured()) {
        let ingested =
            formats::read_format_within(f, bytes, limits).map_err(|reason| ParseError::Format {
                file: file_name.to_string(),
                reason,
            })?;
        let report = parse_text(file_name, &ingested.text);
        let source = ingested.source();
        return Ok((report, source, ingested.text));
    }
    let format = format.unwrap_or(formats::Format::Text);
    let file = file_name.to_string();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::Empty { file });
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    if bytes.contains(&0) || controls * 100 > bytes.len() {
        return Err(ParseError::Binary { file });
    }
    let mut invalid_bytes = 0;
    let mut notes = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        // UTF-8 with a few stray bytes is read with them replaced (and counted); legacy
        // Vietnamese encodings (TCVN3, VNI) are converted; anything else is named.
        Err(e) => match formats::text::decode_counted(bytes) {
            Ok(d) => {
                invalid_bytes = d.invalid_bytes;
                notes = d.notes;
                std::borrow::Cow::Owned(d.text)
            }
            Err(_) => {
                return Err(ParseError::NotUtf8 {
                    file: file.clone(),
                    offset: e.valid_up_to(),
                })
            }
        },
    };
    if !text.chars().any(char::is_alphanumeric) {
        return Err(ParseError::NoText { file });
    }
    let (text, more) = formats::text::repair(&text);
    notes.extend(more);
    let source = formats::Source {
        format,
        tool: None,
        notes,
        invalid_bytes,
    };
    Ok((parse_text(file_name, &text), source, text))
}

/// Reads (read-only) and parses one report file. Errors name the path.
pub fn parse_file(path: &Path) -> Result<Report, ParseError> {
    parse_file_with_source(path).map(|(report, _)| report)
}

/// Like [`parse_file`], also telling how the file was read (see [`parse_bytes_with_source`]).
pub fn parse_file_with_source(path: &Path) -> Result<(Report, formats::Source), ParseError> {
    let shown = path.display().to_string();
    let limits = formats::Limits::default();
    let bytes = formats::read_file(path, limits.max_file_bytes).map_err(|e| match e {
        formats::FormatError::Io { source, .. } => ParseError::Io {
            file: shown.clone(),
            source,
        },
        reason => ParseError::Format {
            file: shown.clone(),
            reason,
        },
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    parse_bytes_within(&name, &bytes, &limits).map_err(|e| rename(e, &shown))
}

fn rename(e: ParseError, file: &str) -> ParseError {
    let file = file.to_string();
    match e {
        ParseError::Io { source, .. } => ParseError::Io { file, source },
        ParseError::Empty { .. } => ParseError::Empty { file },
        ParseError::Binary { .. } => ParseError::Binary { file },
        ParseError::NotUtf8 { offset, .. } => ParseError::NotUtf8 { file, offset },
        ParseError::NoText { .. } => ParseError::NoText { file },
        ParseError::Format { reason, .. } => ParseError::Format { file, reason },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ids_are_normalized_stems() {
        assert_eq!(
            doc_id_for("000_15b6f46b6783cbe2.txt"),
            "000-15b6f46b6783cbe2"
        );
        assert_eq!(doc_id_for("dir/Báo Cáo (2).TXT"), "báo-cáo-2");
        assert_eq!(doc_id_for("..."), "doc");
    }

    #[test]
    fn doc_ids_of_relative_paths_keep_their_folders() {
        assert_eq!(
            doc_id_for_path(Path::new("000_15b6f46b6783cbe2.txt")),
            "000-15b6f46b6783cbe2"
        );
        assert_eq!(
            doc_id_for_path(Path::new("Năm 2024/Tờ trình/Báo Cáo (2).DOCX")),
            "năm-2024/tờ-trình/báo-cáo-2"
        );
        assert_eq!(doc_id_for_path(Path::new("--/x.txt")), "x");
        assert_eq!(doc_id_for_path(Path::new("")), "doc");
    }

    #[test]
    fn bad_bytes_are_typed_errors_naming_the_file() {
        let e = parse_bytes("a.txt", b"").unwrap_err();
        assert!(matches!(e, ParseError::Empty { .. }));
        assert!(e.to_string().contains("a.txt"));
        let e = parse_bytes("b.txt", b"ab\x00cd").unwrap_err();
        assert!(matches!(e, ParseError::Binary { .. }));
        let e = parse_bytes("c.txt", b"Xin ch\xe0o").unwrap_err();
        assert!(matches!(e, ParseError::NotUtf8 { .. }), "{e}");
        assert!(e.to_string().contains("c.txt"));
        assert!(parse_bytes("d.txt", b"\xEF\xBB\xBFI. A\n\nB.").is_ok());
    }

    #[test]
    fn nfd_input_is_normalized() {
        let nfd: String = "I. TÌNH HÌNH\n\nKết quả đạt được.".nfd().collect();
        let r = parse_text("x.txt", &nfd);
        assert_eq!(r.sections[0].heading, "TÌNH HÌNH");
        assert!(r.sections[0].text.contains("Kết quả"));
    }
}
