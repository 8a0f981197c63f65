//! Parsed query + filters → tantivy query.
//!
//! Each word or phrase must match the folded heading (boosted) or text. A phrase (or a
//! word the analyzer splits, `11-NQ/TW`) is matched through its folded syllable pairs
//! ([`adjacent`]): a two-syllable phrase is one pair term; a longer one requires all its
//! pairs, rare terms that lead the intersection, and checks positions only on the units
//! that hold them all. When a leaf carries diacritics, its exact spelling on the exact
//! fields (term queries) adds to the score. Words are required by default; optional
//! clauses lift the units where the typed words stand together: the whole run as a
//! phrase, and each pair of consecutive words (term queries on the pair fields). Filters
//! are zero-scoring `Must` clauses.
//!
//! A proximity `"…"~N` is a sloppy phrase query on the folded field
//! ([`proximity_or_adjacent`]); a prefix `word*` reaches this module already expanded to
//! the indexed words it stands for (`super::expand`).

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::query::{Leaf, Node, QueryError, Scope};
use super::{Filters, KindFilter, SearchError, YearFilter};
use crate::analysis::pair_term;
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
/// Weight of each pair of consecutive query words found side by side when the corpus
/// does not say the pair is a word (it may straddle two words: `lý người`); measured on
/// the relevance judgements together with [`WORD_BOOST`].
const PAIR_BOOST: f32 = 0.3;
/// Weight of a pair of consecutive query words found side by side when the corpus says
/// the pair is a word (`words.rs`): a unit where the typed words occur as words
/// outranks one where only their syllables are scattered. 1.0 rather than the 1.5 first
/// measured: same nDCG@10 on the real documents, and the whole typed phrase (its own
/// [`PHRASE_BOOST`]) is not outweighed by its words found apart.
const WORD_BOOST: f32 = 1.0;

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

/// The indexed forms of the heading or of the text, and the weight of a match there.
#[derive(Debug, Clone, Copy)]
struct Zone {
    exact: Field,
    folded: Field,
    pairs: Field,
    boost: f32,
}

impl Zone {
    fn heading(f: &Fields) -> Zone {
        Zone {
            exact: f.heading_exact,
            folded: f.heading_folded,
            pairs: f.heading_pairs,
            boost: HEADING_BOOST,
        }
    }

    fn text(f: &Fields) -> Zone {
        Zone {
            exact: f.text_exact,
            folded: f.text_folded,
            pairs: f.text_pairs,
            boost: 1.0,
        }
    }

    /// The zones a leaf of `scope` is searched in.
    fn of(f: &Fields, scope: Scope) -> Vec<Zone> {
        match scope {
            Scope::Any => vec![Zone::heading(f), Zone::text(f)],
            Scope::Heading => vec![Zone::heading(f)],
            Scope::Text => vec![Zone::text(f)],
        }
    }
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

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// Units of `zone` where the folded `tokens` stand side by side, in order (the phrase
/// semantics); None when there are no tokens.
///
/// One token is a term query. Otherwise the pair terms of consecutive tokens are
/// required: a unit holding the pair `a_b` holds `a` right before `b`, so two tokens are
/// exactly their pair. From three tokens on, holding every pair does not place them in
/// one run (`a b … b c`), and a phrase query over the folded field confirms the positions;
/// inside the conjunction it is only asked about the units the pairs let through (the
/// intersection leads with the rarest pair, and a phrase is costed above any term). A
/// pair that cannot be a term (see [`pair_term`]) leaves the phrase query to check it.
fn adjacent(zone: &Zone, tokens: &[String]) -> Option<Box<dyn Query>> {
    match tokens {
        [] => None,
        [only] => Some(term_query(zone.folded, only)),
        _ => {
            let mut pairs: Vec<String> = Vec::new();
            let mut all_pairs = true;
            for w in tokens.windows(2) {
                match pair_term(&w[0], &w[1]) {
                    Some(p) if !pairs.contains(&p) => pairs.push(p),
                    Some(_) => {}
                    None => all_pairs = false,
                }
            }
            let mut clauses: Vec<Clause> = pairs
                .iter()
                .map(|p| (Occur::Must, term_query(zone.pairs, p)))
                .collect();
            if tokens.len() > 2 || !all_pairs {
                let terms = tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (i, Term::from_field_text(zone.folded, t)))
                    .collect();
                let phrase = PhraseQuery::new_with_offset_and_slop(terms, 0);
                clauses.push((Occur::Must, Box::new(phrase)));
            }
            if clauses.len() == 1 {
                return clauses.pop().map(|(_, q)| q);
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
    }
}

/// A leaf's words in `zone`: [`adjacent`] for a word or an exact phrase; with `"…"~N`
/// (`slop` > 0) the phrase's words in order with at most `slop` other words between them
/// in all, a sloppy phrase query over the folded field (the pairs of a proximity need not
/// be adjacent, so they cannot be required).
fn proximity_or_adjacent(zone: &Zone, tokens: &[String], slop: u32) -> Option<Box<dyn Query>> {
    if slop == 0 || tokens.len() < 2 {
        return adjacent(zone, tokens);
    }
    let terms = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (i, Term::from_field_text(zone.folded, t)))
        .collect();
    Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// The bonus of exact spellings: all the leaf's `exact` tokens in `zone`, in any order (a
/// conjunction of term queries). The exact fields hold every token with a letter; a token
/// of digits alone (`2024`) is looked up in the folded field. None when there are no
/// tokens.
fn exact_terms(zone: &Zone, exact: &[String]) -> Option<Box<dyn Query>> {
    let mut clauses: Vec<Clause> = exact
        .iter()
        .map(|e| {
            let field = if !crate::analysis::has_letter(e) {
                zone.folded
            } else {
                zone.exact
            };
            (Occur::Must, term_query(field, e))
        })
        .collect();
    match clauses.len() {
        0 => None,
        1 => clauses.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(clauses))),
    }
}

