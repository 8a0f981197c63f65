//! The analyzers inside a real (RAM) tantivy index: phrase queries on document codes,
//! queries without diacritics on the folded field, exact queries across tone placements,
//! and snippets that highlight the original words.

use baocao::analysis::{register, VI, VI_FOLDED};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{doc, Index, TantivyDocument};
use unicode_normalization::UnicodeNormalization;

struct Fixture {
    index: Index,
    text: Field,
    folded: Field,
}

const DOCS: [&str; 3] = [
    "Thực hiện Nghị quyết số 11-NQ/TW của Bộ Chính trị, tỉnh đã giải ngân 1.236,87 tỷ đồng vốn đầu tư công.",
    "Quyết định 79/QĐ-UBND về công tác thuỷ lợi và sức khoẻ; UBND tỉnh Hoà Bình.",
    "Sản xuất nông nghiệp ổn định; diện tích lúa 46.362,2 ha, Quyết định 1161/QĐ-TTg.",
];

fn field_options(tokenizer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options | STORED
    } else {
        options
    }
}

fn fixture(docs: &[String]) -> Fixture {
    let mut builder = Schema::builder();
    let text = builder.add_text_field("text", field_options(VI, true));
    let folded = builder.add_text_field("text_folded", field_options(VI_FOLDED, false));
    let index = Index::create_in_ram(builder.build());
    register(&index);
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for d in docs {
        writer
            .add_document(doc!(text => d.as_str(), folded => d.as_str()))
            .unwrap();
    }
    writer.commit().unwrap();
    Fixture {
        index,
        text,
        folded,
    }
}

fn docs() -> Vec<String> {
    DOCS.iter().map(|s| s.to_string()).collect()
}

/// Stored texts of the documents matching `query` on `field`.
fn search(f: &Fixture, field: Field, query: &str) -> Vec<String> {
    let reader = f.index.reader().unwrap();
    let searcher = reader.searcher();
    let parser = QueryParser::for_index(&f.index, vec![field]);
    let query = parser.parse_query(query).unwrap();
    let hits = searcher
        .search(&query, &TopDocs::with_limit(10).order_by_score())
        .unwrap();
    let mut out: Vec<String> = hits
        .into_iter()
        .map(|(_, addr)| {
            let doc: TantivyDocument = searcher.doc(addr).unwrap();
            doc.get_first(f.text)
                .and_then(|v| v.as_str())
                .unwrap()
                .to_string()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn document_codes_are_found_by_phrase() {
    let f = fixture(&docs());
    assert_eq!(search(&f, f.text, "\"11-NQ/TW\""), [DOCS[0]]);
    assert_eq!(search(&f, f.folded, "\"11-NQ/TW\""), [DOCS[0]]);
    assert_eq!(search(&f, f.text, "\"79/QĐ-UBND\""), [DOCS[1]]);
    assert_eq!(search(&f, f.folded, "\"79/QD-UBND\""), [DOCS[1]]);
    assert_eq!(search(&f, f.text, "\"1161/QĐ-TTg\""), [DOCS[2]]);
    assert!(search(&f, f.text, "\"11-NQ/UBND\"").is_empty());
    // Unquoted, a code is still one phrase (several tokens at consecutive positions).
    assert_eq!(search(&f, f.folded, "11-NQ/TW"), [DOCS[0]]);
    assert_eq!(search(&f, f.text, "79/QĐ-UBND"), [DOCS[1]]);
    assert_eq!(search(&f, f.text, "\"1.236,87\""), [DOCS[0]]);
    assert_eq!(search(&f, f.folded, "\"46.362,2 ha\""), [DOCS[2]]);
}

#[test]
fn queries_without_diacritics_match_on_the_folded_field() {
    let f = fixture(&docs());
    assert_eq!(search(&f, f.folded, "\"giai ngan\""), [DOCS[0]]);
    assert_eq!(search(&f, f.folded, "giai ngan"), [DOCS[0]]);
    assert_eq!(search(&f, f.folded, "\"von dau tu cong\""), [DOCS[0]]);
    assert!(search(&f, f.text, "\"giai ngan\"").is_empty());
    assert_eq!(search(&f, f.text, "\"giải ngân\""), [DOCS[0]]);
    assert_eq!(search(&f, f.folded, "\"GIẢI NGÂN\""), [DOCS[0]]);
}

#[test]
fn tone_placement_styles_match_each_other_on_the_exact_field() {
    let f = fixture(&docs());
    assert_eq!(search(&f, f.text, "\"thủy lợi\""), [DOCS[1]]);
    assert_eq!(search(&f, f.text, "\"sức khỏe\""), [DOCS[1]]);
    assert_eq!(search(&f, f.text, "\"Hòa Bình\""), [DOCS[1]]);
    assert_eq!(search(&f, f.text, "\"hoà bình\""), [DOCS[1]]);
}

#[test]
fn nfd_documents_are_found_by_nfc_queries() {
    let nfd: Vec<String> = DOCS.iter().map(|d| d.nfd().collect()).collect();
    let f = fixture(&nfd);
    assert_eq!(search(&f, f.text, "\"giải ngân\"").len(), 1);
    assert_eq!(search(&f, f.folded, "giai ngan").len(), 1);
    assert_eq!(search(&f, f.text, "\"thủy lợi\"").len(), 1);
}

fn snippet_html(f: &Fixture, field: Field, query: &str, text: &str) -> String {
    let reader = f.index.reader().unwrap();
    let searcher = reader.searcher();
    let parser = QueryParser::for_index(&f.index, vec![field]);
    let query = parser.parse_query(query).unwrap();
    let mut generator = SnippetGenerator::create(&searcher, &*query, field).unwrap();
    generator.set_max_num_chars(400);
    generator.snippet(text).to_html()
}

#[test]
fn snippets_highlight_the_original_words() {
    let f = fixture(&docs());
    let html = snippet_html(&f, f.folded, "giai ngan", DOCS[0]);
    assert!(
        html.contains("đã <b>giải</b> <b>ngân</b> 1.236,87"),
        "{html}"
    );
    let html = snippet_html(&f, f.folded, "\"dau tu cong\"", DOCS[0]);
    assert!(
        html.contains("vốn <b>đầu</b> <b>tư</b> <b>công</b>"),
        "{html}"
    );
    let html = snippet_html(&f, f.text, "\"thủy lợi\"", DOCS[1]);
    assert!(html.contains("<b>thuỷ</b> <b>lợi</b>"), "{html}");
    let html = snippet_html(&f, f.folded, "\"11-NQ/TW\"", DOCS[0]);
    assert!(html.contains("<b>11</b>-<b>NQ</b>/<b>TW</b>"), "{html}");
}

#[test]
fn snippets_of_nfd_text_highlight_whole_decomposed_words() {
    let nfd: Vec<String> = DOCS.iter().map(|d| d.nfd().collect()).collect();
    let f = fixture(&nfd);
    let html = snippet_html(&f, f.folded, "giai ngan", &nfd[0]);
    let expected: String = "<b>giải</b> <b>ngân</b>".nfd().collect();
    assert!(html.contains(&expected), "{html}");
}
