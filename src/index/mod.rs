//! The tantivy index: schema (field names as constants), writer and opening. Never prints.
//!
//! # Library API
//!
//! ```no_run
//! use std::path::PathBuf;
//! use baocao::index::{BaocaoIndex, IndexOptions};
//!
//! # fn main() -> Result<(), baocao::index::IndexError> {
//! // Create (or open) an index directory and index a folder of reports, incrementally.
//! let index = BaocaoIndex::create_or_open("index")?;
//! let summary = index.index_paths(&[PathBuf::from("corpus")], &IndexOptions::default(), &mut |_| {})?;
//! println!("{} reports indexed", summary.indexed.len());
//! // Read-only use: open an existing index (errors when missing or of another version).
//! let index = BaocaoIndex::open("index")?;
//! # let _ = index; Ok(()) }
//! ```
//!
//! - [`BaocaoIndex::open`] / [`BaocaoIndex::create_or_open`] / [`BaocaoIndex::create_in_ram`]:
//!   open with the `vi` / `vi_folded` tokenizers registered, schema version checked
//!   (`baocao.json` beside tantivy's `meta.json`).
//! - [`BaocaoIndex::index_paths`]: files and folders (recursively `.txt`, `.md`), parsed in
//!   parallel, written by one writer with a bounded memory budget, committed per batch;
//!   incremental by content hash. Returns an [`IndexSummary`].
//! - [`BaocaoIndex::add_reports`]: index already parsed [`crate::report::Report`]s (benches,
//!   tests).
//! - Searching is in [`crate::search`].

pub mod check;
mod dir;
mod docs;
mod rebuild;
pub mod schema;
mod writer;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::{LockError, OpenReadError};
use tantivy::directory::{MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::Directory;
use tantivy::{IndexReader, IndexSettings, ReloadPolicy, TantivyError};

pub use check::{check, CheckReport, Problem};
pub(crate) use docs::{issuer_filter_key, slug_facet};
pub use rebuild::Rebuild;
pub use schema::{Fields, SCHEMA_VERSION};
pub use writer::{
    FileOutcome, IndexOptions, IndexSummary, IndexedFile, Progress, SkippedFile, MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
};

/// Name of the baocao metadata file kept beside tantivy's `meta.json`.
pub const META_FILE: &str = "baocao.json";

/// Errors of opening and writing an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// A bad `--exclude` glob (a usage error).
    #[error(transparent)]
    Discover(#[from] crate::ingest::DiscoverError),
    /// No index in the directory.
    #[error("no index in {dir} (build it with `baocao index PATH...`)")]
    NotFound {
        /// The index directory.
        dir: PathBuf,
    },
    /// The index was built by another version of baocao.
    #[error(
        "the index in {dir} has schema version {found}, this baocao needs {expected}; \
         rebuild it with `baocao index --rebuild`"
    )]
    SchemaVersion {
        /// The index directory.
        dir: PathBuf,
        /// Version found in the index.
        found: u32,
        /// Version this build reads and writes.
        expected: u32,
    },
    /// The directory holds something that is not a readable baocao index.
    #[error(
        "the index in {dir} is unreadable ({reason}); rebuild it with `baocao index --rebuild`"
    )]
    Corrupt {
        /// The index directory.
        dir: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Another writer holds the index lock.
    #[error("index is busy (another baocao index is running on {dir})")]
    Busy {
        /// The index directory.
        dir: PathBuf,
    },
    /// `--rebuild` refused to delete a directory that is not a baocao index.
    #[error("{dir} is not a baocao index; refusing to delete it")]
    NotAnIndex {
        /// The directory.
        dir: PathBuf,
    },
    /// The directory holds other files and no index: nothing is written into it.
    #[error(
        "{dir} holds other files and no baocao index; refusing to write an index into it \
         (give another --index DIR)"
    )]
    Foreign {
        /// The directory.
        dir: PathBuf,
    },
    /// An input path does not exist or cannot be read.
    #[error("cannot read {path}: {source}")]
    Input {
        /// The path given.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The disk holding the index filled up while indexing.
    #[error(
        "the disk holding {dir} is full: this run's work since its last commit was not kept \
         and the index is intact as of that commit; free some space and run `baocao index` \
         again"
    )]
    DiskFull {
        /// The index directory.
        dir: PathBuf,
    },
    /// An I/O error on the index directory.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Any other tantivy error.
    #[error("index error: {0}")]
    Tantivy(#[from] TantivyError),
}

