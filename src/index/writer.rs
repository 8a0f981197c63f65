//! Incremental indexing: discovery of report files, parallel parsing, one writer with a
//! bounded memory budget, commits per batch.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::collector::DocSetCollector;
use tantivy::merge_policy::NoMergePolicy;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::Directory;
use tantivy::{TantivyDocument, Term};

use super::docs::{report_documents, SourceInfo};
use super::schema::{Fields, KIND_REPORT, SCHEMA_VERSION};
use super::{BaocaoIndex, IndexError};
use crate::analysis::Analyzer;
use crate::ingest::{DiscoverOptions, FoundFile};
use crate::report::formats::Limits;
use crate::report::Report;

/// Extensions of the files picked up when walking a folder (every format [`crate::report::formats`] reads).
pub const SUPPORTED_EXTENSIONS: &[&str] = crate::report::formats::EXTENSIONS;

/// Writer memory budget per indexing thread (tantivy needs at least 15 MB).
pub(crate) const WRITER_BUDGET_PER_THREAD: usize = 50_000_000;

/// Default largest file indexed as one report (see
/// [`crate::report::formats::DEFAULT_MAX_FILE_BYTES`]; `IndexOptions::limits` changes it).
pub use crate::ingest::MAX_FILE_BYTES;

/// Most segments an index keeps after an indexing run: above this, the run ends by
/// merging them all into one.
pub const MAX_SEGMENTS: usize = 4;

/// Most bytes of segments merged at once at the end of a run: a merge maps every segment
/// it reads, so this bounds what the merge adds to the process's memory (the run's peak
/// stays under 1 GB at any corpus size); an index larger than this keeps a few segments.
pub const MERGE_GROUP_BYTES: u64 = 256_000_000;

/// Groups of consecutive segments of `sized` (sizes in bytes, smallest first) to merge,
/// each of at least two segments and at most `limit` bytes (a segment larger than `limit`
/// is left alone).
fn merge_groups<T: Clone>(sized: &[(u64, T)], limit: u64) -> Vec<Vec<T>> {
    let mut groups = Vec::new();
    let mut group: Vec<T> = Vec::new();
    let mut bytes = 0u64;
    for (size, id) in sized {
        if bytes + size > limit && !group.is_empty() {
            if group.len() > 1 {
                groups.push(std::mem::take(&mut group));
            }
            group.clear();
            bytes = 0;
        }
        if *size <= limit {
            group.push(id.clone());
            bytes += size;
        }
    }
    if group.len() > 1 {
        groups.push(group);
    }
    groups
}

/// Default number of source bytes between two commits.
pub const DEFAULT_BATCH_BYTES: u64 = 64_000_000;

/// Options of [`BaocaoIndex::index_paths`].
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Remove reports whose source file no longer exists.
    pub prune: bool,
    /// Indexing threads of the writer (None: the number of CPUs, at most 4).
    pub threads: Option<usize>,
    /// Source bytes between two commits (a crash loses at most this much work).
    pub batch_bytes: u64,
    /// What one file may cost: size, expansion, converter time.
    pub limits: Limits,
    /// Globs of paths left out of the folders walked (see [`crate::ingest::discover`]).
    pub exclude: Vec<String>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            prune: false,
            threads: None,
            batch_bytes: DEFAULT_BATCH_BYTES,
            limits: Limits::default(),
            exclude: Vec::new(),
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOutcome {
    /// Parsed and (re-)indexed.
    Indexed,
    /// Same content as indexed before: left alone.
    Unchanged,
    /// Not indexed; the reason.
    Skipped(String),
}

/// Progress events, sent from the indexing thread in file order of completion.
#[derive(Debug, Clone)]
pub enum Progress {
    /// Files were discovered: their count and total size.
    Discovered {
        /// Number of files.
        files: usize,
        /// Total bytes.
        bytes: u64,
    },
    /// One file is done.
    File {
        /// The file.
        path: PathBuf,
        /// Its size.
        bytes: u64,
        /// What happened to it.
        outcome: FileOutcome,
    },
    /// A batch is being committed.
    Committing,
}

