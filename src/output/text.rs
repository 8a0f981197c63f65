//! Human-readable renderings (plain text, coloured by a [`Painter`]).

use std::fmt::Write;
use std::io;

use super::{display_path, ellipsize, plural, quote_query, shell_quote, Painter};
use crate::index::{CheckReport, IndexSummary};
use crate::search::{
    FacetCounts, FacetValue, GroupedResults, Hit, Kind, Outline, ReportInfo, SearchResults, Show,
    Stats, Unit,
};

fn path_label(path: &[String]) -> String {
    path.join(" › ")
}

fn report_line(
    p: &Painter,
    title: &str,
    period: &str,
    doc_type: &str,
    province: Option<&str>,
) -> String {
    let mut parts = Vec::new();
    if !title.is_empty() {
        parts.push(ellipsize(title, 90));
    }
    let mut meta = Vec::new();
    if !period.is_empty() {
        meta.push(period.to_string());
    }
    if !doc_type.is_empty() {
        meta.push(doc_type.to_string());
    }
    if let Some(p) = province {
        meta.push(p.to_string());
    }
    let meta = meta.join(" · ");
    if parts.is_empty() {
        p.dim(&meta)
    } else if meta.is_empty() {
        parts.join("")
    } else {
        format!("{} {}", parts.join(""), p.dim(&format!("({meta})")))
    }
}

fn hit_header(p: &Painter, hit: &Hit) -> String {
    let location = format!(
        "{}:{}",
        display_path(hit.source.as_deref(), &hit.file),
        hit.match_line
    );
    let what = match hit.kind {
        Kind::Section => {
            let heading = ellipsize(&hit.heading, 100);
            format!("{} {}", p.strong(&path_label(&hit.path)), heading)
        }
        Kind::Footnote => {
            let n = hit.number.map(|n| n.to_string()).unwrap_or_default();
            let within = if hit.path.is_empty() {
                String::new()
            } else {
                format!(
                    " in {} {}",
                    path_label(&hit.path),
                    ellipsize(&hit.heading, 70)
                )
            };
            format!("{}{}", p.strong(&format!("footnote {n}")), within)
        }
    };
    format!("{}  {}", p.location(&location), what)
}

/// The lines of one hit under its header: report, snippet, and the id to `show`.
fn hit_body(p: &Painter, out: &mut String, hit: &Hit, indent: &str) {
    let _ = writeln!(
        out,
        "{indent}{}",
        report_line(
            p,
            &hit.title,
            &hit.period,
            &hit.doc_type,
            hit.province.as_deref()
        )
    );
    let snippet = p.snippet(&hit.snippet);
    if !snippet.trim().is_empty() {
        let _ = writeln!(out, "{indent}{snippet}");
    }
    let _ = writeln!(
        out,
        "{indent}{}",
        p.dim(&format!("id {}", shell_quote(&hit.id)))
    );
}

/// The paging line: `1–10 of 42 matches (next page: --offset 10)`.
fn page_line(
    p: &Painter,
    out: &mut String,
    offset: usize,
    shown: usize,
    total: usize,
    what: (&str, &str),
    query: &str,
) {
    let last = offset + shown;
    let count = plural(total as u64, what.0, what.1);
    if shown == 0 {
        let _ = writeln!(
            out,
            "{count} for {}; none at offset {offset}.",
            quote_query(query)
        );
    } else if last < total {
        let _ = writeln!(
            out,
            "{}",
            p.dim(&format!(
                "{}–{last} of {count} (next page: --offset {last})",
                offset + 1
            ))
        );
    } else {
        let _ = writeln!(
            out,
            "{}",
            p.dim(&format!("{}–{last} of {count}", offset + 1))
        );
    }
}

/// `search` in human form.
pub fn search(
    out: &mut impl io::Write,
    p: &Painter,
    results: &SearchResults,
    offset: usize,
) -> io::Result<()> {
    out.write_all(search_string(p, results, offset).as_bytes())
}

