//! Editing in the browser (editors and administrators): the edit form of a document's
//! metadata and text (`/documents/{id}/edit`, with the revision it was read at in a hidden
//! version field and a required reason), deleting and undeleting from the document's page,
//! and restoring any revision from the history page. Every change is a revision.
//!
//! When the document changed since the form was read, nothing is written: the form comes
//! back (409) with the editor's changes kept and the other version shown beside them, its
//! version field now the current revision, so that sending it again replaces the other
//! version knowingly.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chancery_model::{AccessLevel, AgentRef, DocDate, DocType, Document, DocumentId, authority};
use chancery_store::PutOutcome;

use super::document::load_for;
use super::error::{OrPage, PageError};
use super::form::{Form, check_post};
use super::{Chrome, Section, html_response, no_store, url};
use crate::auth::caller::Caller;
use crate::auth::csrf;
use crate::edits::{self, Author};
use crate::error::AppError;
use crate::state::AppState;

/// The editable fields of a document, as the form holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The title.
    pub title: String,
    /// The date: EDTF or as written.
    pub date: String,
    /// The type's slug, or empty.
    pub doc_type: String,
    /// The place written.
    pub place: String,
    /// The language (BCP 47).
    pub language: String,
    /// The caption.
    pub caption: String,
    /// Senders, one per line.
    pub senders: String,
    /// Recipients, one per line.
    pub recipients: String,
    /// The rights statement.
    pub rights: String,
    /// The rights statement's URI.
    pub rights_uri: String,
    /// `public`, `registered`, `staff` or `embargoed`.
    pub access: String,
    /// The embargo's end (`YYYY-MM-DD`).
    pub embargo_until: String,
    /// Collections, one per line.
    pub collections: String,
    /// The text, paragraphs separated by blank lines.
    pub text: String,
}

