//! Facet counts over a whole result set: type, language, collection, person, organization,
//! place, year and decade.
//!
//! A collector reads the fast-field columns of every matching document and counts term
//! ordinals per segment; ordinals become strings once per segment at the end, so the cost
//! per hit is a few array increments.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// One value of a facet and how many results have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value (a type slug, language code, collection identifier, person, organization
    /// or place identifier, year or decade).
    pub value: String,
    /// Results with that value.
    pub count: u64,
}

/// Facet counts of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// By document type, most frequent first.
    #[serde(rename = "type")]
    pub doc_type: Vec<FacetCount>,
    /// By language, most frequent first.
    pub language: Vec<FacetCount>,
    /// By collection, most frequent first.
    pub collection: Vec<FacetCount>,
    /// By linked person (authority identifiers such as `kirk-alan-goodrich`), most frequent
    /// first; at most [`ENTITY_FACET_LIMIT`] of them.
    pub person: Vec<FacetCount>,
    /// By linked organization (`org:…`), most frequent first; at most
    /// [`ENTITY_FACET_LIMIT`].
    pub org: Vec<FacetCount>,
    /// By linked place (`place:…`), most frequent first; at most [`ENTITY_FACET_LIMIT`].
    pub place: Vec<FacetCount>,
    /// By year of the date's start: every year with results, in order (for charts).
    pub year: Vec<FacetCount>,
    /// By decade ("1950s"), in order.
    pub decade: Vec<FacetCount>,
}

/// How many values the person, organization and place facets keep (the most frequent):
/// an archive names far more of them than a page can show.
pub const ENTITY_FACET_LIMIT: usize = 100;

/// The string facets, by fast field name, in the order of [`RawCounts::strings`].
const STRING_FACETS: [&str; 6] = ["type", "lang", "collection", "person", "org", "place"];

/// Counts facets of the documents a query matches.
pub(crate) struct FacetCollector;

#[derive(Default)]
pub(crate) struct RawCounts {
    strings: [HashMap<String, u64>; STRING_FACETS.len()],
    years: BTreeMap<i64, u64>,
}

pub(crate) struct FacetSegment {
    columns: [Option<StrColumn>; STRING_FACETS.len()],
    counts: [Vec<u64>; STRING_FACETS.len()],
    year: Column<i64>,
    years: YearCounts,
}

/// Counts by year: an array over the segment's years when they span a few thousand (as
/// they do), so that each hit costs an increment rather than a hash.
enum YearCounts {
    Dense { first: i64, counts: Vec<u64> },
    Sparse(HashMap<i64, u64>),
}

/// The widest span of years counted in an array.
const DENSE_YEARS: i64 = 10_000;

impl YearCounts {
    fn for_column(year: &Column<i64>) -> Self {
        let (first, last) = (year.min_value(), year.max_value());
        match last.checked_sub(first) {
            Some(span) if (0..DENSE_YEARS).contains(&span) => YearCounts::Dense {
                first,
                counts: vec![0; usize::try_from(span + 1).unwrap_or(0)],
            },
            _ => YearCounts::Sparse(HashMap::new()),
        }
    }

    fn add(&mut self, year: i64) {
        match self {
            YearCounts::Dense { first, counts } => {
                let slot = usize::try_from(year - *first)
                    .ok()
                    .and_then(|i| counts.get_mut(i));
                match slot {
                    Some(slot) => *slot += 1,
                    // Outside the column's own bounds: cannot happen, but count it anyway.
                    None => {
                        let dense = std::mem::replace(self, YearCounts::Sparse(HashMap::new()));
                        let mut sparse = dense.into_map();
                        *sparse.entry(year).or_default() += 1;
                        *self = YearCounts::Sparse(sparse);
                    }
                }
            }
            YearCounts::Sparse(map) => *map.entry(year).or_default() += 1,
        }
    }

    /// The years with hits and their counts.
    fn into_map(self) -> HashMap<i64, u64> {
        match self {
            YearCounts::Dense { first, counts } => (first..)
                .zip(counts)
                .filter(|(_, count)| *count > 0)
                .collect(),
            YearCounts::Sparse(map) => map,
        }
    }
}

impl Collector for FacetCollector {
    type Fruit = RawCounts;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let fast = segment.fast_fields();
        let mut columns = [const { None }; STRING_FACETS.len()];
        for (column, name) in columns.iter_mut().zip(STRING_FACETS) {
            *column = fast.str(name)?;
        }
        let counts = columns
            .each_ref()
            .map(|c| vec![0u64; c.as_ref().map_or(0, |c| c.num_terms())]);
        let year = fast.i64("year")?;
        Ok(FacetSegment {
            columns,
            counts,
            years: YearCounts::for_column(&year),
            year,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<RawCounts>) -> tantivy::Result<RawCounts> {
        let mut merged = RawCounts::default();
        for fruit in fruits {
            for (into, from) in merged.strings.iter_mut().zip(fruit.strings) {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
            for (year, count) in fruit.years {
                *merged.years.entry(year).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = RawCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (column, counts) in self.columns.iter().zip(self.counts.iter_mut()) {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    if let Some(slot) = counts.get_mut(ord as usize) {
                        *slot += 1;
                    }
                }
            }
        }
        if let Some(year) = self.year.first(doc) {
            self.years.add(year);
        }
    }

    fn harvest(self) -> RawCounts {
        let mut out = RawCounts::default();
        for ((column, counts), into) in self
            .columns
            .iter()
            .zip(self.counts)
            .zip(out.strings.iter_mut())
        {
            let Some(column) = column else { continue };
            let mut value = String::new();
            for (ord, count) in counts.into_iter().enumerate() {
                if count > 0 && column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                    *into.entry(value.clone()).or_default() += count;
                }
            }
        }
        out.years = self.years.into_map().into_iter().collect();
        out
    }
}

impl RawCounts {
    /// The counts as the API shows them.
    pub(crate) fn into_facets(self) -> Facets {
        let [types, languages, collections, persons, orgs, places] = self.strings;
        let by_count = |map: HashMap<String, u64>| {
            let mut v: Vec<FacetCount> = map
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            v
        };
        let top = |map| {
            let mut v = by_count(map);
            v.truncate(ENTITY_FACET_LIMIT);
            v
        };
        let mut decades: BTreeMap<i64, u64> = BTreeMap::new();
        for (year, count) in &self.years {
            *decades.entry(year.div_euclid(10) * 10).or_default() += count;
        }
        Facets {
            doc_type: by_count(types),
            language: by_count(languages),
            collection: by_count(collections),
            person: top(persons),
            org: top(orgs),
            place: top(places),
            year: self
                .years
                .into_iter()
                .map(|(y, count)| FacetCount {
                    value: y.to_string(),
                    count,
                })
                .collect(),
            decade: decades
                .into_iter()
                .map(|(d, count)| FacetCount {
                    value: format!("{d}s"),
                    count,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_count_alike_in_an_array_and_in_a_map() {
        let years = [1950, 1950, 1800, 2000, 1951];
        let mut dense = YearCounts::Dense {
            first: 1800,
            counts: vec![0; 201],
        };
        let mut sparse = YearCounts::Sparse(HashMap::new());
        for y in years {
            dense.add(y);
            sparse.add(y);
        }
        // A year outside the array still counts (the array gives way to a map).
        dense.add(2100);
        sparse.add(2100);
        let dense = dense.into_map();
        assert_eq!(dense, sparse.into_map());
        assert_eq!(dense.get(&1950), Some(&2));
        assert_eq!(dense.get(&2100), Some(&1));
        assert_eq!(dense.len(), 5);
    }
}