/// A report written to the index.
#[derive(Debug, Clone)]
pub struct IndexedFile {
    /// Source path.
    pub path: PathBuf,
    /// Its doc id.
    pub doc_id: String,
    /// Number of sections.
    pub sections: usize,
    /// Number of footnotes.
    pub footnotes: usize,
    /// Whether it replaced an earlier version.
    pub replaced: bool,
    /// Bytes that were not UTF-8 and were replaced by U+FFFD (0 for a clean file).
    pub invalid_bytes: usize,
}

/// A file that was not indexed.
#[derive(Debug, Clone)]
pub struct SkippedFile {
    /// The file.
    pub path: PathBuf,
    /// Why, in a few words.
    pub reason: String,
}

/// The result of [`BaocaoIndex::index_paths`].
#[derive(Debug, Clone, Default)]
pub struct IndexSummary {
    /// Reports parsed and written.
    pub indexed: Vec<IndexedFile>,
    /// Files left alone because their content did not change.
    pub unchanged: usize,
    /// Files not indexed, with reasons.
    pub skipped: Vec<SkippedFile>,
    /// Doc ids removed because their files vanished (`prune`).
    pub removed: Vec<String>,
    /// Sections written.
    pub sections: usize,
    /// Footnotes written.
    pub footnotes: usize,
    /// Bytes of the files parsed and written.
    pub bytes_indexed: u64,
    /// Bytes of all files seen.
    pub bytes_seen: u64,
    /// Number of commits made (0 when nothing changed).
    pub commits: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl IndexSummary {
    /// Whether the index was modified.
    pub fn changed(&self) -> bool {
        !self.indexed.is_empty() || !self.removed.is_empty()
    }

    /// Throughput over the bytes parsed and written, in MB/s (10^6 bytes).
    pub fn mb_per_s(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs <= 0.0 {
            return 0.0;
        }
        self.bytes_indexed as f64 / 1e6 / secs
    }
}

/// Version of the indexing pipeline: a report indexed by another version is re-indexed.
fn pipeline_version() -> String {
    format!("{}+{}", env!("CARGO_PKG_VERSION"), SCHEMA_VERSION)
}

/// A file found on disk, with the doc id it gets.
#[derive(Debug, Clone)]
struct Found {
    path: PathBuf,
    name: String,
    doc_id: String,
    bytes: u64,
}

/// The doc id of each file of `files` (in order): the id it already has in the index
/// (`existing`, by source path), else the first free one of: its id from its relative
/// path; when a file of another folder holds that, the same prefixed by the folders
/// above the one given (`b/x` beside `x`); when a file of the same folder does (`x.docx`
/// and `x.pdf`), the id with the extension (`x-pdf`), then numbered (`x-pdf-2`).
/// `owners` maps the ids already in the index to their source paths; ids of vanished
/// files are free.
fn assign_ids(
    files: &[FoundFile],
    existing: &HashMap<PathBuf, Existing>,
    owners: &HashMap<String, PathBuf>,
) -> Vec<String> {
    let mut taken: HashMap<String, PathBuf> = owners
        .iter()
        .filter(|(_, src)| src.exists())
        .map(|(id, src)| (id.clone(), src.clone()))
        .collect();
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let id = match existing.get(&file.path) {
            Some(old) => old.doc_id.clone(),
            None => free_id(file, &taken),
        };
        taken.insert(id.clone(), file.path.clone());
        out.push(id);
    }
    out
}

