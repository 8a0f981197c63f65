//! The index under faults, through the real binary (README, Exit codes and reliability):
//! a read-only index is searchable; a full disk gives one line and keeps the last commit,
//! and the next run cleans up; `--rebuild` swaps the new index in only when complete;
//! `baocao check` verifies every file and searching a damaged index gives exit 1, not
//! wrong results; orphan segment files are collected; two runs creating the same index
//! race cleanly.
//!
//! Tests that need a mount (read-only, a small file system) run in a private mount
//! namespace (`unshare`) and are skipped with a message where that is not allowed.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::common::{
    built_index, command, copy_corpus, corpus_files, json_ok, largest_file, many_reports,
    one_line_error, run_in as baocao, run_json, stderr,
};

/// The doc id of the first hit for "giải ngân".
fn some_doc_id(cwd: &Path, idx: &Path) -> String {
    let v = json_ok(&run_json(cwd, idx, &["search", "giải ngân"]));
    v["hits"][0]["doc_id"].as_str().unwrap().to_string()
}

fn total(cwd: &Path, idx: &Path, q: &str) -> u64 {
    let v = json_ok(&run_json(cwd, idx, &["search", "--limit", "1", q]));
    v["total"].as_u64().unwrap()
}

/// Runs `script` with `sh` in a private mount namespace (as root of a user namespace),
/// with `BAOCAO` set to the binary; `None` (after a message) when namespaces are not
/// allowed here.
fn in_mount_namespace(script: &str) -> Option<Output> {
    let probe = Command::new("unshare")
        .args(["--mount", "--map-root-user", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot make a mount namespace here (unshare --mount --map-root-user)");
        return None;
    }
    let out = Command::new("unshare")
        .args(["--mount", "--map-root-user", "sh", "-c", script])
        .env("BAOCAO", env!("CARGO_BIN_EXE_baocao"))
        .env("NO_COLOR", "1")
        .env_remove("BAOCAO_INDEX")
        .output()
        .unwrap();
    Some(out)
}

#[test]
fn a_read_only_index_is_searchable() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, idx) = built_index(tmp.path());
    let expected = total(tmp.path(), &idx, "giải ngân");
    let doc = some_doc_id(tmp.path(), &idx);
    let i = idx.to_str().unwrap();
    let t = tmp.path().to_str().unwrap();
    // A read-only bind mount of the index folder (root ignores file permissions).
    let script = format!(
        "mount --bind {i} {i} && mount -o remount,bind,ro {i} || exit 99
         touch {i}/probe 2>/dev/null && exit 98
         \"$BAOCAO\" --json --index {i} search 'giải ngân' > {t}/search.json 2> {t}/search.err; echo $? > {t}/search.rc
         \"$BAOCAO\" --json --index {i} facets 'giải ngân' > {t}/facets.json 2> {t}/facets.err; echo $? > {t}/facets.rc
         \"$BAOCAO\" --json --index {i} show {doc} > {t}/show.json 2> {t}/show.err; echo $? > {t}/show.rc
         \"$BAOCAO\" --json --index {i} stats > {t}/stats.json 2> {t}/stats.err; echo $? > {t}/stats.rc
         \"$BAOCAO\" --index {i} check > {t}/check.out 2> {t}/check.err; echo $? > {t}/check.rc
         \"$BAOCAO\" --index {i} index {t}/docs > /dev/null 2> {t}/index.err; echo $? > {t}/index.rc"
    );
    let Some(out) = in_mount_namespace(&script) else {
        return;
    };
    if out.status.code() == Some(99) {
        eprintln!(
            "skipped: read-only bind mounts are not allowed here: {}",
            stderr(&out)
        );
        return;
    }
    assert_eq!(
        out.status.code(),
        Some(0),
        "the mount is not read-only: {}",
        stderr(&out)
    );
    let read = |name: &str| fs::read_to_string(tmp.path().join(name)).unwrap();
    for cmd in ["search", "facets", "show", "stats"] {
        assert_eq!(
            read(&format!("{cmd}.rc")).trim(),
            "0",
            "{cmd}: {}",
            read(&format!("{cmd}.err"))
        );
        let v: Value = serde_json::from_str(&read(&format!("{cmd}.json"))).unwrap();
        assert!(v.is_object(), "{cmd}: {v}");
    }
    let v: Value = serde_json::from_str(&read("search.json")).unwrap();
    assert_eq!(v["total"].as_u64().unwrap(), expected);
    assert_eq!(read("check.rc").trim(), "0", "{}", read("check.err"));
    assert!(read("check.out").starts_with("ok"), "{}", read("check.out"));
    // Writing is refused in one line, and says nothing about rebuilding.
    assert_eq!(read("index.rc").trim(), "1");
    let err = read("index.err");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("--rebuild"), "{err}");
}

