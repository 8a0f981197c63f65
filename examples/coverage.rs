//! Coverage and outline check over folders of reports: for every file, the share of its
//! converter text's 6-word sequences found in the indexed units (see
//! `baocao::report::coverage`), and the outline's shape (sections, giant units, numbered
//! headings left inside a unit's text).
//!
//!     cargo run --release --example coverage -- DIR... [--lost N] [--worst N] [--files] [--meta]
//!
//! `--files` prints one line per file; `--worst N` the N least covered files with their
//! longest lost runs (`--lost N` runs each, default 3). `--meta` prints instead one
//! tab-separated line per file: kind, issuer, number, date, signer and the end of the
//! closing unit (where the signer is read from).
use std::collections::BTreeMap;
use std::path::PathBuf;

use baocao::ingest;
use baocao::report::{coverage, formats};
use rayon::prelude::*;

/// A unit longer than this many characters is counted as giant.
const GIANT_CHARS: usize = 8000;

struct Row {
    path: PathBuf,
    format: &'static str,
    outcome: Result<Stats, String>,
}

struct Stats {
    cov: coverage::Coverage,
    sections: usize,
    footnotes: usize,
    giant: usize,
    unsplit: usize,
    unsplit_paras: Vec<(String, String)>,
    has_preamble: bool,
}

fn main() {
    let mut dirs = Vec::new();
    let mut lost = 3usize;
    let mut worst = 0usize;
    let mut files = false;
    let mut show_unsplit = false;
    let mut meta = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lost" => lost = args.next().and_then(|v| v.parse().ok()).unwrap_or(3),
            "--worst" => worst = args.next().and_then(|v| v.parse().ok()).unwrap_or(10),
            "--files" => files = true,
            "--unsplit" => show_unsplit = true,
            "--meta" => meta = true,
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: coverage DIR... [--lost N] [--worst N] [--files] [--meta]");
        std::process::exit(2);
    }
    // The same discoverer and ingestion function as `baocao index` (baocao::ingest).
    let found = match ingest::discover(&dirs, &ingest::DiscoverOptions::default()) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if meta {
        let lines: Vec<String> = found.files.par_iter().map(metadata_line).collect();
        for l in lines {
            println!("{l}");
        }
        return;
    }
    for s in &found.skipped {
        println!("SKIP  {}: {}", s.path.display(), s.reason);
    }
    let rows: Vec<Row> = found
        .files
        .par_iter()
        .map(|f| {
            let format = formats::Format::from_path(&f.path).map_or("?", |f| f.name());
            Row {
                path: f.path.clone(),
                format,
                outcome: measure(f),
            }
        })
        .collect();
    print_report(&rows, lost, worst, files);
    if show_unsplit {
        for r in &rows {
            if let Ok(s) = &r.outcome {
                for (id, p) in &s.unsplit_paras {
                    println!("UNSPLIT {id}\t{p}\t{}", r.path.display());
                }
            }
        }
    }
}

fn measure(file: &ingest::FoundFile) -> Result<Stats, String> {
    let report = ingest::ingest_file(file, &ingest::Limits::default())
        .map_err(|e| e.to_string())?
        .report;
    let reference = formats::plain::plain_text(&file.path).map_err(|e| e.to_string())?;
    let cov = coverage::measure(&reference, &report);
    let giant = report
        .sections
        .iter()
        .filter(|s| s.text.chars().count() > GIANT_CHARS)
        .count();
    let unsplit = coverage::unsplit_headings(&report);
    let mut units: Vec<&str> = unsplit.iter().map(|(id, _)| id.as_str()).collect();
    units.dedup();
    Ok(Stats {
        cov,
        sections: report.sections.len(),
        footnotes: report.footnotes.len(),
        giant,
        unsplit: units.len(),
        unsplit_paras: unsplit.clone(),
        has_preamble: report.sections.iter().any(|s| s.id.ends_with("#preamble")),
    })
}

