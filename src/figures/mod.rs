//! Figures: Vietnamese numbers with their units, extracted from sentences.
