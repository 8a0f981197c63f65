//! Query building, filters, facets and snippets over the index. Returns plain structs.
//!
//! # Library API
//!
//! ```no_run
//! use baocao::index::BaocaoIndex;
//! use baocao::search::{Filters, SearchRequest, Searcher, YearFilter};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let searcher = Searcher::new(&BaocaoIndex::open("index")?)?;
//! let mut request = SearchRequest::new("giai ngan von dau tu cong");
//! request.filters.year = Some(YearFilter::One(2024));
//! request.limit = 1000; // any limit works; it is clamped to the number of units
//! let results = searcher.search(&request)?;
//! for hit in &results.hits {
//!     println!("{} {}:{} {}", hit.id, hit.file, hit.line_start, hit.snippet);
//! }
//! let facets = searcher.facets(&request, &["year", "sector"])?;
//! # let _ = facets; Ok(()) }
//! ```
//!
//! - [`Searcher::search`]: ranked [`Hit`]s (every field of the `search --json` hit in docs/json.md,
//!   with the full `text`), the total number of matches, snippets with `<b>…</b>` marks on
//!   the original words.
//! - [`Searcher::facets`]: counts per facet value of the matching units.
//! - [`Searcher::outline`] / [`Searcher::unit`] / [`Searcher::show`]: a report's outline,
//!   one section with its footnotes.
//! - [`Searcher::stats`]: counts and index size.
//!
//! The query language is in [`query`]; malformed queries give [`SearchError::Query`].

mod build;
mod expand;
mod facets;
mod group;
pub mod query;
mod relax;
mod rewrite;
mod show;
mod snippet;
mod stats;
mod timeline;
pub mod vocab;
mod words;

use std::path::PathBuf;
use std::str::FromStr;

use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{Facet, Field, Value};
use tantivy::{IndexReader, TantivyDocument, TantivyError};

pub use crate::report::linemap::{LineFinder, LineMap};
pub use expand::MAX_PREFIX_EXPANSIONS;
pub use facets::{Counting, FacetCounts, FacetValue};
pub use group::{GroupedResults, ReportGroup, UNITS_PER_REPORT};
pub use query::{parse_query, Leaf, Node, QueryError, Scope};
pub use relax::FEW_MATCHES;
pub use show::{Outline, OutlineEntry, ReportInfo, Show, Unit};
pub use stats::Stats;
pub use timeline::{facet_for, Bucket, Timeline};

use crate::index::schema::{Fields, KIND_FOOTNOTE, KIND_SECTION};
use crate::index::{BaocaoIndex, IndexError};
use crate::report::Role;

/// Default snippet length, in characters.
pub const DEFAULT_SNIPPET_CHARS: usize = 240;

/// Errors of searching.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query is malformed (a usage error).
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A filter value is invalid (a usage error).
    #[error("{0}")]
    BadFilter(String),
    /// The index cannot be opened or read.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// Any other tantivy error while searching.
    #[error("search failed: {0}")]
    Tantivy(#[from] TantivyError),
}

impl From<std::io::Error> for SearchError {
    fn from(e: std::io::Error) -> Self {
        SearchError::Tantivy(TantivyError::from(e))
    }
}

impl SearchError {
    /// Whether the error is the user's input (query or filter): exit code 2.
    pub fn is_usage(&self) -> bool {
        matches!(self, SearchError::Query(_) | SearchError::BadFilter(_))
    }
}

/// Which units a query returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindFilter {
    /// Sections only.
    Section,
    /// Footnotes only.
    Footnote,
    /// Both.
    #[default]
    All,
}

impl KindFilter {
    /// `section`, `footnote` or `all`.
    pub fn as_str(self) -> &'static str {
        match self {
            KindFilter::Section => "section",
            KindFilter::Footnote => "footnote",
            KindFilter::All => "all",
        }
    }
}

impl FromStr for KindFilter {
    type Err = SearchError;

    /// `section`, `footnote` or `all`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "section" => Ok(KindFilter::Section),
            "footnote" => Ok(KindFilter::Footnote),
            "all" => Ok(KindFilter::All),
            other => Err(SearchError::BadFilter(format!(
                "kind must be section, footnote or all, not {other:?}"
            ))),
        }
    }
}

/// Filters as a user typed them (command-line options, URL parameters): the strings, before
/// [`Filters::from_input`] trims and checks them. Shared by every command and page that
/// filters (`search`, `facets`, `timeline`, `figures`, `serve`).
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterInput<'a> {
    /// `2024` or `2017..2019`.
    pub year: Option<&'a str>,
    /// Sector slugs (repeatable).
    pub sectors: &'a [String],
    /// Document type slug.
    pub doc_type: Option<&'a str>,
    /// Period.
    pub period: Option<&'a str>,
    /// Role slug.
    pub role: Option<&'a str>,
    /// Province name.
    pub province: Option<&'a str>,
    /// Issuer.
    pub issuer: Option<&'a str>,
    /// Sections, footnotes or both.
    pub kind: KindFilter,
}

