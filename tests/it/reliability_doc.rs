//! Hostile Word 97-2003 (.doc) files against the native reader, through the real binary
//! (README, Exit codes and reliability). Every file is generated here from the small
//! fixture `tests/data/fixtures/000-part.doc`: FAT chains that loop, end early or point
//! past the file; directory and header counts out of range; piece tables, property pages
//! (FKPs), style sheets and list tables claiming huge counts; a document of millions of
//! empty paragraphs; and random mutations of the fixture's bytes. None may panic, hang or
//! take the machine's memory: a file is read or refused with one line naming it, and the
//! good reports beside it are indexed.

use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use baocao::report::formats::{self, DocTool};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::{command, copy_corpus, corpus_files, json_ok, run_json, skipped_paths, stderr};
use crate::hostile::{self, output_within};

/// Longest one run may take before the test calls it a hang (a 19 kB file parses in
/// milliseconds; this only catches a loop).
const HANG: Duration = Duration::from_secs(120);

/// `FAT` marker of the last sector of a chain.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

fn fixture() -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/fixtures")
            .join("000-part.doc"),
    )
    .unwrap()
}

fn u16_at(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

fn put_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

// ---------------------------------------------------------------------------------------
// The compound file (OLE2), at the byte level.

/// The sector size, DIFAT-listed FAT sectors and directory start of a compound file.
struct Cfb {
    sector: usize,
    fat_sectors: Vec<u32>,
    dir_start: u32,
}

impl Cfb {
    fn parse(b: &[u8]) -> Cfb {
        let sector = 1usize << u16_at(b, 0x1E);
        let n = u32_at(b, 0x2C) as usize;
        let fat_sectors = (0..n.min(109)).map(|i| u32_at(b, 0x4C + 4 * i)).collect();
        Cfb {
            sector,
            fat_sectors,
            dir_start: u32_at(b, 0x30),
        }
    }

    fn offset(&self, sector: u32) -> usize {
        (sector as usize + 1) * self.sector
    }

    /// Byte offset of sector `s`'s FAT entry.
    fn fat_entry(&self, s: u32) -> usize {
        let per = self.sector / 4;
        self.offset(self.fat_sectors[s as usize / per]) + (s as usize % per) * 4
    }

    fn next(&self, b: &[u8], s: u32) -> u32 {
        u32_at(b, self.fat_entry(s))
    }

    /// Byte offset of the directory entry named `name`.
    fn entry(&self, b: &[u8], name: &str) -> usize {
        let mut s = self.dir_start;
        while s < END_OF_CHAIN {
            let base = self.offset(s);
            for k in 0..self.sector / 128 {
                let e = base + k * 128;
                let len = u16_at(b, e + 64);
                if len >= 2 {
                    let units: Vec<u16> = b[e..e + len - 2]
                        .chunks_exact(2)
                        .map(|c| u16::from_le_bytes([c[0], c[1]]))
                        .collect();
                    if String::from_utf16_lossy(&units) == name {
                        return e;
                    }
                }
            }
            s = self.next(b, s);
        }
        panic!("no directory entry {name}");
    }
}

/// The fixture with its `WordDocument` stream's FAT chain changed by `f` (given the
/// file, the layout and the stream's first two sectors).
fn with_fat(f: impl Fn(&mut Vec<u8>, &Cfb, u32, u32)) -> Vec<u8> {
    let mut b = fixture();
    let cfb = Cfb::parse(&b);
    let e = cfb.entry(&b, "WordDocument");
    let first = u32_at(&b, e + 116);
    let second = cfb.next(&b, first);
    assert!(second < END_OF_CHAIN, "WordDocument spans several sectors");
    f(&mut b, &cfb, first, second);
    b
}

/// Hostile variants of the compound file: (file name, bytes).
fn container_variants() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        // The stream's first sector points to itself: a chain that never ends.
        (
            "fat-tu-lap.doc",
            with_fat(|b, c, first, _| put_u32(b, c.fat_entry(first), first)),
        ),
        // Its second sector points back to the first: a two-sector cycle.
        (
            "fat-vong.doc",
            with_fat(|b, c, first, second| put_u32(b, c.fat_entry(second), first)),
        ),
        // The chain ends after one sector, far short of the stream's size.
        (
            "fat-cut.doc",
            with_fat(|b, c, first, _| put_u32(b, c.fat_entry(first), END_OF_CHAIN)),
        ),
        // The chain points past the end of the file.
        (
            "fat-ngoai.doc",
            with_fat(|b, c, first, _| put_u32(b, c.fat_entry(first), 0x00FF_FFF0)),
        ),
        // The directory's chain loops on itself.
        (
            "thu-muc-lap.doc",
            with_fat(|b, c, _, _| put_u32(b, c.fat_entry(c.dir_start), c.dir_start)),
        ),
        // The stream claims 4 GB.
        (
            "dong-4gb.doc",
            with_fat(|b, c, _, _| {
                let e = c.entry(b, "WordDocument");
                put_u32(b, e + 120, 0xFFFF_FFF0);
            }),
        ),
        // The header claims 2^31 FAT sectors and 2^31 DIFAT sectors.
        (
            "fat-2ty.doc",
            with_fat(|b, _, _, _| {
                put_u32(b, 0x2C, 0x7FFF_FFFF);
                put_u32(b, 0x48, 0x7FFF_FFFF);
            }),
        ),
        // Cut in the middle of the stream's sectors.
        ("cut-doi.doc", {
            let mut b = fixture();
            b.truncate(b.len() / 2);
            b
        }),
    ]
}

