//! In-process query latency: word, phrase, folded and faceted queries, top 10 with
//! snippets.
//!
//! `cargo bench --bench query` builds an index of a generated corpus (`BAOCAO_BENCH_MB`,
//! default 16) in a temporary folder; `BAOCAO_BENCH_INDEX=/tmp/compare/baocao-index`
//! measures an existing index instead (e.g. the 1 GB one built by `benches/compare.py`).

use std::hint::black_box;

use baocao::index::{BaocaoIndex, IndexOptions};
use baocao::search::{SearchRequest, Searcher, YearFilter};
use criterion::{criterion_group, criterion_main, Criterion};

mod common;

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

    let mut requests = vec![
        ("word", SearchRequest::new("ngân sách")),
        (
            "phrase",
            SearchRequest::new("\"giải ngân vốn đầu tư công\""),
        ),
        (
            "folded",
            SearchRequest::new("\"giai ngan von dau tu cong\""),
        ),
        (
            "words_folded",
            SearchRequest::new("giai ngan von dau tu cong"),
        ),
    ];
    let mut faceted = SearchRequest::new("\"giai ngan von dau tu cong\"");
    faceted.filters.year = Some(YearFilter::Range(2015, 2020));
    faceted.filters.sectors = vec!["kinh-te".to_string()];
    requests.push(("faceted", faceted));

    let mut group = c.benchmark_group("query");
    for (name, request) in &requests {
        let first = searcher.search(request).expect("search");
        assert!(
            first.total > 0,
            "{name}: no hits, the benchmark would measure nothing"
        );
        group.bench_function(*name, |b| {
            b.iter(|| black_box(searcher.search(request).expect("search")))
        });
    }
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