impl Filters {
    /// The filters of what a user typed: each value trimmed, a blank one no filter, the
    /// year parsed (a malformed year is a [`SearchError::BadFilter`], a usage error).
    pub fn from_input(input: &FilterInput<'_>) -> Result<Filters, SearchError> {
        let text = |s: Option<&str>| {
            Some(s?.trim())
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        Ok(Filters {
            year: input.year.map(str::parse).transpose()?,
            sectors: input
                .sectors
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            doc_type: text(input.doc_type),
            period: text(input.period),
            role: text(input.role),
            province: text(input.province),
            issuer: text(input.issuer),
            kind: input.kind,
        })
    }
}

/// A year or an inclusive range of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearFilter {
    /// One year.
    One(u32),
    /// From..to, inclusive.
    Range(u32, u32),
}

impl FromStr for YearFilter {
    type Err = SearchError;

    /// `2024`, `2017..2019` (inclusive), also `2017..=2019` and `2017-2019`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            SearchError::BadFilter(format!(
                "--year {s:?}: expected a year like 2024 or a range like 2017..2019"
            ))
        };
        let year = |t: &str| -> Result<u32, SearchError> {
            let t = t.trim();
            if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            t.parse().map_err(|_| bad())
        };
        let s2 = s.trim();
        let split = s2
            .split_once("..=")
            .or_else(|| s2.split_once(".."))
            .or_else(|| s2.split_once('-'));
        match split {
            None => Ok(YearFilter::One(year(s2)?)),
            Some((a, b)) => {
                let (a, b) = (year(a)?, year(b)?);
                if a > b {
                    return Err(SearchError::BadFilter(format!(
                        "--year {s:?}: the range starts after it ends"
                    )));
                }
                Ok(if a == b {
                    YearFilter::One(a)
                } else {
                    YearFilter::Range(a, b)
                })
            }
        }
    }
}

/// Filters shared by search, facets and figures.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Years covered by the report.
    pub year: Option<YearFilter>,
    /// Sector slugs (any of them; a parent slug matches its children).
    pub sectors: Vec<String>,
    /// Document type slug (a parent slug matches its children).
    pub doc_type: Option<String>,
    /// Period of the report, as the `period` facet lists it (`2024`, `2024-02`, `2024-Q3`).
    pub period: Option<String>,
    /// Role slug.
    pub role: Option<String>,
    /// Province name, with or without diacritics.
    pub province: Option<String>,
    /// Issuer, with or without diacritics: its first words (`sở nội vụ`) or all of it.
    pub issuer: Option<String>,
    /// Sections, footnotes or both.
    pub kind: KindFilter,
}

/// A search: the query, its filters and the page of results wanted.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query (the syntax of the README, "Search").
    pub query: String,
    /// Filters.
    pub filters: Filters,
    /// Maximum number of hits (clamped to the number of units; 0 counts only).
    pub limit: usize,
    /// Number of hits to skip.
    pub offset: usize,
    /// Snippet length in characters (about); 0: no snippets and no match lines (for
    /// callers that only want the units).
    pub snippet_chars: usize,
    /// The order of the hits.
    pub sort: SortOrder,
    /// Only the exact spelling of every word, diacritics included (`--exact`, or the
    /// query typed as `=…`): no folding, no number words, no abbreviations.
    pub exact: bool,
    /// At most this many units of one report in the list, the others counted in the
    /// listed ones' `more_in_report`; units with the same text listed once, the others in
    /// its `also_in`. 0: every unit (the default).
    pub per_report: usize,
    /// Also match the query's number words and digits, abbreviations and long forms, and,
    /// when the strict query finds few units, the units missing one word (the default);
    /// false: the words as typed only (`--no-expand`).
    pub expand: bool,
}

/// The order of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest report first: by its date, else by the end of its period; the best match
    /// first among units of the same date.
    Date,
}

impl SearchRequest {
    /// A request with no filters, limit 10, offset 0 and the default snippet length.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            snippet_chars: DEFAULT_SNIPPET_CHARS,
            sort: SortOrder::Relevance,
            exact: false,
            per_report: 0,
            expand: true,
        }
    }
}

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// A numbered section.
    #[default]
    Section,
    /// A footnote.
    Footnote,
}

impl Kind {
    /// `section` or `footnote`: the value of the index's `kind` field and of the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Section => KIND_SECTION,
            Kind::Footnote => KIND_FOOTNOTE,
        }
    }
}

impl FromStr for Kind {
    type Err = SearchError;

    /// `section` or `footnote`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            KIND_SECTION => Ok(Kind::Section),
            KIND_FOOTNOTE => Ok(Kind::Footnote),
            other => Err(SearchError::BadFilter(format!(
                "kind must be section or footnote, not {other:?}"
            ))),
        }
    }
}

