//! Reviewing a document's mentions (editors and administrators): `/documents/{id}/mentions`
//! lists every person, organization, place and date enrichment found — in context, with the
//! record it is linked to, its confidence, status and source — and lets the editor confirm
//! or reject each (or many at once), link a mention to another record, or turn an unlinked
//! mention into a new authority record.
//!
//! Every change is a revision of the document (with the editor's name and a reason written
//! for them unless they give one), made through [`crate::edits`]. The forms carry the
//! revision they were read at; when the document changed meanwhile nothing is written and
//! the page comes back (409) with the current mentions. Rejected mentions stay in the
//! document, so enrichment run again does not propose them a second time.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chancery_model::authority::{Agent, AgentKind, Place, slug};
use chancery_model::{
    Authority, Document, Mention, MentionField, MentionKind, MentionSource, MentionStatus,
};
use chancery_store::PutOutcome;

use super::document::load_for;
use super::edit::editor;
use super::error::{OrPage, PageError};
use super::form::{Form, check_post};
use super::{Chrome, Section, html_response, no_store, url};
use crate::auth::caller::Caller;
use crate::auth::csrf;
use crate::edits::{self, Author};
use crate::error::AppError;
use crate::names::{self, Kind};
use crate::state::AppState;

/// Characters of text shown on each side of a mention.
const CONTEXT: usize = 60;

/// One mention as the review table shows it.
#[derive(Debug, Clone)]
pub struct MentionRow {
    /// Its position among the document's mentions (what the forms send back).
    pub index: usize,
    /// `Person`, `Organization`, `Place` or `Date`.
    pub kind: &'static str,
    /// Where it is: text, title or caption.
    pub field: &'static str,
    /// The text before the mention.
    pub before: String,
    /// The mention as written.
    pub text: String,
    /// The text after it.
    pub after: String,
    /// The record it is linked to: (name, page), or for dates the EDTF value.
    pub linked: Option<(String, Option<String>)>,
    /// The confidence in percent.
    pub confidence: u32,
    /// `automatic`, `confirmed` or `rejected`.
    pub status: &'static str,
    /// How it was found.
    pub source: &'static str,
    /// Whether it may be linked to a record (not a date).
    pub linkable: bool,
    /// Whether a new record can be made of it (an unlinked person, organization or place).
    pub creatable: bool,
}

/// A filter link above the table.
#[derive(Debug, Clone)]
pub struct FilterLink {
    /// What it shows.
    pub label: String,
    /// Where it leads.
    pub href: String,
    /// Whether it is the filter in use.
    pub current: bool,
}

#[derive(Template)]
#[template(path = "mentions.html")]
struct MentionsPage {
    page: Chrome,
    action: String,
    document_href: String,
    title: String,
    csrf: String,
    revision: u64,
    rows: Vec<MentionRow>,
    total: usize,
    filters: Vec<FilterLink>,
    problem: String,
    notice: String,
}

/// Which mentions to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Status(MentionStatus),
}

impl Filter {
    fn parse(raw: Option<&str>) -> Self {
        let status = raw
            .into_iter()
            .flat_map(|q| form_urlencoded::parse(q.as_bytes()))
            .find(|(k, _)| k == "status")
            .map(|(_, v)| v.into_owned());
        match status.as_deref() {
            Some("automatic") => Filter::Status(MentionStatus::Automatic),
            Some("confirmed") => Filter::Status(MentionStatus::Confirmed),
            Some("rejected") => Filter::Status(MentionStatus::Rejected),
            _ => Filter::All,
        }
    }

    fn keeps(self, mention: &Mention) -> bool {
        match self {
            Filter::All => true,
            Filter::Status(s) => mention.status == s,
        }
    }
}

fn status_name(status: MentionStatus) -> &'static str {
    match status {
        MentionStatus::Automatic => "automatic",
        MentionStatus::Confirmed => "confirmed",
        MentionStatus::Rejected => "rejected",
    }
}

fn source_name(source: MentionSource) -> &'static str {
    match source {
        MentionSource::Markup => "markup",
        MentionSource::Gazetteer => "name list",
        MentionSource::Rule => "rule",
        MentionSource::Editor => "editor",
    }
}

fn kind_label(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Person => "Person",
        MentionKind::Organization => "Organization",
        MentionKind::Place => "Place",
        MentionKind::Date => "Date",
    }
}

/// The field's text a mention points into.
fn field_text(doc: &Document, field: MentionField) -> String {
    match field {
        MentionField::Text => doc.text(),
        MentionField::Title => doc.title.clone(),
        MentionField::Caption => doc.caption.clone().unwrap_or_default(),
    }
}

