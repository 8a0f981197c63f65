//! The query language of the README ("Search"), parsed into a small tree.
//!
//! ```text
//! query   := or ( end )
//! or      := and ( "OR" and )*
//! and     := unary ( ["AND"] unary )*
//! unary   := ("-" | "NOT") unary | [ ("heading:" | "text:") ] primary
//! primary := WORD | WORD "*" | "quoted phrase" [ "~" N ] | "(" or ")"
//! ```
//!
//! Words are all required by default (`AND` between them changes nothing); `OR` joins
//! alternatives; `-word` or `NOT word` excludes. A word that the analyzer splits into
//! several tokens (`11-NQ/TW`) is searched as a phrase. `"…"~N` finds the phrase's words in
//! order with at most N other words between them in all; `word*` is a prefix (expanded to
//! the indexed words that start with it, up to a bounded number, by the search).
//!
//! Syntax of other engines that this language does not have is refused with a message
//! rather than searched as text: fuzzy `word~`, boosts `word^2`, wildcards other than a
//! final `*` (`gi?i`, `*ngan`), and field prefixes other than `heading:` and `text:`.
//! Errors carry the character position (1-based) where they were found.

use std::fmt;

/// Longest query accepted, in characters. A query is typed or pasted by a person: a
/// long sentence in quotes is a few hundred characters, while a 100 KB query took 23 s
/// and 1.25 GB before this bound.
pub const MAX_QUERY_CHARS: usize = 2_000;

/// Most words in a query, counting those inside quoted phrases (like Lucene's
/// `maxClauseCount`): each word is a clause of the search, with its own posting lists.
pub const MAX_QUERY_WORDS: usize = 200;

/// Deepest nesting of parentheses and exclusions (like SQLite's
/// `SQLITE_MAX_EXPR_DEPTH`): the parser and the query builder recurse once per level.
pub const MAX_QUERY_DEPTH: usize = 32;

/// Where a leaf is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Heading and text.
    Any,
    /// Heading only (`heading:`).
    Heading,
    /// Text only (`text:`).
    Text,
}

/// A word or a quoted phrase, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// The text as typed (without the `*` of a prefix or the `~N` of a proximity).
    pub text: String,
    /// Whether it was quoted.
    pub quoted: bool,
    /// Where it is searched.
    pub scope: Scope,
    /// Words allowed between the phrase's words, in all (`"…"~N`); 0 for an exact phrase.
    pub slop: u32,
    /// Whether the word is a prefix (`word*`).
    pub prefix: bool,
}

impl Leaf {
    /// A word or phrase searched in `scope`, with no proximity and no prefix.
    pub fn new(text: impl Into<String>, quoted: bool, scope: Scope) -> Leaf {
        Leaf {
            text: text.into(),
            quoted,
            scope,
            slop: 0,
            prefix: false,
        }
    }
}

/// The largest N of a proximity `"…"~N` (a window wider than this is no longer "near").
pub const MAX_PROXIMITY: u32 = 50;

/// The parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word or phrase.
    Leaf(Leaf),
    /// All children required (excluded children must not match).
    And(Vec<Node>),
    /// At least one child.
    Or(Vec<Node>),
    /// Excluded.
    Not(Box<Node>),
}

/// A malformed query: what is wrong and where (1-based character position).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    /// What is wrong.
    pub message: String,
    /// 1-based character position in the query (0 when it concerns the whole query).
    pub position: usize,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.position > 0 {
            write!(
                f,
                "malformed query: {} (at character {})",
                self.message, self.position
            )
        } else {
            write!(f, "malformed query: {}", self.message)
        }
    }
}