/// The first id of [`assign_ids`]'s list that no other file holds in `taken`.
fn free_id(file: &FoundFile, taken: &HashMap<String, PathBuf>) -> String {
    let base = file.doc_id();
    let is_free = |id: &str| taken.get(id).is_none_or(|p| *p == file.path);
    let Some(owner) = taken.get(&base).filter(|p| **p != file.path) else {
        return base;
    };
    if owner.parent() != file.path.parent() {
        // The folders above the one given, nearest first: `…/b` + `x` → `b/x`.
        let above: Vec<&std::ffi::OsStr> = {
            let depth = file.rel.components().count();
            let all: Vec<_> = file.path.iter().collect();
            let root = all.len().saturating_sub(depth);
            all[..root].iter().rev().copied().collect()
        };
        for k in 1..=above.len() {
            let mut rel: PathBuf = above[..k].iter().rev().collect();
            rel.push(&file.rel);
            let id = crate::report::doc_id_for_path(&rel);
            if is_free(&id) {
                return id;
            }
        }
    }
    let ext = file
        .path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let with_ext = if ext.is_empty() {
        base.clone()
    } else {
        format!("{base}-{ext}")
    };
    if is_free(&with_ext) {
        return with_ext;
    }
    (2..)
        .map(|n| format!("{with_ext}-{n}"))
        .find(|id| is_free(id))
        .expect("an unbounded range has a free number")
}

/// A report already in the index.
#[derive(Debug, Clone)]
struct Existing {
    doc_id: String,
    hash: String,
    pipeline: String,
}

/// The bytes of a path as the operating system gives them (lossless).
fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

/// The path of [`path_bytes`].
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// Bookkeeping documents of the index: source path (as the OS gave it) → report.
fn load_existing(index: &BaocaoIndex) -> Result<HashMap<PathBuf, Existing>, IndexError> {
    let f = index.fields();
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let query = TermQuery::new(
        Term::from_field_text(f.kind, KIND_REPORT),
        IndexRecordOption::Basic,
    );
    let addresses = searcher.search(&query, &DocSetCollector)?;
    let mut out = HashMap::new();
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        let get = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let path = match doc.get_first(f.source_raw).and_then(|v| v.as_bytes()) {
            Some(raw) if !raw.is_empty() => path_from_bytes(raw),
            _ => PathBuf::from(get(f.source)),
        };
        out.insert(
            path,
            Existing {
                doc_id: get(f.doc_id),
                hash: get(f.content_hash),
                pipeline: get(f.pipeline),
            },
        );
    }
    Ok(out)
}

/// What a worker made of one file.
enum Work {
    Unchanged(Found),
    Skipped(Found, String),
    /// The report, its documents (analysed on the worker), and the bytes that were not
    /// UTF-8.
    Parsed(Found, Box<Report>, Vec<TantivyDocument>, usize),
}

/// Reads, parses and tags one file and builds its documents (analysis included), on a
/// worker thread: the writer's threads only have postings left to write.
fn process(
    found: &Found,
    existing: &HashMap<PathBuf, Existing>,
    pipeline: &str,
    limits: &Limits,
    f: &Fields,
    analyzer: &mut Analyzer,
) -> Work {
    // The one read path: only regular files are opened, at most the size limit is read.
    let bytes = match crate::ingest::read(&found.path, limits) {
        Ok(b) => b,
        Err(e) => return Work::Skipped(found.clone(), e.to_string()),
    };
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if let Some(old) = existing.get(&found.path) {
        if old.hash == hash && old.pipeline == pipeline {
            return Work::Unchanged(found.clone());
        }
    }
    let mut found = found.clone();
    found.bytes = bytes.len() as u64;
    match crate::ingest::ingest_bytes(&found.name, &found.doc_id, &bytes, limits) {
        Ok(ingested) => {
            let info = SourceInfo {
                source: found.path.to_string_lossy().into_owned(),
                source_raw: path_bytes(&found.path),
                content_hash: hash,
                bytes: found.bytes,
                line_maps: ingested.line_maps,
            };
            let docs = report_documents(f, &ingested.report, &info, pipeline, analyzer);
            Work::Parsed(
                found,
                Box::new(ingested.report),
                docs,
                ingested.source.invalid_bytes,
            )
        }
        Err(e) => Work::Skipped(found, e.to_string()),
    }
}