/// Up to `CONTEXT` characters before and after `start..end` in `text` (empty when the
/// offsets do not fall on the text's characters).
fn context(text: &str, start: usize, end: usize) -> (String, String) {
    if start > end || end > text.len() || !text.is_char_boundary(start) {
        return (String::new(), String::new());
    }
    if !text.is_char_boundary(end) {
        return (String::new(), String::new());
    }
    let before: String = {
        let chars: Vec<char> = text[..start].chars().rev().take(CONTEXT).collect();
        let mut s: String = chars.into_iter().rev().collect();
        if start > s.len() {
            s.insert(0, '…');
        }
        s
    };
    let mut after: String = text[end..].chars().take(CONTEXT).collect();
    if text.len() - end > after.len() {
        after.push('…');
    }
    (
        before.split_whitespace().collect::<Vec<_>>().join(" ") + pad(&before, true),
        pad(&after, false).to_string() + &after.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// A space where the context touched the mention with whitespace.
fn pad(side: &str, before: bool) -> &'static str {
    let touches = if before {
        side.ends_with(char::is_whitespace)
    } else {
        side.starts_with(char::is_whitespace)
    };
    if touches { " " } else { "" }
}

fn rows(state: &AppState, doc: &Document, filter: Filter) -> Result<Vec<MentionRow>, AppError> {
    let store = state.store();
    let texts = [
        (MentionField::Text, field_text(doc, MentionField::Text)),
        (MentionField::Title, field_text(doc, MentionField::Title)),
        (
            MentionField::Caption,
            field_text(doc, MentionField::Caption),
        ),
    ];
    let mut out = Vec::new();
    for (index, m) in doc.mentions.iter().enumerate() {
        if !filter.keeps(m) {
            continue;
        }
        let text = texts
            .iter()
            .find(|(f, _)| *f == m.field)
            .map_or("", |(_, t)| t.as_str());
        let (before, after) = context(text, m.start as usize, m.end as usize);
        let linked = match (&m.entity_id, &m.normalized) {
            (Some(id), _) => {
                let resolved = state.names().resolve(store.as_ref(), id)?;
                let href = resolved.known.then(|| resolved.href());
                Some((resolved.name, href))
            }
            (None, Some(edtf)) => Some((edtf.clone(), None)),
            (None, None) => None,
        };
        let linkable = m.kind != MentionKind::Date;
        out.push(MentionRow {
            index,
            kind: kind_label(m.kind),
            field: match m.field {
                MentionField::Text => "text",
                MentionField::Title => "title",
                MentionField::Caption => "caption",
            },
            before,
            text: m.text.clone(),
            after,
            linked,
            confidence: (m.confidence.clamp(0.0, 1.0) * 100.0).round() as u32,
            status: status_name(m.status),
            source: source_name(m.source),
            linkable,
            creatable: linkable && m.entity_id.is_none(),
        });
    }
    Ok(out)
}

struct View {
    status: StatusCode,
    problem: String,
    notice: String,
}

fn render(
    state: &AppState,
    caller: &Caller,
    doc: &Document,
    filter: Filter,
    view: View,
) -> Result<Response, AppError> {
    let mut chrome = Chrome::new(
        state,
        caller,
        format!("Mentions: {}", doc.title),
        Section::Document,
    );
    chrome.noindex = true;
    let href = url::document_id(doc.id);
    let action = format!("{href}/mentions");
    let count = |s: Option<MentionStatus>| {
        doc.mentions
            .iter()
            .filter(|m| s.is_none_or(|s| m.status == s))
            .count()
    };
    let filters = [
        (Filter::All, "All", None),
        (
            Filter::Status(MentionStatus::Automatic),
            "Not yet reviewed",
            Some(MentionStatus::Automatic),
        ),
        (
            Filter::Status(MentionStatus::Confirmed),
            "Confirmed",
            Some(MentionStatus::Confirmed),
        ),
        (
            Filter::Status(MentionStatus::Rejected),
            "Rejected",
            Some(MentionStatus::Rejected),
        ),
    ]
    .into_iter()
    .map(|(f, label, s)| FilterLink {
        label: format!("{label} ({})", count(s)),
        href: match s {
            None => action.clone(),
            Some(s) => format!("{action}?status={}", status_name(s)),
        },
        current: f == filter,
    })
    .collect();
    Ok(no_store(html_response(
        view.status,
        &MentionsPage {
            page: chrome,
            action,
            document_href: href,
            title: doc.title.clone(),
            csrf: caller.csrf().unwrap_or_default().to_string(),
            revision: doc.revision,
            rows: rows(state, doc, filter)?,
            total: doc.mentions.len(),
            filters,
            problem: view.problem,
            notice: view.notice,
        },
    )))
}

/// `GET /documents/{id}/mentions`.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let path = format!("/documents/{id}/mentions");
    if let Some(response) = editor(&state, &caller, &path) {
        return Ok(response);
    }
    let filter = Filter::parse(raw.as_deref());
    let gate = caller.gate();
    let view_caller = caller.clone();
    state
        .blocking(move |state| {
            let (doc, _) = load_for(&state, &gate, &id)?;
            render(
                &state,
                &view_caller,
                &doc,
                filter,
                View {
                    status: StatusCode::OK,
                    problem: String::new(),
                    notice: String::new(),
                },
            )
        })
        .await
        .or_page(&state)
}

