//! `baocao timeline` and `facets --count reports|units`, through the binary on the bundled
//! corpus: the bar chart at a fixed width against an expected text, JSON and CSV.

use serde_json::Value;

use crate::common::{json_on_shared_index as json, on_shared_index as baocao};

fn stdout(args: &[&str]) -> String {
    let out = baocao(args);
    assert!(
        out.status.success(),
        "baocao {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn chart_at_a_fixed_width_without_colour() {
    let text = stdout(&[
        "--color",
        "never",
        "timeline",
        "giải ngân vốn đầu tư công",
        "--width",
        "60",
    ]);
    let expected = include_str!("../data/timeline-giai-ngan.txt");
    assert_eq!(text, expected, "got:\n{text}");
    // Aligned: every bucket line is at most 60 columns, the numbers right-aligned under
    // their headers.
    use unicode_width::UnicodeWidthStr;
    for line in text.lines().skip(1) {
        assert!(line.width() <= 60, "{line:?}");
    }
    assert!(!text.contains('\x1b'));
}

#[test]
fn colour_when_asked() {
    let text = stdout(&[
        "--color",
        "always",
        "timeline",
        "giải ngân",
        "--width",
        "60",
    ]);
    assert!(text.contains("\x1b["), "{text}");
    assert!(text.contains('█'));
}

#[test]
fn json_counts_reports_and_units_per_year() {
    let v = json(&["timeline", "giải ngân vốn đầu tư công"]);
    assert_eq!(v["schema"], 1);
    assert_eq!(v["by"], "year");
    let buckets = v["buckets"].as_array().unwrap();
    let years: Vec<u64> = buckets
        .iter()
        .map(|b| b["value"].as_str().unwrap().parse().unwrap())
        .collect();
    // Every year from the first to the last, in order.
    assert!(years.windows(2).all(|w| w[1] == w[0] + 1), "{years:?}");
    let reports = v["reports"].as_u64().unwrap();
    assert!(reports >= 4, "{v}");
    for b in buckets {
        assert!(b["reports"].as_u64().unwrap() <= b["units"].as_u64().unwrap());
        assert!(b["reports"].as_u64().unwrap() <= reports);
    }
    // The same counts as facets, by units and by reports.
    let units = json(&["facets", "giải ngân vốn đầu tư công", "--field", "year"]);
    let by_reports = json(&[
        "facets",
        "giải ngân vốn đầu tư công",
        "--field",
        "year",
        "--count",
        "reports",
    ]);
    assert_eq!(by_reports["count"], "reports");
    assert_eq!(by_reports["total"].as_u64(), Some(reports));
    for b in buckets.iter().filter(|b| b["units"].as_u64() > Some(0)) {
        let y = b["value"].as_str().unwrap();
        assert_eq!(units["facets"]["year"][y], b["units"], "{y}");
        assert_eq!(by_reports["facets"]["year"][y], b["reports"], "{y}");
    }
    assert_eq!(units["total"], v["units"]);
}

#[test]
fn by_other_facets_and_csv() {
    for by in ["period", "type", "province", "sector", "role"] {
        let v = json(&["timeline", "giải ngân", "--by", by]);
        let sum: u64 = v["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["units"].as_u64().unwrap())
            .sum::<u64>()
            + v["without"]["units"].as_u64().unwrap();
        assert!(sum >= v["units"].as_u64().unwrap(), "{by}: {v}");
    }
    let v = json(&["timeline", "giải ngân", "--by", "type"]);
    assert_eq!(v["by"], "doc_type");
    let csv = stdout(&["timeline", "giải ngân", "--csv"]);
    let mut lines = csv.split("\r\n");
    assert_eq!(lines.next(), Some("year,reports,units"));
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    let j = json(&["timeline", "giải ngân"]);
    assert_eq!(rows.len(), j["buckets"].as_array().unwrap().len());
    let first = &j["buckets"][0];
    assert_eq!(
        rows[0],
        format!(
            "{},{},{}",
            first["value"].as_str().unwrap(),
            first["reports"],
            first["units"]
        )
    );
}

#[test]
fn unknown_by_is_a_usage_error_with_a_suggestion() {
    let out = baocao(&["timeline", "giải ngân", "--by", "provnce"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean \"province\""), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn facets_count_reports_and_limit_values() {
    let v = json(&["facets", "--count", "reports"]);
    assert_eq!(v["total"], 5, "{v}");
    for (_, values) in v["facets"].as_object().unwrap() {
        for (_, n) in values.as_object().unwrap() {
            assert!(n.as_u64().unwrap() <= 5);
        }
    }
    let limited = json(&["facets", "giải ngân", "--limit", "2"]);
    for (name, values) in limited["facets"].as_object().unwrap() {
        assert!(values.as_object().unwrap().len() <= 2, "{name}: {values}");
    }
    let all = json(&["facets", "giải ngân"]);
    assert!(all["facets"]["sector"].as_object().unwrap().len() > 2);
    // Years keep the latest.
    let years: Vec<&String> = all["facets"]["year"].as_object().unwrap().keys().collect();
    let kept: Vec<&String> = limited["facets"]["year"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(kept, years[years.len() - 2..].to_vec());
    let text = stdout(&["facets", "--count", "reports", "--field", "year"]);
    assert!(text.starts_with("5 reports"), "{text}");
}

#[test]
fn facets_does_not_offer_offset() {
    let out = baocao(&["facets", "giải ngân", "--offset", "3"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Keeps the JSON helper's type in use in this module.
#[allow(dead_code)]
fn _value(_: Value) {}