/// The files found, each with the doc id [`assign_ids`] gives it.
fn with_ids(
    files: &[FoundFile],
    existing: &HashMap<PathBuf, Existing>,
    owners: &HashMap<String, PathBuf>,
) -> Vec<Found> {
    let ids = assign_ids(files, existing, owners);
    files
        .iter()
        .zip(ids)
        .map(|(file, doc_id)| Found {
            path: file.path.clone(),
            name: file.name(),
            doc_id,
            bytes: file.bytes,
        })
        .collect()
}

/// Processes `files` on rayon's threads (one analyzer each) and sends what each became on
/// `tx`, in order of completion; stops taking files once `cancel` is set.
fn process_in_parallel(
    files: &[Found],
    existing: &HashMap<PathBuf, Existing>,
    pipeline: &str,
    limits: &Limits,
    f: &Fields,
    cancel: &AtomicBool,
    tx: mpsc::SyncSender<Work>,
) {
    files.par_iter().for_each_init(
        || (tx.clone(), Analyzer::new()),
        |(tx, analyzer), found| {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            // The receiver is gone only when the run has already failed.
            let _ = tx.send(process(found, existing, pipeline, limits, f, analyzer));
        },
    );
}

/// One indexing run: the writer, and what has been done so far.
struct Run {
    writer: tantivy::IndexWriter,
    f: Fields,
    /// Source bytes between two commits ([`IndexOptions::batch_bytes`]).
    batch_bytes: u64,
    summary: IndexSummary,
    /// Source bytes written since the last commit.
    pending_bytes: u64,
    /// Whether anything was added or deleted since the last commit.
    uncommitted: bool,
}

impl Run {
    fn new(writer: tantivy::IndexWriter, f: Fields, batch_bytes: u64) -> Self {
        Run {
            writer,
            f,
            batch_bytes,
            summary: IndexSummary::default(),
            pending_bytes: 0,
            uncommitted: false,
        }
    }