// ---------------------------------------------------------------------------------------
// The Word structures inside, rebuilt into a new compound file with the `cfb` crate.

/// The root streams of the fixture.
fn streams() -> Vec<(String, Vec<u8>)> {
    let bytes = fixture();
    let mut cfb = cfb::CompoundFile::open(Cursor::new(&bytes[..])).unwrap();
    let names: Vec<String> = cfb
        .read_root_storage()
        .filter(|e| e.is_stream())
        .map(|e| e.name().to_string())
        .collect();
    names
        .into_iter()
        .map(|n| {
            let mut v = Vec::new();
            cfb.open_stream(format!("/{n}"))
                .unwrap()
                .read_to_end(&mut v)
                .unwrap();
            (n, v)
        })
        .collect()
}

/// A compound file holding `streams`.
fn compound(streams: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        let mut s = cfb.create_stream(format!("/{name}")).unwrap();
        s.write_all(data).unwrap();
    }
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

/// The fixture's `WordDocument` and table streams, changed by `f`, in a new file.
fn with_streams(f: impl Fn(&mut Vec<u8>, &mut Vec<u8>)) -> Vec<u8> {
    let mut all = streams();
    let table_name = if u16_at(&stream(&all, "WordDocument"), 0x0A) & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    let mut word = stream(&all, "WordDocument");
    let mut table = stream(&all, table_name);
    f(&mut word, &mut table);
    for (n, v) in &mut all {
        if n == "WordDocument" {
            *v = word.clone();
        } else if n == table_name {
            *v = table.clone();
        }
    }
    compound(&all)
}

fn stream(all: &[(String, Vec<u8>)], name: &str) -> Vec<u8> {
    all.iter().find(|(n, _)| n == name).unwrap().1.clone()
}

/// FIB offsets ([MS-DOC] 2.5.1): of `FibRgLw97` entry `i`.
fn fib_long(word: &[u8], i: usize) -> usize {
    let lw_count_at = 34 + u16_at(word, 32) * 2;
    lw_count_at + 2 + i * 4
}

/// Of `FibRgFcLcb97` entry `i` (its fc; its lcb follows).
fn fib_fc_lcb(word: &[u8], i: usize) -> usize {
    let lw_count_at = 34 + u16_at(word, 32) * 2;
    let fc_count_at = lw_count_at + 2 + u16_at(word, lw_count_at) * 4;
    fc_count_at + 2 + i * 8
}

/// `FibRgLw97` entries.
const CCP_TEXT: usize = 3;
const CCP_FTN: usize = 4;
/// `FibRgFcLcb97` entries.
const STSHF: usize = 1;
const PLCF_BTE_CHPX: usize = 12;
const PLCF_BTE_PAPX: usize = 13;
const CLX: usize = 33;
const PLF_LST: usize = 73;
const PLF_LFO: usize = 74;

/// (offset, size) of table-stream structure `i`.
fn structure(word: &[u8], i: usize) -> (usize, usize) {
    let at = fib_fc_lcb(word, i);
    (u32_at(word, at) as usize, u32_at(word, at + 4) as usize)
}

/// Offset in the table stream of the piece table's `PlcPcd` and its size.
fn plc_pcd(word: &[u8], table: &[u8]) -> (usize, usize) {
    let (mut at, _) = structure(word, CLX);
    while table[at] == 1 {
        at += 3 + u16_at(table, at + 1);
    }
    assert_eq!(table[at], 2, "Pcdt");
    (at + 5, u32_at(table, at + 1) as usize)
}

