//! One analysis pass for indexing: each text is segmented once, and every word is written
//! in its exact form, its folded form, and (with the folded word before it) as a folded
//! syllable pair. The three forms are "pre-analyzed" strings, tokens separated by one
//! space, that the index fields read back with the trivial [`PreAnalyzedTokenizer`].

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, MAX_TOKEN_LEN};

use super::letters::{letter, Letter};
use super::tokenizer::{ascii_folder, fold_others, normalize_into, Emit, Mode, Words};
use super::tone::tone_pair;

/// Separates the tokens of a pre-analyzed string. No token holds it: words never contain
/// a space (UAX #29), and neither lower-casing nor ASCII folding produces one.
pub(crate) const TOKEN_SEPARATOR: char = ' ';

/// Joins the two folded syllables of a pair term: `giai_ngan`.
pub const PAIR_JOINER: char = '_';

/// The pair term of two consecutive folded tokens (`giai`, `ngan` → `giai_ngan`), or None
/// when it would be ambiguous (a token holds `_` itself, as `a_1` may: `a_1 b` and
/// `a 1_b` would give the same term) or too long to index. Such pairs are not indexed, and
/// a query over them checks positions instead.
pub fn pair_term(first: &str, second: &str) -> Option<String> {
    if !pairable(first, second) {
        return None;
    }
    let mut out = String::with_capacity(first.len() + 1 + second.len());
    out.push_str(first);
    out.push(PAIR_JOINER);
    out.push_str(second);
    Some(out)
}

/// Whether an exact token is written on the exact field: it has a letter, so another
/// spelling may fold to the same form (`lam`, `lâm`, `làm`).
#[inline]
pub fn has_letter(token: &str) -> bool {
    token.chars().any(char::is_alphabetic)
}

#[inline]
fn pairable(first: &str, second: &str) -> bool {
    first.len() + 1 + second.len() <= MAX_TOKEN_LEN
        && !first.contains(PAIR_JOINER)
        && !second.contains(PAIR_JOINER)
}

/// The indexed forms of one text, as pre-analyzed strings (tokens separated by a space).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forms {
    /// Exact tokens (`vi`) with a letter: `giải ngân vốn kinh` (a token of digits alone,
    /// `2024`, is only folded: nothing else folds to it).
    pub exact: String,
    /// Folded tokens (`vi_folded`), one position each: `giai ngan von`.
    pub folded: String,
    /// Folded pairs of consecutive tokens: `giai_ngan ngan_von`.
    pub pairs: String,
}

impl Forms {
    fn clear(&mut self) {
        self.exact.clear();
        self.folded.clear();
        self.pairs.clear();
    }
}

/// Analyzes texts for indexing in one pass per text. Reuses its buffers: keep one per
/// thread.
pub struct Analyzer {
    forms: Forms,
    chars: Vec<char>,
    scratch: String,
    folder: TextAnalyzer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

/// Writes a fast-path word in both forms at once, straight into the pre-analyzed strings.
struct DualSink<'s> {
    exact: &'s mut String,
    folded: &'s mut String,
    /// Lengths of the two strings before the word.
    exact_mark: usize,
    folded_mark: usize,
    prev: Letter,
    exact_ok: bool,
}

impl Emit for DualSink<'_> {
    #[inline(always)]
    fn start(&mut self) {
        self.exact.truncate(self.exact_mark);
        self.folded.truncate(self.folded_mark);
        self.prev = Letter::default();
        self.exact_ok = true;
    }

    #[inline(always)]
    fn push(&mut self, c: char) {
        let l = letter(c);
        if c.is_ascii() {
            let lower = c.to_ascii_lowercase();
            self.folded.push(lower);
            if self.exact_ok {
                self.exact.push(lower);
            }
        } else {
            self.folded.push(l.folded());
            if self.exact_ok {
                self.exact.push(l.lower());
            }
        }
        // A toned `oa`/`oe`/`uy` pair may need its tone moved: the slow path decides.
        if l.is_vowel() && self.prev.is_vowel() && tone_pair(self.prev, l) {
            self.exact_ok = false;
        }
        self.prev = l;
    }

    #[inline(always)]
    fn done(&self) -> bool {
        true
    }
}

