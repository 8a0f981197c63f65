//! Hostile input files through the real binary (README, Exit codes and reliability): each
//! is skipped with its name and a short reason while the good reports are indexed (exit
//! 3); none aborts, hangs or takes the machine's memory. The files are generated here.

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

use crate::common::{command, copy_corpus, corpus_files, json_ok, run_json, stderr};
use crate::hostile::{self, output_within};

/// Longest a hostile run may take before the test calls it a hang.
const HANG: Duration = Duration::from_secs(120);

/// `baocao --json --index IDX index ARGS...` in `cwd`, within [`HANG`].
fn index(cwd: &Path, idx: &Path, args: &[&str]) -> (Output, Value) {
    let mut all = vec!["--json", "--index", idx.to_str().unwrap(), "index"];
    all.extend_from_slice(args);
    let out = output_within(command(cwd, &all), HANG);
    let err = stderr(&out);
    assert!(
        !err.contains("panicked") && !err.contains("overflow"),
        "{err}"
    );
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, v)
}

fn reason<'a>(v: &'a Value, name: &str) -> &'a str {
    let found: Vec<&Value> = v["skipped"]
        .as_array()
        .unwrap_or_else(|| panic!("no skipped list: {v}"))
        .iter()
        .filter(|s| s["path"].as_str().unwrap().ends_with(name))
        .collect();
    assert_eq!(found.len(), 1, "{name} skipped once: {v}");
    found[0]["reason"].as_str().unwrap()
}

fn indexed(v: &Value) -> Vec<String> {
    v["indexed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["doc_id"].as_str().unwrap().to_string())
        .collect()
}

/// The bundled reports are all searchable in `idx`.
fn corpus_searchable(cwd: &Path, idx: &Path) {
    let v = json_ok(&run_json(cwd, idx, &["stats"]));
    assert!(
        v["reports"].as_u64().unwrap() >= corpus_files().len() as u64,
        "{v}"
    );
    let v = json_ok(&run_json(
        cwd,
        idx,
        &["search", "giải ngân vốn đầu tư công"],
    ));
    assert!(v["total"].as_u64().unwrap() > 0, "{v}");
}

#[test]
fn deeply_nested_docx_is_skipped_as_nesting_too_deep() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    fs::write(docs.join("sau-5000.docx"), hostile::deep_docx(5_000, true)).unwrap();
    fs::write(
        docs.join("sau-1000000.docx"),
        hostile::deep_docx(1_000_000, false),
    )
    .unwrap();
    let idx = tmp.path().join("idx");
    let (out, v) = index(tmp.path(), &idx, &[docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    for name in ["sau-5000.docx", "sau-1000000.docx"] {
        let r = reason(&v, name);
        assert!(r.contains("nesting too deep") && r.contains("512"), "{r}");
    }
    assert_eq!(indexed(&v).len(), corpus_files().len(), "{v}");
    corpus_searchable(tmp.path(), &idx);
}

#[test]
fn huge_numbering_starts_give_bounded_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(
        docs.join("so-lon.docx"),
        hostile::numbering_docx("9223372036854775807", "Thu ngân sách vượt dự toán."),
    )
    .unwrap();
    fs::write(
        docs.join("so-1e11.docx"),
        hostile::numbering_docx("100000000000", "Chi thường xuyên tiết kiệm."),
    )
    .unwrap();
    let idx = tmp.path().join("idx");
    let (out, v) = index(tmp.path(), &idx, &[docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}: {v}", stderr(&out));
    assert_eq!(indexed(&v).len(), 2, "{v}");
    // The labels are written in digits, and the text is searchable.
    let out = command(
        tmp.path(),
        &[
            "--json",
            "--index",
            idx.to_str().unwrap(),
            "search",
            "\"vượt dự toán\"",
        ],
    )
    .output()
    .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1, "{v}");
    let out = command(
        tmp.path(),
        &[
            "--json",
            "--index",
            idx.to_str().unwrap(),
            "show",
            "so-1e11",
        ],
    )
    .output()
    .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("100000000000") || text.contains("100000000001"),
        "{text}"
    );
    assert!(text.len() < 100_000, "{} bytes", text.len());
}

