//! Pages for editors and administrators: the audit log (administrators) and uploads
//! (editors): a form with a multiple file input (the script adds drag and drop), whose files
//! go through the one ingest pipeline ([`crate::uploads`]), and a page per upload that shows
//! its progress and then every file's outcome. The upload page refreshes itself while the
//! import runs (`<meta http-equiv="refresh">`), so it works without the script; the script
//! polls `/admin/import/jobs/{id}/status` instead and shows the upload's own progress.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use askama::Template;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use tokio::io::AsyncWriteExt;
use tower_http::limit::RequestBodyLimitLayer;

use super::error::{OrPage, PageError};
use super::{Chrome, Section, html_ok, html_response, no_store, url, view};
use crate::auth::caller::Caller;
use crate::auth::csrf;
use crate::error::AppError;
use crate::state::AppState;
use crate::uploads::{self, Job, Phase};

/// The most bytes one upload may send (all its files together).
pub const MAX_UPLOAD_BYTES: usize = 256 * 1024 * 1024;

/// The most files one upload may send.
pub const MAX_UPLOAD_FILES: usize = 200;

/// Audit lines per page.
const AUDIT_PAGE: usize = 100;

/// The upload routes, with their own body limit (the rest of the site keeps
/// [`crate::MAX_BODY_BYTES`]).
pub fn import_routes() -> Router<AppState> {
    Router::new()
        .route("/admin/import", get(import_page).post(upload))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_UPLOAD_BYTES))
        .route("/admin/import/jobs/{id}", get(job_page))
        .route("/admin/import/jobs/{id}/status", get(job_status))
}

/// One line of the audit log, for the page.
#[derive(Debug, Clone)]
pub struct AuditRow {
    /// Its sequence number.
    pub seq: u64,
    /// When, for readers.
    pub when: String,
    /// When, for machines.
    pub when_iso: String,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// On what.
    pub target: String,
    /// A link to the target, when it is a document.
    pub target_href: Option<String>,
    /// More.
    pub detail: String,
    /// From where.
    pub address: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: Chrome,
    rows: Vec<AuditRow>,
    older: Option<String>,
}

/// The answer for a caller who may not be here: anonymous visitors are sent to sign in,
/// signed-in users who lack the role are refused; `None` lets the caller in.
fn gatekeeper(state: &AppState, caller: &Caller, path: &str, admin_only: bool) -> Option<Response> {
    if caller.account.is_none() {
        return Some(Redirect::to(&url::with_query("/login", [("next", path)])).into_response());
    }
    let viewer = caller.viewer();
    let allowed = if admin_only {
        viewer.is_admin()
    } else {
        viewer.may_edit()
    };
    if !allowed || caller.csrf().is_none() {
        return Some(
            PageError::new(
                state,
                AppError::Forbidden(if admin_only {
                    "only administrators may read the audit log".into()
                } else {
                    "only editors and administrators may upload documents".into()
                }),
            )
            .into_response(),
        );
    }
    None
}

/// `GET /admin/audit?before=SEQ`: the audit log, newest first.
pub async fn audit_page(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    if let Some(response) = gatekeeper(&state, &caller, "/admin/audit", true) {
        return Ok(response);
    }
    let before = match url::parse_query(raw.as_deref())
        .into_iter()
        .find(|(k, _)| k == "before")
    {
        Some((_, v)) => Some(v.trim().parse::<u64>().map_err(|_| {
            PageError::new(
                &state,
                AppError::bad_parameter("before", format!("'{v}' is not a sequence number")),
            )
        })?),
        None => None,
    };
    let entries = state
        .blocking(move |state| Ok(state.store().audit_log(before, AUDIT_PAGE + 1)?))
        .await
        .or_page(&state)?;
    let more = entries.len() > AUDIT_PAGE;
    let rows: Vec<AuditRow> = entries
        .into_iter()
        .take(AUDIT_PAGE)
        .map(|e| {
            let target = e.target.unwrap_or_default();
            AuditRow {
                target_href: target
                    .parse::<chancery_model::DocumentId>()
                    .ok()
                    .map(url::document_id),
                seq: e.seq,
                when: view::timestamp(e.at),
                when_iso: e.at.to_string(),
                actor: e.actor,
                action: e.action,
                target,
                detail: e.detail.unwrap_or_default(),
                address: e.address.unwrap_or_default(),
            }
        })
        .collect();
    let older = if more {
        rows.last()
            .map(|r| url::with_query("/admin/audit", [("before", r.seq.to_string().as_str())]))
    } else {
        None
    };
    let mut chrome = Chrome::new(&state, &caller, "Audit log", Section::Other);
    chrome.noindex = true;
    Ok(no_store(html_ok(&AuditPage {
        page: chrome,
        rows,
        older,
    })))
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    page: Chrome,
    csrf: String,
    max_files: usize,
    max_mib: usize,
    max_file_mib: u64,
    error: String,
}

