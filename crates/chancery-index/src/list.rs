//! Listing in pages that stay put while the archive changes: keyset pagination.
//!
//! A listing orders the matching documents by a total order — date (or a stable relevance
//! score) and then identifier — and a page starts strictly after the key of the previous
//! page's last item. A document added between two pages lands before or after that key but
//! never moves the documents that were already there, so no page repeats or skips one of
//! them (offsets would shift).
//!
//! Relevance needs one more thing to be stable: BM25 normally weighs a word by how many
//! documents hold it and a field's length against the average, so adding documents changes
//! the scores, and the order, of the others. Listings therefore score with fixed collection
//! statistics ([`StableStatistics`]): a document's score depends on the query and on the
//! document alone. Search pages ([`SearchIndex::search`]) keep the corpus statistics.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::ops::Bound;

use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur};
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use crate::compile::{Compiler, DateMode, Visibility};
use crate::error::IndexError;
use crate::index::SearchIndex;
use crate::query::Node;
use crate::schema::Fields;
use crate::search::{MAX_LIMIT, indexed_languages};

/// The sort day of an undated document: after every dated one (as in the store's listings,
/// `chancery_store::order`).
pub const UNDATED: i64 = i64::MAX;

/// The order of a listing. Ties are broken by identifier, so the order is total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListOrder {
    /// Oldest first by the first day of the date (open starts first), undated last.
    #[default]
    DateAscending,
    /// Newest first by the first day of the date, undated last.
    DateDescending,
    /// Best match first by a stable score (see the module's documentation), then oldest.
    Relevance,
}

/// Where a document stands in a listing's order: what a cursor carries.
#[derive(Debug, Clone, PartialEq)]
pub struct ListKey {
    /// The first day of the document's date as a day number (`i64::MIN` when the date is
    /// open at its start), or [`UNDATED`].
    pub day: i64,
    /// Its stable relevance score ([`ListOrder::Relevance`] only; 0 otherwise).
    pub score: f32,
    /// Its identifier.
    pub id: String,
}

/// One page of a listing to fetch.
#[derive(Debug, Clone)]
pub struct ListRequest {
    /// The query tree (from [`crate::query::parse`], possibly with filters added).
    pub query: Node,
    /// The order.
    pub order: ListOrder,
    /// The key of the last item of the previous page; `None` for the first page.
    pub after: Option<ListKey>,
    /// How many items a page holds (at most [`MAX_LIMIT`]).
    pub limit: usize,
    /// How date filters compare intervals.
    pub date_mode: DateMode,
    /// Which documents the caller may see.
    pub visibility: Visibility,
}

/// A page of a listing.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPage {
    /// How many documents match in all (now, not when the first page was fetched).
    pub total: u64,
    /// The page's documents, in order, with their keys.
    pub items: Vec<ListKey>,
    /// Whether more documents follow the last item.
    pub more: bool,
}

impl ListOrder {
    /// Compares two keys in this order: `Less` comes first.
    pub fn compare(self, a: &ListKey, b: &ListKey) -> Ordering {
        self.compare_rank(a.score, a.day, b.score, b.day)
            .then_with(|| a.id.cmp(&b.id))
    }

    /// Compares the parts of two keys that come before the identifier.
    fn compare_rank(self, a_score: f32, a_day: i64, b_score: f32, b_day: i64) -> Ordering {
        match self {
            ListOrder::DateAscending => a_day.cmp(&b_day),
            ListOrder::DateDescending => (a_day == UNDATED)
                .cmp(&(b_day == UNDATED))
                .then_with(|| b_day.cmp(&a_day)),
            ListOrder::Relevance => b_score.total_cmp(&a_score).then_with(|| a_day.cmp(&b_day)),
        }
    }
}

