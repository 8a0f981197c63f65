//! The stylesheet, the small script and the icon, embedded in the binary (no CDN: the page
//! works offline).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

/// The stylesheet: one column on a narrow window, facets beside the results on a wide one.
pub const STYLE: &str = include_str!("assets/style.css");
/// The script: keyboard shortcuts only; every feature works without it.
pub const SCRIPT: &str = include_str!("assets/app.js");
/// The icon.
pub const FAVICON: &str = include_str!("assets/favicon.svg");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut response = super::respond(StatusCode::OK, content_type, body);
    // Assets change only with the binary; an hour of caching spares reloads.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

/// `/assets/style.css`.
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

/// `/assets/app.js`.
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

/// `/favicon.svg`.
pub async fn favicon() -> Response {
    asset("image/svg+xml", FAVICON)
}