fn import_form(state: &AppState, caller: &Caller, status: StatusCode, error: &str) -> Response {
    let mut chrome = Chrome::new(state, caller, "Upload documents", Section::Other);
    chrome.noindex = true;
    no_store(html_response(
        status,
        &ImportPage {
            page: chrome,
            csrf: caller.csrf().unwrap_or_default().to_string(),
            max_files: MAX_UPLOAD_FILES,
            max_mib: MAX_UPLOAD_BYTES / (1024 * 1024),
            max_file_mib: chancery_ingest::DEFAULT_MAX_FILE_SIZE / (1024 * 1024),
            error: error.to_string(),
        },
    ))
}

/// `GET /admin/import`.
pub async fn import_page(State(state): State<AppState>, caller: Caller) -> Response {
    if let Some(response) = gatekeeper(&state, &caller, "/admin/import", false) {
        return response;
    }
    import_form(&state, &caller, StatusCode::OK, "")
}

/// `POST /admin/import` (multipart: the `csrf` field first, then `files`): writes the files
/// to a new folder, starts their import and sends the browser to the upload's page.
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    if let Some(response) = gatekeeper(&state, &caller, "/admin/import", false) {
        return Ok(response);
    }
    if !csrf::same_origin(&headers, &state.site().base_url) {
        return Err(PageError::new(
            &state,
            AppError::Forbidden("this upload was sent from another site, and is refused".into()),
        ));
    }
    let Some(account) = caller.account.clone() else {
        return Err(PageError::new(
            &state,
            AppError::Unauthorized("sign in first".into()),
        ));
    };
    let mut multipart = multipart.map_err(|e| {
        PageError::new(
            &state,
            AppError::bad_parameter("files", format!("the upload could not be read: {e}")),
        )
    })?;
    let id = crate::auth::new_secret()
        .or_page(&state)?
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect::<String>();
    let dir = uploads::folder(&state, &id);
    let received = receive(&state, &caller, &mut multipart, &dir).await;
    let files = match received {
        Ok(files) if files.is_empty() => {
            let _ = tokio::fs::remove_dir_all(&dir).await;
            return Ok(import_form(
                &state,
                &caller,
                StatusCode::BAD_REQUEST,
                "Choose at least one file to upload.",
            ));
        }
        Ok(files) => files,
        Err(e) => {
            let _ = tokio::fs::remove_dir_all(&dir).await;
            return Err(PageError::new(&state, e));
        }
    };
    let job = Arc::new(Job {
        id: id.clone(),
        owner: account.user.id,
        names: files.values().cloned().collect(),
        read: AtomicUsize::new(0),
        committed: AtomicUsize::new(0),
        phase: std::sync::Mutex::new(Phase::Running),
        results: std::sync::Mutex::new(Vec::new()),
        run: AtomicU64::new(0),
    });
    state.uploads().add(Arc::clone(&job));
    let actor = account.user.name.clone();
    let address = caller.address_text();
    let worker = state.clone();
    // The import runs on its own; the page polls the job.
    tokio::task::spawn_blocking(move || {
        uploads::run(&worker, &job, &dir, &files, &actor, address);
    });
    Ok(Redirect::to(&format!("/admin/import/jobs/{id}")).into_response())
}

