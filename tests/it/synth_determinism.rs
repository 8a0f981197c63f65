//! The synthetic corpus generator is deterministic, varies what it should and records a
//! truthful ground truth for the phrase.

use std::collections::HashSet;
use std::fs;

use baocao::synth::{generate, Layout, SynthConfig, Template, PHRASE};

fn templates() -> Vec<Template> {
    let mut paths: Vec<_> = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).expect("read template");
            Template::new(&p.file_name().unwrap().to_string_lossy(), &text)
        })
        .collect()
}

#[test]
fn same_seed_same_corpus_other_seed_other_corpus() {
    let t = templates();
    let a = SynthConfig {
        seed: 7,
        pdf_fraction: 0.5,
    };
    let b = SynthConfig {
        seed: 8,
        pdf_fraction: 0.5,
    };
    for i in 0..12 {
        let x = generate(&t, &a, i);
        let y = generate(&t, &a, i);
        assert_eq!(x.file, y.file);
        assert_eq!(x.text, y.text);
        assert_eq!(x.truth, y.truth);
    }
    let differ = (0..12).any(|i| generate(&t, &a, i).text != generate(&t, &b, i).text);
    assert!(differ);
}

#[test]
fn names_unique_layouts_mixed_provinces_and_years_varied() {
    let t = templates();
    let cfg = SynthConfig::default();
    let docs: Vec<_> = (0..60).map(|i| generate(&t, &cfg, i)).collect();
    let names: HashSet<_> = docs.iter().map(|d| d.file.clone()).collect();
    assert_eq!(names.len(), docs.len());
    let pdf = docs.iter().filter(|d| d.layout == Layout::Pdf).count();
    assert!(pdf > 10 && pdf < 50, "pdf files: {pdf}");
    let provinces: HashSet<_> = docs.iter().map(|d| d.province.clone()).collect();
    assert!(provinces.len() > 10);
    assert!(docs.iter().all(|d| (2005..=2025).contains(&d.year)));
    for d in &docs {
        assert!(d.text.contains(&d.province) || d.text.contains(&d.province.to_uppercase()));
        if d.province != "Lạng Sơn" {
            assert!(!d.text.contains("Lạng Sơn"), "{}", d.file);
        }
        assert!(d.text.contains(&d.year.to_string()), "{}", d.file);
        if d.layout == Layout::Pdf {
            assert!(!d.text.contains('¹'), "{}", d.file);
        }
    }
}

#[test]
fn ground_truth_matches_the_text() {
    let t = templates();
    let cfg = SynthConfig::default();
    let mut with = 0;
    let mut without = 0;
    for i in 0..80 {
        let d = generate(&t, &cfg, i);
        let joined = d
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert_eq!(d.truth.phrase_occurrences, joined.matches(PHRASE).count());
        let one_line: usize = d
            .text
            .lines()
            .map(|l| l.to_lowercase().matches(PHRASE).count())
            .sum();
        assert_eq!(d.truth.phrase_one_line, one_line);
        assert!(d.truth.phrase_one_line <= d.truth.phrase_occurrences);
        if d.truth.phrase_occurrences > 0 {
            with += 1;
        } else {
            without += 1;
        }
    }
    assert!(with > 5 && without > 5, "with {with}, without {without}");
}

#[test]
fn generated_reports_parse_with_their_province_years_and_sections() {
    let t = templates();
    let cfg = SynthConfig::default();
    for i in 0..30 {
        let d = generate(&t, &cfg, i);
        let report = baocao::report::parse_text(&d.file, &d.text);
        assert!(
            report.sections.len() >= 5,
            "{}: {} sections",
            d.file,
            report.sections.len()
        );
        assert!(
            report.metadata.years.contains(&d.year),
            "{}: years {:?}",
            d.file,
            report.metadata.years
        );
        if let Some(p) = &report.metadata.province {
            assert_eq!(p, &d.province, "{}", d.file);
        }
        // Clean-layout files keep the structure of their template (sections shuffled
        // and footnotes renumbered, none lost). PDF-layout files depend on the parser's
        // layout repair as well, which its own tests cover.
        if d.layout != Layout::Clean {
            continue;
        }
        let template = baocao::report::parse_text(
            &d.template,
            &t.iter().find(|x| x.name == d.template).unwrap().text,
        );
        assert_eq!(
            report.sections.len(),
            template.sections.len(),
            "{}: section count differs from its template {}",
            d.file,
            d.template
        );
        assert_eq!(
            report.footnotes.len(),
            template.footnotes.len(),
            "{}",
            d.file
        );
    }
}
