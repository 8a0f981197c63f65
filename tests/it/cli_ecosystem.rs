//! Fitting the ecosystem: shell completions, the man page, examples in every `--help`,
//! the JSON contract (a `schema` field in every document, every field documented in
//! docs/json.md), and the README's two paths run as written on the bundled corpus.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

use crate::common::{copy_corpus, json_on_shared_index as json, on_shared_index as baocao};

const COMMANDS: [&str; 10] = [
    "index",
    "search",
    "timeline",
    "facets",
    "figures",
    "show",
    "parse",
    "stats",
    "completions",
    "man",
];

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef baocao"),
        ("fish", "complete -c baocao"),
    ] {
        let out = baocao(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(marker), "{shell}: {marker}");
        for cmd in ["search", "timeline", "figures"] {
            assert!(text.contains(cmd), "{shell}: {cmd}");
        }
    }
    let out = baocao(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_page_on_stdout_and_into_a_folder() {
    let out = baocao(&["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains(".TH baocao 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("timeline"));
    let dir = tempfile::tempdir().unwrap();
    let out = baocao(&["man", "--dir", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    assert!(dir.path().join("baocao.1").is_file());
    for cmd in COMMANDS {
        let page = std::fs::read_to_string(dir.path().join(format!("baocao-{cmd}.1"))).unwrap();
        assert!(page.contains(".TH"), "{cmd}");
    }
}

#[test]
fn every_command_has_examples_in_its_help() {
    for cmd in COMMANDS {
        let out = baocao(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Examples:\n  baocao "), "{cmd}: {text}");
    }
}

/// Every key of every object in `v`, with its path (`hits[].id`).
fn keys(v: &Value, path: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                // Facet values and their counts are data, not fields.
                if path.ends_with("facets") {
                    continue;
                }
                out.insert(k.clone());
                keys(child, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for item in items {
                keys(item, path, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_document_has_a_schema_and_every_field_is_documented() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    let file = format!(
        "{}/corpus/000_15b6f46b6783cbe2.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let hit = json(&["search", "giải ngân"]);
    let id = hit["hits"][0]["id"].as_str().unwrap().to_string();
    let documents = [
        hit,
        json(&["search", "giải ngân", "--group", "report"]),
        // `more_in_report`; a query few units hold entirely: `partial` and `missing`.
        json(&["search", "giải ngân", "--per-report", "1"]),
        json(&["search", "lượng khách du lịch quốc tế tăng mạnh"]),
        json(&["timeline", "giải ngân"]),
        json(&["facets", "giải ngân"]),
        json(&["figures", "giải ngân"]),
        json(&["show", &id]),
        json(&["show", "000_15b6f46b6783cbe2.txt"]),
        json(&["stats"]),
        json(&["parse", &file]),
    ];
    for doc in &documents {
        assert_eq!(doc["schema"], 1, "{doc}");
        let mut found = BTreeSet::new();
        keys(doc, "", &mut found);
        for key in found {
            assert!(
                docs.contains(&format!("`{key}`")) || docs.contains(&format!("\"{key}\"")),
                "docs/json.md does not document {key:?}"
            );
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy_corpus(&dir.path().join("c"));
    let out = crate::common::run_in(dir.path(), &["--json", "--index", "i", "index", "c"]);
    let index: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(index["schema"], 1);
}

/// The commands of a README section (indented lines starting with `baocao `).
fn readme_commands(section: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find(section)
        .unwrap_or_else(|| panic!("README has no {section}"));
    let rest = &readme[start + section.len()..];
    let end = [rest.find("\n## "), rest.find("\n### ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    rest[..end]
        .lines()
        .filter_map(|l| l.strip_prefix("    "))
        .filter(|l| l.starts_with("baocao "))
        .map(|l| {
            // Drop a trailing comment.
            match l.find("  # ") {
                Some(i) => l[..i].trim_end().to_string(),
                None => l.to_string(),
            }
        })
        .collect()
}

#[test]
fn readme_paths_run_on_the_bundled_corpus() {
    let dir = tempfile::tempdir().unwrap();
    copy_corpus(&dir.path().join("corpus"));
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_baocao"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for section in ["### The researcher's path", "### The journalist's path"] {
        let commands = readme_commands(section);
        assert!(commands.len() >= 3, "{section}: {commands:?}");
        for c in commands {
            let out = Command::new("bash")
                .arg("-o")
                .arg("pipefail")
                .arg("-c")
                .arg(&c)
                .current_dir(dir.path())
                .env("PATH", &path)
                .env_remove("BAOCAO_INDEX")
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{c}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(!out.stdout.is_empty() || c.contains('>'), "{c}: no output");
        }
    }
}
