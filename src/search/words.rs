//! Which typed syllables side by side form a word (`giải ngân`, `pháp lý`, `trợ giúp`),
//! learned from the index itself, with no dictionary: a pair is a word when it stands
//! side by side far more often than its syllables' own frequencies predict.
//!
//! Observed: the occurrences of the two syllables side by side in the folded text (the
//! frequencies of their term in the syllable-pair field: no positions read). Expected, if syllables fell at random:
//! `cf(a) · cf(b) / T` (`cf` a syllable's occurrences, `T` all indexed syllables). Their
//! ratio is a pointwise mutual information (as a ratio, not its log): a word or a set
//! phrase scores far above 1, a pair across a word boundary about 1 or less.

use std::collections::HashMap;

use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Term, TERMINATED};

use super::SearchError;
use crate::analysis::pair_term;

/// A pair is a word when it is seen side by side at least this many times more often
/// than chance predicts (PMI ≥ log2 of it).
pub const MIN_WORD_RATIO: f64 = 4.0;
/// ... and at least this many times (once is an accident or a name).
pub const MIN_WORD_OCCURRENCES: u64 = 3;
/// Pairs examined in one query (each costs a phrase count): long pasted sentences only
/// have their first pairs examined.
pub const MAX_PAIRS: usize = 16;

/// Counts over one positional field of the index, cached for one query.
pub(crate) struct PairStats<'a> {
    searcher: &'a tantivy::Searcher,
    field: Field,
    /// The pair field of the same text (`giai_ngan`, with frequencies).
    pairs: Field,
    total: u64,
    freq: HashMap<String, u64>,
}

impl<'a> PairStats<'a> {
    pub(crate) fn new(
        searcher: &'a tantivy::Searcher,
        field: Field,
        pairs: Field,
    ) -> Result<Self, SearchError> {
        let mut total = 0;
        for segment in searcher.segment_readers() {
            total += segment.inverted_index(field)?.total_num_tokens();
        }
        Ok(PairStats {
            searcher,
            field,
            pairs,
            total,
            freq: HashMap::new(),
        })
    }

    /// Occurrences of `token` in the field (all segments).
    fn occurrences(&mut self, token: &str) -> Result<u64, SearchError> {
        if let Some(&n) = self.freq.get(token) {
            return Ok(n);
        }
        let n = self.term_occurrences(self.field, token)?;
        self.freq.insert(token.to_string(), n);
        Ok(n)
    }

    /// Occurrences of `a` immediately followed by `b` (all segments): the frequencies of
    /// their pair term in the pair field, no positions read. 0 when the pair is not
    /// indexed as a term (see [`pair_term`]).
    fn side_by_side(&self, a: &str, b: &str) -> Result<u64, SearchError> {
        let Some(pair) = pair_term(a, b) else {
            return Ok(0);
        };
        self.term_occurrences(self.pairs, &pair)
    }

    /// Occurrences of the term `text` of `field`: its frequencies summed over every
    /// document of every segment.
    fn term_occurrences(&self, field: Field, text: &str) -> Result<u64, SearchError> {
        let term = Term::from_field_text(field, text);
        let mut n = 0u64;
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            if let Some(mut postings) =
                inverted.read_postings(&term, IndexRecordOption::WithFreqs)?
            {
                while postings.doc() != TERMINATED {
                    n += u64::from(postings.term_freq());
                    postings.advance();
                }
            }
        }
        Ok(n)
    }

    /// Observed over expected side-by-side occurrences of `a b`, and the observed count.
    pub(crate) fn ratio(&mut self, a: &str, b: &str) -> Result<(f64, u64), SearchError> {
        let (fa, fb) = (self.occurrences(a)?, self.occurrences(b)?);
        if fa == 0 || fb == 0 || self.total == 0 {
            return Ok((0.0, 0));
        }
        let seen = self.side_by_side(a, b)?;
        let expected = fa as f64 * fb as f64 / self.total as f64;
        Ok((seen as f64 / expected.max(f64::MIN_POSITIVE), seen))
    }

    /// Whether `a b` is a word by [`MIN_WORD_RATIO`] and [`MIN_WORD_OCCURRENCES`].
    pub(crate) fn is_word(&mut self, a: &str, b: &str) -> Result<bool, SearchError> {
        if a == b {
            return Ok(false);
        }
        let (ratio, seen) = self.ratio(a, b)?;
        Ok(seen >= MIN_WORD_OCCURRENCES && ratio >= MIN_WORD_RATIO)
    }
}

/// For each pair of consecutive `tokens` (at most [`MAX_PAIRS`]), whether it is a word.
pub(crate) fn word_pairs(
    searcher: &tantivy::Searcher,
    field: Field,
    pairs: Field,
    tokens: &[String],
) -> Result<Vec<bool>, SearchError> {
    if tokens.len() < 2 {
        return Ok(Vec::new());
    }
    let mut stats = PairStats::new(searcher, field, pairs)?;
    let mut out = Vec::with_capacity(tokens.len() - 1);
    for (i, pair) in tokens.windows(2).enumerate() {
        out.push(i < MAX_PAIRS && stats.is_word(&pair[0], &pair[1])?);
    }
    Ok(out)
}
