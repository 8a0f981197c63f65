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

use crate::index::schema::Fields;

/// Highlights query terms in texts.
pub(crate) struct Snippets {
    /// Folded term → (index, weight).
    terms: HashMap<String, (usize, f32)>,
    analyzer: TextAnalyzer,
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
        terms: &[String],
        _chars: usize,
    ) -> tantivy::Result<Snippets> {
        let n = searcher.num_docs().max(1) as f32;
        let mut map = HashMap::new();
        for (i, t) in terms.iter().enumerate() {
            let df = searcher.doc_freq(&Term::from_field_text(f.text_folded, t))? as f32;
            let weight = (1.0 + n / (1.0 + df)).ln().max(0.05);
            map.insert(t.clone(), (i, weight));
        }
        Ok(Snippets {
            terms: map,
            analyzer: crate::analysis::vi_folded_analyzer(),
        })
    }

    /// Snippets over explicit terms with equal weights (tests, callers without an index).
    #[cfg(test)]
    pub(crate) fn with_terms(terms: &[&str]) -> Snippets {
        Snippets {
            terms: terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.to_string(), (i, 1.0)))
                .collect(),
            analyzer: crate::analysis::vi_folded_analyzer(),
        }
    }

    fn tokens(&self, text: &str) -> Vec<Tok> {
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        let (mut byte, mut chars) = (0usize, 0usize);
        while let Some(t) = stream.next() {
            if t.offset_from < byte {
                continue;
            }
            let cfrom = chars + text[byte..t.offset_from].chars().count();
            let cto = cfrom + text[t.offset_from..t.offset_to].chars().count();
            (byte, chars) = (t.offset_to, cto);
            out.push(Tok {
                range: t.offset_from..t.offset_to,
                cfrom,
                cto,
                term: self.terms.get(&t.text).map(|(i, _)| *i),
            });
        }
        out
    }

    fn weight(&self, term: usize) -> f32 {
        self.terms
            .values()
            .find(|(i, _)| *i == term)
            .map_or(0.0, |(_, w)| *w)
    }

    /// The HTML snippet of `text` (about `chars` characters).
    pub(crate) fn html(&self, text: &str, chars: usize) -> String {
        let chars = chars.max(20);
        let toks = self.tokens(text);
        let weights: Vec<f32> = (0..self.terms.len()).map(|i| self.weight(i)).collect();
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
            if best.is_none_or(|(s, _, _)| score > s + 1e-6) {
                best = Some((score, i, j));
            }
        }

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
        out
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

/// Merges highlighted ranges separated only by spaces into one mark.
fn merge_marks(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        if let Some(last) = out.last_mut() {
            if r.start >= last.end && text[last.end..r.start].chars().all(|c| c == ' ') {
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
    fn no_match_gives_the_beginning() {
        let s = Snippets::with_terms(&["xyz"]);
        let html = s.html("Một hai ba bốn năm sáu bảy tám chín mười.", 20);
        assert!(html.starts_with("Một hai"), "{html}");
        assert!(html.ends_with('…'), "{html}");
        assert!(!html.contains("<b>"));
    }
}
