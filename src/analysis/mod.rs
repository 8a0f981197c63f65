//! Vietnamese text analysis: NFC, one tone-mark placement, lower case (`vi`), then
//! folding to base letters (`vi_folded`). Pure and infallible.
