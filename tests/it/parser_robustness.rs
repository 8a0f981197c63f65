//! Robustness of the parser on reports it has not seen: each clean bundled report, and
//! synthetic variants of it (`baocao::synth`: province renamed, years shifted, figures
//! perturbed, sections shuffled), rendered into the PDF-extracted layout at many line
//! widths and page heights, must parse to the same section paths, section texts and
//! footnote numbers as the clean text. Variants of the PDF-layout reports must keep the
//! structure of the original.

use std::path::Path;

use baocao::report::{self, render, Report};
use baocao::synth::{self, SplitMix64};

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn reports(layout: report::lines::Layout) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if report::lines::detect(&text) == layout {
            out.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                text,
            ));
        }
    }
    out.sort();
    out
}

/// A variant of `text` made with the generator's transformations, from `seed`.
fn variant(text: &str, seed: u64, shuffle: bool) -> String {
    let mut rng = SplitMix64::new(seed);
    let provinces = ["Hà Giang", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Cà Mau"];
    let province = provinces[rng.below(provinces.len() as u64) as usize];
    let delta = rng.below(31) as i32 - 20;
    let mut out = synth::replace_province(text, province);
    out = synth::shift_years(&out, delta);
    out = synth::perturb_figures(&out, &mut rng);
    if shuffle {
        out = synth::shuffle_sections(&out, &mut rng);
    }
    out
}

fn paths(r: &Report) -> Vec<String> {
    r.sections.iter().map(|s| s.id.clone()).collect()
}

/// The first difference between the clean parse `a` and the parse `b`, if any.
fn difference(a: &Report, b: &Report, compare_text: bool) -> Option<String> {
    if paths(a) != paths(b) {
        let pb = paths(b);
        let missing: Vec<_> = paths(a).into_iter().filter(|p| !pb.contains(p)).collect();
        let pa = paths(a);
        let extra: Vec<_> = pb.into_iter().filter(|p| !pa.contains(p)).collect();
        return Some(format!(
            "{} sections instead of {}; missing {missing:?}, extra {extra:?}",
            b.sections.len(),
            a.sections.len()
        ));
    }
    for (x, y) in a.sections.iter().zip(&b.sections) {
        if compare_text
            && collapse(&format!("{} {}", x.heading, x.text))
                != collapse(&format!("{} {}", y.heading, y.text))
        {
            let (ta, tb) = (
                collapse(&format!("{} {}", x.heading, x.text)),
                collapse(&format!("{} {}", y.heading, y.text)),
            );
            let ca: Vec<char> = ta.chars().collect();
            let cb: Vec<char> = tb.chars().collect();
            let at = (0..ca.len().min(cb.len()))
                .find(|&i| ca[i] != cb[i])
                .unwrap_or(ca.len().min(cb.len()));
            let window = |c: &[char]| -> String {
                c[at.saturating_sub(60).min(c.len())..(at + 60).min(c.len())]
                    .iter()
                    .collect()
            };
            return Some(format!(
                "text of {} differs at {at}: {:?} vs {:?}",
                x.id,
                window(&ca),
                window(&cb)
            ));
        }
        if x.footnote_refs != y.footnote_refs {
            return Some(format!(
                "footnote refs of {}: {:?} vs {:?}",
                x.id, x.footnote_refs, y.footnote_refs
            ));
        }
    }
    let fa: Vec<u32> = a.footnotes.iter().map(|f| f.number).collect();
    let fb: Vec<u32> = b.footnotes.iter().map(|f| f.number).collect();
    if fa != fb {
        return Some(format!("footnotes {fa:?} vs {fb:?}"));
    }
    if compare_text {
        for (x, y) in a.footnotes.iter().zip(&b.footnotes) {
            if collapse(&x.text) != collapse(&y.text) {
                return Some(format!("text of footnote {} differs", x.number));
            }
        }
    }
    None
}

/// Failures of one grid: structure (section paths, footnote numbers) and content
/// (footnote references, section and footnote texts with white space collapsed).
#[derive(Default)]
struct Failures {
    structure: Vec<String>,
    text: Vec<String>,
    renderings: usize,
}

/// Renders `clean` at a grid of widths and page heights and compares each parse with
/// the clean parse.
fn render_grid(name: &str, clean: &str, out: &mut Failures) {
    let reference = report::parse_text(name, clean);
    assert!(!reference.sections.is_empty(), "{name}: no sections");
    for width in (60..=100).step_by(5) {
        for page_lines in [30, 37, 45, 52, 60] {
            let opts = render::PdfOptions {
                width,
                footnote_width: width + 20,
                page_lines,
            };
            let pdf = render::pdf_layout(clean, &opts);
            let parsed = report::parse_text(name, &pdf);
            out.renderings += 1;
            let numbers = |r: &Report| r.footnotes.iter().map(|f| f.number).collect::<Vec<_>>();
            if paths(&reference) != paths(&parsed) || numbers(&reference) != numbers(&parsed) {
                let d = difference(&reference, &parsed, false).unwrap_or_default();
                out.structure
                    .push(format!("{name} at {width}x{page_lines}: {d}"));
            } else if let Some(d) = difference(&reference, &parsed, true) {
                out.text
                    .push(format!("{name} at {width}x{page_lines}: {d}"));
            }
        }
    }
}

/// The structure must always be the same; the content may differ only in the rare
/// cases the PDF layout makes ambiguous (a marker glued to a number, `số 3` + `25`; a
/// line ending in `:` before a capital), at most `per_mille` ‰ of the renderings,
/// listed in the message.
fn assert_grid(f: Failures, per_mille: usize) {
    assert!(
        f.structure.is_empty(),
        "{} structure failures in {} renderings:\n{}",
        f.structure.len(),
        f.renderings,
        f.structure.join("\n")
    );
    assert!(
        f.text.len() * 1000 <= f.renderings * per_mille,
        "{} text failures in {} renderings:\n{}",
        f.text.len(),
        f.renderings,
        f.text.join("\n")
    );
}

fn assert_none(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn clean_reports_render_at_any_size() {
    let clean = reports(report::lines::Layout::Clean);
    assert_eq!(clean.len(), 3);
    let mut failures = Failures::default();
    for (name, text) in &clean {
        render_grid(name, text, &mut failures);
    }
    assert_grid(failures, 0);
}

#[test]
fn synthetic_variants_render_at_any_size() {
    let mut failures = Failures::default();
    for (name, text) in reports(report::lines::Layout::Clean) {
        for seed in [1u64, 7, 2024] {
            let v = variant(&text, seed, seed != 7);
            render_grid(&format!("{name}~{seed}"), &v, &mut failures);
        }
    }
    assert_grid(failures, 40);
}

#[test]
fn variants_of_pdf_reports_keep_their_structure() {
    let pdf = reports(report::lines::Layout::Pdf);
    assert_eq!(pdf.len(), 2);
    let mut failures = Vec::new();
    for (name, text) in &pdf {
        let reference = report::parse_text(name, text);
        assert!(!reference.sections.is_empty(), "{name}: no sections");
        for seed in [1u64, 3, 7, 11, 2024, 99] {
            let v = variant(text, seed, false);
            let parsed = report::parse_text(name, &v);
            if let Some(d) = difference(&reference, &parsed, false) {
                failures.push(format!("{name}~{seed}: {d}"));
            }
        }
    }
    assert_none(failures);
}

#[test]
fn generated_documents_parse_to_the_structure_of_their_template() {
    let templates: Vec<synth::Template> = reports(report::lines::Layout::Clean)
        .into_iter()
        .chain(reports(report::lines::Layout::Pdf))
        .map(|(n, t)| synth::Template::new(&n, &t))
        .collect();
    let config = synth::SynthConfig::default();
    let mut failures = Vec::new();
    for index in 0..100 {
        let doc = synth::generate(&templates, &config, index);
        let template = templates.iter().find(|t| t.name == doc.template).unwrap();
        let want = report::parse_text(&template.name, &template.text);
        let parsed = report::parse_text(&template.name, &doc.text);
        // Shuffled sections carry their footnotes along: compare the structure only.
        if paths(&want) != paths(&parsed) {
            failures.push(format!(
                "{} (from {}): {} sections instead of {}",
                doc.file,
                doc.template,
                parsed.sections.len(),
                want.sections.len()
            ));
        }
    }
    assert_none(failures);
}
