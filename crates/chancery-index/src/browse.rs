//! Browsing by date: counts of documents by year, month or day (the timeline), and a
//! document's neighbours in date order (previous and next).

use std::collections::BTreeMap;

use chancery_model::date::days;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::compile::{Compiler, DateMode, Visibility};
use crate::error::IndexError;
use crate::index::SearchIndex;
use crate::query;

/// How finely to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// Per year.
    Year,
    /// Per month (`1950-06`).
    Month,
    /// Per day (`1950-06-27`).
    Day,
}

/// How many documents start in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    /// The period: `1950`, `1950-06` or `1950-06-27`.
    pub period: String,
    /// Documents whose date starts in it.
    pub count: u64,
}

/// A document next to another in date order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbour {
    /// Its identifier.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its EDTF date.
    pub date: Option<String>,
}

impl SearchIndex {
    /// Counts the documents matching `query` (the query language; empty for all) that the
    /// viewer may see, by the period their date starts in.
    pub fn date_histogram(
        &self,
        query_text: &str,
        visibility: &Visibility,
        granularity: Granularity,
    ) -> Result<Vec<PeriodCount>, IndexError> {
        let searcher = self.reader.searcher();
        let query = self.filtered(query_text, visibility)?;
        let counts = searcher.search(
            query.as_ref(),
            &DayCounts {
                field: "earliest",
                granularity,
            },
        )?;
        Ok(counts
            .into_iter()
            .map(|(key, count)| PeriodCount {
                period: period_label(key, granularity),
                count,
            })
            .collect())
    }

    /// The documents just before and just after `id` in date order (ties broken by
    /// identifier) among those the viewer may see. Undated documents have no neighbours.
    pub fn neighbours(
        &self,
        id: &str,
        visibility: &Visibility,
    ) -> Result<(Option<Neighbour>, Option<Neighbour>), IndexError> {
        let searcher = self.reader.searcher();
        let id_term = tantivy::Term::from_field_text(self.fields.id, id);
        let own = searcher.search(
            &tantivy::query::TermQuery::new(id_term, tantivy::schema::IndexRecordOption::Basic),
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, address)) = own.first() else {
            return Ok((None, None));
        };
        let segment = searcher.segment_reader(address.segment_ord);
        let Some(day) = segment.fast_fields().i64("earliest")?.first(address.doc_id) else {
            return Ok((None, None));
        };
        let query = self.filtered("", visibility)?;
        let found = searcher.search(
            query.as_ref(),
            &Around {
                key: (day, id.to_string()),
            },
        )?;
        let load = |hit: Option<(i64, String, tantivy::DocAddress)>| -> Result<Option<Neighbour>, IndexError> {
            let Some((_, id, address)) = hit else { return Ok(None) };
            let stored: tantivy::TantivyDocument = searcher.doc(address)?;
            use tantivy::schema::Value;
            let text = |field| stored.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
            Ok(Some(Neighbour {
                id,
                title: text(self.fields.title).map(|t| crate::analysis::strip_language(&t).to_string()).unwrap_or_default(),
                date: text(self.fields.date),
            }))
        };
        Ok((load(found.before)?, load(found.after)?))
    }

    /// The compiled query with the visibility clause.
    fn filtered(
        &self,
        query_text: &str,
        visibility: &Visibility,
    ) -> Result<Box<dyn Query>, IndexError> {
        let parsed = query::parse(query_text)?;
        let mut compiler = Compiler::new(&self.fields, &[], DateMode::Overlap);
        let mut compiled = compiler.compile(&parsed.root)?;
        if let Some(gate) = compiler.visibility(visibility) {
            compiled = Box::new(BooleanQuery::new(vec![
                (Occur::Must, compiled),
                (Occur::Must, gate),
            ]));
        }
        Ok(compiled)
    }
}

/// The period key of a day number: a year, a month (`year * 100 + month`) or a day number.
fn period_key(day: i64, granularity: Granularity) -> i64 {
    let (year, month, _) = days::to_civil(day);
    match granularity {
        Granularity::Year => year,
        Granularity::Month => year * 100 + i64::from(month),
        Granularity::Day => day,
    }
}

fn period_label(key: i64, granularity: Granularity) -> String {
    match granularity {
        Granularity::Year => format_year(key),
        Granularity::Month => format!(
            "{}-{:02}",
            format_year(key.div_euclid(100)),
            key.rem_euclid(100)
        ),
        Granularity::Day => days::format(key),
    }
}

fn format_year(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    }
}

/// Counts documents by the period of a day-number fast field.
struct DayCounts {
    field: &'static str,
    granularity: Granularity,
}

