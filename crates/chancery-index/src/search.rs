//! Answering a search: parse, compile, collect hits, total and facets, and mark snippets.

use std::time::Instant;

use chancery_model::DocumentId;
use chancery_store::Store;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::compile::{Compiler, DateMode, Visibility};
use crate::error::IndexError;
use crate::facets::{FacetCollector, Facets};
use crate::index::SearchIndex;
use crate::query;
use crate::snippet::{Highlighter, Snippet};

/// The most results one page may hold.
pub const MAX_LIMIT: usize = 1000;

/// The order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (BM25, titles weighing most).
    #[default]
    Relevance,
    /// Oldest first, relevance breaking ties; undated documents last.
    DateAscending,
    /// Newest first, relevance breaking ties; undated documents last.
    DateDescending,
}

/// A search to run.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query, in the language of [`query::HELP`].
    pub query: String,
    /// Result order.
    pub sort: Sort,
    /// How many hits to return (at most [`MAX_LIMIT`]).
    pub limit: usize,
    /// How many hits to skip.
    pub offset: usize,
    /// Whether to count facets over the whole result set.
    pub facets: bool,
    /// How date filters compare intervals.
    pub date_mode: DateMode,
    /// Which documents the caller may see.
    pub visibility: Visibility,
    /// Whether to make snippets.
    pub snippets: bool,
}

impl SearchRequest {
    /// A relevance-ordered first page of ten with snippets, over everything.
    pub fn new(query: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            facets: false,
            date_mode: DateMode::Overlap,
            visibility: Visibility::everything(),
            snippets: true,
        }
    }
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The document.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its type's slug.
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    /// Its EDTF date.
    pub date: Option<String>,
    /// Its score (for date order: still the relevance score).
    pub score: f32,
    /// The best passage as HTML, query terms in `<mark>`.
    pub snippet: Option<String>,
    /// The same passage as text with marked ranges, for terminals.
    #[serde(skip)]
    pub passage: Option<Snippet>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// How many documents match in all.
    pub total: u64,
    /// The requested page of them.
    pub hits: Vec<Hit>,
    /// Facet counts over all matches, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
    /// Milliseconds spent.
    pub took_ms: f64,
}

impl SearchIndex {
    /// Runs `request`; snippets are cut from the documents' text as `store` holds it.
    pub fn search(
        &self,
        request: &SearchRequest,
        store: &dyn Store,
    ) -> Result<SearchResults, IndexError> {
        let started = Instant::now();
        let parsed = query::parse(&request.query)?;
        let searcher = self.reader.searcher();
        let languages = indexed_languages(&searcher, self.fields.language);
        let mut compiler = Compiler::new(&self.fields, &languages, request.date_mode);
        let mut compiled = compiler.compile(&parsed.root)?;
        if let Some(gate) = compiler.visibility(&request.visibility) {
            compiled = Box::new(BooleanQuery::new(vec![
                (Occur::Must, compiled),
                (Occur::Must, gate),
            ]));
        }
        let limit = request.limit.clamp(1, MAX_LIMIT);
        let (total, addresses, facets) =
            collect(&searcher, compiled.as_ref(), request, limit, &self.fields)?;
        let mut highlighter = request
            .snippets
            .then(|| Highlighter::new(&parsed.positive_terms()));
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let stored: TantivyDocument = searcher.doc(address)?;
            let text = |field| {
                stored
                    .get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let id = text(self.fields.id).unwrap_or_default();
            let passage = match highlighter.as_mut() {
                Some(h) => {
                    let lang = text(self.fields.language);
                    match id
                        .parse::<DocumentId>()
                        .ok()
                        .map(|i| store.get(i))
                        .transpose()?
                    {
                        Some(Some(doc)) => Some(h.snippet(&doc.document.text(), lang.as_deref())),
                        _ => None,
                    }
                }
                None => None,
            };
            hits.push(Hit {
                title: text(self.fields.title)
                    .map(|t| crate::analysis::strip_language(&t).to_string())
                    .unwrap_or_default(),
                doc_type: text(self.fields.doc_type),
                date: text(self.fields.date),
                score,
                snippet: passage.as_ref().map(Snippet::to_html),
                passage,
                id,
            });
        }
        Ok(SearchResults {
            total,
            hits,
            facets,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

type Collected = (u64, Vec<(f32, DocAddress)>, Option<Facets>);

fn collect(
    searcher: &Searcher,
    query: &dyn Query,
    request: &SearchRequest,
    limit: usize,
    fields: &crate::schema::Fields,
) -> Result<Collected, IndexError> {
    let top = TopDocs::with_limit(limit).and_offset(request.offset);
    let earliest = searcher
        .schema()
        .get_field_name(fields.earliest)
        .to_string();
    let hits: Vec<(f32, DocAddress)>;
    let total: usize;
    let mut facets = None;
    match request.sort {
        Sort::Relevance => {
            if request.facets {
                let (t, h, f) =
                    searcher.search(query, &(Count, top.order_by_score(), FacetCollector))?;
                (total, hits, facets) = (t, h, Some(f.into_facets()));
            } else {
                (total, hits) = searcher.search(query, &(Count, top.order_by_score()))?;
            }
        }
        Sort::DateAscending | Sort::DateDescending => {
            let ascending = request.sort == Sort::DateAscending;
            let by_date = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                let column = segment.fast_fields().i64(&earliest).ok();
                move |doc: tantivy::DocId, score: tantivy::Score| {
                    // Higher keys come first; undated documents get the lowest key.
                    let key = match column.as_ref().and_then(|c| c.first(doc)) {
                        Some(day) if ascending => day.saturating_neg(),
                        Some(day) => day,
                        None => i64::MIN,
                    };
                    (key, score)
                }
            });
            let keyed: Vec<((i64, f32), DocAddress)>;
            if request.facets {
                let (t, k, f) = searcher.search(query, &(Count, by_date, FacetCollector))?;
                (total, keyed, facets) = (t, k, Some(f.into_facets()));
            } else {
                (total, keyed) = searcher.search(query, &(Count, by_date))?;
            }
            hits = keyed
                .into_iter()
                .map(|((_, score), address)| (score, address))
                .collect();
        }
    }
    Ok((total as u64, hits, facets))
}

/// The languages documents in the index are written in (primary subtags).
pub(crate) fn indexed_languages(searcher: &Searcher, field: tantivy::schema::Field) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let mut stream = match inverted.terms().stream() {
            Ok(s) => s,
            Err(_) => continue,
        };
        while stream.advance() {
            if let Ok(lang) = std::str::from_utf8(stream.key())
                && !out.iter().any(|l| l == lang)
            {
                out.push(lang.to_string());
            }
        }
    }
    out
}
