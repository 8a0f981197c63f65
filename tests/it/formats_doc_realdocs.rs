//! The native `.doc` reader over the real `.doc` files of `../shared/realdocs` (skipped,
//! saying so, when that folder is absent): no panic, the share read natively, the
//! outline recovered (files whose Word list numbers give more sections than antiword's
//! text), and the text kept: the share of antiword's 6-word sequences found in the
//! native text. With `BAOCAO_DOC_REPORT=FILE` set, one line per file is written there.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use baocao::report::formats::{self, DocTool};

/// Floors measured on the 189 `.doc` files of realdocs (see the commit that set them):
/// a drop below any of them is a regression of the reader.
const MIN_NATIVE_SHARE: f64 = 0.97;
/// Files whose native outline has more sections than antiword's text gives.
const MIN_OUTLINES_RECOVERED: usize = 40;
/// Share of antiword's 6-word sequences present in the native text, over all files.
const MIN_COVERAGE: f64 = 0.99;
/// Words in a compared sequence.
const SHINGLE: usize = 6;

fn realdocs() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdocs/files");
    dir.is_dir().then_some(dir)
}

fn doc_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            doc_files(&p, out);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("doc")) {
            out.push(p);
        }
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Sequences of up to `SHINGLE` words of each paragraph of `text`.
fn shingles(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let w = words(para);
        if w.is_empty() {
            continue;
        }
        if w.len() < SHINGLE {
            out.push(w);
        } else {
            out.extend(w.windows(SHINGLE).map(<[String]>::to_vec));
        }
    }
    out
}

/// Every run of 1..=SHINGLE consecutive words of `text`.
fn ngrams(text: &str) -> HashSet<Vec<String>> {
    let w = words(text);
    let mut set = HashSet::new();
    for n in 1..=SHINGLE {
        for g in w.windows(n) {
            set.insert(g.to_vec());
        }
    }
    set
}

fn antiword_installed() -> bool {
    std::process::Command::new("antiword")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

#[test]
fn real_doc_files_read_natively_with_their_outline() {
    let Some(dir) = realdocs() else {
        eprintln!("skipped: ../shared/realdocs is absent");
        return;
    };
    let mut files = Vec::new();
    doc_files(&dir, &mut files);
    let antiword = antiword_installed();
    if !antiword {
        eprintln!("antiword is not installed: outline and coverage are not compared");
    }
    let mut report = String::new();
    let (mut native_ok, mut panics, mut recovered) = (0usize, 0usize, 0usize);
    let (mut seen, mut found) = (0usize, 0usize);
    let (mut native_sections, mut antiword_sections) = (0usize, 0usize);
    let (mut native_notes, mut antiword_notes) = (0usize, 0usize);
    let mut failures = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let native = std::panic::catch_unwind(|| formats::read_doc_with(&bytes, DocTool::Native));
        let Ok(native) = native else {
            panics += 1;
            failures.push(format!("PANIC {}", path.display()));
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let native = match native {
            Ok(n) => {
                native_ok += 1;
                n
            }
            Err(e) => {
                failures.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let n_report = baocao::report::parse_text(&name, &native.text);
        native_sections += n_report.sections.len();
        native_notes += n_report.footnotes.len();
        let mut line = format!(
            "{}\tnative sections {} notes {}",
            path.strip_prefix(&dir).unwrap().display(),
            n_report.sections.len(),
            n_report.footnotes.len()
        );
        if antiword {
            if let Ok(a) = formats::read_doc_with(&bytes, DocTool::Antiword) {
                let a_report = baocao::report::parse_text(&name, &a.text);
                antiword_sections += a_report.sections.len();
                antiword_notes += a_report.footnotes.len();
                if n_report.sections.len() > a_report.sections.len() {
                    recovered += 1;
                }
                let have = ngrams(&native.text);
                let want = shingles(&a.text);
                let hit = want.iter().filter(|s| have.contains(*s)).count();
                seen += want.len();
                found += hit;
                line += &format!(
                    "\tantiword sections {} notes {}\tcoverage {}/{}",
                    a_report.sections.len(),
                    a_report.footnotes.len(),
                    hit,
                    want.len()
                );
            }
        }
        report.push_str(&line);
        report.push('\n');
    }
    if let Some(out) = std::env::var_os("BAOCAO_DOC_REPORT") {
        std::fs::write(out, &report).unwrap();
    }
    let share = native_ok as f64 / files.len().max(1) as f64;
    let coverage = found as f64 / seen.max(1) as f64;
    eprintln!(
        "realdocs .doc: {} files, {} read natively ({:.1} %), {} panics; sections native {} / \
         antiword {}, {} files with more sections natively; footnotes native {} / antiword \
         {}; coverage of antiword's {}-word sequences {:.2} % ({found}/{seen})",
        files.len(),
        native_ok,
        share * 100.0,
        panics,
        native_sections,
        antiword_sections,
        recovered,
        native_notes,
        antiword_notes,
        SHINGLE,
        coverage * 100.0,
    );
    for f in &failures {
        eprintln!("  {f}");
    }
    assert_eq!(panics, 0, "{failures:#?}");
    assert!(share >= MIN_NATIVE_SHARE, "{share}");
    if antiword {
        assert!(recovered >= MIN_OUTLINES_RECOVERED, "{recovered}");
        assert!(coverage >= MIN_COVERAGE, "{coverage}");
    }
}
