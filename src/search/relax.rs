//! The missing-one-word fallback: when every word is required and few units hold them
//! all, the units that hold all but one follow, ranked lower and marked with the word
//! they lack (`không có: lượng`). `total` still counts the units that hold every word.

use super::build::Prepared;
use super::query::Node;

/// Below this many units holding every word, the units missing one word are added: a
/// researcher reads the first page, and a page of 10 with 4 answers hides the near ones.
pub const FEW_MATCHES: usize = 10;
/// Required words a query needs before one may be dropped (with two, dropping one is a
/// one-word search: too broad to be "near").
pub const MIN_WORDS_TO_RELAX: usize = 3;
/// Weight of a missing-one-word unit's score (they rank after every full match anyway;
/// this keeps the scores of the two kinds apart in `--json`).
pub const PARTIAL_WEIGHT: f32 = 0.5;

/// One relaxed query: the prepared query without one required item, and that item's
/// typed words (for the marker).
pub(crate) struct Relaxed {
    /// The query without the item, that must not match it either.
    pub prepared: Prepared,
    /// The item's words as typed.
    pub missing: String,
}

/// The words of a node as typed (`lượng`; an alternative group shows its first form).
pub(crate) fn display(node: &Node) -> String {
    match node {
        Node::Leaf(l) if l.quoted => format!("\"{}\"", l.text),
        Node::Leaf(l) => l.text.clone(),
        Node::Or(items) => items.first().map(display).unwrap_or_default(),
        Node::And(items) => items.iter().map(display).collect::<Vec<_>>().join(" "),
        Node::Not(inner) => format!("-{}", display(inner)),
    }
}

/// The relaxed queries of `prepared` (one per required item), or none when the query is
/// not a plain list of at least [`MIN_WORDS_TO_RELAX`] required items.
pub(crate) fn relaxed(prepared: &Prepared) -> Vec<Relaxed> {
    let Node::And(items) = &prepared.node else {
        return Vec::new();
    };
    let required: Vec<usize> = (0..items.len())
        .filter(|&i| !matches!(items[i], Node::Not(_)))
        .collect();
    if required.len() < MIN_WORDS_TO_RELAX {
        return Vec::new();
    }
    required
        .iter()
        .map(|&drop| {
            let mut kept: Vec<Node> = items
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != drop)
                .map(|(_, n)| n.clone())
                .collect();
            kept.push(Node::Not(Box::new(items[drop].clone())));
            Relaxed {
                prepared: Prepared {
                    node: Node::And(kept),
                    typed: prepared.typed.clone(),
                    words: prepared.words.clone(),
                },
                missing: display(&items[drop]),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parse_query;

    fn prepared(q: &str) -> Prepared {
        let node = parse_query(q).unwrap();
        Prepared {
            node: node.clone(),
            typed: node,
            words: Vec::new(),
        }
    }

    #[test]
    fn one_relaxed_query_per_required_word() {
        let r = relaxed(&prepared("số lượng hội -xyz"));
        let missing: Vec<&str> = r.iter().map(|r| r.missing.as_str()).collect();
        assert_eq!(missing, ["số", "lượng", "hội"]);
        assert!(relaxed(&prepared("giải ngân")).is_empty());
        assert!(relaxed(&prepared("a OR b OR c")).is_empty());
    }
}
