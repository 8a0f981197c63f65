//! Citing: `file:line` at the first match, `match_line` in JSON, ids printed and accepted
//! the way users have them, `figures` paths relative to the current directory.

use std::path::Path;

use serde_json::Value;

use crate::common::{copy_corpus, json_on_shared_index as json, on_shared_index as baocao, run_in};

fn folded_letters(s: &str) -> String {
    baocao::analysis::fold(s)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect()
}

/// The first highlighted word of a snippet.
fn first_mark(snippet: &str) -> String {
    let start = snippet.find("<b>").unwrap() + 3;
    let end = snippet[start..].find("</b>").unwrap() + start;
    snippet[start..end]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn match_line_is_the_line_of_the_match() {
    let v = json(&["search", "giải ngân vốn đầu tư công", "--limit", "30"]);
    let mut later = 0;
    for h in v["hits"].as_array().unwrap() {
        // line_end must be there; only the start bounds the match line.
        let (start, _end, at) = (
            h["line_start"].as_u64().unwrap(),
            h["line_end"].as_u64().unwrap(),
            h["match_line"].as_u64().unwrap(),
        );
        assert!(start <= at, "{h}");
        let snippet = h["snippet"].as_str().unwrap();
        if !snippet.contains("<b>") {
            continue;
        }
        let source = std::fs::read_to_string(h["source"].as_str().unwrap()).unwrap();
        let line = source.lines().nth(at as usize - 1).unwrap();
        let word = first_mark(snippet);
        let text_has = folded_letters(h["text"].as_str().unwrap()).contains(&folded_letters(&word));
        if at > start || text_has {
            // The cited line holds the first highlighted word (a PDF-layout line may cut it
            // at a wrap: then its first letters).
            let key: String = folded_letters(&word).chars().take(3).collect();
            assert!(
                folded_letters(line).contains(&key),
                "{}: line {at} {line:?} lacks {word:?}",
                h["id"]
            );
        }
        if at > start {
            later += 1;
        }
    }
    assert!(later > 0, "every hit cited its first line");
}

#[test]
fn plain_text_prints_the_match_line_and_a_shell_safe_id() {
    // Human output lists at most 2 units of a report: the JSON of the same list.
    let v = json(&["search", "giải ngân vốn đầu tư công", "--per-report", "2"]);
    let out = baocao(&["search", "giải ngân vốn đầu tư công"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for h in v["hits"].as_array().unwrap() {
        let file = h["file"].as_str().unwrap();
        let loc = format!("{file}:{}", h["match_line"]);
        assert!(text.contains(&loc), "{loc} not in\n{text}");
        let id = h["id"].as_str().unwrap();
        let shown = if id.contains(' ') {
            format!("id '{id}'")
        } else {
            format!("id {id}")
        };
        assert!(text.contains(&shown), "{shown} not in\n{text}");
    }
}

fn unit_id(v: &Value) -> &str {
    v["unit"]["id"].as_str().unwrap()
}

#[test]
fn show_accepts_what_users_have_in_hand() {
    // An id with spaces and diacritics, from report 004.
    let v = json(&["search", "giải ngân", "--limit", "100"]);
    let id = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .find(|id| id.contains("Phần I."))
        .expect("an id with `Phần I`")
        .to_string();
    let exact = json(&["show", &id]);
    assert_eq!(unit_id(&exact), id);
    // Without diacritics and in another case.
    let loose = baocao::analysis::fold(&id)
        .to_uppercase()
        .replace("PHAN", "Phan");
    assert_eq!(unit_id(&json(&["show", &loose])), id);
    // Unquoted: the words arrive as separate arguments.
    let (a, b) = id.split_once(' ').unwrap();
    assert_eq!(unit_id(&json(&["show", a, b])), id);
    // FILE:LINE of a hit gives that hit's unit.
    let hit = &v["hits"][0];
    let at = format!(
        "{}:{}",
        hit["source"].as_str().unwrap(),
        hit["match_line"].as_u64().unwrap()
    );
    assert_eq!(unit_id(&json(&["show", &at])), hit["id"].as_str().unwrap());
    let at = format!("{}:{}", hit["file"].as_str().unwrap(), hit["line_start"]);
    assert_eq!(unit_id(&json(&["show", &at])), hit["id"].as_str().unwrap());
    // Nothing by that name: exit 1, one line.
    let out = baocao(&["show", "nope#I.9.9"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim().lines().count(),
        1
    );
}

#[test]
fn figures_print_paths_relative_to_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    copy_corpus(&dir.path().join("corpus"));
    let out = run_in(dir.path(), &["figures", "giải ngân", "--limit", "5"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text
        .lines()
        .skip(1)
        .filter(|l| l.contains(".txt:"))
        .collect();
    assert!(!rows.is_empty(), "{text}");
    for row in rows {
        assert!(row.contains(" corpus/0"), "{row}");
    }
    // The same as search prints.
    let search = run_in(dir.path(), &["search", "giải ngân", "--limit", "1"]);
    let s = String::from_utf8(search.stdout).unwrap();
    assert!(s.contains("corpus/0"), "{s}");
    assert!(Path::new(&dir.path().join("index")).is_dir());
}

/// The lines `search` and `figures` cite: (unit, first line, cited line) of each hit and
/// (sentence, line) of each figure row.
type Cited = (Vec<(String, u64, u64)>, Vec<(String, u64)>);

fn cited_lines(tmp: &Path, idx: &Path) -> Cited {
    let hits = crate::common::json_ok(&crate::common::run_json(
        tmp,
        idx,
        &["search", "giải ngân vốn đầu tư công", "--limit", "50"],
    ));
    let hits = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap().to_string(),
                h["line_start"].as_u64().unwrap(),
                h["match_line"].as_u64().unwrap(),
            )
        })
        .collect();
    let rows = crate::common::json_ok(&crate::common::run_json(
        tmp,
        idx,
        &["figures", "giải ngân", "--limit", "200"],
    ));
    let rows = rows["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["sentence"].to_string(), r["line"].as_u64().unwrap()))
        .collect();
    (hits, rows)
}

#[test]
fn cited_lines_come_from_the_index_not_from_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, idx) = crate::common::built_index(tmp.path());
    let before = cited_lines(tmp.path(), &idx);
    assert!(before.0.len() > 5 && before.1.len() > 5, "{before:?}");
    // Matches past a unit's first line are cited where they are.
    assert!(
        before.0.iter().filter(|(_, start, at)| at > start).count() > 2,
        "{before:?}"
    );
    // Moved away (or on another machine): the same lines are cited.
    std::fs::remove_dir_all(&docs).unwrap();
    assert_eq!(cited_lines(tmp.path(), &idx), before);
}