fn print_report(rows: &[Row], lost: usize, worst: usize, files: bool) {
    #[derive(Default)]
    struct Agg {
        files: usize,
        skipped: usize,
        grams: usize,
        covered: usize,
        below95: usize,
        sections: Vec<usize>,
        giant: usize,
        unsplit_units: usize,
        unsplit_files: usize,
        footnotes: usize,
        preamble: usize,
    }
    let mut by: BTreeMap<&str, Agg> = BTreeMap::new();
    for r in rows {
        let a = by.entry(r.format).or_default();
        match &r.outcome {
            Err(e) => {
                a.skipped += 1;
                if files {
                    println!("SKIP  {}: {e}", r.path.display());
                }
            }
            Ok(s) => {
                a.files += 1;
                a.grams += s.cov.grams;
                a.covered += s.cov.covered;
                a.below95 += usize::from(s.cov.ratio() < 0.95);
                a.sections.push(s.sections);
                a.giant += s.giant;
                a.unsplit_units += s.unsplit;
                a.unsplit_files += usize::from(s.unsplit > 0);
                a.footnotes += s.footnotes;
                a.preamble += usize::from(s.has_preamble);
                if files {
                    println!(
                        "{:5.1}%  {:>4} sec {:>3} fn {:>2} giant {:>2} unsplit  {}",
                        100.0 * s.cov.ratio(),
                        s.sections,
                        s.footnotes,
                        s.giant,
                        s.unsplit,
                        r.path.display()
                    );
                }
            }
        }
    }
    println!(
        "format  files skipped  coverage  files<95%  sections(p10/p50/p90/max)  giant>{GIANT_CHARS}  unsplit units (files)  footnotes  with preamble"
    );
    for (f, a) in &mut by {
        a.sections.sort_unstable();
        let q = |p: usize| {
            a.sections
                .get((a.sections.len().saturating_sub(1)) * p / 100)
                .copied()
                .unwrap_or(0)
        };
        println!(
            "{:<6} {:>6} {:>7}  {:>7.2}%  {:>9}  {:>4}/{:>3}/{:>3}/{:>4}  {:>15}  {:>10} ({:>3})  {:>9}  {:>13}",
            f,
            a.files,
            a.skipped,
            100.0 * a.covered as f64 / a.grams.max(1) as f64,
            a.below95,
            q(10),
            q(50),
            q(90),
            q(100),
            a.giant,
            a.unsplit_units,
            a.unsplit_files,
            a.footnotes,
            a.preamble
        );
    }
    if worst > 0 {
        let mut ok: Vec<(&Row, &Stats)> = rows
            .iter()
            .filter_map(|r| r.outcome.as_ref().ok().map(|s| (r, s)))
            .collect();
        ok.sort_by(|a, b| a.1.cov.ratio().total_cmp(&b.1.cov.ratio()));
        println!("\nleast covered:");
        for (r, s) in ok.iter().take(worst) {
            println!(
                "{:5.1}%  {} ({} sequences)",
                100.0 * s.cov.ratio(),
                r.path.display(),
                s.cov.grams
            );
            for l in s.cov.lost.iter().take(lost) {
                println!("        lost: {l}");
            }
        }
    }
}

/// Characters of the closing unit's end shown by `--meta`.
const CLOSING_TAIL_CHARS: usize = 160;

fn metadata_line(f: &ingest::FoundFile) -> String {
    let got = match ingest::ingest_file(f, &ingest::Limits::default()) {
        Ok(got) => got,
        Err(e) => return format!("SKIP\t{}\t{e}", f.path.display()),
    };
    let m = &got.report.metadata;
    let closing: Vec<char> = got
        .report
        .sections
        .iter()
        .find(|s| s.id.ends_with("#closing"))
        .map(|s| format!("{} / {}", s.heading, s.text.replace('\n', " / ")))
        .unwrap_or_default()
        .chars()
        .collect();
    let tail: String = closing[closing.len().saturating_sub(CLOSING_TAIL_CHARS)..]
        .iter()
        .collect();
    let none = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{tail}",
        f.path.display(),
        m.doc_type,
        none(&m.issuer),
        none(&m.number),
        none(&m.date),
        none(&m.signer),
    )
}