impl SearchIndex {
    /// One page of the documents matching `request.query` that the viewer may see, in
    /// `request.order`, after `request.after`.
    pub fn list(&self, request: &ListRequest) -> Result<ListPage, IndexError> {
        let searcher = self.reader.searcher();
        let languages = indexed_languages(&searcher, self.fields.language);
        let mut compiler = Compiler::new(&self.fields, &languages, request.date_mode);
        let mut compiled = compiler.compile(&request.query)?;
        if let Some(gate) = compiler.visibility(&request.visibility) {
            compiled = Box::new(BooleanQuery::new(vec![
                (Occur::Must, compiled),
                (Occur::Must, gate),
            ]));
        }
        let limit = request.limit.clamp(1, MAX_LIMIT);
        let collector = Keyset {
            order: request.order,
            after: request.after.clone(),
            // One more than asked, to know whether another page follows.
            capacity: limit + 1,
        };
        let statistics = StableStatistics::new(&self.fields);
        let (total, mut items) = searcher.search_with_statistics_provider(
            compiled.as_ref(),
            &(Count, collector),
            &statistics,
        )?;
        let more = items.len() > limit;
        items.truncate(limit);
        Ok(ListPage {
            total: total as u64,
            items,
            more,
        })
    }

    /// A tag that changes whenever what searches see changes: the index generation and the
    /// segments (with their deletions) of the searcher in use. Taken before answering, it is
    /// never newer than the answer, so it is safe for HTTP validators.
    pub fn content_tag(&self) -> String {
        let searcher = self.reader.searcher();
        let mut tag = self.generation().to_string();
        for (segment, deletes) in searcher.generation().segments() {
            tag.push(' ');
            tag.push_str(&segment.uuid_string());
            if let Some(opstamp) = deletes {
                tag.push('.');
                tag.push_str(&opstamp.to_string());
            }
        }
        tag
    }
}

/// Collection statistics that never change, so that a document's BM25 score depends on the
/// query and the document only: every word is as rare as every other, and each field's
/// average length is a typical one.
pub struct StableStatistics {
    title: Field,
    caption: Field,
}

/// The number of documents the stable statistics pretend to.
const STABLE_DOCUMENTS: u64 = 1_000_000;
/// How many of them hold any word.
const STABLE_DOC_FREQ: u64 = 1_000;

impl StableStatistics {
    fn new(fields: &Fields) -> Self {
        Self {
            title: fields.title,
            caption: fields.caption,
        }
    }
}

impl Bm25StatisticsProvider for StableStatistics {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        // Typical lengths in indexed tokens (words and stems).
        let average = if field == self.title {
            16
        } else if field == self.caption {
            48
        } else {
            1_000
        };
        Ok(STABLE_DOCUMENTS * average)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(STABLE_DOCUMENTS)
    }

    fn doc_freq(&self, _term: &Term) -> tantivy::Result<u64> {
        Ok(STABLE_DOC_FREQ)
    }
}

/// Collects the first `capacity` documents after `after` in `order`.
struct Keyset {
    order: ListOrder,
    after: Option<ListKey>,
    capacity: usize,
}

/// A document of one segment as the collector ranks it: the identifier is its term ordinal
/// in the segment's dictionary, which sorts as the identifiers do, so no string is read
/// until the page is known.
#[derive(Clone, Copy)]
struct Candidate {
    score: f32,
    day: i64,
    ord: u64,
}

/// A candidate in a heap whose top is the candidate that comes last in the order.
struct Ranked {
    order: ListOrder,
    candidate: Candidate,
}

impl Ranked {
    fn compare(order: ListOrder, a: &Candidate, b: &Candidate) -> Ordering {
        order
            .compare_rank(a.score, a.day, b.score, b.day)
            .then_with(|| a.ord.cmp(&b.ord))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        Ranked::compare(self.order, &self.candidate, &other.candidate)
    }
}

struct KeysetSegment {
    order: ListOrder,
    after: Option<ListKey>,
    /// The first identifier ordinal of this segment that sorts after `after`'s identifier.
    first_after: u64,
    capacity: usize,
    days: Column<i64>,
    ids: Option<StrColumn>,
    best: BinaryHeap<Ranked>,
}

