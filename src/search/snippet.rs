//! Snippets: the best window of a unit's text for the query, with `<b>…</b>` around the
//! original words that match (found through the folded analyzer, so a query typed without
//! diacritics highlights the words as written).
//!
//! The window is chosen for the number of distinct query terms it holds (rarer terms
//! weigh more) and for query words standing next to each other, so the place where the
//! phrase occurs wins over scattered words.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::build::HighlightTerm;
use crate::index::schema::Fields;

/// Highlights query terms in texts.
pub(crate) struct Snippets {
    /// Folded term → (index, weight), for words typed without diacritics.
    folded_terms: HashMap<String, (usize, f32)>,
    /// Exact term → (index, weight), for words typed with diacritics.
    exact_terms: HashMap<String, (usize, f32)>,
    /// Weight of each term index.
    weights: Vec<f32>,
    folded: TextAnalyzer,
    exact: TextAnalyzer,
}

/// A token of the text: byte range and the query term it matches.
struct Tok {
    range: Range<usize>,
    /// Character offsets of the range.
    cfrom: usize,
    cto: usize,
    term: Option<usize>,
}

impl Snippets {
    /// `terms` are folded tokens; weights come from their document frequency in the text.
    pub(crate) fn new(
        searcher: &tantivy::Searcher,
        f: &Fields,
        terms: &[HighlightTerm],
    ) -> tantivy::Result<Snippets> {
        let n = searcher.num_docs().max(1) as f32;
        let mut weights = Vec::with_capacity(terms.len());
        for t in terms {
            let df = searcher.doc_freq(&Term::from_field_text(f.text_folded, &t.folded))? as f32;
            weights.push((1.0 + n / (1.0 + df)).ln().max(0.05));
        }
        Ok(Self::from_parts(terms, weights))
    }

    fn from_parts(terms: &[HighlightTerm], weights: Vec<f32>) -> Snippets {
        let mut folded_terms = HashMap::new();
        let mut exact_terms = HashMap::new();
        for (i, t) in terms.iter().enumerate() {
            let map = if t.exact {
                &mut exact_terms
            } else {
                &mut folded_terms
            };
            map.entry(t.token.clone()).or_insert((i, weights[i]));
        }
        Snippets {
            folded_terms,
            exact_terms,
            weights,
            folded: crate::analysis::vi_folded_analyzer(),
            exact: crate::analysis::vi_analyzer(),
        }
    }

    /// Snippets over explicit terms with equal weights (tests, callers without an index).
    #[cfg(test)]
    pub(crate) fn with_terms(terms: &[&str]) -> Snippets {
        let terms: Vec<HighlightTerm> = terms
            .iter()
            .map(|t| {
                let folded = crate::analysis::fold(t);
                HighlightTerm {
                    token: if crate::analysis::has_diacritics(t) {
                        t.to_lowercase()
                    } else {
                        folded.clone()
                    },
                    exact: crate::analysis::has_diacritics(t),
                    folded,
                }
            })
            .collect();
        let weights = vec![1.0; terms.len()];
        Self::from_parts(&terms, weights)
    }

    fn tokens(&self, text: &str) -> Vec<Tok> {
        let mut exact_tokens = Vec::new();
        if !self.exact_terms.is_empty() {
            let mut exact = self.exact.clone();
            let mut stream = exact.token_stream(text);
            while let Some(t) = stream.next() {
                exact_tokens.push((t.offset_from, t.text.clone()));
            }
        }
        let mut next_exact = 0;
        let mut folded = self.folded.clone();
        let mut stream = folded.token_stream(text);
        let mut out = Vec::new();
        let (mut byte, mut chars) = (0usize, 0usize);
        while let Some(t) = stream.next() {
            if t.offset_from < byte {
                continue;
            }
            let cfrom = chars + text[byte..t.offset_from].chars().count();
            let cto = cfrom + text[t.offset_from..t.offset_to].chars().count();
            (byte, chars) = (t.offset_to, cto);
            while next_exact < exact_tokens.len() && exact_tokens[next_exact].0 < t.offset_from {
                next_exact += 1;
            }
            let exact_match = exact_tokens
                .get(next_exact)
                .filter(|(from, _)| *from == t.offset_from)
                .and_then(|(_, text)| self.exact_terms.get(text));
            let term = exact_match
                .or_else(|| self.folded_terms.get(&t.text))
                .map(|(i, _)| *i);
            out.push(Tok {
                range: t.offset_from..t.offset_to,
                cfrom,
                cto,
                term,
            });
        }
        out
    }