#[test]
fn a_full_disk_keeps_the_last_commit_and_the_next_run_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let small = tmp.path().join("small");
    copy_corpus(&small);
    let big = tmp.path().join("big");
    many_reports(&big, 150);
    let mnt = tmp.path().join("mnt");
    fs::create_dir_all(&mnt).unwrap();
    let (m, s, b, t) = (
        mnt.to_str().unwrap(),
        small.to_str().unwrap(),
        big.to_str().unwrap(),
        tmp.path().to_str().unwrap(),
    );
    // A 6 MB file system: room for the index of the bundled reports (about 1.5 MB), not
    // for 150 more.
    let script = format!(
        "mount -t tmpfs -o size=6m tmpfs {m} || exit 99
         i={m}/idx
         \"$BAOCAO\" --json --index $i index {s} > {t}/1.json 2> {t}/1.err; echo $? > {t}/1.rc
         \"$BAOCAO\" --json --index $i search 'giải ngân' > {t}/s1.json; echo $? > {t}/s1.rc
         \"$BAOCAO\" --json --index $i index {s} {b} > /dev/null 2> {t}/2.err; echo $? > {t}/2.rc
         \"$BAOCAO\" --json --index $i search 'giải ngân' > {t}/s2.json 2> {t}/s2.err; echo $? > {t}/s2.rc
         \"$BAOCAO\" --index $i index --rebuild {s} {b} > /dev/null 2> {t}/3.err; echo $? > {t}/3.rc
         ls -a {m} > {t}/after-rebuild.ls
         \"$BAOCAO\" --json --index $i search 'giải ngân' > {t}/s3.json 2> {t}/s3.err; echo $? > {t}/s3.rc
         \"$BAOCAO\" --json --index $i index {s} > {t}/4.json 2> {t}/4.err; echo $? > {t}/4.rc
         \"$BAOCAO\" --json --index $i check > {t}/check.json 2> {t}/check.err; echo $? > {t}/check.rc"
    );
    let Some(out) = in_mount_namespace(&script) else {
        return;
    };
    if out.status.code() == Some(99) {
        eprintln!("skipped: cannot mount a tmpfs here: {}", stderr(&out));
        return;
    }
    let read = |name: &str| fs::read_to_string(tmp.path().join(name)).unwrap_or_default();
    assert_eq!(read("1.rc").trim(), "0", "{}", read("1.err"));
    assert_eq!(read("s1.rc").trim(), "0");
    let before: Value = serde_json::from_str(&read("s1.json")).unwrap();
    // The run that fills the disk: one line, exit 1, saying the disk is full and the
    // last commit is intact.
    assert_eq!(read("2.rc").trim(), "1", "{}", read("2.err"));
    let err = read("2.err");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is full") && err.contains("intact"), "{err}");
    // The last commit is searchable, with the same results.
    assert_eq!(read("s2.rc").trim(), "0", "{}", read("s2.err"));
    let after: Value = serde_json::from_str(&read("s2.json")).unwrap();
    assert!(after["total"].as_u64().unwrap() >= before["total"].as_u64().unwrap());
    // A rebuild that fills the disk leaves the old index as it was, and no staging folder.
    assert_eq!(read("3.rc").trim(), "1", "{}", read("3.err"));
    let err = read("3.err");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("unchanged") && err.contains("is full"),
        "{err}"
    );
    assert!(
        !read("after-rebuild.ls").contains(".idx.rebuild"),
        "{}",
        read("after-rebuild.ls")
    );
    assert_eq!(read("s3.rc").trim(), "0", "{}", read("s3.err"));
    let rebuilt: Value = serde_json::from_str(&read("s3.json")).unwrap();
    assert_eq!(rebuilt["total"], after["total"]);
    // The next run succeeds and leaves no file of the failed runs behind.
    assert_eq!(read("4.rc").trim(), "0", "{}", read("4.err"));
    assert_eq!(read("check.rc").trim(), "0", "{}", read("check.err"));
    let check: Value = serde_json::from_str(&read("check.json")).unwrap();
    assert_eq!(check["ok"], true, "{check}");
    assert_eq!(check["orphans"].as_array().unwrap().len(), 0, "{check}");
}