/// The FKP pages a `PlcBte` lists.
fn fkp_pages(word: &[u8], table: &[u8], i: usize) -> Vec<usize> {
    let (fc, lcb) = structure(word, i);
    let n = (lcb - 4) / 8;
    (0..n)
        .map(|k| (u32_at(table, fc + (n + 1) * 4 + k * 4) & 0x003F_FFFF) as usize)
        .collect()
}

/// Hostile variants of the Word structures: (file name, bytes).
fn structure_variants() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        // The last piece ends at CP 2^31 and the main text claims as many characters.
        (
            "manh-2ty.doc",
            with_streams(|word, table| {
                let (plc, lcb) = plc_pcd(word, table);
                let n = (lcb - 4) / 12;
                put_u32(table, plc + n * 4, 0x7FFF_FFFF);
                let at = fib_long(word, CCP_TEXT);
                put_u32(word, at, 0x7FFF_FFF0);
            }),
        ),
        // The piece table claims 4 GB.
        (
            "manh-4gb.doc",
            with_streams(|word, table| {
                let (plc, _) = plc_pcd(word, table);
                put_u32(table, plc - 4, 0xFFFF_FFF0);
            }),
        ),
        // Text and footnotes claim 4 G characters each.
        (
            "ccp-4g.doc",
            with_streams(|word, _| {
                {
                    let at = fib_long(word, CCP_TEXT);
                    put_u32(word, at, u32::MAX);
                }
                {
                    let at = fib_long(word, CCP_FTN);
                    put_u32(word, at, u32::MAX);
                }
            }),
        ),
        // Every property page says it holds 255 runs, at byte offsets of 4 GB.
        (
            "fkp-255.doc",
            with_streams(|word, table| {
                for i in [PLCF_BTE_CHPX, PLCF_BTE_PAPX] {
                    for pn in fkp_pages(word, table, i) {
                        let page = &mut word[pn * 512..pn * 512 + 512];
                        for b in page.iter_mut() {
                            *b = 0xFF;
                        }
                    }
                }
            }),
        ),
        // The page lists point past the stream and claim 4 GB.
        (
            "fkp-ngoai.doc",
            with_streams(|word, table| {
                for i in [PLCF_BTE_CHPX, PLCF_BTE_PAPX] {
                    let (fc, lcb) = structure(word, i);
                    let n = (lcb - 4) / 8;
                    for k in 0..n {
                        put_u32(table, fc + (n + 1) * 4 + k * 4, 0x003F_FFFF);
                    }
                    {
                        let at = fib_fc_lcb(word, i) + 4;
                        put_u32(word, at, u32::MAX);
                    }
                }
            }),
        ),
        // The style sheet claims 65,535 styles with 65,535-byte headers, and every
        // style is based on itself.
        (
            "kieu-65535.doc",
            with_streams(|word, table| {
                let (fc, lcb) = structure(word, STSHF);
                table[fc + 2] = 0xFF;
                table[fc + 3] = 0xFF;
                for b in &mut table[fc + 4..fc + lcb] {
                    *b = 0xFF;
                }
            }),
        ),
        // List tables claiming 32,767 lists and 4 G list instances, every level text
        // 65,535 units long.
        (
            "danh-sach-lon.doc",
            with_streams(|word, table| {
                let (lst, _) = structure(word, PLF_LST);
                table[lst] = 0xFF;
                table[lst + 1] = 0x7F;
                let (lfo, _) = structure(word, PLF_LFO);
                put_u32(table, lfo, u32::MAX);
                // The LVLs follow the PlfLst up to the PlfLfo.
                let end = if lfo > lst { lfo } else { table.len() };
                for b in &mut table[lst + 2..end] {
                    if *b == 0 {
                        *b = 0xFF;
                    }
                }
            }),
        ),
    ]
}

/// A document of `n` empty paragraphs (one 8-bit piece of `n` paragraph marks): as
/// large a document as a file of that size can hold.
fn empty_paragraphs(n: usize) -> Vec<u8> {
    with_streams(|word, table| {
        let fc = word.len();
        word.resize(fc + n, 0x0D);
        // A new Clx at the end of the table stream: one compressed piece (fc * 2, bit 30).
        let clx_at = table.len();
        let mut clx = vec![2u8];
        clx.extend_from_slice(&(4u32 * 2 + 8).to_le_bytes());
        clx.extend_from_slice(&0u32.to_le_bytes());
        clx.extend_from_slice(&(n as u32).to_le_bytes());
        clx.extend_from_slice(&[0, 0]);
        clx.extend_from_slice(&((fc as u32 * 2) | 0x4000_0000).to_le_bytes());
        clx.extend_from_slice(&[0, 0]);
        table.extend_from_slice(&clx);
        let at = fib_fc_lcb(word, CLX);
        put_u32(word, at, clx_at as u32);
        put_u32(word, at + 4, clx.len() as u32);
        {
            let at = fib_long(word, CCP_TEXT);
            put_u32(word, at, n as u32);
        }
        {
            let at = fib_long(word, CCP_FTN);
            put_u32(word, at, 0);
        }
    })
}

