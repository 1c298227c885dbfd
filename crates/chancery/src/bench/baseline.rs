//! Tantivy alone, as the benchmark's yardstick: the same documents in a plain tantivy index
//! (default tokenizer, no stemming, no date intervals of our own) answering the same
//! queries with tantivy's own query parser and aggregations.

use std::path::Path;

use chancery_formats::{Format, ReadContext};
use chancery_index::IndexError;
use tantivy::aggregation::AggregationCollector;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{FAST, Field, INDEXED, STORED, STRING, Schema, TEXT};
use tantivy::{Index, IndexReader, TantivyDocument};

pub struct Baseline {
    /// Seconds spent waiting for merges after the commit (not counted as indexing).
    pub merge_secs: f64,
    index: Index,
    reader: IndexReader,
    title: Field,
    text: Field,
}

impl Baseline {
    /// Indexes the JSON Lines files of `input` into a tantivy index at `dir`.
    pub fn build(dir: &Path, input: &Path) -> anyhow::Result<Self> {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir)?;
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let title = b.add_text_field("title", TEXT | STORED);
        let text = b.add_text_field("text", TEXT);
        let doc_type = b.add_text_field("type", STRING | FAST);
        let lang = b.add_text_field("lang", STRING | FAST);
        let collection = b.add_text_field("collection", STRING | FAST);
        let earliest = b.add_i64_field("earliest", INDEXED | FAST);
        let year = b.add_i64_field("year", FAST);
        let index = Index::create_in_dir(dir, b.build())?;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let mut writer = index.writer_with_num_threads(threads, 256 * 1024 * 1024)?;
        let mut files: Vec<_> = std::fs::read_dir(input)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for path in files {
            let text_of_file = std::fs::read_to_string(&path)?;
            let out = chancery_formats::read(
                Format::Jsonl,
                &text_of_file,
                &ReadContext::new(&path.display().to_string()),
            )
            .map_err(|e| anyhow::anyhow!("{}: {:?}", path.display(), e))?;
            for d in out.documents {
                let mut t = TantivyDocument::default();
                t.add_text(id, d.id.to_string());
                t.add_text(title, &d.title);
                t.add_text(text, d.text());
                if let Some(dt) = d.doc_type {
                    t.add_text(doc_type, dt.slug());
                }
                if let Some(l) = &d.language {
                    t.add_text(lang, l);
                }
                for c in &d.collections {
                    t.add_text(collection, c);
                }
                if let Some(date) = &d.date {
                    t.add_i64(earliest, date.earliest().unwrap_or(i64::MIN));
                    if let Some(y) = date.year() {
                        t.add_i64(year, y);
                    }
                }
                writer.add_document(t)?;
            }
        }
        writer.commit()?;
        // As for Chancery's index: queries are timed once the merges are done.
        let merging = std::time::Instant::now();
        writer.wait_merging_threads()?;
        let merge_secs = merging.elapsed().as_secs_f64();
        let reader = index.reader()?;
        Ok(Self {
            merge_secs,
            index,
            reader,
            title,
            text,
        })
    }

    /// Runs a query of the benchmark mix the way a plain tantivy application would.
    pub fn search(&self, query: &str, facets: bool) -> Result<u64, IndexError> {
        let searcher = self.reader.searcher();
        let mut parser = QueryParser::for_index(&self.index, vec![self.title, self.text]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(self.title, 3.0);
        // The mix's date filter `date:A..B` becomes a range on the earliest day's year.
        let query = rewrite_date(query);
        let parsed = parser
            .parse_query(&query)
            .map_err(|e| IndexError::Unsupported(e.to_string()))?;
        let top = TopDocs::with_limit(10).order_by_score();
        let total = if facets {
            let aggs: Aggregations = serde_json::from_str(
                r#"{"type":{"terms":{"field":"type"}},"lang":{"terms":{"field":"lang"}},
                    "collection":{"terms":{"field":"collection"}},
                    "year":{"histogram":{"field":"year","interval":1}}}"#,
            )
            .map_err(|e| IndexError::Unsupported(e.to_string()))?;
            let collector = AggregationCollector::from_aggs(aggs, Default::default());
            let (total, hits, _) = searcher.search(&parsed, &(Count, top, collector))?;
            fetch(&searcher, &hits)?;
            total
        } else {
            let (total, hits) = searcher.search(&parsed, &(Count, top))?;
            fetch(&searcher, &hits)?;
            total
        };
        Ok(total as u64)
    }
}

/// Loads the stored fields of the hits, as a results page would.
fn fetch(
    searcher: &tantivy::Searcher,
    hits: &[(f32, tantivy::DocAddress)],
) -> Result<(), IndexError> {
    for (_, address) in hits {
        let _: TantivyDocument = searcher.doc(*address)?;
    }
    Ok(())
}

/// `word date:1850..1855` → `word year:[1850 TO 1855]`.
fn rewrite_date(query: &str) -> String {
    query
        .split_whitespace()
        .map(
            |w| match w.strip_prefix("date:").and_then(|r| r.split_once("..")) {
                Some((a, b)) => format!("year:[{a} TO {b}]"),
                None => w.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join(" ")
}