    /// The report files under `paths`; those that cannot be taken are listed as skipped.
    fn discover(
        &mut self,
        paths: &[PathBuf],
        options: &IndexOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Vec<FoundFile>, IndexError> {
        let discovered = crate::ingest::discover(
            paths,
            &DiscoverOptions {
                exclude: options.exclude.clone(),
            },
        )?;
        self.summary
            .skipped
            .extend(discovered.skipped.into_iter().map(|k| SkippedFile {
                path: k.path,
                reason: k.reason,
            }));
        self.summary.bytes_seen = discovered.files.iter().map(|x| x.bytes).sum();
        progress(Progress::Discovered {
            files: discovered.files.len(),
            bytes: self.summary.bytes_seen,
        });
        Ok(discovered.files)
    }

    /// Deletes the reports whose source files vanished, in path order, and frees their ids.
    fn prune(
        &mut self,
        existing: &HashMap<PathBuf, Existing>,
        owners: &mut HashMap<String, PathBuf>,
    ) {
        // The paths as the OS gave them: a name that is not UTF-8 still names its file.
        let mut vanished: Vec<(&PathBuf, &Existing)> =
            existing.iter().filter(|entry| !entry.0.exists()).collect();
        vanished.sort_by(|a, b| a.0.cmp(b.0));
        for (_, e) in vanished {
            self.writer
                .delete_term(Term::from_field_text(self.f.doc_id, &e.doc_id));
            owners.remove(&e.doc_id);
            self.summary.removed.push(e.doc_id.clone());
            self.uncommitted = true;
        }
    }

    /// Processes `files` on worker threads and applies each result here, on the one
    /// writer. The first error stops the workers; it is returned once they are done.
    fn process_all(
        &mut self,
        files: &[Found],
        existing: &HashMap<PathBuf, Existing>,
        threads: usize,
        limits: &Limits,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), IndexError> {
        let pipeline = pipeline_version();
        let f = self.f;
        let cancel = AtomicBool::new(false);
        let (tx, rx) = mpsc::sync_channel::<Work>(threads.max(2) * 2);
        std::thread::scope(|scope| {
            let (pipeline, f, cancel) = (pipeline.as_str(), &f, &cancel);
            scope.spawn(move || {
                process_in_parallel(files, existing, pipeline, limits, f, cancel, tx)
            });
            let mut outcome = Ok(());
            for work in rx {
                // After an error, what is still in flight is received and dropped.
                if outcome.is_err() {
                    continue;
                }
                if let Err(e) = self.apply(work, existing, progress) {
                    cancel.store(true, Ordering::Relaxed);
                    outcome = Err(e);
                }
            }
            outcome
        })
    }

    /// Counts or writes what a worker made of one file, reports it, and commits when a
    /// batch is due.
    fn apply(
        &mut self,
        work: Work,
        existing: &HashMap<PathBuf, Existing>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), IndexError> {
        let (found, outcome) = match work {
            Work::Unchanged(found) => {
                self.summary.unchanged += 1;
                (found, FileOutcome::Unchanged)
            }
            Work::Skipped(found, reason) => {
                self.summary.skipped.push(SkippedFile {
                    path: found.path.clone(),
                    reason: reason.clone(),
                });
                (found, FileOutcome::Skipped(reason))
            }
            Work::Parsed(found, report, docs, invalid_bytes) => {
                self.write(&found, &report, docs, invalid_bytes, existing)?;
                (found, FileOutcome::Indexed)
            }
        };
        progress(Progress::File {
            path: found.path,
            bytes: found.bytes,
            outcome,
        });
        if self.pending_bytes >= self.batch_bytes {
            self.commit(progress)?;
        }
        Ok(())
    }

    /// Replaces the report of `found` (under its old id and its new one) by `docs`.
    fn write(
        &mut self,
        found: &Found,
        report: &Report,
        docs: Vec<TantivyDocument>,
        invalid_bytes: usize,
        existing: &HashMap<PathBuf, Existing>,
    ) -> Result<(), IndexError> {
        let doc_id = report.metadata.doc_id.clone();
        let old = existing.get(&found.path);
        if let Some(old) = old {
            self.writer
                .delete_term(Term::from_field_text(self.f.doc_id, &old.doc_id));
        }
        self.writer
            .delete_term(Term::from_field_text(self.f.doc_id, &doc_id));
        for doc in docs {
            self.writer.add_document(doc)?;
        }
        let summary = &mut self.summary;
        summary.sections += report.sections.len();
        summary.footnotes += report.footnotes.len();
        summary.bytes_indexed += found.bytes;
        summary.indexed.push(IndexedFile {
            path: found.path.clone(),
            doc_id,
            sections: report.sections.len(),
            footnotes: report.footnotes.len(),
            replaced: old.is_some(),
            invalid_bytes,
        });
        self.pending_bytes += found.bytes;
        self.uncommitted = true;
        Ok(())
    }

    /// Commits what was written since the last commit.
    fn commit(&mut self, progress: &mut dyn FnMut(Progress)) -> Result<(), IndexError> {
        progress(Progress::Committing);
        self.writer.commit()?;
        self.summary.commits += 1;
        self.pending_bytes = 0;
        self.uncommitted = false;
        Ok(())
    }

    /// Commits the last batch, if any, and waits for the writer's merges.
    fn finish(mut self, progress: &mut dyn FnMut(Progress)) -> Result<IndexSummary, IndexError> {
        if self.uncommitted {
            self.commit(progress)?;
        }
        self.writer.wait_merging_threads()?;
        Ok(self.summary)
    }
}

impl BaocaoIndex {
    /// Indexes the report files under `paths` (files, and folders walked recursively for
    /// [`SUPPORTED_EXTENSIONS`]): unchanged files are skipped, changed ones replaced,
    /// and with `options.prune` the reports whose files vanished are removed. Files that
    /// cannot be read or parsed are listed in [`IndexSummary::skipped`]; the others are
    /// indexed. Commits every `options.batch_bytes` and at the end; nothing is committed
    /// when nothing changed.
    ///
    /// A run starts by removing the files an interrupted run left (segments of a killed
    /// merge, files of a run that filled the disk). A full disk gives
    /// [`IndexError::DiskFull`]: the index stays as of its last commit.
    pub fn index_paths(
        &self,
        paths: &[PathBuf],
        options: &IndexOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IndexSummary, IndexError> {
        self.index_paths_inner(paths, options, progress)
            .map_err(|e| self.write_error(e))
    }

    /// Removes the segment files no commit uses: those tantivy tracks (its garbage
    /// collection) and those it may have lost track of, e.g. when a run was killed
    /// during a merge. Call with the writer lock held.
    fn collect_garbage(&self, writer: &tantivy::IndexWriter) -> Result<usize, IndexError> {
        let mut removed = writer
            .garbage_collect_files()
            .wait()
            .map(|r| r.deleted_files.len())
            .unwrap_or(0);
        let Some(dir) = self.dir() else {
            return Ok(removed);
        };
        let _lock = self
            .index
            .directory()
            .acquire_lock(&tantivy::directory::META_LOCK)
            .ok();
        let metas = self.index.load_metas()?;
        let live: HashSet<String> = metas
            .segments
            .iter()
            .map(|s| s.id().uuid_string())
            .collect();
        for name in fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
        {
            let Some(id) = super::check::segment_of(&name) else {
                continue;
            };
            // A live segment's old delete files are tantivy's to collect.
            if !live.contains(id) && fs::remove_file(dir.join(&name)).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// The steps of [`BaocaoIndex::index_paths`]: open the writer, discover the files,
    /// read what the index holds, prune, process and apply every file (committing when a
    /// batch is due), then finish the run.
    fn index_paths_inner(
        &self,
        paths: &[PathBuf],
        options: &IndexOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IndexSummary, IndexError> {
        let start = Instant::now();
        let threads = options.threads.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        });
        let writer = self.writer(threads)?;
        self.collect_garbage(&writer)?;
        let mut run = Run::new(writer, *self.fields(), options.batch_bytes);
        let discovered = run.discover(paths, options, progress)?;
        // Reading what is indexed fails on a damaged index: say so, with the way out.
        let existing = load_existing(self).map_err(|e| match (e, self.dir()) {
            (IndexError::Tantivy(t), Some(dir)) => super::corrupt(dir, t),
            (e, _) => e,
        })?;
        // doc id → source path that owns it.
        let mut owners: HashMap<String, PathBuf> = existing
            .iter()
            .map(|(src, e)| (e.doc_id.clone(), src.clone()))
            .collect();
        if options.prune {
            run.prune(&existing, &mut owners);
        }
        let files = with_ids(&discovered, &existing, &owners);
        run.process_all(&files, &existing, threads, &options.limits, progress)?;
        let mut summary = run.finish(progress)?;
        if summary.commits > 0 {
            self.merge_segments(MAX_SEGMENTS)?;
        }
        summary.elapsed = start.elapsed();
        Ok(summary)
    }

    /// When there are more than `max` segments, merges them (a query visits each segment,
    /// and each has its own term dictionaries), smallest first, in groups of at most
    /// [`MERGE_GROUP_BYTES`]: one merge maps every segment it reads, so an unbounded merge
    /// at the end of a large run would put the whole index in the process's memory.
    /// Returns whether it merged.
    fn merge_segments(&self, max: usize) -> Result<bool, IndexError> {
        let metas = self.index.searchable_segment_metas()?;
        if metas.len() <= max {
            return Ok(false);
        }
        // Bytes of each segment's files (named by its id); 0 for an index in memory.
        let mut bytes: HashMap<String, u64> = HashMap::new();
        if let Some(entries) = self.dir().and_then(|dir| fs::read_dir(dir).ok()) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let (Some((id, _)), Ok(meta)) = (name.split_once('.'), entry.metadata()) {
                    *bytes.entry(id.to_string()).or_default() += meta.len();
                }
            }
        }
        let mut sized: Vec<(u64, tantivy::index::SegmentId)> = metas
            .iter()
            .map(|m| {
                let size = bytes.get(&m.id().uuid_string()).copied().unwrap_or(0);
                (size, m.id())
            })
            .collect();
        sized.sort();
        let groups = merge_groups(&sized, MERGE_GROUP_BYTES);
        if groups.is_empty() {
            return Ok(false);
        }
        let mut writer = self.writer(1)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for group in groups {
            writer.merge(&group).wait()?;
        }
        writer.wait_merging_threads()?;
        Ok(true)
    }

