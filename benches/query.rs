//! In-process query latency over the fixed query set of `benches/queries.tsv` (20 queries,
//! 2–6 syllables, with and without diacritics, some with filters): each search counts
//! every match and renders the top 10 with snippets, as `baocao search` does.
//!
//! `cargo bench --bench query` builds an index of a generated corpus (`BAOCAO_BENCH_MB`,
//! default 16) in a temporary folder; `BAOCAO_BENCH_INDEX=/tmp/compare/baocao-index`
//! measures an existing index instead (e.g. the 1 GB one built by `benches/compare.py`).
//! Besides criterion's per-query estimates, it prints the p50 / p90 / p99 latency over all
//! the queries of the set (`BAOCAO_BENCH_ROUNDS` rounds of the 20 queries, default 50).

use std::hint::black_box;
use std::time::Instant;

use baocao::index::{BaocaoIndex, IndexOptions};
use baocao::search::{KindFilter, SearchRequest, Searcher};
use criterion::{criterion_group, criterion_main, Criterion};

mod common;

/// The query set: one request per line of `benches/queries.tsv`.
fn query_set() -> Vec<(String, SearchRequest)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/queries.tsv");
    let text = std::fs::read_to_string(path).expect("benches/queries.tsv");
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (query, filters) = line.split_once('\t').unwrap_or((line, ""));
        let mut request = SearchRequest::new(query);
        for part in filters.split("--").map(str::trim).filter(|p| !p.is_empty()) {
            let (flag, value) = part.split_once(' ').expect("--flag value");
            let value = value.trim().to_string();
            let f = &mut request.filters;
            match flag {
                "year" => f.year = Some(value.parse().expect("year")),
                "sector" => f.sectors.push(value),
                "type" => f.doc_type = Some(value),
                "role" => f.role = Some(value),
                "province" => f.province = Some(value),
                "kind" => {
                    f.kind = match value.as_str() {
                        "section" => KindFilter::Section,
                        "footnote" => KindFilter::Footnote,
                        _ => KindFilter::All,
                    }
                }
                other => panic!("benches/queries.tsv: unknown filter --{other}"),
            }
        }
        out.push((line.replace('\t', " "), request));
    }
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn query(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = match std::env::var_os("BAOCAO_BENCH_INDEX") {
        Some(d) => d.into(),
        None => {
            let docs = common::corpus(common::bench_bytes(16));
            let corpus_dir = tmp.path().join("corpus");
            common::write_corpus(&docs, &corpus_dir);
            let dir = tmp.path().join("index");
            let index = BaocaoIndex::recreate(&dir).expect("index");
            index
                .index_paths(&[corpus_dir], &IndexOptions::default(), &mut |_| {})
                .expect("index_paths");
            dir
        }
    };
    let searcher = Searcher::open(&dir).expect("searcher");
    let requests = query_set();
    assert_eq!(requests.len(), 20, "benches/queries.tsv holds 20 queries");

    // Percentiles over the whole set, every query equally often.
    for (name, request) in &requests {
        let first = searcher.search(request).expect("search");
        assert!(
            first.total > 0,
            "{name}: no hits, the benchmark would measure nothing"
        );
    }
    let rounds: usize = std::env::var("BAOCAO_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let mut all = Vec::new();
    let mut per_query = vec![Vec::new(); requests.len()];
    for _ in 0..rounds {
        for (i, (_, request)) in requests.iter().enumerate() {
            let t = Instant::now();
            black_box(searcher.search(request).expect("search"));
            let ms = t.elapsed().as_secs_f64() * 1e3;
            all.push(ms);
            per_query[i].push(ms);
        }
    }
    all.sort_by(f64::total_cmp);
    eprintln!(
        "query set ({} queries × {rounds} rounds): p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        requests.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.9),
        percentile(&all, 0.99),
        all[all.len() - 1]
    );
    for ((name, _), times) in requests.iter().zip(per_query.iter_mut()) {
        times.sort_by(f64::total_cmp);
        eprintln!("  {:>8.2} ms  {name}", percentile(times, 0.5));
    }

    let mut group = c.benchmark_group("query");
    for (i, (_, request)) in requests.iter().enumerate() {
        group.bench_function(format!("q{i:02}"), |b| {
            b.iter(|| black_box(searcher.search(request).expect("search")))
        });
    }
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
