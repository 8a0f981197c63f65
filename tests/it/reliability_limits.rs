//! Query limits and invisible characters through the real binary: a query past the
//! nesting, word or length limit is refused with exit 2 and one line naming the limit
//! (never an abort); invisible characters inside or beside a word are dropped on the
//! index and the query side alike.

use std::fs;
use std::time::Duration;

use serde_json::Value;

use crate::common::{command, on_shared_index};
use crate::hostile::output_within;

fn refused(query: &str, limit: &str) {
    let idx = crate::common::shared_index().to_str().unwrap().to_string();
    for cmd in ["search", "facets", "figures"] {
        let out = output_within(
            command(&std::env::temp_dir(), &["--index", &idx, cmd, "--", query]),
            Duration::from_secs(60),
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
        assert_eq!(err.lines().count(), 1, "{cmd}: {err}");
        assert!(err.contains(limit), "{cmd}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn deep_long_and_wide_queries_are_refused_naming_the_limit() {
    // 14,000 nested parentheses overflowed the stack; past the length limit now.
    let deep = format!("{}giải ngân{}", "(".repeat(14_000), ")".repeat(14_000));
    refused(&deep, "query length limit 2000");
    // Nesting within the length limit: the depth limit.
    let deep = format!("{}giải ngân{}", "(".repeat(100), ")".repeat(100));
    refused(&deep, "query depth limit 32");
    refused(&"-(".repeat(40), "query depth limit 32");
    // 100 KB took 23 s and 1.25 GB.
    refused(&"giải ngân ".repeat(7_600), "query length limit 2000");
    refused(&"vốn ".repeat(201), "query word limit 200");
    refused(
        &format!("\"{}\"", "đầu tư ".repeat(150)),
        "query word limit 200",
    );
    // At the limits, queries still run.
    let ok = format!("{}giải ngân{}", "(".repeat(32), ")".repeat(32));
    let out = on_shared_index(&["--json", "search", &ok]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn invisible_characters_are_dropped_on_both_sides() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    // Soft hyphens, zero-width spaces and joiners, direction marks and a BOM inside and
    // beside the words, as word processors and web pages leave them.
    let hidden =
        "BÁO CÁO\n\nI. TÌNH HÌNH\n\nKết quả gi\u{AD}ải ng\u{200B}ân vốn \u{200E}đầu\u{200F} tư \
                  c\u{200C}ô\u{200D}ng đạt 90%.\n\nII. KHÁC\n\nThu \u{FEFF}ngân sách tăng.\n";
    fs::write(docs.join("an.txt"), hidden).unwrap();
    fs::write(
        docs.join("ro.txt"),
        "BÁO CÁO\n\nI. TÌNH HÌNH\n\nTiến độ thu hồi đất chậm.\n",
    )
    .unwrap();
    let idx = tmp.path().join("idx");
    let idx = idx.to_str().unwrap();
    let out = command(
        tmp.path(),
        &["--index", idx, "index", docs.to_str().unwrap()],
    )
    .output()
    .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let total = |q: &str| -> (u64, Value) {
        let out = command(tmp.path(), &["--json", "--index", idx, "search", q])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{q}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        (v["total"].as_u64().unwrap(), v)
    };
    // Typed plainly, found in the text with invisible characters.
    for q in [
        "\"giải ngân vốn đầu tư công\"",
        "\"giai ngan von dau tu cong\"",
        "\"thu ngân sách\"",
    ] {
        let (n, v) = total(q);
        assert_eq!(n, 1, "{q}: {v}");
        assert_eq!(v["hits"][0]["doc_id"], "an", "{q}: {v}");
    }
    // Typed with invisible characters, found in plain text.
    for q in [
        "thu\u{AD} hồi",
        "\u{200B}tiến\u{200D}",
        "ch\u{200E}ậm\u{FEFF}",
    ] {
        let (n, v) = total(q);
        assert_eq!(n, 1, "{q:?}: {v}");
        assert_eq!(v["hits"][0]["doc_id"], "ro", "{q:?}: {v}");
    }
    // The snippet highlights the words of the original text.
    let (_, v) = total("ngân");
    let snippets: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["snippet"].as_str().unwrap())
        .collect();
    assert!(
        snippets.iter().any(|s| s.contains("<b>ng\u{200B}ân</b>")),
        "{snippets:?}"
    );
}
