//! `baocao search QUERY [filters]`, and the conversion of the shared filter arguments.

use std::io::Write;

use super::args::{Cli, FilterArgs, KindFilter as KindArg, PageArgs, SearchArgs};
use super::CliError;
use crate::output::{self, Painter};
use crate::search::{Filters, KindFilter, SearchError, SearchRequest, Searcher};

/// Units of one report listed by default in human output (the others are counted): a
/// page of 10 then spans at least 5 reports instead of one report's drafts and copies.
pub const DEFAULT_PER_REPORT: usize = 2;

/// Maps a search error to its exit code (2 for a bad query or filter).
pub fn search_error(e: SearchError) -> CliError {
    match e {
        e if e.is_usage() => CliError::usage(e),
        // Reading failed in the middle of a search: in practice a damaged segment file.
        // One line (the tantivy error once, not its chain twice) and the way out.
        SearchError::Tantivy(inner) => CliError::other(anyhow::anyhow!(
            "reading the index failed ({inner}); if the index is damaged, \
             `baocao index --rebuild` rebuilds it"
        )),
        e => CliError::other(e),
    }
}

/// The library filters of the shared filter arguments (a bad `--year` is exit 2).
pub fn filters(args: &FilterArgs) -> Result<Filters, CliError> {
    let year = match &args.year {
        Some(y) => Some(y.parse().map_err(search_error)?),
        None => None,
    };
    let nonempty = |s: &Option<String>| {
        s.as_ref()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Ok(Filters {
        year,
        sectors: args
            .sector
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        doc_type: nonempty(&args.doc_type),
        period: nonempty(&args.period),
        role: nonempty(&args.role),
        province: nonempty(&args.province),
        issuer: nonempty(&args.issuer),
        kind: match args.kind {
            KindArg::Section => KindFilter::Section,
            KindArg::Footnote => KindFilter::Footnote,
            KindArg::All => KindFilter::All,
        },
    })
}

/// The search request of a query and the shared filter arguments (no paging).
pub fn request(query: &str, args: &FilterArgs) -> Result<SearchRequest, CliError> {
    let mut request = SearchRequest::new(query);
    request.filters = filters(args)?;
    Ok(request)
}

/// [`request`] with `--limit` and `--offset`.
pub fn paged_request(
    query: &str,
    args: &FilterArgs,
    page: &PageArgs,
) -> Result<SearchRequest, CliError> {
    let mut request = request(query, args)?;
    request.limit = page.limit;
    request.offset = page.offset;
    Ok(request)
}

/// Reports a malformed query (exit 2) before the index is opened (or built).
pub fn check_query(query: &str) -> Result<(), CliError> {
    crate::search::parse_query(crate::search::query::split_exact(query).1)
        .map_err(|e| search_error(e.into()))?;
    Ok(())
}

/// `baocao search`.
pub fn run(cli: &Cli, args: &SearchArgs) -> Result<i32, CliError> {
    let mut request = paged_request(&args.query, &args.filters, &args.page)?;
    request.sort = match args.sort {
        super::args::SortArg::Relevance => crate::search::SortOrder::Relevance,
        super::args::SortArg::Date => crate::search::SortOrder::Date,
    };
    request.exact = args.exact;
    request.expand = !args.no_expand;
    // Human output lists at most 2 units of a report by default; JSON lists every unit
    // unless asked.
    request.per_report = match (args.per_report, cli.json) {
        (Some(n), _) => n,
        (None, false) => DEFAULT_PER_REPORT,
        (None, true) => 0,
    };
    check_query(&request.query)?;
    let index = super::index::open_for_reading(cli)?;
    let searcher = Searcher::new(&index).map_err(search_error)?;
    if args.group.is_some() {
        let grouped = searcher
            .search_grouped(&request, crate::search::UNITS_PER_REPORT)
            .map_err(search_error)?;
        super::index::check_not_rebuilding(cli, &searcher, grouped.total)?;
        let mut stdout = std::io::stdout().lock();
        if cli.json {
            serde_json::to_writer(
                &mut stdout,
                &output::json::grouped(&grouped, request.offset),
            )?;
            writeln!(stdout)?;
        } else {
            let painter = Painter::new(output::use_color(cli.color));
            write!(
                stdout,
                "{}",
                output::text::grouped(&painter, &grouped, request.offset)
            )?;
        }
        stdout.flush()?;
        return Ok(super::EXIT_OK);
    }
    let results = searcher.search(&request).map_err(search_error)?;
    super::index::check_not_rebuilding(cli, &searcher, results.total)?;
    let mut stdout = std::io::stdout().lock();
    if cli.json {
        serde_json::to_writer(&mut stdout, &output::json::search(&results, request.offset))?;
        writeln!(stdout)?;
    } else {
        let painter = Painter::new(output::use_color(cli.color));
        write!(
            stdout,
            "{}",
            output::text::search(&painter, &results, request.offset)
        )?;
    }
    stdout.flush()?;
    Ok(super::EXIT_OK)
}