struct DayCountsSegment {
    column: Column<i64>,
    granularity: Granularity,
    counts: BTreeMap<i64, u64>,
}

impl Collector for DayCounts {
    type Fruit = BTreeMap<i64, u64>;
    type Child = DayCountsSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<DayCountsSegment> {
        Ok(DayCountsSegment {
            column: segment.fast_fields().i64(self.field)?,
            granularity: self.granularity,
            counts: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeMap<i64, u64>>) -> tantivy::Result<BTreeMap<i64, u64>> {
        let mut merged = BTreeMap::new();
        for fruit in fruits {
            for (key, count) in fruit {
                *merged.entry(key).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for DayCountsSegment {
    type Fruit = BTreeMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        // Open starts (i64::MIN) belong to no period.
        if let Some(day) = self.column.first(doc).filter(|d| *d != i64::MIN) {
            *self
                .counts
                .entry(period_key(day, self.granularity))
                .or_default() += 1;
        }
    }

    fn harvest(self) -> BTreeMap<i64, u64> {
        self.counts
    }
}

/// Finds the nearest documents before and after a (day, id) key.
struct Around {
    key: (i64, String),
}

/// The nearest documents on either side.
#[derive(Default)]
struct AroundFruit {
    before: Option<(i64, String, tantivy::DocAddress)>,
    after: Option<(i64, String, tantivy::DocAddress)>,
}

struct AroundSegment {
    key: (i64, String),
    segment: SegmentOrdinal,
    days: Column<i64>,
    ids: Option<StrColumn>,
    fruit: AroundFruit,
    buffer: String,
}

impl Collector for Around {
    type Fruit = AroundFruit;
    type Child = AroundSegment;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<AroundSegment> {
        Ok(AroundSegment {
            key: self.key.clone(),
            segment: segment_ord,
            days: segment.fast_fields().i64("earliest")?,
            ids: segment.fast_fields().str("id")?,
            fruit: AroundFruit::default(),
            buffer: String::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<AroundFruit>) -> tantivy::Result<AroundFruit> {
        let mut merged = AroundFruit::default();
        for fruit in fruits {
            if let Some(b) = fruit.before
                && merged
                    .before
                    .as_ref()
                    .is_none_or(|m| (b.0, &b.1) > (m.0, &m.1))
            {
                merged.before = Some(b);
            }
            if let Some(a) = fruit.after
                && merged
                    .after
                    .as_ref()
                    .is_none_or(|m| (a.0, &a.1) < (m.0, &m.1))
            {
                merged.after = Some(a);
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for AroundSegment {
    type Fruit = AroundFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(day) = self.days.first(doc) else {
            return;
        };
        // Only documents that could beat the current candidates need their identifier read.
        let could_be_before =
            day <= self.key.0 && self.fruit.before.as_ref().is_none_or(|b| day >= b.0);
        let could_be_after =
            day >= self.key.0 && self.fruit.after.as_ref().is_none_or(|a| day <= a.0);
        if !could_be_before && !could_be_after {
            return;
        }
        let Some(ids) = &self.ids else { return };
        let Some(ord) = ids.term_ords(doc).next() else {
            return;
        };
        self.buffer.clear();
        if !ids.ord_to_str(ord, &mut self.buffer).unwrap_or(false) {
            return;
        }
        let candidate = (day, self.buffer.as_str());
        let key = (self.key.0, self.key.1.as_str());
        let address = tantivy::DocAddress::new(self.segment, doc);
        if candidate < key
            && self
                .fruit
                .before
                .as_ref()
                .is_none_or(|b| candidate > (b.0, b.1.as_str()))
        {
            self.fruit.before = Some((day, self.buffer.clone(), address));
        } else if candidate > key
            && self
                .fruit
                .after
                .as_ref()
                .is_none_or(|a| candidate < (a.0, a.1.as_str()))
        {
            self.fruit.after = Some((day, self.buffer.clone(), address));
        }
    }

    fn harvest(self) -> AroundFruit {
        self.fruit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_labelled() {
        let day = days::from_civil(1950, 6, 27);
        assert_eq!(
            period_label(period_key(day, Granularity::Year), Granularity::Year),
            "1950"
        );
        assert_eq!(
            period_label(period_key(day, Granularity::Month), Granularity::Month),
            "1950-06"
        );
        assert_eq!(
            period_label(period_key(day, Granularity::Day), Granularity::Day),
            "1950-06-27"
        );
        let bce = days::from_civil(-43, 3, 15);
        assert_eq!(
            period_label(period_key(bce, Granularity::Month), Granularity::Month),
            "-0043-03"
        );
    }
}
