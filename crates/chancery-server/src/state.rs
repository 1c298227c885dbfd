//! What every request handler can reach: the store, the search index, the clock, the
//! configuration.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use chancery_index::SearchIndex;
use chancery_store::{Clock, Store};

use crate::access::Gate;
use crate::auth::rate::{ApiLimiter, ApiRate, LoginLimiter};
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
    data_dir: PathBuf,
    logins: LoginLimiter,
    api_limit: ApiLimiter,
    uploads: crate::uploads::Jobs,
    names: crate::names::Names,
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
        let data_dir = index_root
            .parent()
            .map_or_else(|| index_root.clone(), std::path::Path::to_path_buf);
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
                data_dir,
                logins: LoginLimiter::default(),
                api_limit: ApiLimiter::new(None),
                uploads: crate::uploads::Jobs::default(),
                names: crate::names::Names::baseline(),
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

    /// The same state with the API's rate limit set (`None`: no limit; call before the
    /// server starts). Without it the API is not limited.
    #[must_use]
    pub fn with_api_rate(mut self, rate: Option<ApiRate>) -> Self {
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => inner.api_limit = ApiLimiter::new(rate),
            None => tracing::warn!("the API's rate can only be set before the server starts"),
        }
        self
    }

    /// The same state with another data directory, where uploads are written before they
    /// are imported (call before the server starts; the default is the index's parent).
    #[must_use]
    pub fn with_data_dir(mut self, dir: PathBuf) -> Self {
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => inner.data_dir = dir,
            None => tracing::warn!("the data directory can only be set before the server starts"),
        }
        self
    }

    /// The archive's data directory.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.inner.data_dir
    }

    /// Failed sign-ins.
    pub fn logins(&self) -> &LoginLimiter {
        &self.inner.logins
    }

    /// The upload jobs.
    pub fn uploads(&self) -> &crate::uploads::Jobs {
        &self.inner.uploads
    }

    /// Display names of authority identifiers (the store's records, then the baseline).
    pub fn names(&self) -> &crate::names::Names {
        &self.inner.names
    }

    /// The API's rate limit.
    pub fn api_limit(&self) -> &ApiLimiter {
        &self.inner.api_limit
    }

    /// Whether cookies must be `Secure` (the site's public address is https).
    pub fn secure_cookies(&self) -> bool {
        self.inner
            .site
            .base_url
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
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

    /// The gate of an anonymous visitor now: for what is public by design whoever asks
    /// (OAI-PMH, sitemaps). Requests are judged by their caller's gate
    /// ([`crate::auth::caller::Caller::gate`]).
    pub fn anonymous_gate(&self) -> Gate {
        Gate::anonymous(self.now())
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
