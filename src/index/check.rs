//! Integrity of an index on disk, like SQLite's `PRAGMA integrity_check` or Lucene's
//! CheckIndex: `baocao.json` and `meta.json` readable and consistent with this build's
//! schema, every file of every segment present, and the checksum tantivy keeps in each
//! file's footer matching its content.
//!
//! [`check`] verifies everything (the `baocao check` command). [`BaocaoIndex::verify`]
//! is the reading commands' guard against searching a damaged index: it verifies the
//! checksums only when a file changed since the last successful verification (recorded in
//! [`STAMP_FILE`] by file size, modification and change times and inode), so that a
//! search does not read the whole index each time, yet any write into a file after the
//! index was built is caught.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use tantivy::directory::META_LOCK;
use tantivy::Directory;

use super::{BaocaoIndex, IndexError, MetaFile, META_FILE, SCHEMA_VERSION};

/// Hidden file recording the state of the segment files last verified.
pub const STAMP_FILE: &str = ".baocao-verified";

/// The files every segment has (tantivy 0.27 with baocao's schema).
const SEGMENT_EXTENSIONS: &[&str] = &["fast", "fieldnorm", "idx", "pos", "store", "term"];

/// One thing wrong with an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file concerned (its name in the index folder).
    pub file: String,
    /// What is wrong with it.
    pub what: String,
}

/// The result of [`check`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Segments listed in `meta.json`.
    pub segments: usize,
    /// Files verified.
    pub files: usize,
    /// Bytes whose checksums were computed.
    pub bytes: u64,
    /// Documents (sections, footnotes and bookkeeping) in the index.
    pub documents: u64,
    /// Segment files not used by the index (left by an interrupted run; the next
    /// `baocao index` removes them). Not an error.
    pub orphans: Vec<String>,
    /// What is wrong; empty when the index is intact.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// Whether the index is intact.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Whether `name` is a tantivy segment file (`<32 hex digits>.<ext>`), and its segment id.
pub(crate) fn segment_of(name: &str) -> Option<&str> {
    let (id, rest) = name.split_at_checked(32)?;
    (id.bytes().all(|b| b.is_ascii_hexdigit()) && rest.starts_with('.')).then_some(id)
}

/// The files of the live segments of `index`: (name, must exist).
fn segment_files(index: &tantivy::Index) -> Result<(Vec<PathBuf>, usize), tantivy::TantivyError> {
    let metas = index.load_metas()?;
    let mut files = Vec::new();
    for seg in &metas.segments {
        let id = seg.id().uuid_string();
        for ext in SEGMENT_EXTENSIONS {
            files.push(PathBuf::from(format!("{id}.{ext}")));
        }
        if let Some(opstamp) = seg.delete_opstamp() {
            files.push(PathBuf::from(format!("{id}.{opstamp}.del")));
        }
    }
    Ok((files, metas.segments.len()))
}

/// Verifies the checksum of each file of `files`; returns the problems and bytes read.
fn verify_files(index: &tantivy::Index, dir: &Path, files: &[PathBuf]) -> (Vec<Problem>, u64) {
    let mut problems = Vec::new();
    let mut bytes = 0;
    for f in files {
        let name = f.display().to_string();
        match fs::metadata(dir.join(f)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(Problem {
                    file: name,
                    what: "missing".to_string(),
                });
                continue;
            }
            Err(e) => {
                problems.push(Problem {
                    file: name,
                    what: format!("unreadable ({e})"),
                });
                continue;
            }
            Ok(m) => bytes += m.len(),
        }
        match index.directory().validate_checksum(f) {
            Ok(true) => {}
            Ok(false) => problems.push(Problem {
                file: name,
                what: "damaged: checksum mismatch (its content changed after it was written)"
                    .to_string(),
            }),
            // The footer (version, checksum) itself cannot be read.
            Err(_) => problems.push(Problem {
                file: name,
                what: "damaged: its footer is unreadable".to_string(),
            }),
        }
    }
    (problems, bytes)
}

fn first_sentence(s: &str) -> String {
    s.split(". ")
        .next()
        .unwrap_or(s)
        .trim_end_matches('.')
        .to_string()
}

