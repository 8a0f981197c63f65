//! Writes the parser's own PDF-layout rendering of a clean report:
//! `cargo run --example formats_pdflayout FILE > OUT`.
fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: formats_pdflayout FILE");
    let text = std::fs::read_to_string(&path).unwrap();
    print!(
        "{}",
        baocao::report::render::pdf_layout(&text, &Default::default())
    );
}