/// One ranked section or footnote.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Relevance score (higher is better).
    pub score: f32,
    /// Section or footnote.
    pub kind: Kind,
    /// Section id `doc_id#II.1.3` or footnote id `doc_id^4`.
    pub id: String,
    /// The section's own id, or the id of the section holding the footnote.
    pub section_id: Option<String>,
    /// Footnote number (footnotes only).
    pub number: Option<u32>,
    /// Report id.
    pub doc_id: String,
    /// File name.
    pub file: String,
    /// Absolute path of the source file when indexed from disk.
    pub source: Option<PathBuf>,
    /// Report title.
    pub title: String,
    /// Section path labels (for a footnote: its section's path).
    pub path: Vec<String>,
    /// Section heading (for a footnote: its section's heading).
    pub heading: String,
    /// Best fragment of the text, `<b>…</b>` around matches, other `<`, `>`, `&` escaped.
    pub snippet: String,
    /// Full text of the section or footnote.
    pub text: String,
    /// First line in the source file (1-based).
    pub line_start: usize,
    /// Last line in the source file (1-based).
    pub line_end: usize,
    /// Line of the first match in the source file (1-based): the line to cite. The
    /// heading's line (`line_start`) when the heading holds every word of the query, else
    /// the line of the first match of the snippet's window; `line_start` too when nothing
    /// matched the text or the text was not found in the source's lines at indexing.
    pub match_line: usize,
    /// Where the text sits in the source's lines, stored at indexing (empty for reports
    /// indexed from memory): the line of any piece of the text without reading the file.
    pub line_map: LineMap,
    /// Years covered by the report.
    pub years: Vec<i32>,
    /// Period of the report.
    pub period: String,
    /// Document type slug.
    pub doc_type: String,
    /// Sector slugs.
    pub sectors: Vec<String>,
    /// Role (none for the letterhead and closing blocks).
    pub role: Option<Role>,
    /// Province.
    pub province: Option<String>,
    /// Footnotes referenced by a section.
    pub footnote_refs: Vec<u32>,
    /// The report's issuer.
    pub issuer: Option<String>,
    /// The report's document number (`329/BC-UBND`).
    pub doc_number: Option<String>,
    /// The report's date (`2025-12-19`).
    pub date: Option<String>,
    /// The typed word (or phrase) this unit lacks: a missing-one-word unit listed after
    /// the units that hold every word (None for those).
    pub missing: Option<String>,
    /// With `per_report`: matching units of the same report not listed.
    pub more_in_report: usize,
    /// With `per_report`: ids of the other matching units with the same heading and text
    /// (a draft and its signed copy), not listed.
    pub also_in: Vec<String>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of units holding every word of the query (all pages).
    pub total: usize,
    /// Number of units missing one word, listed after those (0 unless fewer than
    /// [`FEW_MATCHES`] units hold every word of a query of 3 words or more).
    pub partial: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
}

/// Searches one index. Cheap to create; holds a reader on the last commit.
pub struct Searcher {
    index: BaocaoIndex,
    reader: IndexReader,
}

