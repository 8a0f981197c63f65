//! Which sentences speak of a query: the query's terms, folded, in the sentence.

use crate::analysis;
use crate::search::query::{parse_query, Leaf, Node, QueryError, Scope};

/// A compiled leaf: folded terms that must be in order with at most `slop` other terms
/// between them in all (0: consecutive), and where they count. With `prefix`, the one
/// term is a prefix of the word.
#[derive(Debug, Clone, PartialEq)]
struct Phrase {
    terms: Vec<String>,
    scope: Scope,
    slop: u32,
    prefix: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Cond {
    Phrase(Phrase),
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Not(Box<Cond>),
}

/// Decides whether a sentence matches a query of the search syntax (README, "Search"; parsed by
/// [`crate::search::parse_query`]): words and "quoted phrases", `-excluded`/`NOT`, `OR`,
/// `AND`, parentheses, `heading:` and `text:` prefixes.
///
/// Terms are compared folded (the `vi_folded` tokens of the analysis module), so
/// `giai ngan` and `giải ngân` match the same sentences. The words of the query (phrases
/// as consecutive terms) must all be in the sentence itself, also when the heading of its
/// section holds them (a figure is cited with its sentence, which must say what it is
/// about); `heading:` words are looked for in the heading.
/// `a OR b` needs one of them; an excluded word must be absent. What cannot be decided
/// (a `heading:` word when no heading is given) does not rule a sentence out: the search
/// has already checked it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryMatcher {
    cond: Cond,
}

fn compile(node: &Node) -> Option<Cond> {
    match node {
        Node::Leaf(Leaf {
            text,
            scope,
            slop,
            prefix,
            ..
        }) => {
            let terms = analysis::folded_terms(text);
            (!terms.is_empty()).then_some(Cond::Phrase(Phrase {
                terms,
                scope: *scope,
                slop: *slop,
                prefix: *prefix,
            }))
        }
        Node::And(items) => Some(Cond::And(items.iter().filter_map(compile).collect())),
        Node::Or(items) => Some(Cond::Or(items.iter().filter_map(compile).collect())),
        Node::Not(inner) => compile(inner).map(|c| Cond::Not(Box::new(c))),
    }
}

fn has(terms: &[String], p: &Phrase) -> bool {
    let phrase = &p.terms;
    if phrase.is_empty() {
        return false;
    }
    if p.prefix {
        return terms.iter().any(|t| t.starts_with(phrase[0].as_str()));
    }
    if p.slop == 0 {
        return terms.windows(phrase.len()).any(|w| w == phrase.as_slice());
    }
    // In order, each next word at its earliest place after the previous one (the
    // earliest choice leaves the most of the budget), gaps summed within `slop`.
    (0..terms.len())
        .filter(|&i| terms[i] == phrase[0])
        .any(|start| {
            let (mut at, mut budget) = (start, p.slop as usize);
            phrase[1..].iter().all(|word| {
                let window = &terms[at + 1..terms.len().min(at + 2 + budget)];
                match window.iter().position(|t| t == word) {
                    Some(gap) => {
                        budget -= gap;
                        at += gap + 1;
                        true
                    }
                    None => false,
                }
            })
        })
}

/// Three-valued evaluation: `None` when the sentence and heading cannot tell.
fn eval(cond: &Cond, sentence: &[String], heading: Option<&[String]>) -> Option<bool> {
    match cond {
        Cond::Phrase(p) => {
            let in_sentence = has(sentence, p);
            let in_heading = heading.map(|h| has(h, p));
            match p.scope {
                Scope::Text | Scope::Any => Some(in_sentence),
                Scope::Heading => in_heading,
            }
        }
        Cond::And(items) => {
            let values: Vec<Option<bool>> =
                items.iter().map(|c| eval(c, sentence, heading)).collect();
            if values.contains(&Some(false)) {
                Some(false)
            } else if values.iter().all(Option::is_some) {
                Some(true)
            } else {
                None
            }
        }
        Cond::Or(items) => {
            let values: Vec<Option<bool>> =
                items.iter().map(|c| eval(c, sentence, heading)).collect();
            if values.contains(&Some(true)) {
                Some(true)
            } else if values.iter().all(Option::is_some) {
                Some(false)
            } else {
                None
            }
        }
        Cond::Not(inner) => eval(inner, sentence, heading).map(|v| !v),
    }
}

