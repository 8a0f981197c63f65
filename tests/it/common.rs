//! The integration-test harness shared by the test files that run the real `baocao`
//! binary: the bundled corpus, a throw-away copy of it, a command in a given directory,
//! one index of the corpus built once per test binary, and readers of what the binary
//! wrote (hit ids, skipped paths) or left on disk (segment files).
//!
//! Each test file uses part of it, so unused items are allowed here.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

/// The bundled sample reports, `corpus/`.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The files of `corpus/`, sorted.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Copies the bundled reports into `to` (created if needed).
pub fn copy_corpus(to: &Path) {
    fs::create_dir_all(to).unwrap();
    for f in corpus_files() {
        fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
}

/// `baocao ARGS` run in `cwd`, without `BAOCAO_INDEX` and with `NO_COLOR`.
pub fn command(cwd: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_baocao"));
    c.current_dir(cwd)
        .args(args)
        .env_remove("BAOCAO_INDEX")
        .env("NO_COLOR", "1");
    c
}

/// Runs `baocao ARGS` in `cwd` and returns its output.
pub fn run_in(cwd: &Path, args: &[&str]) -> Output {
    command(cwd, args).output().expect("run baocao")
}

/// An index of the bundled corpus, built once for the test binary (its `index` dir).
pub fn shared_index() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = dir.path().join("index");
        let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .arg("--index")
            .arg(&index)
            .arg("index")
            .arg(corpus())
            .env_remove("BAOCAO_INDEX")
            .output()
            .expect("run baocao index");
        assert!(
            out.status.success(),
            "baocao index failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (dir, index)
    })
    .1
}

/// Runs `baocao --index <shared index> ARGS`.
pub fn on_shared_index(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("--index")
        .arg(shared_index())
        .args(args)
        .env_remove("BAOCAO_INDEX")
        .output()
        .expect("run baocao")
}

/// Runs `baocao --index <shared index> --json ARGS`, which must succeed, and parses stdout.
pub fn json_on_shared_index(args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = on_shared_index(&all);
    assert!(
        out.status.success(),
        "baocao {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

/// What a run wrote on stderr, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The JSON a run wrote on stdout; the run must have exited 0.
pub fn json_ok(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The README's rule for a failure: exit 1 and one line on stderr, never a panic message
/// or a backtrace hint. Returns that line.
pub fn one_line_error(out: &Output) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one line on stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
    err
}

/// Indexes the folder `docs` into `index` (`baocao --index INDEX index DOCS`, run in
/// `cwd`), which must succeed.
pub fn index_folder(cwd: &Path, docs: &Path, index: &Path) {
    let out = run_in(
        cwd,
        &[
            "--index",
            index.to_str().unwrap(),
            "index",
            docs.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "index: {}", stderr(&out));
}

/// A copy of the corpus in `tmp/docs` and its index in `tmp/idx`, built by
/// `baocao --json index` (which must succeed).
pub fn built_index(tmp: &Path) -> (PathBuf, PathBuf) {
    let docs = tmp.join("docs");
    copy_corpus(&docs);
    let idx = tmp.join("idx");
    json_ok(&run_in(
        tmp,
        &[
            "--json",
            "--index",
            idx.to_str().unwrap(),
            "index",
            docs.to_str().unwrap(),
        ],
    ));
    (docs, idx)
}

/// The folder of real documents (`../shared/realdocs/files` beside the repository, or
/// the folder named by `BAOCAO_REALDOCS` for a checkout kept elsewhere), when this
/// machine has it; the tests that read it are skipped otherwise.
pub fn realdocs() -> Option<PathBuf> {
    let dir = std::env::var_os("BAOCAO_REALDOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdocs/files"));
    dir.is_dir().then_some(dir)
}

/// Whether `tool` can be run here (`tool ARGS` starts; its exit status does not matter).
pub fn installed(tool: &str, args: &[&str]) -> bool {
    Command::new(tool)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

/// The files under `dir` (all levels) that `keep` accepts, in path order.
pub fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for p in entries {
        if p.is_dir() {
            out.extend(files_under(&p, keep));
        } else if keep(&p) {
            out.push(p);
        }
    }
    out
}

/// `n` reports in `dir`: copies of the bundled ones under distinct names and contents (a
/// distinct code word in each preamble).
pub fn many_reports(dir: &Path, n: usize) {
    fs::create_dir_all(dir).unwrap();
    let sources: Vec<String> = corpus_files()
        .iter()
        .map(|f| fs::read_to_string(f).unwrap())
        .collect();
    for i in 0..n {
        let text = format!("Mã lưu trữ: lưutrữ{i:04}\n\n{}", sources[i % sources.len()]);
        fs::write(dir.join(format!("bao-cao-{i:04}.txt")), text).unwrap();
    }
}

/// Runs `baocao --json --index IDX ARGS` in `cwd` and returns its output.
pub fn run_json(cwd: &Path, idx: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--json", "--index", idx.to_str().expect("UTF-8 index path")];
    all.extend_from_slice(args);
    run_in(cwd, &all)
}

/// The ids of a `search --json` answer's hits, in order.
pub fn hit_ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// The paths of an `index --json` summary's skipped files, in order.
pub fn skipped_paths(v: &Value) -> Vec<&str> {
    v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect()
}

/// The largest file of `dir` ending in `.ext` (an index's segment file of that kind).
pub fn largest_file(dir: &Path, ext: &str) -> PathBuf {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .max_by_key(|p| fs::metadata(p).unwrap().len())
        .unwrap_or_else(|| panic!("no .{ext} file"))
}

/// Writes the same pseudo-random garbage over the middle of `file` (from a tenth to a
/// half of it), its head and footer left intact.
pub fn scramble_middle(file: &Path) {
    let mut bytes = fs::read(file).unwrap();
    let n = bytes.len();
    let mut x: u32 = 0x9e37_79b9;
    for b in &mut bytes[n / 10..n / 2] {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    fs::write(file, bytes).unwrap();
}

/// The tokens `analyzer` makes of `text`, in order.
pub fn tokens(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    text: &str,
) -> Vec<tantivy::tokenizer::Token> {
    use tantivy::tokenizer::TokenStream;
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(t.clone());
    }
    out
}
