//! The JSON API: the documents of the command line's `--json`, one per endpoint.
//!
//! | endpoint | parameters | document |
//! |---|---|---|
//! | `/api/search` | `q`, filters, `limit`, `offset`, `group=report` | `search [--group report] --json` |
//! | `/api/facets` | `q` (optional), filters, `field` (repeatable), `count`, `limit` | `facets --json` |
//! | `/api/timeline` | `q` (optional), filters, `by` | `timeline --json` |
//! | `/api/figures` | `q`, filters, `limit`, `offset` | `figures --json` |
//! | `/api/show` | `id` | `show --json` |
//! | `/api/stats` | none | `stats --json` |
//!
//! Each document comes from the library call and the `output` function the command uses,
//! so it is the command's `--json`, byte for byte (docs/json.md). Errors are
//! `{"error": "one line"}` with 400 (bad parameter or query), 404 (no such id), 500
//! (damaged index) or 503 (no index yet).

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::params::{window, Params, Selection, FILTER_PARAMS, MAX_FACET_LIMIT};
use super::state::{blocking, AppState, Failure};
use crate::figures::figures_of_query;
use crate::output;
use crate::search::{parse_query, Counting, UNITS_PER_REPORT};

/// A JSON answer (one line).
pub fn json(status: StatusCode, value: &impl Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => super::respond(status, "application/json", body),
        Err(e) => error(&Failure::Internal(format!("cannot write JSON: {e}"))),
    }
}

/// A failure as `{"error": "..."}` with its status.
pub fn error(failure: &Failure) -> Response {
    #[derive(Serialize)]
    struct ErrorJson {
        error: String,
    }
    let body = serde_json::to_vec(&ErrorJson {
        error: failure.message(),
    })
    .unwrap_or_else(|_| b"{\"error\":\"error\"}".to_vec());
    super::respond(failure.status(), "application/json", body)
}