pub(crate) fn get_str(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

pub(crate) fn get_strs(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

pub(crate) fn get_u64(doc: &TantivyDocument, field: Field) -> Option<u64> {
    doc.get_first(field).and_then(|v| v.as_u64())
}

pub(crate) fn get_facets(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_facet())
        .filter_map(|encoded| Facet::from_encoded(encoded.as_bytes().to_vec()).ok())
        .map(|facet| facet.to_path().join("/"))
        .collect()
}

/// A hit's fields from its stored document (score and snippet left empty).
pub(crate) fn hit_from_doc(f: &Fields, doc: &TantivyDocument) -> Hit {
    let is_footnote = get_str(doc, f.kind) == KIND_FOOTNOTE;
    let heading = if is_footnote {
        get_str(doc, f.context_heading)
    } else {
        get_str(doc, f.heading)
    };
    let section_id = Some(get_str(doc, f.section_id)).filter(|s| !s.is_empty());
    let source = Some(get_str(doc, f.source))
        .filter(|s| !s.is_empty())
        .map(PathBuf::from);
    let line_start = get_u64(doc, f.line_start).unwrap_or(0) as usize;
    Hit {
        score: 0.0,
        kind: if is_footnote {
            Kind::Footnote
        } else {
            Kind::Section
        },
        id: get_str(doc, f.id),
        section_id,
        number: get_u64(doc, f.number).map(|n| n as u32),
        doc_id: get_str(doc, f.doc_id),
        file: get_str(doc, f.file),
        source,
        title: get_str(doc, f.title),
        path: get_strs(doc, f.path),
        heading,
        snippet: String::new(),
        text: get_str(doc, f.text),
        line_start,
        line_end: get_u64(doc, f.line_end).map_or(line_start, |n| n as usize),
        match_line: line_start,
        line_map: doc
            .get_first(f.line_map)
            .and_then(|v| v.as_bytes())
            .map(LineMap::from_bytes)
            .unwrap_or_default(),
        years: doc
            .get_all(f.years)
            .filter_map(|v| v.as_u64())
            .map(|y| y as i32)
            .collect(),
        period: get_facets(doc, f.period_facet)
            .into_iter()
            .next()
            .unwrap_or_default(),
        doc_type: get_facets(doc, f.doc_type_facet)
            .into_iter()
            .next()
            .unwrap_or_default(),
        sectors: get_facets(doc, f.sector_facet),
        role: get_facets(doc, f.role_facet)
            .into_iter()
            .next()
            .and_then(|slug| slug.parse().ok()),
        province: get_facets(doc, f.province_facet).into_iter().next(),
        footnote_refs: doc
            .get_all(f.footnote_refs)
            .filter_map(|v| v.as_u64())
            .map(|n| n as u32)
            .collect(),
        issuer: get_facets(doc, f.issuer).into_iter().next(),
        doc_number: Some(get_str(doc, f.doc_number)).filter(|s| !s.is_empty()),
        date: Some(get_str(doc, f.date)).filter(|s| !s.is_empty()),
        missing: None,
        more_in_report: 0,
        also_in: Vec::new(),
    }
}

impl Searcher {
    /// The hits of ranked documents: stored fields, snippets for `node`'s words and the
    /// line of the first match.
    pub(crate) fn hits(
        &self,
        searcher: &tantivy::Searcher,
        node: &Node,
        analyzers: &mut build::Analyzers,
        top: &[(f32, tantivy::DocAddress)],
        snippet_chars: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let f = self.index.fields();
        let mut terms = Vec::new();
        build::positive_terms(node, analyzers, &mut terms);
        let snippets = snippet::Snippets::new(searcher, f, &terms)?;
        let mut hits = Vec::with_capacity(top.len());
        for &(score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let mut hit = hit_from_doc(f, &doc);
            hit.score = score;
            if snippet_chars > 0 {
                let (snippet, at) = snippets.html_at(&hit.text, snippet_chars);
                hit.snippet = snippet;
                // The heading's line when the heading matches the whole query (the first
                // match is there), else the line of the snippet's first match.
                let in_heading = hit.kind == Kind::Section && snippets.holds_all(&hit.heading);
                if let (Some(at), false) = (at, in_heading) {
                    hit.match_line = match_line(&hit, at);
                }
            }
            hits.push(hit);
        }
        Ok(hits)
    }
}

/// The line of the source where the hit's text, from byte `at` on, begins, from the
/// unit's line map: its `line_start` when the map has nothing there. (Not bounded by
/// `line_end`: a footnote body printed inside a section's lines in the clean layout can
/// end after it.)
pub(crate) fn match_line(hit: &Hit, at: usize) -> usize {
    hit.line_map
        .line_at(&hit.text, at)
        .unwrap_or(hit.line_start)
}

/// What a request's query is compiled for ([`Searcher::compile`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A ranked list of hits (search, grouped search): a blank query is an error (there
    /// is nothing to rank by), and which typed pairs are words is looked up (it weighs
    /// the matches).
    Ranking,
    /// Every match, counted or listed (facets, timelines): a blank query means every unit
    /// under the filters; word pairs are looked up only when the matches are `scored`.
    Matching {
        /// Whether the matches' scores are used.
        scored: bool,
    },
}

/// A request compiled into one query ([`Searcher::compile`]).
pub(crate) struct Compiled {
    /// The query as prepared; None for a blank query.
    pub prepared: Option<build::Prepared>,
    /// The query to run: the prepared query under the filters.
    pub query: Box<dyn tantivy::query::Query>,
}

impl Compiled {
    /// The prepared query of a request compiled for [`Purpose::Ranking`], which refuses
    /// a blank query.
    fn ranked(&self) -> &build::Prepared {
        self.prepared
            .as_ref()
            .expect("Purpose::Ranking refuses a blank query")
    }
}

impl Searcher {
    /// A searcher over the last commit of `index`.
    pub fn new(index: &BaocaoIndex) -> Result<Searcher, SearchError> {
        Ok(Searcher {
            index: index.clone(),
            reader: index.reader()?,
        })
    }

    /// Opens the index in `dir` and returns a searcher over it.
    pub fn open(dir: impl AsRef<std::path::Path>) -> Result<Searcher, SearchError> {
        Self::new(&BaocaoIndex::open(dir)?)
    }

    /// The index searched.
    pub fn index(&self) -> &BaocaoIndex {
        &self.index
    }

    /// Whether the index holds no document at all (an index being built from scratch).
    pub fn is_empty(&self) -> bool {
        self.reader.searcher().num_docs() == 0
    }

    /// What identifies the commit searched now: its segments and their deletes. Two equal
    /// keys mean the same documents (for callers that keep results between calls).
    pub fn commit_key(&self) -> String {
        format!("{:?}", self.reader.searcher().generation().segments())
    }

