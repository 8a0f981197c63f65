//! Prefix words (`giai*`) → the indexed words that start with them, so that the query
//! builder only ever sees plain words and phrases.
//!
//! A prefix typed without diacritics is looked up among the folded words (`giai*` finds
//! `giai`, `giair`…, i.e. every spelling); one typed with diacritics among the exact words
//! (`giải*`). The expansion is bounded: a prefix that starts more than
//! [`MAX_PREFIX_EXPANSIONS`] different words is refused (a usage error asking for more
//! letters) rather than turned into a huge, slow query.

use std::collections::BTreeSet;

use tantivy::schema::Field;

use super::build::Analyzers;
use super::query::{Leaf, Node, QueryError, Scope};
use super::SearchError;
use crate::index::schema::Fields;

/// Most distinct indexed words a `word*` prefix may stand for: enough for the inflections
/// and compounds of a stem, few enough to keep the query a short disjunction.
pub const MAX_PREFIX_EXPANSIONS: usize = 64;

fn query_error(message: String) -> SearchError {
    SearchError::Query(QueryError {
        message,
        position: 0,
    })
}

/// The indexed words of `fields` that start with `prefix` (sorted), failing when there
/// are more than [`MAX_PREFIX_EXPANSIONS`].
fn words_with_prefix(
    searcher: &tantivy::Searcher,
    fields: &[Field],
    prefix: &str,
    typed: &str,
) -> Result<BTreeSet<String>, SearchError> {
    let mut out = BTreeSet::new();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()?;
            while stream.advance() {
                let Ok(word) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !word.starts_with(prefix) {
                    break;
                }
                out.insert(word.to_string());
                if out.len() > MAX_PREFIX_EXPANSIONS {
                    return Err(query_error(format!(
                        "{typed}* starts more than {MAX_PREFIX_EXPANSIONS} different words; \
                         type more letters"
                    )));
                }
            }
        }
    }
    Ok(out)
}

/// The alternatives a prefix leaf stands for.
fn expand_leaf(
    leaf: &Leaf,
    searcher: &tantivy::Searcher,
    f: &Fields,
    analyzers: &mut Analyzers,
) -> Result<Node, SearchError> {
    let exact = crate::analysis::has_diacritics(&leaf.text);
    let tokens = if exact {
        analyzers.exact(&leaf.text)
    } else {
        analyzers.folded(&leaf.text)
    };
    let [stem] = tokens.as_slice() else {
        return Err(query_error(format!(
            "{}* : a prefix must be one word (no spaces or punctuation inside)",
            leaf.text
        )));
    };
    let mut fields = Vec::new();
    if leaf.scope != Scope::Text {
        fields.push(if exact { f.heading } else { f.heading_folded });
    }
    if leaf.scope != Scope::Heading {
        fields.push(if exact { f.text } else { f.text_folded });
    }
    let words = words_with_prefix(searcher, &fields, stem, &leaf.text)?;
    if words.is_empty() {
        // Nothing starts with it: search the stem itself (it matches nothing either).
        return Ok(Node::Leaf(Leaf::new(stem.clone(), false, leaf.scope)));
    }
    let mut alternatives: Vec<Node> = words
        .into_iter()
        .map(|w| Node::Leaf(Leaf::new(w, false, leaf.scope)))
        .collect();
    Ok(if alternatives.len() == 1 {
        alternatives.pop().expect("one")
    } else {
        Node::Or(alternatives)
    })
}

/// `node` with every prefix leaf replaced by the words it stands for.
pub(crate) fn expand_prefixes(
    node: &Node,
    searcher: &tantivy::Searcher,
    f: &Fields,
    analyzers: &mut Analyzers,
) -> Result<Node, SearchError> {
    Ok(match node {
        Node::Leaf(leaf) if leaf.prefix => expand_leaf(leaf, searcher, f, analyzers)?,
        Node::Leaf(_) => node.clone(),
        Node::And(items) => Node::And(
            items
                .iter()
                .map(|n| expand_prefixes(n, searcher, f, analyzers))
                .collect::<Result<_, _>>()?,
        ),
        Node::Or(items) => Node::Or(
            items
                .iter()
                .map(|n| expand_prefixes(n, searcher, f, analyzers))
                .collect::<Result<_, _>>()?,
        ),
        Node::Not(inner) => Node::Not(Box::new(expand_prefixes(inner, searcher, f, analyzers)?)),
    })
}

/// Whether the query has a prefix leaf (only then is the term dictionary walked).
pub(crate) fn has_prefix(node: &Node) -> bool {
    match node {
        Node::Leaf(leaf) => leaf.prefix,
        Node::And(items) | Node::Or(items) => items.iter().any(has_prefix),
        Node::Not(inner) => has_prefix(inner),
    }
}
