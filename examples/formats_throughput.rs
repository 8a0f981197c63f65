//! Measures `report::formats::read_bytes` on the bundled text reports, repeated:
//! `cargo run --example formats_throughput`.
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        files.push((
            e.file_name().to_string_lossy().into_owned(),
            std::fs::read(e.path()).unwrap(),
        ));
    }
    let rounds = 50;
    let start = std::time::Instant::now();
    let mut bytes = 0usize;
    for _ in 0..rounds {
        for (name, data) in &files {
            let got = baocao::report::formats::read_bytes(name, data).unwrap();
            bytes += data.len();
            std::hint::black_box(got);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{:.1} MB in {:.2} s: {:.0} MB/s",
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
}
