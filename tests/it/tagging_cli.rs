//! `baocao parse` shows each section's and footnote's sectors and role (the real binary on
//! the bundled reports).

use std::path::Path;
use std::process::Command;

use baocao::tagging::{is_role, is_sector, MAX_SECTORS};
use serde_json::Value;

fn parse_json(file: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(file);
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["--json", "parse"])
        .arg(&path)
        .output()
        .expect("run baocao");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn section<'a>(doc: &'a Value, suffix: &str) -> &'a Value {
    doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no section {suffix}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn parse_json_carries_sectors_and_roles() {
    let doc = parse_json("000_15b6f46b6783cbe2.txt");
    for s in doc["sections"].as_array().unwrap() {
        let sectors = strings(&s["sectors"]);
        // The letterhead and the closing block name bodies and people, not a subject:
        // they carry neither sector nor role.
        if baocao::report::frame::is_frame_id(s["id"].as_str().unwrap()) {
            assert!(sectors.is_empty() && s["role"] == "", "{s}");
            continue;
        }
        assert!(sectors.len() <= MAX_SECTORS && sectors.iter().all(|x| is_sector(x)));
        assert!(is_role(s["role"].as_str().unwrap()), "{s}");
    }
    for f in doc["footnotes"].as_array().unwrap() {
        assert!(strings(&f["sectors"]).iter().all(|x| is_sector(x)));
        assert!(is_role(f["role"].as_str().unwrap()), "{f}");
    }
    let budget = section(&doc, "#II.1.6");
    assert_eq!(strings(&budget["sectors"]), ["kinh-te/ngan-sach"]);
    assert_eq!(budget["role"], "tinh-hinh");
    let task = section(&doc, "#III.4");
    assert_eq!(strings(&task["sectors"])[0], "kinh-te/dau-tu-ha-tang");
    assert_eq!(task["role"], "nhiem-vu");
}

#[test]
fn parse_outline_shows_sectors_and_roles() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/002_b3816277b7c3b654.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["--color", "never", "parse"])
        .arg(&path)
        .output()
        .expect("run baocao");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("Thu, chi ngân sách, tín dụng"))
        .expect("budget section in the outline");
    assert!(line.contains("kinh-te/ngan-sach"), "{line}");
    assert!(line.contains("tinh-hinh"), "{line}");
    let line = text
        .lines()
        .find(|l| l.contains("Tình hình buôn lậu"))
        .expect("smuggling item in the outline");
    assert!(
        line.contains("thanh-tra") && line.contains("han-che"),
        "{line}"
    );
}