fn search_string(p: &Painter, results: &SearchResults, offset: usize) -> String {
    let mut out = String::new();
    if results.total == 0 && results.partial == 0 {
        let _ = writeln!(out, "No match for {}.", quote_query(&results.query));
        return out;
    }
    if results.total == 0 {
        let _ = writeln!(
            out,
            "No unit holds every word of {}; units missing one word:\n",
            quote_query(&results.query)
        );
    }
    let mut announced = results.total == 0;
    for (i, hit) in results.hits.iter().enumerate() {
        if hit.missing.is_some() && !announced {
            let _ = writeln!(out, "{}\n", p.dim("Units missing one word of the query:"));
            announced = true;
        }
        let _ = writeln!(out, "{:>3}. {}", offset + i + 1, hit_header(p, hit));
        hit_body(p, &mut out, hit, "     ");
        if let Some(word) = &hit.missing {
            let _ = writeln!(out, "     {}", p.dim(&format!("không có: {word}")));
        }
        if !hit.also_in.is_empty() {
            let _ = writeln!(
                out,
                "     {}",
                p.dim(&format!("also in {}", hit.also_in.join(", ")))
            );
        }
        // Under the last listed unit of its report.
        let last_of_report = !results.hits[i + 1..].iter().any(|h| h.doc_id == hit.doc_id);
        if hit.more_in_report > 0 && last_of_report {
            let _ = writeln!(
                out,
                "     {}",
                p.dim(&format!("+{} more in this report", hit.more_in_report))
            );
        }
        let _ = writeln!(out);
    }
    page_line(
        p,
        &mut out,
        offset,
        results.hits.len(),
        results.total + results.partial,
        ("match", "matches"),
        &results.query,
    );
    if results.partial > 0 {
        let _ = writeln!(
            out,
            "{}",
            p.dim(&format!(
                "{} with every word, {} missing one word",
                results.total, results.partial
            ))
        );
    }
    out
}

/// `search --group report` in human form: each report with its match count, then its
/// best units.
pub fn grouped(
    out: &mut impl io::Write,
    p: &Painter,
    results: &GroupedResults,
    offset: usize,
) -> io::Result<()> {
    out.write_all(grouped_string(p, results, offset).as_bytes())
}

fn grouped_string(p: &Painter, results: &GroupedResults, offset: usize) -> String {
    let mut out = String::new();
    if results.total == 0 {
        let _ = writeln!(out, "No match for {}.", quote_query(&results.query));
        return out;
    }
    let _ = writeln!(
        out,
        "{} in {} for {}\n",
        plural(results.total as u64, "match", "matches"),
        plural(results.reports as u64, "report", "reports"),
        quote_query(&results.query)
    );
    for (i, g) in results.groups.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}. {}  {}",
            offset + i + 1,
            p.location(&display_path(g.source.as_deref(), &g.file)),
            p.dim(&plural(g.matches as u64, "match", "matches"))
        );
        let _ = writeln!(
            out,
            "     {}",
            report_line(p, &g.title, &g.period, &g.doc_type, g.province.as_deref())
        );
        for hit in &g.hits {
            let _ = writeln!(out, "     - {}", hit_header(p, hit));
            let snippet = p.snippet(&hit.snippet);
            if !snippet.trim().is_empty() {
                let _ = writeln!(out, "       {snippet}");
            }
            let _ = writeln!(
                out,
                "       {}",
                p.dim(&format!("id {}", shell_quote(&hit.id)))
            );
        }
        if g.matches > g.hits.len() {
            let _ = writeln!(
                out,
                "     {}",
                p.dim(&format!(
                    "… and {} more in this report",
                    plural((g.matches - g.hits.len()) as u64, "match", "matches")
                ))
            );
        }
        let _ = writeln!(out);
    }
    page_line(
        p,
        &mut out,
        offset,
        results.groups.len(),
        results.reports,
        ("report", "reports"),
        &results.query,
    );
    out
}

fn facet_block(p: &Painter, out: &mut String, name: &str, values: &[FacetValue]) {
    let _ = writeln!(out, "{}", p.strong(name));
    if values.is_empty() {
        let _ = writeln!(out, "  {}", p.dim("(none)"));
    }
    let width = values
        .iter()
        .map(|v| v.value.chars().count())
        .max()
        .unwrap_or(0);
    for v in values {
        let indent = if v.value.contains('/') { "    " } else { "  " };
        let pad = width.saturating_sub(v.value.chars().count());
        let _ = writeln!(
            out,
            "{indent}{}{}  {:>6}",
            v.value,
            " ".repeat(pad),
            v.count
        );
    }
}

/// `facets` in human form.
pub fn facets(out: &mut impl io::Write, p: &Painter, counts: &FacetCounts) -> io::Result<()> {
    out.write_all(facets_string(p, counts).as_bytes())
}

fn facets_string(p: &Painter, counts: &FacetCounts) -> String {
    let mut out = String::new();
    let reports = counts.counting == crate::search::Counting::Reports;
    let line = match (counts.query.trim().is_empty(), reports) {
        (true, false) => plural(
            counts.total as u64,
            "section or footnote",
            "sections and footnotes",
        ),
        (true, true) => plural(counts.total as u64, "report", "reports"),
        (false, false) => format!(
            "{} for {}",
            plural(counts.total as u64, "match", "matches"),
            quote_query(&counts.query)
        ),
        (false, true) => format!(
            "{} with matches for {} (counts are reports)",
            plural(counts.total as u64, "report", "reports"),
            quote_query(&counts.query)
        ),
    };
    let _ = writeln!(out, "{line}\n");
    for (name, values) in &counts.facets {
        facet_block(p, &mut out, name, values);
        let _ = writeln!(out);
    }
    out
}

