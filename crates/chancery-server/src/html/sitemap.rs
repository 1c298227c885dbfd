//! `/sitemap.xml`: the main pages and every document an anonymous visitor may see. An archive
//! larger than one sitemap holds (50,000 addresses) gets a sitemap index pointing at
//! `/sitemaps/pages.xml` and `/sitemaps/{n}.xml`, each of at most 50,000 addresses.
//!
//! Sitemaps are for search engines, which are anonymous: they are built with the anonymous
//! viewer's gate whatever the request.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chancery_index::query::Node;
use chancery_index::{DateMode, ListOrder, ListRequest, MAX_LIMIT, SearchRequest, Visibility};

use super::error::{OrPage, PageError};
use super::markup::escape;
use super::url;
use crate::access::{Gate, Viewer};
use crate::error::AppError;
use crate::state::AppState;

/// The most addresses one sitemap may hold (the sitemaps protocol's limit).
pub const MAX_URLS: usize = 50_000;

/// What anonymous visitors (and so search engines) may see.
fn anonymous(state: &AppState) -> Visibility {
    Gate::new(Viewer::Anonymous, state.now()).visibility()
}

/// The main pages and the collections' pages.
fn main_pages(state: &AppState, visibility: &Visibility) -> Result<Vec<String>, AppError> {
    let base = &state.site().base_url;
    let mut request = SearchRequest::new("");
    request.limit = 1;
    request.facets = true;
    request.snippets = false;
    request.visibility = visibility.clone();
    let results = state.index().search(&request, state.store().as_ref())?;
    let mut urls = vec![
        format!("{base}/"),
        format!("{base}/timeline"),
        format!("{base}/collections"),
    ];
    for c in results.facets.unwrap_or_default().collection {
        urls.push(format!("{base}{}", url::collection(&c.value)));
    }
    Ok(urls)
}

/// How many documents anonymous visitors may see.
fn document_count(state: &AppState, visibility: &Visibility) -> Result<u64, AppError> {
    let mut request = SearchRequest::new("");
    request.limit = 1;
    request.snippets = false;
    request.visibility = visibility.clone();
    Ok(state
        .index()
        .search(&request, state.store().as_ref())?
        .total)
}

/// The addresses of `count` visible documents from `offset`, in date order (a total
/// order, so the sitemap's pages neither repeat nor skip a document).
fn document_urls(
    state: &AppState,
    visibility: &Visibility,
    offset: usize,
    count: usize,
) -> Result<Vec<String>, AppError> {
    let base = &state.site().base_url;
    let index = state.index();
    let mut urls = Vec::with_capacity(count.min(MAX_URLS));
    let mut skipped = 0;
    let mut after = None;
    while urls.len() < count {
        let page = index.list(&ListRequest {
            query: Node::MatchAll,
            order: ListOrder::DateAscending,
            after: after.take(),
            limit: MAX_LIMIT,
            date_mode: DateMode::Overlap,
            visibility: visibility.clone(),
        })?;
        let last = page.items.last().cloned();
        for item in page.items {
            if skipped < offset {
                skipped += 1;
            } else if urls.len() < count {
                urls.push(format!("{base}{}", url::document(&item.id)));
            }
        }
        if !page.more || last.is_none() {
            break;
        }
        after = last;
    }
    Ok(urls)
}

fn xml(body: String) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    response
}

fn urlset(urls: &[String]) -> String {
    let mut out = String::with_capacity(64 * urls.len() + 128);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for u in urls {
        out.push_str("  <url><loc>");
        out.push_str(&escape(u));
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `GET /sitemap.xml`: one sitemap, or a sitemap index for a large archive.
pub async fn index(State(state): State<AppState>) -> Result<Response, PageError> {
    let visibility = anonymous(&state);
    let body = state
        .blocking(move |state| {
            let pages = main_pages(&state, &visibility)?;
            let documents =
                usize::try_from(document_count(&state, &visibility)?).unwrap_or(usize::MAX);
            if pages.len() + documents <= MAX_URLS {
                let mut urls = pages;
                urls.extend(document_urls(&state, &visibility, 0, documents)?);
                return Ok(urlset(&urls));
            }
            let base = &state.site().base_url;
            let mut out = String::new();
            out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            out.push_str(&format!(
                "  <sitemap><loc>{}/sitemaps/pages.xml</loc></sitemap>\n",
                escape(base)
            ));
            for n in 1..=documents.div_ceil(MAX_URLS) {
                out.push_str(&format!(
                    "  <sitemap><loc>{}/sitemaps/{n}.xml</loc></sitemap>\n",
                    escape(base)
                ));
            }
            out.push_str("</sitemapindex>\n");
            Ok(out)
        })
        .await
        .or_page(&state)?;
    Ok(xml(body))
}

/// `GET /sitemaps/pages.xml` (the main pages) and `GET /sitemaps/{n}.xml` (documents
/// `(n-1)·50,000 + 1` to `n·50,000`).
pub async fn page(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    let not_found = || AppError::not_found(format!("no sitemap {name}"));
    let Some(stem) = name.strip_suffix(".xml") else {
        return Err(PageError::new(&state, not_found()));
    };
    let wanted: Option<usize> = if stem == "pages" {
        None
    } else {
        match stem.parse::<usize>() {
            Ok(n) if (1..=100_000).contains(&n) => Some(n),
            _ => return Err(PageError::new(&state, not_found())),
        }
    };
    let visibility = anonymous(&state);
    let message = not_found().to_string();
    let body = state
        .blocking(move |state| {
            let urls = match wanted {
                None => main_pages(&state, &visibility)?,
                Some(n) => {
                    let urls = document_urls(&state, &visibility, (n - 1) * MAX_URLS, MAX_URLS)?;
                    if urls.is_empty() {
                        return Err(AppError::NotFound(message));
                    }
                    urls
                }
            };
            Ok(urlset(&urls))
        })
        .await
        .or_page(&state)?;
    Ok(xml(body))
}

/// `GET /robots.txt`: everything may be crawled but result pages; where the sitemap is.
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /search\nDisallow: /api/\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        state.site().base_url
    );
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
