//! The home page: the search box; what the archive holds (counts by type and by decade,
//! over what the viewer may see); its collections; and what was added recently.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chancery_index::SearchRequest;
use chancery_store::ChangeKind;

use super::error::{OrPage, PageError};
use super::view::{self, DocLink};
use super::{Chrome, Section, html_ok, url};
use crate::auth::caller::Caller;
use crate::error::AppError;
use crate::state::AppState;

/// How many recently added documents the home page lists.
const RECENT: usize = 8;
/// How far back in the change log the home page looks for them.
const RECENT_WINDOW: u64 = 2_000;
/// How many collections the home page lists.
const COLLECTIONS: usize = 12;

/// A count that links to the documents it counts.
#[derive(Debug, Clone)]
pub struct CountLink {
    /// What is counted.
    pub label: String,
    /// How many.
    pub count: u64,
    /// The count, written for readers.
    pub count_text: String,
    /// The share of the largest count, in percent (for bars).
    pub share: u32,
    /// Where the documents are.
    pub href: String,
}

/// A bar's length as a share of `max`, rounded up to a multiple of 5 percent (the
/// stylesheet has a class for each: inline styles are not allowed by the policy).
pub fn bar_width(count: u64, max: u64) -> u32 {
    let percent = (count.saturating_mul(100)).div_ceil(max.max(1)).min(100);
    let rounded = percent.div_ceil(5) * 5;
    u32::try_from(rounded.max(5)).unwrap_or(100)
}

/// Count links with bar lengths relative to the largest.
pub fn count_links(items: impl IntoIterator<Item = (String, u64, String)>) -> Vec<CountLink> {
    let items: Vec<(String, u64, String)> = items.into_iter().collect();
    let max = items.iter().map(|i| i.1).max().unwrap_or(1).max(1);
    items
        .into_iter()
        .map(|(label, count, href)| CountLink {
            label,
            count_text: view::thousands(count),
            share: bar_width(count, max),
            count,
            href,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Chrome,
    total: String,
    types: Vec<CountLink>,
    decades: Vec<CountLink>,
    collections: Vec<CountLink>,
    more_collections: bool,
    recent: Vec<DocLink>,
}

/// `GET /`.
pub async fn page(State(state): State<AppState>, caller: Caller) -> Result<Response, PageError> {
    let gate = caller.gate();
    let visibility = gate.visibility();
    let (results, recent) = state
        .blocking(move |state| {
            let store = state.store();
            let mut request = SearchRequest::new("");
            request.limit = 1;
            request.facets = true;
            request.snippets = false;
            request.visibility = visibility.clone();
            let results = state.index().search(&request, store.as_ref())?;
            let recent = recently_added(&state, &gate)?;
            Ok((results, recent))
        })
        .await
        .or_page(&state)?;
    let facets = results.facets.unwrap_or_default();
    let types = count_links(facets.doc_type.iter().map(|f| {
        (
            view::type_label_plural(&f.value),
            f.count,
            url::with_query("/search", [("type", f.value.as_str())]),
        )
    }));
    let decades = count_links(facets.decade.iter().map(|f| {
        (
            f.value.clone(),
            f.count,
            url::with_query("/search", [("decade", f.value.as_str()), ("sort", "date")]),
        )
    }));
    let collections = count_links(facets.collection.iter().take(COLLECTIONS).map(|f| {
        (
            view::collection_name(&f.value),
            f.count,
            url::collection(&f.value),
        )
    }));
    let mut chrome = Chrome::new(&state, &caller, "Home", Section::Home);
    chrome.canonical = Some(format!("{}/", state.site().base_url));
    Ok(html_ok(&HomePage {
        page: chrome,
        total: view::count_noun(results.total, "document", "documents"),
        types,
        decades,
        more_collections: facets.collection.len() > COLLECTIONS,
        collections,
        recent,
    }))
}

/// The documents most recently added to the archive that the viewer may see, newest first.
fn recently_added(state: &AppState, gate: &crate::access::Gate) -> Result<Vec<DocLink>, AppError> {
    let store = state.store();
    let last = store.last_seq()?;
    let mut found: Vec<DocLink> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Walk back through the log in pages until enough visible documents are found.
    let mut before = last;
    let floor = last.saturating_sub(RECENT_WINDOW);
    while found.len() < RECENT && before > floor {
        let from = before.saturating_sub(200).max(floor);
        let mut changes =
            store.changes_since(from, usize::try_from(before - from).unwrap_or(200))?;
        changes.reverse();
        for change in changes {
            if change.kind != ChangeKind::Create || !seen.insert(change.id) {
                continue;
            }
            let Some(stored) = store.get(change.id)? else {
                continue;
            };
            if stored.deleted || !gate.allows(&stored.document) {
                continue;
            }
            let doc = &stored.document;
            let mut link = DocLink::new(
                &doc.id.to_string(),
                &doc.title,
                doc.date.as_ref().map(|d| d.edtf()),
            );
            link.doc_type = doc
                .doc_type
                .map(|t| t.label().to_string())
                .unwrap_or_default();
            found.push(link);
            if found.len() == RECENT {
                break;
            }
        }
        before = from;
    }
    Ok(found)
}
