//! Tokenization throughput of the `vi` and `vi_folded` analyzers on the bundled reports
//! (`corpus/*.txt`), in bytes per second, plus `fold` and two baselines (the Unicode word
//! segmentation alone; tantivy's simple tokenizer with lower case and ASCII folding).
//!
//! Every benchmark runs twice: group `wall` measures wall-clock time (criterion's default);
//! group `cpu` measures the CPU time of the benchmarking thread, which is the throughput
//! "per core" even when the machine is shared with other processes.

use std::hint::black_box;
use std::time::Duration;

use baocao::analysis::{fold, vi_analyzer, vi_folded_analyzer};
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use tantivy::tokenizer::TokenStream;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use unicode_segmentation::UnicodeSegmentation;

/// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`).
struct CpuTime;

fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant of the OS.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

static WALL: WallTime = WallTime;

impl Measurement for CpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_time()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu_time().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

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

/// Tokenizes every paragraph (line), as indexing does per section; sums token lengths.
fn tokenize_all(analyzer: &mut TextAnalyzer, paragraphs: &[&str]) -> usize {
    let mut n = 0;
    for p in paragraphs {
        let mut stream = analyzer.token_stream(p);
        while stream.advance() {
            n += stream.token().text.len();
        }
    }
    n
}

fn run<M: Measurement>(group: &mut BenchmarkGroup<'_, M>, text: &str) {
    let paragraphs: Vec<&str> = text.lines().collect();
    group.throughput(Throughput::Bytes(text.len() as u64));
    let mut exact = vi_analyzer();
    group.bench_function("vi", |b| {
        b.iter(|| black_box(tokenize_all(&mut exact, &paragraphs)))
    });
    let mut folded = vi_folded_analyzer();
    group.bench_function("vi_folded", |b| {
        b.iter(|| black_box(tokenize_all(&mut folded, &paragraphs)))
    });
    group.bench_function("fold", |b| b.iter(|| black_box(fold(text).len())));
    let mut simple = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    group.bench_function("baseline_tantivy_simple_folding", |b| {
        b.iter(|| black_box(tokenize_all(&mut simple, &paragraphs)))
    });
    group.bench_function("baseline_uax29_word_bounds", |b| {
        b.iter(|| {
            black_box(
                paragraphs
                    .iter()
                    .map(|p| p.split_word_bound_indices().count())
                    .sum::<usize>(),
            )
        })
    });
}

fn wall(c: &mut Criterion) {
    let text = corpus();
    let mut group = c.benchmark_group("wall");
    run(&mut group, &text);
    group.finish();
}

fn cpu(c: &mut Criterion<CpuTime>) {
    let text = corpus();
    let mut group = c.benchmark_group("cpu");
    run(&mut group, &text);
    group.finish();
}

criterion_group!(wall_benches, wall);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = cpu
}
criterion_main!(wall_benches, cpu_benches);
