//! Where in a report's source file a piece of a unit's text sits: the line to cite.
//!
//! The stored text of a section is re-flowed (PDF hard wraps joined, footnote markers
//! removed), so a position in it is not a line of the file. [`LineFinder`] compares
//! letters only (folded, lower-case) between the unit's text and the file's text, which
//! line wraps, blank lines, markers and markdown do not change. The file is read the way
//! the indexer read it ([`crate::report::formats::read`]), so line numbers are those of
//! `line_start` (for `.docx`/`.pdf`/`.doc`: lines of the extracted text).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::analysis;

/// Finds the line of a report file where a sentence begins, comparing letters only
/// (folded, lower-case), so that line wraps, blank lines, footnote markers, markdown and
/// spacing of the PDF-extracted layout do not matter.
#[derive(Debug, Clone)]
pub struct LineFinder {
    letters: Vec<char>,
    lines: Vec<usize>,
}

/// Letters of a sentence's beginning used to find it.
const KEY_LETTERS: usize = 48;
/// Shortest beginning tried when the whole key is not found (a footnote body printed in
/// the middle of the paragraph, in the clean layout, breaks the letters of the line):
/// long enough to be specific within one unit's lines.
const MIN_KEY_LETTERS: usize = 16;

fn folded_letters(text: &str) -> impl Iterator<Item = char> {
    analysis::fold(text)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
}

impl LineFinder {
    /// Indexes the letters of a report file's text.
    pub fn new(source: &str) -> Self {
        let mut letters = Vec::new();
        let mut lines = Vec::new();
        for (i, line) in source.lines().enumerate() {
            for c in folded_letters(line) {
                letters.push(c);
                lines.push(i + 1);
            }
        }
        Self { letters, lines }
    }

    /// The 1-based line where `sentence` begins, searching from line `from` on.
    pub fn find(&self, from: usize, sentence: &str) -> Option<usize> {
        let key: Vec<char> = folded_letters(sentence).take(KEY_LETTERS).collect();
        let mut len = key.len();
        while len > 0 {
            if let Some(line) = self.find_key(from, &key[..len]) {
                return Some(line);
            }
            if len <= MIN_KEY_LETTERS {
                return None;
            }
            len = (len / 2).max(MIN_KEY_LETTERS);
        }
        None
    }

    fn find_key(&self, from: usize, key: &[char]) -> Option<usize> {
        let begin = self.lines.partition_point(|&l| l < from);
        self.letters[begin..]
            .windows(key.len())
            .position(|w| w == key)
            .map(|p| self.lines[begin + p])
    }
}

/// Most distinct source files read to locate match lines for one request: each may need
/// an external converter (`pdftotext`), so a page of hits from hundreds of PDFs falls back
/// to the units' first lines past this many files.
pub const MAX_LOCATED_FILES: usize = 50;

/// Most files whose line finders a [`SourceCache`] keeps.
const MAX_CACHED_FILES: usize = 512;
/// Most letters (12–16 bytes each in a [`LineFinder`]) a [`SourceCache`] keeps: about
/// 100 MB, the folded letters of a few thousand typical reports.
const MAX_CACHED_LETTERS: usize = 8_000_000;

/// What identifies a version of a file: its length and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// One cached file: its version, its finder (None when unreadable) and when last used.
struct Cached {
    stamp: Stamp,
    finder: Option<Arc<LineFinder>>,
    used: u64,
}

#[derive(Default)]
struct CacheInner {
    files: HashMap<PathBuf, Cached>,
    letters: usize,
    clock: u64,
}

/// Line finders kept between requests by a long-running process (`baocao serve`): reading
/// and folding a source file (or converting a PDF) costs far more than a search, and the
/// same few files come back page after page. An entry is used only while the file's
/// length and modification time are those it was read with, so an edited file is read
/// again; the least recently used entries go past [`MAX_CACHED_FILES`] files or
/// [`MAX_CACHED_LETTERS`] letters.
#[derive(Default)]
pub struct SourceCache {
    inner: Mutex<CacheInner>,
}

impl std::fmt::Debug for SourceCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceCache").finish_non_exhaustive()
    }
}

