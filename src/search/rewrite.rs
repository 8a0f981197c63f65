//! Other ways to write what was typed, searched as alternatives (an `OR` of the typed
//! word and its other forms):
//!
//! - number words and digits, one to ten: `hai` = `2` = `02`, `mười` = `10` (not `năm`,
//!   which is far more often "year" than "five");
//! - abbreviations and their long forms, both ways: `CCHC` = `"cải cách hành chính"`,
//!   from a built-in table of common official abbreviations
//!   ([`crate::analysis::abbrev::BUILTIN`]) and the pairs the indexed reports define
//!   themselves (`long form (ABBR)`, learned at indexing).
//!
//! Quoted phrases keep their words (only a whole quoted long form or abbreviation gets
//! its other form), prefixes are left alone, and `--exact` rewrites nothing.

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::query::{Leaf, Node};
use crate::analysis::abbrev::{self, Abbreviation};
use crate::index::schema::Fields;

/// Number words one to ten and their values (`năm` left out: mostly "year").
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("sáu", 6),
    ("bảy", 7),
    ("bẩy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
];
/// Longest run of typed words compared with the long forms (the longest official long
/// forms have about this many syllables).
const MAX_LONG_FORM_WORDS: usize = 8;
/// Reports read for the pairs behind one abbreviation key (they agree in practice; a few
/// cover the rare abbreviation with two meanings).
const MAX_DEFINING_REPORTS: usize = 3;

/// The other forms of a typed number word or number (`hai` → `2`, `02`; `02` → `2`,
/// `hai`); None when it is neither.
pub(crate) fn number_alternatives(typed: &str) -> Option<Vec<String>> {
    let word = crate::analysis::normalize(typed.trim()).to_lowercase();
    let value = if word.bytes().all(|b| b.is_ascii_digit()) && !word.is_empty() && word.len() <= 2 {
        word.parse::<u32>().ok()?
    } else {
        NUMBER_WORDS.iter().find(|(w, _)| *w == word)?.1
    };
    if value == 5 || !(1..=10).contains(&value) {
        return None;
    }
    let mut out: Vec<String> = vec![value.to_string()];
    if value < 10 {
        out.push(format!("0{value}"));
    }
    out.extend(
        NUMBER_WORDS
            .iter()
            .filter(|(_, v)| *v == value)
            .map(|(w, _)| w.to_string()),
    );
    out.retain(|alt| *alt != word);
    Some(out)
}

/// The folded words of `text` joined by one space: a lookup key.
fn key(text: &str) -> String {
    crate::analysis::folded_terms(text).join(" ")
}

/// Finds the pairs whose abbreviation (`short`) or long form has a given key: the
/// built-in table and the pairs the indexed reports define.
pub(crate) struct Lookup<'a> {
    searcher: &'a tantivy::Searcher,
    fields: &'a Fields,
    builtin: Vec<(String, String, Abbreviation)>,
}

impl<'a> Lookup<'a> {
    pub(crate) fn new(searcher: &'a tantivy::Searcher, fields: &'a Fields) -> Lookup<'a> {
        let builtin = abbrev::builtin()
            .into_iter()
            .map(|a| (key(&a.short), key(&a.long), a))
            .collect();
        Lookup {
            searcher,
            fields,
            builtin,
        }
    }

    /// The pairs whose short form (`long == false`) or long form has the key `k`.
    fn find(&self, k: &str, long: bool) -> Vec<Abbreviation> {
        let mut out: Vec<Abbreviation> = self
            .builtin
            .iter()
            .filter(|(s, l, _)| if long { l == k } else { s == k })
            .map(|(_, _, a)| a.clone())
            .collect();
        let prefix = if long { "l:" } else { "a:" };
        let term = Term::from_field_text(self.fields.abbrev, &format!("{prefix}{k}"));
        let found = self
            .searcher
            .search(
                &TermQuery::new(term, IndexRecordOption::Basic),
                &TopDocs::with_limit(MAX_DEFINING_REPORTS).order_by_score(),
            )
            .unwrap_or_default();
        for (_, address) in found {
            let Ok(doc) = self.searcher.doc::<TantivyDocument>(address) else {
                continue;
            };
            for value in doc.get_all(self.fields.abbrev) {
                let Some(pair) = value.as_str().and_then(|v| v.strip_prefix("p:")) else {
                    continue;
                };
                let Some((short, long_form)) = pair.split_once('\u{1f}') else {
                    continue;
                };
                let a = Abbreviation {
                    short: short.to_string(),
                    long: long_form.to_string(),
                };
                let matches = if long {
                    key(&a.long) == k
                } else {
                    key(&a.short) == k
                };
                if matches
                    && !out
                        .iter()
                        .any(|o| key(&o.long) == key(&a.long) && key(&o.short) == key(&a.short))
                {
                    out.push(a);
                }
            }
        }
        out
    }
}