// ---------------------------------------------------------------------------------------
// Through the binary.

/// `baocao --json parse FILE` with no converter on `PATH` (so the native reader alone
/// decides), within [`HANG`].
fn parse_native(file: &Path) -> Output {
    let empty = tempfile::tempdir().unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_baocao"));
    c.args(["--json", "parse"])
        .arg(file)
        .env("PATH", empty.path())
        .env("NO_COLOR", "1");
    output_within(c, HANG)
}

/// Exit 0 with a report, or exit 1 with one line naming the file; never a crash.
fn read_or_refused(file: &Path) -> (i32, String) {
    let out = parse_native(file);
    let err = stderr(&out);
    let code = out.status.code();
    assert!(
        matches!(code, Some(0) | Some(1)),
        "{}: exit {code:?} (signal or panic): {err}",
        file.display()
    );
    assert!(!err.contains("panicked"), "{err}");
    if code == Some(1) {
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(err.contains(name), "{err}");
    } else {
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["sections"].is_array(), "{v}");
    }
    (code.unwrap(), err)
}

fn write_all(dir: &Path, files: &[(&str, Vec<u8>)]) -> Vec<PathBuf> {
    fs::create_dir_all(dir).unwrap();
    files
        .iter()
        .map(|(name, bytes)| {
            let p = dir.join(name);
            fs::write(&p, bytes).unwrap();
            p
        })
        .collect()
}

#[test]
fn broken_fat_chains_and_headers_are_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    for file in write_all(tmp.path(), &container_variants()) {
        let (code, err) = read_or_refused(&file);
        if file.ends_with("fat-2ty.doc") {
            // Header counts the chains do not need are not trusted for anything: the
            // streams are intact and read.
            assert_eq!(code, 0, "{err}");
            continue;
        }
        // A compound file whose chains loop, end early or point outside cannot give the
        // Word streams: never a report made of whatever the loop repeats.
        assert_eq!(code, 1, "{}: read", file.display());
        assert!(
            err.contains("Word 97-2003") || err.contains("OLE2"),
            "{}: {err}",
            file.display()
        );
    }
}

#[test]
fn huge_counts_in_word_structures_are_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let variants = structure_variants();
    for (file, (name, bytes)) in write_all(tmp.path(), &variants).iter().zip(&variants) {
        let (code, err) = read_or_refused(file);
        // The piece table and the character counts decide what text there is: past the
        // stream they refuse the file. Property pages, styles and lists only dress the
        // text: when they are garbage the text is read without them.
        let refused = ["manh-2ty.doc", "manh-4gb.doc", "ccp-4g.doc"];
        if refused.contains(name) {
            assert_eq!(code, 1, "{name}: read");
            assert!(err.contains("piece table"), "{name}: {err}");
        } else {
            assert_eq!(code, 0, "{name}: {err}");
            let text = formats::read_doc_with(bytes, DocTool::Native).unwrap().text;
            assert!(text.to_lowercase().contains("kinh tế"), "{name}: {text}");
        }
    }
}

#[test]
fn a_hostile_doc_folder_is_indexed_without_them() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    let mut files = container_variants();
    files.extend(structure_variants());
    write_all(&docs, &files);
    let idx = tmp.path().join("idx");
    // With whatever converter is installed as the fallback (antiword), bounded by a short
    // timeout.
    let out = output_within(
        command(
            tmp.path(),
            &[
                "--json",
                "--index",
                idx.to_str().unwrap(),
                "index",
                "--convert-timeout",
                "10",
                docs.to_str().unwrap(),
            ],
        ),
        HANG,
    );
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(3), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let skipped = skipped_paths(&v);
    let indexed = v["indexed"].as_array().unwrap().len();
    // Each hostile file is either read or skipped by name, once (a fallback converter
    // may read what the native reader refuses: antiword follows a looping chain as far
    // as the stream's size).
    assert_eq!(
        indexed + skipped.len(),
        corpus_files().len() + files.len(),
        "{v}"
    );
    let indexed_paths: Vec<&str> = v["indexed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    for (name, _) in &files {
        let seen = skipped
            .iter()
            .chain(&indexed_paths)
            .filter(|p| p.ends_with(name))
            .count();
        assert_eq!(seen, 1, "{name}: {v}");
    }
    for name in ["manh-2ty.doc", "manh-4gb.doc", "ccp-4g.doc"] {
        assert!(skipped.iter().any(|p| p.ends_with(name)), "{name}: {v}");
    }
    for c in corpus_files() {
        let name = c.file_name().unwrap().to_str().unwrap();
        assert!(
            indexed_paths.iter().any(|p| p.ends_with(name)),
            "{name}: {v}"
        );
    }
    let v = json_ok(&run_json(
        tmp.path(),
        &idx,
        &["search", "giải ngân vốn đầu tư công"],
    ));
    assert!(v["total"].as_u64().unwrap() > 0, "{v}");
}

