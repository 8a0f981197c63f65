//! Tagging does not depend on the layout or the encoding of a report: the PDF rendering
//! of a clean report, its NFD form and its text without diacritics tag alike; arbitrary
//! text never breaks the invariants.

use std::path::Path;

use baocao::report::{self, render, role_slug, Report};
use baocao::tagging::{self, is_role, is_sector, sectors_for, tag_report, MAX_SECTORS};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

type Tags = (
    Vec<(String, Vec<String>, String)>,
    Vec<(u32, Vec<String>, String)>,
);

fn tags(report: &Report) -> Tags {
    (
        report
            .sections
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.sectors.clone(),
                    role_slug(s.role).to_string(),
                )
            })
            .collect(),
        report
            .footnotes
            .iter()
            .map(|f| (f.number, f.sectors.clone(), role_slug(f.role).to_string()))
            .collect(),
    )
}

fn tagged(name: &str, text: &str) -> Report {
    let mut r = report::parse_text(name, text);
    tag_report(&mut r);
    r
}

/// Rewrites every heading, text and footnote of a tagged report, clears its tags and
/// tags it again.
fn retagged(report: &Report, f: impl Fn(&str) -> String) -> Report {
    let mut r = report.clone();
    for s in &mut r.sections {
        s.heading = f(&s.heading);
        s.text = f(&s.text);
        s.sectors.clear();
        s.role = None;
    }
    for n in &mut r.footnotes {
        n.text = f(&n.text);
        n.sectors.clear();
        n.role = None;
    }
    tag_report(&mut r);
    r
}

#[test]
fn pdf_rendering_tags_like_the_clean_report() {
    let mut checked = 0;
    for (name, text) in corpus() {
        if report::lines::detect(&text) != report::lines::Layout::Clean {
            continue;
        }
        let pdf = render::pdf_layout(&text, &render::PdfOptions::default());
        let a = tagged(&name, &text);
        let b = tagged(&name, &pdf);
        assert_eq!(tags(&a), tags(&b), "{name}");
        checked += 1;
    }
    assert_eq!(checked, 3);
}

#[test]
fn nfd_and_text_without_diacritics_tag_alike() {
    for (name, text) in corpus() {
        let a = tagged(&name, &text);
        let nfd = retagged(&a, |s| s.nfd().collect());
        assert_eq!(tags(&a), tags(&nfd), "{name}: NFD");
        let plain = retagged(&a, baocao::analysis::fold);
        assert_eq!(tags(&a), tags(&plain), "{name}: without diacritics");
    }
}

proptest! {
    #[test]
    fn any_text_keeps_the_invariants(
        heading in "\\PC{0,80}",
        body in "(\\PC{0,40}|giải ngân|, |\\. |quốc phòng|an ninh|thu, chi ngân sách|bão số 3|\n){0,30}",
    ) {
        let sectors = sectors_for(&heading, &body);
        prop_assert!(sectors.len() <= MAX_SECTORS);
        prop_assert!(sectors.iter().all(|s| is_sector(s)));
        let mut seen = sectors.clone();
        seen.sort();
        seen.dedup();
        prop_assert_eq!(seen.len(), sectors.len());
        if let Some(role) = tagging::role_of_heading(&heading) {
            prop_assert!(is_role(role.as_str()));
        }
    }
}
