//! Facet counts and timelines of recent selections, kept while the index's commit stays
//! the same: paging through the results of a query, or coming back to it, asks the same
//! counts again, and they cost more than the page of hits itself.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::state::Failure;

/// Most selections kept: a few hundred small summaries (facet values and yearly counts).
const MAX_ENTRIES: usize = 256;

#[derive(Debug)]
struct Inner<T> {
    /// The commit the entries were computed on ([`crate::search::Searcher::commit_key`]).
    commit: String,
    entries: HashMap<String, (u64, Arc<T>)>,
    clock: u64,
}

/// Values computed per selection (its query string), dropped all at once when the commit
/// changes, the least recently used first past [`MAX_ENTRIES`].
#[derive(Debug)]
pub struct SelectionCache<T> {
    inner: Mutex<Inner<T>>,
}

impl<T> Default for SelectionCache<T> {
    fn default() -> Self {
        SelectionCache {
            inner: Mutex::new(Inner {
                commit: String::new(),
                entries: HashMap::new(),
                clock: 0,
            }),
        }
    }
}

impl<T> SelectionCache<T> {
    /// The value of `key` on `commit`: the kept one, else `compute()` (run outside the
    /// lock; two requests for the same new key may both compute it) kept for next time.
    pub fn get_or(
        &self,
        commit: &str,
        key: &str,
        compute: impl FnOnce() -> Result<T, Failure>,
    ) -> Result<Arc<T>, Failure> {
        {
            let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            if inner.commit != commit {
                inner.entries.clear();
                inner.commit = commit.to_string();
            }
            inner.clock += 1;
            let now = inner.clock;
            if let Some((used, value)) = inner.entries.get_mut(key) {
                *used = now;
                return Ok(value.clone());
            }
        }
        let value = Arc::new(compute()?);
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.commit == commit {
            inner.clock += 1;
            let now = inner.clock;
            inner.entries.insert(key.to_string(), (now, value.clone()));
            while inner.entries.len() > MAX_ENTRIES {
                let Some(oldest) = inner
                    .entries
                    .iter()
                    .min_by_key(|(_, (used, _))| *used)
                    .map(|(k, _)| k.clone())
                else {
                    break;
                };
                inner.entries.remove(&oldest);
            }
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_kept_per_commit_and_bounded() {
        let cache = SelectionCache::<usize>::default();
        let computed = std::cell::Cell::new(0);
        let get = |commit: &str, key: &str| {
            *cache
                .get_or(commit, key, || {
                    computed.set(computed.get() + 1);
                    Ok(key.len())
                })
                .unwrap()
        };
        assert_eq!(get("c1", "q=a"), 3);
        assert_eq!(get("c1", "q=a"), 3);
        assert_eq!(computed.get(), 1, "kept");
        get("c2", "q=a");
        assert_eq!(computed.get(), 2, "a new commit computes again");
        for i in 0..MAX_ENTRIES + 10 {
            get("c2", &format!("q={i}"));
        }
        assert!(cache.inner.lock().unwrap().entries.len() <= MAX_ENTRIES);
        // Errors are not kept.
        let failed = cache.get_or("c2", "bad", || Err(Failure::BadRequest("x".into())));
        assert!(failed.is_err());
        assert!(!cache.inner.lock().unwrap().entries.contains_key("bad"));
    }
}