#[test]
fn a_killed_rebuild_leaves_the_old_index_searchable() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, idx) = built_index(tmp.path());
    let before = total(tmp.path(), &idx, "giải ngân");
    let big = tmp.path().join("big");
    many_reports(&big, 200);
    let staging = tmp.path().join(".idx.rebuild");
    let mut child = command(
        tmp.path(),
        &[
            "--index",
            idx.to_str().unwrap(),
            "index",
            "--rebuild",
            "--commit-every",
            "1",
            big.to_str().unwrap(),
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    // Kill it once the new index is being written beside the old one.
    let mut seen = false;
    for _ in 0..2000 {
        if staging.join("meta.json").is_file() {
            seen = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(200));
    let _ = child.kill();
    child.wait().unwrap();
    assert!(seen, "the rebuild never wrote beside the old index");
    // The old index is untouched, searchable while and after the rebuild ran.
    assert_eq!(total(tmp.path(), &idx, "giải ngân"), before);
    let v = json_ok(&baocao(
        tmp.path(),
        &["--json", "--index", idx.to_str().unwrap(), "stats"],
    ));
    assert_eq!(v["reports"], corpus_files().len(), "{v}");
    // The next rebuild removes the leftovers and completes.
    let out = baocao(
        tmp.path(),
        &[
            "--index",
            idx.to_str().unwrap(),
            "index",
            "--rebuild",
            docs.to_str().unwrap(),
            big.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!staging.exists());
    let v = json_ok(&baocao(
        tmp.path(),
        &["--json", "--index", idx.to_str().unwrap(), "stats"],
    ));
    assert_eq!(v["reports"], corpus_files().len() + 200, "{v}");
}

#[test]
fn a_rebuild_from_unreadable_files_keeps_the_old_index() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, idx) = built_index(tmp.path());
    let before = total(tmp.path(), &idx, "giải ngân");
    assert!(before > 0);
    let bad = tmp.path().join("bad");
    fs::create_dir_all(&bad).unwrap();
    fs::write(bad.join("anh.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(bad.join("hong.docx"), b"PK\x03\x04 not a zip").unwrap();
    let i = idx.to_str().unwrap();
    for args in [
        vec!["--index", i, "index", "--rebuild", bad.to_str().unwrap()],
        vec!["--index", i, "index", "--rebuild", "/khong/co/thu-muc-nay"],
    ] {
        let out = baocao(tmp.path(), &args);
        if args[4] == "/khong/co/thu-muc-nay" {
            // Refused before anything is built.
            let err = one_line_error(&out);
            assert!(err.contains("no such file or directory"), "{err}");
        } else {
            // The files passed over and their reasons are listed on stderr, as in any run
            // (a diagnostic, as ripgrep does), then one error line.
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{err}");
            assert!(!err.contains("panicked"), "{err}");
            let lines: Vec<&str> = err.lines().collect();
            let (last, listed) = lines.split_last().unwrap();
            assert!(last.contains("unchanged"), "{args:?}: {err}");
            assert_eq!(
                lines.iter().filter(|l| l.starts_with("baocao:")).count(),
                1,
                "{err}"
            );
            let listed = listed.join("\n");
            assert!(
                listed.contains("anh.txt") && listed.contains("hong.docx"),
                "{listed}"
            );
        }
        assert_eq!(total(tmp.path(), &idx, "giải ngân"), before, "{args:?}");
        assert!(!tmp.path().join(".idx.rebuild").exists());
    }
}

/// 20 blocks of 512 pseudo-random bytes written over `file` (its footer left alone).
fn scribble(file: &Path) {
    let mut bytes = fs::read(file).unwrap();
    let n = bytes.len();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15 ^ n as u64;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    // Away from the footer (tantivy's last bytes) when the file is big enough.
    let body = if n > 4096 {
        n - 1024
    } else {
        n.saturating_sub(64).max(1)
    };
    for _ in 0..20 {
        let at = (next() as usize) % body;
        for b in &mut bytes[at..(at + 512).min(body)] {
            *b = next() as u8;
        }
    }
    fs::write(file, bytes).unwrap();
}

#[test]
fn check_names_the_damaged_file_and_searching_it_is_an_error() {
    for ext in ["pos", "idx", "term", "store"] {
        let tmp = tempfile::tempdir().unwrap();
        let (docs, idx) = built_index(tmp.path());
        let i = idx.to_str().unwrap();
        let doc = some_doc_id(tmp.path(), &idx);
        let out = baocao(tmp.path(), &["--index", i, "check"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
        // Searched once (verified), then damaged.
        assert!(total(tmp.path(), &idx, "giải ngân") > 0);
        let file = largest_file(&idx, ext);
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        scribble(&file);
        let out = baocao(tmp.path(), &["--index", i, "check"]);
        let err = one_line_error(&out);
        assert!(
            err.contains(&name) && err.contains("--rebuild"),
            "{ext}: {err}"
        );
        let listing = String::from_utf8_lossy(&out.stdout);
        assert!(listing.contains(&format!("{name}: damaged")), "{listing}");
        // `check --json` still prints its report when it exits 1.
        let out = baocao(tmp.path(), &["--json", "--index", i, "check"]);
        assert_eq!(out.status.code(), Some(1));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["ok"], false);
        assert!(v["problems"][0]["file"].as_str().unwrap() == name, "{v}");
        // Every reading command says the index is damaged, naming the file; none answers.
        for args in [
            vec!["--index", i, "search", "giải ngân"],
            vec!["--index", i, "--json", "search", "vốn đầu tư"],
            vec!["--index", i, "facets", "giải ngân"],
            vec!["--index", i, "stats"],
            vec!["--index", i, "show", &doc],
            vec!["--index", i, "figures", "giải ngân"],
        ] {
            let out = baocao(tmp.path(), &args);
            let err = one_line_error(&out);
            assert!(out.stdout.is_empty(), "{args:?}");
            assert!(
                err.contains(&name) && err.contains("damaged"),
                "{args:?}: {err}"
            );
        }
        let out = baocao(
            tmp.path(),
            &["--index", i, "index", "--rebuild", docs.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(
            baocao(tmp.path(), &["--index", i, "check"]).status.code(),
            Some(0)
        );
    }
}

#[test]
fn orphan_segment_files_are_collected_by_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let (docs, idx) = built_index(tmp.path());
    let i = idx.to_str().unwrap();
    // What a run killed during its final merge leaves: the files of a segment that no
    // commit lists (here copies of a live segment's files under a new id).
    let live = largest_file(&idx, "idx");
    let id = live.file_stem().unwrap().to_str().unwrap().to_string();
    let orphan_id = "0123456789abcdef0123456789abcdef";
    let mut planted = Vec::new();
    for e in fs::read_dir(&idx).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if let Some(rest) = name.strip_prefix(&id) {
            let to = idx.join(format!("{orphan_id}{rest}"));
            fs::copy(&p, &to).unwrap();
            planted.push(to);
        }
    }
    assert!(planted.len() >= 6);
    let v = json_ok(&baocao(tmp.path(), &["--json", "--index", i, "check"]));
    assert_eq!(v["ok"], true);
    assert_eq!(v["orphans"].as_array().unwrap().len(), planted.len(), "{v}");
    // The next run, even with nothing to index, removes them; the index is unchanged.
    let before = total(tmp.path(), &idx, "giải ngân");
    let out = baocao(tmp.path(), &["--index", i, "index", docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for p in &planted {
        assert!(!p.exists(), "{} still there", p.display());
    }
    let v = json_ok(&baocao(tmp.path(), &["--json", "--index", i, "check"]));
    assert_eq!(v["orphans"].as_array().unwrap().len(), 0, "{v}");
    assert_eq!(total(tmp.path(), &idx, "giải ngân"), before);
}

#[test]
fn two_runs_creating_the_same_index_race_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    for round in 0..6 {
        let idx = tmp.path().join(format!("idx{round}"));
        let args = [
            "--index",
            idx.to_str().unwrap(),
            "index",
            docs.to_str().unwrap(),
        ];
        let spawn = || {
            command(tmp.path(), &args)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let mut ok = 0;
        for out in &outs {
            match out.status.code() {
                Some(0) => ok += 1,
                _ => {
                    let err = one_line_error(out);
                    assert!(err.contains("index is busy"), "round {round}: {err}");
                }
            }
        }
        assert!(ok >= 1, "round {round}: neither run completed");
        let v = json_ok(&baocao(
            tmp.path(),
            &["--json", "--index", idx.to_str().unwrap(), "stats"],
        ));
        assert_eq!(v["reports"], corpus_files().len(), "round {round}: {v}");
    }
}
