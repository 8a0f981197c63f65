//! Parsed query + filters → tantivy query.
//!
//! Each word or phrase must match the folded heading (boosted) or text, where positions
//! are indexed; when it carries diacritics, its exact spelling on the exact fields (no
//! positions: term queries) adds to the score. Words are required by default; the whole
//! query as a phrase (exact, then with a small slop) on the folded fields is an optional
//! clause that lifts the sections where the words stand together. Filters are
//! zero-scoring `Must` clauses.

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::query::{Leaf, Node, QueryError, Scope};
use super::{Filters, KindFilter, SearchError, YearFilter};
use crate::index::schema::{Fields, KIND_FOOTNOTE, KIND_SECTION};
use crate::index::BaocaoIndex;

/// A clause of a boolean query.
type Clause = (Occur, Box<dyn Query>);

/// Weight of a match in the heading relative to one in the text.
const HEADING_BOOST: f32 = 1.5;
/// Extra weight of the exact-diacritic field when the query word carries diacritics.
const EXACT_BOOST: f32 = 1.5;
/// Weight of the whole query found as an exact phrase.
const PHRASE_BOOST: f32 = 3.0;
/// Weight of the whole query found with a few words in between.
const NEAR_BOOST: f32 = 1.0;
/// Words allowed between the query's words for the proximity clause.
const NEAR_SLOP: u32 = 4;
/// Weight of each pair of consecutive query words found side by side when the corpus
/// does not say the pair is a word (it may straddle two words: `lý người`); measured on
/// the relevance judgements together with [`WORD_BOOST`].
const PAIR_BOOST: f32 = 0.3;
/// Weight of a pair of consecutive query words found side by side when the corpus says
/// the pair is a word (`words.rs`): a unit where the typed words occur as words
/// outranks one where only their syllables are scattered.
const WORD_BOOST: f32 = 1.5;

/// A query ready to build: the node searched (prefixes expanded, number words and
/// abbreviations given their alternatives) and the node as typed (whose words in a row
/// lift the units where they stand together).
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    /// What is searched.
    pub node: Node,
    /// What was typed (prefixes expanded only).
    pub typed: Node,
    /// For each pair of consecutive typed words ([`typed_tokens`]), whether the corpus
    /// says it is a word (see `words.rs`); empty when not examined.
    pub words: Vec<bool>,
}

/// The analyzers used to turn typed words into terms.
pub(crate) struct Analyzers {
    exact: TextAnalyzer,
    folded: TextAnalyzer,
    /// `--exact` (or a query typed as `=…`): every word must match its exact spelling,
    /// diacritics included (`lâm` does not find `làm`; `lam` finds only `lam`).
    pub(crate) exact_only: bool,
}

impl Analyzers {
    pub(crate) fn new() -> Analyzers {
        Analyzers {
            exact: crate::analysis::vi_analyzer(),
            folded: crate::analysis::vi_folded_analyzer(),
            exact_only: false,
        }
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    pub(crate) fn folded(&mut self, text: &str) -> Vec<String> {
        Self::tokens(&mut self.folded, text)
    }

    pub(crate) fn exact(&mut self, text: &str) -> Vec<String> {
        Self::tokens(&mut self.exact, text)
    }
}

/// A term to highlight: its token and whether it must match the exact (diacritic) form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HighlightTerm {
    /// Exact token (`giải`) when `exact`, folded token (`giai`) otherwise.
    pub token: String,
    /// Whether the word was typed with diacritics.
    pub exact: bool,
    /// Its folded token (for document frequencies).
    pub folded: String,
}

/// The terms of the positive leaves: what snippets highlight. A word typed with
/// diacritics highlights its exact spelling only (`giải` not `giai đoạn`); a word typed
/// without highlights every spelling.
pub(crate) fn positive_terms(node: &Node, analyzers: &mut Analyzers, out: &mut Vec<HighlightTerm>) {
    match node {
        Node::Leaf(leaf) => {
            let folded = analyzers.folded(&leaf.text);
            let exact = (analyzers.exact_only || crate::analysis::has_diacritics(&leaf.text))
                .then(|| analyzers.exact(&leaf.text))
                .filter(|e| e.len() == folded.len());
            for (i, f) in folded.iter().enumerate() {
                let term = match &exact {
                    Some(e) => HighlightTerm {
                        token: e[i].clone(),
                        exact: true,
                        folded: f.clone(),
                    },
                    None => HighlightTerm {
                        token: f.clone(),
                        exact: false,
                        folded: f.clone(),
                    },
                };
                if !out.contains(&term) {
                    out.push(term);
                }
            }
        }
        Node::And(items) | Node::Or(items) => {
            for item in items {
                positive_terms(item, analyzers, out);
            }
        }
        Node::Not(_) => {}
    }
}

/// Term or phrase on one field; None when there are no tokens.
fn term_or_phrase(field: Field, tokens: &[String], slop: u32) -> Option<Box<dyn Query>> {
    match tokens.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, &tokens[0]),
            IndexRecordOption::WithFreqs,
        ))),
        _ => {
            let terms = tokens
                .iter()
                .enumerate()
                .map(|(i, t)| (i, Term::from_field_text(field, t)))
                .collect();
            Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)))
        }
    }
}

