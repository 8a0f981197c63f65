//! Counts of matching units and reports per value of a facet: the library side of
//! `baocao timeline` (and of `facets --count reports`). Returns plain structs; the
//! rendering (bar chart, JSON, CSV) is in `output`.
//!
//! Counting reports needs each matching unit's report. `doc_id` is an indexed raw string
//! (not a fast field), so each segment's unit → report map is read from its postings: one
//! pass over the `doc_id` postings of the segment, i.e. time in the number of units of
//! the index, done only by the commands that count reports or group by report.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED};

use super::{build, Purpose, SearchError, SearchRequest, Searcher};
use crate::index::schema::{DOC_TYPE_FACET, FACET_FIELDS, PERIOD_FACET, YEAR_FACET};

/// Every matching document of one segment, with its score when scoring.
pub(crate) struct SegmentDocs {
    pub segment: SegmentOrdinal,
    pub docs: Vec<(DocId, Score)>,
}

/// Collects every matching document (no limit): for aggregations over all matches.
pub(crate) struct AllDocs {
    /// Whether scores are wanted (grouping by report ranks; counting does not).
    pub scoring: bool,
}

pub(crate) struct AllDocsSegment(SegmentDocs);

impl SegmentCollector for AllDocsSegment {
    type Fruit = SegmentDocs;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.0.docs.push((doc, score));
    }

    fn harvest(self) -> SegmentDocs {
        self.0
    }
}

impl Collector for AllDocs {
    type Fruit = Vec<SegmentDocs>;
    type Child = AllDocsSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<AllDocsSegment> {
        Ok(AllDocsSegment(SegmentDocs {
            segment,
            docs: Vec::new(),
        }))
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(&self, fruits: Vec<SegmentDocs>) -> tantivy::Result<Vec<SegmentDocs>> {
        Ok(fruits)
    }
}

/// Report ids seen so far, numbered across segments.
#[derive(Default)]
pub(crate) struct ReportKeys {
    pub names: Vec<String>,
    index: HashMap<String, u32>,
}

/// No report (a document without `doc_id`).
pub(crate) const NO_REPORT: u32 = u32::MAX;

impl ReportKeys {
    fn key(&mut self, name: &str) -> u32 {
        if let Some(&k) = self.index.get(name) {
            return k;
        }
        let k = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), k);
        k
    }

    /// For each document of `segment`, the key of its report ([`NO_REPORT`] if none).
    pub fn of_segment(
        &mut self,
        segment: &SegmentReader,
        doc_id: Field,
    ) -> Result<Vec<u32>, SearchError> {
        let mut out = vec![NO_REPORT; segment.max_doc() as usize];
        let inverted = segment.inverted_index(doc_id)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let name = String::from_utf8_lossy(terms.key()).into_owned();
            let key = self.key(&name);
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                out[doc as usize] = key;
                doc = postings.advance();
            }
        }
        Ok(out)
    }
}

/// Counts of one facet value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bucket {
    /// The value (`2024`, `2024-02`, `bao-cao/thang`, `Lạng Sơn`).
    pub value: String,
    /// Matching sections and footnotes that carry the value.
    pub units: u64,
    /// Reports with at least one such unit.
    pub reports: u64,
}

/// Matching units and reports per value of a facet.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// The query.
    pub query: String,
    /// The facet field counted by (`year`, `period`, `doc_type`, `province`, …).
    pub by: String,
    /// Matching units.
    pub units: u64,
    /// Reports with at least one matching unit.
    pub reports: u64,
    /// One bucket per value: years and periods in time order (with every year between
    /// the first and the last, empty ones included), other facets by count.
    pub buckets: Vec<Bucket>,
    /// Matching units (and their reports) that have no value for the facet.
    pub without: Bucket,
}

/// The facet field a `--by` name stands for: a facet field of the index, or an alias
/// (`type` for `doc_type`, `years` for `year`).
pub fn facet_for(by: &str, available: &[&str]) -> Result<String, SearchError> {
    let name = by.trim().to_lowercase();
    let name = match name.as_str() {
        "type" | "doc-type" | "doctype" => DOC_TYPE_FACET.to_string(),
        "years" => YEAR_FACET.to_string(),
        "periods" => PERIOD_FACET.to_string(),
        _ => name,
    };
    if available.contains(&name.as_str()) {
        return Ok(name);
    }
    let hint = super::vocab::did_you_mean(by, available)
        .map(|s| format!("; did you mean {s:?}?"))
        .unwrap_or_default();
    Err(SearchError::BadFilter(format!(
        "unknown facet {by:?} to count by (one of: {}, or type for doc_type){hint}",
        available.join(", ")
    )))
}

/// Per value: units and the set of reports; plus the units and reports without a value.
#[derive(Default)]
pub(crate) struct Breakdown {
    pub values: BTreeMap<String, (u64, BTreeSet<u32>)>,
    pub without: (u64, BTreeSet<u32>),
    pub units: u64,
    pub reports: BTreeSet<u32>,
}

