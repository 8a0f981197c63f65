//! Prints the outline the parser makes of a text file as is (no format repair):
//! `cargo run --example formats_outline FILE`.
fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: formats_outline FILE");
    let text = std::fs::read_to_string(&path).unwrap();
    let r = baocao::report::parse_text(&path, &text);
    for s in &r.sections {
        println!(
            "{:>5} {:<12} {}",
            s.line_start,
            s.path.join("."),
            s.heading.chars().take(60).collect::<String>()
        );
    }
    for f in &r.footnotes {
        println!(
            "^{} {:?} {}",
            f.number,
            f.section_id,
            f.text.chars().take(40).collect::<String>()
        );
    }
}
