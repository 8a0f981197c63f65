//! Metadata sweep over folders of reports: one tab-separated line per file with its
//! kind, issuer, number, date and signer, and the end of its closing unit (where the
//! signer is read from), to see what the letterhead and signature readers miss.
//!
//!     cargo run --release --example metadata -- DIR... > meta.tsv
use baocao::ingest;
use rayon::prelude::*;

/// Characters of the closing unit's end shown per file.
const CLOSING_TAIL_CHARS: usize = 160;

fn main() {
    let dirs: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if dirs.is_empty() {
        eprintln!("usage: metadata DIR...");
        std::process::exit(2);
    }
    let found = match ingest::discover(&dirs, &ingest::DiscoverOptions::default()) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let rows: Vec<String> = found
        .files
        .par_iter()
        .map(
            |f| match ingest::ingest_file(f, &ingest::Limits::default()) {
                Err(e) => format!("SKIP\t{}\t{e}", f.path.display()),
                Ok(got) => {
                    let m = &got.report.metadata;
                    let closing = got
                        .report
                        .sections
                        .iter()
                        .find(|s| s.id.ends_with("#closing"))
                        .map(|s| format!("{} / {}", s.heading, s.text.replace('\n', " / ")))
                        .unwrap_or_default();
                    let chars: Vec<char> = closing.chars().collect();
                    let tail: String = chars[chars.len().saturating_sub(CLOSING_TAIL_CHARS)..]
                        .iter()
                        .collect();
                    let none = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
                    format!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        f.path.display(),
                        m.doc_type,
                        none(&m.issuer),
                        none(&m.number),
                        none(&m.date),
                        none(&m.signer),
                        tail
                    )
                }
            },
        )
        .collect();
    for r in rows {
        println!("{r}");
    }
}
