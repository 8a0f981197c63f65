//! `baocao serve`: a read-only web page and JSON API over the index, for people who do not
//! live in a terminal (see the README, "Web page").
//!
//! HTTP only: routing, parameters and rendering. Every answer comes from the same library
//! calls the command line makes ([`crate::search`], [`crate::figures`], [`crate::index`])
//! and the JSON API serialises the same [`crate::output::json`] documents as `--json`.
//!
//! - [`params`]: the query string → library requests, bounded and validated (400 on error).
//! - [`state`]: the opened index, reloaded when a new commit appears, reopened when it was
//!   missing or damaged.
//! - [`api`]: `/api/search`, `/api/facets`, `/api/timeline`, `/api/figures`, `/api/show`,
//!   `/api/stats`.
//! - [`pages`]: the Vietnamese HTML pages (maud templates, every text escaped).
//! - [`assets`]: the stylesheet and the small script, embedded in the binary.
//! - [`cache`]: facet counts and timelines of recent selections, per index commit.

pub mod api;
pub mod assets;
pub mod cache;
pub mod pages;
pub mod params;
pub mod state;
pub mod timeline;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub use state::AppState;

/// Worker threads that run library calls (searches, facets, figures): enough to keep the
/// cores busy while one waits on the disk, few enough that a burst queues instead of
/// thrashing.
pub const MAX_BLOCKING_THREADS: usize = 8;

/// Longest a request may wait for its library call before it is answered 503 (the call is
/// bounded by the query and window limits; this only caps a machine under heavy load).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// How long open connections get to finish after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Errors that stop the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address cannot be bound (in use, not permitted).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The system's reason.
        source: std::io::Error,
    },
    /// Any other I/O error of the runtime or the listener.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// What `baocao serve` needs to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address and port to listen on (port 0: any free port, printed on start).
    pub addr: SocketAddr,
}

/// All routes of the server over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(pages::search))
        .route("/show", get(pages::show))
        .route("/figures", get(pages::figures))
        .route("/figures.csv", get(pages::figures_csv))
        .route("/assets/style.css", get(assets::style))
        .route("/assets/app.js", get(assets::script))
        .route("/favicon.svg", get(assets::favicon))
        .route("/api/search", get(api::search))
        .route("/api/facets", get(api::facets))
        .route("/api/timeline", get(api::timeline))
        .route("/api/figures", get(api::figures))
        .route("/api/show", get(api::show))
        .route("/api/stats", get(api::stats))
        .route("/api", get(api::not_found))
        .route("/api/{*rest}", get(api::not_found))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            state::guard,
        ))
        .with_state(state)
}

/// Serves `state` on `options.addr` until Ctrl-C (or SIGTERM); prints the URL on stdout
/// once listening.
pub fn run(options: &ServeOptions, state: AppState) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(MAX_BLOCKING_THREADS)
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: options.addr,
                source,
            })?;
        let local = listener.local_addr()?;
        let state = Arc::new(state.with_addr(local));
        {
            let mut stdout = std::io::stdout().lock();
            writeln!(
                stdout,
                "baocao: serving {} on http://{local}/ (read-only; Ctrl-C stops)",
                state.dir().display()
            )?;
            stdout.flush()?;
        }
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        Ok::<(), ServeError>(())
    })?;
    // Connections still open after the grace period are dropped with the runtime.
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
    Ok(())
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM.
async fn shutdown_signal() {
    use std::future::Future;
    use std::task::Poll;
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    let mut ctrl_c = std::pin::pin!(ctrl_c);
    let mut term = std::pin::pin!(term);
    std::future::poll_fn(|cx| {
        if ctrl_c.as_mut().poll(cx).is_ready() || term.as_mut().poll(cx).is_ready() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
}

/// Headers every answer carries: no script, style or frame from elsewhere, no sniffing,
/// no referrer (the URL holds the query).
pub(crate) fn security_headers(headers: &mut HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

/// A response with `status`, `content_type` and `body`, and the security headers.
pub(crate) fn respond(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<axum::body::Body>,
) -> Response {
    let mut response = (status, body.into()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    security_headers(headers);
    response
}
