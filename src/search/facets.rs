//! Counts per facet value of the units that match a query.

use tantivy::collector::{Count, FacetCollector, MultiCollector};
use tantivy::schema::Facet;

use super::{build, parse_query, SearchError, SearchRequest, Searcher};
use crate::index::schema::{DOC_TYPE_FACET, FACET_FIELDS, PERIOD_FACET, SECTOR_FACET, YEAR_FACET};

/// One facet value and the number of matching units that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value: `2024`, `kinh-te`, `kinh-te/ngan-sach`, `Lạng Sơn`…
    pub value: String,
    /// Number of matching units.
    pub count: u64,
}

/// Facet counts for a query.
#[derive(Debug, Clone)]
pub struct FacetCounts {
    /// The query (empty: all units).
    pub query: String,
    /// Number of matching units.
    pub total: usize,
    /// Per facet field (in the order asked), its values. Hierarchical fields (`sector`,
    /// `doc_type`) list both levels: `kinh-te` and `kinh-te/ngan-sach`. A unit with two
    /// values (a report covering two years) counts once for each.
    pub facets: Vec<(String, Vec<FacetValue>)>,
}

impl FacetCounts {
    /// The values of one facet field.
    pub fn get(&self, field: &str) -> Option<&[FacetValue]> {
        self.facets
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, values)| values.as_slice())
    }
}

fn is_hierarchical(field: &str) -> bool {
    field == SECTOR_FACET || field == DOC_TYPE_FACET
}

fn label(facet: &Facet) -> String {
    facet.to_path().join("/")
}

impl Searcher {
    /// Counts per value of `fields` (all facet fields when empty) over the units matching
    /// `request.query` (all units when the query is blank) and `request.filters`.
    /// `limit`/`offset` are ignored.
    pub fn facets(
        &self,
        request: &SearchRequest,
        fields: &[&str],
    ) -> Result<FacetCounts, SearchError> {
        let fields: Vec<&str> = if fields.is_empty() {
            FACET_FIELDS.to_vec()
        } else {
            fields.to_vec()
        };
        for name in &fields {
            if !FACET_FIELDS.contains(name) {
                return Err(SearchError::BadFilter(format!(
                    "unknown facet field {name:?} (one of: {})",
                    FACET_FIELDS.join(", ")
                )));
            }
        }
        let node = if request.query.trim().is_empty() {
            None
        } else {
            Some(parse_query(&request.query)?)
        };
        let mut analyzers = build::Analyzers::new();
        let query = build::build(&self.index, node.as_ref(), &request.filters, &mut analyzers)?;
        let searcher = self.reader.searcher();

        let mut multi = MultiCollector::new();
        let count = multi.add_collector(Count);
        let handles: Vec<_> = fields
            .iter()
            .map(|name| {
                let mut c = FacetCollector::for_field(*name);
                c.add_facet(Facet::root());
                multi.add_collector(c)
            })
            .collect();
        let mut fruits = searcher.search(&query, &multi)?;
        let total = count.extract(&mut fruits);
        let mut out = Vec::new();
        for (name, handle) in fields.iter().zip(handles) {
            let counts = handle.extract(&mut fruits);
            let mut values: Vec<FacetValue> = counts
                .get(Facet::root())
                .map(|(facet, count)| FacetValue {
                    value: label(facet),
                    count,
                })
                .collect();
            if is_hierarchical(name) && !values.is_empty() {
                let mut c = FacetCollector::for_field(*name);
                for v in &values {
                    c.add_facet(Facet::from_path(v.value.split('/')));
                }
                let children = searcher.search(&query, &c)?;
                let parents: Vec<String> = values.iter().map(|v| v.value.clone()).collect();
                for parent in parents {
                    for (facet, count) in children.get(Facet::from_path(parent.split('/'))) {
                        values.push(FacetValue {
                            value: label(facet),
                            count,
                        });
                    }
                }
            }
            if *name == YEAR_FACET || *name == PERIOD_FACET {
                values.sort_by(|a, b| a.value.cmp(&b.value));
            } else if is_hierarchical(name) {
                // Parents by count, each followed by its children by count.
                let parent_count = |v: &FacetValue| {
                    let top = v.value.split('/').next().unwrap_or_default();
                    values
                        .iter()
                        .find(|p| p.value == top)
                        .map_or(0, |p| p.count)
                };
                let mut keyed: Vec<(u64, String, bool, FacetValue)> = values
                    .iter()
                    .map(|v| {
                        let top = v.value.split('/').next().unwrap_or_default().to_string();
                        (parent_count(v), top, v.value.contains('/'), v.clone())
                    })
                    .collect();
                keyed.sort_by(|a, b| {
                    b.0.cmp(&a.0)
                        .then_with(|| a.1.cmp(&b.1))
                        .then_with(|| a.2.cmp(&b.2))
                        .then_with(|| b.3.count.cmp(&a.3.count))
                        .then_with(|| a.3.value.cmp(&b.3.value))
                });
                values = keyed.into_iter().map(|k| k.3).collect();
            } else {
                values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            }
            out.push((name.to_string(), values));
        }
        Ok(FacetCounts {
            query: request.query.clone(),
            total,
            facets: out,
        })
    }
}
