//! Which sentences speak of a query: the query's terms, folded, in the sentence.

use crate::analysis;

/// A query that cannot be read (unbalanced quote).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A `"` opens a phrase that never closes.
    #[error("unbalanced quote in query: {0}")]
    UnbalancedQuote(String),
}

/// One required part of the query: any of its alternatives (joined by `OR`) must be in
/// the sentence. Each alternative is a phrase: folded terms that must be consecutive.
#[derive(Debug, Clone, PartialEq)]
struct Clause {
    alternatives: Vec<Vec<String>>,
    /// An alternative only the heading can satisfy (`heading:x OR y`): a sentence cannot
    /// rule the clause out.
    open: bool,
}

/// Decides whether a sentence matches a query of the search syntax (SPEC §3): words and
/// "quoted phrases", `-excluded`, `OR`, `heading:` and `text:` prefixes.
///
/// Terms are compared folded (the analysis module's `vi_folded` tokens), so `giai ngan`
/// and `giải ngân` match the same sentences. Every word must be in the sentence (a phrase
/// as consecutive terms), `a OR b` needs one of them, an excluded word or phrase must be
/// absent. `heading:` parts constrain the section, which the search already checked:
/// they do not constrain sentences. A query with no text terms matches every sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryMatcher {
    clauses: Vec<Clause>,
    excluded: Vec<Vec<String>>,
}

/// One item of the query as typed.
struct Item {
    negated: bool,
    heading: bool,
    text: String,
    or: bool,
}

fn items(query: &str) -> Result<Vec<Item>, QueryError> {
    let mut out = Vec::new();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let mut negated = false;
        let mut heading = false;
        let mut s = rest;
        if let Some(r) = s.strip_prefix('-') {
            negated = true;
            s = r;
        }
        if let Some(r) = s.strip_prefix("heading:") {
            heading = true;
            s = r;
        } else if let Some(r) = s.strip_prefix("text:") {
            s = r;
        }
        let (text, after) = if let Some(r) = s.strip_prefix('"') {
            let close = r
                .find('"')
                .ok_or_else(|| QueryError::UnbalancedQuote(query.to_string()))?;
            (&r[..close], &r[close + 1..])
        } else {
            let end = s.find(char::is_whitespace).unwrap_or(s.len());
            (&s[..end], &s[end..])
        };
        let or = !negated && !heading && text == "OR" && !s.starts_with('"');
        out.push(Item {
            negated,
            heading,
            text: text.to_string(),
            or,
        });
        rest = after.trim_start();
    }
    Ok(out)
}

impl QueryMatcher {
    /// Reads a query. Errors on an unbalanced quote.
    pub fn new(query: &str) -> Result<Self, QueryError> {
        let mut clauses: Vec<Clause> = Vec::new();
        let mut excluded = Vec::new();
        let mut pending_or = false;
        for item in items(query)? {
            if item.or {
                pending_or = !clauses.is_empty();
                continue;
            }
            let terms = analysis::folded_terms(&item.text);
            if terms.is_empty() {
                continue;
            }
            if item.negated {
                if !item.heading {
                    excluded.push(terms);
                }
                pending_or = false;
                continue;
            }
            let joined = pending_or;
            pending_or = false;
            if joined {
                if let Some(last) = clauses.last_mut() {
                    if item.heading {
                        last.open = true;
                    } else {
                        last.alternatives.push(terms);
                    }
                    continue;
                }
            }
            if item.heading {
                clauses.push(Clause {
                    alternatives: Vec::new(),
                    open: true,
                });
            } else if item.text.contains(char::is_whitespace) {
                // A quoted phrase: its terms must be consecutive.
                clauses.push(Clause {
                    alternatives: vec![terms],
                    open: false,
                });
            } else {
                // A bare word may analyse to several terms (`giai-ngan`): each required.
                for term in terms {
                    clauses.push(Clause {
                        alternatives: vec![vec![term]],
                        open: false,
                    });
                }
            }
        }
        Ok(Self { clauses, excluded })
    }

    /// Whether the query has terms a sentence must hold (false for an empty or
    /// heading-only query).
    pub fn has_terms(&self) -> bool {
        self.clauses.iter().any(|c| !c.open)
    }

    /// Whether `sentence` matches the query.
    pub fn matches(&self, sentence: &str) -> bool {
        let terms = analysis::folded_terms(sentence);
        self.matches_terms(&terms)
    }

    /// Whether a sentence, given as its folded terms, matches the query.
    pub fn matches_terms(&self, terms: &[String]) -> bool {
        let has = |phrase: &[String]| {
            !phrase.is_empty() && terms.windows(phrase.len()).any(|w| w == phrase)
        };
        self.clauses
            .iter()
            .all(|c| c.open || c.alternatives.iter().any(|a| has(a)))
            && !self.excluded.iter().any(|e| has(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = "Kết quả giá trị khối lượng thực hiện và giải ngân các dự án nguồn vốn đầu tư công năm 2024 ước đạt 400 tỷ đồng";

    fn m(q: &str) -> bool {
        QueryMatcher::new(q).unwrap().matches(S)
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
    fn exclusions_or_and_prefixes() {
        assert!(!m("giải ngân -\"đầu tư\""));
        assert!(m("giải ngân -\"thu chi\""));
        assert!(!m("giải ngân -dự"));
        assert!(m("\"thu ngân sách\" OR \"giải ngân\""));
        assert!(m("text:\"giải ngân\" heading:quy"));
        assert!(!m("text:\"giải ngân\" heading:quy hoạch"));
        assert!(m("heading:\"quy hoạch\""));
        assert!(!m("\"thu ngân sách\" OR heading:x giáo dục"));
        assert!(m("\"thu ngân sách\" OR heading:x"));
    }

    #[test]
    fn empty_and_malformed() {
        assert!(m(""));
        assert!(!QueryMatcher::new("").unwrap().has_terms());
        assert!(QueryMatcher::new("giải ngân").unwrap().has_terms());
        assert_eq!(
            QueryMatcher::new("\"giải ngân"),
            Err(QueryError::UnbalancedQuote("\"giải ngân".into()))
        );
    }
}
