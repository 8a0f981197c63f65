//! `.doc` (Word 97–2003). Read natively first (`msdoc`: Word numbering, footnotes,
//! tables, like the `.docx` reader). A file the native reader cannot read (Word 6/95,
//! encrypted, damaged) goes through LibreOffice when it is installed (`soffice` converts
//! to `.docx`, which is then read natively), else through `antiword`, whose text (notes
//! listed at the end as `[n] text`, tables as `|` rows) is repaired like any converter's
//! text. antiword drops Word's automatic list numbers.

use std::path::PathBuf;

use super::{docx, msdoc, run_tool, FormatError};

/// The name `parse` and the index show for a `.doc` read by the native reader.
pub const NATIVE_READER: &str = "baocao .doc reader";

/// Which program converts `.doc` files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocTool {
    /// The native reader; LibreOffice, else antiword, for a file it cannot read.
    Auto,
    /// The native reader only.
    Native,
    /// LibreOffice (`soffice --headless --convert-to docx`).
    LibreOffice,
    /// antiword.
    Antiword,
}

/// Converts the bytes of a `.doc` file; returns its text and the tool used.
pub(crate) fn read(bytes: &[u8], tool: DocTool) -> Result<(String, String), FormatError> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FormatError::Encoding(
            "not a Word 97-2003 document (no OLE2 header)".into(),
        ));
    }
    match tool {
        DocTool::Native => native(bytes),
        DocTool::Antiword => antiword(bytes),
        DocTool::LibreOffice => libreoffice(bytes),
        DocTool::Auto => match native(bytes) {
            Ok(read) => Ok(read),
            Err(native_error) => {
                let converted = match libreoffice(bytes) {
                    Err(FormatError::MissingTool { .. }) => antiword(bytes),
                    other => other,
                };
                // When no converter can read it either, the native reader's reason is
                // the one that says what is wrong with the file.
                converted.map_err(|e| match e {
                    FormatError::MissingTool { .. } => native_error,
                    other => FormatError::BadDoc(format!("{native_error}; {other}")),
                })
            }
        },
    }
}

fn native(bytes: &[u8]) -> Result<(String, String), FormatError> {
    let doc = msdoc::read(bytes).map_err(|e| FormatError::BadDoc(e.to_string()))?;
    Ok((doc.to_text(), NATIVE_READER.to_string()))
}

fn antiword(bytes: &[u8]) -> Result<(String, String), FormatError> {
    let out = run_tool(
        "antiword",
        "reading .doc (Word 97-2003) files",
        "apt-get install antiword",
        &["-m", "UTF-8.txt", "-w", "0"],
        &[],
        bytes,
        "doc",
    )?;
    Ok((
        String::from_utf8_lossy(&out).into_owned(),
        antiword_version(),
    ))
}

fn antiword_version() -> String {
    // antiword has no version switch; its usage text carries "Version: 0.37".
    let out = std::process::Command::new("antiword")
        .stdin(std::process::Stdio::null())
        .output();
    if let Ok(out) = out {
        let text = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        if let Some(v) = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("Version:"))
            .and_then(|v| v.split_whitespace().next())
        {
            return format!("antiword {v}");
        }
    }
    "antiword".to_string()
}

/// A scratch directory removed on drop.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn libreoffice(bytes: &[u8]) -> Result<(String, String), FormatError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "baocao-lo-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let io = |source| FormatError::Io {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let scratch = Scratch(dir.clone());
    let input = dir.join("in.doc");
    std::fs::write(&input, bytes).map_err(io)?;
    // A private profile, so that conversions never wait on another LibreOffice.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let output = std::process::Command::new("soffice")
        .arg(&profile)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&input)
        .stdin(std::process::Stdio::null())
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(FormatError::MissingTool {
                what: "reading .doc (Word 97-2003) files",
                tool: "soffice",
                install: "apt-get install libreoffice-writer-nogui",
            })
        }
        Err(e) => {
            return Err(FormatError::ToolFailed {
                tool: "soffice",
                message: e.to_string(),
            })
        }
    };
    let converted = std::fs::read(dir.join("in.docx")).map_err(|_| FormatError::ToolFailed {
        tool: "soffice",
        message: String::from_utf8_lossy(&output.stderr)
            .lines()
            .find(|l| !l.trim().is_empty() && !l.contains("javaldx"))
            .unwrap_or("no .docx produced")
            .to_string(),
    })?;
    drop(scratch);
    let text = docx::read(&converted)?.to_text();
    Ok((text, "LibreOffice (soffice)".to_string()))
}