fn err(message: impl Into<String>, position: usize) -> QueryError {
    QueryError {
        message: message.into(),
        position,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lex {
    Word(String),
    Prefix(String),
    Phrase(String, u32),
    Minus,
    Not,
    And,
    Or,
    Open,
    Close,
    Field(Scope),
}

/// Splits the query into lexemes with their 1-based character positions.
fn lex(query: &str) -> Result<Vec<(Lex, usize)>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let pos = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '"' | '“' | '”' => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&q| matches!(q, '"' | '“' | '”'))
                    .ok_or_else(|| err("unterminated quote: add the closing \"", pos))?;
                let phrase: String = chars[i + 1..i + 1 + close].iter().collect();
                i += close + 2;
                let mut slop = 0;
                if chars.get(i) == Some(&'~') {
                    let digits: String = chars[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    let n: u32 = digits.parse().map_err(|_| {
                        err("~ after a phrase needs a number of words: \"…\"~3", i + 1)
                    })?;
                    if n > MAX_PROXIMITY {
                        return Err(err(
                            format!("proximity ~{n} is too wide (at most ~{MAX_PROXIMITY})"),
                            i + 1,
                        ));
                    }
                    slop = n;
                    i += 1 + digits.chars().count();
                } else if chars.get(i) == Some(&'*') {
                    return Err(err(
                        "a prefix * after a phrase is not supported: put it after one word (giai*)",
                        i + 1,
                    ));
                }
                out.push((Lex::Phrase(phrase, slop), pos));
            }
            '(' => {
                out.push((Lex::Open, pos));
                i += 1;
            }
            ')' => {
                out.push((Lex::Close, pos));
                i += 1;
            }
            '-' if i + 1 < chars.len()
                && !chars[i + 1].is_whitespace()
                && chars[i + 1] != '-'
                && chars[i + 1] != ')' =>
            {
                out.push((Lex::Minus, pos));
                i += 1;
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '"' | '“' | '”' | '(' | ')')
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let lower = word.to_lowercase();
                let field = [("heading:", Scope::Heading), ("text:", Scope::Text)]
                    .into_iter()
                    .find(|(prefix, _)| lower.starts_with(prefix));
                if let Some((prefix, scope)) = field {
                    out.push((Lex::Field(scope), pos));
                    let rest: String = word.chars().skip(prefix.chars().count()).collect();
                    if !rest.is_empty() {
                        let at = pos + prefix.chars().count();
                        out.push((word_lexeme(&rest, at)?, at));
                    }
                    continue;
                }
                let lexeme = match word.as_str() {
                    "OR" | "||" => Lex::Or,
                    "AND" | "&&" => Lex::And,
                    "NOT" => Lex::Not,
                    _ if word.chars().all(|c| c == '-') => continue,
                    _ => word_lexeme(&word, pos)?,
                };
                out.push((lexeme, pos));
            }
        }
    }
    Ok(out)
}

/// Field prefixes of other engines that this language does not have (`title:`, `year:`):
/// ASCII letters (or `_`) before a `:` that is followed by something.
fn unknown_field(word: &str) -> Option<&str> {
    let (name, rest) = word.split_once(':')?;
    (name.len() >= 2
        && name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
        && !rest.is_empty())
    .then_some(name)
}

/// A word, or a prefix `word*`; refuses the syntax of other engines that it would
/// otherwise silently search as text.
fn word_lexeme(word: &str, pos: usize) -> Result<Lex, QueryError> {
    if let Some(name) = unknown_field(word) {
        let hint = match name.to_lowercase().as_str() {
            "year" | "nam" => " (filter years with --year)",
            "type" | "doc_type" => " (filter document types with --type)",
            "sector" => " (filter sectors with --sector)",
            "province" => " (filter provinces with --province)",
            "role" => " (filter roles with --role)",
            _ => "",
        };
        return Err(err(
            format!("unknown field {name}: (the query knows heading: and text:){hint}"),
            pos,
        ));
    }
    let chars: Vec<char> = word.chars().collect();
    let at = |i: usize| pos + i;
    for (i, &c) in chars.iter().enumerate() {
        let last = i + 1 == chars.len();
        match c {
            '*' if !last => {
                return Err(err(
                    "* is only supported at the end of a word (giai*)",
                    at(i),
                ))
            }
            '?' if !last => {
                return Err(err(
                    "? wildcards are not supported (a prefix giai* is)",
                    at(i),
                ))
            }
            '~' => {
                return Err(err(
                    "fuzzy matching (word~) is not supported; proximity is \"…\"~N",
                    at(i),
                ))
            }
            '^' if chars[i + 1..]
                .iter()
                .all(|c| c.is_ascii_digit() || *c == '.') =>
            {
                return Err(err("boosts (word^2) are not supported", at(i)))
            }
            _ => {}
        }
    }
    if let Some(stem) = word.strip_suffix('*') {
        if !stem.chars().any(char::is_alphanumeric) {
            return Err(err("* needs letters before it (giai*)", pos));
        }
        return Ok(Lex::Prefix(stem.to_string()));
    }
    Ok(Lex::Word(word.to_string()))
}

