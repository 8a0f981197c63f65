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
        let mut writer = self.writer(threads)?;
        self.collect_garbage(&writer)?;
        let f = *self.fields();
        let pipeline = pipeline_version();
        let mut summary = IndexSummary::default();
        let discovered = crate::ingest::discover(
            paths,
            &DiscoverOptions {
                exclude: options.exclude.clone(),
            },
        )?;
        summary
            .skipped
            .extend(discovered.skipped.into_iter().map(|k| SkippedFile {
                path: k.path,
                reason: k.reason,
            }));
        summary.bytes_seen = discovered.files.iter().map(|x| x.bytes).sum();
        progress(Progress::Discovered {
            files: discovered.files.len(),
            bytes: summary.bytes_seen,
        });
        // Reading what is indexed fails on a damaged index: say so, with the way out.
        let existing = load_existing(self).map_err(|e| match (e, self.dir()) {
            (IndexError::Tantivy(t), Some(dir)) => super::corrupt(dir, t),
            (e, _) => e,
        })?;

        // doc id → source path that owns it.
        let mut owner: HashMap<String, PathBuf> = existing
            .iter()
            .map(|(src, e)| (e.doc_id.clone(), src.clone()))
            .collect();

        if options.prune {
            // The paths as the OS gave them: a name that is not UTF-8 still names its file.
            let mut vanished: Vec<(&PathBuf, &Existing)> =
                existing.iter().filter(|entry| !entry.0.exists()).collect();
            vanished.sort_by(|a, b| a.0.cmp(b.0));
            for (_, e) in vanished {
                writer.delete_term(Term::from_field_text(f.doc_id, &e.doc_id));
                owner.remove(&e.doc_id);
                summary.removed.push(e.doc_id.clone());
            }
        }
        let ids = assign_ids(&discovered.files, &existing, &owner);
        let files: Vec<Found> = discovered
            .files
            .iter()
            .zip(ids)
            .map(|(file, doc_id)| Found {
                path: file.path.clone(),
                name: file.name(),
                doc_id,
                bytes: file.bytes,
            })
            .collect();

        let cancel = AtomicBool::new(false);
        let (tx, rx) = mpsc::sync_channel::<Work>(threads.max(2) * 2);
        let mut pending_bytes = 0u64;
        let mut uncommitted = !summary.removed.is_empty();
        let result: Result<(), IndexError> = std::thread::scope(|scope| {
            let files = &files;
            let existing = &existing;
            let pipeline = pipeline.as_str();
            let cancel = &cancel;
            scope.spawn(move || {
                let f = &f;
                let limits = &options.limits;
                files.par_iter().for_each_init(
                    || (tx.clone(), Analyzer::new()),
                    |(tx, analyzer), found| {
                        if cancel.load(Ordering::Relaxed) {
                            return;
                        }
                        let _ = tx.send(process(found, existing, pipeline, limits, f, analyzer));
                    },
                );
                drop(tx);
            });
            let mut outcome = Ok(());
            for work in rx {
                if outcome.is_err() {
                    continue;
                }
                let step = (|| -> Result<(), IndexError> {
                    let (found, result) = match work {
                        Work::Unchanged(found) => {
                            summary.unchanged += 1;
                            (found, FileOutcome::Unchanged)
                        }
                        Work::Skipped(found, reason) => {
                            summary.skipped.push(SkippedFile {
                                path: found.path.clone(),
                                reason: reason.clone(),
                            });
                            (found, FileOutcome::Skipped(reason))
                        }
                        Work::Parsed(found, report, docs, invalid_bytes) => {
                            let source = found.path.clone();
                            let doc_id = report.metadata.doc_id.clone();
                            let mut replaced = false;
                            if let Some(old) = existing.get(&source) {
                                writer.delete_term(Term::from_field_text(f.doc_id, &old.doc_id));
                                replaced = true;
                            }
                            writer.delete_term(Term::from_field_text(f.doc_id, &doc_id));
                            owner.insert(doc_id.clone(), source.clone());
                            for doc in docs {
                                writer.add_document(doc)?;
                            }
                            summary.sections += report.sections.len();
                            summary.footnotes += report.footnotes.len();
                            summary.bytes_indexed += found.bytes;
                            summary.indexed.push(IndexedFile {
                                path: found.path.clone(),
                                doc_id,
                                sections: report.sections.len(),
                                footnotes: report.footnotes.len(),
                                replaced,
                                invalid_bytes,
                            });
                            pending_bytes += found.bytes;
                            uncommitted = true;
                            (found, FileOutcome::Indexed)
                        }
                    };
                    progress(Progress::File {
                        path: found.path,
                        bytes: found.bytes,
                        outcome: result,
                    });
                    if pending_bytes >= options.batch_bytes {
                        progress(Progress::Committing);
                        writer.commit()?;
                        summary.commits += 1;
                        pending_bytes = 0;
                        uncommitted = false;
                    }
                    Ok(())
                })();
                if let Err(e) = step {
                    cancel.store(true, Ordering::Relaxed);
                    outcome = Err(e);
                }
            }
            outcome
        });
        result?;
        if uncommitted {
            progress(Progress::Committing);
            writer.commit()?;
            summary.commits += 1;
        }
        writer.wait_merging_threads()?;
        if summary.commits > 0 {
            self.merge_segments(MAX_SEGMENTS)?;
        }
        summary.elapsed = start.elapsed();
        Ok(summary)
    }

    /// Merges every segment into one when there are more than `max` (a query visits each
    /// segment, and each has its own term dictionaries). Returns whether it merged.
    fn merge_segments(&self, max: usize) -> Result<bool, IndexError> {
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() <= max {
            return Ok(false);
        }
        let mut writer = self.writer(1)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        writer.merge(&ids).wait()?;
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
    fn ids_of_vanished_files_are_free() {
        let mut owners = HashMap::new();
        owners.insert("x".to_string(), PathBuf::from("/nowhere/at/all/x.txt"));
        let files = [found("/r", "x.txt")];
        assert_eq!(assign_ids(&files, &HashMap::new(), &owners), ["x"]);
    }
}
