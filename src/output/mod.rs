//! Rendering of results to human text, JSON and CSV.
//!
//! Human renderers take a [`Painter`] that decides colour; JSON renderers go through the
//! serde structs of [`json`], whose field names are the contract documented in docs/json.md.

pub mod figures;
pub mod json;
pub mod parse;
pub mod text;
pub mod timeline;

use std::path::Path;
use std::str::FromStr;

use anstyle::{AnsiColor, Effects, Style};

/// How a command writes its result: a closed set, chosen once at the command-line edge
/// (`--json`, `--csv`) or by the web API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Human text, coloured or not by a [`Painter`].
    #[default]
    Text,
    /// One JSON document (the contract of docs/json.md).
    Json,
    /// CSV with a header row (`figures`, `timeline`).
    Csv,
}

impl Format {
    /// `text`, `json` or `csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

impl FromStr for Format {
    type Err = String;

    /// `text`, `json` or `csv`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            other => Err(format!(
                "unknown output format {other:?} (text, json or csv)"
            )),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Applies styles when colour is on, returns the text unchanged otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    color: bool,
}

impl Painter {
    /// A painter that colours when `color` is true.
    pub fn new(color: bool) -> Painter {
        Painter { color }
    }

    /// Whether this painter colours.
    pub fn is_color(&self) -> bool {
        self.color
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    /// A location to open (`file:line`).
    pub fn location(&self, text: &str) -> String {
        self.paint(Style::new().fg_color(Some(AnsiColor::Magenta.into())), text)
    }

    /// A heading or a title.
    pub fn strong(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::BOLD), text)
    }

    /// Secondary information.
    pub fn dim(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::DIMMED), text)
    }

    /// A bar of a chart.
    pub fn bar(&self, text: &str) -> String {
        self.paint(Style::new().fg_color(Some(AnsiColor::Cyan.into())), text)
    }

    /// A matched word.
    pub fn highlight(&self, text: &str) -> String {
        self.paint(
            Style::new()
                .effects(Effects::BOLD)
                .fg_color(Some(AnsiColor::Red.into())),
            text,
        )
    }

    /// A snippet with `<b>…</b>` marks (other `<`, `>`, `&` escaped) for a terminal:
    /// marks become highlights (or `[…]`-free plain text without colour), entities are
    /// decoded.
    pub fn snippet(&self, html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(open) = rest.find("<b>") {
            out.push_str(&unescape(&rest[..open]));
            let after = &rest[open + 3..];
            let close = after.find("</b>").unwrap_or(after.len());
            out.push_str(&self.highlight(&unescape(&after[..close])));
            rest = after.get(close + 4..).unwrap_or("");
        }
        out.push_str(&unescape(rest));
        out
    }
}

/// `1 report`, `2 reports`, `0 reports`.
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The query as the user typed it, between quotes that it does not contain (no `\"`
/// escapes): `"giải ngân"`, `'"đầu tư công" -thuế'`.
pub fn quote_query(query: &str) -> String {
    if !query.contains('"') {
        format!("\"{query}\"")
    } else if !query.contains('\'') {
        format!("'{query}'")
    } else {
        format!("«{query}»")
    }
}

/// `text` as one word for a POSIX shell: unchanged when it only holds characters no shell
/// treats specially (letters, digits, `-_.,:/#^@%+=`; `#` is only special at a word's
/// start), else between single quotes (a `'` inside written `'\''`).
pub fn shell_quote(text: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "-_.,:/#^@%+=".contains(c);
    if !text.is_empty() && text.chars().all(safe) && !text.starts_with(['#', '~', '=']) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The width of the terminal for charts: `COLUMNS` when set, else the terminal's when
/// stdout is one, else 80.
pub fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return n;
    }
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(w, _)| w.0 as usize)
        .filter(|&n| n > 0)
        .unwrap_or(80)
}

/// Decodes the three entities snippets escape.
pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A path for the user to open: relative to the current directory when below it, with
/// control characters and bytes that are not UTF-8 escaped ([`escape_path`]).
pub fn display_path(source: Option<&Path>, file: &str) -> String {
    let Some(source) = source else {
        return escape_controls(file);
    };
    if let Ok(cwd) = std::env::current_dir() {
        let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
        if let Ok(rel) = source.strip_prefix(&cwd) {
            return escape_path(rel);
        }
    }
    escape_path(source)
}

/// Whether `c` would change how a line of the terminal reads: a control character (ESC,
/// newline, carriage return, C1 controls) or a bidirectional override/isolate.
fn is_forging(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with control characters written as escapes (`\n`, `\t`, `\r`, `\x1b`, `\u{202e}`),
/// so that a file name cannot break or forge a line of human output. `\` itself is kept.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(is_forging) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_forging(c) && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_forging(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A path for human output: control characters escaped as in [`escape_controls`], bytes
/// that are not UTF-8 as `\xNN` (not silently replaced, so two such names stay distinct).
pub fn escape_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&escape_controls(chunk.valid()));
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        escape_controls(&path.display().to_string())
    }
}

/// Shortens `text` to at most `max` characters, with `…`, runs of whitespace (line breaks
/// included) first made one space.
pub fn ellipsize(text: &str, max: usize) -> String {
    clip(&text.split_whitespace().collect::<Vec<_>>().join(" "), max)
}

/// `text` cut to at most `max` characters, the last of them `…` when it was cut; its
/// spaces as they are (see [`ellipsize`]).
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_without_colour_are_plain_text() {
        let p = Painter::new(false);
        assert_eq!(
            p.snippet("a <b>giải ngân</b> &lt;b&gt; &amp;"),
            "a giải ngân <b> &"
        );
        let p = Painter::new(true);
        let s = p.snippet("a <b>giải</b> b");
        assert!(s.contains("\u{1b}[") && s.contains("giải"));
    }

    #[test]
    fn control_characters_and_invalid_bytes_are_escaped() {
        assert_eq!(escape_controls("bao-cao.txt"), "bao-cao.txt");
        assert_eq!(
            escape_controls("a\nIndexed 999 reports\x1b[31m\t\r\u{202e}txt.exe"),
            "a\\nIndexed 999 reports\\x1b[31m\\t\\r\\u{202e}txt.exe"
        );
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let p = Path::new(std::ffi::OsStr::from_bytes(b"/tmp/b\xe1o\nc\xc3\xa1o.txt"));
            assert_eq!(escape_path(p), "/tmp/b\\xe1o\\ncáo.txt");
        }
    }

    #[test]
    fn quoting() {
        assert_eq!(quote_query("giải ngân"), "\"giải ngân\"");
        assert_eq!(quote_query("\"đầu tư\" -x"), "'\"đầu tư\" -x'");
        assert_eq!(shell_quote("000-abc#II.1.3"), "000-abc#II.1.3");
        assert_eq!(shell_quote("004-x#Phần I.II.1.5"), "'004-x#Phần I.II.1.5'");
        assert_eq!(shell_quote("a'b c"), "'a'\\''b c'");
        assert_eq!(plural(1u64, "report", "reports"), "1 report");
        assert_eq!(plural(0u64, "report", "reports"), "0 reports");
    }

    #[test]
    fn formats_read_back_from_their_names() {
        for f in [Format::Text, Format::Json, Format::Csv] {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert!("xml".parse::<Format>().is_err());
    }

    #[test]
    fn ellipsize_counts_characters() {
        assert_eq!(ellipsize("Đầu tư   công", 20), "Đầu tư công");
        assert_eq!(ellipsize("Đầu tư công", 5), "Đầu …");
    }
}
