//! Rendering of results to human text, JSON and CSV.

pub mod parse;