/// Contents of `baocao.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct MetaFile {
    schema_version: u32,
    created_by: String,
}

/// An opened baocao index: the tantivy index with the Vietnamese tokenizers registered and
/// the resolved fields. Cheap to clone.
#[derive(Clone)]
pub struct BaocaoIndex {
    index: tantivy::Index,
    fields: Fields,
    dir: Option<PathBuf>,
}

impl std::fmt::Debug for BaocaoIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BaocaoIndex")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// Whether `dir` holds a tantivy index (a `meta.json`).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

impl BaocaoIndex {
    /// Opens an existing index; fails with [`IndexError::NotFound`] when there is none,
    /// [`IndexError::SchemaVersion`] when it was built by an incompatible version.
    pub fn open(dir: impl AsRef<Path>) -> Result<BaocaoIndex, IndexError> {
        let dir = dir.as_ref();
        if !exists(dir) {
            return Err(missing_meta(dir).unwrap_or_else(|| IndexError::NotFound {
                dir: dir.to_path_buf(),
            }));
        }
        check_meta(dir)?;
        let index = open_tantivy(dir).map_err(|e| corrupt(dir, e))?;
        Self::wrap(index, Some(dir.to_path_buf()))
    }

    /// Opens the index in `dir`, creating the directory and an empty index when missing.
    pub fn create_or_open(dir: impl AsRef<Path>) -> Result<BaocaoIndex, IndexError> {
        let dir = dir.as_ref();
        Self::create_or_open_inner(dir).map_err(|e| disk_full_or(dir, e))
    }

