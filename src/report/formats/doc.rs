//! `.doc` (Word 97–2003) through `antiword`, whose text output is then repaired like any
//! converter's text (notes listed at the end as `[n] text`).

use super::{run_tool, tool_version, FormatError};

/// Runs antiword on the bytes of a `.doc` file; returns its text and the tool used.
pub(crate) fn read(bytes: &[u8]) -> Result<(String, String), FormatError> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FormatError::Encoding(
            "not a Word 97-2003 document (no OLE2 header)".into(),
        ));
    }
    let out = run_tool(
        "antiword",
        ".doc (Word 97-2003) files",
        "apt-get install antiword",
        &["-m", "UTF-8.txt", "-w", "0"],
        &[],
        bytes,
        "doc",
    )?;
    let text = String::from_utf8_lossy(&out).into_owned();
    Ok((text, tool_version_antiword()))
}

fn tool_version_antiword() -> String {
    // antiword has no -v; its usage text carries "Version: 0.37".
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
    let _ = tool_version;
    "antiword".to_string()
}
