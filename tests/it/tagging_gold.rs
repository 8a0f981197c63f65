//! Sector and role tagging of the bundled reports, against `tests/data/sectors-gold.json`,
//! plus the shape of the sector distribution over the whole corpus.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use baocao::report::{parse_file, role_slug, Report, Section};
use baocao::tagging::{self, sector_matches, tag_report, MAX_SECTORS, SECTORS};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn tagged(file: &str) -> Report {
    let path = root().join("corpus").join(file);
    let mut report = parse_file(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    tag_report(&mut report);
    report
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// A gold reference joins the path with '.', a label that extends its parent's written
/// without the parent's prefix (`II.1.3` is the path `["II","1","1.3"]`, `II.3.3.1` is
/// `["II","3","3.3","3.3.1"]`, `Phần I.II.5` is `["Phần I","II","5"]`).
fn section_for<'a>(report: &'a Report, reference: &str) -> Option<&'a Section> {
    report.sections.iter().find(|s| {
        let mut parts: Vec<&str> = Vec::new();
        let mut prev = "";
        for label in &s.path {
            let short = label
                .strip_prefix(prev)
                .and_then(|rest| rest.strip_prefix('.'))
                .filter(|_| !prev.is_empty())
                .unwrap_or(label);
            parts.push(short);
            prev = label;
        }
        parts.join(".") == reference
    })
}

#[test]
fn gold_sectors_and_roles() {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sectors-gold.json")).unwrap(),
    )
    .unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, entries) in gold.as_object().unwrap() {
        if file.starts_with('_') {
            continue;
        }
        let report = tagged(file);
        for (reference, want) in entries.as_object().unwrap() {
            checked += 1;
            let Some(section) = section_for(&report, reference) else {
                failures.push(format!("{file} {reference}: no such section"));
                continue;
            };
            for slug in want["sectors"].as_array().unwrap() {
                let slug = slug.as_str().unwrap();
                assert!(tagging::is_sector(slug), "gold names unknown sector {slug}");
                if !section.sectors.iter().any(|s| sector_matches(slug, s)) {
                    failures.push(format!(
                        "{file} {reference} [{}]: wants sector {slug}, got {:?}",
                        section.heading, section.sectors
                    ));
                }
            }
            let role = want["role"].as_str().unwrap();
            let got = role_slug(section.role);
            if got != role {
                failures.push(format!(
                    "{file} {reference} [{}]: wants role {role}, got {got}",
                    section.heading
                ));
            }
        }
    }
    assert!(checked > 40, "only {checked} gold entries read");
    assert!(
        failures.is_empty(),
        "{} of {checked} gold entries fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_distribution_is_sane() {
    let mut per_sector: BTreeMap<&str, usize> = SECTORS.iter().map(|(s, _)| (*s, 0)).collect();
    let mut per_sector_tree = per_sector.clone();
    let mut per_count: BTreeMap<usize, usize> = BTreeMap::new();
    let mut per_role: BTreeMap<String, usize> = BTreeMap::new();
    let mut sections = 0;
    let mut untagged = Vec::new();
    let mut footnotes = 0;
    let mut footnotes_untagged = 0;
    for path in corpus_files() {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let report = tagged(&file);
        for s in &report.sections {
            sections += 1;
            assert!(
                s.sectors.len() <= MAX_SECTORS,
                "{file} {:?}: {} sectors {:?}",
                s.path,
                s.sectors.len(),
                s.sectors
            );
            for slug in &s.sectors {
                assert!(
                    tagging::is_sector(slug),
                    "{file} {:?}: unknown {slug}",
                    s.path
                );
                *per_sector.get_mut(slug.as_str()).unwrap() += 1;
            }
            for (filter, n) in per_sector_tree.iter_mut() {
                if s.sectors.iter().any(|x| sector_matches(filter, x)) {
                    *n += 1;
                }
            }
            assert!(
                tagging::is_role(role_slug(s.role)),
                "{file} {:?}: role {:?}",
                s.path,
                s.role
            );
            *per_role.entry(role_slug(s.role).to_string()).or_default() += 1;
            *per_count.entry(s.sectors.len()).or_default() += 1;
            if s.sectors.is_empty() {
                untagged.push(format!("{file} {} {}", s.path.join("."), s.heading));
            }
        }
        for f in &report.footnotes {
            footnotes += 1;
            assert!(
                f.sectors.len() <= MAX_SECTORS,
                "{file} footnote {}",
                f.number
            );
            assert!(
                tagging::is_role(role_slug(f.role)),
                "{file} footnote {}",
                f.number
            );
            if f.sectors.is_empty() {
                footnotes_untagged += 1;
            }
        }
    }
    println!("{sections} sections, {footnotes} footnotes ({footnotes_untagged} without sector)");
    println!("sections per number of sectors: {per_count:?}");
    println!("sections per role: {per_role:?}");
    println!("sections per sector (tagged exactly / with its children):");
    for (slug, n) in &per_sector {
        println!("  {n:4} {:4}  {slug}", per_sector_tree[slug]);
    }
    println!("sections without sector:");
    for u in &untagged {
        println!("  {u}");
    }
    assert!(sections > 100, "only {sections} sections parsed");
    assert!(
        untagged.len() * 10 <= sections,
        "{} of {sections} sections have no sector",
        untagged.len()
    );
    // Every economic and social sub-sector occurs somewhere in five general reports.
    for (slug, n) in &per_sector {
        if slug.contains('/') {
            assert!(*n > 0, "no section tagged {slug}");
        }
    }
}
