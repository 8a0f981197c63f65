//! Input formats: every supported file is turned into report text in the clean layout
//! (ARCHITECTURE.md: one paragraph a line, a blank line between paragraphs, footnote markers as
//! Unicode superscripts, footnote bodies as paragraphs starting with their superscript
//! number, headings with their visible number labels) or, for text extracted from PDFs
//! without layout information, into the PDF-extracted layout the parser knows.
//!
//! | format | how |
//! |---|---|
//! | `.txt`, `.md` | read natively; legacy encodings (TCVN3, VNI) and converter styles (pandoc `[n]` notes, antiword note blocks, grid tables, pdftotext pages) repaired |
//! | `.docx` | read natively (zip + XML): Word numbering resolved, real footnotes, tables |
//! | `.pdf` | `pdftotext` (poppler-utils) with word boxes: pages, footnote zones, superscript markers |
//! | `.doc` | read natively (OLE2 + Word 97 binary): Word numbering resolved, real footnotes, tables; `antiword` (or LibreOffice) for files the native reader cannot read |
//!
//! Entry points: [`read`] for a path, [`read_bytes`] for bytes already in memory.

mod blocks;
mod doc;
mod docx;
pub mod legacy;
mod msdoc;
mod pdf;
pub mod plain;
mod sandbox;
pub mod text;
mod xml;

use std::path::Path;
use std::time::Duration;

pub use blocks::{superscript, Block, Document};
pub use doc::{DocTool, NATIVE_READER};
pub(crate) use sandbox::run_tool;
pub use sandbox::CONVERTER_MEMORY_BYTES;

/// Default largest file read as one report (32 MB; real reports are well under 2 MB),
/// and the most text one file may give. A bigger file is skipped with the reason, so
/// that one stray dump cannot take the memory and time of a whole corpus.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 32_000_000;

/// Default wall-clock time a converter (`pdftotext`, `antiword`) may take on one file: a
/// 300-page report converts in about a second, so two minutes only stop a hung or
/// hostile file.
pub const DEFAULT_CONVERT_TIMEOUT: Duration = Duration::from_secs(120);

/// How much more than the file size limit one part inside a file (a `.docx` zip entry)
/// or a converter's output may be: XML and pdftotext's word boxes are a few times larger
/// than the text they carry.
pub const EXPANSION_FACTOR: u64 = 2;

/// Highest compression ratio accepted for a zip entry once it passes
/// [`RATIO_CHECK_BYTES`]: Word's XML compresses 5 to 20 times; a zip bomb (gigabytes of
/// zeros or of empty paragraphs) compresses about 1,000 times.
pub const MAX_ZIP_RATIO: u64 = 100;

/// Size below which a zip entry's compression ratio is not checked: small parts (a
/// template's `styles.xml`, a repetitive table) can compress very well, and a part this
/// small is cheap to parse, where the XML limits apply (a deeply nested file is then
/// refused as "nesting too deep", not as a bomb).
pub const RATIO_CHECK_BYTES: u64 = 16_000_000;

/// Longest list label text read from a Word file (`lvlText` in a `.docx`, the `LVL`'s
/// number text in a `.doc`), in characters: real ones are a few (`%1.`, `Điều %1.`); the
/// label is repeated on every paragraph of the list, so a longer one would let a small
/// file expand to gigabytes. The rest is dropped.
pub(crate) const MAX_LABEL_CHARS: usize = 64;

/// Bounds on what reading one file may cost: its size, the size of what it expands to,
/// and the time of an external converter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes; also the most text one file may give.
    pub max_file_bytes: u64,
    /// Wall-clock time an external converter may run on one file.
    pub convert_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            convert_timeout: DEFAULT_CONVERT_TIMEOUT,
        }
    }
}

impl Limits {
    /// Most bytes one part of a file (a zip entry) or a converter's output may hold.
    pub fn max_output_bytes(&self) -> u64 {
        self.max_file_bytes.saturating_mul(EXPANSION_FACTOR)
    }

    /// `max_file_bytes` in whole megabytes (10^6 bytes), for messages.
    pub fn max_file_mb(&self) -> u64 {
        self.max_file_bytes / 1_000_000
    }
}

/// The format a report file arrived in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`), possibly made by another converter.
    #[default]
    Text,
    /// Markdown (`.md`).
    Markdown,
    /// Word 2007+ (`.docx`), read natively.
    Docx,
    /// PDF with a text layer, through `pdftotext`.
    Pdf,
    /// Word 97 (`.doc`), read natively (through `antiword` when it cannot be).
    Doc,
}

impl Format {
    /// The format of a file, from its extension (case-insensitive); `None` if unsupported.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            "doc" => Some(Format::Doc),
            _ => None,
        }
    }

    /// Short lower-case name (`txt`, `md`, `docx`, `pdf`, `doc`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Doc => "doc",
        }
    }
}

