//! `search --group report`: one entry per report with its best units under it.

use std::collections::BTreeSet;

use crate::common::{json_on_shared_index as json, on_shared_index as baocao};

#[test]
fn one_entry_per_report_ranked_by_best_unit() {
    let q = "giải ngân vốn đầu tư công";
    let g = json(&["search", q, "--group", "report"]);
    assert_eq!(g["schema"], 1);
    assert_eq!(g["group"], "report");
    let all = json(&["search", q, "--limit", "1000"]);
    assert_eq!(g["total"], all["total"]);
    let docs: BTreeSet<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["doc_id"].as_str().unwrap())
        .collect();
    assert_eq!(g["reports"].as_u64(), Some(docs.len() as u64));
    let groups = g["groups"].as_array().unwrap();
    assert_eq!(groups.len(), docs.len().min(10));
    let mut seen = BTreeSet::new();
    let mut last_score = f64::INFINITY;
    let mut matches = 0;
    for group in groups {
        let doc = group["doc_id"].as_str().unwrap();
        assert!(seen.insert(doc), "{doc} twice");
        let hits = group["hits"].as_array().unwrap();
        assert!(!hits.is_empty() && hits.len() <= 3);
        assert!(hits.iter().all(|h| h["doc_id"] == doc));
        let score = group["score"].as_f64().unwrap();
        assert!(score <= last_score + 1e-6);
        last_score = score;
        assert!((hits[0]["score"].as_f64().unwrap() - score).abs() < 1e-4);
        let n = group["matches"].as_u64().unwrap();
        let in_all = all["hits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["doc_id"] == doc)
            .count() as u64;
        assert_eq!(n, in_all, "{doc}");
        matches += n;
    }
    assert_eq!(Some(matches), g["total"].as_u64());
    // The best report is the report of the best hit.
    assert_eq!(groups[0]["doc_id"], all["hits"][0]["doc_id"]);
    // Paging counts reports.
    let second = json(&[
        "search", q, "--group", "report", "--limit", "1", "--offset", "1",
    ]);
    assert_eq!(second["groups"][0]["doc_id"], groups[1]["doc_id"]);
}

#[test]
fn human_output_lists_reports_with_ids() {
    let out = baocao(&["search", "giải ngân", "--group", "report", "--limit", "2"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(" in 5 reports for \"giải ngân\"") || text.contains(" reports for"),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("id ")),
        "{text}"
    );
    assert!(
        text.contains("1–2 of 5 reports") || text.contains("of 4 reports"),
        "{text}"
    );
}
