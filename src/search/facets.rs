//! Counts per facet value of the units that match a query.

use tantivy::collector::{Count, FacetCollector, MultiCollector};
use tantivy::schema::Facet;

use super::{build, Purpose, SearchError, SearchRequest, Searcher};
use crate::index::schema::{DOC_TYPE_FACET, PERIOD_FACET, SECTOR_FACET, YEAR_FACET};

/// One facet value and the number of matching units that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value: `2024`, `kinh-te`, `kinh-te/ngan-sach`, `Lạng Sơn`…
    pub value: String,
    /// Number of matching units.
    pub count: u64,
}

/// What facet counts count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Counting {
    /// Matching sections and footnotes.
    #[default]
    Units,
    /// Reports with at least one matching unit.
    Reports,
}

impl Counting {
    /// `units` or `reports`.
    pub fn as_str(self) -> &'static str {
        match self {
            Counting::Units => "units",
            Counting::Reports => "reports",
        }
    }
}

/// Facet counts for a query.
#[derive(Debug, Clone)]
pub struct FacetCounts {
    /// The query (empty: all units).
    pub query: String,
    /// What is counted.
    pub counting: Counting,
    /// Number of matching units (or reports, when counting reports).
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

    /// Keeps at most `n` values per facet: the first `n` in display order (largest
    /// counts first), except years and periods, where the latest `n` are kept.
    pub fn limit_values(&mut self, n: usize) {
        for (name, values) in &mut self.facets {
            if values.len() <= n {
                continue;
            }
            if name == YEAR_FACET || name == PERIOD_FACET {
                values.drain(..values.len() - n);
            } else {
                values.truncate(n);
            }
        }
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
        self.facets_counting(request, fields, Counting::Units)
    }

    /// [`Searcher::facets`], counting units or reports per value.
    pub fn facets_counting(
        &self,
        request: &SearchRequest,
        fields: &[&str],
        counting: Counting,
    ) -> Result<FacetCounts, SearchError> {
        let available = self.facet_fields();
        let fields: Vec<&str> = if fields.is_empty() {
            available.clone()
        } else {
            fields.to_vec()
        };
        for name in &fields {
            if !available.contains(name) {
                let hint = super::vocab::did_you_mean(name, &available)
                    .map(|s| format!("; did you mean {s:?}?"))
                    .unwrap_or_default();
                return Err(SearchError::BadFilter(format!(
                    "unknown facet field {name:?} (one of: {}){hint}",
                    available.join(", ")
                )));
            }
        }
        if counting == Counting::Reports {
            return self.facets_of_reports(request, &fields);
        }
        let searcher = self.reader.searcher();
        let mut analyzers = build::Analyzers::new();
        let query = self
            .compile(
                request,
                Purpose::Matching { scored: false },
                &searcher,
                &mut analyzers,
            )?
            .query;

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
            sort_values(name, &mut values);
            out.push((name.to_string(), values));
        }
        Ok(FacetCounts {
            query: request.query.clone(),
            counting: Counting::Units,
            total,
            facets: out,
        })
    }

    /// Facet counts of reports: a report counts once for each value one of its matching
    /// units carries.
    fn facets_of_reports(
        &self,
        request: &SearchRequest,
        fields: &[&str],
    ) -> Result<FacetCounts, SearchError> {
        let (searcher, docs) = self.all_matches(request, false)?;
        let mut out = Vec::new();
        let mut total = 0;
        for name in fields {
            let breakdown = self.breakdown(&searcher, &docs, name, is_hierarchical(name))?;
            total = breakdown.reports.len();
            let mut values: Vec<FacetValue> = breakdown
                .values
                .into_iter()
                .map(|(value, (_, reports))| FacetValue {
                    value,
                    count: reports.len() as u64,
                })
                .collect();
            sort_values(name, &mut values);
            out.push((name.to_string(), values));
        }
        if fields.is_empty() {
            let breakdown = self.breakdown(&searcher, &docs, YEAR_FACET, false)?;
            total = breakdown.reports.len();
        }
        Ok(FacetCounts {
            query: request.query.clone(),
            counting: Counting::Reports,
            total,
            facets: out,
        })
    }
}

/// Display order: years and periods in time order; hierarchical facets with parents by
/// count, each followed by its children by count; others by count.
fn sort_values(name: &str, values: &mut Vec<FacetValue>) {
    if name == YEAR_FACET || name == PERIOD_FACET {
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
        *values = keyed.into_iter().map(|k| k.3).collect();
    } else {
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
}