fn lines(agents: &[AgentRef]) -> String {
    agents
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn split_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

impl Draft {
    /// The fields of `doc`.
    pub fn of(doc: &Document) -> Self {
        Self {
            title: doc.title.clone(),
            date: doc
                .date
                .as_ref()
                .map(|d| d.text().unwrap_or(d.edtf()).to_string())
                .unwrap_or_default(),
            doc_type: doc
                .doc_type
                .map(|t| t.slug().to_string())
                .unwrap_or_default(),
            place: doc.place.clone().unwrap_or_default(),
            language: doc.language.clone().unwrap_or_default(),
            caption: doc.caption.clone().unwrap_or_default(),
            senders: lines(&doc.senders),
            recipients: lines(&doc.recipients),
            rights: doc.rights.statement.clone().unwrap_or_default(),
            rights_uri: doc.rights.uri.clone().unwrap_or_default(),
            access: doc.rights.access.as_str().to_string(),
            embargo_until: doc
                .rights
                .embargo_until
                .map(|d| d.to_string())
                .unwrap_or_default(),
            collections: doc.collections.join("\n"),
            text: doc.text(),
        }
    }

    /// The fields as submitted.
    pub fn from_form(form: &Form) -> Self {
        let field = |name: &str| form.get(name).replace("\r\n", "\n");
        Self {
            title: field("title"),
            date: field("date"),
            doc_type: field("type"),
            place: field("place"),
            language: field("language"),
            caption: field("caption"),
            senders: field("senders"),
            recipients: field("recipients"),
            rights: field("rights"),
            rights_uri: field("rights_uri"),
            access: field("access"),
            embargo_until: field("embargo_until"),
            collections: field("collections"),
            text: field("text"),
        }
    }

    /// `base` with these fields, or the problems found (field, message).
    pub fn apply(&self, base: &Document) -> Result<Document, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let mut doc = base.clone();
        let opt = |s: &str| {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        doc.title = self.title.trim().to_string();
        if doc.title.is_empty() {
            problems.push(("title", "a document needs a title".to_string()));
        }
        let date = self.date.trim();
        doc.date = if date.is_empty() {
            None
        } else if base
            .date
            .as_ref()
            .is_some_and(|d| d.text().unwrap_or(d.edtf()) == date || d.edtf() == date)
        {
            base.date.clone()
        } else {
            match DocDate::parse_edtf(date).or_else(|_| DocDate::from_written(date)) {
                Ok(d) => Some(d),
                Err(_) => {
                    problems.push((
                        "date",
                        format!(
                            "'{date}' is not a date this archive reads: write EDTF (1950-06-27, \
                             1950-06, 1950?, 195X, 1950-06-25/1950-06-27) or a date as written \
                             (27 June 1950)"
                        ),
                    ));
                    base.date.clone()
                }
            }
        };
        doc.doc_type = match self.doc_type.trim() {
            "" => None,
            slug => match DocType::from_name(slug) {
                Some(t) => Some(t),
                None => {
                    problems.push(("type", format!("'{slug}' is not a document type")));
                    base.doc_type
                }
            },
        };
        doc.place = opt(&self.place);
        doc.language = opt(&self.language);
        doc.caption = opt(&self.caption);
        doc.senders = merge_agents(&base.senders, &split_lines(&self.senders));
        doc.recipients = merge_agents(&base.recipients, &split_lines(&self.recipients));
        doc.rights.statement = opt(&self.rights);
        doc.rights.uri = opt(&self.rights_uri);
        doc.rights.access = match self.access.trim().parse::<AccessLevel>() {
            Ok(level) => level,
            Err(_) => {
                problems.push(("access", "choose an access level".to_string()));
                base.rights.access
            }
        };
        doc.rights.embargo_until = None;
        if doc.rights.access == AccessLevel::Embargoed {
            match self.embargo_until.trim().parse::<jiff::civil::Date>() {
                Ok(day) => doc.rights.embargo_until = Some(day),
                Err(_) => problems.push((
                    "embargo_until",
                    "an embargoed document needs the day its embargo ends (YYYY-MM-DD)".into(),
                )),
            }
        }
        let mut collections = Vec::new();
        for c in split_lines(&self.collections.replace(',', "\n")) {
            let slug = authority::slug(&c);
            if slug.is_empty() {
                problems.push(("collections", format!("'{c}' is not a collection name")));
            } else if !collections.contains(&slug) {
                collections.push(slug);
            }
        }
        doc.collections = collections;
        doc.body = edits::rebody(&base.body, &self.text);
        if let Err(errors) = doc.validate() {
            for e in errors {
                problems.push((e.field, e.message));
            }
        }
        if problems.is_empty() {
            Ok(doc)
        } else {
            Err(problems)
        }
    }
}

/// Agents by name, keeping the authority links of names that stay.
fn merge_agents(old: &[AgentRef], names: &[String]) -> Vec<AgentRef> {
    names
        .iter()
        .map(|name| {
            old.iter()
                .find(|a| &a.name == name)
                .cloned()
                .unwrap_or_else(|| AgentRef::named(name.clone()))
        })
        .collect()
}

/// One field whose value differs between the editor's draft and the current version.
#[derive(Debug, Clone)]
pub struct Difference {
    /// The field.
    pub label: &'static str,
    /// The editor's value.
    pub yours: String,
    /// The current version's value.
    pub theirs: String,
}

fn differences(yours: &Draft, theirs: &Draft) -> Vec<Difference> {
    let pairs: [(&'static str, &String, &String); 14] = [
        ("Title", &yours.title, &theirs.title),
        ("Date", &yours.date, &theirs.date),
        ("Type", &yours.doc_type, &theirs.doc_type),
        ("Place", &yours.place, &theirs.place),
        ("Language", &yours.language, &theirs.language),
        ("Caption", &yours.caption, &theirs.caption),
        ("Senders", &yours.senders, &theirs.senders),
        ("Recipients", &yours.recipients, &theirs.recipients),
        ("Rights", &yours.rights, &theirs.rights),
        ("Rights URI", &yours.rights_uri, &theirs.rights_uri),
        ("Access", &yours.access, &theirs.access),
        ("Embargo until", &yours.embargo_until, &theirs.embargo_until),
        ("Collections", &yours.collections, &theirs.collections),
        ("Text", &yours.text, &theirs.text),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a.trim() != b.trim())
        .map(|(label, a, b)| Difference {
            label,
            yours: a.clone(),
            theirs: b.clone(),
        })
        .collect()
}

/// A choice in a select.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// What people read.
    pub label: String,
    /// Whether it is chosen.
    pub selected: bool,
}

/// The other editor's revision, when the form comes back after a conflict.
#[derive(Debug, Clone)]
pub struct ConflictView {
    /// The revision the form was read at.
    pub read_at: u64,
    /// The current revision.
    pub current: u64,
    /// Who wrote it.
    pub by: String,
    /// Why.
    pub reason: String,
    /// The fields that differ.
    pub differences: Vec<Difference>,
}

#[derive(Template)]
#[template(path = "edit.html")]
struct EditPage {
    page: Chrome,
    action: String,
    document_href: String,
    history_href: String,
    title: String,
    csrf: String,
    revision: u64,
    draft: Draft,
    reason: String,
    types: Vec<Choice>,
    levels: Vec<Choice>,
    problems: Vec<(&'static str, String)>,
    conflict: Option<ConflictView>,
    deleted: bool,
    notice: String,
}

struct FormState {
    draft: Draft,
    reason: String,
    revision: u64,
    problems: Vec<(&'static str, String)>,
    conflict: Option<ConflictView>,
    deleted: bool,
    notice: String,
}

fn edit_form(
    state: &AppState,
    caller: &Caller,
    doc: &Document,
    status: StatusCode,
    form: FormState,
) -> Response {
    let mut chrome = Chrome::new(
        state,
        caller,
        format!("Edit: {}", doc.title),
        Section::Document,
    );
    chrome.noindex = true;
    let types = std::iter::once(Choice {
        value: String::new(),
        label: "(none)".into(),
        selected: form.draft.doc_type.is_empty(),
    })
    .chain(DocType::ALL.iter().map(|t| Choice {
        value: t.slug().to_string(),
        label: t.label().to_string(),
        selected: form.draft.doc_type == t.slug(),
    }))
    .collect();
    let levels = [
        ("public", "Public: anyone"),
        ("registered", "Registered readers"),
        ("staff", "Staff only (editors and administrators)"),
        ("embargoed", "Embargoed until a day, then public"),
    ]
    .into_iter()
    .map(|(value, label)| Choice {
        value: value.into(),
        label: label.into(),
        selected: form.draft.access == value,
    })
    .collect();
    let href = url::document_id(doc.id);
    no_store(html_response(
        status,
        &EditPage {
            page: chrome,
            action: format!("{href}/edit"),
            history_href: format!("{href}/history"),
            document_href: href,
            title: doc.title.clone(),
            csrf: caller.csrf().unwrap_or_default().to_string(),
            revision: form.revision,
            draft: form.draft,
            reason: form.reason,
            types,
            levels,
            problems: form.problems,
            conflict: form.conflict,
            deleted: form.deleted,
            notice: form.notice,
        },
    ))
}

/// The answer for a caller who may not edit (by session: forms need its anti-forgery
/// token); `None` lets an editor in.
pub(super) fn editor(state: &AppState, caller: &Caller, path: &str) -> Option<Response> {
    if caller.account.is_none() {
        return Some(Redirect::to(&url::with_query("/login", [("next", path)])).into_response());
    }
    if !caller.viewer().may_edit() || caller.csrf().is_none() {
        return Some(
            PageError::new(
                state,
                AppError::Forbidden("only editors and administrators may edit documents".into()),
            )
            .into_response(),
        );
    }
    None
}

/// `GET /documents/{id}/edit`.
pub async fn edit_page(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let path = format!("/documents/{id}/edit");
    if let Some(response) = editor(&state, &caller, &path) {
        return Ok(response);
    }
    let gate = caller.gate();
    let (doc, deleted) = state
        .blocking(move |state| load_for(&state, &gate, &id))
        .await
        .or_page(&state)?;
    let draft = Draft::of(&doc);
    let revision = doc.revision;
    Ok(edit_form(
        &state,
        &caller,
        &doc,
        StatusCode::OK,
        FormState {
            draft,
            reason: String::new(),
            revision,
            problems: Vec::new(),
            conflict: None,
            deleted,
            notice: String::new(),
        },
    ))
}

/// What saving came to.
enum Saved {
    Written,
    Unchanged,
    Conflict(Box<Document>, ConflictView),
}

/// `POST /documents/{id}/edit`.
pub async fn save(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let path = format!("/documents/{id}/edit");
    if let Some(response) = editor(&state, &caller, &path) {
        return Ok(response);
    }
    let form = Form::parse(&headers, &body).or_page(&state)?;
    let account = check_post(&state, &caller, &headers, form.get(csrf::FIELD)).or_page(&state)?;
    let draft = Draft::from_form(&form);
    let reason = form.get("reason").to_string();
    let read_at: u64 = form.get("revision").trim().parse().map_err(|_| {
        PageError::new(
            &state,
            AppError::bad_parameter("revision", "the form lacks the revision it was read at"),
        )
    })?;
    let gate = caller.gate();
    let key = id.clone();
    let (current, deleted) = state
        .blocking(move |state| load_for(&state, &gate, &key))
        .await
        .or_page(&state)?;
    let again = |status: StatusCode,
                 problems: Vec<(&'static str, String)>,
                 conflict: Option<ConflictView>,
                 revision: u64,
                 base: &Document| {
        edit_form(
            &state,
            &caller,
            base,
            status,
            FormState {
                draft: draft.clone(),
                reason: reason.clone(),
                revision,
                problems,
                conflict,
                deleted,
                notice: String::new(),
            },
        )
    };
    // The changes apply to the revision the editor read; when that is no longer current,
    // the form comes back with both versions.
    if current.revision != read_at {
        let view = conflict_view(&state, &current, read_at, &draft).await;
        return Ok(again(
            StatusCode::CONFLICT,
            Vec::new(),
            Some(view),
            current.revision,
            &current,
        ));
    }
    let author = match Author::new(&account.user.name, caller.address_text(), &reason) {
        Ok(author) => author,
        Err(e) => {
            return Ok(again(
                StatusCode::BAD_REQUEST,
                vec![("reason", e.to_string())],
                None,
                read_at,
                &current,
            ));
        }
    };
    let updated = match draft.apply(&current) {
        Ok(doc) => doc,
        Err(problems) => {
            return Ok(again(
                StatusCode::BAD_REQUEST,
                problems,
                None,
                read_at,
                &current,
            ));
        }
    };
    let conflict_draft = draft.clone();
    let saved = state
        .blocking(move |state| {
            match edits::write(&state, &author, updated, read_at) {
                Ok(PutOutcome::Written(_)) => Ok(Saved::Written),
                Ok(PutOutcome::Unchanged { .. }) => Ok(Saved::Unchanged),
                Err(AppError::Conflict { .. }) => {
                    // Another editor saved between the read above and this write.
                    let stored = state
                        .store()
                        .get(current.id)?
                        .ok_or_else(|| AppError::not_found("the document vanished"))?;
                    let view =
                        conflict_view_blocking(&state, &stored.document, read_at, &conflict_draft)?;
                    Ok(Saved::Conflict(Box::new(stored.document), view))
                }
                Err(e) => Err(e),
            }
        })
        .await
        .or_page(&state)?;
    match saved {
        Saved::Written => Ok(Redirect::to(&url::document(&id)).into_response()),
        Saved::Unchanged => {
            let gate = caller.gate();
            let key = id.clone();
            let (doc, deleted) = state
                .blocking(move |state| load_for(&state, &gate, &key))
                .await
                .or_page(&state)?;
            Ok(edit_form(
                &state,
                &caller,
                &doc,
                StatusCode::OK,
                FormState {
                    draft: Draft::of(&doc),
                    reason: String::new(),
                    revision: doc.revision,
                    problems: Vec::new(),
                    conflict: None,
                    deleted,
                    notice:
                        "Nothing changed: the document is as it was, and no revision was written."
                            .into(),
                },
            ))
        }
        Saved::Conflict(doc, view) => {
            let revision = doc.revision;
            Ok(again(
                StatusCode::CONFLICT,
                Vec::new(),
                Some(view),
                revision,
                &doc,
            ))
        }
    }
}

async fn conflict_view(
    state: &AppState,
    current: &Document,
    read_at: u64,
    draft: &Draft,
) -> ConflictView {
    let (current, draft) = (current.clone(), draft.clone());
    let fallback = ConflictView {
        read_at,
        current: current.revision,
        by: String::new(),
        reason: String::new(),
        differences: differences(&draft, &Draft::of(&current)),
    };
    state
        .blocking(move |state| conflict_view_blocking(&state, &current, read_at, &draft))
        .await
        .unwrap_or(fallback)
}

fn conflict_view_blocking(
    state: &AppState,
    current: &Document,
    read_at: u64,
    draft: &Draft,
) -> Result<ConflictView, AppError> {
    let history = state.store().history(current.id)?;
    let last = history.last();
    Ok(ConflictView {
        read_at,
        current: current.revision,
        by: last.map(|r| r.actor.clone()).unwrap_or_default(),
        reason: last.map(|r| r.reason.clone()).unwrap_or_default(),
        differences: differences(draft, &Draft::of(current)),
    })
}

fn parse_id(state: &AppState, id: &str) -> Result<DocumentId, PageError> {
    id.trim()
        .parse()
        .map_err(|_| PageError::new(state, AppError::not_found(format!("no document {id}"))))
}

/// A POST from a document's page by an editor: the checks, the author and the document.
fn editor_post(
    state: &AppState,
    caller: &Caller,
    id: &str,
    headers: &HeaderMap,
    body: &Bytes,
    default_reason: &str,
) -> Result<(Author, DocumentId, Form), PageError> {
    let form = Form::parse(headers, body).or_page(state)?;
    let account = check_post(state, caller, headers, form.get(csrf::FIELD)).or_page(state)?;
    if !caller.viewer().may_edit() {
        return Err(PageError::new(
            state,
            AppError::Forbidden("only editors and administrators may change documents".into()),
        ));
    }
    let reason = match form.get("reason").trim() {
        "" => default_reason,
        given => given,
    };
    let author = Author::new(&account.user.name, caller.address_text(), reason).or_page(state)?;
    let id = parse_id(state, id)?;
    Ok((author, id, form))
}

/// `POST /documents/{id}/delete`: a tombstone revision (undone from the same page).
pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (author, doc_id, form) = editor_post(
        &state,
        &caller,
        &id,
        &headers,
        &body,
        "withdrawn by an editor",
    )?;
    let expected = form.get("revision").trim().parse::<u64>().ok();
    state
        .blocking(move |state| edits::delete(&state, &author, doc_id, expected))
        .await
        .or_page(&state)?;
    Ok(Redirect::to(&url::document_id(doc_id)).into_response())
}

/// `POST /documents/{id}/undelete`: the content before the deletion, as a new revision.
pub async fn undelete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (author, doc_id, _) = editor_post(
        &state,
        &caller,
        &id,
        &headers,
        &body,
        "undeleted by an editor",
    )?;
    state
        .blocking(move |state| edits::undelete(&state, &author, doc_id))
        .await
        .or_page(&state)?;
    Ok(Redirect::to(&url::document_id(doc_id)).into_response())
}

/// `POST /documents/{id}/revisions/{n}/restore`: revision `n`'s content as a new revision.
pub async fn restore(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, n)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let default_reason = format!("restored revision {n}");
    let (author, doc_id, _) = editor_post(&state, &caller, &id, &headers, &body, &default_reason)?;
    let revision: u64 = n
        .parse()
        .map_err(|_| PageError::new(&state, AppError::not_found(format!("no revision {n}"))))?;
    state
        .blocking(move |state| edits::restore(&state, &author, doc_id, revision))
        .await
        .or_page(&state)?;
    Ok(Redirect::to(&format!("{}/history", url::document_id(doc_id))).into_response())
}
