//! The server's state: the index it reads (reloaded when a new commit appears, reopened
//! when it was missing or damaged), the request guard, and how library calls run off the
//! async threads.

use std::net::SocketAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::params::MAX_QUERY_STRING;
use crate::index::BaocaoIndex;
use crate::search::{SearchError, Searcher};

/// How often the index directory is looked at again: a new commit (`baocao index` run
/// meanwhile) is seen within this time, and a missing or damaged index is retried.
const RECHECK_EVERY: Duration = Duration::from_secs(2);

/// Why a request cannot be answered normally. Pages show it as a Vietnamese page, the API
/// as `{"error": "..."}` with the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A bad parameter or a malformed query (400).
    BadRequest(String),
    /// Nothing with that id (404).
    NotFound(String),
    /// The index is missing or cannot be opened (503); the message says how to fix it.
    Unavailable(String),
    /// Reading the index failed in the middle of a request: in practice a damaged file (500).
    Internal(String),
    /// The request waited longer than [`super::REQUEST_TIMEOUT`] (503).
    Busy,
}

impl Failure {
    /// The HTTP status of the failure.
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Unavailable(_) | Failure::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The one-line message (English, like the command line's).
    pub fn message(&self) -> String {
        let line = match self {
            Failure::BadRequest(m)
            | Failure::NotFound(m)
            | Failure::Unavailable(m)
            | Failure::Internal(m) => m.clone(),
            Failure::Busy => "the server is busy; try again".to_string(),
        };
        line.replace(['\n', '\r'], " ")
    }
}

impl From<SearchError> for Failure {
    fn from(e: SearchError) -> Failure {
        match e {
            e if e.is_usage() => Failure::BadRequest(e.to_string()),
            SearchError::Index(e) => Failure::Unavailable(e.to_string()),
            SearchError::Tantivy(inner) => Failure::Internal(format!(
                "reading the index failed ({inner}); if the index is damaged, \
                 `baocao index --rebuild` rebuilds it"
            )),
            e => Failure::Internal(e.to_string()),
        }
    }
}

/// The opened searcher, or why there is none, and when the directory was last looked at.
struct Slot {
    searcher: Option<Arc<Searcher>>,
    error: String,
    checked: Instant,
}

/// What every request shares.
pub struct AppState {
    dir: PathBuf,
    addr: Option<SocketAddr>,
    slot: Mutex<Slot>,
    /// Facet counts and timelines of the search page, per selection and commit.
    pub(crate) summaries: super::cache::SelectionCache<super::pages::Summary>,
}

impl AppState {
    /// The state over the index in `dir`, already opened (or the message saying why not).
    pub fn new(dir: PathBuf, opened: Result<BaocaoIndex, String>) -> AppState {
        let (searcher, error) = match opened.and_then(|i| Searcher::new(&i).map_err(message)) {
            Ok(s) => (Some(Arc::new(s)), String::new()),
            Err(e) => (None, e),
        };
        AppState {
            dir,
            addr: None,
            slot: Mutex::new(Slot {
                searcher,
                error,
                checked: Instant::now(),
            }),
            summaries: Default::default(),
        }
    }