    /// Indexes already parsed reports (no source file: `source` is empty), replacing
    /// reports with the same doc id, and commits. For tests and benchmarks.
    pub fn add_reports(&self, reports: &[Report]) -> Result<(), IndexError> {
        let mut writer = self.writer(2)?;
        let f: Fields = *self.fields();
        let pipeline = pipeline_version();
        let mut analyzer = Analyzer::new();
        for report in reports {
            writer.delete_term(Term::from_field_text(f.doc_id, &report.metadata.doc_id));
            let info = SourceInfo::default();
            for doc in report_documents(&f, report, &info, &pipeline, &mut analyzer) {
                writer.add_document(doc)?;
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(root: &str, rel: &str) -> FoundFile {
        FoundFile {
            path: Path::new(root).join(rel),
            rel: PathBuf::from(rel),
            bytes: 1,
        }
    }

    #[test]
    fn ids_are_unique_per_file_and_keep_what_the_index_holds() {
        let files = [
            found("/r/corpus", "000_abc.txt"),
            found("/r/corpus", "2024/bc.docx"),
            found("/r/corpus", "2024/bc.pdf"),
            found("/r/corpus", "2025/bc.docx"),
            found("/r/khac", "000_abc.txt"),
            found("/r/corpus", "2024/bc.PDF"),
        ];
        let ids = assign_ids(&files, &HashMap::new(), &HashMap::new());
        assert_eq!(
            ids,
            [
                "000-abc",
                "2024/bc",
                "2024/bc-pdf",
                "2025/bc",
                "khac/000-abc",
                "2024/bc-pdf-2"
            ]
        );
        // Re-indexing keeps the ids the index holds, whatever the folder given now.
        let mut existing = HashMap::new();
        existing.insert(
            PathBuf::from("/r/corpus/2024/bc.pdf"),
            Existing {
                doc_id: "2024/bc-pdf".into(),
                hash: String::new(),
                pipeline: String::new(),
            },
        );
        let again = [found("/r/corpus/2024", "bc.pdf")];
        assert_eq!(
            assign_ids(&again, &existing, &HashMap::new()),
            ["2024/bc-pdf"]
        );
    }

    #[test]
    fn merges_group_small_segments_up_to_the_limit() {
        let sized: Vec<(u64, u32)> = vec![(10, 1), (20, 2), (30, 3), (50, 4), (90, 5), (200, 6)];
        // 10+20+30 fit; 50 and 90 do not fit together and are alone; 200 is too large.
        assert_eq!(merge_groups(&sized, 100), vec![vec![1, 2, 3]]);
        let small: Vec<(u64, u32)> = (1..=5).map(|i| (10, i)).collect();
        assert_eq!(merge_groups(&small, 100), vec![vec![1, 2, 3, 4, 5]]);
        let even: Vec<(u64, u32)> = (1..=6).map(|i| (40, i)).collect();
        assert_eq!(
            merge_groups(&even, 100),
            vec![vec![1, 2], vec![3, 4], vec![5, 6]]
        );
        assert!(merge_groups(&[(500u64, 1u32)], 100).is_empty());
    }

    #[test]
    fn ids_of_vanished_files_are_free() {
        let mut owners = HashMap::new();
        owners.insert("x".to_string(), PathBuf::from("/nowhere/at/all/x.txt"));
        let files = [found("/r", "x.txt")];
        assert_eq!(assign_ids(&files, &HashMap::new(), &owners), ["x"]);
    }
}