/// Verifies the index in `dir` completely (see the module documentation). Errors only
/// when `dir` holds no index at all; damage is reported in [`CheckReport::problems`].
pub fn check(dir: &Path) -> Result<CheckReport, IndexError> {
    let mut report = CheckReport::default();
    let has_meta = dir.join("meta.json").is_file();
    let has_baocao = dir.join(META_FILE).is_file();
    if !has_meta && !has_baocao {
        return Err(IndexError::NotFound {
            dir: dir.to_path_buf(),
        });
    }
    match fs::read_to_string(dir.join(META_FILE)) {
        Err(e) => report.problems.push(Problem {
            file: META_FILE.to_string(),
            what: if e.kind() == std::io::ErrorKind::NotFound {
                "missing: the index was not built by baocao".to_string()
            } else {
                format!("unreadable: {e}")
            },
        }),
        Ok(text) => match serde_json::from_str::<MetaFile>(&text) {
            Err(e) => report.problems.push(Problem {
                file: META_FILE.to_string(),
                what: format!("not valid: {e}"),
            }),
            Ok(m) if m.schema_version != SCHEMA_VERSION => report.problems.push(Problem {
                file: META_FILE.to_string(),
                what: format!(
                    "schema version {} but this baocao reads {SCHEMA_VERSION}",
                    m.schema_version
                ),
            }),
            Ok(_) => {}
        },
    }
    if !has_meta {
        report.problems.push(Problem {
            file: "meta.json".to_string(),
            what: "missing".to_string(),
        });
        return Ok(report);
    }
    let index = match super::open_tantivy(dir) {
        Ok(i) => i,
        Err(e) => {
            report.problems.push(Problem {
                file: "meta.json".to_string(),
                what: format!("unreadable: {}", first_sentence(&e.to_string())),
            });
            return Ok(report);
        }
    };
    if index.schema() != super::schema::build_schema() {
        report.problems.push(Problem {
            file: "meta.json".to_string(),
            what: format!(
                "its schema is not the one of {META_FILE} (schema version {SCHEMA_VERSION})"
            ),
        });
    }
    // Readers take the same lock: no writer deletes a file while it is being verified.
    let lock = index.directory().acquire_lock(&META_LOCK).ok();
    let (files, segments) = match segment_files(&index) {
        Ok(x) => x,
        Err(e) => {
            report.problems.push(Problem {
                file: "meta.json".to_string(),
                what: format!("unreadable: {}", first_sentence(&e.to_string())),
            });
            return Ok(report);
        }
    };
    report.segments = segments;
    report.files = files.len();
    let (problems, bytes) = verify_files(&index, dir, &files);
    report.bytes = bytes;
    report.problems.extend(problems);
    // Opening a reader takes the lock itself.
    drop(lock);
    if report.problems.is_empty() {
        // Every file is intact: open the segments and count their documents.
        match BaocaoIndex::wrap(index.clone(), Some(dir.to_path_buf())).and_then(|i| i.reader()) {
            Ok(reader) => report.documents = reader.searcher().num_docs(),
            Err(e) => report.problems.push(Problem {
                file: "meta.json".to_string(),
                what: format!("segments cannot be opened: {e}"),
            }),
        }
        if report.problems.is_empty() {
            let _ = write_stamp(dir, &files);
        }
    }
    let live: HashSet<String> = files.iter().map(|f| f.display().to_string()).collect();
    report.orphans = orphan_files(dir, &live);
    Ok(report)
}