impl Searcher {
    /// Matching units and reports per value of facet `field` over `docs`. With
    /// `parents`, a hierarchical value also counts for its ancestors (`kinh-te` for
    /// `kinh-te/ngan-sach`), once per unit.
    pub(crate) fn breakdown(
        &self,
        searcher: &tantivy::Searcher,
        docs: &[SegmentDocs],
        field: &str,
        parents: bool,
    ) -> Result<Breakdown, SearchError> {
        let mut keys = ReportKeys::default();
        let mut out = Breakdown::default();
        let doc_id = self.index.fields().doc_id;
        for segment_docs in docs {
            if segment_docs.docs.is_empty() {
                continue;
            }
            let segment = searcher.segment_reader(segment_docs.segment);
            let reports = keys.of_segment(segment, doc_id)?;
            let facets = segment.facet_reader(field)?;
            let mut labels: HashMap<u64, String> = HashMap::new();
            let mut facet = Facet::root();
            for &(doc, _) in &segment_docs.docs {
                let report = reports[doc as usize];
                out.units += 1;
                out.reports.insert(report);
                let mut values: BTreeSet<String> = BTreeSet::new();
                for ord in facets.facet_ords(doc) {
                    if let std::collections::hash_map::Entry::Vacant(e) = labels.entry(ord) {
                        facets.facet_from_ord(ord, &mut facet)?;
                        e.insert(facet.to_path().join("/"));
                    }
                    let label = &labels[&ord];
                    if parents {
                        for (i, _) in label.match_indices('/') {
                            values.insert(label[..i].to_string());
                        }
                    }
                    values.insert(label.clone());
                }
                if values.is_empty() {
                    out.without.0 += 1;
                    out.without.1.insert(report);
                }
                for value in values {
                    let entry = out.values.entry(value).or_default();
                    entry.0 += 1;
                    entry.1.insert(report);
                }
            }
        }
        Ok(out)
    }

    /// Every unit matching the request's query and filters (all units for a blank query),
    /// by segment.
    pub(crate) fn all_matches(
        &self,
        request: &SearchRequest,
        scoring: bool,
    ) -> Result<(tantivy::Searcher, Vec<SegmentDocs>), SearchError> {
        let searcher = self.reader.searcher();
        let mut analyzers = build::Analyzers::new();
        let purpose = Purpose::Matching { scored: scoring };
        let query = self
            .compile(request, purpose, &searcher, &mut analyzers)?
            .query;
        let docs = searcher.search(&query, &AllDocs { scoring })?;
        Ok((searcher, docs))
    }

    /// The facet fields of this index (those of [`FACET_FIELDS`] and any other facet field
    /// a newer schema adds).
    pub fn facet_fields(&self) -> Vec<&'static str> {
        FACET_FIELDS
            .iter()
            .copied()
            .filter(|name| self.index.fields().facet(name).is_some())
            .collect()
    }

    /// Matching units and reports per value of facet `by` (see [`facet_for`] for the
    /// names) for the request's query and filters; `limit`/`offset` are ignored.
    pub fn timeline(&self, request: &SearchRequest, by: &str) -> Result<Timeline, SearchError> {
        let field = facet_for(by, &self.facet_fields())?;
        let (searcher, docs) = self.all_matches(request, false)?;
        let breakdown = self.breakdown(&searcher, &docs, &field, false)?;
        let mut buckets: Vec<Bucket> = breakdown
            .values
            .iter()
            .map(|(value, (units, reports))| Bucket {
                value: value.clone(),
                units: *units,
                reports: reports.len() as u64,
            })
            .collect();
        if field == YEAR_FACET {
            buckets = with_every_year(buckets);
        } else if field != PERIOD_FACET {
            buckets.sort_by(|a, b| {
                (b.units, b.reports)
                    .cmp(&(a.units, a.reports))
                    .then_with(|| a.value.cmp(&b.value))
            });
        }
        Ok(Timeline {
            query: request.query.clone(),
            by: field,
            units: breakdown.units,
            reports: breakdown.reports.len() as u64,
            buckets,
            without: Bucket {
                value: String::new(),
                units: breakdown.without.0,
                reports: breakdown.without.1.len() as u64,
            },
        })
    }
}

/// Years in order, with an empty bucket for each year missing between the first and the
/// last (a gap in a topic is information). Values that are not years are kept at the end.
fn with_every_year(buckets: Vec<Bucket>) -> Vec<Bucket> {
    let (years, other): (Vec<Bucket>, Vec<Bucket>) = buckets
        .into_iter()
        .partition(|b| b.value.parse::<u32>().is_ok());
    let mut by_year: BTreeMap<u32, Bucket> = years
        .into_iter()
        .map(|b| (b.value.parse().expect("a year"), b))
        .collect();
    if let (Some(&first), Some(&last)) = (by_year.keys().next(), by_year.keys().last()) {
        for year in first..=last {
            by_year.entry(year).or_insert_with(|| Bucket {
                value: year.to_string(),
                ..Bucket::default()
            });
        }
    }
    by_year.into_values().chain(other).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_filled_in() {
        let b = |v: &str, n: u64| Bucket {
            value: v.into(),
            units: n,
            reports: 1,
        };
        let got = with_every_year(vec![b("2017", 2), b("2020", 1)]);
        let values: Vec<&str> = got.iter().map(|b| b.value.as_str()).collect();
        assert_eq!(values, ["2017", "2018", "2019", "2020"]);
        assert_eq!(got[1].units, 0);
    }

    #[test]
    fn by_names_and_aliases() {
        assert_eq!(facet_for("type", &FACET_FIELDS).unwrap(), "doc_type");
        assert_eq!(facet_for("Year", &FACET_FIELDS).unwrap(), "year");
        let e = facet_for("provnce", &FACET_FIELDS).unwrap_err().to_string();
        assert!(e.contains("did you mean \"province\""), "{e}");
    }
}