/// A leaf's words on one positional field: a term, an exact phrase, or with `"…"~N` the
/// phrase's words in order with at most `slop` other words between them in all.
fn proximity_or_phrase(field: Field, tokens: &[String], slop: u32) -> Option<Box<dyn Query>> {
    term_or_phrase(field, tokens, slop)
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// All `tokens` present in `field`, in any order (a conjunction of term queries); the
/// exact fields have no positions, so this is how a phrase typed with diacritics boosts
/// the units that spell its words exactly. None when there are no tokens.
fn all_terms(field: Field, tokens: &[String]) -> Option<Box<dyn Query>> {
    match tokens.len() {
        0 => None,
        1 => term_or_phrase(field, tokens, 0),
        _ => Some(Box::new(BooleanQuery::new(
            tokens
                .iter()
                .map(|t| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(field, t),
                        IndexRecordOption::WithFreqs,
                    ));
                    (Occur::Must, q)
                })
                .collect(),
        ))),
    }
}

/// The query of one leaf: the word or phrase must match the folded heading or text (with
/// positions); when it was typed with diacritics, its exact spelling (term queries on
/// the exact fields, which carry no positions) adds to the score without being required.
fn leaf_query(leaf: &Leaf, f: &Fields, analyzers: &mut Analyzers) -> Option<Box<dyn Query>> {
    let folded = analyzers.folded(&leaf.text);
    if folded.is_empty() {
        return None;
    }
    let exact_only = analyzers.exact_only;
    let exact = if exact_only || crate::analysis::has_diacritics(&leaf.text) {
        analyzers.exact(&leaf.text)
    } else {
        Vec::new()
    };
    let mut fields: Vec<(Field, Field, f32)> = Vec::new();
    if leaf.scope != Scope::Text {
        fields.push((f.heading_folded, f.heading, HEADING_BOOST));
    }
    if leaf.scope != Scope::Heading {
        fields.push((f.text_folded, f.text, 1.0));
    }
    let mut required: Vec<Clause> = Vec::new();
    let mut bonus: Vec<Clause> = Vec::new();
    for (folded_field, exact_field, boost) in fields {
        if exact_only {
            // The words in order on the folded field (positions) AND their exact
            // spellings on the exact field of the same part (heading or text).
            if let (Some(q), Some(e)) = (
                proximity_or_phrase(folded_field, &folded, leaf.slop),
                all_terms(exact_field, &exact),
            ) {
                let both: Box<dyn Query> =
                    Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::Must, e)]));
                required.push((Occur::Should, boosted(both, boost)));
            }
            continue;
        }
        if let Some(q) = proximity_or_phrase(folded_field, &folded, leaf.slop) {
            required.push((Occur::Should, boosted(q, boost)));
        }
        if let Some(q) = all_terms(exact_field, &exact) {
            bonus.push((Occur::Should, boosted(q, boost * EXACT_BOOST)));
        }
    }
    if required.is_empty() {
        return None;
    }
    let required: Box<dyn Query> = Box::new(BooleanQuery::new(required));
    if bonus.is_empty() {
        return Some(required);
    }
    let mut clauses: Vec<Clause> = vec![(Occur::Must, required)];
    clauses.extend(bonus);
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Builds the scoring part of a node. None when the node has no searchable token.
fn node_query(node: &Node, f: &Fields, analyzers: &mut Analyzers) -> Option<Box<dyn Query>> {
    match node {
        Node::Leaf(leaf) => leaf_query(leaf, f, analyzers),
        Node::Not(inner) => node_query(inner, f, analyzers),
        Node::And(items) => {
            let mut clauses: Vec<Clause> = Vec::new();
            for item in items {
                let (occur, inner) = match item {
                    Node::Not(inner) => (Occur::MustNot, inner.as_ref()),
                    other => (Occur::Must, other),
                };
                if let Some(q) = node_query(inner, f, analyzers) {
                    clauses.push((occur, q));
                }
            }
            if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
                return None;
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
        Node::Or(items) => {
            let clauses: Vec<Clause> = items
                .iter()
                .filter_map(|item| node_query(item, f, analyzers))
                .map(|q| (Occur::Should, q))
                .collect();
            if clauses.is_empty() {
                return None;
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
    }
}

/// The leaves required at the top level, in order (not in OR groups, not excluded).
fn top_level_leaves<'a>(node: &'a Node, out: &mut Vec<&'a Leaf>) {
    match node {
        Node::Leaf(leaf) => out.push(leaf),
        Node::And(items) => {
            for item in items {
                top_level_leaves(item, out);
            }
        }
        Node::Or(_) | Node::Not(_) => {}
    }
}

/// The folded words of the top-level required leaves searched everywhere, in order:
/// the words whose standing together lifts a unit.
pub(crate) fn typed_tokens(node: &Node, analyzers: &mut Analyzers) -> Vec<String> {
    let mut leaves = Vec::new();
    top_level_leaves(node, &mut leaves);
    let typed: String = leaves
        .iter()
        .filter(|l| l.scope == Scope::Any)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    analyzers.folded(&typed)
}

/// Optional clauses that lift the units where the query's words stand together: the
/// whole query as a phrase, then nearly so, then each pair of consecutive words side by
/// side (`words[i]`: pair `i` is a word, lifted much more than a pair across words).
fn proximity_clauses(
    node: &Node,
    words: &[bool],
    f: &Fields,
    analyzers: &mut Analyzers,
) -> Vec<Clause> {
    let folded = typed_tokens(node, analyzers);
    let mut out: Vec<Clause> = Vec::new();
    if folded.len() < 2 {
        return out;
    }
    let mut push = |q: Option<Box<dyn Query>>, boost: f32| {
        if let Some(q) = q {
            out.push((Occur::Should, boosted(q, boost)));
        }
    };
    push(term_or_phrase(f.text_folded, &folded, 0), PHRASE_BOOST);
    push(
        term_or_phrase(f.heading_folded, &folded, 0),
        PHRASE_BOOST * HEADING_BOOST,
    );
    push(
        term_or_phrase(f.text_folded, &folded, NEAR_SLOP),
        NEAR_BOOST,
    );
    if folded.len() > 2 {
        for (i, pair) in folded.windows(2).enumerate() {
            let boost = if words.get(i).copied().unwrap_or(false) {
                WORD_BOOST
            } else {
                PAIR_BOOST
            };
            push(term_or_phrase(f.text_folded, pair, 0), boost);
            push(
                term_or_phrase(f.heading_folded, pair, 0),
                boost * HEADING_BOOST,
            );
        }
    }
    out
}

fn filter(query: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0)))
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