impl Collector for Keyset {
    type Fruit = Vec<ListKey>;
    type Child = KeysetSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<KeysetSegment> {
        let fast = segment.fast_fields();
        let ids = fast.str("id")?;
        let first_after = match (&self.after, &ids) {
            (Some(after), Some(ids)) => {
                let (lower, _) = ids
                    .dictionary()
                    .term_bounds_to_ord(Bound::Excluded(after.id.as_bytes()), Bound::Unbounded)?;
                match lower {
                    Bound::Included(ord) => ord,
                    Bound::Excluded(ord) => ord.saturating_add(1),
                    Bound::Unbounded => 0,
                }
            }
            _ => 0,
        };
        Ok(KeysetSegment {
            order: self.order,
            after: self.after.clone(),
            first_after,
            capacity: self.capacity,
            days: fast.i64("earliest")?,
            ids,
            best: BinaryHeap::with_capacity(self.capacity + 1),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.order == ListOrder::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<Vec<ListKey>>) -> tantivy::Result<Vec<ListKey>> {
        let mut all: Vec<ListKey> = fruits.into_iter().flatten().collect();
        all.sort_by(|a, b| self.order.compare(a, b));
        all.truncate(self.capacity);
        Ok(all)
    }
}

impl SegmentCollector for KeysetSegment {
    type Fruit = Vec<ListKey>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(ord) = self.ids.as_ref().and_then(|ids| ids.term_ords(doc).next()) else {
            return;
        };
        let candidate = Candidate {
            score: if self.order == ListOrder::Relevance {
                score
            } else {
                0.0
            },
            day: self.days.first(doc).unwrap_or(UNDATED),
            ord,
        };
        if let Some(after) = &self.after {
            match self
                .order
                .compare_rank(candidate.score, candidate.day, after.score, after.day)
            {
                Ordering::Less => return,
                Ordering::Equal if ord < self.first_after => return,
                _ => {}
            }
        }
        if self.best.len() >= self.capacity
            && let Some(last) = self.best.peek()
            && Ranked::compare(self.order, &candidate, &last.candidate) != Ordering::Less
        {
            return;
        }
        self.best.push(Ranked {
            order: self.order,
            candidate,
        });
        if self.best.len() > self.capacity {
            self.best.pop();
        }
    }

    fn harvest(self) -> Vec<ListKey> {
        let Some(ids) = &self.ids else {
            return Vec::new();
        };
        let mut id = String::new();
        self.best
            .into_sorted_vec()
            .into_iter()
            .filter_map(|ranked| {
                let Candidate { score, day, ord } = ranked.candidate;
                id.clear();
                match ids.ord_to_str(ord, &mut id) {
                    Ok(true) => Some(ListKey {
                        day,
                        score,
                        id: id.clone(),
                    }),
                    _ => None,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(day: i64, score: f32, id: &str) -> ListKey {
        ListKey {
            day,
            score,
            id: id.into(),
        }
    }

    #[test]
    fn orders_are_total_and_put_undated_last() {
        let undated = key(UNDATED, 0.0, "a");
        let old = key(10, 0.0, "b");
        let new = key(20, 0.0, "c");
        let open = key(i64::MIN, 0.0, "d");
        let asc = ListOrder::DateAscending;
        assert_eq!(asc.compare(&open, &old), Ordering::Less);
        assert_eq!(asc.compare(&old, &new), Ordering::Less);
        assert_eq!(asc.compare(&new, &undated), Ordering::Less);
        let desc = ListOrder::DateDescending;
        assert_eq!(desc.compare(&new, &old), Ordering::Less);
        assert_eq!(desc.compare(&old, &open), Ordering::Less);
        assert_eq!(desc.compare(&open, &undated), Ordering::Less);
        let same_day = key(10, 0.0, "a");
        assert_eq!(asc.compare(&same_day, &old), Ordering::Less);
        assert_eq!(desc.compare(&same_day, &old), Ordering::Less);
        let rel = ListOrder::Relevance;
        assert_eq!(
            rel.compare(&key(5, 2.0, "z"), &key(1, 1.0, "a")),
            Ordering::Less
        );
        assert_eq!(
            rel.compare(&key(1, 1.0, "z"), &key(5, 1.0, "a")),
            Ordering::Less
        );
    }
}
