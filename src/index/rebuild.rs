//! `index --rebuild`: the new index is built beside the old one, in a hidden sibling
//! folder, and swapped in only once it is complete. A rebuild that fails (disk full,
//! killed, bad input) leaves the old index as it was, searchable; its writer lock is
//! held for the whole rebuild so that no other run writes into it meanwhile. The
//! leftovers of a killed rebuild are removed by the next one.

use std::fs;
use std::path::{Path, PathBuf};

use tantivy::directory::{DirectoryLock, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::Directory;

use super::{exists, lock_error, patiently, BaocaoIndex, IndexError, META_FILE};

/// A rebuild in progress: index into [`Rebuild::index`], then [`Rebuild::finish`].
/// Dropped unfinished, it removes the new index and leaves the old one alone.
pub struct Rebuild {
    target: PathBuf,
    staging: Option<PathBuf>,
    index: BaocaoIndex,
    /// The old index's writer lock, held until the swap.
    _lock: Option<DirectoryLock>,
}

impl std::fmt::Debug for Rebuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rebuild")
            .field("target", &self.target)
            .field("staging", &self.staging)
            .finish_non_exhaustive()
    }
}

/// The hidden sibling folder a rebuild of `dir` is built in.
fn staging_dir(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".to_string());
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.rebuild"))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> IndexError + '_ {
    move |source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl BaocaoIndex {
    /// Starts rebuilding the index in `dir` (see the module documentation). Refuses a
    /// folder that holds other files and no index.
    pub fn begin_rebuild(dir: impl AsRef<Path>) -> Result<Rebuild, IndexError> {
        let dir = dir.as_ref();
        Self::begin_rebuild_inner(dir).map_err(|e| super::disk_full_or(dir, e))
    }

    fn begin_rebuild_inner(dir: &Path) -> Result<Rebuild, IndexError> {
        let is_index = exists(dir) || dir.join(META_FILE).is_file();
        let is_empty = fs::read_dir(dir)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(true);
        if !is_index {
            if !is_empty {
                return Err(IndexError::NotAnIndex {
                    dir: dir.to_path_buf(),
                });
            }
            // Nothing to keep: build in place.
            return Ok(Rebuild {
                target: dir.to_path_buf(),
                staging: None,
                index: BaocaoIndex::create_or_open(dir)?,
                _lock: None,
            });
        }
        let mmap = MmapDirectory::open(dir).map_err(|e| IndexError::Corrupt {
            dir: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let lock =
            patiently(|| mmap.acquire_lock(&INDEX_WRITER_LOCK)).map_err(|e| lock_error(dir, e))?;
        let staging = staging_dir(dir);
        if staging.exists() {
            // Left by a rebuild that was killed: ours to remove, as we hold the lock.
            fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        let index = match BaocaoIndex::create_or_open(&staging) {
            Ok(i) => i,
            Err(e) => {
                let _ = fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        Ok(Rebuild {
            target: dir.to_path_buf(),
            staging: Some(staging),
            index,
            _lock: Some(lock),
        })
    }
}

impl Rebuild {
    /// The new index, to fill.
    pub fn index(&self) -> &BaocaoIndex {
        &self.index
    }

    /// Swaps the new index in place of the old one (atomically where the file system
    /// can), removes the old one and returns the new index opened at its final place.
    pub fn finish(mut self) -> Result<BaocaoIndex, IndexError> {
        let Some(staging) = self.staging.take() else {
            return BaocaoIndex::open(&self.target);
        };
        let target = self.target.clone();
        if !exchange(&staging, &target) {
            // Two renames: the target is missing for a moment.
            let old = staging.with_extension("old");
            let _ = fs::remove_dir_all(&old);
            fs::rename(&target, &old).map_err(io(&target))?;
            if let Err(e) = fs::rename(&staging, &target) {
                let _ = fs::rename(&old, &target);
                return Err(io(&target)(e));
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            // `staging` now holds the old index.
            let _ = fs::remove_dir_all(&staging);
        }
        BaocaoIndex::open(&target)
    }
}

impl Drop for Rebuild {
    fn drop(&mut self) {
        if let Some(staging) = self.staging.take() {
            let _ = fs::remove_dir_all(staging);
        }
    }
}

/// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`); false when the
/// system or file system cannot.
fn exchange(a: &Path, b: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let (Ok(a), Ok(b)) = (
            std::ffi::CString::new(a.as_os_str().as_bytes()),
            std::ffi::CString::new(b.as_os_str().as_bytes()),
        ) else {
            return false;
        };
        // SAFETY: two valid C strings; the syscall only reads them.
        let r = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        r == 0
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(text: &str) -> crate::report::Report {
        crate::report::parse_text("a.txt", &format!("BÁO CÁO\n\nI. TÌNH HÌNH\n\n{text}\n"))
    }

    #[test]
    fn a_finished_rebuild_replaces_and_a_dropped_one_keeps_the_old_index() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("idx");
        let old = BaocaoIndex::create_or_open(&dir).unwrap();
        old.add_reports(&[report("Giải ngân vốn đầu tư công.")])
            .unwrap();
        drop(old);
        // Dropped before finishing: the old index stays, the staging folder goes.
        let r = BaocaoIndex::begin_rebuild(&dir).unwrap();
        r.index().add_reports(&[report("Thu ngân sách.")]).unwrap();
        // A second writer meanwhile is told the index is busy.
        let other = BaocaoIndex::open(&dir).unwrap();
        assert!(matches!(other.writer(1), Err(IndexError::Busy { .. })));
        drop(other);
        drop(r);
        assert!(!staging_dir(&dir).exists());
        let n = |i: &BaocaoIndex| i.reader().unwrap().searcher().num_docs();
        let kept = BaocaoIndex::open(&dir).unwrap();
        let before = n(&kept);
        assert!(before > 0);
        // Finished: swapped in.
        let r = BaocaoIndex::begin_rebuild(&dir).unwrap();
        r.index()
            .add_reports(&[report("Thu ngân sách. Chi ngân sách.")])
            .unwrap();
        let new = r.finish().unwrap();
        assert_eq!(new.dir(), Some(dir.as_path()));
        assert!(!staging_dir(&dir).exists());
        assert!(n(&new) > 0);
        // A reader opened before the swap still reads the old files.
        assert_eq!(n(&kept), before);
    }
}