fn facet_term(field: Field, slug: &str, what: &str) -> Result<Box<dyn Query>, SearchError> {
    let facet = crate::index::slug_facet(slug)
        .ok_or_else(|| SearchError::BadFilter(format!("empty {what}")))?;
    Ok(Box::new(TermQuery::new(
        Term::from_facet(field, &facet),
        IndexRecordOption::Basic,
    )))
}

fn any_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.into_iter().next().expect("one");
    }
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// The zero-scoring filter clauses of `filters` (always at least the kind filter).
pub(crate) fn filter_clauses(f: &Fields, filters: &Filters) -> Result<Vec<Clause>, SearchError> {
    let mut out = Vec::new();
    let kinds = match filters.kind {
        KindFilter::Section => vec![term(f.kind, KIND_SECTION)],
        KindFilter::Footnote => vec![term(f.kind, KIND_FOOTNOTE)],
        KindFilter::All => vec![term(f.kind, KIND_SECTION), term(f.kind, KIND_FOOTNOTE)],
    };
    out.push(filter(any_of(kinds)));
    if let Some(years) = &filters.year {
        let (from, to) = match *years {
            YearFilter::One(y) => (y, y),
            YearFilter::Range(a, b) => (a, b),
        };
        let q: Box<dyn Query> = if from == to {
            Box::new(TermQuery::new(
                Term::from_field_u64(f.years, u64::from(from)),
                IndexRecordOption::Basic,
            ))
        } else {
            Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.years, u64::from(from))),
                Bound::Included(Term::from_field_u64(f.years, u64::from(to))),
            ))
        };
        out.push(filter(q));
    }
    if !filters.sectors.is_empty() {
        let qs = filters
            .sectors
            .iter()
            .map(|s| facet_term(f.sector_facet, s, "sector"))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(filter(any_of(qs)));
    }
    if let Some(t) = &filters.doc_type {
        out.push(filter(facet_term(f.doc_type_facet, t, "document type")?));
    }
    if let Some(r) = &filters.role {
        out.push(filter(facet_term(f.role_facet, r, "role")?));
    }
    if let Some(p) = &filters.province {
        let folded = crate::analysis::fold(p.trim());
        if folded.is_empty() {
            return Err(SearchError::BadFilter("empty province".to_string()));
        }
        out.push(filter(term(f.province_folded, &folded)));
    }
    Ok(out)
}

/// The complete query: the parsed query (or all units when None) under the filters.
pub(crate) fn build(
    index: &BaocaoIndex,
    prepared: Option<&Prepared>,
    filters: &Filters,
    analyzers: &mut Analyzers,
) -> Result<Box<dyn Query>, SearchError> {
    let f = index.fields();
    let mut clauses = filter_clauses(f, filters)?;
    if let Some(p) = prepared {
        match node_query(&p.node, f, analyzers) {
            Some(core) => {
                clauses.push((Occur::Must, core));
                clauses.extend(proximity_clauses(&p.typed, &p.words, f, analyzers));
            }
            None => {
                return Err(SearchError::Query(QueryError {
                    message: "the query has no word to search for".to_string(),
                    position: 0,
                }))
            }
        }
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}