struct Parser {
    lexemes: Vec<(Lex, usize)>,
    at: usize,
    end: usize,
    /// Current nesting of groups and exclusions.
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Lex> {
        self.lexemes.get(self.at).map(|(l, _)| l)
    }

    fn pos(&self) -> usize {
        self.lexemes.get(self.at).map_or(self.end, |(_, p)| *p)
    }

    /// Enters one more level of nesting, refusing past [`MAX_QUERY_DEPTH`].
    fn deeper(&mut self, pos: usize) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_QUERY_DEPTH {
            return Err(err(
                format!(
                    "parentheses or exclusions nested more than {MAX_QUERY_DEPTH} deep \
                     (query depth limit {MAX_QUERY_DEPTH})"
                ),
                pos,
            ));
        }
        Ok(())
    }

    fn or(&mut self, scope: Scope) -> Result<Node, QueryError> {
        let mut alternatives = vec![self.and(scope)?];
        while self.peek() == Some(&Lex::Or) {
            let pos = self.pos();
            self.at += 1;
            if matches!(self.peek(), None | Some(Lex::Close) | Some(Lex::Or)) {
                return Err(err("OR needs a word after it", pos));
            }
            alternatives.push(self.and(scope)?);
        }
        for alt in &alternatives {
            if alternatives.len() > 1 && matches!(alt, Node::Not(_)) {
                return Err(err(
                    "an excluded word cannot be an OR alternative",
                    self.pos(),
                ));
            }
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().expect("one")
        } else {
            Node::Or(alternatives)
        })
    }

    fn and(&mut self, scope: Scope) -> Result<Node, QueryError> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None | Some(Lex::Close) | Some(Lex::Or) => break,
                Some(Lex::And) => {
                    let pos = self.pos();
                    if items.is_empty() {
                        return Err(err("AND needs a word before it", pos));
                    }
                    self.at += 1;
                    if matches!(
                        self.peek(),
                        None | Some(Lex::Close) | Some(Lex::Or) | Some(Lex::And)
                    ) {
                        return Err(err("AND needs a word after it", pos));
                    }
                }
                _ => items.push(self.unary(scope)?),
            }
        }
        if items.is_empty() {
            let pos = self.pos();
            return Err(match self.peek() {
                Some(Lex::Or) => err("OR needs a word before it", pos),
                Some(Lex::Close) => err("unexpected )", pos),
                _ => err("nothing to search for", pos),
            });
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one")
        } else {
            Node::And(items)
        })
    }

    fn unary(&mut self, scope: Scope) -> Result<Node, QueryError> {
        let pos = self.pos();
        match self.peek() {
            Some(Lex::Minus) | Some(Lex::Not) => {
                let what = if self.peek() == Some(&Lex::Minus) {
                    "-"
                } else {
                    "NOT"
                };
                self.at += 1;
                if matches!(
                    self.peek(),
                    None | Some(Lex::Close) | Some(Lex::Or) | Some(Lex::And)
                ) {
                    return Err(err(format!("{what} needs a word after it"), pos));
                }
                self.deeper(pos)?;
                let inner = self.unary(scope)?;
                self.depth -= 1;
                if let Node::Not(_) = inner {
                    return Err(err("a word cannot be excluded twice", pos));
                }
                Ok(Node::Not(Box::new(inner)))
            }
            Some(Lex::Field(field)) => {
                let field = *field;
                self.at += 1;
                match self.peek() {
                    Some(Lex::Word(_))
                    | Some(Lex::Prefix(_))
                    | Some(Lex::Phrase(..))
                    | Some(Lex::Open) => {
                        self.primary(field)
                    }
                    _ => Err(err(
                        "heading: and text: need a word, a \"phrase\" or a (group) right after them",
                        pos,
                    )),
                }
            }
            _ => self.primary(scope),
        }
    }

    fn primary(&mut self, scope: Scope) -> Result<Node, QueryError> {
        let pos = self.pos();
        let Some((lexeme, _)) = self.lexemes.get(self.at).cloned() else {
            return Err(err("the query ends too early", pos));
        };
        self.at += 1;
        match lexeme {
            Lex::Word(text) => Ok(Node::Leaf(Leaf::new(text, false, scope))),
            Lex::Prefix(text) => Ok(Node::Leaf(Leaf {
                prefix: true,
                ..Leaf::new(text, false, scope)
            })),
            Lex::Phrase(text, slop) => Ok(Node::Leaf(Leaf {
                slop,
                ..Leaf::new(text, true, scope)
            })),
            Lex::Open => {
                if self.peek() == Some(&Lex::Close) {
                    return Err(err("empty parentheses", pos));
                }
                if self.peek().is_none() {
                    return Err(err("( is never closed: add )", pos));
                }
                self.deeper(pos)?;
                let inner = self.or(scope)?;
                self.depth -= 1;
                match self.peek() {
                    Some(Lex::Close) => {
                        self.at += 1;
                        Ok(inner)
                    }
                    _ => Err(err("( is never closed: add )", pos)),
                }
            }
            Lex::Close => Err(err("unexpected ) without (", pos)),
            Lex::Or => Err(err("OR needs a word before it", pos)),
            Lex::And => Err(err("AND needs a word before it", pos)),
            Lex::Minus | Lex::Not | Lex::Field(_) => Err(err("unexpected operator", pos)),
        }
    }
}

