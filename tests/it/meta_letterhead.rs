//! The right metadata from the letterhead and the title, for every issuer and kind:
//! issuer with its parent line, number, date, document kind and period, signer; `issuer`
//! as a facet and a filter, `search --sort date`.

use std::path::Path;

use serde_json::Value;

use crate::common::run_in;
use crate::meta_fixtures::{self, EXPECTED};

fn json(cwd: &Path, args: &[&str]) -> Value {
    let out = run_in(cwd, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn parse_reads_issuer_number_date_kind_period_and_signer() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    meta_fixtures::write_all(&docs);
    for e in EXPECTED {
        let path = docs.join(e.file);
        let v = json(tmp.path(), &["--json", "parse", path.to_str().unwrap()]);
        let s = |f: &str| v[f].as_str().map(str::to_string);
        assert_eq!(
            s("doc_type").as_deref(),
            Some(e.doc_type),
            "{}: type",
            e.file
        );
        assert_eq!(s("period").as_deref(), Some(e.period), "{}: period", e.file);
        assert_eq!(s("issuer").as_deref(), Some(e.issuer), "{}: issuer", e.file);
        assert_eq!(s("number").as_deref(), e.number, "{}: number", e.file);
        assert_eq!(s("date").as_deref(), e.date, "{}: date", e.file);
        assert_eq!(s("signer").as_deref(), e.signer, "{}: signer", e.file);
    }
    // The human view names them too.
    let out = run_in(
        tmp.path(),
        &["parse", docs.join("bao-cao-nam.txt").to_str().unwrap()],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "issuer:   Sở Nội vụ tỉnh Lâm Đồng",
        "number:   329/BC-SNV",
        "date:     2025-12-19",
        "signer:   Nguyễn Đức Vũ",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
}

#[test]
fn issuer_is_a_facet_and_a_folded_filter_and_results_sort_by_date() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    meta_fixtures::write_all(&docs);
    let idx = tmp.path().join("idx");
    let idx_s = idx.to_str().unwrap();
    let out = run_in(
        tmp.path(),
        &["--json", "--index", idx_s, "index", docs.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));

    let facets = json(
        tmp.path(),
        &["--json", "--index", idx_s, "facets", "--field", "issuer"],
    );
    let issuers = facets["facets"]["issuer"]
        .as_object()
        .expect("issuer facet");
    for e in EXPECTED {
        assert!(
            issuers.contains_key(e.issuer),
            "{} in {issuers:?}",
            e.issuer
        );
    }

    let doc_ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--json", "--index", idx_s, "search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--limit", "200"]);
        let v = json(tmp.path(), &all);
        let mut ids: Vec<String> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["doc_id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    // Folded, by its first words or whole.
    assert_eq!(
        doc_ids(&["nhiệm vụ", "--issuer", "so noi vu"]),
        ["bao-cao-nam"]
    );
    assert_eq!(
        doc_ids(&["nhiệm vụ", "--issuer", "SỞ NỘI VỤ TỈNH LÂM ĐỒNG"]),
        ["bao-cao-nam"]
    );
    // `Ủy ban nhân dân` is `UBND`; the UBND's own documents, not its bodies'.
    let ubnd = doc_ids(&["tỉnh", "--issuer", "Ủy ban nhân dân tỉnh Lâm Đồng"]);
    assert_eq!(ubnd, ["bao-cao-thang", "cong-van-nhap"]);
    assert!(doc_ids(&["tỉnh", "--issuer", "hội đồng nhân dân"]).is_empty());
    // Facets and figures take the filter too.
    let f = json(
        tmp.path(),
        &[
            "--json",
            "--index",
            idx_s,
            "facets",
            "--issuer",
            "ban chi dao",
        ],
    );
    assert_eq!(
        f["facets"]["issuer"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        [EXPECTED[4].issuer]
    );
    let fig = json(
        tmp.path(),
        &[
            "--json",
            "--index",
            idx_s,
            "figures",
            "giải ngân",
            "--issuer",
            "so noi vu",
        ],
    );
    let figures = fig["figures"].as_array().unwrap();
    assert!(!figures.is_empty());
    assert!(
        figures.iter().all(|x| x["doc_id"] == "bao-cao-nam"),
        "{fig}"
    );

    // Newest first: by date, else by the end of the period.
    let v = json(
        tmp.path(),
        &[
            "--json", "--index", idx_s, "search", "tỉnh", "--sort", "date", "--limit", "200",
        ],
    );
    let keys: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| match h["date"].as_str() {
            Some(d) => d.to_string(),
            // Without a date, the end of the period (README, search --sort).
            None => {
                let p = h["period"].as_str().unwrap();
                match p.len() {
                    0 => "0000".to_string(),
                    4 => format!("{p}-12-31"),
                    _ => format!("{p}-31"),
                }
            }
        })
        .collect();
    assert!(keys.len() > 5, "{keys:?}");
    let at = |k: &str| keys.iter().position(|x| x == k).unwrap();
    assert!(at("2026-03-31") < at("2025-12-19"), "{keys:?}");
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted, "newest first");
    // The default stays relevance.
    let v = json(
        tmp.path(),
        &[
            "--json",
            "--index",
            idx_s,
            "search",
            "giải ngân vốn đầu tư công",
        ],
    );
    let scores: Vec<f64> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    // show names the number and the date.
    let out = run_in(tmp.path(), &["--index", idx_s, "show", "bao-cao-nam"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("329/BC-SNV") && text.contains("2025-12-19"),
        "{text}"
    );
}
