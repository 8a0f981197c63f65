//! Index build throughput (MB/s of report text) on a generated corpus.
//!
//! `cargo bench --bench index` (corpus size: `BAOCAO_BENCH_MB`, default 16).
//!
//! - `index/files`: the whole pipeline of `baocao index` (read, parse, tag, index, commit)
//!   from a folder of generated files into a fresh index on disk;
//! - `index/reports`: indexing only, from reports parsed beforehand.

use std::hint::black_box;
use std::path::PathBuf;

use baocao::index::{BaocaoIndex, IndexOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;

fn index(c: &mut Criterion) {
    let docs = common::corpus(common::bench_bytes(16));
    let bytes = common::total_bytes(&docs);
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus_dir = tmp.path().join("corpus");
    common::write_corpus(&docs, &corpus_dir);
    let reports: Vec<_> = docs
        .iter()
        .map(|d| {
            let mut r = baocao::report::parse_text(&d.file, &d.text);
            baocao::tagging::tag_report(&mut r);
            r
        })
        .collect();

    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    let mut run = 0u32;
    group.bench_function("files", |b| {
        b.iter(|| {
            run += 1;
            let dir: PathBuf = tmp.path().join(format!("idx-files-{run}"));
            let index = BaocaoIndex::recreate(&dir).expect("index");
            let summary = index
                .index_paths(
                    std::slice::from_ref(&corpus_dir),
                    &IndexOptions::default(),
                    &mut |_| {},
                )
                .expect("index_paths");
            black_box(summary);
            drop(index);
            let _ = std::fs::remove_dir_all(&dir);
        })
    });
    group.bench_function("reports", |b| {
        b.iter(|| {
            run += 1;
            let dir: PathBuf = tmp.path().join(format!("idx-reports-{run}"));
            let index = BaocaoIndex::recreate(&dir).expect("index");
            index.add_reports(&reports).expect("add_reports");
            drop(index);
            let _ = std::fs::remove_dir_all(&dir);
        })
    });
    group.finish();
}

criterion_group!(benches, index);
criterion_main!(benches);
