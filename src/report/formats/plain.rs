//! The converter's plain text of a file, independent of the report parser: what the
//! coverage check ([`crate::report::coverage`]) compares the indexed units against.
//!
//! - `.pdf`: `pdftotext` without layout (reading order, running headers, page numbers and
//!   page-bottom footnotes all in);
//! - `.docx`: every `w:t` of `word/document.xml` (text boxes, tables and all), one
//!   paragraph a line, then the bodies of `word/footnotes.xml`;
//! - `.doc`: `antiword`;
//! - text files: the decoded text.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use super::xml::{self, Element};
use super::{run_tool, text, Format, FormatError};

/// Largest XML part read from a `.docx` for the reference text (a report's document.xml
/// is well under 20 MB; a bigger part is not a report).
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The converter's plain text of the file at `path`.
pub fn plain_text(path: &Path) -> Result<String, FormatError> {
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
    plain_text_of(format, &bytes)
}

/// The converter's plain text of bytes in a known format.
pub fn plain_text_of(format: Format, bytes: &[u8]) -> Result<String, FormatError> {
    match format {
        Format::Text | Format::Markdown => Ok(text::decode(bytes)?.0),
        Format::Pdf => {
            let out = run_tool(
                "pdftotext",
                "reading .pdf files",
                "apt-get install poppler-utils",
                &["-enc", "UTF-8"],
                &["-"],
                bytes,
                "pdf",
            )?;
            Ok(String::from_utf8_lossy(&out).into_owned())
        }
        Format::Doc => {
            let out = run_tool(
                "antiword",
                "reading .doc (Word 97-2003) files",
                "apt-get install antiword",
                &["-m", "UTF-8.txt", "-w", "0"],
                &[],
                bytes,
                "doc",
            )?;
            Ok(String::from_utf8_lossy(&out).into_owned())
        }
        Format::Docx => docx_text(bytes),
    }
}

fn docx_text(bytes: &[u8]) -> Result<String, FormatError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| FormatError::BadDocx(format!("not a zip archive ({e})")))?;
    let mut parts: HashMap<&str, String> = HashMap::new();
    for name in ["word/document.xml", "word/footnotes.xml"] {
        let Ok(file) = zip.by_name(name) else {
            continue;
        };
        let mut s = String::new();
        file.take(MAX_PART_BYTES)
            .read_to_string(&mut s)
            .map_err(|e| FormatError::BadDocx(format!("{name}: {e}")))?;
        parts.insert(name, s);
    }
    let mut out = String::new();
    for name in ["word/document.xml", "word/footnotes.xml"] {
        if let Some(x) = parts.get(name) {
            let root = xml::parse(x).map_err(|e| FormatError::BadDocx(format!("{name}: {e}")))?;
            paragraphs(&root, &mut out);
        }
    }
    Ok(out)
}

/// Appends the text of every paragraph below `el`, one a line. Deleted text, field codes
/// and the fallback copies of alternate content are left out.
fn paragraphs(el: &Element, out: &mut String) {
    for c in el.elements() {
        match c.name.as_str() {
            "del" | "moveFrom" | "Fallback" | "instrText" | "delText" => {}
            "p" => {
                let mut line = String::new();
                runs(c, &mut line, out);
                if !line.trim().is_empty() {
                    out.push_str(line.trim());
                    out.push('\n');
                }
            }
            _ => paragraphs(c, out),
        }
    }
}

/// The text of a paragraph's runs into `line`; paragraphs nested in it (text boxes) go to
/// `out` on lines of their own.
fn runs(el: &Element, line: &mut String, out: &mut String) {
    for c in el.elements() {
        match c.name.as_str() {
            "del" | "moveFrom" | "Fallback" | "instrText" | "delText" => {}
            "t" => line.push_str(&c.text()),
            "tab" | "ptab" | "br" | "cr" => line.push(' '),
            "txbxContent" => paragraphs(c, out),
            _ => runs(c, line, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docx_paragraphs_text_boxes_and_deleted_text() {
        let x = r#"<w:document xmlns:w="w"><w:body>
          <w:p><w:r><w:t>Một</w:t></w:r><w:r><w:tab/><w:t>hai</w:t></w:r><w:del><w:r><w:delText>xoá</w:delText></w:r></w:del></w:p>
          <w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
          <w:p><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>
        </w:body></w:document>"#;
        let mut out = String::new();
        paragraphs(&xml::parse(x).unwrap(), &mut out);
        assert_eq!(out, "Một hai\nô\nhộp\n");
    }
}
