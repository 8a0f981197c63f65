//! baocao: an embedded full-text search engine over Vietnamese government reports.
//!
//! The crate is split into stages that talk through plain types (ARCHITECTURE.md has the
//! picture, the rules of each module and where to change what):
//!
//! - [`report`]: bytes → [`report::Report`] (layout repair, numbering, footnotes, metadata).
//! - [`analysis`]: Vietnamese normalization, folding and the `vi` / `vi_folded` tokenizers.
//! - [`tagging`]: sector and role facets from one readable rules table.
//! - [`ingest`]: the one way in shared by `parse` and `index`: file discovery, and bytes →
//!   parsed, tagged report with its doc id.
//! - [`index`]: the tantivy schema, writer and opening of an index on disk.
//! - [`search`]: query building, filters, facets and snippets.
//! - [`figures`]: numbers with their units in Vietnamese sentences.
//! - [`cli`] and [`output`]: the command line and its rendering (the only printing code).
//! - [`serve`]: `baocao serve`, the read-only web page and JSON API (HTTP only).

pub mod analysis;
pub mod cli;
pub mod figures;
pub mod index;
pub mod ingest;
pub mod output;
pub mod report;
pub mod search;
pub mod serve;
pub mod synth;
pub mod tagging;