impl Analyzer {
    /// A new analyzer.
    pub fn new() -> Analyzer {
        Analyzer {
            forms: Forms::default(),
            chars: Vec::new(),
            scratch: String::new(),
            folder: ascii_folder(),
        }
    }

    /// The exact, folded and pair forms of `text`, from one segmentation pass. The tokens
    /// are those of [`super::ViTokenizer::folded`] and, among those of
    /// [`super::ViTokenizer::exact`], the ones with a letter ([`has_letter`]); the pairs
    /// join each folded token to the one before it.
    pub fn analyze(&mut self, text: &str) -> &Forms {
        self.forms.clear();
        let Forms {
            exact,
            folded,
            pairs,
        } = &mut self.forms;
        // Invisible characters are dropped before words are found, as the tokenizers do.
        let text = super::invisible::strip(text);
        let mut words = Words::new(text.as_ref());
        // Byte range in `folded` of the last folded token written.
        let mut last: Option<(usize, usize)> = None;
        loop {
            let exact_mark = exact.len();
            let folded_mark = folded.len();
            let mut sink = DualSink {
                exact: &mut *exact,
                folded: &mut *folded,
                exact_mark,
                folded_mark,
                prev: Letter::default(),
                exact_ok: true,
            };
            let Some((_, segment, fast)) = words.next_with(&mut sink) else {
                exact.truncate(exact_mark);
                folded.truncate(folded_mark);
                break;
            };
            let exact_ok = sink.exact_ok;
            if !fast || !exact_ok {
                exact.truncate(exact_mark);
                normalize_into(segment, Mode::Lower, &mut self.chars, exact);
            }
            if !fast {
                folded.truncate(folded_mark);
                self.scratch.clear();
                normalize_into(segment, Mode::Fold, &mut self.chars, &mut self.scratch);
                fold_others(&mut self.folder, &mut self.scratch);
                folded.push_str(&self.scratch);
            }
            // A token without letters (`2024`) is its folded form and nothing else folds
            // to it: only the folded field has it. Every word is on the exact field, those
            // without diacritics too (`--exact lam` must not find `lâm`).
            if accept(exact, exact_mark) && has_letter(&exact[exact_mark..]) {
                exact.push(TOKEN_SEPARATOR);
            } else {
                exact.truncate(exact_mark);
            }
            if accept(folded, folded_mark) {
                let token = (folded_mark, folded.len());
                if let Some((from, to)) = last {
                    let (first, second) = (&folded[from..to], &folded[token.0..token.1]);
                    if pairable(first, second) {
                        pairs.push_str(first);
                        pairs.push(PAIR_JOINER);
                        pairs.push_str(second);
                        pairs.push(TOKEN_SEPARATOR);
                    }
                }
                last = Some(token);
                folded.push(TOKEN_SEPARATOR);
            }
        }
        for form in [exact, folded, pairs] {
            if form.ends_with(TOKEN_SEPARATOR) {
                form.pop();
            }
        }
        &self.forms
    }
}

/// Keeps the token written past `mark` when it is indexable (not empty, not longer than
/// tantivy's limit, as [`super::ViTokenizer`] does); otherwise removes it.
#[inline]
fn accept(form: &mut String, mark: usize) -> bool {
    let len = form.len() - mark;
    if len == 0 || len > MAX_TOKEN_LEN {
        form.truncate(mark);
        return false;
    }
    true
}

/// The tokenizer of the indexed fields: reads back a pre-analyzed string of [`Forms`]
/// (tokens separated by one space), one position per token.
#[derive(Clone, Default)]
pub struct PreAnalyzedTokenizer {
    token: Token,
}

/// The [`TokenStream`] of [`PreAnalyzedTokenizer`].
pub struct PreAnalyzedStream<'a> {
    rest: &'a str,
    offset: usize,
    token: &'a mut Token,
}

