//! Prints what `report::formats::read` makes of a file: `cargo run --example formats_read FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: formats_read FILE");
    match baocao::report::formats::read(std::path::Path::new(&path)) {
        Ok(got) => {
            eprintln!(
                "format: {:?}, tool: {:?}, notes: {:?}",
                got.format, got.tool, got.notes
            );
            print!("{}", got.text);
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
