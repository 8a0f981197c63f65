//! Renders a clean-layout report into the PDF-extracted layout on stdout:
//! `cargo run --example render_pdf -- corpus/000_15b6f46b6783cbe2.txt`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: render_pdf FILE");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    print!(
        "{}",
        baocao::report::render::pdf_layout(&text, &baocao::report::render::PdfOptions::default())
    );
}