fn plain(leaf: &Leaf) -> bool {
    !leaf.quoted && !leaf.prefix && leaf.slop == 0
}

/// `typed` OR its alternatives (the typed leaf first).
fn or_of(typed: Leaf, alternatives: Vec<Leaf>) -> Node {
    if alternatives.is_empty() {
        return Node::Leaf(typed);
    }
    let mut items = vec![Node::Leaf(typed)];
    items.extend(alternatives.into_iter().map(Node::Leaf));
    Node::Or(items)
}

/// The alternatives of one leaf: its number forms, its long forms when it is an
/// abbreviation, its abbreviations when it is a (quoted) long form.
fn leaf_alternatives(leaf: &Leaf, lookup: &Lookup) -> Vec<Leaf> {
    let mut out = Vec::new();
    if leaf.prefix || leaf.slop > 0 {
        return out;
    }
    if !leaf.quoted {
        if let Some(alts) = number_alternatives(&leaf.text) {
            out.extend(alts.into_iter().map(|a| Leaf::new(a, false, leaf.scope)));
            return out;
        }
    }
    let k = key(&leaf.text);
    if k.is_empty() {
        return out;
    }
    for a in lookup.find(&k, false) {
        out.push(Leaf::new(a.long, true, leaf.scope));
    }
    if leaf.quoted {
        for a in lookup.find(&k, true) {
            out.push(Leaf::new(a.short, false, leaf.scope));
        }
    }
    out
}

/// `node` with number words, numbers, abbreviations and long forms given their
/// alternatives.
pub(crate) fn rewrite(node: &Node, lookup: &Lookup) -> Node {
    match node {
        Node::Leaf(leaf) => or_of(leaf.clone(), leaf_alternatives(leaf, lookup)),
        Node::Or(items) => Node::Or(items.iter().map(|n| rewrite(n, lookup)).collect()),
        Node::Not(inner) => Node::Not(Box::new(rewrite(inner, lookup))),
        Node::And(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut i = 0;
            while i < items.len() {
                if let Some((len, node)) = long_form_at(&items[i..], lookup) {
                    out.push(node);
                    i += len;
                } else {
                    out.push(rewrite(&items[i], lookup));
                    i += 1;
                }
            }
            Node::And(out)
        }
    }
}

/// When the plain words at the start of `items` spell a known long form (two words or
/// more, the longest first): how many items it takes, and those words (still each
/// required, as typed) OR its abbreviations.
fn long_form_at(items: &[Node], lookup: &Lookup) -> Option<(usize, Node)> {
    let mut run: Vec<&Leaf> = Vec::new();
    for item in items.iter().take(MAX_LONG_FORM_WORDS) {
        match item {
            Node::Leaf(l) if plain(l) && run.first().is_none_or(|f| f.scope == l.scope) => {
                run.push(l)
            }
            _ => break,
        }
    }
    for len in (2..=run.len()).rev() {
        let text: Vec<&str> = run[..len].iter().map(|l| l.text.as_str()).collect();
        let text = text.join(" ");
        let found = lookup.find(&key(&text), true);
        if found.is_empty() {
            continue;
        }
        let scope = run[0].scope;
        let mut alternatives = vec![Node::And(items[..len].to_vec())];
        alternatives.extend(
            found
                .into_iter()
                .map(|a| Node::Leaf(Leaf::new(a.short, false, scope))),
        );
        return Some((len, Node::Or(alternatives)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_and_digits_both_ways() {
        assert_eq!(number_alternatives("hai").unwrap(), ["2", "02"]);
        assert_eq!(number_alternatives("02").unwrap(), ["2", "hai"]);
        assert_eq!(number_alternatives("2").unwrap(), ["02", "hai"]);
        assert_eq!(number_alternatives("Mười").unwrap(), ["10"]);
        assert_eq!(number_alternatives("10").unwrap(), ["mười"]);
        assert_eq!(number_alternatives("7").unwrap(), ["07", "bảy", "bẩy"]);
        for not in ["năm", "5", "sau", "11", "2024", "hải", ""] {
            assert!(number_alternatives(not).is_none(), "{not}");
        }
    }
}