    /// Reloads the reader to see the latest commit.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        Ok(())
    }

    /// The parsed query with its prefixes expanded and its alternatives (number words,
    /// abbreviations) added unless the request says not to, and the query as typed; None
    /// for a blank query. A query typed as `=…`, or `exact`, matches exact spellings only
    /// (set on `analyzers`). Which typed pairs are words (`words.rs`, postings read) is
    /// found only when the matches are `ranked`: it weighs them, it never changes which
    /// units match, so counting (facets) skips it.
    pub(crate) fn prepare(
        &self,
        request: &SearchRequest,
        ranked: bool,
        searcher: &tantivy::Searcher,
        analyzers: &mut build::Analyzers,
    ) -> Result<Option<build::Prepared>, SearchError> {
        let (typed_exact, query) = query::split_exact(&request.query);
        analyzers.exact_only = request.exact || typed_exact;
        if query.trim().is_empty() {
            return Ok(None);
        }
        let node = parse_query(query)?;
        let typed = if expand::has_prefix(&node) {
            expand::expand_prefixes(&node, searcher, self.index.fields(), analyzers)?
        } else {
            node
        };
        let node = if analyzers.exact_only || !request.expand {
            typed.clone()
        } else {
            rewrite::rewrite(&typed, &rewrite::Lookup::new(searcher, self.index.fields()))
        };
        let tokens = build::typed_tokens(&typed, analyzers);
        let words = if ranked && tokens.len() > 2 {
            words::word_pairs(
                searcher,
                self.index.fields().text_folded,
                self.index.fields().text_pairs,
                &tokens,
            )?
        } else {
            Vec::new()
        };
        Ok(Some(build::Prepared { node, typed, words }))
    }

    /// The request as one tantivy query: its text prepared ([`Searcher::prepare`]), its
    /// filters checked against the vocabulary ([`Searcher::check_filters`]) and both
    /// built together ([`build::build`]). What the query is for decides how a blank one
    /// is taken and whether word pairs are looked up (see [`Purpose`]).
    pub(crate) fn compile(
        &self,
        request: &SearchRequest,
        purpose: Purpose,
        searcher: &tantivy::Searcher,
        analyzers: &mut build::Analyzers,
    ) -> Result<Compiled, SearchError> {
        let ranked = match purpose {
            Purpose::Ranking => true,
            Purpose::Matching { scored } => scored,
        };
        let prepared = self.prepare(request, ranked, searcher, analyzers)?;
        // Refused before the filters are looked at: the query is what is wrong first.
        if prepared.is_none() && purpose == Purpose::Ranking {
            return Err(SearchError::Query(QueryError {
                message: "the query is empty".to_string(),
                position: 0,
            }));
        }
        self.check_filters(&request.filters)?;
        let query = build::build(&self.index, prepared.as_ref(), &request.filters, analyzers)?;
        Ok(Compiled { prepared, query })
    }

    /// Runs a search: ranked hits with snippets, and the total number of matches.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let mut analyzers = build::Analyzers::new();
        let compiled = self.compile(request, Purpose::Ranking, &searcher, &mut analyzers)?;
        let (prepared, query) = (compiled.ranked(), &compiled.query);
        let max = searcher.num_docs() as usize;
        let limit = request.limit.min(max);
        let all = request.per_report > 0;
        let wanted = request.offset.saturating_add(limit);
        let (strict, total) = self.ranked(&searcher, query, all, wanted, request.sort)?;
        let relaxed = if total < FEW_MATCHES && !analyzers.exact_only && request.expand {
            relax::relaxed(prepared)
        } else {
            Vec::new()
        };
        // (score, address, index of the missing item in `relaxed`).
        let mut ranked: Vec<(f32, tantivy::DocAddress, Option<usize>)> =
            strict.into_iter().map(|(s, a)| (s, a, None)).collect();
        let mut partial = 0;
        let mut partials = Vec::new();
        for (i, r) in relaxed.iter().enumerate() {
            let q = build::build(
                &self.index,
                Some(&r.prepared),
                &request.filters,
                &mut analyzers,
            )?;
            let (found, count) = self.ranked(&searcher, &q, all, wanted, request.sort)?;
            partial += count;
            partials.extend(
                found
                    .into_iter()
                    .map(|(s, a)| (s * relax::PARTIAL_WEIGHT, a, Some(i))),
            );
        }
        partials.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        ranked.extend(partials);
        let page: Vec<Listed> = if all {
            self.per_report(&searcher, &ranked, request.per_report, wanted)?
        } else {
            ranked
                .iter()
                .map(|&(score, address, missing)| Listed {
                    score,
                    address,
                    missing,
                    more: 0,
                    also_in: Vec::new(),
                })
                .collect()
        };
        let page: Vec<Listed> = page.into_iter().skip(request.offset).take(limit).collect();
        let top: Vec<(f32, tantivy::DocAddress)> =
            page.iter().map(|l| (l.score, l.address)).collect();
        let mut hits = self.hits(
            &searcher,
            &prepared.node,
            &mut analyzers,
            &top,
            request.snippet_chars,
        )?;
        for (hit, listed) in hits.iter_mut().zip(page) {
            hit.missing = listed.missing.map(|i| relaxed[i].missing.clone());
            hit.more_in_report = listed.more;
            for address in listed.also_in {
                let doc: TantivyDocument = searcher.doc(address)?;
                hit.also_in.push(get_str(&doc, self.index.fields().id));
            }
        }
        Ok(SearchResults {
            query: request.query.clone(),
            total,
            partial,
            hits,
        })
    }

    /// The matches of `query`, best first (all of them when `all`, else the first
    /// `wanted`), and how many there are. (A count alone when none is wanted, and a
    /// count beside the first hits otherwise, as before issue 15: tantivy's phrase
    /// scorer fails on some excluded phrases in the other path of each.)
    fn ranked(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn tantivy::query::Query,
        all: bool,
        wanted: usize,
        sort: SortOrder,
    ) -> Result<(Vec<(f32, tantivy::DocAddress)>, usize), SearchError> {
        if !all && wanted == 0 {
            return Ok((Vec::new(), searcher.search(query, &Count)?));
        }
        if !all && sort == SortOrder::Date {
            let collector =
                TopDocs::with_limit(wanted).tweak_score(|segment: &tantivy::SegmentReader| {
                    let dates = sort_dates(segment);
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        (dates.as_ref().map_or(0, |d| d.get_val(doc)), score)
                    }
                });
            let (top, count) = searcher.search(query, &(collector, Count))?;
            let top = top
                .into_iter()
                .map(|((_, score), address)| (score, address))
                .collect();
            return Ok((top, count));
        }
        if !all {
            let collector = TopDocs::with_limit(wanted).order_by_score();
            let (mut top, count) = searcher.search(query, &(collector, Count))?;
            top.truncate(wanted);
            return Ok((top, count));
        }
        // (date, score, address): the date only read when sorting by it.
        let mut out: Vec<(u64, f32, tantivy::DocAddress)> = Vec::new();
        for segment_docs in searcher.search(query, &timeline::AllDocs { scoring: true })? {
            let dates = (sort == SortOrder::Date)
                .then(|| sort_dates(searcher.segment_reader(segment_docs.segment)))
                .flatten();
            for &(doc, score) in &segment_docs.docs {
                let date = dates.as_ref().map_or(0, |d| d.get_val(doc));
                out.push((
                    date,
                    score,
                    tantivy::DocAddress::new(segment_docs.segment, doc),
                ));
            }
        }
        out.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| b.1.total_cmp(&a.1))
                .then_with(|| a.2.cmp(&b.2))
        });
        let count = out.len();
        Ok((out.into_iter().map(|(_, s, a)| (s, a)).collect(), count))
    }

    /// The first `wanted` entries of `ranked` with at most `per_report` units of one
    /// report (the others counted in `more`) and each heading + text once (the other
    /// units with the same in `also_in`).
    fn per_report(
        &self,
        searcher: &tantivy::Searcher,
        ranked: &[(f32, tantivy::DocAddress, Option<usize>)],
        per_report: usize,
        wanted: usize,
    ) -> Result<Vec<Listed>, SearchError> {
        use std::collections::HashMap;
        type Column = std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>;
        // Which report and which words each candidate has, from two columns: no stored
        // document is read here (only the hits listed are, later).
        let mut columns: HashMap<u32, (Column, Column)> = HashMap::new();
        let mut listed: Vec<Listed> = Vec::new();
        let mut shown_per_report: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut texts: HashMap<u64, usize> = HashMap::new();
        let mut more: HashMap<u64, usize> = HashMap::new();
        for &(score, address, missing) in ranked {
            let (reports, words) = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                    let column = |name: &str| -> Result<Column, SearchError> {
                        Ok(fast.u64(name)?.first_or_default_col(0))
                    };
                    e.insert((
                        column(crate::index::schema::REPORT_KEY)?,
                        column(crate::index::schema::TEXT_KEY)?,
                    ))
                }
            };
            let (report, text_key) = (
                reports.get_val(address.doc_id),
                words.get_val(address.doc_id),
            );
            let full = listed.len() >= wanted;
            let shown = shown_per_report.get(&report).map_or(0, Vec::len);
            if shown >= per_report {
                *more.entry(report).or_default() += 1;
                continue;
            }
            // Same text as a listed unit: ties in score, so look only while not full or
            // tied with the last listed.
            if full && listed.last().is_some_and(|l| score < l.score - SAME_SCORE) {
                *more.entry(report).or_default() += usize::from(shown > 0);
                continue;
            }
            if let Some(&first) = texts.get(&text_key) {
                listed[first].also_in.push(address);
                continue;
            }
            if full {
                *more.entry(report).or_default() += usize::from(shown > 0);
                continue;
            }
            texts.insert(text_key, listed.len());
            shown_per_report
                .entry(report)
                .or_default()
                .push(listed.len());
            listed.push(Listed {
                score,
                address,
                missing,
                more: 0,
                also_in: Vec::new(),
            });
        }
        for (report, n) in more {
            for &i in shown_per_report.get(&report).into_iter().flatten() {
                listed[i].more = n;
            }
        }
        Ok(listed)
    }
}

