//! Fuzzing of the whole pipeline (README, "Exit codes and reliability"): random text and random mixes of real report
//! lines, headings, superscripts, digits and blank lines go through the parser, the tagger,
//! indexing (in memory, and on disk through `index_paths`) and a search. Nothing may panic,
//! and what was indexed must be findable.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use baocao::index::{BaocaoIndex, IndexOptions};
use baocao::report;
use baocao::search::{SearchRequest, Searcher};
use proptest::prelude::*;

/// Lines of the bundled reports (loaded once).
fn corpus_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .flat_map(|f| {
                std::fs::read_to_string(f)
                    .unwrap()
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    })
}

/// One line of a report-like text.
fn line() -> impl Strategy<Value = String> {
    let n = corpus_lines().len();
    prop_oneof![
        // A real line of a bundled report, possibly cut anywhere (on a char boundary).
        6 => (0..n, any::<prop::sample::Index>()).prop_map(|(i, cut)| {
            let l = &corpus_lines()[i];
            let chars: Vec<char> = l.chars().collect();
            if chars.is_empty() {
                String::new()
            } else {
                chars[..=cut.index(chars.len())].iter().collect()
            }
        }),
        // Numbered headings of every rank, well or badly formed.
        2 => (
            prop::sample::select(vec![
                "Phần I", "Phần II.", "I.", "II-", "IV.", "1.", "2.", "1.1.", "1.1.1.", "2.3",
                "a)", "đ)", "b.", "10.", "99)", "0.", "X.", "**1.", "- ", "+ ", "*",
            ]),
            "[ ]{0,2}",
            "[A-ZĐa-zđàáảãạăằắẳẵặâầấẩẫậêềếểễệôồốổỗộơờớởỡợưừứửữựíìỉĩịúùủũụ ]{0,40}",
        )
            .prop_map(|(label, sp, rest)| format!("{label}{sp}{rest}")),
        // Footnote markers and bodies: superscripts, glued digits.
        1 => (
            "[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}",
            "[a-zđàáạăâêôơư ]{0,30}",
            0u32..60,
        )
            .prop_map(|(sup, body, n)| format!("{sup} {body} người{n}; {n}Trong đó:")),
        // Numbers, dates, codes.
        1 => "[0-9.,/%-]{1,20}( (tỷ đồng|ha|người|vụ|%|con))?",
        // Blank lines and lines of only spaces (the PDF page-bottom separator).
        2 => "[ \t]{0,12}",
        // Anything at all.
        1 => any::<String>(),
    ]
}

fn report_text() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 0..40), any::<bool>())
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

/// A query made of words of the text (or of anything).
fn query_for(text: &str, pick: usize) -> String {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.is_empty() {
        return "giải ngân".to_string();
    }
    let w = words[pick % words.len()];
    let next = words.get(pick % words.len() + 1).copied().unwrap_or("");
    format!("{w} {next}")
}

fn search_all(index: &BaocaoIndex, queries: &[String]) {
    let searcher = Searcher::new(index).expect("a searcher on a fresh index");
    for q in queries {
        let mut request = SearchRequest::new(q.clone());
        request.limit = 5;
        // A malformed query is an error value, never a panic.
        if let Ok(results) = searcher.search(&request) {
            assert!(results.hits.len() <= 5);
            // The hits are units with every word (`total`) and, when those are few, units
            // missing one word (`partial`).
            assert!(results.total + results.partial >= results.hits.len());
            let whole = results.hits.iter().filter(|h| h.missing.is_none()).count();
            assert!(results.total >= whole);
        }
        let _ = searcher.facets(&request, &["year", "sector", "doc_type"]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// parse_text → tag_report → in-memory index → search never panics, and every
    /// section and footnote parsed is in the index.
    #[test]
    fn report_like_text_goes_through_the_pipeline(text in report_text(), pick in any::<usize>()) {
        let mut parsed = report::parse_text("fuzz.txt", &text);
        baocao::tagging::tag_report(&mut parsed);
        let index = BaocaoIndex::create_in_ram();
        index.add_reports(std::slice::from_ref(&parsed)).expect("indexing never fails");
        let searcher = Searcher::new(&index).unwrap();
        let stats = searcher.stats().unwrap();
        prop_assert_eq!(stats.sections, parsed.sections.len());
        prop_assert_eq!(stats.footnotes, parsed.footnotes.len());
        search_all(&index, &[query_for(&text, pick), "\"giải ngân\" OR -vốn".to_string()]);
    }

    /// Random bytes (often not UTF-8, sometimes binary) through `parse_bytes`: an error or
    /// a report, never a panic.
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        match report::parse_bytes("fuzz.txt", &bytes) {
            Ok(r) => prop_assert_eq!(r.metadata.file, "fuzz.txt"),
            Err(e) => prop_assert!(e.to_string().contains("fuzz.txt")),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// The on-disk pipeline (`index_paths`: read, parse, preamble-only reports, tagging,
    /// commit) on a few random files at once: never panics; a file is either indexed or
    /// skipped with a reason; what was indexed is counted by the index.
    #[test]
    fn random_files_are_indexed_or_skipped(
        texts in prop::collection::vec(report_text(), 1..4),
        junk in prop::collection::vec(any::<u8>(), 0..300),
        pick in any::<usize>(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let docs = tmp.path().join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        for (i, t) in texts.iter().enumerate() {
            std::fs::write(docs.join(format!("r{i}.txt")), t).unwrap();
        }
        std::fs::write(docs.join("junk.txt"), &junk).unwrap();
        let index = BaocaoIndex::create_or_open(tmp.path().join("idx")).unwrap();
        let summary = index
            .index_paths(std::slice::from_ref(&docs), &IndexOptions::default(), &mut |_| {})
            .expect("indexing a folder never fails as a whole");
        prop_assert_eq!(summary.indexed.len() + summary.skipped.len(), texts.len() + 1);
        for s in &summary.skipped {
            prop_assert!(!s.reason.is_empty());
        }
        // Every file with any word in it is indexed (a report without headings as one
        // preamble section), not dropped.
        for (i, t) in texts.iter().enumerate() {
            if t.chars().any(char::is_alphanumeric) && !t.contains('\0') {
                let name = format!("r{i}.txt");
                let skipped: Vec<_> = summary.skipped.iter()
                    .filter(|s| s.path.ends_with(&name)).collect();
                // Only control-character-heavy texts may be refused as binary.
                for s in skipped {
                    prop_assert!(s.reason.contains("binary"), "{}: {}", name, s.reason);
                }
            }
        }
        let searcher = Searcher::new(&index).unwrap();
        let stats = searcher.stats().unwrap();
        prop_assert_eq!(stats.sections, summary.sections);
        prop_assert_eq!(stats.footnotes, summary.footnotes);
        search_all(&index, &[query_for(&texts[0], pick)]);
    }
}