    /// Whether `text` holds every query term (a heading that matches the whole query).
    pub(crate) fn holds_all(&self, text: &str) -> bool {
        let mut seen = vec![false; self.weights.len()];
        for t in self.tokens(text) {
            if let Some(i) = t.term {
                seen[i] = true;
            }
        }
        !seen.is_empty() && seen.iter().all(|&s| s)
    }

    /// The HTML snippet of `text` (about `chars` characters).
    #[cfg(test)]
    pub(crate) fn html(&self, text: &str, chars: usize) -> String {
        self.html_at(text, chars).0
    }

    /// The HTML snippet of `text` (about `chars` characters), and the byte offset in
    /// `text` of the first match of the window it shows (None when nothing matched).
    pub(crate) fn html_at(&self, text: &str, chars: usize) -> (String, Option<usize>) {
        let chars = chars.max(20);
        let toks = self.tokens(text);
        let weights = &self.weights;
        // Characters from the start of token `a` to the end of token `b`.
        let span = |a: usize, b: usize| toks[b].cto.saturating_sub(toks[a].cfrom);

        // Best window [i, j] of tokens by (distinct term weight + adjacency bonus).
        let mut best: Option<(f32, usize, usize)> = None;
        for i in 0..toks.len() {
            if toks[i].term.is_none() {
                continue;
            }
            let mut seen = vec![false; weights.len()];
            let mut score = 0.0;
            let mut j = i;
            let mut k = i;
            while k < toks.len() && span(i, k) <= chars {
                if let Some(t) = toks[k].term {
                    if !seen[t] {
                        seen[t] = true;
                        score += weights[t];
                    }
                    if k > i {
                        if let Some(prev) = toks[k - 1].term {
                            if prev != t {
                                score += 0.5 * (weights[t] + weights[prev]) / 2.0;
                            }
                        }
                    }
                    j = k;
                }
                k += 1;
            }
            // Ties go to the most compact run of matches.
            let better = match best {
                None => true,
                Some((s, bi, bj)) => {
                    score > s + 1e-4 || (score > s - 1e-4 && span(i, j) < span(bi, bj))
                }
            };
            if better {
                best = Some((score, i, j));
            }
        }

        let first_match = best.map(|(_, i, _)| toks[i].range.start);
        let (start, end) = match best {
            Some((_, i, j)) => {
                let core = toks[i].range.start..toks[j].range.end;
                let spare = chars.saturating_sub(span(i, j));
                // Some context before the first match (up to a third of the spare room,
                // from the sentence start when it is close), the rest after.
                let mut start = core.start;
                let mut back = i;
                while back > 0 && toks[i].cfrom - toks[back - 1].cfrom <= spare / 3 {
                    back -= 1;
                    start = toks[back].range.start;
                    let between = &text[toks[back].range.end..core.start];
                    if between.contains(['.', ';', '\n']) {
                        back += 1;
                        start = toks[back].range.start;
                        break;
                    }
                }
                let mut end = core.end;
                let mut fwd = j;
                while fwd + 1 < toks.len() && span(back, fwd + 1) <= chars {
                    fwd += 1;
                    end = toks[fwd].range.end;
                }
                (start, end)
            }
            None => {
                let mut end = 0;
                for t in &toks {
                    if t.cto > chars {
                        break;
                    }
                    end = t.range.end;
                }
                (0, end)
            }
        };
        // Close the window on punctuation that ends the last word (`%`, `)`), when present.
        let end = extend_closing(text, end);

        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        let marks: Vec<Range<usize>> = merge_marks(
            text,
            toks.iter()
                .filter(|t| t.term.is_some() && t.range.start >= start && t.range.end <= end)
                .map(|t| t.range.clone()),
        );
        let mut at = start;
        for m in marks {
            escape_into(&text[at..m.start], &mut out);
            out.push_str("<b>");
            escape_into(&text[m.clone()], &mut out);
            out.push_str("</b>");
            at = m.end;
        }
        escape_into(&text[at..end], &mut out);
        if end < text.trim_end().len() {
            out.push('…');
        }
        (out, first_match)
    }
}

