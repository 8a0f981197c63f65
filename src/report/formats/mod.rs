//! Input formats: every supported file is turned into report text in the clean layout
//! (SPEC §4: one paragraph a line, a blank line between paragraphs, footnote markers as
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
pub mod text;
mod xml;

use std::path::Path;

pub use blocks::{superscript, Block, Document};
pub use doc::{DocTool, NATIVE_READER};

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
}

impl Ingested {
    /// Format, tool and notes, without the text.
    pub fn source(&self) -> Source {
        Source {
            format: self.format,
            tool: self.tool.clone(),
            notes: self.notes.clone(),
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
}

/// Reads a report file of any supported format into parser-ready text.
pub fn read(path: &Path) -> Result<Ingested, FormatError> {
    let format = Format::from_path(path).ok_or_else(|| {
        FormatError::Unsupported(
            path.extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_else(|| "(no extension)".to_string()),
        )
    })?;
    let bytes = std::fs::read(path).map_err(|source| FormatError::Io {
        path: path.display().to_string(),
        source,
    })?;
    read_format(format, &bytes)
}

/// Reads a report held in memory; the format comes from `file_name`'s extension.
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<Ingested, FormatError> {
    let format = Format::from_path(Path::new(file_name))
        .ok_or_else(|| FormatError::Unsupported(file_name.to_string()))?;
    read_format(format, bytes)
}

/// Reads a `.doc` file's bytes with a chosen converter (see [`DocTool`]).
pub fn read_doc_with(bytes: &[u8], tool: DocTool) -> Result<Ingested, FormatError> {
    let (raw, tool) = doc::read(bytes, tool)?;
    finish(Format::Doc, raw, Some(tool), Vec::new())
}

/// Reads bytes of a known format into parser-ready text.
pub fn read_format(format: Format, bytes: &[u8]) -> Result<Ingested, FormatError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FormatError::Empty);
    }
    let (text, tool, notes) = match format {
        Format::Text | Format::Markdown => {
            let (raw, notes) = text::decode(bytes)?;
            (raw, None, notes)
        }
        Format::Docx => (docx::read(bytes)?.to_text(), None, Vec::new()),
        Format::Pdf => {
            let (doc, tool) = pdf::read(bytes)?;
            (doc.to_text(), Some(tool), Vec::new())
        }
        Format::Doc => {
            let (raw, tool) = doc::read(bytes, DocTool::Auto)?;
            (raw, Some(tool), Vec::new())
        }
    };
    finish(format, text, tool, notes)
}

fn finish(
    format: Format,
    text: String,
    tool: Option<String>,
    mut notes: Vec<String>,
) -> Result<Ingested, FormatError> {
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
    })
}

/// Runs an external tool on `bytes` written to a temporary file with extension `ext`;
/// returns its standard output. A missing program gives [`FormatError::MissingTool`].
pub(crate) fn run_tool(
    tool: &'static str,
    what: &'static str,
    install: &'static str,
    args_before: &[&str],
    args_after: &[&str],
    bytes: &[u8],
    ext: &str,
) -> Result<Vec<u8>, FormatError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!(
        "baocao-{}-{}-{}.{ext}",
        std::process::id(),
        n,
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    ));
    std::fs::write(&path, bytes).map_err(|source| FormatError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let output = std::process::Command::new(tool)
        .args(args_before)
        .arg(&path)
        .args(args_after)
        .stdin(std::process::Stdio::null())
        .output();
    let _ = std::fs::remove_file(&path);
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(FormatError::MissingTool {
                what,
                tool,
                install,
            })
        }
        Err(e) => {
            return Err(FormatError::ToolFailed {
                tool,
                message: e.to_string(),
            })
        }
    };
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        let line = err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message")
            .to_string();
        return Err(FormatError::ToolFailed {
            tool,
            message: line,
        });
    }
    Ok(output.stdout)
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
