//! Report parsing: bytes → [`Report`] with metadata, sections and footnotes.
//!
//! No tantivy here. Layout repair (clean Word-converted text and PDF-extracted text),
//! numbering, footnotes and metadata live in this module.

pub mod formats;
mod model;

pub use model::{footnote_id, section_id, Footnote, Metadata, Report, Section};