impl Tokenizer for PreAnalyzedTokenizer {
    type TokenStream<'a> = PreAnalyzedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreAnalyzedStream<'a> {
        self.token.reset();
        PreAnalyzedStream {
            rest: text,
            offset: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for PreAnalyzedStream<'_> {
    fn advance(&mut self) -> bool {
        while !self.rest.is_empty() {
            let len = self.rest.find(TOKEN_SEPARATOR).unwrap_or(self.rest.len());
            let (word, rest) = self.rest.split_at(len);
            let start = self.offset;
            self.offset += len + usize::from(!rest.is_empty());
            self.rest = rest.get(1..).unwrap_or("");
            if word.is_empty() {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(word);
            self.token.offset_from = start;
            self.token.offset_to = start + len;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ViTokenizer;

    fn tokens(mut tokenizer: impl Tokenizer, text: &str) -> Positioned {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position));
        }
        out
    }

    /// Tokens with their positions.
    type Positioned = Vec<(String, usize)>;

    /// The forms as the two tokenizers give them, and the pairs of consecutive folded
    /// tokens.
    fn expected(text: &str) -> (Vec<String>, Positioned, Vec<String>) {
        let folded = tokens(ViTokenizer::folded(), text);
        let exact = tokens(ViTokenizer::exact(), text)
            .into_iter()
            .filter(|e| has_letter(&e.0))
            .map(|e| e.0)
            .collect();
        let pairs = folded
            .windows(2)
            .filter_map(|w| pair_term(&w[0].0, &w[1].0))
            .collect();
        (exact, folded, pairs)
    }

    fn check(text: &str) {
        let mut analyzer = Analyzer::new();
        let forms = analyzer.analyze(text).clone();
        let (exact, folded, pairs) = expected(text);
        let got: Vec<String> = tokens(PreAnalyzedTokenizer::default(), &forms.exact)
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(got, exact, "{text:?}");
        assert_eq!(
            tokens(PreAnalyzedTokenizer::default(), &forms.folded),
            folded,
            "{text:?}"
        );
        let got: Vec<String> = tokens(PreAnalyzedTokenizer::default(), &forms.pairs)
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(got, pairs, "{text:?}");
    }

    #[test]
    fn one_pass_gives_the_forms_of_both_tokenizers_and_the_pairs() {
        let mut analyzer = Analyzer::new();
        let forms = analyzer.analyze("Giải ngân vốn ĐẦU TƯ công (11-NQ/TW), Hoà Bình.");
        assert_eq!(forms.exact, "giải ngân vốn đầu tư công nq tw hòa bình");
        assert_eq!(forms.folded, "giai ngan von dau tu cong 11 nq tw hoa binh");
        assert_eq!(
            forms.pairs,
            "giai_ngan ngan_von von_dau dau_tu tu_cong cong_11 11_nq nq_tw tw_hoa hoa_binh"
        );
        for text in [
            "",
            " ",
            "một",
            "a_1 b 2_c d",
            "Thuỷ lợi, thủy điện; hoà nhập",
            "Zürich œuvre ½ m² cùng kỳ¹",
            "1.236,87 tỷ đồng; 79/QĐ-UBND ngày 15/3/2018.",
            "x\u{301}y Vie\u{0301}\u{0302}t \u{5D0}\u{5D1} 中文",
            "ng\u{AD}ân \u{200E}vốn đầu\u{200B} tư\u{FEFF}",
        ] {
            check(text);
        }
    }

    #[test]
    fn ambiguous_pairs_are_left_out() {
        assert_eq!(pair_term("giai", "ngan").as_deref(), Some("giai_ngan"));
        assert_eq!(pair_term("a_1", "b"), None);
        assert_eq!(pair_term("a", "1_b"), None);
        let mut analyzer = Analyzer::new();
        assert_eq!(analyzer.analyze("x a_1 b y").pairs, "b_y");
    }

    #[test]
    fn sample_reports_analyze_as_the_tokenizers_do() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for paragraph in text.split("\n\n").take(200) {
                check(paragraph);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn forms_match_the_tokenizers(
            text in "([ -~]|[\\n\\t]|[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễđĐìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹỲÝỴỶỸÐ]|[“…²üß\\u{301}\\u{302}\\u{A0}\\u{AD}\\u{200B}\\u{FEFF}中])*"
        ) {
            check(&text);
        }
    }
}