impl SourceCache {
    /// The finder of the file at `path`: the cached one while the file is unchanged, else
    /// read now (outside the lock) and kept.
    fn finder(&self, path: &Path) -> Option<Arc<LineFinder>> {
        let stamp = stamp(path)?;
        {
            let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            inner.clock += 1;
            let now = inner.clock;
            if let Some(c) = inner.files.get_mut(path) {
                if c.stamp == stamp {
                    c.used = now;
                    return c.finder.clone();
                }
            }
        }
        let finder = read_finder(path).map(Arc::new);
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let letters = finder.as_ref().map_or(0, |f| f.letters.len());
        if letters > MAX_CACHED_LETTERS {
            return finder;
        }
        inner.clock += 1;
        let used = inner.clock;
        if let Some(old) = inner.files.insert(
            path.to_path_buf(),
            Cached {
                stamp,
                finder: finder.clone(),
                used,
            },
        ) {
            inner.letters -= old.finder.map_or(0, |f| f.letters.len());
        }
        inner.letters += letters;
        while inner.files.len() > MAX_CACHED_FILES || inner.letters > MAX_CACHED_LETTERS {
            let Some(oldest) = inner
                .files
                .iter()
                .min_by_key(|(_, c)| c.used)
                .map(|(p, _)| p.clone())
            else {
                break;
            };
            if let Some(old) = inner.files.remove(&oldest) {
                inner.letters -= old.finder.map_or(0, |f| f.letters.len());
            }
        }
        finder
    }
}

/// Reads the file at `path` the way the indexer did and indexes its letters.
fn read_finder(path: &Path) -> Option<LineFinder> {
    crate::report::formats::read(path)
        .ok()
        .map(|ingested| LineFinder::new(&ingested.text))
}

/// Source texts read for one request, by path (None when unreadable); taken from a
/// [`SourceCache`] when there is one.
#[derive(Default)]
pub struct SourceTexts {
    finders: HashMap<PathBuf, Option<Arc<LineFinder>>>,
    cache: Option<Arc<SourceCache>>,
}

impl SourceTexts {
    /// Source texts for one request that take the files already read from `cache` (and
    /// leave there those read now).
    pub fn with_cache(cache: Option<Arc<SourceCache>>) -> SourceTexts {
        SourceTexts {
            finders: HashMap::new(),
            cache,
        }
    }

    /// The finder of the file at `path`, reading it on first use. At most
    /// [`MAX_LOCATED_FILES`] distinct files per request, cached or not, so that the
    /// answer does not depend on what an earlier request read.
    pub fn finder(&mut self, path: &Path) -> Option<&LineFinder> {
        if !self.finders.contains_key(path) {
            let finder = if self.finders.len() >= MAX_LOCATED_FILES {
                None
            } else if let Some(cache) = &self.cache {
                cache.finder(path)
            } else {
                read_finder(path).map(Arc::new)
            };
            self.finders.insert(path.to_path_buf(), finder);
        }
        self.finders.get(path)?.as_deref()
    }

    /// The line where `text` (a piece of a unit's text) begins in the source `path`,
    /// looking from line `from` up to line `to` (no bound when `to < from`).
    pub fn line_of(&mut self, path: &Path, from: usize, to: usize, text: &str) -> Option<usize> {
        let line = self.finder(path)?.find(from.max(1), text)?;
        (to < from || line <= to).then_some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_finder_reads_through_wraps_and_markers() {
        let file = "I. MỞ ĐẦU\n\nTập trung triển khai gieo trồng vụ Đông, tổng diện tích gieo trồng ước \n\nđạt 3.666 ha1; các đối tượng dịch hại có sự biến động nhẹ. Đàn gia súc, gia cầm \n\ncơ bản phát triển ổn định2; trong tháng thực hiện tiêm phòng";
        let finder = LineFinder::new(file);
        assert_eq!(
            finder.find(1, "Tập trung triển khai gieo trồng vụ Đông, tổng diện tích"),
            Some(3)
        );
        assert_eq!(
            finder.find(
                1,
                "Đàn gia súc, gia cầm cơ bản phát triển ổn định; trong tháng"
            ),
            Some(5)
        );
        assert_eq!(finder.find(6, "Đàn gia súc, gia cầm cơ bản"), None);
        assert_eq!(finder.find(1, "Không có câu này trong văn bản"), None);
        assert_eq!(finder.find(1, "12,5%"), None);
    }

    #[test]
    fn the_cache_reads_a_file_again_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        std::fs::write(&path, "dòng một\nGiải ngân vốn đầu tư công\n").unwrap();
        let cache = Arc::new(SourceCache::default());
        let line = |cache: &Arc<SourceCache>| {
            SourceTexts::with_cache(Some(cache.clone())).line_of(&path, 1, 0, "Giải ngân vốn")
        };
        assert_eq!(line(&cache), Some(2));
        // Kept: the same finder comes back while the file is unchanged.
        let a = cache.finder(&path).unwrap();
        let b = cache.finder(&path).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        // A different length is a new version of the file.
        std::fs::write(&path, "một\nhai\nba\nGiải ngân vốn đầu tư công\n").unwrap();
        assert_eq!(line(&cache), Some(4));
        // A file that disappears is not located any more.
        std::fs::remove_file(&path).unwrap();
        assert_eq!(line(&cache), None);
    }

    #[test]
    fn line_finder_reads_decomposed_text() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "dòng một\nGiải ngân vốn đầu tư công".nfd().collect();
        assert_eq!(LineFinder::new(&nfd).find(1, "Giải ngân vốn"), Some(2));
    }
}
