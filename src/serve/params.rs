//! Query-string parameters → library requests, bounded and validated.
//!
//! The URL holds the whole state of a page (query, filters, page), so that a link can be
//! shared or cited. The parameter names are the command line's option names (`q` is the
//! query): `year`, `period`, `type`, `sector` (repeatable), `role`, `province`, `issuer`,
//! `kind`,
//! and `page` (pages) or `limit`/`offset` (API). Unknown or repeated parameters, numbers
//! out of range and bad filter values are refused with 400.

use crate::search::{FilterInput, Filters, KindFilter, SearchRequest};

use super::state::Failure;

/// Longest query string accepted, in bytes (a query of [`MAX_QUERY_CHARS`] characters of
/// Vietnamese percent-encoded, plus filters, fits).
pub const MAX_QUERY_STRING: usize = 8192;
/// Longest query accepted, in characters: far beyond any phrase typed by a person, small
/// enough that the query builder's work stays bounded.
pub const MAX_QUERY_CHARS: usize = 500;
/// Largest `limit` of the API: a page of hits with full texts stays a few megabytes.
pub const MAX_LIMIT: usize = 100;
/// Deepest result reachable (`offset + limit`): ranking more costs memory per request for
/// results no reader pages to.
pub const MAX_WINDOW: usize = 10_000;
/// Largest `limit` of `/api/facets` (values per facet): more than any facet of a
/// provincial office's reports has, so it only bounds the answer's size.
pub const MAX_FACET_LIMIT: usize = 10_000;
/// Hits per page on the search page.
pub const PAGE_SIZE: usize = 10;
/// Figures per page on the figures page.
pub const FIGURES_PAGE_SIZE: usize = 50;

/// The filter parameters, as in the command line.
pub const FILTER_PARAMS: &[&str] = &[
    "year", "period", "type", "sector", "role", "province", "issuer", "kind",
];

/// A facet shown on the page: its name in the index, its URL parameter, its label.
pub const FACETS: &[(&str, &str, &str)] = &[
    ("year", "year", "Năm"),
    ("period", "period", "Kỳ báo cáo"),
    ("doc_type", "type", "Loại văn bản"),
    ("sector", "sector", "Lĩnh vực"),
    ("role", "role", "Nội dung"),
    ("province", "province", "Tỉnh, thành phố"),
    ("issuer", "issuer", "Cơ quan ban hành"),
];

/// The decoded parameters of one query string.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes `raw` (the part after `?`), refusing names not in `allowed`.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, Failure> {
        let raw = raw.unwrap_or_default();
        if raw.len() > MAX_QUERY_STRING {
            return Err(Failure::BadRequest(format!(
                "the query string is longer than {MAX_QUERY_STRING} bytes"
            )));
        }
        let mut pairs = Vec::new();
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            if !allowed.contains(&&*name) {
                return Err(Failure::BadRequest(format!(
                    "unknown parameter {name:?} (expected one of: {})",
                    allowed.join(", ")
                )));
            }
            pairs.push((name.into_owned(), value.into_owned()));
        }
        Ok(Params { pairs })
    }

    /// The value of a parameter given at most once; an empty value counts as absent (an
    /// empty form field).
    pub fn one(&self, name: &str) -> Result<Option<&str>, Failure> {
        let mut values = self
            .pairs
            .iter()
            .filter(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str());
        let first = values.next();
        if values.next().is_some() {
            return Err(Failure::BadRequest(format!(
                "parameter {name:?} is given more than once"
            )));
        }
        Ok(first)
    }

    /// Every non-empty value of a repeatable parameter.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A whole number between `min` and `max`, `default` when absent.
    pub fn number(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, Failure> {
        let Some(v) = self.one(name)? else {
            return Ok(default);
        };
        match v.trim().parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(Failure::BadRequest(format!(
                "parameter {name:?} must be a whole number from {min} to {max}, not {v:?}"
            ))),
        }
    }
}

/// A query with its filters, as the URL holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The query (may be empty on the pages).
    pub q: String,
    /// `param → value` of the filters, in [`FILTER_PARAMS`] order; `sector` may repeat.
    pub filters: Vec<(&'static str, String)>,
}