/// What an editor asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    Confirm(Vec<usize>),
    Reject(Vec<usize>),
    Link(usize, String),
    Create(usize),
}

/// Reads the action from the button pressed (`act`: `confirm:3`, `reject:selected`,
/// `link:3` with `entity`, `create:3`) and the ticked boxes (`m`).
fn parse_action(form: &Form) -> Result<Action, AppError> {
    let bad = |message: &str| AppError::bad_parameter("act", message.to_string());
    let act = form.get("act");
    let (verb, target) = act
        .split_once(':')
        .ok_or_else(|| bad("choose what to do with the mention"))?;
    let indexes: Vec<usize> = if target == "selected" {
        let mut chosen = Vec::new();
        for value in form.all("m") {
            chosen.push(
                value
                    .trim()
                    .parse()
                    .map_err(|_| AppError::bad_parameter("m", "not a mention's number"))?,
            );
        }
        if chosen.is_empty() {
            return Err(AppError::bad_parameter(
                "m",
                "tick the mentions to confirm or reject first",
            ));
        }
        chosen
    } else {
        vec![
            target
                .trim()
                .parse()
                .map_err(|_| bad("not a mention's number"))?,
        ]
    };
    let one = || -> Result<usize, AppError> {
        match indexes.as_slice() {
            [i] => Ok(*i),
            _ => Err(bad("link or create one mention at a time")),
        }
    };
    match verb {
        "confirm" => Ok(Action::Confirm(indexes)),
        "reject" => Ok(Action::Reject(indexes)),
        "link" => {
            let entity = super::merge::identifier_in(form.get("entity"));
            if entity.is_empty() {
                return Err(AppError::bad_parameter(
                    "entity",
                    "give the identifier of the record to link to (as in the address of its page)",
                ));
            }
            Ok(Action::Link(one()?, entity))
        }
        "create" => Ok(Action::Create(one()?)),
        _ => Err(bad("unknown action")),
    }
}

/// The kind of record a mention names.
fn record_kind(kind: MentionKind) -> Option<Kind> {
    match kind {
        MentionKind::Person => Some(Kind::Person),
        MentionKind::Organization => Some(Kind::Organization),
        MentionKind::Place => Some(Kind::Place),
        MentionKind::Date => None,
    }
}

/// The identifier prefix of a kind.
fn prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "",
        Kind::Organization => "org:",
        Kind::Place => "place:",
    }
}

/// A new record named as `mention` is written, with an identifier no record has yet.
fn new_record(state: &AppState, mention: &Mention) -> Result<Authority, AppError> {
    let kind = record_kind(mention.kind)
        .ok_or_else(|| AppError::bad_parameter("act", "a date cannot become a record"))?;
    let name = mention
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let base = slug(&name);
    if base.is_empty() {
        return Err(AppError::bad_parameter(
            "act",
            "this mention has no letters or digits to name a record by",
        ));
    }
    let store = state.store();
    let mut id = format!("{}{base}", prefix(kind));
    let mut n = 2;
    while store.authority(&id)?.is_some()
        || store.authority_merged_into(&id)?.is_some()
        || state.names().resolve(store.as_ref(), &id)?.known
    {
        id = format!("{}{base}-{n}", prefix(kind));
        n += 1;
    }
    Ok(match kind {
        Kind::Place => Authority::Place(Place {
            id,
            preferred_name: name,
            alternate_names: Vec::new(),
            identifiers: Vec::new(),
            notes: None,
        }),
        Kind::Person | Kind::Organization => Authority::Agent(Agent {
            id,
            kind: if kind == Kind::Person {
                AgentKind::Person
            } else {
                AgentKind::Organization
            },
            preferred_name: name,
            alternate_names: Vec::new(),
            dates: None,
            positions: Vec::new(),
            identifiers: Vec::new(),
            notes: None,
        }),
    })
}

