//! Generates a large synthetic corpus from the bundled reports (benches/README.md).
//!
//! ```text
//! cargo run --release --example synth -- --size 1GB --out /tmp/corpus [--seed 42]
//! ```
//!
//! Writes the files (half in the clean layout, half in the PDF-extracted layout) and
//! `manifest.json` (per file: layout, template, province, year and the ground truth for
//! the phrase "giải ngân vốn đầu tư công") into `--out`, which is created if needed.

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use baocao::synth::{generate, parse_size, Layout, SynthConfig, Template, PHRASE};
use clap::Parser;
use rayon::prelude::*;
use serde::Serialize;

/// Deterministic synthetic corpus generator.
#[derive(Debug, Parser)]
struct Args {
    /// Total size to generate, e.g. `50MB`, `1GB`.
    #[arg(long, default_value = "100MB")]
    size: String,
    /// Output folder (created; existing generated files are overwritten).
    #[arg(long)]
    out: PathBuf,
    /// Seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Folder of the template reports.
    #[arg(long, default_value = "corpus")]
    from: PathBuf,
    /// Fraction of files in the PDF-extracted layout.
    #[arg(long, default_value_t = 0.5)]
    pdf_fraction: f64,
}

#[derive(Serialize)]
struct Entry<'a> {
    file: &'a str,
    bytes: usize,
    layout: Layout,
    template: &'a str,
    province: &'a str,
    year: i32,
    phrase_occurrences: usize,
    phrase_one_line: usize,
}

#[derive(Serialize)]
struct Manifest<'a> {
    seed: u64,
    target_bytes: u64,
    total_bytes: u64,
    phrase: &'a str,
    files: Vec<Entry<'a>>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let target = parse_size(&args.size).with_context(|| format!("bad size {:?}", args.size))?;
    let mut names: Vec<PathBuf> = fs::read_dir(&args.from)
        .with_context(|| format!("reading {}", args.from.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    if names.is_empty() {
        bail!("no .txt templates in {}", args.from.display());
    }
    let templates: Vec<Template> = names
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            Ok(Template::new(&name, &text))
        })
        .collect::<Result<_>>()?;
    fs::create_dir_all(&args.out)?;
    let config = SynthConfig {
        seed: args.seed,
        pdf_fraction: args.pdf_fraction,
    };

    let started = Instant::now();
    let mut docs = Vec::new();
    let mut total = 0u64;
    let mut next = 0u64;
    const BATCH: u64 = 256;
    'outer: while total < target {
        let batch: Vec<_> = (next..next + BATCH)
            .into_par_iter()
            .map(|i| {
                let doc = generate(&templates, &config, i);
                fs::write(args.out.join(&doc.file), &doc.text).map(|_| doc)
            })
            .collect::<Result<_, _>>()?;
        next += BATCH;
        for mut doc in batch {
            if total >= target {
                // Beyond the target: remove what this batch wrote in excess.
                fs::remove_file(args.out.join(&doc.file))?;
                continue;
            }
            total += doc.text.len() as u64;
            doc.text = String::new();
            docs.push((doc, total));
        }
        if total >= target {
            break 'outer;
        }
    }
    let files: Vec<Entry> = docs
        .iter()
        .scan(0u64, |prev, (d, cum)| {
            let bytes = (cum - *prev) as usize;
            *prev = *cum;
            Some(Entry {
                file: &d.file,
                bytes,
                layout: d.layout,
                template: &d.template,
                province: &d.province,
                year: d.year,
                phrase_occurrences: d.truth.phrase_occurrences,
                phrase_one_line: d.truth.phrase_one_line,
            })
        })
        .collect();
    let with_phrase = files.iter().filter(|f| f.phrase_occurrences > 0).count();
    let grep_visible = files.iter().filter(|f| f.phrase_one_line > 0).count();
    let manifest = Manifest {
        seed: args.seed,
        target_bytes: target,
        total_bytes: total,
        phrase: PHRASE,
        files,
    };
    let mut w = std::io::BufWriter::new(fs::File::create(args.out.join("manifest.json"))?);
    serde_json::to_writer(&mut w, &manifest)?;
    w.flush()?;
    eprintln!(
        "{} files, {:.1} MB in {:.1}s; phrase in {} files ({} with it whole on one line)",
        manifest.files.len(),
        total as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        with_phrase,
        grep_visible
    );
    Ok(())
}