fn report_block(p: &Painter, out: &mut String, r: &ReportInfo) {
    let _ = writeln!(
        out,
        "{}",
        p.strong(&if r.title.is_empty() {
            super::escape_controls(&r.file)
        } else {
            super::escape_controls(&r.title)
        })
    );
    let _ = writeln!(out, "  doc id    {}", r.doc_id);
    let _ = writeln!(
        out,
        "  file      {}",
        p.location(&display_path(r.source.as_deref(), &r.file))
    );
    let years: Vec<String> = r.years.iter().map(|y| y.to_string()).collect();
    let _ = writeln!(out, "  period    {} (years {})", r.period, years.join(", "));
    let _ = writeln!(out, "  type      {}", r.doc_type);
    if let Some(i) = &r.issuer {
        let _ = writeln!(out, "  issuer    {i}");
    }
    if let Some(pv) = &r.province {
        let _ = writeln!(out, "  province  {pv}");
    }
    if let Some(n) = &r.number {
        let _ = writeln!(out, "  number    {n}");
    }
    if let Some(d) = &r.date {
        let _ = writeln!(out, "  date      {d}");
    }
    if let Some(s) = &r.signer {
        let _ = writeln!(out, "  signer    {s}");
    }
}

fn outline(p: &Painter, o: &Outline) -> String {
    let mut out = String::new();
    report_block(p, &mut out, &o.report);
    let _ = writeln!(
        out,
        "  {}, {}\n",
        plural(o.sections.len() as u64, "section", "sections"),
        plural(o.footnotes as u64, "footnote", "footnotes")
    );
    for s in &o.sections {
        let depth = s.path.len().saturating_sub(1);
        let label = s.path.last().cloned().unwrap_or_default();
        let sectors = if s.sectors.is_empty() {
            String::new()
        } else {
            format!("  [{}]", s.sectors.join(", "))
        };
        let _ = writeln!(
            out,
            "{}{} {} {}{}",
            "  ".repeat(depth),
            p.strong(&label),
            ellipsize(&s.heading, 90),
            p.location(&format!(":{}", s.line_start)),
            p.dim(&sectors)
        );
    }
    if let Some(first) = o.sections.first() {
        let _ = writeln!(
            out,
            "\n{}",
            p.dim(&format!(
                "Show one section with: baocao show {} (or FILE:LINE)",
                shell_quote(&first.id)
            ))
        );
    }
    out
}

fn unit(p: &Painter, u: &Unit) -> String {
    let mut out = String::new();
    let h = &u.unit;
    let _ = writeln!(out, "{}", hit_header(p, h));
    let _ = writeln!(
        out,
        "{}",
        report_line(p, &h.title, &h.period, &h.doc_type, h.province.as_deref())
    );
    let mut facets = Vec::new();
    if !h.sectors.is_empty() {
        facets.push(format!("sectors: {}", h.sectors.join(", ")));
    }
    if let Some(role) = h.role {
        facets.push(format!("role: {role}"));
    }
    facets.push(format!("id: {}", shell_quote(&h.id)));
    let _ = writeln!(out, "{}\n", p.dim(&facets.join(" · ")));
    if h.kind == Kind::Section && !h.heading.is_empty() {
        let _ = writeln!(out, "{}\n", p.strong(&h.heading));
    }
    for para in h.text.split('\n').filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(out, "{para}\n");
    }
    if !u.footnotes.is_empty() {
        let _ = writeln!(out, "{}", p.strong("Footnotes"));
        for n in &u.footnotes {
            let _ = writeln!(
                out,
                "  {} {} {}",
                p.strong(&n.number.map(|n| n.to_string()).unwrap_or_default()),
                n.text.replace('\n', " "),
                p.location(&format!(":{}", n.line_start))
            );
        }
    }
    out
}

/// `show` in human form.
pub fn show(out: &mut impl io::Write, p: &Painter, s: &Show) -> io::Result<()> {
    out.write_all(show_string(p, s).as_bytes())
}

fn show_string(p: &Painter, s: &Show) -> String {
    match s {
        Show::Outline(o) => outline(p, o),
        Show::Unit(u) => unit(p, u),
    }
}

/// Bytes in a human unit.
pub fn bytes(n: u64) -> String {
    let n = n as f64;
    if n >= 1e9 {
        format!("{:.2} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.1} kB", n / 1e3)
    } else {
        format!("{n} B")
    }
}

/// `stats` in human form.
pub fn stats(out: &mut impl io::Write, p: &Painter, s: &Stats) -> io::Result<()> {
    out.write_all(stats_string(p, s).as_bytes())
}

