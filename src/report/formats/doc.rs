//! `.doc` (Word 97–2003). Read natively first (`msdoc`: Word numbering, footnotes,
//! tables, like the `.docx` reader). A file the native reader cannot read (Word 6/95,
//! encrypted, damaged) goes through LibreOffice when it is installed (`soffice` converts
//! to `.docx`, which is then read natively), else through `antiword`, whose text (notes
//! listed at the end as `[n] text`, tables as `|` rows) is repaired like any converter's
//! text. antiword drops Word's automatic list numbers.

use super::{docx, msdoc, run_tool, FormatError, Limits};

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
pub(crate) fn read(
    bytes: &[u8],
    tool: DocTool,
    limits: &Limits,
) -> Result<(String, String), FormatError> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FormatError::Encoding(
            "not a Word 97-2003 document (no OLE2 header)".into(),
        ));
    }
    match tool {
        DocTool::Native => native(bytes),
        DocTool::Antiword => antiword(bytes, limits),
        DocTool::LibreOffice => libreoffice(bytes, limits),
        DocTool::Auto => match native(bytes) {
            Ok(read) => Ok(read),
            // Read, but past a bound: a converter would only spend more on it.
            Err(limit @ FormatError::Limit(_)) => Err(limit),
            Err(native_error) => {
                let converted = match libreoffice(bytes, limits) {
                    Err(FormatError::MissingTool { .. }) => antiword(bytes, limits),
                    other => other,
                };
                // When no converter can read it either, the native reader's reason is
                // the one that says what is wrong with the file.
                converted.map_err(|e| match (e, native_error) {
                    (FormatError::MissingTool { .. }, native_error) => native_error,
                    (other, FormatError::BadDoc(reason)) => {
                        FormatError::BadDoc(format!("{reason}; {other}"))
                    }
                    (other, native_error) => {
                        FormatError::BadDoc(format!("{native_error}; {other}"))
                    }
                })
            }
        },
    }
}

fn native(bytes: &[u8]) -> Result<(String, String), FormatError> {
    let doc = msdoc::read(bytes).map_err(|e| match e {
        msdoc::MsDocError::TooLarge(m) => FormatError::Limit(m),
        e => FormatError::BadDoc(e.to_string()),
    })?;
    Ok((doc.to_text(), NATIVE_READER.to_string()))
}

fn antiword(bytes: &[u8], limits: &Limits) -> Result<(String, String), FormatError> {
    let out = run_tool(
        "antiword",
        "reading .doc (Word 97-2003) files",
        "apt-get install antiword",
        &["-m", "UTF-8.txt", "-w", "0"],
        &[],
        bytes,
        limits,
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

/// Address space LibreOffice may use: it reserves far more than it touches (about
/// 1.5 GB of mappings for a small document), so its bound is looser than
/// [`super::CONVERTER_MEMORY_BYTES`].
const SOFFICE_MEMORY_BYTES: u64 = 4 * 1024 * 1024 * 1024;

fn libreoffice(bytes: &[u8], limits: &Limits) -> Result<(String, String), FormatError> {
    let io = |source| FormatError::Io {
        path: "temporary folder".to_string(),
        source,
    };
    // Removed when dropped, on every path out of this function.
    let dir = tempfile::Builder::new()
        .prefix("baocao-lo-")
        .tempdir()
        .map_err(io)?;
    let input = dir.path().join("in.doc");
    std::fs::write(&input, bytes).map_err(io)?;
    // A private profile, so that conversions never wait on another LibreOffice.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let mut command = std::process::Command::new("soffice");
    command
        .arg(&profile)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&input);
    super::sandbox::run_confined(
        command,
        "soffice",
        "reading .doc (Word 97-2003) files",
        "apt-get install libreoffice-writer-nogui",
        None,
        &input.display().to_string(),
        SOFFICE_MEMORY_BYTES,
        limits,
    )?;
    let converted = super::read_file(&dir.path().join("in.docx"), limits.max_output_bytes())
        .map_err(|_| FormatError::ToolFailed {
            tool: "soffice",
            message: "no .docx produced".to_string(),
        })?;
    drop(dir);
    let text = docx::read(&converted, limits)?.to_text();
    Ok((text, "LibreOffice (soffice)".to_string()))
}