/// What applying an action came to.
struct Applied {
    /// The reason written for the editor.
    reason: String,
    /// A new authority record to write first.
    record: Option<Authority>,
}

/// Applies `action` to `doc`'s mentions.
fn apply(state: &AppState, doc: &mut Document, action: &Action) -> Result<Applied, AppError> {
    let count = doc.mentions.len();
    let check = |i: usize| -> Result<(), AppError> {
        if i < count {
            Ok(())
        } else {
            Err(AppError::bad_parameter(
                "m",
                format!("the document has {count} mentions: there is no number {i}"),
            ))
        }
    };
    let quoted = |doc: &Document, indexes: &[usize]| {
        let mut names: Vec<String> = indexes
            .iter()
            .take(5)
            .map(|&i| format!("«{}»", doc.mentions[i].text))
            .collect();
        if indexes.len() > 5 {
            names.push(format!("and {} more", indexes.len() - 5));
        }
        names.join(", ")
    };
    match action {
        Action::Confirm(indexes) | Action::Reject(indexes) => {
            let (status, verb) = if matches!(action, Action::Confirm(_)) {
                (MentionStatus::Confirmed, "confirmed")
            } else {
                (MentionStatus::Rejected, "rejected")
            };
            for &i in indexes {
                check(i)?;
                doc.mentions[i].status = status;
            }
            Ok(Applied {
                reason: format!(
                    "{verb} {} {}: {}",
                    indexes.len(),
                    if indexes.len() == 1 {
                        "mention"
                    } else {
                        "mentions"
                    },
                    quoted(doc, indexes)
                ),
                record: None,
            })
        }
        Action::Link(i, entity) => {
            check(*i)?;
            let store = state.store();
            let kind = record_kind(doc.mentions[*i].kind)
                .ok_or_else(|| AppError::bad_parameter("act", "a date links to no record"))?;
            let target = match store.authority_merged_into(entity)? {
                Some(into) => into,
                None => entity.clone(),
            };
            let resolved = if names::is_valid_id(&target) {
                Some(state.names().resolve(store.as_ref(), &target)?)
            } else {
                None
            };
            let Some(resolved) = resolved.filter(|r| r.known) else {
                return Err(AppError::bad_parameter(
                    "entity",
                    format!("there is no record '{entity}'"),
                ));
            };
            if resolved.kind != kind {
                return Err(AppError::bad_parameter(
                    "entity",
                    format!(
                        "'{entity}' is a {}, and this mention names a {}",
                        resolved.kind.as_str(),
                        kind.as_str()
                    ),
                ));
            }
            let mention = &mut doc.mentions[*i];
            mention.entity_id = Some(target.clone());
            mention.status = MentionStatus::Confirmed;
            mention.source = MentionSource::Editor;
            mention.confidence = 1.0;
            Ok(Applied {
                reason: format!("linked «{}» to {} ({target})", mention.text, resolved.name),
                record: None,
            })
        }
        Action::Create(i) => {
            check(*i)?;
            let mention = doc.mentions[*i].clone();
            if mention.entity_id.is_some() {
                return Err(AppError::bad_parameter(
                    "act",
                    "this mention is linked already: link it to another record instead",
                ));
            }
            let record = new_record(state, &mention)?;
            let id = record.id().to_string();
            let folded = chancery_model::fold::fold(&mention.text);
            // Every unlinked mention of the same name in the document goes to the new record.
            let mut linked = 0;
            for m in doc.mentions.iter_mut().filter(|m| {
                m.kind == mention.kind
                    && m.entity_id.is_none()
                    && chancery_model::fold::fold(&m.text) == folded
            }) {
                m.entity_id = Some(id.clone());
                m.status = MentionStatus::Confirmed;
                m.source = MentionSource::Editor;
                m.confidence = 1.0;
                linked += 1;
            }
            let reason = format!(
                "new {} record {id} from «{}», {linked} {} linked",
                record.kind(),
                mention.text,
                if linked == 1 { "mention" } else { "mentions" }
            );
            Ok(Applied {
                reason,
                record: Some(record),
            })
        }
    }
}