#[test]
fn a_list_label_repeated_on_every_paragraph_is_bounded() {
    // A 1 M-character label on 20,000 list paragraphs: 20 G characters if repeated whole.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("nhan-dai.docx");
    fs::write(&file, hostile::label_bomb_docx(1_000_000, 20_000)).unwrap();
    let out_file = tmp.path().join("out.json");
    let c = command(tmp.path(), &["--json", "parse", file.to_str().unwrap()]);
    let (code, peak, elapsed, err) = hostile::peak_memory(c, &out_file);
    eprintln!(
        "label bomb: exit {code:?}, {:.1} s, peak RSS {:.0} MB",
        elapsed.as_secs_f64(),
        peak as f64 / 1e6
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(peak < 1 << 30, "peak memory {peak} bytes");
    let out = fs::read_to_string(&out_file).unwrap();
    // Each label text is cut to its first 64 characters ("%1." and 61 letters).
    assert!(
        out.contains(&format!("1.{} giải ngân", "A".repeat(61))),
        "{}",
        &out[..2000.min(out.len())]
    );
    assert!(!out.contains(&"A".repeat(62)));
}

#[test]
fn zip_bombs_are_refused_before_they_expand() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    fs::write(docs.join("bom-1gb.docx"), hostile::zeros_bomb(1024, false)).unwrap();
    fs::write(
        docs.join("bom-10gb.docx"),
        hostile::zeros_bomb(10 * 1024, true),
    )
    .unwrap();
    fs::write(docs.join("bom-doan-van.docx"), hostile::paragraphs_bomb(32)).unwrap();
    let idx = tmp.path().join("idx");
    let (out, v) = index(tmp.path(), &idx, &[docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    for name in ["bom-1gb.docx", "bom-10gb.docx", "bom-doan-van.docx"] {
        let r = reason(&v, name);
        assert!(
            r.contains("word/document.xml expands to more than"),
            "{name}: {r}"
        );
    }
    assert_eq!(indexed(&v).len(), corpus_files().len(), "{v}");
    corpus_searchable(tmp.path(), &idx);
}

#[test]
fn a_hung_pdf_converter_is_stopped_at_the_timeout() {
    if hostile::missing("pdftotext") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    fs::write(docs.join("cham.pdf"), hostile::slow_pdf()).unwrap();
    let idx = tmp.path().join("idx");
    let (out, v) = index(
        tmp.path(),
        &idx,
        &["--convert-timeout", "2", docs.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let r = reason(&v, "cham.pdf");
    assert!(
        r.contains("pdftotext did not finish within 2 s") && r.contains("--convert-timeout"),
        "{r}"
    );
    assert_eq!(indexed(&v).len(), corpus_files().len(), "{v}");
}

#[test]
fn pdf_converter_output_is_capped() {
    if hostile::missing("pdftotext") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    // 40 KB on disk; its word boxes are about 25 MB, over twice the 1 MB limit.
    fs::write(docs.join("nhieu-trang.pdf"), hostile::wordy_pdf(1500)).unwrap();
    let idx = tmp.path().join("idx");
    let (out, v) = index(
        tmp.path(),
        &idx,
        &["--max-file-mb", "1", docs.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(3), "{}: {v}", stderr(&out));
    let r = reason(&v, "nhieu-trang.pdf");
    assert!(r.contains("output is larger than 2 MB"), "{r}");
}

#[test]
fn a_killed_baocao_takes_its_converter_with_it() {
    if hostile::missing("pdftotext") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("cham.pdf");
    fs::write(&pdf, hostile::slow_pdf()).unwrap();
    let idx = tmp.path().join("idx");
    let index_pdf = command(
        tmp.path(),
        &[
            "--index",
            idx.to_str().unwrap(),
            "index",
            pdf.to_str().unwrap(),
        ],
    );
    let (mut child, converter) = hostile::spawn_with_converter(index_pdf);
    assert!(hostile::alive(converter));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        hostile::gone_soon(converter),
        "pdftotext (pid {converter}) outlived the baocao that started it"
    );
}

#[test]
fn fifos_sockets_and_devices_are_never_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    let fifo = tmp.path().join("ong.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    // Reached through symbolic links in the folder: the FIFO, /dev/zero (endless), a tty.
    std::os::unix::fs::symlink(&fifo, docs.join("lien-ket-ong.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", docs.join("khong.txt")).unwrap();
    let socket = tmp.path().join("o-cam.md");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let idx = tmp.path().join("idx");
    let (out, v) = index(
        tmp.path(),
        &idx,
        &[
            docs.to_str().unwrap(),
            fifo.to_str().unwrap(),
            socket.to_str().unwrap(),
            "/dev/null",
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{}: {v}", stderr(&out));
    assert!(reason(&v, "/ong.txt").contains("a named pipe (FIFO), not a regular file"));
    assert!(reason(&v, "lien-ket-ong.txt").contains("a named pipe (FIFO)"));
    assert!(reason(&v, "khong.txt").contains("a character device"));
    assert!(reason(&v, "o-cam.md").contains("a socket"));
    assert!(reason(&v, "/dev/null").contains("a character device"));
    assert_eq!(indexed(&v).len(), corpus_files().len(), "{v}");
    // `parse` refuses them the same way.
    let out = output_within(
        command(tmp.path(), &["parse", fifo.to_str().unwrap()]),
        HANG,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("named pipe"), "{}", stderr(&out));
}

#[test]
fn utf8_with_a_stray_byte_is_read_as_utf8_and_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("byte-la.txt"), hostile::stray_bytes_report()).unwrap();
    let idx = tmp.path().join("idx");
    let (out, v) = index(tmp.path(), &idx, &[docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}: {v}", stderr(&out));
    assert_eq!(v["indexed"][0]["invalid_bytes"], 1, "{v}");
    // The human summary says how many bytes were replaced, and where.
    let idx2 = tmp.path().join("idx2");
    let out = command(
        tmp.path(),
        &[
            "--index",
            idx2.to_str().unwrap(),
            "index",
            docs.to_str().unwrap(),
        ],
    )
    .output()
    .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("byte-la.txt: 1 byte replaced") && text.contains("not UTF-8"),
        "{text}"
    );
    // Read as UTF-8, not as a legacy encoding: the words are found as written.
    for q in [
        "\"giải ngân vốn đầu tư công\"",
        "giai ngan",
        "\"thu hồi đất đai\"",
    ] {
        let out = command(
            tmp.path(),
            &["--json", "--index", idx.to_str().unwrap(), "search", q],
        )
        .output()
        .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["total"], 1, "{q}: {v}");
    }
}

#[test]
fn peak_memory_over_a_hostile_folder_stays_under_1_gib() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    fs::write(docs.join("sau.docx"), hostile::deep_docx(100_000, true)).unwrap();
    fs::write(
        docs.join("so-lon.docx"),
        hostile::numbering_docx("9223372036854775807", "Thu ngân sách."),
    )
    .unwrap();
    fs::write(docs.join("bom-1gb.docx"), hostile::zeros_bomb(1024, false)).unwrap();
    fs::write(
        docs.join("bom-10gb.docx"),
        hostile::zeros_bomb(10 * 1024, true),
    )
    .unwrap();
    fs::write(docs.join("bom-doan-van.docx"), hostile::paragraphs_bomb(32)).unwrap();
    fs::write(docs.join("byte-la.txt"), hostile::stray_bytes_report()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", docs.join("khong.txt")).unwrap();
    let pdfs = hostile::has("pdftotext");
    if pdfs {
        fs::write(docs.join("cham.pdf"), hostile::slow_pdf()).unwrap();
        fs::write(docs.join("nhieu-trang.pdf"), hostile::wordy_pdf(3000)).unwrap();
    }
    let idx = tmp.path().join("idx");
    let out_file = tmp.path().join("out.json");
    let c = command(
        tmp.path(),
        &[
            "--json",
            "--index",
            idx.to_str().unwrap(),
            "index",
            "--convert-timeout",
            "5",
            docs.to_str().unwrap(),
        ],
    );
    let (code, peak, elapsed, err) = hostile::peak_memory(c, &out_file);
    let v: Value = serde_json::from_slice(&fs::read(&out_file).unwrap()).unwrap_or(Value::Null);
    eprintln!(
        "hostile folder: exit {code:?}, {:.1} s, peak RSS {:.0} MB, {} reports indexed, {} skipped",
        elapsed.as_secs_f64(),
        peak as f64 / 1e6,
        v["indexed"].as_array().map_or(0, Vec::len),
        v["skipped"].as_array().map_or(0, Vec::len),
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(peak < 1 << 30, "peak memory {peak} bytes");
    let n = indexed(&v);
    assert_eq!(n.len(), corpus_files().len() + 2, "{v}");
    let skipped = v["skipped"].as_array().unwrap().len();
    assert_eq!(skipped, if pdfs { 7 } else { 5 }, "{v}");
    corpus_searchable(tmp.path(), &idx);
}

/// Files and folders in `dir`.
fn entries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_converter_runs_confined_on_a_private_nameless_copy() {
    if hostile::missing("pdftotext") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let scratch = tmp.path().join("scratch");
    fs::create_dir_all(&scratch).unwrap();
    let pdf = tmp.path().join("cham.pdf");
    fs::write(&pdf, hostile::slow_pdf()).unwrap();
    let idx = tmp.path().join("idx");
    let mut index_pdf = command(
        tmp.path(),
        &[
            "--index",
            idx.to_str().unwrap(),
            "index",
            pdf.to_str().unwrap(),
        ],
    );
    index_pdf.env("TMPDIR", &scratch);
    let (mut child, conv) = hostile::spawn_with_converter(index_pdf);
    // Let it exec and set its limits.
    std::thread::sleep(Duration::from_millis(300));
    let limits = fs::read_to_string(format!("/proc/{conv}/limits")).unwrap();
    let line = |name: &str| {
        limits
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{limits}"))
            .to_string()
    };
    let address = line("Max address space");
    assert!(
        address.contains(&baocao::report::formats::CONVERTER_MEMORY_BYTES.to_string()),
        "{address}"
    );
    assert!(!line("Max cpu time").contains("unlimited"), "{limits}");
    // Its own process group (killed as a whole on timeout).
    let stat = fs::read_to_string(format!("/proc/{conv}/stat")).unwrap();
    let pgrp: u32 = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(pgrp, conv, "{stat}");
    // Its input: a temporary file in TMPDIR with no name there, readable only by us.
    let mut copies = 0;
    for fd in fs::read_dir(format!("/proc/{conv}/fd")).unwrap().flatten() {
        let Ok(target) = fs::read_link(fd.path()) else {
            continue;
        };
        if target.starts_with(&scratch) {
            copies += 1;
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(fd.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{target:?}");
        }
    }
    assert!(copies >= 1, "the converter reads a copy in TMPDIR");
    assert!(entries(&scratch).is_empty(), "{:?}", entries(&scratch));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(hostile::gone_soon(conv));
    assert!(entries(&scratch).is_empty(), "{:?}", entries(&scratch));

    // A timeout and a converter failure leave nothing behind either.
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::copy(&pdf, docs.join("cham.pdf")).unwrap();
    fs::write(
        docs.join("hong.pdf"),
        b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n",
    )
    .unwrap();
    let mut all = vec!["--json", "--index", idx.to_str().unwrap(), "index"];
    all.extend(["--convert-timeout", "2", docs.to_str().unwrap()]);
    let mut c = command(tmp.path(), &all);
    c.env("TMPDIR", &scratch);
    let out = output_within(c, HANG);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(entries(&scratch).is_empty(), "{:?}", entries(&scratch));
}