impl Format {
    /// Whether the format is read through its structure (.docx, .pdf, .doc) rather than
    /// as text.
    pub fn is_structured(self) -> bool {
        matches!(self, Format::Docx | Format::Pdf | Format::Doc)
    }
}

/// How a file was read: its format, the external tool used and what was repaired.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Source {
    /// The input format.
    pub format: Format,
    /// The external tool used, e.g. `pdftotext 22.12.0`; for `.doc`, the reader
    /// ([`NATIVE_READER`] or the converter it fell back to); `None` for formats only
    /// ever read natively.
    pub tool: Option<String>,
    /// What was repaired, e.g. `TCVN3 (ABC) encoding converted to Unicode`.
    pub notes: Vec<String>,
    /// Bytes that were not UTF-8, replaced by U+FFFD (a text file damaged in a few places).
    #[serde(skip_serializing_if = "is_zero")]
    pub invalid_bytes: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Ingested {
    /// Format, tool and notes, without the text.
    pub fn source(&self) -> Source {
        Source {
            format: self.format,
            tool: self.tool.clone(),
            notes: self.notes.clone(),
            invalid_bytes: self.invalid_bytes,
        }
    }
}

/// File extensions (lower case, without the dot) that [`read`] accepts.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "docx", "pdf", "doc"];

/// Whether a path has an extension [`read`] accepts.
pub fn is_supported(path: &Path) -> bool {
    Format::from_path(path).is_some()
}

/// Text ready for the report parser, with how it was obtained.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    /// Report text in the clean layout (or the PDF-extracted layout for plain pdftotext text).
    pub text: String,
    /// The input format.
    pub format: Format,
    /// The external tool used, e.g. `pdftotext 22.02.0`, or `None` when read natively.
    pub tool: Option<String>,
    /// What was repaired on the way, e.g. `TCVN3 (ABC) encoding converted to Unicode`.
    pub notes: Vec<String>,
    /// Bytes that were not UTF-8, replaced by U+FFFD.
    pub invalid_bytes: usize,
}

/// Why a file could not be turned into report text.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The extension is not one of [`EXTENSIONS`].
    #[error("unsupported file type `{0}` (supported: .txt, .md, .docx, .pdf, .doc)")]
    Unsupported(String),
    /// An external tool is needed and is not installed.
    #[error("{what} needs `{tool}`, which is not installed: install it with `{install}`")]
    MissingTool {
        /// What kind of file needed it.
        what: &'static str,
        /// The program name.
        tool: &'static str,
        /// The command that installs it.
        install: &'static str,
    },
    /// An external tool ran and failed.
    #[error("{tool} failed: {message}")]
    ToolFailed {
        /// The program name.
        tool: &'static str,
        /// Its error output, first line.
        message: String,
    },
    /// A PDF without a text layer (a scan).
    #[error("PDF has no text layer (a scanned image?): it needs OCR first")]
    NoTextLayer,
    /// A `.docx` that is not a valid Word document.
    #[error("not a valid .docx file: {0}")]
    BadDocx(String),
    /// A `.doc` that neither the native reader nor a converter could read.
    #[error("cannot read this .doc file: {0}")]
    BadDoc(String),
    /// The file holds no text.
    #[error("file is empty")]
    Empty,
    /// Binary data, or an encoding that could not be recognised.
    #[error("{0}")]
    Encoding(String),
    /// Not a regular file (a named pipe, socket, device or folder): never opened.
    #[error("{0}, not a regular file: not opened")]
    NotRegular(&'static str),
    /// The file is larger than [`Limits::max_file_bytes`].
    #[error("{}", too_large_reason(*bytes, *limit_mb))]
    TooLarge {
        /// Its size (at least), in bytes.
        bytes: u64,
        /// The limit, in MiB.
        limit_mb: u64,
    },
    /// The file expands past a bound (zip entry size or ratio, converter output, XML
    /// depth or size).
    #[error("{0}")]
    Limit(String),
    /// A converter ran longer than [`Limits::convert_timeout`] and was killed.
    #[error("{tool} did not finish within {seconds} s and was stopped (--convert-timeout)")]
    Timeout {
        /// The program name.
        tool: &'static str,
        /// The time limit, in seconds.
        seconds: u64,
    },
}

/// Why a file of `bytes` is refused under a limit of `limit_mb` MB (10^6 bytes): the one
/// wording of [`FormatError::TooLarge`] and [`crate::ingest::IngestError::TooLarge`].
pub fn too_large_reason(bytes: u64, limit_mb: u64) -> String {
    format!(
        "file too large: {:.1} MB, over the {limit_mb} MB limit for one report (--max-file-mb)",
        bytes as f64 / 1e6
    )
}

/// What kind of file system object `meta` describes, when it is not a regular file.
fn irregular_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
    }
    Some("a special file")
}

