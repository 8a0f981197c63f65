//! All integration tests in one binary (one link of tantivy instead of one per file),
//! sharing one harness (`common`) and the test-side .docx writer (`formats_support`).

mod analysis_alphabet;
mod analysis_index;
mod analysis_props;
mod cli_index;
mod cli_parse;
mod cli_search;
mod common;
mod figures_cli;
mod figures_extract;
mod figures_props;
mod figures_reports;
mod formats_cli;
mod formats_doc;
mod formats_docx;
mod formats_index;
mod formats_parse;
mod formats_pdf;
mod formats_support;
mod formats_text;
mod gold_copies;
mod parser_gold;
mod parser_metamorphic;
mod parser_props;
mod parser_robustness;
mod reliability_fuzz;
mod reliability_index;
mod reliability_inputs;
mod reliability_queries;
mod search_equivalence;
mod synth_determinism;
mod tagging_cli;
mod tagging_docs;
mod tagging_gold;
mod tagging_other_reports;
mod tagging_props;
