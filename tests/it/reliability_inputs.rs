//! The README's reliability rules through the real binary: bad input files are reported by name with their
//! reason and skipped while the good ones are indexed (exit code 3); a report without
//! headings is indexed as one preamble section; a huge single line is handled; a folder
//! symlink loop does not hang the walk; source files are never modified.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::SystemTime;

use serde_json::Value;

use crate::common::{copy_corpus, run_in as baocao, run_json, stderr};

fn no_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
}

fn search_json(cwd: &Path, idx: &Path, query: &str) -> Value {
    let out = run_json(cwd, idx, &["search", "--limit", "50", query]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// `Báo cáo tình hình kinh tế` in Windows-1258 (precomposed where the code page has it).
const CP1258: &[u8] = b"B\xe1o c\xe1o t\xecnh h\xecnh kinh t\xea\xec\n\nI. T\xccNH H\xccNH\n\nK\xea\xcc\x81t qu\xe1.\n";
/// `Báo cáo tình hình` in TCVN3 (ABC), the legacy Vietnamese 8-bit encoding.
const TCVN3: &[u8] = b"B\xb8o c\xb8o t\xd7nh h\xd7nh\n\n1. Kinh t\xd5\n\nT\xa8ng tr\xad\xebng.\n";
/// The first bytes of a PNG image.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa";
/// A zip archive holding one stored file `a.txt` (local header, data, central directory).
fn zip_bytes() -> Vec<u8> {
    let mut z = Vec::new();
    z.extend_from_slice(b"PK\x03\x04\x0a\x00\x00\x00\x00\x00\x00\x00\x21\x00");
    z.extend_from_slice(&[0x9a, 0x3a, 0x12, 0x69, 5, 0, 0, 0, 5, 0, 0, 0, 5, 0, 0, 0]);
    z.extend_from_slice(b"a.txtXin chao");
    z.extend_from_slice(
        b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00\x33\x00\x00\x00\x22\x00\x00\x00\x00\x00",
    );
    z
}

/// A report without any numbered heading: indexed as one preamble section.
const NO_HEADINGS: &str = "UBND TỈNH CAO BẰNG\n\nGHI CHÚ\n\nVề tình hình thủy lợi nội đồng: \
các hồ chứa nước đã tích đủ dung tích thiết kế, kênh mương được nạo vét trước mùa khô.\n\n\
Công tác quản lý vận hành bảo đảm an toàn đập thượng du.\n";

#[test]
fn bad_files_are_skipped_by_name_and_good_files_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    fs::write(docs.join("bao-cao-cp1258.txt"), CP1258).unwrap();
    fs::write(docs.join("bao-cao-tcvn3.txt"), TCVN3).unwrap();
    fs::write(docs.join("rong.txt"), b"").unwrap();
    fs::write(docs.join("khoang-trang.txt"), b"  \n\r\n\t \n").unwrap();
    fs::write(docs.join("anh-chup.txt"), PNG).unwrap();
    fs::write(docs.join("ghi-chu.txt"), NO_HEADINGS).unwrap();
    // Binary files given by name (explicit files are read whatever their extension).
    let png = tmp.path().join("logo.png");
    fs::write(&png, PNG).unwrap();
    let zip = tmp.path().join("bieu-mau.zip");
    fs::write(&zip, zip_bytes()).unwrap();
    // A folder symlink pointing back to its parent: a loop.
    let sub = docs.join("nam-2024");
    fs::create_dir_all(&sub).unwrap();
    std::os::unix::fs::symlink("..", sub.join("vong-lap")).unwrap();

    let idx = tmp.path().join("idx");
    let args = [
        "--json",
        "--index",
        idx.to_str().unwrap(),
        "index",
        docs.to_str().unwrap(),
        png.to_str().unwrap(),
        zip.to_str().unwrap(),
    ];
    let out = baocao(tmp.path(), &args);
    no_panic(&out);
    assert_eq!(
        out.status.code(),
        Some(3),
        "exit 3 = indexed with skipped files: {}",
        stderr(&out)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let indexed: Vec<&str> = v["indexed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["doc_id"].as_str().unwrap())
        .collect();
    // Legacy 8-bit encodings are either converted (when the build reads them) and
    // indexed, or skipped with a reason naming the encoding problem: never dropped.
    let converted = ["bao-cao-cp1258", "bao-cao-tcvn3"]
        .iter()
        .filter(|d| indexed.contains(*d))
        .count();
    assert_eq!(
        indexed.len(),
        6 + converted,
        "5 reports + the one without headings: {indexed:?}"
    );
    assert!(indexed.contains(&"ghi-chu"), "{indexed:?}");
    let skipped: Vec<(String, String)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let reason_of = |name: &str| -> String {
        let found: Vec<&(String, String)> =
            skipped.iter().filter(|(p, _)| p.ends_with(name)).collect();
        assert_eq!(found.len(), 1, "{name} reported once: {skipped:?}");
        found[0].1.clone()
    };
    for (doc, file) in [
        ("bao-cao-cp1258", "bao-cao-cp1258.txt"),
        ("bao-cao-tcvn3", "bao-cao-tcvn3.txt"),
    ] {
        if !indexed.contains(&doc) {
            let reason = reason_of(file);
            assert!(
                reason.contains("UTF-8") || reason.contains("encoding"),
                "{reason}"
            );
        }
    }
    assert!(reason_of("rong.txt").contains("empty"));
    assert!(reason_of("khoang-trang.txt").contains("empty"));
    assert!(reason_of("anh-chup.txt").contains("binary"));
    assert!(reason_of("logo.png").contains("binary"));
    assert!(reason_of("bieu-mau.zip").contains("binary"));
    assert!(reason_of("vong-lap").contains("loop"));
    assert_eq!(skipped.len(), 8 - converted, "{skipped:?}");

    // The text output names each skipped file with its reason, once (no doubled name),
    // on stderr (a diagnostic, as ripgrep's); stdout keeps the summary.
    let idx2 = tmp.path().join("idx2");
    let mut text_args: Vec<&str> = args.to_vec();
    text_args.retain(|a| *a != "--json");
    let pos = text_args.iter().position(|a| *a == "--index").unwrap();
    let idx2_s = idx2.to_str().unwrap().to_string();
    text_args[pos + 1] = &idx2_s;
    let out = baocao(tmp.path(), &text_args);
    assert_eq!(out.status.code(), Some(3));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(!summary.contains("rong.txt"), "{summary}");
    let text = String::from_utf8_lossy(&out.stderr);
    for name in ["rong.txt", "anh-chup.txt", "logo.png", "vong-lap"] {
        let line = text
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not listed in:\n{text}"));
        assert_eq!(line.matches(name).count(), 1, "{line}");
    }

    // The report without headings is searchable as one preamble section.
    let v = search_json(tmp.path(), &idx, "\"đập thượng du\"");
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{v}");
    assert_eq!(hits[0]["id"], "ghi-chu#preamble");
    assert!(hits[0]["text"].as_str().unwrap().contains("hồ chứa nước"));
    assert!(hits[0]["text"].as_str().unwrap().contains("an toàn đập"));
    // And the good reports are all there.
    let v = search_json(tmp.path(), &idx, "giải ngân");
    assert!(v["total"].as_u64().unwrap() > 5, "{v}");

    // Run again: the good files are unchanged, the bad ones reported again (still exit 3).
    let out = baocao(tmp.path(), &args);
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["unchanged"], 6 + converted);
    assert_eq!(v["skipped"].as_array().unwrap().len(), 8 - converted);

    // Without the bad files, the exit code is 0.
    let good = tmp.path().join("good");
    copy_corpus(&good);
    let idx3 = tmp.path().join("idx3");
    let out = baocao(
        tmp.path(),
        &[
            "--index",
            idx3.to_str().unwrap(),
            "index",
            good.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_huge_single_line_is_indexed_and_a_giant_file_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    // About 2 MB on one line, no heading, no newline at all.
    let words = [
        "giải", "ngân", "vốn", "đầu", "tư", "công", "đạt", "1.236,87", "tỷ", "đồng", "tăng", "12%",
        "so", "với", "cùng", "kỳ", "tỉnh", "Lạng", "Sơn",
    ];
    let mut line = String::new();
    let mut i = 0usize;
    while line.len() < 2_000_000 {
        line.push_str(words[(i * 7 + i / 19) % words.len()]);
        line.push(' ');
        i += 1;
    }
    line.push_str("mộtdòngrấtdài");
    fs::write(docs.join("mot-dong.txt"), &line).unwrap();
    // 50 MB on one line: over the size limit for one report, skipped with the reason.
    let giant = docs.join("khong-lo.txt");
    let chunk = line.as_bytes();
    let mut f = fs::File::create(&giant).unwrap();
    let mut written = 0;
    while written < 50_000_000 {
        std::io::Write::write_all(&mut f, chunk).unwrap();
        written += chunk.len();
    }
    drop(f);
    copy_corpus(&docs);

    let idx = tmp.path().join("idx");
    let out = run_json(tmp.path(), &idx, &["index", docs.to_str().unwrap()]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["indexed"].as_array().unwrap().len(), 6, "{v}");
    let skipped = v["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{v}");
    assert!(skipped[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("khong-lo.txt"));
    assert!(skipped[0]["reason"].as_str().unwrap().contains("too large"));

    let v = search_json(tmp.path(), &idx, "mộtdòngrấtdài");
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{v}");
    assert_eq!(hits[0]["id"], "mot-dong#preamble");
    // The title taken from the huge first paragraph is clipped.
    assert!(hits[0]["title"].as_str().unwrap().chars().count() <= 301);
}

#[test]
fn a_symlink_loop_does_not_hang_and_linked_folders_are_walked_once() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let a = docs.join("a");
    copy_corpus(&a);
    let b = docs.join("b");
    fs::create_dir_all(&b).unwrap();
    // b/loop → docs (an ancestor: a loop); b/again → a (a second path to a folder).
    std::os::unix::fs::symlink(&docs, b.join("loop")).unwrap();
    std::os::unix::fs::symlink(&a, b.join("again")).unwrap();
    let idx = tmp.path().join("idx");
    let out = run_json(tmp.path(), &idx, &["index", docs.to_str().unwrap()]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["indexed"].as_array().unwrap().len(), 5, "{v}");
    let skipped = v["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{v}");
    assert!(skipped[0]["path"].as_str().unwrap().ends_with("loop"));
    assert!(skipped[0]["reason"].as_str().unwrap().contains("loop"));
}

/// Content hash and modification time of every file under `dir`.
fn fingerprint(dir: &Path) -> Vec<(PathBuf, String, SystemTime, bool)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = fs::metadata(&path).unwrap();
        let hash = blake3::hash(&fs::read(&path).unwrap()).to_hex().to_string();
        out.push((
            path,
            hash,
            meta.modified().unwrap(),
            meta.permissions().readonly(),
        ));
    }
    out.sort();
    out
}

#[test]
fn source_reports_are_never_modified() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    fs::write(docs.join("ghi-chu.txt"), NO_HEADINGS).unwrap();
    fs::write(docs.join("bao-cao-cp1258.txt"), CP1258).unwrap();
    // Read-only sources must be enough.
    for entry in fs::read_dir(&docs).unwrap() {
        let path = entry.unwrap().path();
        let mut perms = fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&path, perms).unwrap();
    }
    let before = fingerprint(&docs);
    let idx = tmp.path().join("idx");
    let idx_s = idx.to_str().unwrap();
    let docs_s = docs.to_str().unwrap();
    let one = docs.join("000_15b6f46b6783cbe2.txt");
    let commands: Vec<Vec<&str>> = vec![
        vec!["--index", idx_s, "index", docs_s],
        vec!["--index", idx_s, "index", "--prune", docs_s],
        vec!["--index", idx_s, "index", "--rebuild", docs_s],
        vec!["--index", idx_s, "search", "giải ngân"],
        vec!["--index", idx_s, "show", "000-15b6f46b6783cbe2"],
        vec!["--index", idx_s, "stats"],
        vec!["parse", one.to_str().unwrap()],
    ];
    for args in &commands {
        let out = baocao(tmp.path(), args);
        no_panic(&out);
        assert!(
            matches!(out.status.code(), Some(0) | Some(3)),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(fingerprint(&docs), before, "a source file changed");
}
