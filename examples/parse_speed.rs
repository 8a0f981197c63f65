//! Rough parser throughput on the bundled reports (both layouts):
//! `cargo run --release --example parse_speed`.

use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("corpus/") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("UTF-8 report");
        files.push((
            path.file_name().unwrap().to_string_lossy().into_owned(),
            text,
        ));
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let rounds = 20;
    let start = Instant::now();
    let mut sections = 0;
    for _ in 0..rounds {
        for (name, text) in &files {
            sections += baocao::report::parse_text(name, text).sections.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} MB in {secs:.2}s: {:.1} MB/s ({sections} sections)",
        bytes * rounds / 1_000_000,
        (bytes * rounds) as f64 / 1e6 / secs
    );
}
