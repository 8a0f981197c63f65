//! Parse throughput (MB/s of report text), per layout, on a generated corpus.
//!
//! `cargo bench --bench parse` (corpus size: `BAOCAO_BENCH_MB`, default 8).

use std::hint::black_box;

use baocao::synth::Layout;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;

fn parse(c: &mut Criterion) {
    let docs = common::corpus(common::bench_bytes(8));
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for (name, layout) in [("clean", Layout::Clean), ("pdf", Layout::Pdf)] {
        let subset: Vec<_> = docs.iter().filter(|d| d.layout == layout).collect();
        let bytes: u64 = subset.iter().map(|d| d.text.len() as u64).sum();
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(name, |b| {
            b.iter(|| {
                for d in &subset {
                    black_box(baocao::report::parse_text(&d.file, &d.text));
                }
            })
        });
    }
    group.throughput(Throughput::Bytes(common::total_bytes(&docs)));
    group.bench_function("parse+tag", |b| {
        b.iter(|| {
            for d in &docs {
                let mut r = baocao::report::parse_text(&d.file, &d.text);
                baocao::tagging::tag_report(&mut r);
                black_box(r);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
