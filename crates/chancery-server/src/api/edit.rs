//! Changing documents through the API (editors and administrators, by a session with its
//! `X-CSRF-Token` header or by an API token with the `write` scope):
//!
//! - `PATCH /api/v1/documents/{id}`: a JSON merge patch (RFC 7396) of the document's JSON
//!   shape, with a required `reason` and the version changed — `If-Match` with the document's
//!   `ETag`, or a `revision` field. A stale `If-Match` is 412, a stale `revision` 409, neither
//!   428. `text` alone corrects the text (as paragraphs; unchanged paragraphs keep their
//!   structure); `id`, `provenance`, `created` and `updated` are the archive's own and are
//!   kept.
//! - `DELETE /api/v1/documents/{id}?reason=…`: a tombstone (optionally with `If-Match`).
//! - `POST /api/v1/documents/{id}/restore`: undeletes, or brings back a revision's content.
//!
//! Each is a new revision with the caller as actor and the reason given, and a line in the
//! audit log.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chancery_model::{Document, DocumentId};
use chancery_store::PutOutcome;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use super::documents::document_validator;
use super::params::{Params, PathId};
use super::schema::{DocumentSchema, ErrorSchema};
use crate::auth::caller::{Account, Caller, Via};
use crate::auth::csrf;
use crate::edits::{self, Author};
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// The most bytes of a patch.
pub const MAX_PATCH_BYTES: usize = 2 * 1024 * 1024;

/// The checks of a write by API: an editor's account, and for a session its anti-forgery
/// header and this site's origin.
pub(crate) fn writer<'a>(
    state: &AppState,
    caller: &'a Caller,
    headers: &HeaderMap,
) -> Result<&'a Account, AppError> {
    let account = caller.editor()?;
    session_checks(state, account, caller, headers)?;
    Ok(account)
}

/// For a session: the request comes from this site and carries `X-CSRF-Token`.
pub(crate) fn session_checks(
    state: &AppState,
    account: &Account,
    caller: &Caller,
    headers: &HeaderMap,
) -> Result<(), AppError> {
    if let Via::Session { .. } = account.via {
        let token = headers
            .get(csrf::HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !csrf::same_origin(headers, &state.site().base_url)
            || !csrf::tokens_match(token, caller.csrf().unwrap_or_default())
        {
            return Err(AppError::Forbidden(
                "a write by session needs the session's token in the X-CSRF-Token header \
                 (or use an API token)"
                    .into(),
            ));
        }
    }
    Ok(())
}

/// The current, live document `id` for an editor, or 404.
fn live_document(state: &AppState, id: &str) -> Result<Document, AppError> {
    let missing = || AppError::not_found("no document with this identifier");
    let id: DocumentId = id.trim().parse().map_err(|_| missing())?;
    match state.store().get(id)? {
        Some(stored) if !stored.deleted => Ok(stored.document),
        Some(_) => Err(AppError::not_found(
            "this document is deleted: restore it first (POST …/restore)",
        )),
        None => Err(missing()),
    }
}

/// Whether `If-Match` names the current version (`*` does); `None` when not sent.
fn if_match(headers: &HeaderMap, etag: &str) -> Option<bool> {
    let value = headers.get(header::IF_MATCH)?.to_str().ok()?;
    Some(
        value
            .split(',')
            .map(str::trim)
            .any(|t| t == "*" || t == etag),
    )
}

/// Applies an RFC 7396 merge patch.
fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

/// The document `current` with `patch` merged in.
fn patched(current: &Document, mut patch: Map<String, Value>) -> Result<Document, AppError> {
    if let Some(id) = patch.remove("id")
        && id.as_str() != Some(current.id.to_string().as_str())
    {
        return Err(AppError::bad_parameter(
            "id",
            "a document's identifier cannot change",
        ));
    }
    for own in ["provenance", "created", "updated", "revision"] {
        patch.remove(own);
    }
    let new_text = patch
        .get("text")
        .and_then(Value::as_str)
        .map(str::to_string);
    let has_body = patch.contains_key("body");
    patch.remove("text");
    let mut value = serde_json::to_value(current)
        .map_err(|e| AppError::Internal(format!("a document could not be written: {e}")))?;
    merge(&mut value, &Value::Object(patch));
    if let Value::Object(map) = &mut value {
        map.remove("text");
        if let (Some(text), false) = (new_text, has_body) {
            let body = edits::rebody(&current.body, &text);
            map.insert(
                "body".into(),
                serde_json::to_value(body)
                    .map_err(|e| AppError::Internal(format!("a body could not be written: {e}")))?,
            );
        }
    }
    let mut doc: Document = serde_json::from_value(value).map_err(|e| AppError::BadRequest {
        code: "invalid_document",
        message: format!("the patched document does not have the document's shape: {e}"),
        details: serde_json::json!({}),
    })?;
    doc.provenance = current.provenance.clone();
    doc.created = current.created;
    doc.updated = current.updated;
    doc.revision = current.revision;
    Ok(doc)
}

/// The fields a patch carries besides the document's: why, and which version it changes.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PatchSchema {
    /// Why (required; kept with the revision).
    reason: String,
    /// The revision the change applies to (instead of `If-Match`).
    revision: Option<u64>,
    /// The title.
    title: Option<String>,
    /// The text, paragraphs separated by blank lines (unchanged paragraphs keep their
    /// structure).
    text: Option<String>,
}