    fn create_or_open_inner(dir: &Path) -> Result<BaocaoIndex, IndexError> {
        if exists(dir) {
            return Self::open(dir);
        }
        if let Some(err) = missing_meta(dir) {
            return Err(err);
        }
        if !dir.join(META_FILE).is_file() && has_other_files(dir) {
            return Err(IndexError::Foreign {
                dir: dir.to_path_buf(),
            });
        }
        fs::create_dir_all(dir).map_err(|source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        // The writer lock while the index is created: of two runs creating the same
        // index, the second is told the index is busy.
        let mmap = MmapDirectory::open(dir).map_err(|e| IndexError::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let lock =
            patiently(|| mmap.acquire_lock(&INDEX_WRITER_LOCK)).map_err(|e| lock_error(dir, e))?;
        if exists(dir) {
            // Created by another run meanwhile.
            drop(lock);
            return Self::open(dir);
        }
        // baocao.json first: a crash right after leaves a directory without meta.json,
        // which the next run simply creates again.
        write_meta(dir)?;
        let index = tantivy::Index::builder()
            .schema(schema::build_schema())
            .settings(index_settings())
            .create_in_dir(dir)?;
        drop(lock);
        drop(index);
        Self::open(dir)
    }

    /// Deletes the index in `dir` (refusing a directory that holds other files) and creates
    /// an empty one.
    pub fn recreate(dir: impl AsRef<Path>) -> Result<BaocaoIndex, IndexError> {
        let dir = dir.as_ref();
        if dir.exists() {
            let is_index = exists(dir) || dir.join(META_FILE).is_file();
            let is_empty = fs::read_dir(dir)
                .map(|mut entries| entries.next().is_none())
                .unwrap_or(false);
            if !is_index && !is_empty {
                return Err(IndexError::NotAnIndex {
                    dir: dir.to_path_buf(),
                });
            }
            if is_index {
                // Take the writer lock first so that a running indexer is not wiped out.
                if let Ok(existing) = Self::open(dir) {
                    let writer = existing.writer(1)?;
                    drop(writer);
                }
                fs::remove_dir_all(dir).map_err(|source| IndexError::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
        }
        Self::create_or_open(dir)
    }

    /// An empty index in memory (tests, benches).
    pub fn create_in_ram() -> BaocaoIndex {
        let index = tantivy::Index::create_in_ram(schema::build_schema());
        Self::wrap(index, None).expect("the baocao schema resolves")
    }

    pub(crate) fn wrap(
        index: tantivy::Index,
        dir: Option<PathBuf>,
    ) -> Result<BaocaoIndex, IndexError> {
        crate::analysis::register(&index);
        let fields = Fields::resolve(&index.schema()).map_err(|e| IndexError::Corrupt {
            dir: dir.clone().unwrap_or_default(),
            reason: e.to_string(),
        })?;
        Ok(BaocaoIndex { index, fields, dir })
    }

    /// The underlying tantivy index (tokenizers registered).
    pub fn tantivy(&self) -> &tantivy::Index {
        &self.index
    }

    /// The resolved fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The directory of the index (None for an in-memory index).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// A reader that reloads only when asked ([`IndexReader::reload`]).
    pub fn reader(&self) -> Result<IndexReader, IndexError> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| match self.dir.as_deref() {
                Some(dir) => corrupt(dir, e),
                None => IndexError::Tantivy(e),
            })
    }

    /// A writer using `threads` indexing threads and a bounded memory budget; a live
    /// writer elsewhere gives [`IndexError::Busy`].
    pub(crate) fn writer(&self, threads: usize) -> Result<tantivy::IndexWriter, IndexError> {
        let threads = threads.clamp(1, 4);
        let budget = writer::WRITER_BUDGET_PER_THREAD * threads;
        let started = std::time::Instant::now();
        loop {
            match self.index.writer_with_num_threads(threads, budget) {
                Ok(writer) => return Ok(writer),
                Err(TantivyError::LockFailure(LockError::LockBusy, _))
                    if started.elapsed() < BUSY_GRACE =>
                {
                    std::thread::sleep(BUSY_RETRY_EVERY);
                }
                Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                    return Err(IndexError::Busy {
                        dir: self.dir.clone().unwrap_or_default(),
                    })
                }
                Err(other) => return Err(self.write_error(IndexError::Tantivy(other))),
            }
        }
    }

    /// `e`, or [`IndexError::DiskFull`] when it comes from a full disk.
    pub(crate) fn write_error(&self, e: IndexError) -> IndexError {
        match &self.dir {
            Some(dir) => disk_full_or(dir, e),
            None => e,
        }
    }

    /// Whether a writer (a running `baocao index`) holds this index's lock. The lock is
    /// tried without waiting and released at once; never true in memory.
    pub fn writer_is_running(&self) -> bool {
        if self.dir.is_none() {
            return false;
        }
        let lock = tantivy::directory::Lock {
            filepath: tantivy::directory::INDEX_WRITER_LOCK.filepath.clone(),
            is_blocking: false,
        };
        matches!(
            self.index.directory().acquire_lock(&lock),
            Err(LockError::LockBusy)
        )
    }

    /// Total size in bytes of the files in the index directory (0 in memory).
    pub fn size_on_disk(&self) -> u64 {
        let Some(dir) = &self.dir else { return 0 };
        fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// Index settings: the stored text is compressed with zstd in 256 kB blocks (Vietnamese
/// text compresses about twice better than with lz4; a block is decompressed per hit).
fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        }),
        docstore_blocksize: 256 * 1024,
        ..IndexSettings::default()
    }
}

