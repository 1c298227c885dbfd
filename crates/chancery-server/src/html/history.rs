//! A document's revision history: every revision (number, when, who, why, what kind) with a
//! readable difference from the one before it — the fields that changed, and the text's
//! changed lines with the changed words marked — and a link to read each old revision.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chancery_model::Document;
use chancery_store::ChangeKind;
use similar::{ChangeTag, TextDiff};

use super::document::load_for;
use super::error::{OrPage, PageError};
use super::markup::Markup;
use super::{Chrome, Section, html_ok, url, view};
use crate::auth::caller::Caller;
use crate::error::AppError;
use crate::state::AppState;

/// Revisions shown with their differences (older ones are listed without).
const MAX_DIFFS: usize = 50;
/// Lines of unchanged text kept around each change.
const CONTEXT_LINES: usize = 1;

/// One field that changed between two revisions.
#[derive(Debug, Clone)]
pub struct FieldChange {
    /// The field.
    pub label: &'static str,
    /// Its value before (empty when it had none).
    pub before: String,
    /// Its value after.
    pub after: String,
}

/// One line of a text difference.
#[derive(Debug, Clone)]
pub struct DiffLine {
    /// `del`, `ins` or `same`.
    pub kind: &'static str,
    /// The line, changed words in `<del>` or `<ins>`.
    pub html: Markup,
}

/// What changed in one revision.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Changed fields.
    pub fields: Vec<FieldChange>,
    /// Changed lines of the text, in hunks (a gap between hunks is unchanged text).
    pub hunks: Vec<Vec<DiffLine>>,
}

/// One revision in the list.
#[derive(Debug, Clone)]
pub struct RevisionView {
    /// Its number.
    pub number: u64,
    /// When, for readers.
    pub when: String,
    /// When, for machines.
    pub when_iso: String,
    /// Who wrote it.
    pub actor: String,
    /// Why.
    pub reason: String,
    /// What it did, for readers.
    pub kind: &'static str,
    /// The address of the document as it was then (none for a deletion).
    pub href: Option<String>,
    /// Whether it is the current revision.
    pub current: bool,
    /// What changed from the revision before, when known.
    pub changes: Option<Changes>,
    /// Why no difference is shown, when none is.
    pub note: String,
    /// Where the "restore this revision" form posts (for editors, on earlier revisions with
    /// content).
    pub restore_action: Option<String>,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    page: Chrome,
    title: String,
    document_href: String,
    revisions: Vec<RevisionView>,
    csrf: String,
}

/// `GET /documents/{id}/history`.
pub async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let gate = caller.gate();
    let may_restore = caller.viewer().may_edit() && caller.csrf().is_some();
    let (doc, revisions) = state
        .blocking(move |state| {
            let (doc, deleted) = load_for(&state, &gate, &id)?;
            let store = state.store();
            let history = store.history(doc.id)?;
            let count = history.len();
            let mut views = Vec::with_capacity(count);
            let mut previous: Option<Document> = None;
            for (i, info) in history.iter().enumerate() {
                let with_diff = count - i <= MAX_DIFFS + 1;
                let content = if info.kind == ChangeKind::Delete || !with_diff {
                    None
                } else {
                    store
                        .get_revision(doc.id, info.revision)?
                        .filter(|d| gate.allows(d))
                };
                let (changes, note) = match (&previous, &content, info.kind) {
                    (_, _, ChangeKind::Create) => (None, "The first revision.".to_string()),
                    (_, None, ChangeKind::Delete) => {
                        (None, "The document was withdrawn.".to_string())
                    }
                    (Some(before), Some(after), _) => (Some(diff(before, after)), String::new()),
                    _ if !with_diff => (
                        None,
                        "Older revisions are listed without their changes.".to_string(),
                    ),
                    _ => (
                        None,
                        "The revision before this one is not shown.".to_string(),
                    ),
                };
                views.push(RevisionView {
                    number: info.revision,
                    when: view::timestamp(info.at),
                    when_iso: info.at.to_string(),
                    actor: info.actor.clone(),
                    reason: info.reason.clone(),
                    kind: kind_label(info.kind),
                    href: (info.kind != ChangeKind::Delete && content.is_some()).then(|| {
                        format!("{}/revisions/{}", url::document_id(doc.id), info.revision)
                    }),
                    current: info.revision == doc.revision,
                    restore_action: (may_restore
                        && content.is_some()
                        && (deleted || info.revision != doc.revision))
                        .then(|| {
                            format!(
                                "{}/revisions/{}/restore",
                                url::document_id(doc.id),
                                info.revision
                            )
                        }),
                    changes,
                    note,
                });
                if content.is_some() || info.kind == ChangeKind::Delete {
                    previous = content;
                }
            }
            views.reverse();
            Ok::<_, AppError>((doc, views))
        })
        .await
        .or_page(&state)?;
    let mut chrome = Chrome::new(
        &state,
        &caller,
        format!("History of {}", doc.title),
        Section::Document,
    );
    chrome.noindex = true;
    Ok(html_ok(&HistoryPage {
        page: chrome,
        title: doc.title.clone(),
        document_href: url::document_id(doc.id),
        revisions,
        csrf: caller.csrf().unwrap_or_default().to_string(),
    }))
}

fn kind_label(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Create => "Created",
        ChangeKind::Update => "Changed",
        ChangeKind::Delete => "Withdrawn",
        ChangeKind::Restore => "Restored",
    }
}

