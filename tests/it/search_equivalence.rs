//! The hit set of a search equals the phrase semantics of the query language, evaluated by
//! an oracle that scans every indexed unit's stored heading and text: a word or a
//! `"phrase"` (or a word the analyzer splits, `11-NQ/TW`) matches a unit when its folded
//! tokens stand side by side, in that order, in the folded heading (sections) or text;
//! words are all required, `OR` takes any, `-` excludes, `heading:` / `text:` restrict;
//! filters restrict by kind, year, sector, type, role and province; a prefix `word*`
//! matches a unit holding a folded token that starts with the word's folded token.
//!
//! The queries are a fixed list plus phrases sampled from the indexed text itself
//! (windows of 2–6 tokens, typed with their diacritics and folded) and "false pairs"
//! (`a b c` where `a b` and `b c` occur in one unit but not `a b c`), on the bundled
//! corpus and on a generated one. The oracle was checked against the positional phrase
//! queries that ran before the syllable-pair field (same hit sets), so the pair field
//! changes no answer.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use baocao::analysis::{fold, folded_tokens};
use baocao::index::schema::{Fields, KIND_FOOTNOTE, KIND_SECTION};
use baocao::index::{BaocaoIndex, IndexOptions};
use baocao::search::{
    parse_query, Filters, KindFilter, Leaf, Node, Scope, SearchRequest, Searcher, YearFilter,
};
use baocao::synth::{generate, SplitMix64, SynthConfig, Template};
use tantivy::schema::{Facet, Value};
use tantivy::TantivyDocument;

/// A unit as the oracle sees it: stored fields, folded tokens.
struct Unit {
    id: String,
    kind: String,
    heading: Vec<String>,
    text: Vec<String>,
    /// Original text and the byte range of each token (for sampling typed phrases).
    raw_text: String,
    offsets: Vec<(usize, usize)>,
    years: Vec<u64>,
    sectors: Vec<Facet>,
    doc_type: Option<Facet>,
    role: Option<Facet>,
    province: Option<String>,
}

struct Corpus {
    /// Keeps the index directory alive.
    _dir: tempfile::TempDir,
    searcher: Searcher,
    units: Vec<Unit>,
}

fn facets(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<Facet> {
    doc.get_all(field)
        .filter_map(|v| v.as_facet())
        .filter_map(|e| Facet::from_encoded(e.as_bytes().to_vec()).ok())
        .collect()
}

fn first_str(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// Indexes `dir` through the real indexing pipeline and reads every unit back.
fn load(corpus: &Path) -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    let index = BaocaoIndex::create_or_open(dir.path().join("index")).unwrap();
    let summary = index
        .index_paths(
            &[corpus.to_path_buf()],
            &IndexOptions::default(),
            &mut |_| {},
        )
        .unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    let f: Fields = *index.fields();
    let searcher = Searcher::new(&index).unwrap();
    let reader = index.reader().unwrap();
    let tantivy_searcher = reader.searcher();
    let mut units = Vec::new();
    for (ord, segment) in tantivy_searcher.segment_readers().iter().enumerate() {
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = tantivy_searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc_id))
                .unwrap();
            let kind = first_str(&doc, f.kind);
            if kind != KIND_SECTION && kind != KIND_FOOTNOTE {
                continue;
            }
            let raw_text = first_str(&doc, f.text);
            let tokens = folded_tokens(&raw_text);
            // Footnotes have no searchable heading (their section's heading is stored only).
            let heading = if kind == KIND_SECTION {
                folded_tokens(&first_str(&doc, f.heading))
                    .into_iter()
                    .map(|t| t.text)
                    .collect()
            } else {
                Vec::new()
            };
            units.push(Unit {
                id: first_str(&doc, f.id),
                kind,
                heading,
                text: tokens.iter().map(|t| t.text.clone()).collect(),
                offsets: tokens
                    .iter()
                    .map(|t| (t.offset_from, t.offset_to))
                    .collect(),
                raw_text,
                years: doc.get_all(f.years).filter_map(|v| v.as_u64()).collect(),
                sectors: facets(&doc, f.sector_facet),
                doc_type: facets(&doc, f.doc_type_facet).into_iter().next(),
                role: facets(&doc, f.role_facet).into_iter().next(),
                province: facets(&doc, f.province_facet)
                    .into_iter()
                    .next()
                    .map(|p| fold(&p.to_path().join("/"))),
            });
        }
    }
    units.sort_by(|a, b| a.id.cmp(&b.id));
    Corpus {
        _dir: dir,
        searcher,
        units,
    }
}

