//! The index folder as tantivy sees it: an mmap directory that still opens for reading
//! when the folder cannot be written (a read-only mount, a folder without write
//! permission). tantivy takes its meta lock (`.tantivy-meta.lock`, a file it creates)
//! while it opens segments, to keep a writer's garbage collection from deleting them
//! meanwhile; where no file can be created, no writer can delete one either, so the
//! reader goes on without that lock. Readers never take the writer lock.

use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr, META_LOCK,
};
use tantivy::Directory;

/// [`MmapDirectory`] whose meta lock is skipped when the folder is read-only.
#[derive(Clone, Debug)]
pub(crate) struct IndexDir {
    inner: MmapDirectory,
}

impl IndexDir {
    /// Opens the folder `dir`.
    pub(crate) fn open(dir: &Path) -> Result<IndexDir, tantivy::TantivyError> {
        let inner = MmapDirectory::open(dir)
            .map_err(|e| tantivy::TantivyError::SystemError(e.to_string()))?;
        Ok(IndexDir { inner })
    }
}

/// Whether `e` says the folder cannot be written (rather than that the lock is held).
fn cannot_write(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    if matches!(
        e.raw_os_error(),
        Some(libc::EROFS) | Some(libc::EACCES) | Some(libc::EPERM)
    ) {
        return true;
    }
    e.kind() == std::io::ErrorKind::PermissionDenied
}

impl Directory for IndexDir {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && cannot_write(&e) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
