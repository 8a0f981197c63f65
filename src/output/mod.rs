//! Rendering of results to human text, JSON and CSV.

pub mod figures;
pub mod parse;