/// Reads a file's bytes for indexing or parsing: the one place where report files are
/// opened. Symbolic links are followed; anything but a regular file (a named pipe, a
/// socket, a device, where reading would block forever or never end) is refused with its
/// kind before it is opened, and checked again on the opened handle. At most
/// `max_bytes` are read: a bigger file gives [`FormatError::TooLarge`].
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, FormatError> {
    use std::io::Read;
    let io = |source| FormatError::Io {
        path: path.display().to_string(),
        source,
    };
    let too_large = |bytes| FormatError::TooLarge {
        bytes,
        limit_mb: max_bytes / 1_000_000,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(kind) = irregular_kind(&meta) {
        return Err(FormatError::NotRegular(kind));
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Never block in open(2), even if the file was swapped for a pipe meanwhile.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if let Some(kind) = irregular_kind(&meta) {
        return Err(FormatError::NotRegular(kind));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(max_bytes) as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a report file of any supported format into parser-ready text, within the
/// default [`Limits`].
pub fn read(path: &Path) -> Result<Ingested, FormatError> {
    let format = Format::from_path(path).ok_or_else(|| {
        FormatError::Unsupported(
            path.extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_else(|| "(no extension)".to_string()),
        )
    })?;
    let limits = Limits::default();
    let bytes = read_file(path, limits.max_file_bytes)?;
    read_format_within(format, &bytes, &limits)
}

/// Reads a report held in memory; the format comes from `file_name`'s extension.
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<Ingested, FormatError> {
    let format = Format::from_path(Path::new(file_name))
        .ok_or_else(|| FormatError::Unsupported(file_name.to_string()))?;
    read_format(format, bytes)
}

/// Reads a `.doc` file's bytes with a chosen converter (see [`DocTool`]).
pub fn read_doc_with(bytes: &[u8], tool: DocTool) -> Result<Ingested, FormatError> {
    let limits = Limits::default();
    let (raw, tool) = doc::read(bytes, tool, &limits)?;
    finish(Format::Doc, raw, Some(tool), Vec::new(), &limits)
}

/// Reads bytes of a known format into parser-ready text, within the default [`Limits`].
pub fn read_format(format: Format, bytes: &[u8]) -> Result<Ingested, FormatError> {
    read_format_within(format, bytes, &Limits::default())
}

/// Reads bytes of a known format into parser-ready text, within `limits`.
pub fn read_format_within(
    format: Format,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Ingested, FormatError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FormatError::Empty);
    }
    let mut invalid_bytes = 0;
    let (text, tool, notes) = match format {
        Format::Text | Format::Markdown => {
            let decoded = text::decode_counted(bytes)?;
            invalid_bytes = decoded.invalid_bytes;
            (decoded.text, None, decoded.notes)
        }
        Format::Docx => (docx::read(bytes, limits)?.to_text(), None, Vec::new()),
        Format::Pdf => {
            let (doc, tool) = pdf::read(bytes, limits)?;
            (doc.to_text(), Some(tool), Vec::new())
        }
        Format::Doc => {
            let (raw, tool) = doc::read(bytes, DocTool::Auto, limits)?;
            (raw, Some(tool), Vec::new())
        }
    };
    let mut ingested = finish(format, text, tool, notes, limits)?;
    ingested.invalid_bytes = invalid_bytes;
    Ok(ingested)
}

fn finish(
    format: Format,
    text: String,
    tool: Option<String>,
    mut notes: Vec<String>,
    limits: &Limits,
) -> Result<Ingested, FormatError> {
    if text.len() as u64 > limits.max_file_bytes {
        return Err(FormatError::Limit(format!(
            "the file holds more than {} MB of text (--max-file-mb)",
            limits.max_file_mb()
        )));
    }
    let (text, more) = text::repair(&text);
    notes.extend(more);
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    Ok(Ingested {
        text,
        format,
        tool,
        notes,
        invalid_bytes: 0,
    })
}

/// `PROGRAM VERSION` of an installed tool, from its `-v` output; the bare name otherwise.
pub(crate) fn tool_version(tool: &str) -> String {
    let out = std::process::Command::new(tool)
        .arg("-v")
        .stdin(std::process::Stdio::null())
        .output();
    let Ok(out) = out else {
        return tool.to_string();
    };
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    text.split_whitespace()
        .skip_while(|w| !w.eq_ignore_ascii_case("version"))
        .nth(1)
        .map(|v| format!("{tool} {v}"))
        .unwrap_or_else(|| tool.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::from_path(Path::new("a/B.DOCX")), Some(Format::Docx));
        assert_eq!(Format::from_path(Path::new("x.pdf")), Some(Format::Pdf));
        assert_eq!(Format::from_path(Path::new("x.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("x.xlsx")), None);
        assert!(Format::Doc.is_structured() && !Format::Text.is_structured());
    }
}