impl QueryMatcher {
    /// Reads a query; a malformed one is the search's [`QueryError`].
    pub fn new(query: &str) -> Result<Self, QueryError> {
        Ok(Self::from_query(&parse_query(query)?))
    }

    /// The matcher of an already parsed query.
    pub fn from_query(node: &Node) -> Self {
        Self {
            cond: compile(node).unwrap_or(Cond::And(Vec::new())),
        }
    }

    /// Whether `sentence` matches the query on its own.
    pub fn matches(&self, sentence: &str) -> bool {
        let terms = analysis::folded_terms(sentence);
        eval(&self.cond, &terms, None).unwrap_or(true)
    }

    /// Whether `sentence`, in a section headed `heading`, matches the query.
    pub fn matches_in(&self, sentence: &str, heading: &str) -> bool {
        self.matches_terms(
            &analysis::folded_terms(sentence),
            &analysis::folded_terms(heading),
        )
    }

    /// [`QueryMatcher::matches_in`] on folded terms (to fold a heading once for all the
    /// sentences of its section).
    pub fn matches_terms(&self, sentence: &[String], heading: &[String]) -> bool {
        eval(&self.cond, sentence, Some(heading)).unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = "Kết quả giá trị khối lượng thực hiện và giải ngân các dự án nguồn vốn đầu tư công năm 2024 ước đạt 400 tỷ đồng";

    fn m(q: &str) -> bool {
        QueryMatcher::new(q).unwrap().matches(S)
    }

    fn mh(q: &str, heading: &str) -> bool {
        QueryMatcher::new(q).unwrap().matches_in(S, heading)
    }

    #[test]
    fn words_with_or_without_diacritics() {
        assert!(m("giải ngân"));
        assert!(m("giai ngan"));
        assert!(m("GIẢI NGÂN"));
        assert!(m("ngân giải"));
        assert!(!m("giải ngân thu ngân sách"));
    }

    #[test]
    fn phrases_are_consecutive() {
        assert!(m("\"giải ngân các dự án\""));
        assert!(m("\"von dau tu cong\""));
        assert!(!m("\"ngân giải\""));
        assert!(!m("\"giải ngân vốn\""));
    }

    #[test]
    fn proximity_and_prefix() {
        assert!(m("\"giải ngân dự án\"~1"));
        assert!(!m("\"giải ngân dự án\""));
        assert!(!m("\"dự án giải ngân\"~5"));
        assert!(m("\"khối lượng giải ngân\"~3"));
        assert!(!m("\"khối lượng giải ngân\"~2"));
        assert!(m("giai* \"dau tu\""));
        assert!(m("ngu*"));
        assert!(!m("ngux*"));
    }

    #[test]
    fn exclusions_or_groups_and_prefixes() {
        assert!(!m("giải ngân -\"đầu tư\""));
        assert!(m("giải ngân -\"thu chi\""));
        assert!(!m("giải ngân NOT dự"));
        assert!(m("\"thu ngân sách\" OR \"giải ngân\""));
        assert!(m("(thuế OR vốn) AND \"giải ngân\""));
        assert!(!m("(thuế OR phí) \"giải ngân\""));
        assert!(m("text:\"giải ngân\""));
        // A heading word with no heading given cannot rule the sentence out.
        assert!(m("text:\"giải ngân\" heading:quy"));
        assert!(m("giải ngân -heading:quy"));
    }

    #[test]
    fn the_heading_counts_for_heading_words_only() {
        let heading = "Thu, chi ngân sách";
        // Plain words must be in the sentence, even when the heading holds them.
        assert!(!mh("\"ngân sách\"", heading));
        assert!(!mh("thu chi", heading));
        assert!(!mh("\"ngân sách\" giải ngân", heading));
        assert!(mh("\"ngân sách\" OR \"giải ngân\"", heading));
        assert!(mh("heading:\"ngân sách\"", heading));
        assert!(!mh("heading:\"quy hoạch\"", heading));
        assert!(!mh("text:\"ngân sách\"", heading));
        assert!(!mh("giải ngân -heading:thu", heading));
        assert!(mh("thuế OR heading:chi", heading));
    }

    #[test]
    fn malformed_queries_are_errors() {
        assert!(QueryMatcher::new("\"giải ngân").is_err());
        assert!(QueryMatcher::new("").is_err());
        assert!(QueryMatcher::new("-giải").is_err());
    }
}
