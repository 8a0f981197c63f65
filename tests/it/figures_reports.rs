//! Figures over the parsed bundled reports (no index): the sentences of sections and
//! footnotes, the query matching, and the line finder on both layouts.

use std::path::PathBuf;

use baocao::figures::{extract, rows_in_text, sentences, LineFinder, QueryMatcher, Source};
use baocao::report::linemap::LineMap;
use baocao::report::{self, Report};

fn reports() -> Vec<(PathBuf, Report)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let r = report::parse_file(&p).unwrap();
            (p, r)
        })
        .collect()
}

#[test]
fn giai_ngan_in_report_000_section_ii_1_3() {
    let (_, r) = reports()
        .into_iter()
        .find(|(_, r)| r.metadata.file.starts_with("000_"))
        .unwrap();
    let section = r
        .sections
        .iter()
        .find(|s| s.path == ["II", "1", "1.3"])
        .unwrap();
    let source = Source {
        kind: baocao::search::Kind::Section,
        doc_id: r.metadata.doc_id.clone(),
        file: r.metadata.file.clone(),
        section_id: section.id.clone(),
        path: section.path.clone(),
        period: r.metadata.period.clone(),
        years: r.metadata.years.clone(),
        line: section.line_start,
        source: None,
    };
    for query in ["giải ngân", "giai ngan", "\"giải ngân\""] {
        let m = QueryMatcher::new(query).unwrap();
        let rows = rows_in_text(&m, &section.text, &section.heading, &source);
        let got: Vec<(f64, &str)> = rows.iter().map(|r| (r.value, r.unit.as_str())).collect();
        assert!(got.contains(&(400.0, "tỷ đồng")), "{query}: {got:?}");
        assert!(got.contains(&(11.6, "%")), "{query}: {got:?}");
        // The sentence of the figures reads whole, across the footnote block of the
        // clean layout.
        let s400 = &rows.iter().find(|r| r.value == 400.0).unwrap().sentence;
        assert!(s400.contains("ngân sách trung ương 320 tỷ đồng"), "{s400}");
    }
}

/// Every sentence that holds a figure is found back in its file through its unit's line
/// map, at or after the line where its section or footnote starts, in both the clean and
/// the PDF layout.
#[test]
fn every_figure_sentence_is_located_in_its_file() {
    let mut located = 0;
    let mut total = 0;
    for (path, r) in reports() {
        let source = std::fs::read_to_string(&path).unwrap();
        let finder = LineFinder::new(&source);
        let units = r
            .sections
            .iter()
            .map(|s| (s.text.as_str(), s.line_start))
            .chain(r.footnotes.iter().map(|f| (f.text.as_str(), f.line_start)));
        for (text, line_start) in units {
            let map = LineMap::build(&finder, line_start, text);
            for (s, e) in sentences(text) {
                let sentence = &text[s..e];
                if extract(sentence).is_empty() {
                    continue;
                }
                total += 1;
                if let Some(line) = map.line_of(text, sentence) {
                    assert!(line >= line_start);
                    located += 1;
                }
            }
        }
    }
    assert!(total > 300, "{total} sentences with figures");
    eprintln!("located {located} of {total}");
    // Nearly all: a sentence cut by a page's footnote block may be missed.
    assert!(located * 100 >= total * 97, "{located} of {total} located");
}
