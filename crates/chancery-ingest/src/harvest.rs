//! Harvesting from an OAI-PMH provider through the same pipeline as files: each page of
//! `ListRecords` is read by the Dublin Core or TEI reader, validated and committed as one
//! batch; deletions at the source become tombstones; where the harvest stands is saved after
//! every page, so an interrupted harvest resumes from its last page, and a completed one
//! remembers the provider's `responseDate` so that the next run asks only for what changed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::enrichment::Enricher;
use chancery_formats::oai::{self, OaiPage, OaiRecord, OaiResponseError};
use chancery_formats::{FormatError, ReadContext, dc, tei};
use chancery_model::{Document, DocumentId, Provenance};
use chancery_store::{
    DocOutcome, HarvestState, ImportedFile, NewImportRun, RunStatus, Store, StoreError, WriteMeta,
};

use crate::summary::Failure;

/// What to harvest.
#[derive(Debug, Clone)]
pub struct HarvestOptions {
    /// The provider's base URL (e.g. `https://archive.example.org/oai`).
    pub url: String,
    /// The metadata format: `oai_dc` or `tei`.
    pub metadata_prefix: String,
    /// Only this set.
    pub set: Option<String>,
    /// Only records changed from this datestamp on; without it, from where the last
    /// harvest of this source ended (or everything, the first time).
    pub from: Option<String>,
    /// Who harvests (the change log's actor).
    pub actor: String,
    /// Collections every harvested document is added to.
    pub collections: Vec<String>,
    /// Enrichment applied to every harvested document; none when unset.
    pub enrich: Option<Enricher>,
}

/// What a harvest did.
#[derive(Debug, Default)]
pub struct HarvestSummary {
    /// Pages fetched.
    pub pages: usize,
    /// Records received (deleted ones included).
    pub records: usize,
    /// Documents stored for the first time.
    pub new: usize,
    /// Documents whose content changed.
    pub changed: usize,
    /// Documents already stored exactly so.
    pub unchanged: usize,
    /// Documents deleted here because the provider deleted them.
    pub deleted: usize,
    /// Records that could not go in.
    pub failures: Vec<Failure>,
    /// Whether the harvest continued an interrupted one.
    pub resumed: bool,
    /// The `from` asked for, if any.
    pub from: Option<String>,
    /// Whether the harvest was stopped before the list ended.
    pub interrupted: bool,
}

/// Why a harvest stopped.
#[derive(Debug, thiserror::Error)]
pub enum HarvestError {
    /// The provider could not be reached or answered with an HTTP error, after retries.
    #[error("cannot fetch {url}: {message}")]
    Fetch {
        /// The request.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The provider answered with an OAI-PMH error or something that is not OAI-PMH.
    #[error("{url}: {error}")]
    Response {
        /// The request.
        url: String,
        /// What it answered.
        error: OaiResponseError,
    },
    /// The store refused a write.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Fetches a URL's body as text.
pub trait Fetch {
    /// The body of a GET of `url`, or why there is none.
    fn get(&self, url: &str) -> Result<String, String>;
}

/// HTTP(S) with retries: transport errors, 429 and 5xx are retried with exponential backoff
/// (1, 2, 4, 8, 16 s, or the provider's `Retry-After`).
pub struct HttpFetch {
    agent: ureq::Agent,
    retries: u32,
}

impl HttpFetch {
    /// A fetcher retrying `retries` times.
    pub fn new(retries: u32) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(120)))
            .http_status_as_error(false)
            .user_agent(concat!(
                "Chancery/",
                env!("CARGO_PKG_VERSION"),
                " OAI-PMH harvester"
            ))
            .build();
        Self {
            agent: config.into(),
            retries,
        }
    }
}

impl Fetch for HttpFetch {
    fn get(&self, url: &str) -> Result<String, String> {
        let mut delay = Duration::from_secs(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = self.agent.get(url).call();
            let retry_after = match outcome {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    if status < 400 {
                        return response
                            .body_mut()
                            .read_to_string()
                            .map_err(|e| e.to_string());
                    }
                    if status != 429 && status < 500 {
                        return Err(format!("HTTP {status}"));
                    }
                    let wait = response
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    if attempt > self.retries {
                        return Err(format!("HTTP {status} after {attempt} attempts"));
                    }
                    wait
                }
                Err(e) => {
                    if attempt > self.retries {
                        return Err(format!("{e} after {attempt} attempts"));
                    }
                    None
                }
            };
            let wait = retry_after.unwrap_or(delay).min(Duration::from_secs(300));
            tracing::warn!(url, attempt, ?wait, "retrying the request");
            std::thread::sleep(wait);
            delay = (delay * 2).min(Duration::from_secs(60));
        }
    }
}

