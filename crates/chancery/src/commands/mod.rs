//! One module per command.

pub mod authorities;
pub mod backup;
pub mod check;
pub mod edit;
pub mod enrich;
pub mod eval;
pub mod export;
pub mod harvest;
pub mod import;
pub mod list;
pub mod reindex;
pub mod search;
pub mod serve;
pub mod show;
pub mod users;

use anyhow::Context;
use chancery_model::{DocDate, DocumentId};
use chancery_store::ListFilter;

use crate::cli::FilterArgs;

/// Who acts from the command line, for the change log and the audit log (`cli:USER`).
pub fn operator() -> String {
    std::env::var("USER")
        .map(|u| format!("cli:{u}"))
        .unwrap_or_else(|_| "cli".into())
}

/// Appends a line to the audit log; a failure is a warning (the work itself is done).
pub fn audit(
    store: &dyn chancery_store::Store,
    action: &str,
    target: Option<String>,
    detail: Option<String>,
) {
    let entry = chancery_store::NewAuditEntry {
        actor: operator(),
        action: action.into(),
        target,
        detail,
        address: None,
    };
    if let Err(e) = store.append_audit(entry) {
        eprintln!("warning: the audit log could not be written: {e}");
    }
}

/// Parses a document identifier given on the command line.
pub fn parse_id(id: &str) -> anyhow::Result<DocumentId> {
    id.parse().with_context(|| format!("'{id}' is not a document identifier (a UUID such as 5118690c-57ed-4ad7-a473-188be44d8d2e)"))
}

/// Turns the command-line filters into the store's filter.
pub fn list_filter(args: &FilterArgs) -> anyhow::Result<ListFilter> {
    let bound = |value: &Option<String>, name: &str| -> anyhow::Result<Option<DocDate>> {
        value
            .as_deref()
            .map(|v| {
                DocDate::parse_edtf(v).with_context(|| {
                    format!("--{name}: expected a date such as 1950, 1950-06 or 1950-06-27")
                })
            })
            .transpose()
    };
    let from = bound(&args.from, "from")?;
    let to = bound(&args.to, "to")?;
    Ok(ListFilter {
        doc_type: args.doc_type,
        date_from: from.and_then(|d| d.earliest()),
        date_to: to.and_then(|d| d.latest()),
        title_contains: args.title.clone(),
        collection: args.collection.clone(),
        include_deleted: false,
    })
}