/// Opens the tantivy index in `dir` for reading or writing (see `dir.rs`: a read-only
/// folder opens for reading).
pub(crate) fn open_tantivy(dir: &Path) -> Result<tantivy::Index, TantivyError> {
    tantivy::Index::open(dir::IndexDir::open(dir)?)
}

/// How long a writer lock found busy is tried again before the index is said to be busy.
/// A lock this process has just released can look held for a moment: a child process
/// started by another thread (a converter) holds a copy of every open file between its
/// fork and its exec, the lock file's too. A real writer elsewhere holds it far longer.
const BUSY_GRACE: std::time::Duration = std::time::Duration::from_millis(500);
/// The pause between two tries within [`BUSY_GRACE`].
const BUSY_RETRY_EVERY: std::time::Duration = std::time::Duration::from_millis(20);

/// `acquire`, tried again while it finds the lock busy, for at most [`BUSY_GRACE`].
pub(crate) fn patiently<T>(
    mut acquire: impl FnMut() -> Result<T, LockError>,
) -> Result<T, LockError> {
    let started = std::time::Instant::now();
    loop {
        match acquire() {
            Err(LockError::LockBusy) if started.elapsed() < BUSY_GRACE => {
                std::thread::sleep(BUSY_RETRY_EVERY);
            }
            other => return other,
        }
    }
}

fn lock_error(dir: &Path, e: LockError) -> IndexError {
    match e {
        LockError::LockBusy => IndexError::Busy {
            dir: dir.to_path_buf(),
        },
        LockError::IoError(io) => IndexError::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        },
    }
}

/// `e`, or [`IndexError::DiskFull`] for `dir` when it comes from a full disk.
pub(crate) fn disk_full_or(dir: &Path, e: IndexError) -> IndexError {
    if matches!(e, IndexError::DiskFull { .. }) || !is_disk_full(&e, dir) {
        e
    } else {
        IndexError::DiskFull {
            dir: dir.to_path_buf(),
        }
    }
}

/// Free bytes below which a failed write on the index's file system is put down to a
/// full disk (tantivy does not always pass the original I/O error on).
const NEARLY_FULL_BYTES: u64 = 1024 * 1024;

/// Whether `e` comes from a full disk (or quota): an `ENOSPC`/`EDQUOT` in its chain or
/// message, or, for an I/O failure whose cause tantivy did not keep, a file system with
/// less than [`NEARLY_FULL_BYTES`] free.
fn is_disk_full(e: &IndexError, dir: &Path) -> bool {
    fn io_full(io: &std::io::Error) -> bool {
        #[cfg(unix)]
        if matches!(io.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT)) {
            return true;
        }
        matches!(
            io.kind(),
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
        )
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.downcast_ref::<std::io::Error>().is_some_and(io_full) {
            return true;
        }
        source = err.source();
    }
    let text = format!("{e:?}");
    if text.contains("No space left on device")
        || text.contains("os error 28")
        || text.contains("Disk quota exceeded")
    {
        return true;
    }
    let io_like = matches!(e, IndexError::Io { .. } | IndexError::Tantivy(_));
    io_like && free_bytes(dir).is_some_and(|free| free < NEARLY_FULL_BYTES)
}

/// Bytes free for an unprivileged user on the file system holding `dir`.
fn free_bytes(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
        // SAFETY: statvfs writes into the zeroed struct we own; `c` is a valid C string.
        unsafe {
            let mut st: libc::statvfs = std::mem::zeroed();
            if libc::statvfs(c.as_ptr(), &mut st) != 0 {
                return None;
            }
            Some((st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

fn corrupt(dir: &Path, e: TantivyError) -> IndexError {
    IndexError::Corrupt {
        dir: dir.to_path_buf(),
        reason: corrupt_reason(&e),
    }
}

/// A short reason for an error opening the index: which file, and tantivy's first
/// sentence about it (not the whole debug dump of nested errors).
fn corrupt_reason(e: &TantivyError) -> String {
    let file_name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    match e {
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            let what = io_error.to_string();
            let first = what
                .split(". ")
                .next()
                .unwrap_or(&what)
                .trim_end_matches('.');
            format!("file {} is damaged: {first}", file_name(filepath))
        }
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(p)) => {
            format!("file {} is missing", file_name(p))
        }
        other => other.to_string(),
    }
}

/// Whether `dir` holds entries other than baocao's own (`baocao.json`, its temporary
/// file) and hidden ones (tantivy's lock files).
fn has_other_files(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name != META_FILE && !name.starts_with('.') && !name.ends_with(".tmp")
        })
    })
}