/// The key a harvest's state is kept under.
fn source_key(options: &HarvestOptions) -> String {
    format!(
        "{} {} {}",
        options.url,
        options.metadata_prefix,
        options.set.as_deref().unwrap_or("")
    )
}

fn list_url(options: &HarvestOptions, from: Option<&str>) -> String {
    let mut query = form_query(&[
        ("verb", "ListRecords"),
        ("metadataPrefix", &options.metadata_prefix),
    ]);
    if let Some(set) = &options.set {
        query.push('&');
        query.push_str(&form_query(&[("set", set)]));
    }
    if let Some(from) = from {
        query.push('&');
        query.push_str(&form_query(&[("from", from)]));
    }
    format!("{}?{query}", options.url)
}

fn form_query(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent(k));
        out.push('=');
        out.push_str(&percent(v));
    }
    out
}

fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Harvests `options.url` into `store`. Setting `cancel` stops after the page in progress;
/// the next run resumes there.
pub fn harvest(
    store: &dyn Store,
    options: &HarvestOptions,
    fetch: &dyn Fetch,
    cancel: &AtomicBool,
) -> Result<HarvestSummary, HarvestError> {
    let key = source_key(options);
    let state = store.harvest_state(&key)?.unwrap_or_default();
    let mut summary = HarvestSummary::default();
    let run = store.begin_import(NewImportRun {
        actor: options.actor.clone(),
        arguments: format!("harvest {key}"),
    })?;
    let result = harvest_pages(
        store,
        options,
        fetch,
        cancel,
        &key,
        state,
        run,
        &mut summary,
    );
    let status = match &result {
        Err(_) => RunStatus::Failed,
        Ok(()) if summary.interrupted => RunStatus::Interrupted,
        Ok(()) => RunStatus::Completed,
    };
    let finished = store.finish_import(run, status);
    result?;
    finished?;
    Ok(summary)
}

#[allow(clippy::too_many_arguments)]
fn harvest_pages(
    store: &dyn Store,
    options: &HarvestOptions,
    fetch: &dyn Fetch,
    cancel: &AtomicBool,
    key: &str,
    state: HarvestState,
    run: chancery_store::ImportRunId,
    summary: &mut HarvestSummary,
) -> Result<(), HarvestError> {
    let mut run_started = state.run_started.clone();
    let mut url = match &state.token {
        Some(token) => {
            summary.resumed = true;
            format!(
                "{}?{}",
                options.url,
                form_query(&[("verb", "ListRecords"), ("resumptionToken", token)])
            )
        }
        None => {
            summary.from = options.from.clone().or_else(|| state.next_from.clone());
            list_url(options, summary.from.as_deref())
        }
    };
    loop {
        if cancel.load(Ordering::SeqCst) {
            summary.interrupted = true;
            return Ok(());
        }
        let page = fetch_page(fetch, &url, options, summary)?;
        summary.pages += 1;
        if run_started.is_none() {
            run_started = page.response_date.clone();
        }
        store_page(store, options, run, &page, summary)?;
        match &page.resumption_token {
            Some(token) => {
                store.save_harvest_state(
                    key,
                    &HarvestState {
                        next_from: state.next_from.clone(),
                        token: Some(token.clone()),
                        run_started: run_started.clone(),
                    },
                )?;
                url = format!(
                    "{}?{}",
                    options.url,
                    form_query(&[("verb", "ListRecords"), ("resumptionToken", token)])
                );
            }
            None => {
                // Complete: the next harvest asks for what changed since this one began.
                store.save_harvest_state(
                    key,
                    &HarvestState {
                        next_from: run_started.or(state.next_from),
                        token: None,
                        run_started: None,
                    },
                )?;
                return Ok(());
            }
        }
    }
}

/// Fetches and reads one page. A provider that refuses a `from` with seconds (day
/// granularity only) is asked again with the day.
fn fetch_page(
    fetch: &dyn Fetch,
    url: &str,
    options: &HarvestOptions,
    summary: &mut HarvestSummary,
) -> Result<OaiPage, HarvestError> {
    let body = fetch.get(url).map_err(|message| HarvestError::Fetch {
        url: url.to_string(),
        message,
    })?;
    match oai::parse_response(&body) {
        Err(OaiResponseError::Protocol { code, .. })
            if code == "badArgument"
                && summary.pages == 0
                && summary.from.as_ref().is_some_and(|f| f.len() > 10) =>
        {
            let day = summary.from.as_ref().map(|f| f[..10].to_string());
            summary.from = day;
            let retry = list_url(options, summary.from.as_deref());
            let body = fetch.get(&retry).map_err(|message| HarvestError::Fetch {
                url: retry.clone(),
                message,
            })?;
            oai::parse_response(&body).map_err(|error| HarvestError::Response { url: retry, error })
        }
        other => other.map_err(|error| HarvestError::Response {
            url: url.to_string(),
            error,
        }),
    }
}