/// The allowed parameters: `extra` plus `q` and the filters.
fn allowed(extra: &[&'static str]) -> Vec<&'static str> {
    let mut names = vec!["q"];
    names.extend_from_slice(FILTER_PARAMS);
    names.extend_from_slice(extra);
    names
}

/// The selection of `raw`, with a query required or not.
fn selection(
    raw: &Option<String>,
    extra: &[&'static str],
    need_query: bool,
) -> Result<(Params, Selection), Failure> {
    let params = Params::parse(raw.as_deref(), &allowed(extra))?;
    let selection = Selection::from_params(&params)?;
    if need_query && selection.q.is_empty() {
        return Err(Failure::BadRequest(
            "parameter \"q\" (the query) is required".to_string(),
        ));
    }
    if !selection.q.is_empty() {
        parse_query(&selection.q).map_err(|e| Failure::BadRequest(e.to_string()))?;
    }
    Ok((params, selection))
}

/// Runs `f` on the blocking pool and answers the JSON it wrote, or the failure.
async fn answer(f: impl FnOnce() -> Result<Vec<u8>, Failure> + Send + 'static) -> Response {
    match blocking(f).await {
        Ok(body) => super::respond(StatusCode::OK, "application/json", body),
        Err(failure) => error(&failure),
    }
}

/// `/api/search`.
pub async fn search(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let (request, grouped) =
        match selection(&raw, &["limit", "offset", "group"], true).and_then(|(p, s)| {
            let (limit, offset) = window(&p)?;
            let grouped = match p.one("group")? {
                None => false,
                Some("report") => true,
                Some(other) => {
                    return Err(Failure::BadRequest(format!(
                        "parameter \"group\" must be report, not {other:?}"
                    )))
                }
            };
            Ok((s.request(limit, offset)?, grouped))
        }) {
            Ok(r) => r,
            Err(f) => return error(&f),
        };
    answer(move || {
        let searcher = state.searcher()?;
        if grouped {
            let results = searcher.search_grouped(&request, UNITS_PER_REPORT)?;
            to_bytes(output::json::grouped(&results, request.offset))
        } else {
            let results = searcher.search(&request)?;
            to_bytes(output::json::search(&results, request.offset))
        }
    })
    .await
}

/// `/api/facets`.
pub async fn facets(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let parsed = selection(&raw, &["field", "count", "limit"], false).and_then(|(p, s)| {
        let fields: Vec<String> = p
            .all("field")
            .iter()
            .map(|f| f.trim().to_string())
            .collect();
        let limit = match p.one("limit")? {
            None => None,
            Some(_) => Some(p.number("limit", 0, 1, MAX_FACET_LIMIT)?),
        };
        Ok((s.request(0, 0)?, fields, counting(&p)?, limit))
    });
    let (request, fields, counting, limit) = match parsed {
        Ok(r) => r,
        Err(f) => return error(&f),
    };
    answer(move || {
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let mut counts = state
            .searcher()?
            .facets_counting(&request, &fields, counting)?;
        if let Some(n) = limit {
            counts.limit_values(n);
        }
        to_bytes(output::json::facets(&counts))
    })
    .await
}

/// `count=units|reports` (default units), as `--count`.
fn counting(p: &Params) -> Result<Counting, Failure> {
    match p.one("count")? {
        None | Some("units") => Ok(Counting::Units),
        Some("reports") => Ok(Counting::Reports),
        Some(other) => Err(Failure::BadRequest(format!(
            "parameter \"count\" must be units or reports, not {other:?}"
        ))),
    }
}

/// `/api/timeline`.
pub async fn timeline(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let (request, by) = match selection(&raw, &["by"], false).and_then(|(p, s)| {
        let by = p.one("by")?.unwrap_or("year").trim().to_string();
        Ok((s.request(0, 0)?, by))
    }) {
        Ok(r) => r,
        Err(f) => return error(&f),
    };
    answer(move || {
        let timeline = state.searcher()?.timeline(&request, &by)?;
        to_bytes(output::timeline::json(&timeline))
    })
    .await
}

/// `/api/figures`: `limit` and `offset` page over the figures, as `figures --limit`.
pub async fn figures(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let request = match selection(&raw, &["limit", "offset"], true).and_then(|(p, s)| {
        let (limit, offset) = window(&p)?;
        s.request(limit, offset)
    }) {
        Ok(r) => r,
        Err(f) => return error(&f),
    };
    answer(move || {
        let page = figures_of_query(&*state.searcher()?, &request)?;
        to_bytes(output::figures::json(&request.query, &page))
    })
    .await
}

/// `/api/show?id=…`.
pub async fn show(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let id = match Params::parse(raw.as_deref(), &["id"]).and_then(|p| {
        p.one("id")?
            .map(|id| id.trim().to_string())
            .ok_or_else(|| Failure::BadRequest("parameter \"id\" is required".to_string()))
    }) {
        Ok(id) => id,
        Err(f) => return error(&f),
    };
    answer(move || {
        let found = state.searcher()?.show(&id)?.ok_or_else(|| {
            Failure::NotFound(format!(
                "nothing named {id:?} in the index (give a file name, a doc id, FILE:LINE, \
                 or a section id like DOC_ID#II.1.3 as given by /api/search)"
            ))
        })?;
        to_bytes(output::json::show(&found))
    })
    .await
}

/// `/api/stats`.
pub async fn stats(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    if let Err(f) = Params::parse(raw.as_deref(), &[]) {
        return error(&f);
    }
    answer(move || {
        let stats = state.searcher()?.stats()?;
        to_bytes(output::json::stats(&stats))
    })
    .await
}

/// Any other `/api/…` path.
pub async fn not_found() -> Response {
    error(&Failure::NotFound(
        "no such endpoint (search, facets, timeline, figures, show, stats)".to_string(),
    ))
}

/// A document written as JSON (field order as declared, like `--json`).
fn to_bytes(value: impl Serialize) -> Result<Vec<u8>, Failure> {
    serde_json::to_vec(&value).map_err(|e| Failure::Internal(format!("cannot write JSON: {e}")))
}
