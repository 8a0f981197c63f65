//! The figure rows of ranked search hits: what `baocao figures` lists and what the web
//! page's figures table shows (one function, so both give the same rows).

use std::collections::HashMap;
use std::path::PathBuf;

use super::{rows_in_text, FigureRow, LineFinder, QueryMatcher, Source};
use crate::search::{Hit, Kind};

/// Caches one [`LineFinder`] per source file (None when the file cannot be read).
#[derive(Default)]
struct Lines {
    finders: HashMap<PathBuf, Option<LineFinder>>,
}

impl Lines {
    /// The line where `sentence` begins in the hit's source file, if found.
    fn find(&mut self, hit: &Hit, sentence: &str) -> Option<usize> {
        let path = hit.source.as_ref()?;
        let finder = self.finders.entry(path.clone()).or_insert_with(|| {
            std::fs::read(path)
                .ok()
                .map(|bytes| LineFinder::new(&String::from_utf8_lossy(&bytes)))
        });
        finder.as_ref()?.find(hit.line_start.max(1), sentence)
    }
}

/// The figure rows of one hit: its heading (a task item's first sentence may hold a
/// figure) when the text does not repeat it, then its text.
fn rows_of_hit(matcher: &QueryMatcher, hit: &Hit, lines: &mut Lines) -> Vec<FigureRow> {
    let source = Source {
        kind: hit.kind.as_str().to_string(),
        doc_id: hit.doc_id.clone(),
        file: hit.file.clone(),
        section_id: hit.id.clone(),
        path: hit.path.clone(),
        period: hit.period.clone(),
        years: hit.years.clone(),
        line: hit.line_start,
    };
    let mut rows = Vec::new();
    if hit.kind == Kind::Section
        && !hit.heading.trim().is_empty()
        && !hit.text.starts_with(hit.heading.trim())
    {
        rows.extend(rows_in_text(matcher, &hit.heading, &hit.heading, &source));
    }
    rows.extend(rows_in_text(matcher, &hit.text, &hit.heading, &source));
    let mut located: HashMap<String, Option<usize>> = HashMap::new();
    for row in &mut rows {
        let line = located
            .entry(row.sentence.clone())
            .or_insert_with(|| lines.find(hit, &row.sentence));
        if let Some(line) = *line {
            row.line = line;
        }
    }
    rows
}

/// The figures in the sentences of `hits` that match `matcher`, in rank order, then in
/// text order; each row's line is the sentence's line in its source file when the file
/// can be read (else the unit's first line).
pub fn rows_of_hits(matcher: &QueryMatcher, hits: &[Hit]) -> Vec<FigureRow> {
    let mut lines = Lines::default();
    hits.iter()
        .flat_map(|hit| rows_of_hit(matcher, hit, &mut lines))
        .collect()
}
