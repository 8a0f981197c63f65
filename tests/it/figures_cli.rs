//! `baocao figures` through the real binary, over an index of the bundled reports.

use serde_json::Value;

use crate::common::{corpus, json_on_shared_index as json, on_shared_index as baocao};

fn figures(v: &Value) -> &Vec<Value> {
    v["figures"].as_array().expect("figures array")
}

/// The figure of the given value and unit from section II.1.3 of report 000.
fn from_000_ii_1_3<'a>(rows: &'a [Value], value: f64, unit: &str) -> Option<&'a Value> {
    rows.iter().find(|r| {
        r["value"].as_f64() == Some(value)
            && r["unit"] == unit
            && r["file"].as_str().is_some_and(|f| f.starts_with("000_"))
            && r["path"] == serde_json::json!(["II", "1", "1.3"])
    })
}

#[test]
fn giai_ngan_2024_lists_the_public_investment_figures() {
    let v = json(&["figures", "giải ngân", "--year", "2024", "--limit", "1000"]);
    assert_eq!(v["query"], "giải ngân");
    let rows = figures(&v);
    let f400 = from_000_ii_1_3(rows, 400.0, "tỷ đồng").expect("400 tỷ đồng from 000 II.1.3");
    assert_eq!(f400["raw"], "400 tỷ đồng");
    assert_eq!(f400["period"], "2024-02");
    assert!(f400["sentence"].as_str().unwrap().contains("400 tỷ đồng"));
    let f116 = from_000_ii_1_3(rows, 11.6, "%").expect("11,6% from 000 II.1.3");
    assert_eq!(f116["raw"], "11,6%");
    for r in rows {
        let years: Vec<i64> = r["years"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_i64)
            .collect();
        assert!(years.contains(&2024), "{r}");
        let sentence = r["sentence"].as_str().unwrap();
        assert!(sentence.contains(r["raw"].as_str().unwrap()));
        let folded = baocao::analysis::folded_terms(sentence);
        assert!(
            folded.windows(1).any(|w| w[0] == "giai") && folded.iter().any(|t| t == "ngan"),
            "sentence does not match the query: {sentence}"
        );
        for key in ["doc_id", "file", "section_id", "period"] {
            assert!(
                r[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {r}"
            );
        }
    }
}

#[test]
fn line_points_at_the_sentence_in_the_file() {
    let v = json(&["figures", "giải ngân", "--year", "2024", "--limit", "1000"]);
    let f400 = from_000_ii_1_3(figures(&v), 400.0, "tỷ đồng").unwrap();
    let line = f400["line"].as_u64().unwrap() as usize;
    let file = corpus().join(f400["file"].as_str().unwrap());
    let text = std::fs::read_to_string(file).unwrap();
    let at = text.lines().nth(line - 1).unwrap();
    assert!(
        at.contains("Kết quả giá trị khối lượng thực hiện và giải ngân"),
        "line {line}: {at}"
    );
}

#[test]
fn query_without_diacritics_finds_the_same_figures() {
    let with = json(&["figures", "giải ngân", "--year", "2024"]);
    let without = json(&["figures", "giai ngan", "--year", "2024"]);
    let key = |v: &Value| -> Vec<(String, String, String)> {
        figures(v)
            .iter()
            .map(|r| {
                (
                    r["section_id"].to_string(),
                    r["raw"].to_string(),
                    r["sentence"].to_string(),
                )
            })
            .collect()
    };
    assert!(!key(&with).is_empty());
    assert_eq!(key(&with), key(&without));
}

#[test]
fn csv_opens_in_a_spreadsheet() {
    let out = baocao(&[
        "figures",
        "giải ngân",
        "--year",
        "2024",
        "--csv",
        "--limit",
        "1000",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    for h in [
        "value",
        "unit",
        "raw",
        "sentence",
        "doc_id",
        "file",
        "line",
        "section_id",
        "path",
        "period",
        "years",
    ] {
        assert!(headers.iter().any(|x| x == h), "header {h} in {headers:?}");
    }
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("valid CSV record"))
        .collect();
    assert!(records.iter().all(|r| r.len() == headers.len()));
    let has = |value: &str, unit: &str| {
        records.iter().any(|r| {
            &r[col("value")] == value
                && &r[col("unit")] == unit
                && r[col("file")].starts_with("000_")
                && &r[col("path")] == "II > 1 > 1.3"
        })
    };
    assert!(has("400", "tỷ đồng"));
    assert!(has("11.6", "%"));
    for r in &records {
        r[col("value")].parse::<f64>().expect("plain decimal value");
        assert!(r[col("sentence")].contains(&r[col("raw")]));
    }
}

#[test]
fn human_table_shows_value_unit_and_location() {
    let out = baocao(&["figures", "giải ngân", "--year", "2024", "--limit", "1000"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.contains("VALUE") && header.contains("UNIT") && header.contains("FILE:LINE"));
    assert!(
        text.lines()
            .any(|l| l.contains("[400 tỷ đồng]") && l.contains("000_")),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour with NO_COLOR");
}

#[test]
fn phrase_and_exclusion_narrow_the_sentences() {
    let all = json(&["figures", "giải ngân", "--year", "2024", "--limit", "50"]);
    let phrase = json(&[
        "figures",
        "\"giải ngân vốn đầu tư công\"",
        "--year",
        "2024",
        "--limit",
        "50",
    ]);
    let excluded = json(&[
        "figures",
        "giải ngân -\"đầu tư công\"",
        "--year",
        "2024",
        "--limit",
        "50",
    ]);
    for r in figures(&phrase) {
        let terms = baocao::analysis::folded_terms(r["sentence"].as_str().unwrap()).join(" ");
        assert!(terms.contains("giai ngan von dau tu cong"), "{terms}");
    }
    for r in figures(&excluded) {
        let terms = baocao::analysis::folded_terms(r["sentence"].as_str().unwrap()).join(" ");
        assert!(!terms.contains("dau tu cong"), "{terms}");
    }
    assert!(figures(&phrase).len() <= figures(&all).len());
}

#[test]
fn malformed_query_is_a_usage_error() {
    let out = baocao(&["figures", "\"giải ngân"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn no_match_is_success_with_an_empty_list() {
    let v = json(&["figures", "xyzzyquux"]);
    assert_eq!(figures(&v).len(), 0);
}

#[test]
fn limit_and_offset_count_figures_and_json_has_total_and_offset() {
    let all = json(&["figures", "giải ngân", "--limit", "1000"]);
    let total = all["total"].as_u64().unwrap() as usize;
    assert_eq!(figures(&all).len(), total);
    assert!(total > 12, "{total}");
    let first = json(&["figures", "giải ngân", "--limit", "5"]);
    let second = json(&["figures", "giải ngân", "--limit", "5", "--offset", "5"]);
    assert_eq!(figures(&first).len(), 5);
    assert_eq!(figures(&second).len(), 5);
    assert_eq!(
        (first["total"].as_u64(), second["offset"].as_u64()),
        (Some(total as u64), Some(5))
    );
    let key = |r: &Value| format!("{} {} {}", r["section_id"], r["raw"], r["byte_start"]);
    let paged: Vec<String> = figures(&first)
        .iter()
        .chain(figures(&second))
        .map(key)
        .collect();
    let whole: Vec<String> = figures(&all).iter().take(10).map(key).collect();
    assert_eq!(paged, whole);
    let text = String::from_utf8(baocao(&["figures", "giải ngân", "--limit", "5"]).stdout).unwrap();
    assert!(
        text.contains(&format!(
            "1–5 of {total} figures for \"giải ngân\" (next page: --offset 5)"
        )),
        "{text}"
    );
    let rows = text.lines().filter(|l| l.contains(".txt:")).count();
    assert_eq!(rows, 5, "{text}");
}

#[test]
fn nothing_matching_says_so() {
    let out = baocao(&["figures", "xyzzyquux"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.trim(),
        "No figures for \"xyzzyquux\": no section or footnote matches."
    );
    let v = json(&["figures", "xyzzyquux"]);
    assert_eq!(v["total"], 0);
}

#[test]
fn a_sentence_names_its_period_and_ratios_keep_their_total() {
    let v = json(&["figures", "giải ngân", "--limit", "1000"]);
    let rows = figures(&v);
    let f189 = rows
        .iter()
        .find(|r| r["value"].as_f64() == Some(189.0) && r["unit"] == "tỷ đồng")
        .expect("189 tỷ đồng");
    assert!(f189["sentence"]
        .as_str()
        .unwrap()
        .contains("đến hết tháng 02/2023"));
    assert_eq!(f189["period"], "2023-02");
    assert_ne!(f189["report_period"], "2023-02");
    let ratio = rows
        .iter()
        .find(|r| r["raw"] == "44/63 mô hình")
        .expect("44/63 mô hình");
    assert_eq!(ratio["value"].as_f64(), Some(44.0));
    assert_eq!(ratio["out_of"].as_f64(), Some(63.0));
    // Only sentences holding the query's words give figures, also under a heading that
    // holds them.
    for r in rows {
        let terms = baocao::analysis::folded_terms(r["sentence"].as_str().unwrap());
        assert!(
            terms.iter().any(|t| t == "giai") && terms.iter().any(|t| t == "ngan"),
            "{}",
            r["sentence"]
        );
    }
}