/// Reads the multipart body: checks the anti-forgery token (which must come first), then
/// writes every file into `dir`. Returns stored name → name as uploaded.
async fn receive(
    state: &AppState,
    caller: &Caller,
    multipart: &mut Multipart,
    dir: &std::path::Path,
) -> Result<BTreeMap<String, String>, AppError> {
    let too_large = || {
        AppError::TooLarge(format!(
            "an upload may send at most {} MiB in all",
            MAX_UPLOAD_BYTES / (1024 * 1024)
        ))
    };
    let read_error = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            AppError::bad_parameter("files", format!("the upload could not be read: {e}"))
        }
    };
    let expected = caller.csrf().unwrap_or_default().to_string();
    let mut checked = false;
    let mut files = BTreeMap::new();
    let per_file = chancery_ingest::DEFAULT_MAX_FILE_SIZE;
    while let Some(mut field) = multipart.next_field().await.map_err(read_error)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == csrf::FIELD {
            let token = field.text().await.map_err(read_error)?;
            if !csrf::tokens_match(&token, &expected) {
                break;
            }
            checked = true;
            continue;
        }
        if !checked {
            break;
        }
        if name != "files" {
            continue;
        }
        let Some(original) = field.file_name().map(str::to_string) else {
            continue;
        };
        if original.is_empty() {
            continue;
        }
        if files.len() >= MAX_UPLOAD_FILES {
            return Err(AppError::TooLarge(format!(
                "an upload may send at most {MAX_UPLOAD_FILES} files"
            )));
        }
        if files.is_empty() {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(|e| AppError::Internal(format!("cannot create {}: {e}", dir.display())))?;
        }
        let mut stored = uploads::safe_name(&original);
        if files.contains_key(&stored) {
            stored = format!("{}-{stored}", files.len() + 1);
        }
        let path = dir.join(&stored);
        let mut out = tokio::fs::File::create(&path)
            .await
            .map_err(|e| AppError::Internal(format!("cannot write {}: {e}", path.display())))?;
        let mut written: u64 = 0;
        while let Some(chunk) = field.chunk().await.map_err(read_error)? {
            // Past the per-file limit the rest is dropped: one byte too many is enough for
            // the pipeline to refuse the file by name.
            if written <= per_file {
                out.write_all(&chunk).await.map_err(|e| {
                    AppError::Internal(format!("cannot write {}: {e}", path.display()))
                })?;
                written += chunk.len() as u64;
            }
        }
        out.flush()
            .await
            .map_err(|e| AppError::Internal(format!("cannot write {}: {e}", path.display())))?;
        files.insert(stored, original);
    }
    if !checked {
        let _ = state;
        return Err(AppError::Forbidden(
            "the upload's security token is missing or out of date: reload the page and send \
             it again"
                .into(),
        ));
    }
    Ok(files)
}

/// A job the caller may see (theirs, or any for administrators).
fn job_for(state: &AppState, caller: &Caller, id: &str) -> Result<Arc<Job>, AppError> {
    let job = state.uploads().get(id).ok_or_else(|| {
        AppError::not_found("no such upload (uploads are kept until the server restarts)")
    })?;
    let mine = caller
        .user()
        .is_some_and(|u| u.id == job.owner || caller.viewer().is_admin());
    if !mine {
        return Err(AppError::not_found("no such upload"));
    }
    Ok(job)
}

#[derive(Template)]
#[template(path = "import_job.html")]
struct JobPage {
    page: Chrome,
    id: String,
    running: bool,
    failed: String,
    files: usize,
    read: usize,
    committed: usize,
    results: Vec<uploads::FileResult>,
    run: u64,
}

/// `GET /admin/import/jobs/{id}`: the upload's progress, then its results.
pub async fn job_page(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let path = format!("/admin/import/jobs/{id}");
    if let Some(response) = gatekeeper(&state, &caller, &path, false) {
        return Ok(response);
    }
    let job = job_for(&state, &caller, &id).or_page(&state)?;
    let phase = job.phase();
    let mut chrome = Chrome::new(&state, &caller, "Upload", Section::Other);
    chrome.noindex = true;
    Ok(no_store(html_ok(&JobPage {
        page: chrome,
        id: job.id.clone(),
        running: phase == Phase::Running,
        failed: match phase {
            Phase::Failed(message) => message,
            _ => String::new(),
        },
        files: job.names.len(),
        read: job.read.load(Ordering::SeqCst),
        committed: job.committed.load(Ordering::SeqCst),
        results: job.results(),
        run: job.run.load(Ordering::SeqCst),
    })))
}

/// `GET /admin/import/jobs/{id}/status`: the job's progress as JSON, for the script.
pub async fn job_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Response {
    let job = match job_for(&state, &caller, &id) {
        Ok(job) => job,
        Err(e) => return crate::error::ApiError(e).into_response(),
    };
    let phase = match job.phase() {
        Phase::Running => "running",
        Phase::Done => "done",
        Phase::Failed(_) => "failed",
    };
    no_store(
        axum::Json(serde_json::json!({
            "phase": phase,
            "files": job.names.len(),
            "read": job.read.load(Ordering::SeqCst),
            "committed": job.committed.load(Ordering::SeqCst),
        }))
        .into_response(),
    )
}