/// The differences between two revisions' contents.
pub fn diff(before: &Document, after: &Document) -> Changes {
    let mut fields = Vec::new();
    let mut field = |label: &'static str, a: String, b: String| {
        if a != b {
            fields.push(FieldChange {
                label,
                before: a,
                after: b,
            });
        }
    };
    let names = |agents: &[chancery_model::AgentRef]| {
        agents
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    field("Title", before.title.clone(), after.title.clone());
    field(
        "Type",
        before
            .doc_type
            .map(|t| t.label().to_string())
            .unwrap_or_default(),
        after
            .doc_type
            .map(|t| t.label().to_string())
            .unwrap_or_default(),
    );
    field(
        "Date",
        before
            .date
            .as_ref()
            .map(|d| d.edtf().to_string())
            .unwrap_or_default(),
        after
            .date
            .as_ref()
            .map(|d| d.edtf().to_string())
            .unwrap_or_default(),
    );
    field("Place", opt(&before.place), opt(&after.place));
    field("Language", opt(&before.language), opt(&after.language));
    field("Caption", opt(&before.caption), opt(&after.caption));
    field("Senders", names(&before.senders), names(&after.senders));
    field(
        "Recipients",
        names(&before.recipients),
        names(&after.recipients),
    );
    field(
        "Source",
        before
            .source
            .as_ref()
            .and_then(|s| s.text.clone())
            .unwrap_or_default(),
        after
            .source
            .as_ref()
            .and_then(|s| s.text.clone())
            .unwrap_or_default(),
    );
    field(
        "Rights",
        opt(&before.rights.statement),
        opt(&after.rights.statement),
    );
    field(
        "Access",
        before.rights.access.as_str().to_string(),
        after.rights.access.as_str().to_string(),
    );
    field("Original address", opt(&before.url), opt(&after.url));
    field(
        "Collections",
        before.collections.join(", "),
        after.collections.join(", "),
    );
    field(
        "Subjects",
        before.subjects.join("; "),
        after.subjects.join("; "),
    );
    field(
        "Source file",
        before
            .provenance
            .as_ref()
            .and_then(|p| p.file.clone())
            .unwrap_or_default(),
        after
            .provenance
            .as_ref()
            .and_then(|p| p.file.clone())
            .unwrap_or_default(),
    );
    let structure_changed = before.body != after.body;
    let (old_text, new_text) = (before.text(), after.text());
    let hunks = text_diff(&old_text, &new_text);
    if structure_changed && hunks.is_empty() {
        field(
            "Structure",
            "as before".into(),
            "changed (the words are the same)".into(),
        );
    }
    Changes { fields, hunks }
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// The changed lines of a text, with the changed words marked, in hunks.
pub fn text_diff(old: &str, new: &str) -> Vec<Vec<DiffLine>> {
    let diff = TextDiff::from_lines(old, new);
    let mut hunks = Vec::new();
    for group in diff.grouped_ops(CONTEXT_LINES) {
        let mut lines = Vec::new();
        for op in &group {
            for change in diff.iter_inline_changes(op) {
                let (kind, wrap) = match change.tag() {
                    ChangeTag::Delete => ("del", "del"),
                    ChangeTag::Insert => ("ins", "ins"),
                    ChangeTag::Equal => ("same", ""),
                };
                let segments: Vec<(bool, String)> = change
                    .iter_strings_lossy()
                    .map(|(emphasized, text)| (emphasized, text.into_owned()))
                    .collect();
                let whole: String = segments.iter().map(|(_, t)| t.as_str()).collect();
                if whole.trim().is_empty() {
                    continue;
                }
                let mut html = Markup::new();
                match kind {
                    "del" => html.push_raw("<span class=\"visually-hidden\">Removed: </span>"),
                    "ins" => html.push_raw("<span class=\"visually-hidden\">Added: </span>"),
                    _ => html.push_raw("<span class=\"visually-hidden\">Unchanged: </span>"),
                }
                let any_emphasis = segments.iter().any(|(e, _)| *e);
                for (emphasized, text) in &segments {
                    let text = text.trim_end_matches('\n');
                    if wrap.is_empty() || (!emphasized && any_emphasis) {
                        html.push_text(text);
                    } else {
                        html.open(wrap, &[]);
                        html.push_text(text);
                        html.close(wrap);
                    }
                }
                lines.push(DiffLine { kind, html });
            }
        }
        if !lines.is_empty() {
            hunks.push(lines);
        }
    }
    hunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_marked() {
        let hunks = text_diff(
            "One.\n\nThe cat sat.\n\nThree.",
            "One.\n\nThe dog sat.\n\nThree.",
        );
        assert_eq!(hunks.len(), 1);
        let html: Vec<&str> = hunks[0].iter().map(|l| l.html.as_str()).collect();
        assert!(
            html.iter().any(|l| l.contains("<del>cat</del>")),
            "{html:?}"
        );
        assert!(
            html.iter().any(|l| l.contains("<ins>dog</ins>")),
            "{html:?}"
        );
    }

    #[test]
    fn text_is_escaped() {
        let hunks = text_diff("a", "<script>");
        let all: String = hunks.iter().flatten().map(|l| l.html.as_str()).collect();
        assert!(all.contains("&lt;script&gt;"));
        assert!(!all.contains("<script>"));
    }
}