/// Segment files in `dir` that are not among `live` (sorted).
pub(crate) fn orphan_files(dir: &Path, live: &HashSet<String>) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| segment_of(n).is_some() && !live.contains(n))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// What identifies the current state of `files` (and `meta.json`): size, modification
/// and change times, inode. Any write into a file changes its change time.
fn stamp(dir: &Path, files: &[PathBuf]) -> String {
    let mut hasher = blake3::Hasher::new();
    for f in files
        .iter()
        .map(PathBuf::as_path)
        .chain([Path::new("meta.json")])
    {
        hasher.update(f.as_os_str().as_encoded_bytes());
        match fs::metadata(dir.join(f)) {
            Ok(m) => {
                hasher.update(&m.len().to_le_bytes());
                #[cfg(unix)]
                {
                    use std::os::unix::fs::MetadataExt;
                    for n in [m.mtime(), m.mtime_nsec(), m.ctime(), m.ctime_nsec()] {
                        hasher.update(&n.to_le_bytes());
                    }
                    hasher.update(&m.ino().to_le_bytes());
                    hasher.update(&m.dev().to_le_bytes());
                }
                #[cfg(not(unix))]
                if let Ok(t) = m.modified() {
                    hasher.update(format!("{t:?}").as_bytes());
                }
            }
            Err(_) => {
                hasher.update(b"missing");
            }
        }
    }
    hasher.finalize().to_hex().to_string()
}

fn write_stamp(dir: &Path, files: &[PathBuf]) -> std::io::Result<()> {
    let tmp = dir.join(format!("{STAMP_FILE}.tmp"));
    fs::write(&tmp, stamp(dir, files))?;
    fs::rename(&tmp, dir.join(STAMP_FILE))
}

impl BaocaoIndex {
    /// Guards reading against a damaged index: verifies the checksums of every segment
    /// file unless none changed since the last successful verification. A damaged file
    /// gives [`IndexError::Corrupt`] naming it.
    pub fn verify(&self) -> Result<(), IndexError> {
        let Some(dir) = self.dir() else {
            return Ok(());
        };
        let corrupt = |reason: String| IndexError::Corrupt {
            dir: dir.to_path_buf(),
            reason,
        };
        let _lock = self.index.directory().acquire_lock(&META_LOCK).ok();
        let (files, _) = segment_files(&self.index)
            .map_err(|e| corrupt(format!("meta.json: {}", first_sentence(&e.to_string()))))?;
        let current = stamp(dir, &files);
        if fs::read_to_string(dir.join(STAMP_FILE)).is_ok_and(|s| s.trim() == current) {
            return Ok(());
        }
        let (problems, _) = verify_files(&self.index, dir, &files);
        if let Some(p) = problems.first() {
            return Err(corrupt(format!("file {} is {}", p.file, p.what)));
        }
        // A read-only index cannot keep the stamp: it is verified again next time.
        let _ = write_stamp(dir, &files);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_file_names() {
        assert_eq!(
            segment_of("209a6f7579104cceb654a6daf0ba01da.fast"),
            Some("209a6f7579104cceb654a6daf0ba01da")
        );
        assert!(segment_of("209a6f7579104cceb654a6daf0ba01da.12.del").is_some());
        assert_eq!(segment_of("meta.json"), None);
        assert_eq!(segment_of("baocao.json"), None);
        assert_eq!(segment_of("zz9a6f7579104cceb654a6daf0ba01da.fast"), None);
    }

    #[test]
    fn a_fresh_index_checks_ok_and_a_flipped_byte_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let index = BaocaoIndex::create_or_open(dir.path()).unwrap();
        let report = crate::report::parse_text(
            "a.txt",
            "BÁO CÁO\n\nI. TÌNH HÌNH\n\nGiải ngân vốn đầu tư công đạt 90%.\n",
        );
        index.add_reports(&[report]).unwrap();
        let r = check(dir.path()).unwrap();
        assert!(r.ok(), "{:?}", r.problems);
        assert!(r.segments >= 1);
        assert!(r.files >= 6 && r.documents > 0);
        index.verify().unwrap();
        // Flip one byte in the middle of the .idx file.
        let idx = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "idx"))
            .unwrap();
        let mut bytes = fs::read(&idx).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x55;
        fs::write(&idx, bytes).unwrap();
        let r = check(dir.path()).unwrap();
        assert_eq!(r.problems.len(), 1, "{:?} {idx:?}", r.problems);
        assert!(r.problems[0].what.contains("checksum"), "{:?}", r.problems);
        let e = index.verify().unwrap_err().to_string();
        assert!(e.contains(".idx is damaged: checksum mismatch"), "{e}");
    }
}
