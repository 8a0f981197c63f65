//! Shared by the criterion benches: a synthetic corpus of configurable size, generated in
//! memory from the bundled reports (`BAOCAO_BENCH_MB`, default 8 MB).

#![allow(dead_code)]

use std::fs;
use std::path::Path;

use baocao::synth::{generate, SynthConfig, SynthDoc, Template};

/// Size of the generated corpus in bytes, from `BAOCAO_BENCH_MB` (default `default_mb`).
pub fn bench_bytes(default_mb: u64) -> u64 {
    std::env::var("BAOCAO_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .map(|mb| (mb * 1e6) as u64)
        .unwrap_or(default_mb * 1_000_000)
}

/// The bundled reports as generator templates.
pub fn templates() -> Vec<Template> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("corpus/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).expect("template");
            Template::new(&p.file_name().unwrap().to_string_lossy(), &text)
        })
        .collect()
}

/// Generated documents (seed 42) totalling at least `bytes`.
pub fn corpus(bytes: u64) -> Vec<SynthDoc> {
    let templates = templates();
    let config = SynthConfig::default();
    let mut docs = Vec::new();
    let mut total = 0u64;
    let mut i = 0;
    while total < bytes {
        let d = generate(&templates, &config, i);
        total += d.text.len() as u64;
        docs.push(d);
        i += 1;
    }
    docs
}

/// Total size of the documents' text in bytes.
pub fn total_bytes(docs: &[SynthDoc]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

/// Writes the documents into `dir` (created).
pub fn write_corpus(docs: &[SynthDoc], dir: &Path) {
    fs::create_dir_all(dir).expect("corpus dir");
    for d in docs {
        fs::write(dir.join(&d.file), &d.text).expect("write doc");
    }
}