/// The document's identity: the UUID in the OAI identifier (Chancery providers put it
/// there), else one derived from the identifier.
fn identity(record: &OaiRecord) -> DocumentId {
    let uuid = record
        .identifier
        .rsplit([':', '/'])
        .next()
        .and_then(|tail| tail.parse::<DocumentId>().ok());
    uuid.unwrap_or_else(|| DocumentId::from_key(&format!("harvest:{}", record.identifier)))
}

fn store_page(
    store: &dyn Store,
    options: &HarvestOptions,
    run: chancery_store::ImportRunId,
    page: &OaiPage,
    summary: &mut HarvestSummary,
) -> Result<(), HarvestError> {
    let mut documents: Vec<Document> = Vec::new();
    for record in &page.records {
        summary.records += 1;
        let id = identity(record);
        if record.deleted {
            if let Some(stored) = store.get(id)?
                && !stored.deleted
            {
                store.delete(
                    id,
                    WriteMeta::new(
                        options.actor.clone(),
                        format!("deleted at the source: {}", record.identifier),
                    ),
                    None,
                )?;
                summary.deleted += 1;
            }
            continue;
        }
        match read_record(record, options, id) {
            Ok(mut doc) => {
                if let Some(enricher) = &options.enrich {
                    enricher.apply(&mut doc);
                }
                documents.push(doc);
            }
            Err(errors) => summary.failures.push(Failure {
                path: record.identifier.clone(),
                errors,
            }),
        }
    }
    if documents.is_empty() {
        return Ok(());
    }
    let file = ImportedFile {
        path: format!("{} page {}", options.url, summary.pages),
        sha256: String::new(),
        size: 0,
        format: Some(options.metadata_prefix.clone()),
        documents,
        error: None,
        warnings: Vec::new(),
    };
    for result in store.commit_import_batch(run, vec![file])? {
        for (_, outcome) in result.documents {
            match outcome {
                DocOutcome::New => summary.new += 1,
                DocOutcome::Changed => summary.changed += 1,
                DocOutcome::Unchanged | DocOutcome::KeptDeleted => summary.unchanged += 1,
            }
        }
    }
    Ok(())
}

fn read_record(
    record: &OaiRecord,
    options: &HarvestOptions,
    id: DocumentId,
) -> Result<Document, Vec<FormatError>> {
    let metadata = record
        .metadata
        .as_deref()
        .ok_or_else(|| vec![FormatError::whole("the record has no metadata")])?;
    let ctx = ReadContext::new("record");
    let out = match options.metadata_prefix.as_str() {
        "tei" => tei::read(metadata, &ctx)?,
        _ => dc::read(metadata, &ctx)?,
    };
    let mut doc = out.documents.into_iter().next().ok_or_else(|| {
        vec![FormatError::whole(
            "the record's metadata holds no document",
        )]
    })?;
    doc.id = id;
    doc.provenance = Some(Provenance {
        file: Some(options.url.clone()),
        format: Some(options.metadata_prefix.clone()),
        sha256: None,
        record: Some(record.identifier.clone()),
        datestamp: Some(record.datestamp.clone()).filter(|d| !d.is_empty()),
    });
    for c in &options.collections {
        let c = chancery_model::authority::slug(c);
        if !c.is_empty() && !doc.collections.contains(&c) {
            doc.collections.push(c);
        }
    }
    doc.validate().map_err(|problems| {
        problems
            .into_iter()
            .map(|p| FormatError::whole(p.to_string()))
            .collect::<Vec<_>>()
    })?;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_come_from_uuids_or_the_identifier() {
        let record = |identifier: &str| OaiRecord {
            identifier: identifier.into(),
            datestamp: String::new(),
            deleted: false,
            sets: vec![],
            metadata: None,
        };
        assert_eq!(
            identity(&record(
                "oai:archive.example.org:5118690c-57ed-4ad7-a473-188be44d8d2e"
            ))
            .to_string(),
            "5118690c-57ed-4ad7-a473-188be44d8d2e"
        );
        assert_eq!(
            identity(&record("oai:example.org:42")),
            DocumentId::from_key("harvest:oai:example.org:42")
        );
    }

    #[test]
    fn list_urls_are_encoded() {
        let options = HarvestOptions {
            url: "http://x/oai".into(),
            metadata_prefix: "oai_dc".into(),
            set: Some("type:telegram".into()),
            from: None,
            actor: "t".into(),
            collections: vec![],
            enrich: None,
        };
        assert_eq!(
            list_url(&options, Some("2026-01-01T00:00:00Z")),
            "http://x/oai?verb=ListRecords&metadataPrefix=oai_dc&set=type%3Atelegram&from=2026-01-01T00%3A00%3A00Z"
        );
    }
}