#[test]
fn millions_of_empty_paragraphs_stay_within_memory() {
    // 20 M paragraph marks: a 20 MB file, under the default 32 MB file limit.
    let n = 20_000_000;
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("doan-trong.doc");
    fs::write(&file, empty_paragraphs(n)).unwrap();
    let out_file = tmp.path().join("out.json");
    let mut c = Command::new(env!("CARGO_BIN_EXE_baocao"));
    c.args(["--json", "parse"])
        .arg(&file)
        .env("PATH", tmp.path())
        .env("NO_COLOR", "1");
    let (code, peak, elapsed, err) = hostile::peak_memory(c, &out_file);
    eprintln!(
        "{n} empty .doc paragraphs: exit {code:?}, {:.1} s, peak RSS {:.0} MB",
        elapsed.as_secs_f64(),
        peak as f64 / 1e6
    );
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("doan-trong.doc")
            && err.contains("too many paragraphs")
            && err.contains("1000000"),
        "{err}"
    );
    assert!(peak < 1 << 30, "peak memory {peak} bytes");
}

/// Bytes of the fixture with `edits` applied: (position, byte) pairs, positions taken
/// modulo the length.
fn mutated(base: &[u8], edits: &[(usize, u8)]) -> Vec<u8> {
    let mut b = base.to_vec();
    for &(at, v) in edits {
        let n = b.len();
        b[at % n] = v;
    }
    b
}

/// The fixture's Word streams with `edits` applied to the `WordDocument` (`true`) or
/// table stream, repacked: mutations that reach the Word structures, not only the
/// container.
fn mutated_streams(edits: &[(bool, usize, u8)]) -> Vec<u8> {
    with_streams(|word, table| {
        for &(in_word, at, v) in edits {
            let s = if in_word { &mut *word } else { &mut *table };
            let n = s.len();
            s[at % n] = v;
        }
    })
}

/// Bytes that matter most in counts and offsets.
fn nasty_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(0u8),
        Just(0xFF),
        Just(0x7F),
        Just(0x80),
        Just(1),
        any::<u8>()
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn mutated_container_bytes_never_panic(
        edits in prop::collection::vec((0usize..1 << 20, nasty_byte()), 1..16)
    ) {
        let bytes = mutated(&fixture(), &edits);
        let _ = formats::read_doc_with(&bytes, DocTool::Native);
    }

    #[test]
    fn mutated_word_structures_never_panic(
        edits in prop::collection::vec((any::<bool>(), 0usize..1 << 20, nasty_byte()), 1..24)
    ) {
        let bytes = mutated_streams(&edits);
        if let Ok(read) = formats::read_doc_with(&bytes, DocTool::Native) {
            // What was read is bounded by what the file holds.
            prop_assert!(read.text.len() <= 8 * bytes.len());
        }
    }
}

#[test]
fn mutated_docs_through_the_binary_are_read_or_refused() {
    // A few dozen mutants through the real binary (the in-process properties above try
    // hundreds): exit 0 or 1, one line naming the file, never a crash or a hang.
    let tmp = tempfile::tempdir().unwrap();
    let base = fixture();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..24 {
        let edits: Vec<(bool, usize, u8)> = (0..8)
            .map(|_| {
                let r = next();
                (r & 1 == 0, (r >> 8) as usize, (r >> 40) as u8)
            })
            .collect();
        let bytes = if i % 2 == 0 {
            mutated_streams(&edits)
        } else {
            let raw: Vec<(usize, u8)> = edits.iter().map(|&(_, a, v)| (a, v)).collect();
            mutated(&base, &raw)
        };
        let file = tmp.path().join(format!("dot-bien-{i}.doc"));
        fs::write(&file, bytes).unwrap();
        read_or_refused(&file);
    }
}
