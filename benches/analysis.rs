//! Tokenization throughput of the `vi` and `vi_folded` analyzers on the bundled reports
//! (`corpus/*.txt`), in bytes per second, plus `fold` on the same text.

use std::hint::black_box;

use baocao::analysis::{fold, vi_analyzer, vi_folded_analyzer};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use unicode_segmentation::UnicodeSegmentation;

fn corpus() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 report"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Tokenizes every paragraph (line), as indexing does per section, and counts tokens.
fn count_tokens(analyzer: &mut TextAnalyzer, paragraphs: &[&str]) -> usize {
    let mut n = 0;
    for p in paragraphs {
        let mut stream = analyzer.token_stream(p);
        while stream.advance() {
            n += stream.token().text.len();
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let paragraphs: Vec<&str> = text.lines().collect();
    let mut group = c.benchmark_group("tokenize");
    group.throughput(Throughput::Bytes(text.len() as u64));
    let mut exact = vi_analyzer();
    group.bench_function("vi", |b| {
        b.iter(|| black_box(count_tokens(&mut exact, &paragraphs)))
    });
    let mut folded = vi_folded_analyzer();
    group.bench_function("vi_folded", |b| {
        b.iter(|| black_box(count_tokens(&mut folded, &paragraphs)))
    });
    let mut simple = TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
        .filter(tantivy::tokenizer::LowerCaser)
        .filter(tantivy::tokenizer::AsciiFoldingFilter)
        .build();
    group.bench_function("tantivy_simple_lower_ascii_folding", |b| {
        b.iter(|| black_box(count_tokens(&mut simple, &paragraphs)))
    });
    group.bench_function("fold", |b| b.iter(|| black_box(fold(&text).len())));
    // Baselines: the Unicode word segmentation alone, and one pass over the chars.
    group.bench_function("baseline_word_bounds", |b| {
        b.iter(|| {
            black_box(
                paragraphs
                    .iter()
                    .map(|p| p.split_word_bound_indices().count())
                    .sum::<usize>(),
            )
        })
    });
    group.bench_function("baseline_chars", |b| {
        b.iter(|| black_box(text.chars().filter(|c| c.is_alphanumeric()).count()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
