//! `baocao search`, `facets`, `show` and `stats` through the real binary on the bundled
//! corpus (indexed once into a temporary directory).

use serde_json::Value;

use crate::common::{json_on_shared_index as json, on_shared_index as baocao};

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().expect("hits array")
}

/// `NNN#PATH` for a hit: the report number (file name prefix) and the section path.
fn short_id(hit: &Value) -> String {
    let file = hit["file"].as_str().unwrap();
    let id = hit["id"].as_str().unwrap();
    let tail = id.split_once(['#', '^']).map_or("", |(_, t)| t);
    let sep = if hit["kind"] == "footnote" { "^" } else { "#" };
    format!("{}{sep}{tail}", &file[..3])
}

fn files(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = hits(v)
        .iter()
        .map(|h| h["file"].as_str().unwrap()[..3].to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn public_investment_with_and_without_diacritics() {
    for query in ["giải ngân vốn đầu tư công", "giai ngan von dau tu cong"] {
        let v = json(&["search", query]);
        let top: Vec<String> = hits(&v).iter().map(short_id).collect();
        assert_eq!(top.len(), 10, "{query}: {top:?}");
        // The reports that hold the phrase (003 only has its words apart: "giải ngân kế
        // hoạch vốn … các dự án đầu tư công") and, mostly, the sections that hold it.
        for report in ["000", "001", "004"] {
            assert!(
                top.iter().any(|id| id.starts_with(report)),
                "{query}: no hit from {report} in the top 10: {top:?}"
            );
        }
        let phrase = json(&["search", &format!("\"{query}\""), "--limit", "100"]);
        let holding: Vec<String> = hits(&phrase).iter().map(short_id).collect();
        let together = top.iter().filter(|id| holding.contains(id)).count();
        assert!(
            together >= 7,
            "{query}: {together} of the top 10 hold the phrase {holding:?}: {top:?}"
        );
        assert!(
            top.contains(&"000#II.1.3".to_string()),
            "{query}: 000#II.1.3 missing: {top:?}"
        );
        assert!(
            top.iter()
                .any(|id| id.starts_with("004#Phần I.II.1.4") || id.starts_with("004#Phần II.6")),
            "{query}: no disbursement section of 004: {top:?}"
        );
        assert!(v["total"].as_u64().unwrap() >= 10);
        // Snippets mark the original words, with diacritics, even for a folded query.
        let marked = hits(&v)
            .iter()
            .filter(|h| {
                let s = h["snippet"].as_str().unwrap().to_lowercase();
                s.contains("<b>giải ngân")
            })
            .count();
        assert!(
            marked >= 5,
            "{query}: only {marked} snippets mark <b>giải ngân…"
        );
        for h in hits(&v) {
            for key in [
                "score",
                "kind",
                "id",
                "doc_id",
                "file",
                "title",
                "path",
                "heading",
                "snippet",
                "text",
                "line_start",
                "years",
                "period",
                "doc_type",
                "sectors",
                "role",
                "province",
            ] {
                assert!(h.get(key).is_some(), "hit without {key}: {h}");
            }
        }
    }
}

#[test]
fn year_and_type_filters() {
    let q = "giai ngan von dau tu cong";
    let v = json(&["search", q, "--year", "2023", "--limit", "50"]);
    assert!(!hits(&v).is_empty());
    assert_eq!(files(&v), ["003"]);
    let v = json(&["search", q, "--type", "bao-cao/thang", "--limit", "50"]);
    assert_eq!(files(&v), ["000", "003"]);
    let v = json(&["search", q, "--year", "2017..2019", "--limit", "50"]);
    assert!(files(&v).iter().all(|f| f == "002"), "{:?}", files(&v));
    let v = json(&["search", q, "--kind", "footnote", "--limit", "50"]);
    assert!(hits(&v).iter().all(|h| h["kind"] == "footnote"));
    let v = json(&[
        "search",
        q,
        "--province",
        "lang son",
        "--limit",
        "3",
        "--offset",
        "2",
    ]);
    assert_eq!(hits(&v).len(), 3);
    let v2 = json(&["search", q, "--limit", "5"]);
    assert_eq!(
        hits(&v2)[2]["id"],
        hits(&v)[0]["id"],
        "offset 2 starts at the third hit"
    );
}

#[test]
fn old_and_new_tone_marks_match_equally() {
    let exact = json(&["search", "thủy điện Bản Nhùng"]);
    let folded = json(&["search", "thuy dien ban nhung"]);
    for v in [&exact, &folded] {
        let f = files(v);
        assert!(
            f.contains(&"000".to_string()) && f.contains(&"004".to_string()),
            "{f:?}"
        );
    }
    // Both spellings (Thủy / thuỷ) get the exact-diacritic bonus.
    for report in ["000", "004"] {
        let score = |v: &Value| {
            hits(v)
                .iter()
                .find(|h| h["file"].as_str().unwrap().starts_with(report))
                .map(|h| h["score"].as_f64().unwrap())
                .unwrap()
        };
        assert!(
            score(&exact) > score(&folded) * 1.2,
            "{report}: exact {} vs folded {}",
            score(&exact),
            score(&folded)
        );
    }
    let snippets: Vec<&str> = hits(&exact)
        .iter()
        .map(|h| h["snippet"].as_str().unwrap())
        .collect();
    assert!(
        snippets
            .iter()
            .any(|s| s.contains("<b>Thủy điện Bản Nhùng</b>")),
        "{snippets:?}"
    );
    assert!(
        snippets
            .iter()
            .any(|s| s.contains("<b>thuỷ điện Bản Nhùng</b>")),
        "{snippets:?}"
    );
}

#[test]
fn document_codes_and_numbered_storms() {
    let v = json(&["search", "11-NQ/TW"]);
    assert_eq!(short_id(&hits(&v)[0])[..3], *"001");
    let v = json(&["search", "bão số 3"]);
    assert_eq!(short_id(&hits(&v)[0]), "004#Phần I.II.8");
}

#[test]
fn facet_year_counts_add_up() {
    let q = "giai ngan von dau tu cong";
    let facets = json(&["facets", q]);
    let total = facets["total"].as_u64().unwrap();
    let years = facets["facets"]["year"].as_object().unwrap();
    let sum: u64 = years.values().map(|c| c.as_u64().unwrap()).sum();
    // A unit of a report covering two years counts once for each year.
    let all = json(&["search", q, "--limit", "100000"]);
    assert_eq!(hits(&all).len() as u64, total);
    let extra: u64 = hits(&all)
        .iter()
        .map(|h| h["years"].as_array().unwrap().len().saturating_sub(1) as u64)
        .sum();
    assert_eq!(sum, total + extra);
    for field in ["sector", "doc_type", "role", "province", "period"] {
        assert!(facets["facets"][field].is_object(), "{field} missing");
    }
    let only = json(&["facets", q, "--field", "doc_type"]);
    let doc_types = only["facets"].as_object().unwrap();
    assert_eq!(doc_types.len(), 1);
    assert!(doc_types["doc_type"]["bao-cao"].as_u64().unwrap() > 0);
    let bad = baocao(&["facets", "--field", "colour"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn show_outline_and_section() {
    let outline = json(&["show", "000_15b6f46b6783cbe2.txt"]);
    let sections = outline["sections"].as_array().unwrap();
    assert!(sections.len() > 10);
    let id = sections
        .iter()
        .find(|s| s["id"].as_str().unwrap().ends_with("#II.1.3"))
        .expect("II.1.3 in the outline")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let unit = json(&["show", &id]);
    assert!(unit["unit"]["text"]
        .as_str()
        .unwrap()
        .contains("400 tỷ đồng"));
    let notes: Vec<u64> = unit["footnotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["number"].as_u64().unwrap())
        .collect();
    assert!(notes.contains(&6), "{notes:?}");
    let human = baocao(&["show", &id]);
    assert!(human.status.success());
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("400 tỷ đồng") && text.contains("189 tỷ đồng"),
        "{text}"
    );
    // The same section named with the file name instead of the doc id.
    let by_file = json(&["show", "000_15b6f46b6783cbe2.txt#II.1.3"]);
    assert_eq!(by_file["unit"]["id"], unit["unit"]["id"]);
    let footnote = json(&["show", "000_15b6f46b6783cbe2^6"]);
    assert!(footnote["unit"]["text"]
        .as_str()
        .unwrap()
        .contains("189 tỷ đồng"));
    let missing = baocao(&["show", "no-such-report"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&missing.stderr).lines().count(), 1);
}

#[test]
fn stats_counts() {
    let v = json(&["stats"]);
    assert_eq!(v["reports"], 5);
    assert!(v["sections"].as_u64().unwrap() > 100);
    assert!(v["footnotes"].as_u64().unwrap() > 50);
    assert!(v["index_bytes"].as_u64().unwrap() > 0);
    let human = baocao(&["stats"]);
    assert!(String::from_utf8(human.stdout)
        .unwrap()
        .contains("sections"));
}

#[test]
fn human_output_has_locations_and_plain_marks() {
    let out = baocao(&[
        "--color",
        "never",
        "search",
        "giai ngan von dau tu cong",
        "--limit",
        "3",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(".txt:"), "{text}");
    assert!(text.contains("giải ngân"), "{text}");
    assert!(!text.contains("<b>") && !text.contains('\u{1b}'), "{text}");
    let out = baocao(&["--color", "always", "search", "giai ngan", "--limit", "1"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn malformed_queries_exit_2_with_one_line() {
    for q in ["\"giải ngân", "AND (", "(a b", "a OR", "-thuế"] {
        let out = baocao(&["search", "--", q]);
        assert_eq!(out.status.code(), Some(2), "{q}");
        assert!(out.stdout.is_empty(), "{q}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{q}: {err}");
        assert!(err.contains("query"), "{q}: {err}");
    }
    // A query starting with an exclusion needs no `--`.
    let out = baocao(&["--json", "search", "-thuế giải ngân"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = baocao(&["search", "giai ngan", "--year", "20x4"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn query_operators_work_on_the_corpus() {
    let v = json(&["search", "giai ngan -\"dau tu cong\"", "--limit", "100"]);
    for h in hits(&v) {
        let text = h["text"].as_str().unwrap().to_lowercase();
        assert!(!text.contains("đầu tư công"), "{}", h["id"]);
    }
    let v = json(&[
        "search",
        "heading:\"thủy điện\" OR heading:\"nông nghiệp\"",
        "--limit",
        "100",
    ]);
    assert!(!hits(&v).is_empty());
}