/// The query of one leaf, in two parts: what is required (the word or phrase stands in the
/// folded heading or text, [`adjacent`]) and, when it was typed with diacritics and
/// `scoring`, the optional bonus of its exact spelling (term queries on the exact fields,
/// which carry no positions). None when the leaf has no token.
fn leaf_parts(
    leaf: &Leaf,
    f: &Fields,
    analyzers: &mut Analyzers,
    scoring: bool,
) -> Option<(Box<dyn Query>, Vec<Clause>)> {
    let folded = analyzers.folded(&leaf.text);
    if folded.is_empty() {
        return None;
    }
    let exact_only = analyzers.exact_only;
    let exact = if exact_only || (scoring && crate::analysis::has_diacritics(&leaf.text)) {
        Some(analyzers.exact(&leaf.text)).filter(|e| e.len() == folded.len())
    } else {
        None
    };
    let mut required: Vec<Clause> = Vec::new();
    let mut bonus: Vec<Clause> = Vec::new();
    for zone in Zone::of(f, leaf.scope) {
        if exact_only {
            // The words in order on the folded field AND their exact spellings (those
            // with diacritics on the exact field) of the same part (heading or text).
            if let (Some(q), Some(e)) = (
                proximity_or_adjacent(&zone, &folded, leaf.slop),
                exact.as_ref().and_then(|e| exact_terms(&zone, e)),
            ) {
                let both: Box<dyn Query> =
                    Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::Must, e)]));
                required.push((Occur::Should, boosted(both, zone.boost)));
            }
            continue;
        }
        if let Some(q) = proximity_or_adjacent(&zone, &folded, leaf.slop) {
            required.push((Occur::Should, boosted(q, zone.boost)));
        }
        if let Some(q) = exact.as_ref().and_then(|e| exact_terms(&zone, e)) {
            bonus.push((Occur::Should, boosted(q, zone.boost * EXACT_BOOST)));
        }
    }
    let required: Box<dyn Query> = if required.len() == 1 {
        required.pop().map(|(_, q)| q)?
    } else {
        Box::new(BooleanQuery::new(required))
    };
    Some((required, bonus))
}

