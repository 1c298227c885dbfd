//! Merging a duplicate authority record into another from its page (editors and
//! administrators): `POST /people/{id}/merge` (and `/organizations/…`, `/places/…`) with the
//! identifier of the record to keep. The kept record takes in the duplicate's names and
//! identifiers, every document linked to the duplicate is relinked (each a revision), and
//! the duplicate's address leads to the kept record from then on.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, post};

use super::edit::editor;
use super::error::{OrPage, PageError};
use super::form::{Form, check_post};
use crate::auth::caller::Caller;
use crate::auth::csrf;
use crate::edits::{self, Author};
use crate::error::AppError;
use crate::names::{self, Kind};
use crate::state::AppState;

/// The merge form on a record's page.
#[derive(Debug, Clone)]
pub struct MergeForm {
    /// Where it posts.
    pub action: String,
    /// The session's anti-forgery token.
    pub csrf: String,
}

impl MergeForm {
    /// The form for the record `id` of `kind`, for a caller who may edit.
    pub fn for_caller(caller: &Caller, kind: Kind, id: &str) -> Option<Self> {
        if !caller.viewer().may_edit() {
            return None;
        }
        Some(Self {
            action: format!("{}/merge", kind.href(id)),
            csrf: caller.csrf()?.to_string(),
        })
    }
}

/// The identifier in `value`: an identifier, or the address of a record's page.
pub fn identifier_in(value: &str) -> String {
    let value = value.trim().trim_end_matches('/');
    value.rsplit('/').next().unwrap_or(value).trim().to_string()
}

/// The route `POST /people/{id}/merge` (or `/organizations/…`, `/places/…`) for `kind`.
pub fn route(kind: Kind) -> MethodRouter<AppState> {
    post(
        move |state: State<AppState>,
              caller: Caller,
              id: Path<String>,
              headers: HeaderMap,
              body: Bytes| merge(state, caller, kind, id, headers, body),
    )
}

async fn merge(
    State(state): State<AppState>,
    caller: Caller,
    kind: Kind,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    if let Some(response) = editor(&state, &caller, &kind.href(&id)) {
        return Ok(response);
    }
    let form = Form::parse(&headers, &body).or_page(&state)?;
    let account = check_post(&state, &caller, &headers, form.get(csrf::FIELD)).or_page(&state)?;
    let into = identifier_in(form.get("into"));
    if !names::is_valid_id(&id) || Kind::of_id(&id) != kind {
        return Err(PageError::new(
            &state,
            AppError::not_found(format!("no {} {id}", kind.as_str())),
        ));
    }
    if !names::is_valid_id(&into) {
        return Err(PageError::new(
            &state,
            AppError::bad_parameter(
                "into",
                "give the identifier of the record to keep (as in the address of its page)",
            ),
        ));
    }
    let reason = match form.get("reason").trim() {
        "" => "duplicate records merged",
        given => given,
    };
    let author = Author::new(&account.user.name, caller.address_text(), reason).or_page(&state)?;
    let target = into.clone();
    state
        .blocking(move |state| edits::merge_authority(&state, &author, &id, &target))
        .await
        .or_page(&state)?;
    Ok(Redirect::to(&Kind::of_id(&into).href(&into)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_taken_from_addresses_too() {
        assert_eq!(identifier_in(" kirk-alan "), "kirk-alan");
        assert_eq!(
            identifier_in("https://archive.example/people/kirk-alan-goodrich/"),
            "kirk-alan-goodrich"
        );
        assert_eq!(identifier_in("/places/place:moscow"), "place:moscow");
    }
}