fn stats_string(p: &Painter, s: &Stats) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "reports    {:>8}", s.reports);
    let _ = writeln!(out, "sections   {:>8}", s.sections);
    let _ = writeln!(out, "footnotes  {:>8}", s.footnotes);
    let _ = writeln!(out, "sources    {:>8}", bytes(s.source_bytes));
    let ratio = if s.source_bytes > 0 {
        format!(
            " ({:.2} × sources)",
            s.index_bytes as f64 / s.source_bytes as f64
        )
    } else {
        String::new()
    };
    let _ = writeln!(out, "index      {:>8}{ratio}", bytes(s.index_bytes));
    let _ = writeln!(out, "segments   {:>8}", s.segments);
    let _ = writeln!(out, "schema     {:>8}\n", s.schema_version);
    for (name, values) in &s.facets.facets {
        facet_block(p, &mut out, name, values);
        let _ = writeln!(out);
    }
    out
}

/// `index` summary in human form.
pub fn index(out: &mut impl io::Write, _p: &Painter, s: &IndexSummary) -> io::Result<()> {
    out.write_all(index_string(_p, s).as_bytes())
}

fn index_string(_p: &Painter, s: &IndexSummary) -> String {
    let mut out = String::new();
    if !s.changed() && s.skipped.is_empty() {
        let _ = writeln!(
            out,
            "Index is up to date: {} unchanged, nothing to do.",
            plural(s.unchanged as u64, "report", "reports")
        );
        return out;
    }
    let replaced = s.indexed.iter().filter(|i| i.replaced).count();
    let _ = writeln!(
        out,
        "Indexed {} ({} new, {} changed): {}, {}; {} unchanged.",
        plural(s.indexed.len() as u64, "report", "reports"),
        s.indexed.len() - replaced,
        replaced,
        plural(s.sections as u64, "section", "sections"),
        plural(s.footnotes as u64, "footnote", "footnotes"),
        s.unchanged
    );
    if !s.removed.is_empty() {
        let _ = writeln!(
            out,
            "Removed {} whose files vanished: {}.",
            plural(s.removed.len() as u64, "report", "reports"),
            s.removed.join(", ")
        );
    }
    let damaged: Vec<&crate::index::IndexedFile> =
        s.indexed.iter().filter(|i| i.invalid_bytes > 0).collect();
    if !damaged.is_empty() {
        let _ = writeln!(
            out,
            "Read {} files as UTF-8 with bytes that are not UTF-8 replaced by U+FFFD:",
            damaged.len()
        );
        for i in damaged {
            let noun = if i.invalid_bytes == 1 {
                "byte"
            } else {
                "bytes"
            };
            let _ = writeln!(
                out,
                "  {}: {} {noun} replaced",
                display_path(Some(&i.path), ""),
                i.invalid_bytes
            );
        }
    }
    if s.bytes_indexed > 0 {
        let _ = writeln!(
            out,
            "{} in {:.2} s ({:.1} MB/s).",
            bytes(s.bytes_indexed),
            s.elapsed.as_secs_f64(),
            s.mb_per_s()
        );
    }
    out
}

/// The files `baocao index` passed over, one a line with the reason (for stderr); empty
/// when none was.
pub fn index_skipped(out: &mut impl io::Write, p: &Painter, s: &IndexSummary) -> io::Result<()> {
    out.write_all(index_skipped_string(p, s).as_bytes())
}

fn index_skipped_string(p: &Painter, s: &IndexSummary) -> String {
    let mut out = String::new();
    if !s.skipped.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            p.strong(&format!(
                "Skipped {}:",
                plural(s.skipped.len() as u64, "file", "files")
            ))
        );
        for k in &s.skipped {
            let _ = writeln!(
                out,
                "  {}: {}",
                display_path(Some(&k.path), ""),
                super::escape_controls(&k.reason)
            );
        }
    }
    out
}

/// `check` in human form: `ok: …` or one line per damaged file, and the unused segment
/// files.
pub fn check(out: &mut impl io::Write, r: &CheckReport) -> io::Result<()> {
    if r.ok() {
        writeln!(
            out,
            "ok: {} segments, {} files, {:.1} MB verified, {} documents",
            r.segments,
            r.files,
            r.bytes as f64 / 1e6,
            r.documents
        )?;
    } else {
        for p in &r.problems {
            writeln!(out, "{}: {}", super::escape_controls(&p.file), p.what)?;
        }
    }
    if !r.orphans.is_empty() {
        writeln!(
            out,
            "{} unused segment files (left by an interrupted run; the next `baocao index` removes them)",
            r.orphans.len()
        )?;
    }
    Ok(())
}
