//! Bytes per field and per file kind of an index (a measuring aid for benches/README.md).
//!
//!     cargo run --release --example space_usage -- INDEX_DIR

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: space_usage INDEX_DIR");
    let index = tantivy::Index::open_in_dir(&dir).expect("open index");
    baocao::analysis::register(&index);
    let searcher = index.reader().expect("reader").searcher();
    let usage = searcher.space_usage().expect("space usage");
    let mut per_field: std::collections::BTreeMap<String, [u64; 4]> = Default::default();
    let mut store = 0u64;
    for seg in usage.segments() {
        store += seg.store().total().get_bytes();
        for (kind, fields) in [
            (0, seg.postings()),
            (1, seg.positions()),
            (2, seg.termdict()),
            (3, seg.fieldnorms()),
        ] {
            for u in fields.fields() {
                let name = u.field_name().to_string();
                per_field.entry(name).or_default()[kind] += u.total().get_bytes();
            }
        }
    }
    println!(
        "{:<20} {:>10} {:>10} {:>10} {:>10}",
        "field", "postings", "positions", "terms", "norms"
    );
    for (name, [p, q, t, n]) in &per_field {
        let mb = |b: &u64| format!("{:.1}", *b as f64 / 1e6);
        println!(
            "{:<20} {:>10} {:>10} {:>10} {:>10}",
            name,
            mb(p),
            mb(q),
            mb(t),
            mb(n)
        );
    }
    println!(
        "store {:.1} MB; segments {}; total {:.1} MB",
        store as f64 / 1e6,
        usage.segments().len(),
        usage.total().get_bytes() as f64 / 1e6
    );
}