/// Parses a query. The result always holds at least one word that is not excluded.
/// Queries longer than [`MAX_QUERY_CHARS`], with more than [`MAX_QUERY_WORDS`] words or
/// nested deeper than [`MAX_QUERY_DEPTH`] are refused, the limit named in the error.
pub fn parse_query(query: &str) -> Result<Node, QueryError> {
    let end = query.chars().count().max(1);
    if end > MAX_QUERY_CHARS {
        return Err(err(
            format!(
                "the query is {end} characters long, more than {MAX_QUERY_CHARS} \
                 (query length limit {MAX_QUERY_CHARS})"
            ),
            0,
        ));
    }
    let lexemes = lex(query)?;
    if lexemes.is_empty() {
        return Err(err("the query is empty", 0));
    }
    let words: usize = lexemes
        .iter()
        .map(|(l, _)| match l {
            Lex::Word(_) | Lex::Prefix(_) => 1,
            Lex::Phrase(p, _) => p.split_whitespace().count(),
            _ => 0,
        })
        .sum();
    if words > MAX_QUERY_WORDS {
        return Err(err(
            format!(
                "the query has {words} words, more than {MAX_QUERY_WORDS} \
                 (query word limit {MAX_QUERY_WORDS})"
            ),
            0,
        ));
    }
    let mut parser = Parser {
        lexemes,
        at: 0,
        end,
        depth: 0,
    };
    let node = parser.or(Scope::Any)?;
    if let Some((lexeme, pos)) = parser.lexemes.get(parser.at) {
        let message = match lexeme {
            Lex::Close => "unexpected ) without (",
            _ => "unexpected text",
        };
        return Err(err(message, *pos));
    }
    if !has_positive(&node) {
        return Err(err(
            "the query only excludes words: add at least one word to search for",
            0,
        ));
    }
    Ok(node)
}

/// A query typed as `=…` asks for exact spellings only: whether it was, and the query
/// without the `=`.
pub fn split_exact(query: &str) -> (bool, &str) {
    let trimmed = query.trim_start();
    match trimmed.strip_prefix('=') {
        Some(rest) => (true, rest),
        None => (false, query),
    }
}