/// Change a document: a JSON merge patch (RFC 7396) of the document's shape.
///
/// Send the fields to change (`null` removes an optional field), a `reason`, and the version
/// changed: `If-Match` with the `ETag` of `GET /api/v1/documents/{id}`, or a `revision`
/// field. `id`, `provenance`, `created` and `updated` are kept. Editors and administrators
/// only: an API token with the `write` scope, or a session with its `X-CSRF-Token` header.
#[utoipa::path(
    patch,
    path = "/api/v1/documents/{id}",
    tag = "documents",
    operation_id = "patch_document",
    params(
        ("id" = String, Path, format = Uuid, description = "The document's identifier"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the version changed"),
    ),
    request_body(content = PatchSchema, content_type = "application/merge-patch+json",
        description = "Fields of the document's JSON shape to change, with `reason` and optionally `revision`"),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The document after the change (unchanged when the patch changed nothing)", body = DocumentSchema,
            headers(("ETag" = String, description = "The new version's validator"))),
        (status = 400, description = "The patch is malformed, lacks a reason, or would make an invalid document (`invalid_document`)", body = ErrorSchema),
        (status = 401, description = "No session or API token", body = ErrorSchema),
        (status = 403, description = "Not an editor, a read-only token, or a session without its X-CSRF-Token", body = ErrorSchema),
        (status = 404, description = "No such document (or it is deleted)", body = ErrorSchema),
        (status = 409, description = "`revision` is no longer current: the details name the current one", body = ErrorSchema),
        (status = 412, description = "`If-Match` names a version that is no longer current", body = ErrorSchema),
        (status = 428, description = "Neither `If-Match` nor `revision` says which version is changed", body = ErrorSchema),
    )
)]
pub async fn patch_document(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
    headers: HeaderMap,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let account = writer(&state, &caller, &headers)?;
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("application/json") || v.starts_with("application/merge-patch+json")
        });
    if !json {
        return Err(ApiError(AppError::BadRequest {
            code: "bad_request",
            message: "send the patch as application/merge-patch+json (or application/json)".into(),
            details: serde_json::json!({}),
        }));
    }
    if body.len() > MAX_PATCH_BYTES {
        return Err(ApiError(AppError::TooLarge(
            "the patch is too large".into(),
        )));
    }
    let Ok(Value::Object(mut patch)) = serde_json::from_slice::<Value>(&body) else {
        return Err(ApiError(AppError::BadRequest {
            code: "bad_request",
            message: "the patch must be a JSON object".into(),
            details: serde_json::json!({}),
        }));
    };
    let reason = match patch.remove("reason") {
        Some(Value::String(r)) => r,
        _ => String::new(),
    };
    let revision = match patch.remove("revision") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_u64().ok_or_else(|| {
            AppError::bad_parameter("revision", "'revision' must be a revision number")
        })?),
    };
    let author = Author::new(&account.user.name, caller.address_text(), &reason)?;
    let headers_copy = headers.clone();
    let gate = caller.gate();
    let doc = state
        .blocking(move |state| {
            let current = live_document(&state, &id)?;
            let etag = document_validator(&gate, &current, "api:document")
                .etag()
                .to_string();
            let expected = match (if_match(&headers_copy, &etag), revision) {
                (Some(false), _) => {
                    return Err(AppError::PreconditionFailed(
                        "If-Match names a version that is no longer current: read the document \
                         again"
                            .into(),
                    ));
                }
                (Some(true), _) => current.revision,
                (None, Some(r)) if r != current.revision => {
                    return Err(AppError::Conflict {
                        message: format!(
                            "the document is at revision {}, not {r}: read it again and apply \
                             the change to the current revision",
                            current.revision
                        ),
                        current_revision: current.revision,
                    });
                }
                (None, Some(r)) => r,
                (None, None) => {
                    return Err(AppError::PreconditionRequired(
                        "say which version you change: If-Match with the document's ETag, or \
                         a 'revision' field"
                            .into(),
                    ));
                }
            };
            let updated = patched(&current, patch)?;
            let written = edits::write(&state, &author, updated, expected)?;
            let doc = match written {
                PutOutcome::Written(_) => live_document(&state, &current.id.to_string())?,
                PutOutcome::Unchanged { .. } => current,
            };
            Ok(doc)
        })
        .await?;
    let validator = document_validator(&caller.gate(), &doc, "api:document");
    let mut response = axum::Json(&doc).into_response();
    validator.apply(&mut response);
    Ok(response)
}

/// What a deletion or restoration did.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionWritten {
    /// The document.
    #[schema(value_type = String, format = Uuid)]
    pub id: DocumentId,
    /// The revision written.
    pub revision: u64,
    /// Whether the document is now deleted.
    pub deleted: bool,
}