/// `POST /documents/{id}/mentions`.
pub async fn save(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let path = format!("/documents/{id}/mentions");
    if let Some(response) = editor(&state, &caller, &path) {
        return Ok(response);
    }
    let form = Form::parse(&headers, &body).or_page(&state)?;
    let account = check_post(&state, &caller, &headers, form.get(csrf::FIELD)).or_page(&state)?;
    let actor = account.user.name.clone();
    let read_at: u64 = form.get("revision").trim().parse().map_err(|_| {
        PageError::new(
            &state,
            AppError::bad_parameter("revision", "the form lacks the revision it was read at"),
        )
    })?;
    let filter = Filter::parse(raw.as_deref());
    let given_reason = form.get("reason").trim().to_string();
    let action = parse_action(&form);
    let gate = caller.gate();
    let address = caller.address_text();
    let view_caller = caller.clone();
    let back = match raw.as_deref() {
        Some(q) if !q.is_empty() => format!("{path}?{q}"),
        _ => path.clone(),
    };
    state
        .blocking(move |state| {
            let (doc, _) = load_for(&state, &gate, &id)?;
            let again = |doc: &Document, status: StatusCode, problem: String, notice: &str| {
                render(
                    &state,
                    &view_caller,
                    doc,
                    filter,
                    View {
                        status,
                        problem,
                        notice: notice.to_string(),
                    },
                )
            };
            if doc.revision != read_at {
                return again(
                    &doc,
                    StatusCode::CONFLICT,
                    String::new(),
                    "The document changed since you read this page (another editor, or \
                     enrichment run again), so nothing was written. Here are its mentions now: \
                     review them again.",
                );
            }
            let action = match action {
                Ok(a) => a,
                Err(e) => return again(&doc, StatusCode::BAD_REQUEST, e.to_string(), ""),
            };
            let mut updated = doc.clone();
            let applied = match apply(&state, &mut updated, &action) {
                Ok(a) => a,
                Err(e) => return again(&doc, StatusCode::BAD_REQUEST, e.to_string(), ""),
            };
            let reason = if given_reason.is_empty() {
                applied.reason.clone()
            } else {
                given_reason
            };
            let author = Author::new(&actor, address, &reason)?;
            if let Some(record) = &applied.record {
                edits::create_authority(&state, &author, record)?;
            }
            match edits::write(&state, &author, updated, read_at) {
                Ok(PutOutcome::Written(_) | PutOutcome::Unchanged { .. }) => {
                    Ok(Redirect::to(&back).into_response())
                }
                Err(AppError::Conflict { .. }) => {
                    let (current, _) = load_for(&state, &gate, &id)?;
                    again(
                        &current,
                        StatusCode::CONFLICT,
                        String::new(),
                        "Another change was saved just before yours, so nothing was written. \
                         Here are the mentions now: review them again.",
                    )
                }
                Err(e) => Err(e),
            }
        })
        .await
        .or_page(&state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_characters_and_marks_what_is_left_out() {
        let text = "Le ministre Gromyko a reçu l’aide-mémoire à Moscou.";
        let start = text.find("Gromyko").unwrap();
        let (before, after) = context(text, start, start + "Gromyko".len());
        assert_eq!(before, "Le ministre ");
        assert_eq!(after, " a reçu l’aide-mémoire à Moscou.");
        let long = format!("{} Kirk {}", "a ".repeat(100), "b ".repeat(100));
        let start = long.find("Kirk").unwrap();
        let (before, after) = context(&long, start, start + 4);
        assert!(
            before.starts_with('…') && before.ends_with("a "),
            "{before}"
        );
        assert!(after.ends_with('…') && after.starts_with(" b"), "{after}");
        // Offsets that do not fit the text show no context rather than fail.
        assert_eq!(context("abc", 2, 10), (String::new(), String::new()));
        assert_eq!(context("é", 1, 2), (String::new(), String::new()));
    }

    #[test]
    fn actions_are_read_from_the_button_pressed() {
        let form = |body: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                axum::http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded".parse().unwrap(),
            );
            Form::parse(&headers, &Bytes::from(body.to_string())).unwrap()
        };
        assert_eq!(
            parse_action(&form("act=confirm%3A3")).unwrap(),
            Action::Confirm(vec![3])
        );
        assert_eq!(
            parse_action(&form("m=1&m=4&act=reject%3Aselected")).unwrap(),
            Action::Reject(vec![1, 4])
        );
        assert_eq!(
            parse_action(&form("act=link%3A2&entity=%2Fpeople%2Fkirk-alan-goodrich")).unwrap(),
            Action::Link(2, "kirk-alan-goodrich".into())
        );
        assert!(parse_action(&form("act=reject%3Aselected")).is_err());
        assert!(parse_action(&form("act=link%3A2&entity=")).is_err());
        assert!(parse_action(&form("act=explode%3A2")).is_err());
        assert!(parse_action(&form("act=confirm%3Ax")).is_err());
        assert!(parse_action(&form("")).is_err());
    }
}