/// Whether the node requires at least one positive leaf.
pub(crate) fn has_positive(node: &Node) -> bool {
    match node {
        Node::Leaf(_) => true,
        Node::Not(_) => false,
        Node::And(items) => items.iter().any(has_positive),
        Node::Or(items) => items.iter().all(has_positive),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(text: &str, quoted: bool, scope: Scope) -> Node {
        Node::Leaf(Leaf::new(text, quoted, scope))
    }

    #[test]
    fn proximity_and_prefix() {
        let q = parse_query(r#""giải ngân vốn"~3 đầu* heading:(tư*)"#).unwrap();
        assert_eq!(
            q,
            Node::And(vec![
                Node::Leaf(Leaf {
                    slop: 3,
                    ..Leaf::new("giải ngân vốn", true, Scope::Any)
                }),
                Node::Leaf(Leaf {
                    prefix: true,
                    ..Leaf::new("đầu", false, Scope::Any)
                }),
                Node::Leaf(Leaf {
                    prefix: true,
                    ..Leaf::new("tư", false, Scope::Heading)
                }),
            ])
        );
        // A trailing question mark is punctuation, not a wildcard.
        assert_eq!(
            parse_query("bao nhiêu?").unwrap(),
            Node::And(vec![
                leaf("bao", false, Scope::Any),
                leaf("nhiêu?", false, Scope::Any),
            ])
        );
    }

    #[test]
    fn syntax_of_other_engines_is_refused() {
        for (q, needle) in [
            ("\"giải ngân\"~", "number of words"),
            ("\"giải ngân\"~x", "number of words"),
            ("\"giải ngân\"~999", "too wide"),
            ("\"giải ngân\"*", "prefix"),
            ("gi*i", "end of a word"),
            ("*ngan", "end of a word"),
            ("gi?i", "wildcards"),
            ("giai~", "fuzzy"),
            ("giai~2", "fuzzy"),
            ("giai^2", "boosts"),
            ("title:giai", "unknown field title:"),
            ("year:2024", "--year"),
            ("*", "letters"),
        ] {
            let e = parse_query(q).unwrap_err();
            assert!(e.message.contains(needle), "{q}: {e}");
            assert!(e.position > 0, "{q}: {e}");
        }
        // Colons that are not field prefixes stay text.
        assert!(parse_query("Lưu ý: giải ngân").is_ok());
        assert!(parse_query("10:30").is_ok());
    }

    #[test]
    fn words_phrases_exclusions() {
        let q = parse_query(r#"giải ngân "đầu tư công" -thuế"#).unwrap();
        assert_eq!(
            q,
            Node::And(vec![
                leaf("giải", false, Scope::Any),
                leaf("ngân", false, Scope::Any),
                leaf("đầu tư công", true, Scope::Any),
                Node::Not(Box::new(leaf("thuế", false, Scope::Any))),
            ])
        );
    }

    #[test]
    fn or_fields_and_groups() {
        let q = parse_query(r#"heading:"nông nghiệp" OR text:(lúa ngô) 11-NQ/TW"#).unwrap();
        assert_eq!(
            q,
            Node::Or(vec![
                leaf("nông nghiệp", true, Scope::Heading),
                Node::And(vec![
                    Node::And(vec![
                        leaf("lúa", false, Scope::Text),
                        leaf("ngô", false, Scope::Text)
                    ]),
                    leaf("11-NQ/TW", false, Scope::Any),
                ]),
            ])
        );
    }

    #[test]
    fn dashes_between_words_are_not_exclusions() {
        let q = parse_query("kinh tế - xã hội").unwrap();
        assert_eq!(
            q,
            Node::And(vec![
                leaf("kinh", false, Scope::Any),
                leaf("tế", false, Scope::Any),
                leaf("xã", false, Scope::Any),
                leaf("hội", false, Scope::Any),
            ])
        );
    }

    #[test]
    fn malformed_queries_have_positions() {
        let e = parse_query("\"giải ngân").unwrap_err();
        assert_eq!(e.position, 1);
        assert!(e.message.contains("quote"));
        let e = parse_query("AND (").unwrap_err();
        assert_eq!(e.position, 1);
        let e = parse_query("a OR").unwrap_err();
        assert_eq!(e.position, 3);
        assert!(parse_query("(a b").is_err());
        assert!(parse_query("a b)").is_err());
        assert!(parse_query("()").is_err());
        assert!(parse_query("").is_err());
        assert!(parse_query("   ").is_err());
        assert!(parse_query("-thuế").is_err());
        assert!(parse_query("heading:").is_err());
        assert!(parse_query("a OR -b").is_err());
        assert!(parse_query("NOT").is_err());
    }

    #[test]
    fn limits_are_named() {
        let deep = format!("{}giải ngân{}", "(".repeat(14_000), ")".repeat(14_000));
        let e = parse_query(&deep).unwrap_err();
        assert!(e.message.contains("query length limit"), "{e}");
        let deep = format!("{}giải{}", "(".repeat(40), ")".repeat(40));
        let e = parse_query(&deep).unwrap_err();
        assert!(e.message.contains("query depth limit 32"), "{e}");
        let ok = format!("{}giải{}", "(".repeat(32), ")".repeat(32));
        assert!(parse_query(&ok).is_ok());
        let e = parse_query(&"NOT ".repeat(100)).unwrap_err();
        assert!(e.message.contains("query depth limit"), "{e}");
        let many = "vốn ".repeat(MAX_QUERY_WORDS + 1);
        let e = parse_query(&many).unwrap_err();
        assert!(e.message.contains("query word limit"), "{e}");
        assert!(parse_query(&"vốn ".repeat(MAX_QUERY_WORDS)).is_ok());
        let phrase = format!("\"{}\"", "vốn ".repeat(MAX_QUERY_WORDS + 1));
        assert!(parse_query(&phrase).is_err());
    }
}