/// Delete a document: a tombstone revision that `POST …/restore` undoes.
#[utoipa::path(
    delete,
    path = "/api/v1/documents/{id}",
    tag = "documents",
    operation_id = "delete_document",
    params(
        ("id" = String, Path, format = Uuid, description = "The document's identifier"),
        ("reason" = Option<String>, Query, description = "Why (kept with the revision)"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the version deleted"),
    ),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The tombstone revision", body = RevisionWritten),
        (status = 400, description = "A parameter is wrong", body = ErrorSchema),
        (status = 401, description = "No session or API token", body = ErrorSchema),
        (status = 403, description = "Not an editor, a read-only token, or a session without its X-CSRF-Token", body = ErrorSchema),
        (status = 404, description = "No such document (or it is deleted already)", body = ErrorSchema),
        (status = 412, description = "`If-Match` names a version that is no longer current", body = ErrorSchema),
    )
)]
pub async fn delete_document(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    params.accept_only(&["reason"])?;
    let account = writer(&state, &caller, &headers)?;
    let reason = params.text("reason").unwrap_or("deleted through the API");
    let author = Author::new(&account.user.name, caller.address_text(), reason)?;
    let gate = caller.gate();
    let change = state
        .blocking(move |state| {
            let current = live_document(&state, &id)?;
            let etag = document_validator(&gate, &current, "api:document")
                .etag()
                .to_string();
            if if_match(&headers, &etag) == Some(false) {
                return Err(AppError::PreconditionFailed(
                    "If-Match names a version that is no longer current".into(),
                ));
            }
            edits::delete(&state, &author, current.id, Some(current.revision))
        })
        .await?;
    Ok(axum::Json(RevisionWritten {
        id: change.id,
        revision: change.revision,
        deleted: true,
    })
    .into_response())
}

/// What to restore.
#[derive(Debug, serde::Deserialize, ToSchema)]
pub struct RestoreRequest {
    /// The revision whose content to bring back (default: the last one before the deletion,
    /// to undelete).
    pub revision: Option<u64>,
    /// Why (required).
    pub reason: String,
}

/// Restore a document: undelete it, or bring back an earlier revision's content, as a new
/// revision.
#[utoipa::path(
    post,
    path = "/api/v1/documents/{id}/restore",
    tag = "documents",
    operation_id = "restore_document",
    params(("id" = String, Path, format = Uuid, description = "The document's identifier")),
    request_body(content = RestoreRequest, content_type = "application/json"),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The revision written", body = RevisionWritten),
        (status = 400, description = "The request is malformed, or the revision holds no content", body = ErrorSchema),
        (status = 401, description = "No session or API token", body = ErrorSchema),
        (status = 403, description = "Not an editor, a read-only token, or a session without its X-CSRF-Token", body = ErrorSchema),
        (status = 404, description = "No such document or revision", body = ErrorSchema),
    )
)]
pub async fn restore_document(
    State(state): State<AppState>,
    caller: Caller,
    PathId(id): PathId,
    headers: HeaderMap,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    params.accept_only(&[])?;
    let account = writer(&state, &caller, &headers)?;
    let request: RestoreRequest =
        serde_json::from_slice(&body).map_err(|e| AppError::BadRequest {
            code: "bad_request",
            message: format!("expected {{\"reason\": …, \"revision\": …}}: {e}"),
            details: serde_json::json!({}),
        })?;
    let author = Author::new(&account.user.name, caller.address_text(), &request.reason)?;
    let doc_id: DocumentId = id
        .trim()
        .parse()
        .map_err(|_| AppError::not_found("no document with this identifier"))?;
    let change = state
        .blocking(move |state| {
            if state.store().get(doc_id)?.is_none() {
                return Err(AppError::not_found("no document with this identifier"));
            }
            match request.revision {
                Some(revision) => edits::restore(&state, &author, doc_id, revision),
                None => edits::undelete(&state, &author, doc_id),
            }
        })
        .await?;
    Ok((
        StatusCode::OK,
        axum::Json(RevisionWritten {
            id: change.id,
            revision: change.revision,
            deleted: false,
        }),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patches_follow_rfc_7396() {
        let mut target = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge(&mut target, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}}));
    }

    #[test]
    fn patches_keep_the_archives_own_fields() {
        let mut doc = Document::new(DocumentId::from_key("p"), "Title", "One.\n\nTwo.");
        doc.revision = 3;
        let patch = json!({"title": "New", "text": "One.\n\nTwo, corrected.", "revision": 9})
            .as_object()
            .cloned()
            .unwrap();
        let out = patched(&doc, patch).unwrap();
        assert_eq!(out.title, "New");
        assert_eq!(out.revision, 3);
        assert_eq!(out.text(), "One.\n\nTwo, corrected.");
        let bad = json!({"id": "00000000-0000-0000-0000-000000000001"})
            .as_object()
            .cloned()
            .unwrap();
        assert!(patched(&doc, bad).is_err());
    }
}
