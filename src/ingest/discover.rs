//! The file discoverer: which files under some paths are reports, walked the way ripgrep
//! walks (the `ignore` crate).
//!
//! - A file named on the command line is always taken, whatever its name or extension
//!   (reading it says whether it is a report).
//! - A folder is walked recursively for the extensions [`formats::EXTENSIONS`]; hidden
//!   entries, paths matched by `.ignore` and `.gitignore` files (in the folder, below it
//!   and above it; also outside a git repository) and by `--exclude` globs are left out,
//!   and so are `README` files and Word lock files (`~$x.docx`), which sit beside reports
//!   without being reports.
//! - Symbolic links are followed; a link back to an ancestor (a loop) is named and not
//!   followed, and a file reached twice is taken once.
//! - A path that does not exist or cannot be read is named with the reason; the others
//!   are still taken.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use crate::report::formats;

/// Options of [`discover`].
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Globs of paths to leave out of the folders walked (gitignore syntax, relative to
    /// each folder given: `*.pdf`, `drafts/`, `2024/**/du-thao*`).
    pub exclude: Vec<String>,
}

/// A report file found by [`discover`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Absolute path (through the canonical form of the path given): the file's key in
    /// the index.
    pub path: PathBuf,
    /// The path relative to the folder given on the command line (a file given by name:
    /// its name alone). The doc id is made from it.
    pub rel: PathBuf,
    /// Size in bytes when found.
    pub bytes: u64,
}

impl FoundFile {
    /// A found file for a path given by name (its doc id from its name alone).
    pub fn named(path: &Path) -> FoundFile {
        let rel = path.file_name().map(PathBuf::from).unwrap_or_default();
        FoundFile {
            path: path.to_path_buf(),
            rel,
            bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        }
    }

    /// The file name (no folder).
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The file's doc id before collisions are resolved (see
    /// [`crate::report::doc_id_for_path`]).
    pub fn doc_id(&self) -> String {
        crate::report::doc_id_for_path(&self.rel)
    }
}

/// A path not taken, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path (as given, or as found in the walk).
    pub path: PathBuf,
    /// Why, in a few words.
    pub reason: String,
}

/// What [`discover`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovered {
    /// Report files: per path given, in the order given; within a folder, sorted by their
    /// relative path. Each file once.
    pub files: Vec<FoundFile>,
    /// Paths not taken, with the reason.
    pub skipped: Vec<Skipped>,
}

/// A usage error of [`discover`].
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    /// An `--exclude` glob that does not parse.
    #[error("--exclude {glob:?}: {message}")]
    BadGlob {
        /// The glob as given.
        glob: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Whether a file met in a folder walk is a report candidate: a supported extension, not
/// a README, not a Word lock file.
fn is_candidate(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or("");
    formats::is_supported(path) && !name.starts_with("~$") && !stem.eq_ignore_ascii_case("readme")
}

/// A short reason for a walk error, and the path it concerns.
fn walk_error(err: &ignore::Error) -> (Option<PathBuf>, String) {
    match err {
        ignore::Error::Loop { ancestor, child } => (
            Some(child.clone()),
            format!(
                "symbolic link loop: points back to {}, not followed",
                ancestor.display()
            ),
        ),
        ignore::Error::WithPath { path, err } => (Some(path.clone()), walk_error(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err)
        }
        ignore::Error::Partial(errs) => errs
            .first()
            .map(walk_error)
            .unwrap_or((None, err.to_string())),
        ignore::Error::Io(e) => (None, super::io_reason(e)),
        other => (None, other.to_string()),
    }
}

/// Whether `path` (links followed) is a regular file.
fn is_regular(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Report files under `paths` (files, and folders walked recursively), and the paths
/// passed over with the reason. Fails only on a bad `--exclude` glob.
pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Result<Discovered, DiscoverError> {
    let mut found = Discovered::default();
    // Canonical paths of the files taken: a file reached twice (two links) is taken once.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for given in paths {
        let abs = match std::fs::canonicalize(given) {
            Ok(abs) => abs,
            Err(e) => {
                found.skipped.push(Skipped {
                    path: given.clone(),
                    reason: super::io_reason(&e),
                });
                continue;
            }
        };
        if !abs.is_dir() {
            // Only a regular file is taken once: anything else is named for each path
            // that leads to it (the read path refuses it with its kind).
            if !is_regular(&abs) || seen.insert(abs.clone()) {
                found.files.push(FoundFile::named(&abs));
            }
            continue;
        }
        let mut overrides = OverrideBuilder::new(&abs);
        for glob in &options.exclude {
            overrides
                .add(&format!("!{glob}"))
                .map_err(|e| DiscoverError::BadGlob {
                    glob: glob.clone(),
                    message: walk_error(&e).1,
                })?;
        }
        let overrides = overrides.build().map_err(|e| DiscoverError::BadGlob {
            glob: options.exclude.join(" "),
            message: walk_error(&e).1,
        })?;
        let mut walk = WalkBuilder::new(&abs);
        walk.standard_filters(true)
            .require_git(false)
            .git_global(false)
            .follow_links(true)
            .overrides(overrides)
            .sort_by_file_name(|a, b| a.cmp(b));
        let mut files = Vec::new();
        for entry in walk.build() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let (path, reason) = walk_error(&err);
                    found.skipped.push(Skipped {
                        path: path.unwrap_or_else(|| abs.clone()),
                        reason,
                    });
                    continue;
                }
            };
            if entry.file_type().is_none_or(|t| t.is_dir()) || !is_candidate(entry.path()) {
                continue;
            }
            let path = entry.into_path();
            let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if is_regular(&canonical) && !seen.insert(canonical) {
                continue;
            }
            let rel = path.strip_prefix(&abs).unwrap_or(&path).to_path_buf();
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            files.push(FoundFile { path, rel, bytes });
        }
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        found.files.extend(files);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn rels(found: &Discovered) -> Vec<String> {
        found
            .files
            .iter()
            .map(|f| f.rel.display().to_string())
            .collect()
    }

    #[test]
    fn folders_are_walked_for_reports_and_the_rest_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b")).unwrap();
        fs::create_dir_all(root.join("nhap")).unwrap();
        for f in [
            "a/b/x.txt",
            "a/y.MD",
            "a/z.bin",
            ".hidden.txt",
            "README.md",
            "~$bao-cao.docx",
            "bao-cao.docx",
            "bao-cao.pdf",
            "nhap/du-thao.doc",
            "bo-qua.pdf",
        ] {
            fs::write(root.join(f), "x").unwrap();
        }
        fs::write(root.join(".ignore"), "bo-qua.pdf\n").unwrap();
        let found = discover(
            &[root.to_path_buf(), root.join("missing.txt")],
            &DiscoverOptions {
                exclude: vec!["nhap/".into()],
            },
        )
        .unwrap();
        assert_eq!(
            rels(&found),
            ["a/b/x.txt", "a/y.MD", "bao-cao.docx", "bao-cao.pdf"]
        );
        assert_eq!(found.skipped.len(), 1);
        assert_eq!(found.skipped[0].reason, "no such file or directory");
        // Named explicitly, a README is taken.
        let found = discover(&[root.join("README.md")], &DiscoverOptions::default()).unwrap();
        assert_eq!(rels(&found), ["README.md"]);
        assert_eq!(found.files[0].doc_id(), "readme");
    }

    #[test]
    fn a_bad_glob_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = discover(
            &[dir.path().to_path_buf()],
            &DiscoverOptions {
                exclude: vec!["a[".into()],
            },
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("--exclude \"a[\""), "{err}");
    }
}