/// Scores closer than this are a tie (units with the same heading and text score alike).
const SAME_SCORE: f32 = 1e-4;

/// One entry of a result list before its hit is built.
struct Listed {
    score: f32,
    address: tantivy::DocAddress,
    missing: Option<usize>,
    more: usize,
    /// The units with the same heading and text, listed once with this one.
    also_in: Vec<tantivy::DocAddress>,
}

/// The sort date column of a segment (the report's date, else the end of its period;
/// 0 when unknown), for `--sort date`.
fn sort_dates(
    segment: &tantivy::SegmentReader,
) -> Option<std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>> {
    segment
        .fast_fields()
        .u64(crate::index::schema::SORT_DATE)
        .ok()
        .map(|c| c.first_or_default_col(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Footnote, Metadata, Report, Section};

    #[test]
    fn kinds_read_back_from_their_names() {
        for k in [Kind::Section, Kind::Footnote] {
            assert_eq!(k.as_str().parse::<Kind>().unwrap(), k);
        }
        assert!("report".parse::<Kind>().is_err());
        for k in [KindFilter::Section, KindFilter::Footnote, KindFilter::All] {
            assert_eq!(k.as_str().parse::<KindFilter>().unwrap(), k);
        }
        assert!("both".parse::<KindFilter>().unwrap_err().is_usage());
    }

    #[test]
    fn typed_filters_are_trimmed_and_blanks_dropped() {
        let sectors = [" kinh-te ".to_string(), "  ".to_string()];
        let f = Filters::from_input(&FilterInput {
            year: Some("2017..2019"),
            sectors: &sectors,
            doc_type: Some("  "),
            province: Some(" Lạng Sơn "),
            ..FilterInput::default()
        })
        .unwrap();
        assert_eq!(f.year, Some(YearFilter::Range(2017, 2019)));
        assert_eq!(f.sectors, ["kinh-te"]);
        assert_eq!(f.doc_type, None);
        assert_eq!(f.province.as_deref(), Some("Lạng Sơn"));
        let bad = Filters::from_input(&FilterInput {
            year: Some("20x4"),
            ..FilterInput::default()
        });
        assert!(bad.unwrap_err().is_usage());
    }

    fn section(doc: &str, path: &[&str], heading: &str, text: &str, sectors: &[&str]) -> Section {
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        Section {
            id: crate::report::section_id(doc, &path),
            path,
            heading: heading.to_string(),
            text: text.to_string(),
            line_start: 10,
            line_end: 12,
            sectors: sectors.iter().map(|s| s.to_string()).collect(),
            role: Some(Role::TinhHinh),
            footnote_refs: vec![],
        }
    }

    fn report(doc: &str, year: i32, doc_type: &str, sections: Vec<Section>) -> Report {
        Report {
            metadata: Metadata {
                file: format!("{doc}.txt"),
                doc_id: doc.to_string(),
                title: format!("Báo cáo {doc}"),
                doc_type: doc_type.to_string(),
                years: vec![year],
                period: year.to_string(),
                issuer: None,
                province: Some("Lạng Sơn".to_string()),
                signer: None,
                number: None,
                date: None,
            },
            preamble: String::new(),
            sections,
            footnotes: vec![],
        }
    }

    fn fixture() -> Searcher {
        let a = "a";
        let b = "b";
        let mut ra = report(
            a,
            2024,
            "bao-cao/thang",
            vec![
                section(
                    a,
                    &["I"],
                    "Đầu tư công",
                    "Đẩy nhanh giải ngân vốn đầu tư công năm 2024.",
                    &["kinh-te/dau-tu-ha-tang"],
                ),
                section(
                    a,
                    &["II"],
                    "Năng lượng",
                    "Thủy điện Bản Nhùng đang thi công.",
                    &["kinh-te/cong-nghiep"],
                ),
                section(
                    a,
                    &["III"],
                    "Khác",
                    "Vốn cho công tác giải phóng mặt bằng và đầu tư trường học.",
                    &["van-hoa-xa-hoi/giao-duc"],
                ),
            ],
        );
        ra.footnotes.push(Footnote {
            number: 1,
            text: "Giải ngân đến hết tháng 02: 189 tỷ đồng.".to_string(),
            section_id: Some(crate::report::section_id(a, &["I".to_string()])),
            line_start: 40,
            sectors: vec![],
            role: Some(Role::TinhHinh),
        });
        let rb = report(
            b,
            2023,
            "bao-cao/nam",
            vec![
                section(
                    b,
                    &["1"],
                    "Xây dựng",
                    "Tích cực giải ngân nguồn vốn đầu tư công các dự án.",
                    &["kinh-te/dau-tu-ha-tang"],
                ),
                section(
                    b,
                    &["2"],
                    "Công nghiệp",
                    "Dự án thuỷ điện Bản Nhùng hoàn thành.",
                    &["kinh-te/cong-nghiep"],
                ),
            ],
        );
        let index = BaocaoIndex::create_in_ram();
        index.add_reports(&[ra, rb]).unwrap();
        Searcher::new(&index).unwrap()
    }

    fn ids(searcher: &Searcher, request: &SearchRequest) -> Vec<String> {
        searcher
            .search(request)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn phrase_ranks_first_and_gapped_words_are_found() {
        let s = fixture();
        for q in ["giải ngân vốn đầu tư công", "giai ngan von dau tu cong"] {
            let got = ids(&s, &SearchRequest::new(q));
            assert_eq!(got.first().map(String::as_str), Some("a#I"), "{q}: {got:?}");
            assert!(got.contains(&"b#1".to_string()), "{q}: {got:?}");
        }
    }

    #[test]
    fn tone_styles_are_equal_and_folded_queries_match() {
        let s = fixture();
        let r = s
            .search(&SearchRequest::new("thủy điện Bản Nhùng"))
            .unwrap();
        assert_eq!(r.total, 2);
        let folded = s
            .search(&SearchRequest::new("thuy dien ban nhung"))
            .unwrap();
        assert_eq!(folded.total, 2);
        // Both tone styles get the exact-diacritic bonus.
        for hit in &r.hits {
            let plain = folded.hits.iter().find(|h| h.id == hit.id).unwrap();
            assert!(
                hit.score > plain.score * 1.2,
                "{} {} {}",
                hit.id,
                hit.score,
                plain.score
            );
        }
        assert!(r.hits.iter().all(|h| h.snippet.contains("<b>")));
        let snippet = &r.hits.iter().find(|h| h.doc_id == "b").unwrap().snippet;
        assert!(snippet.contains("<b>thuỷ điện Bản Nhùng</b>"), "{snippet}");
    }

    #[test]
    fn filters_restrict_results() {
        let s = fixture();
        let mut req = SearchRequest::new("giai ngan");
        req.filters.year = Some(YearFilter::One(2023));
        assert!(ids(&s, &req).iter().all(|id| id.starts_with("b")));
        req.filters.year = Some(YearFilter::Range(2020, 2030));
        req.filters.doc_type = Some("bao-cao/thang".into());
        let got = ids(&s, &req);
        assert!(
            !got.is_empty() && got.iter().all(|id| id.starts_with("a")),
            "{got:?}"
        );
        req.filters.doc_type = Some("bao-cao".into());
        req.filters.kind = KindFilter::Footnote;
        assert_eq!(ids(&s, &req), ["a^1"]);
        let mut req = SearchRequest::new("du an");
        req.filters.sectors = vec!["kinh-te".into()];
        req.filters.province = Some("lang son".into());
        assert_eq!(ids(&s, &req).len(), 2);
        req.filters.province = Some("Hà Nội".into());
        assert!(ids(&s, &req).is_empty());
    }

    #[test]
    fn exclusions_or_and_fields() {
        let s = fixture();
        let got = ids(&s, &SearchRequest::new("giai ngan -nguon"));
        assert!(!got.contains(&"b#1".to_string()), "{got:?}");
        let got = ids(&s, &SearchRequest::new("heading:\"dau tu\""));
        assert_eq!(got, ["a#I"]);
        let got = ids(&s, &SearchRequest::new("truong OR \"ban nhung\""));
        assert_eq!(got.len(), 3, "{got:?}");
        let err = s.search(&SearchRequest::new("\"giải ngân")).unwrap_err();
        assert!(err.is_usage());
    }

    #[test]
    fn facets_show_and_stats() {
        let s = fixture();
        let counts = s.facets(&SearchRequest::new("giai ngan"), &[]).unwrap();
        let years: u64 = counts.get("year").unwrap().iter().map(|v| v.count).sum();
        assert_eq!(years as usize, counts.total);
        let sectors = counts.get("sector").unwrap();
        assert!(sectors.iter().any(|v| v.value == "kinh-te"));
        assert!(sectors.iter().any(|v| v.value == "kinh-te/dau-tu-ha-tang"));
        let Some(Show::Unit(unit)) = s.show("a#I").unwrap() else {
            panic!("no unit")
        };
        assert_eq!(unit.footnotes.len(), 1);
        assert_eq!(unit.report.doc_id, "a");
        let Some(Show::Outline(outline)) = s.show("a.txt").unwrap() else {
            panic!("no outline")
        };
        assert_eq!(outline.sections.len(), 3);
        assert_eq!(outline.sections[1].id, "a#II");
        assert!(s.show("zzz").unwrap().is_none());
        let stats = s.stats().unwrap();
        assert_eq!((stats.reports, stats.sections, stats.footnotes), (2, 5, 1));
    }

    #[test]
    fn a_blank_query_is_refused_before_the_filters_only_where_hits_are_ranked() {
        let s = fixture();
        let mut req = SearchRequest::new("  ");
        req.filters.role = Some("nope".to_string());
        let empty = |e: SearchError| matches!(e, SearchError::Query(q) if q.message == "the query is empty");
        assert!(empty(s.search(&req).unwrap_err()));
        assert!(empty(s.search_grouped(&req, 1).unwrap_err()));
        // Counting takes a blank query as every unit: the unknown role is what is wrong.
        assert!(matches!(
            s.facets(&req, &[]),
            Err(SearchError::BadFilter(_))
        ));
        req.filters.role = None;
        assert_eq!(s.facets(&req, &[]).unwrap().total, 6);
    }

    #[test]
    fn year_filters_parse() {
        assert_eq!("2024".parse::<YearFilter>().unwrap(), YearFilter::One(2024));
        assert_eq!(
            "2017..2019".parse::<YearFilter>().unwrap(),
            YearFilter::Range(2017, 2019)
        );
        assert_eq!(
            "2017-2019".parse::<YearFilter>().unwrap(),
            YearFilter::Range(2017, 2019)
        );
        assert!("2019..2017".parse::<YearFilter>().is_err());
        assert!("20x4".parse::<YearFilter>().is_err());
        assert!("".parse::<YearFilter>().unwrap_err().is_usage());
    }
}