fn bundled() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")))
}

/// Size of the generated corpus: a few hundred sections and footnotes per template
/// variant, both layouts.
const SYNTH_BYTES: usize = 2_500_000;

fn synthetic() -> &'static (tempfile::TempDir, Corpus) {
    static C: OnceLock<(tempfile::TempDir, Corpus)> = OnceLock::new();
    C.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut paths: Vec<PathBuf> = fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        let templates: Vec<Template> = paths
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                Template::new(&name, &fs::read_to_string(p).unwrap())
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("synth");
        fs::create_dir_all(&out).unwrap();
        let config = SynthConfig {
            seed: 1414,
            ..SynthConfig::default()
        };
        let (mut total, mut i) = (0, 0);
        while total < SYNTH_BYTES {
            let d = generate(&templates, &config, i);
            total += d.text.len();
            fs::write(out.join(&d.file), &d.text).unwrap();
            i += 1;
        }
        let corpus = load(&out);
        (dir, corpus)
    })
}

/// Whether `needle` occurs as consecutive tokens of `hay`.
fn contains_run(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The oracle's value of a node: None when it has no token (it is then left out, as the
/// query builder leaves it out), else whether the unit matches.
fn eval(node: &Node, unit: &Unit) -> Option<bool> {
    match node {
        Node::Leaf(leaf) => eval_leaf(leaf, unit),
        Node::Not(inner) => eval(inner, unit),
        Node::And(items) => {
            let mut any_required = false;
            let mut all = true;
            for item in items {
                match item {
                    Node::Not(inner) => {
                        if eval(inner, unit) == Some(true) {
                            all = false;
                        }
                    }
                    other => {
                        if let Some(m) = eval(other, unit) {
                            any_required = true;
                            all &= m;
                        }
                    }
                }
            }
            any_required.then_some(all)
        }
        Node::Or(items) => {
            let values: Vec<bool> = items.iter().filter_map(|i| eval(i, unit)).collect();
            (!values.is_empty()).then(|| values.iter().any(|v| *v))
        }
    }
}

fn eval_leaf(leaf: &Leaf, unit: &Unit) -> Option<bool> {
    let tokens: Vec<String> = folded_tokens(&leaf.text)
        .into_iter()
        .map(|t| t.text)
        .collect();
    if tokens.is_empty() {
        return None;
    }
    if leaf.prefix {
        let [stem] = tokens.as_slice() else {
            panic!(
                "{}*: a prefix of several tokens is a usage error",
                leaf.text
            );
        };
        let starts = |hay: &[String]| hay.iter().any(|t| t.starts_with(stem.as_str()));
        return Some(
            (leaf.scope != Scope::Text && starts(&unit.heading))
                || (leaf.scope != Scope::Heading && starts(&unit.text)),
        );
    }
    let in_heading = leaf.scope != Scope::Text && contains_run(&unit.heading, &tokens);
    let in_text = leaf.scope != Scope::Heading && contains_run(&unit.text, &tokens);
    Some(in_heading || in_text)
}

fn passes(filters: &Filters, unit: &Unit) -> bool {
    let kind_ok = match filters.kind {
        KindFilter::Section => unit.kind == KIND_SECTION,
        KindFilter::Footnote => unit.kind == KIND_FOOTNOTE,
        KindFilter::All => true,
    };
    let year_ok = match filters.year {
        None => true,
        Some(YearFilter::One(y)) => unit.years.contains(&u64::from(y)),
        Some(YearFilter::Range(a, b)) => unit
            .years
            .iter()
            .any(|y| (u64::from(a)..=u64::from(b)).contains(y)),
    };
    let under = |facet: &Facet, slug: &str| {
        let want = Facet::from_path(slug.split('/').filter(|s| !s.is_empty()));
        want.is_prefix_of(facet) || want == *facet
    };
    let sector_ok = filters.sectors.is_empty()
        || filters
            .sectors
            .iter()
            .any(|s| unit.sectors.iter().any(|f| under(f, s)));
    let type_ok = filters
        .doc_type
        .as_ref()
        .is_none_or(|t| unit.doc_type.as_ref().is_some_and(|f| under(f, t)));
    let role_ok = filters
        .role
        .as_ref()
        .is_none_or(|r| unit.role.as_ref().is_some_and(|f| under(f, r)));
    let province_ok = filters
        .province
        .as_ref()
        .is_none_or(|p| unit.province.as_deref() == Some(fold(p.trim()).as_str()));
    kind_ok && year_ok && sector_ok && type_ok && role_ok && province_ok
}

fn oracle(corpus: &Corpus, query: &str, filters: &Filters) -> BTreeSet<String> {
    let node = parse_query(query).unwrap();
    corpus
        .units
        .iter()
        .filter(|u| passes(filters, u) && eval(&node, u) == Some(true))
        .map(|u| u.id.clone())
        .collect()
}

/// The search's hit set (every page) and its total; None when the query is a prefix
/// refused for standing for too many words.
fn engine(corpus: &Corpus, query: &str, filters: &Filters) -> Option<(BTreeSet<String>, usize)> {
    let mut request = SearchRequest::new(query);
    request.filters = filters.clone();
    request.limit = usize::MAX;
    // The query's own words: the oracle knows neither number words, abbreviations nor
    // the missing-one-word fallback (those are tested in `search_relevance`).
    request.expand = false;
    let results = match corpus.searcher.search(&request) {
        Ok(r) => r,
        // A prefix that starts too many words is refused (a usage error), not searched.
        Err(e) if query.contains('*') && e.to_string().contains("type more letters") => {
            return None;
        }
        Err(e) => panic!("{query}: {e}"),
    };
    let ids: BTreeSet<String> = results.hits.iter().map(|h| h.id.clone()).collect();
    assert_eq!(ids.len(), results.hits.len(), "{query}: a hit listed twice");
    Some((ids, results.total))
}

/// Compares engine and oracle on every query; returns how many had hits.
fn check(corpus: &Corpus, queries: &[(String, Filters)]) -> usize {
    let mut failures = Vec::new();
    let mut with_hits = 0;
    let mut refused = 0;
    for (query, filters) in queries {
        let Some((got, total)) = engine(corpus, query, filters) else {
            refused += 1;
            continue;
        };
        let want = oracle(corpus, query, filters);
        if got != want || total != want.len() {
            let missing: Vec<_> = want.difference(&got).take(3).collect();
            let extra: Vec<_> = got.difference(&want).take(3).collect();
            failures.push(format!(
                "{query:?} {filters:?}: oracle {} hits, engine {} (total {total}); missing {missing:?}, extra {extra:?}",
                want.len(),
                got.len()
            ));
        }
        with_hits += usize::from(!want.is_empty());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        refused * 10 <= queries.len(),
        "{refused} of {} queries refused",
        queries.len()
    );
    with_hits
}

fn no_filters(queries: &[&str]) -> Vec<(String, Filters)> {
    queries
        .iter()
        .map(|q| (q.to_string(), Filters::default()))
        .collect()
}

/// The fixed queries: phrases of 2 to 6 syllables with and without diacritics, words,
/// repeated syllables, document codes and numbers, fields, OR, exclusions.
const FIXED: &[&str] = &[
    "\"giải ngân vốn đầu tư công\"",
    "\"giai ngan von dau tu cong\"",
    "giai ngan von dau tu cong",
    "giải ngân vốn đầu tư công",
    "\"đầu tư công\"",
    "\"dau tu\"",
    "\"ngân sách\"",
    "ngân sách",
    "\"kinh tế - xã hội\"",
    "\"kinh te xa hoi\"",
    "\"xây dựng nông thôn mới\"",
    "\"chương trình mục tiêu quốc gia\"",
    "\"tỷ đồng\"",
    "\"ty dong ty dong\"",
    "\"các các\"",
    "\"năm năm\"",
    "\"công tác công tác\"",
    "11-NQ/TW",
    "\"nq tw\"",
    "\"QĐ-UBND\"",
    "\"qd ubnd ngay\"",
    "\"1.236,87 tỷ đồng\"",
    "\"năm 2024\"",
    "\"2023 2024\"",
    "heading:\"nông nghiệp\"",
    "text:\"nông nghiệp\"",
    "heading:(kinh tế)",
    "heading:\"kinh te xa hoi\" text:\"dau tu\"",
    "\"nông nghiệp\" OR \"lâm nghiệp\"",
    "\"đầu tư công\" -\"trung ương\"",
    "giải ngân -\"đầu tư công\"",
    "\"ngân sách nhà nước\" OR (thu chi -\"ngân sách\")",
    "\"tỉnh lạng sơn\" OR heading:\"lạng sơn\"",
    "\"giải ngân\" \"đầu tư\"",
    "\"giai ngan\" -\"von dau tu cong\"",
    "\"không có cụm từ này trong báo cáo\"",
    "\"báo cáo báo cáo báo cáo\"",
    "giai*",
    "\"dau tu\" cong*",
    "nong* -\"nong thon\"",
    "heading:kinh* text:\"ngan sach\"",
    "tang* OR giam*",
];

fn filtered() -> Vec<(String, Filters)> {
    let mut out = Vec::new();
    let mut f = Filters {
        year: Some(YearFilter::Range(2015, 2024)),
        ..Filters::default()
    };
    out.push(("\"dau tu cong\"".to_string(), f.clone()));
    f.kind = KindFilter::Footnote;
    out.push(("\"giai ngan\"".to_string(), f.clone()));
    let f = Filters {
        sectors: vec!["kinh-te".to_string()],
        doc_type: Some("bao-cao".to_string()),
        ..Filters::default()
    };
    out.push(("\"von dau tu\"".to_string(), f));
    let f = Filters {
        province: Some("Lạng Sơn".to_string()),
        kind: KindFilter::Section,
        ..Filters::default()
    };
    out.push(("\"ngân sách nhà nước\"".to_string(), f));
    out
}

/// Phrases sampled from the units' own text: a window of 2–6 tokens typed as written
/// (with diacritics, punctuation between the words kept) and folded; and "false pairs".
fn sampled(corpus: &Corpus, seed: u64, n: usize) -> Vec<(String, Filters)> {
    let mut rng = SplitMix64::new(seed);
    let mut out = Vec::new();
    let units: Vec<&Unit> = corpus.units.iter().filter(|u| u.text.len() >= 8).collect();
    assert!(!units.is_empty());
    let mut tries = 0;
    while out.len() < n && tries < n * 20 {
        tries += 1;
        let u = units[rng.below(units.len() as u64) as usize];
        let len = 2 + rng.below(5) as usize;
        let start = rng.below((u.text.len() - len) as u64) as usize;
        let (from, to) = (u.offsets[start].0, u.offsets[start + len - 1].1);
        let typed = &u.raw_text[from..to];
        if typed.contains(['"', '“', '”']) {
            continue;
        }
        out.push((format!("\"{typed}\""), Filters::default()));
        out.push((
            format!("\"{}\"", u.text[start..start + len].join(" ")),
            Filters::default(),
        ));
        // A prefix: the token without its last letter, alone and after the token before.
        let word = &u.text[start + 1];
        if word.chars().count() >= 4 {
            let stem: String = word.chars().take(word.chars().count() - 1).collect();
            out.push((format!("{stem}*"), Filters::default()));
            out.push((format!("{} {stem}*", u.text[start]), Filters::default()));
        }
        // a b c where `a b` and `b c` are in this unit, around two occurrences of b.
        if let Some((i, j)) = repeated_middle(&u.text, &mut rng) {
            let phrase = [&u.text[i - 1], &u.text[i], &u.text[j + 1]];
            out.push((
                format!("\"{} {} {}\"", phrase[0], phrase[1], phrase[2]),
                Filters::default(),
            ));
        }
    }
    out
}

/// Two positions i < j of the same token, with a token before i and after j.
fn repeated_middle(tokens: &[String], rng: &mut SplitMix64) -> Option<(usize, usize)> {
    let start = 1 + rng.below(tokens.len() as u64 / 2) as usize;
    for i in start..tokens.len().saturating_sub(3) {
        if let Some(k) = tokens[i + 2..tokens.len() - 1]
            .iter()
            .position(|t| *t == tokens[i])
        {
            return Some((i, i + 2 + k));
        }
    }
    None
}

#[test]
fn fixed_queries_on_the_bundled_corpus() {
    let corpus = bundled();
    let mut queries = no_filters(FIXED);
    queries.extend(filtered());
    let with_hits = check(corpus, &queries);
    assert!(
        with_hits > queries.len() * 2 / 3,
        "{with_hits} of {}",
        queries.len()
    );
}

#[test]
fn sampled_phrases_on_the_bundled_corpus() {
    let corpus = bundled();
    let queries = sampled(corpus, 7, 120);
    assert!(queries.len() >= 120);
    check(corpus, &queries);
}

#[test]
fn fixed_and_sampled_queries_on_a_generated_corpus() {
    let corpus = &synthetic().1;
    assert!(corpus.units.len() > 1000, "{}", corpus.units.len());
    let mut queries = no_filters(FIXED);
    queries.extend(filtered());
    queries.extend(sampled(corpus, 11, 120));
    check(corpus, &queries);
}