impl Selection {
    /// The query and filters of `params` (the query is trimmed and bounded).
    pub fn from_params(params: &Params) -> Result<Selection, Failure> {
        let q = params.one("q")?.unwrap_or_default().trim().to_string();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(Failure::BadRequest(format!(
                "the query is longer than {MAX_QUERY_CHARS} characters"
            )));
        }
        let mut filters = Vec::new();
        for &name in FILTER_PARAMS {
            if name == "sector" {
                for v in params.all(name) {
                    filters.push((name, v.trim().to_string()));
                }
            } else if let Some(v) = params.one(name)? {
                filters.push((name, v.trim().to_string()));
            }
        }
        let selection = Selection { q, filters };
        selection.filters()?;
        Ok(selection)
    }

    /// The value of a single-valued filter.
    pub fn get(&self, param: &str) -> Option<&str> {
        self.filters
            .iter()
            .find(|(n, _)| *n == param)
            .map(|(_, v)| v.as_str())
    }

    /// Whether `param` is set to `value`.
    pub fn has(&self, param: &str, value: &str) -> bool {
        self.filters.iter().any(|(n, v)| *n == param && v == value)
    }

    /// The same selection without any value of `param`.
    pub fn without(&self, param: &str) -> Selection {
        Selection {
            q: self.q.clone(),
            filters: self
                .filters
                .iter()
                .filter(|(n, _)| *n != param)
                .cloned()
                .collect(),
        }
    }

    /// The same selection with `param` set to `value` alone.
    pub fn with(&self, param: &'static str, value: &str) -> Selection {
        let mut s = self.without(param);
        let at = FILTER_PARAMS.iter().position(|p| *p == param).unwrap_or(0);
        let index = s
            .filters
            .iter()
            .position(|(n, _)| FILTER_PARAMS.iter().position(|p| p == n).unwrap_or(0) > at)
            .unwrap_or(s.filters.len());
        s.filters.insert(index, (param, value.to_string()));
        s
    }

    /// The library filters (a bad year or kind is a 400).
    pub fn filters(&self) -> Result<Filters, Failure> {
        let kind = match self.get("kind") {
            None => KindFilter::All,
            Some(k) => k.parse().map_err(|_| {
                Failure::BadRequest(format!(
                    "parameter \"kind\" must be section, footnote or all, not {k:?}"
                ))
            })?,
        };
        let sectors: Vec<String> = self
            .filters
            .iter()
            .filter(|(n, _)| *n == "sector")
            .map(|(_, v)| v.clone())
            .collect();
        Filters::from_input(&FilterInput {
            year: self.get("year"),
            sectors: &sectors,
            doc_type: self.get("type"),
            period: self.get("period"),
            role: self.get("role"),
            province: self.get("province"),
            issuer: self.get("issuer"),
            kind,
        })
        .map_err(Failure::from)
    }

    /// A library request for this selection and window.
    pub fn request(&self, limit: usize, offset: usize) -> Result<SearchRequest, Failure> {
        let mut r = SearchRequest::new(self.q.clone());
        r.filters = self.filters()?;
        r.limit = limit;
        r.offset = offset;
        Ok(r)
    }

    /// The query string of this selection plus `extra` pairs (no leading `?`).
    pub fn query_string(&self, extra: &[(&str, &str)]) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        for (n, v) in &self.filters {
            out.append_pair(n, v);
        }
        for (n, v) in extra {
            out.append_pair(n, v);
        }
        out.finish()
    }

    /// `path?query-string` of this selection plus `extra` pairs.
    pub fn url(&self, path: &str, extra: &[(&str, &str)]) -> String {
        let qs = self.query_string(extra);
        if qs.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{qs}")
        }
    }
}

/// A window of an API request: `limit` (default 10, at most [`MAX_LIMIT`]) and `offset`,
/// with `offset + limit` at most [`MAX_WINDOW`].
pub fn window(params: &Params) -> Result<(usize, usize), Failure> {
    let limit = params.number("limit", 10, 0, MAX_LIMIT)?;
    let offset = params.number("offset", 0, 0, MAX_WINDOW)?;
    if offset + limit > MAX_WINDOW {
        return Err(Failure::BadRequest(format!(
            "offset + limit must be at most {MAX_WINDOW}"
        )));
    }
    Ok((limit, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(raw: &str) -> Result<Params, Failure> {
        let mut allowed = vec!["q", "page", "limit", "offset"];
        allowed.extend_from_slice(FILTER_PARAMS);
        Params::parse(Some(raw), &allowed)
    }

    #[test]
    fn selections_round_trip_through_the_url() {
        let p = params("q=gi%E1%BA%A3i+ng%C3%A2n&year=2023&sector=kinh-te&sector=thanh-tra&page=2")
            .unwrap();
        let s = Selection::from_params(&p).unwrap();
        assert_eq!(s.q, "giải ngân");
        assert_eq!(s.get("year"), Some("2023"));
        assert!(s.has("sector", "thanh-tra"));
        let again = Selection::from_params(&params(&s.query_string(&[])).unwrap()).unwrap();
        assert_eq!(again, s);
        assert_eq!(s.filters().unwrap().sectors.len(), 2);
        let moved = s.with("year", "2024").without("sector");
        assert_eq!(
            moved.query_string(&[]),
            "q=gi%E1%BA%A3i+ng%C3%A2n&year=2024"
        );
        // Filters keep their order whatever order they are set in.
        let ordered = Selection::default()
            .with("province", "Lạng Sơn")
            .with("year", "2024");
        assert_eq!(ordered.filters[0].0, "year");
        // The issuer, as `--issuer`, between the province and the kind.
        let p = params("q=x&kind=section&issuer=UBND+t%E1%BB%89nh+L%E1%BA%A1ng+S%C6%A1n").unwrap();
        let s = Selection::from_params(&p).unwrap();
        assert_eq!(
            s.filters().unwrap().issuer.as_deref(),
            Some("UBND tỉnh Lạng Sơn")
        );
        assert_eq!(s.filters[0].0, "issuer");
        let s = s.with("province", "Lạng Sơn");
        assert_eq!(
            s.filters.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ["province", "issuer", "kind"]
        );
    }

    #[test]
    fn bad_parameters_are_refused() {
        let bad = |raw: &str| match params(raw).and_then(|p| {
            Selection::from_params(&p)?;
            window(&p)?;
            p.number("page", 1, 1, 100)
        }) {
            Err(Failure::BadRequest(m)) => m,
            other => panic!("{raw}: {other:?}"),
        };
        assert!(bad("qq=1").contains("unknown parameter"));
        assert!(bad("year=20x4").contains("--year"));
        assert!(bad("year=2023&year=2024").contains("more than once"));
        assert!(bad("kind=table").contains("kind"));
        assert!(bad("limit=1000").contains("limit"));
        assert!(bad("limit=-1").contains("limit"));
        assert!(bad("offset=9999&limit=10").contains("offset + limit"));
        assert!(bad("page=0").contains("page"));
        assert!(bad(&format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1))).contains("longer"));
        // Empty form fields are absent, not errors.
        let p = params("q=&year=&type=").unwrap();
        assert_eq!(Selection::from_params(&p).unwrap(), Selection::default());
    }
}