/// The query of a node nested in an OR group or excluded: its own boolean query, bonuses
/// inside (none when not `scoring`: an excluded node only needs to match). None when the
/// node has no searchable token.
fn node_query(
    node: &Node,
    f: &Fields,
    analyzers: &mut Analyzers,
    scoring: bool,
) -> Option<Box<dyn Query>> {
    match node {
        Node::Leaf(leaf) => {
            let (required, bonus) = leaf_parts(leaf, f, analyzers, scoring)?;
            if bonus.is_empty() {
                return Some(required);
            }
            let mut clauses: Vec<Clause> = vec![(Occur::Must, required)];
            clauses.extend(bonus);
            Some(Box::new(BooleanQuery::new(clauses)))
        }
        Node::Not(inner) => node_query(inner, f, analyzers, false),
        Node::And(_) => {
            let mut clauses = Vec::new();
            if !top_level_clauses(node, f, analyzers, scoring, &mut clauses) {
                return None;
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
        Node::Or(items) => {
            let clauses: Vec<Clause> = items
                .iter()
                .filter_map(|item| node_query(item, f, analyzers, scoring))
                .map(|q| (Occur::Should, q))
                .collect();
            if clauses.is_empty() {
                return None;
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
    }
}

/// Adds the clauses of a required node to one flat boolean query: each required leaf and
/// OR group a `Must`, each excluded node a `MustNot`, the exact-spelling bonuses `Should`s
/// (one intersection and one union for the whole query instead of nested ones). Returns
/// whether a `Must` was added (a node of excluded words only, or without any token,
/// matches nothing on its own).
fn top_level_clauses(
    node: &Node,
    f: &Fields,
    analyzers: &mut Analyzers,
    scoring: bool,
    out: &mut Vec<Clause>,
) -> bool {
    match node {
        Node::Leaf(leaf) => match leaf_parts(leaf, f, analyzers, scoring) {
            Some((required, bonus)) => {
                out.push((Occur::Must, required));
                out.extend(bonus);
                true
            }
            None => false,
        },
        Node::And(items) => {
            let mut any = false;
            for item in items {
                match item {
                    Node::Not(inner) => {
                        if let Some(q) = node_query(inner, f, analyzers, false) {
                            out.push((Occur::MustNot, q));
                        }
                    }
                    other => any |= top_level_clauses(other, f, analyzers, scoring, out),
                }
            }
            any
        }
        Node::Or(_) | Node::Not(_) => match node_query(node, f, analyzers, scoring) {
            Some(q) => {
                let occur = if matches!(node, Node::Not(_)) {
                    Occur::MustNot
                } else {
                    Occur::Must
                };
                out.push((occur, q));
                occur == Occur::Must
            }
            None => false,
        },
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

/// Optional clauses that lift the units where the typed words (the top-level leaves
/// searched everywhere) stand together: the whole run as a phrase ([`adjacent`]: its
/// pairs, positions checked only where they all are), and each pair of consecutive words
/// (a term query on the pair fields; `words[i]`: pair `i` is a word, lifted much more
/// than a pair across words). None when the query is one leaf: its required clause is
/// already that phrase and those pairs.
fn proximity_clauses(
    node: &Node,
    words: &[bool],
    f: &Fields,
    analyzers: &mut Analyzers,
) -> Vec<Clause> {
    let mut leaves = Vec::new();
    top_level_leaves(node, &mut leaves);
    let mut out: Vec<Clause> = Vec::new();
    if leaves.iter().filter(|l| l.scope == Scope::Any).count() < 2 {
        return out;
    }
    let folded = typed_tokens(node, analyzers);
    if folded.len() < 2 {
        return out;
    }
    for zone in [Zone::text(f), Zone::heading(f)] {
        if let Some(q) = adjacent(&zone, &folded) {
            out.push((Occur::Should, boosted(q, PHRASE_BOOST * zone.boost)));
        }
    }
    if folded.len() > 2 {
        let mut seen = Vec::new();
        for (i, w) in folded.windows(2).enumerate() {
            let Some(pair) = pair_term(&w[0], &w[1]) else {
                continue;
            };
            if seen.contains(&pair) {
                continue;
            }
            let boost = if words.get(i).copied().unwrap_or(false) {
                WORD_BOOST
            } else {
                PAIR_BOOST
            };
            for zone in [Zone::text(f), Zone::heading(f)] {
                let q = term_query(zone.pairs, &pair);
                out.push((Occur::Should, boosted(q, boost * zone.boost)));
            }
            seen.push(pair);
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

/// The zero-scoring filter clauses of `filters`. The kind filter is left out when both
/// kinds are wanted and `all_kinds_clause` is false (the caller's query matches sections
/// and footnotes only).
pub(crate) fn filter_clauses(
    f: &Fields,
    filters: &Filters,
    all_kinds_clause: bool,
) -> Result<Vec<Clause>, SearchError> {
    let mut out = Vec::new();
    let kinds = match filters.kind {
        KindFilter::Section => vec![term(f.kind, KIND_SECTION)],
        KindFilter::Footnote => vec![term(f.kind, KIND_FOOTNOTE)],
        KindFilter::All if all_kinds_clause => {
            vec![term(f.kind, KIND_SECTION), term(f.kind, KIND_FOOTNOTE)]
        }
        KindFilter::All => Vec::new(),
    };
    if !kinds.is_empty() {
        out.push(filter(any_of(kinds)));
    }
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
    if let Some(p) = &filters.period {
        out.push(filter(facet_term(f.period_facet, p, "period")?));
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
    if let Some(i) = &filters.issuer {
        let key = crate::index::issuer_filter_key(i);
        if key.is_empty() {
            return Err(SearchError::BadFilter("empty issuer".to_string()));
        }
        out.push(filter(term(f.issuer_key, &key)));
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
    // Report documents have no heading or text: a query that requires a word already
    // leaves them out, and needs no kind clause when both sections and footnotes are
    // wanted.
    let mut clauses = filter_clauses(f, filters, prepared.is_none())?;
    if let Some(p) = prepared {
        if !top_level_clauses(&p.node, f, analyzers, true, &mut clauses) {
            return Err(SearchError::Query(QueryError {
                message: "the query has no word to search for".to_string(),
                position: 0,
            }));
        }
        clauses.extend(proximity_clauses(&p.typed, &p.words, f, analyzers));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}