fn extend_closing(text: &str, end: usize) -> usize {
    let rest = text[end..].trim_end();
    if !rest.chars().any(char::is_alphanumeric) {
        return end + rest.len();
    }
    let mut end = end;
    for c in text[end..].chars() {
        if matches!(c, '%' | ')' | '”' | '"' | '.' | ',' | ';' | ':') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Merges highlighted ranges separated only by spaces, or glued by punctuation
/// (`11-NQ/TW`), into one mark.
fn merge_marks(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        if let Some(last) = out.last_mut() {
            let gap = &text[last.end.min(r.start)..r.start];
            let joins = gap.chars().all(|c| c == ' ')
                || gap
                    .chars()
                    .all(|c| !c.is_whitespace() && !c.is_alphanumeric());
            if r.start >= last.end && joins {
                last.end = r.end;
                continue;
            }
        }
        out.push(r);
    }
    out
}

/// Escapes `<`, `>`, `&`; newlines become spaces.
fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_original_words_of_a_folded_query() {
        let s = Snippets::with_terms(&["giai", "ngan"]);
        let html = s.html("Tiếp tục đẩy nhanh giải ngân vốn <đầu tư> & công.", 200);
        assert_eq!(
            html,
            "Tiếp tục đẩy nhanh <b>giải ngân</b> vốn &lt;đầu tư&gt; &amp; công."
        );
    }

    #[test]
    fn prefers_the_window_where_words_stand_together() {
        let s = Snippets::with_terms(&["von", "dau", "tu"]);
        let mut text = String::from("Vốn ngân sách tăng. ");
        text.push_str(&"Các ngành khác ổn định. ".repeat(10));
        text.push_str("Đẩy nhanh giải ngân vốn đầu tư công.");
        let html = s.html(&text, 60);
        assert!(html.contains("<b>vốn đầu tư</b>"), "{html}");
        assert!(html.starts_with('…'), "{html}");
    }

    #[test]
    fn words_typed_with_diacritics_highlight_their_exact_spelling() {
        let s = Snippets::with_terms(&["giải", "ngân"]);
        let html = s.html("Giai đoạn 2021, giải ngân vốn; thuỷ lợi.", 200);
        assert_eq!(html, "Giai đoạn 2021, <b>giải ngân</b> vốn; thuỷ lợi.");
        let s = Snippets::with_terms(&["thủy"]);
        assert!(s.html("Công trình thuỷ lợi", 200).contains("<b>thuỷ</b>"));
        let s = Snippets::with_terms(&["11", "nq", "tw"]);
        assert_eq!(
            s.html("Nghị quyết 11-NQ/TW, ngày", 200),
            "Nghị quyết <b>11-NQ/TW</b>, ngày"
        );
    }

    #[test]
    fn no_match_gives_the_beginning() {
        let s = Snippets::with_terms(&["xyz"]);
        let html = s.html("Một hai ba bốn năm sáu bảy tám chín mười.", 20);
        assert!(html.starts_with("Một hai"), "{html}");
        assert!(html.ends_with('…'), "{html}");
        assert!(!html.contains("<b>"));
    }
}
