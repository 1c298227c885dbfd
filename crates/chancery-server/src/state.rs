//! What every request handler can reach: the store, the search index, the clock, the
//! configuration.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use chancery_index::SearchIndex;
use chancery_store::{Clock, Store};

use crate::access::{Gate, Viewer};
use crate::error::AppError;

/// How the server presents itself.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The archive's name, shown in pages and metadata.
    pub name: String,
    /// The public address the archive is reached at (no trailing slash), for canonical
    /// links, sitemaps and citations, e.g. `https://archive.example.org`.
    pub base_url: String,
}

/// How the OAI-PMH provider presents itself.
#[derive(Debug, Clone)]
pub struct OaiConfig {
    /// Records or identifiers per list page.
    pub page_size: usize,
    /// The address in Identify's `adminEmail`.
    pub admin_email: String,
}

/// The shared state of the server.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    index: RwLock<Arc<SearchIndex>>,
    index_root: PathBuf,
    clock: Arc<dyn Clock>,
    site: SiteConfig,
    oai: OaiConfig,
}

impl AppState {
    /// State over an open store and index.
    pub fn new(
        store: Arc<dyn Store>,
        index: SearchIndex,
        clock: Arc<dyn Clock>,
        site: SiteConfig,
    ) -> Self {
        let index_root = index.root().to_path_buf();
        let host = site
            .base_url
            .split("://")
            .nth(1)
            .unwrap_or("localhost")
            .split(['/', ':'])
            .next()
            .unwrap_or("localhost");
        let oai = OaiConfig {
            page_size: 100,
            admin_email: format!("archivist@{host}"),
        };
        Self {
            inner: Arc::new(Inner {
                store,
                index: RwLock::new(Arc::new(index)),
                index_root,
                clock,
                site,
                oai,
            }),
        }
    }

    /// The same state with another OAI-PMH configuration (call before the server starts).
    #[must_use]
    pub fn with_oai(mut self, oai: OaiConfig) -> Self {
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => inner.oai = oai,
            None => {
                tracing::warn!("the OAI-PMH configuration can only be set before the server starts")
            }
        }
        self
    }

    /// The OAI-PMH configuration.
    pub fn oai(&self) -> &OaiConfig {
        &self.inner.oai
    }

    /// The store.
    pub fn store(&self) -> Arc<dyn Store> {
        Arc::clone(&self.inner.store)
    }

    /// The search index in use.
    pub fn index(&self) -> Arc<SearchIndex> {
        match self.inner.index.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Puts a new index generation in use (after a rebuild by `chancery reindex`).
    pub fn replace_index(&self, index: SearchIndex) {
        let mut guard = match self.inner.index.write() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        *guard = Arc::new(index);
    }

    /// The index's root directory.
    pub fn index_root(&self) -> &std::path::Path {
        &self.inner.index_root
    }

    /// The clock.
    pub fn now(&self) -> jiff::Timestamp {
        self.inner.clock.now()
    }

    /// The site's configuration.
    pub fn site(&self) -> &SiteConfig {
        &self.inner.site
    }

    /// The access gate for a request (every visitor is anonymous until accounts exist).
    pub fn gate(&self) -> Gate {
        Gate::new(Viewer::Anonymous, self.now())
    }

    /// Runs blocking work (the store and the index are synchronous) off the async workers.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(AppState) -> Result<T, AppError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || work(state)).await?
    }
}
