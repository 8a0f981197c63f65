//! The native `.doc` reader over the real `.doc` files of `../shared/realdocs` (skipped,
//! saying so, when that folder is absent): no panic, the share read natively, Word list
//! numbers that antiword's text lacks (paragraphs that are antiword's paragraph with a
//! list label in front), the outline kept (sections natively vs from antiword's text),
//! and the text kept: the share of antiword's 6-word sequences found in the native text.
//! With `BAOCAO_DOC_REPORT=FILE` set, one line per file is written there.

use std::collections::HashSet;

use baocao::report::formats::{self, DocTool};

use crate::common::{files_under, installed, realdocs};

/// Floors measured on the 189 `.doc` files of realdocs (189 read natively, 8 list labels
/// antiword lacks in 2 files, 1351 sections natively vs 1365 from antiword's text, 99.50 %
/// of antiword's 6-word sequences): a drop below any of them is a regression.
const MIN_NATIVE_SHARE: f64 = 1.0;
/// Paragraphs given a Word list label that antiword's text lacks.
const MIN_LABELS_RECOVERED: usize = 8;
/// Sections found in the native text, as a share of those found in antiword's text (the
/// same parser on both; the few files below 1 differ by paragraph layout, not text).
const MIN_SECTION_RATIO: f64 = 0.98;
/// Share of antiword's 6-word sequences present in the native text, over all files.
const MIN_COVERAGE: f64 = 0.99;
/// Words in a compared sequence.
const SHINGLE: usize = 6;

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

fn squash(p: &str) -> String {
    p.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `token` looks like a list label: `1.`, `1.2.`, `IV.`, `a)`, `đ)`, `-`.
fn is_label(token: &str) -> bool {
    let body = token.trim_end_matches(['.', ')']);
    token == "-"
        || (token.len() > body.len()
            && !body.is_empty()
            && (body.chars().all(|c| c.is_ascii_digit() || c == '.')
                || body.chars().all(|c| "IVXLivxl".contains(c))
                || (body.chars().count() == 1 && body.chars().all(char::is_lowercase))))
}

/// Native paragraphs that are an antiword paragraph with a list label in front.
fn labels_recovered(native: &str, antiword: &str) -> usize {
    let theirs: HashSet<String> = antiword.split("\n\n").map(squash).collect();
    native
        .split("\n\n")
        .map(squash)
        .filter(|p| !p.is_empty() && !theirs.contains(p))
        .filter(|p| {
            p.split_once(' ')
                .is_some_and(|(label, rest)| is_label(label) && theirs.contains(rest))
        })
        .count()
}

#[test]
fn real_doc_files_read_natively_with_their_outline() {
    let Some(dir) = realdocs() else {
        eprintln!("skipped: ../shared/realdocs is absent");
        return;
    };
    let files = files_under(&dir, &|p| {
        p.extension().is_some_and(|e| e.eq_ignore_ascii_case("doc"))
    });
    let antiword = installed("antiword", &[]);
    if !antiword {
        eprintln!("antiword is not installed: outline and coverage are not compared");
    }
    let mut report = String::new();
    let (mut native_ok, mut panics, mut recovered) = (0usize, 0usize, 0usize);
    let mut recovered_files = 0usize;
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
                let labels = labels_recovered(&native.text, &a.text);
                recovered += labels;
                recovered_files += usize::from(labels > 0);
                let have = ngrams(&native.text);
                let want = shingles(&a.text);
                let hit = want.iter().filter(|s| have.contains(*s)).count();
                seen += want.len();
                found += hit;
                line += &format!(
                    "\tantiword sections {} notes {}\tlabels recovered {labels}\tcoverage {}/{}",
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
         antiword {}; {} list labels antiword lacks, in {} files; footnotes native {} / \
         antiword {}; coverage of antiword's {}-word sequences {:.2} % ({found}/{seen})",
        files.len(),
        native_ok,
        share * 100.0,
        panics,
        native_sections,
        antiword_sections,
        recovered,
        recovered_files,
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
        assert!(recovered >= MIN_LABELS_RECOVERED, "{recovered}");
        let ratio = native_sections as f64 / antiword_sections.max(1) as f64;
        assert!(ratio >= MIN_SECTION_RATIO, "{ratio}");
        assert!(coverage >= MIN_COVERAGE, "{coverage}");
    }
}
