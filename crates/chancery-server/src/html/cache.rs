//! A bounded in-memory cache of rendered pages, keyed by everything a page depends on (the
//! same parts as its validator: the document's revision, the index's content tag, the
//! viewer, the day, the site). A key never outlives what it describes: when anything changes,
//! the key changes, and the old entry is simply never asked for again until it is evicted.
//!
//! Document and result pages cost an index scan or two, citations and a template to build;
//! a page asked for again is served from here.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, LazyLock, Mutex};

use axum::body::Bytes;

/// The most bytes of pages kept.
const MAX_BYTES: usize = 256 * 1024 * 1024;
/// Pages larger than this are not kept (they would push out many others).
const MAX_PAGE: usize = 2 * 1024 * 1024;

/// The cache.
#[derive(Default)]
pub struct PageCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    pages: HashMap<Arc<str>, Bytes>,
    /// Keys in the order they went in (oldest first), for eviction.
    order: VecDeque<Arc<str>>,
    bytes: usize,
}

static PAGES: LazyLock<PageCache> = LazyLock::new(PageCache::default);

/// The process's page cache.
pub fn pages() -> &'static PageCache {
    &PAGES
}

impl PageCache {
    /// The page kept under `key`.
    pub fn get(&self, key: &str) -> Option<Bytes> {
        let inner = match self.inner.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        inner.pages.get(key).cloned()
    }

    /// Keeps `page` under `key`, evicting the oldest pages beyond the size limit.
    pub fn put(&self, key: &str, page: Bytes) {
        if page.len() > MAX_PAGE {
            return;
        }
        let mut inner = match self.inner.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if inner.pages.contains_key(key) {
            return;
        }
        let key: Arc<str> = Arc::from(key);
        inner.bytes += page.len() + key.len();
        inner.pages.insert(Arc::clone(&key), page);
        inner.order.push_back(key);
        while inner.bytes > MAX_BYTES {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            if let Some(old) = inner.pages.remove(&oldest) {
                inner.bytes = inner.bytes.saturating_sub(old.len() + oldest.len());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_kept_and_evicted_oldest_first() {
        let cache = PageCache::default();
        cache.put("a", Bytes::from_static(b"page a"));
        assert_eq!(cache.get("a").as_deref(), Some(&b"page a"[..]));
        assert!(cache.get("b").is_none());
        let big = Bytes::from(vec![0u8; MAX_PAGE]);
        for i in 0..(MAX_BYTES / MAX_PAGE + 2) {
            cache.put(&format!("big{i}"), big.clone());
        }
        assert!(cache.get("a").is_none());
        assert!(cache.get("big0").is_none());
        assert!(
            cache
                .get(&format!("big{}", MAX_BYTES / MAX_PAGE + 1))
                .is_some()
        );
    }
}