    /// The same state, listening on `addr` (loopback addresses refuse foreign `Host`s).
    pub fn with_addr(mut self, addr: SocketAddr) -> AppState {
        self.addr = Some(addr);
        self
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The searcher over the last commit; reloads it or reopens the index at most every
    /// [`RECHECK_EVERY`]. Blocking (reads the disk): call it inside [`blocking`].
    pub fn searcher(&self) -> Result<Arc<Searcher>, Failure> {
        let mut slot = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        if slot.checked.elapsed() >= RECHECK_EVERY {
            slot.checked = Instant::now();
            match &slot.searcher {
                Some(s) => {
                    if let Err(e) = s.reload() {
                        slot.searcher = None;
                        slot.error = message(e);
                    }
                }
                None => match BaocaoIndex::open(&self.dir)
                    .map_err(|e| e.to_string())
                    .and_then(|i| Searcher::new(&i).map_err(message))
                {
                    Ok(s) => slot.searcher = Some(Arc::new(s)),
                    Err(e) => slot.error = e,
                },
            }
        }
        match &slot.searcher {
            Some(s) => Ok(s.clone()),
            None => Err(Failure::Unavailable(slot.error.clone())),
        }
    }

    /// Whether `host` (a `Host` header) is acceptable: any host when listening on a
    /// public address; on loopback only loopback names, so that a web page elsewhere
    /// cannot read this server through a DNS name rebound to 127.0.0.1.
    fn host_allowed(&self, host: &str) -> bool {
        let Some(addr) = self.addr else { return true };
        if !addr.ip().is_loopback() {
            return true;
        }
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split(']').next().unwrap_or_default(),
            None => host.rsplit_once(':').map_or(host, |(name, _)| name),
        };
        name.eq_ignore_ascii_case("localhost")
            || name
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

fn message(e: SearchError) -> String {
    match e {
        SearchError::Index(e) => e.to_string(),
        SearchError::Tantivy(inner) => format!(
            "reading the index failed ({inner}); if the index is damaged, \
             `baocao index --rebuild` rebuilds it"
        ),
        e => e.to_string(),
    }
}

/// Runs before every route: refuses a foreign `Host` on a loopback server and an overlong
/// query string (400), before any work is done.
pub async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api");
    if let Some(host) = request.headers().get(header::HOST) {
        let ok = host.to_str().is_ok_and(|h| state.host_allowed(h));
        if !ok {
            return super::pages::failure(
                api,
                &Failure::BadRequest("unexpected Host header".to_string()),
            );
        }
    }
    if request.uri().query().map_or(0, str::len) > MAX_QUERY_STRING {
        return super::pages::failure(
            api,
            &Failure::BadRequest(format!(
                "the query string is longer than {MAX_QUERY_STRING} bytes"
            )),
        );
    }
    next.run(request).await
}

/// Runs a library call on the blocking pool: a panic (a damaged index file can cause one
/// in tantivy) becomes [`Failure::Internal`], a wait past [`super::REQUEST_TIMEOUT`]
/// becomes [`Failure::Busy`].
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let task = tokio::task::spawn_blocking(move || {
        catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
            Err(Failure::Internal(
                "internal error while reading the index; if the index is damaged, \
                 `baocao index --rebuild` rebuilds it"
                    .to_string(),
            ))
        })
    });
    match tokio::time::timeout(super::REQUEST_TIMEOUT, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(Failure::Internal("internal error".to_string())),
        Err(_) => Err(Failure::Busy),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_on(addr: &str) -> AppState {
        AppState::new(PathBuf::from("/nonexistent"), Err("no index".to_string()))
            .with_addr(addr.parse().unwrap())
    }

    #[test]
    fn loopback_servers_accept_only_loopback_hosts() {
        let s = state_on("127.0.0.1:8080");
        for ok in [
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:1",
            "[::1]:8080",
            "127.0.0.2",
        ] {
            assert!(s.host_allowed(ok), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "example.com",
            "10.0.0.1:8080",
            "[fe80::1]",
        ] {
            assert!(!s.host_allowed(bad), "{bad}");
        }
        let public = state_on("0.0.0.0:8080");
        assert!(public.host_allowed("reports.example"));
    }

    #[test]
    fn a_missing_index_is_unavailable_with_its_reason() {
        let s = state_on("127.0.0.1:1");
        match s.searcher() {
            Err(Failure::Unavailable(m)) => assert_eq!(m, "no index"),
            other => panic!("{:?}", other.map(|_| ())),
        }
        assert_eq!(
            Failure::BadRequest("a\nb".into()).message(),
            "a b",
            "messages are one line"
        );
    }
}