/// When `dir` has no `meta.json` but holds index data (segment files beside
/// `baocao.json`), the error to report: the index lost its `meta.json`.
fn missing_meta(dir: &Path) -> Option<IndexError> {
    if !dir.join(META_FILE).is_file() {
        return None;
    }
    has_other_files(dir).then(|| IndexError::Corrupt {
        dir: dir.to_path_buf(),
        reason: "meta.json is missing".to_string(),
    })
}

pub(crate) fn check_meta(dir: &Path) -> Result<(), IndexError> {
    let path = dir.join(META_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(IndexError::Corrupt {
                dir: dir.to_path_buf(),
                reason: format!("{META_FILE} is missing: not built by baocao"),
            })
        }
        Err(source) => return Err(IndexError::Io { path, source }),
    };
    let meta: MetaFile = serde_json::from_str(&text).map_err(|e| IndexError::Corrupt {
        dir: dir.to_path_buf(),
        reason: format!("{META_FILE}: {e}"),
    })?;
    if meta.schema_version != SCHEMA_VERSION {
        return Err(IndexError::SchemaVersion {
            dir: dir.to_path_buf(),
            found: meta.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn write_meta(dir: &Path) -> Result<(), IndexError> {
    let meta = MetaFile {
        schema_version: SCHEMA_VERSION,
        created_by: format!("baocao {}", env!("CARGO_PKG_VERSION")),
    };
    let path = dir.join(META_FILE);
    let text = serde_json::to_string_pretty(&meta).expect("serializable");
    // Written to a temporary file then renamed: never a half-written baocao.json.
    let tmp = dir.join(format!("{META_FILE}.tmp"));
    fs::write(&tmp, text + "\n").map_err(|source| IndexError::Io {
        path: tmp.clone(),
        source,
    })?;
    fs::rename(&tmp, &path).map_err(|source| IndexError::Io { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_missing_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let err = BaocaoIndex::open(dir.path().join("nope")).unwrap_err();
        assert!(matches!(err, IndexError::NotFound { .. }), "{err}");
    }

    #[test]
    fn create_then_open_and_version_mismatch() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        BaocaoIndex::create_or_open(&path).unwrap();
        BaocaoIndex::open(&path).unwrap();
        fs::write(
            path.join(META_FILE),
            r#"{"schema_version": 999, "created_by": "x"}"#,
        )
        .unwrap();
        let err = BaocaoIndex::open(&path).unwrap_err();
        assert!(matches!(err, IndexError::SchemaVersion { found: 999, .. }));
        assert!(err.to_string().contains("--rebuild"));
    }

    #[test]
    fn second_writer_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let index = BaocaoIndex::create_or_open(dir.path()).unwrap();
        let _w = index.writer(1).unwrap();
        let err = match index.writer(1) {
            Ok(_) => panic!("a second writer was created"),
            Err(e) => e,
        };
        assert!(err.to_string().contains("index is busy"), "{err}");
    }

    #[test]
    fn recreate_refuses_foreign_directory() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = BaocaoIndex::recreate(dir.path()).unwrap_err();
        assert!(matches!(err, IndexError::NotAnIndex { .. }));
        assert!(dir.path().join("notes.txt").exists());
    }
}
