//! The index's fields, and how a document fills them.

use chancery_model::{AccessLevel, Document};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::{self, EXACT, STEMMED_LANGUAGES};

/// The fields of the index.
#[derive(Debug, Clone)]
pub struct Fields {
    /// The document's identifier (raw, stored): the key for updates and deletes.
    pub id: Field,
    /// Title words, exact, with positions (boosted in ranking); stored for hit lists.
    pub title: Field,
    /// Caption words, exact, with positions.
    pub caption: Field,
    /// Full-text words, exact, with positions (phrases and highlighting).
    pub text: Field,
    /// Stemmed words of title, caption and text, one field per language.
    pub stems: Vec<(&'static str, Field)>,
    /// Type slug (filters and facets); stored.
    pub doc_type: Field,
    /// Primary language subtag (filters and facets); stored.
    pub language: Field,
    /// Collection identifiers (filters and facets).
    pub collection: Field,
    /// The EDTF date, stored for hit lists.
    pub date: Field,
    /// Earliest day number of the date (absent when undated; `i64::MIN` when open).
    pub earliest: Field,
    /// Latest day number of the date (absent when undated; `i64::MAX` when open).
    pub latest: Field,
    /// Year of the earliest day (facets, histogram).
    pub year: Field,
    /// Access level name.
    pub access: Field,
    /// Day number an embargo ends (embargoed documents only).
    pub embargo_until: Field,
}

impl Fields {
    /// Builds the schema and its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let positions = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let id = b.add_text_field("id", STRING | STORED);
        let title = b.add_text_field("title", positions.clone() | STORED);
        let caption = b.add_text_field("caption", positions.clone());
        let text = b.add_text_field("text", positions);
        let stems = STEMMED_LANGUAGES
            .iter()
            .map(|(code, _)| {
                // Stems serve recall for plain words only: no positions needed.
                let options = TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(&analysis::stem_analyzer_name(code))
                        .set_index_option(IndexRecordOption::WithFreqs),
                );
                (*code, b.add_text_field(&format!("stem_{code}"), options))
            })
            .collect();
        let doc_type = b.add_text_field("type", STRING | FAST | STORED);
        let language = b.add_text_field("lang", STRING | FAST | STORED);
        let collection = b.add_text_field("collection", STRING | FAST);
        let date = b.add_text_field("date", STORED);
        let earliest = b.add_i64_field("earliest", INDEXED | FAST);
        let latest = b.add_i64_field("latest", INDEXED | FAST);
        let year = b.add_i64_field("year", FAST);
        let access = b.add_text_field("access", STRING | FAST);
        let embargo_until = b.add_i64_field("embargo_until", FAST);
        let fields = Fields {
            id,
            title,
            caption,
            text,
            stems,
            doc_type,
            language,
            collection,
            date,
            earliest,
            latest,
            year,
            access,
            embargo_until,
        };
        (b.build(), fields)
    }

    /// The stemmed field of a language code.
    pub fn stem_field(&self, code: &str) -> Option<Field> {
        self.stems.iter().find(|(c, _)| *c == code).map(|(_, f)| *f)
    }

    /// The index document for `doc`.
    pub fn document(&self, doc: &Document) -> TantivyDocument {
        let mut t = TantivyDocument::default();
        t.add_text(self.id, doc.id.to_string());
        t.add_text(self.title, &doc.title);
        if let Some(caption) = &doc.caption {
            t.add_text(self.caption, caption);
        }
        let text = doc.text();
        t.add_text(self.text, &text);
        if let Some(field) = doc
            .language
            .as_deref()
            .and_then(analysis::stem_language)
            .and_then(|c| self.stem_field(c))
        {
            t.add_text(field, &doc.title);
            if let Some(caption) = &doc.caption {
                t.add_text(field, caption);
            }
            t.add_text(field, &text);
        }
        if let Some(doc_type) = doc.doc_type {
            t.add_text(self.doc_type, doc_type.slug());
        }
        if let Some(lang) = &doc.language {
            let primary = lang.split('-').next().unwrap_or(lang).to_ascii_lowercase();
            t.add_text(self.language, primary);
        }
        for c in &doc.collections {
            t.add_text(self.collection, c);
        }
        if let Some(date) = &doc.date {
            t.add_text(self.date, date.edtf());
            t.add_i64(self.earliest, date.earliest().unwrap_or(i64::MIN));
            t.add_i64(self.latest, date.latest().unwrap_or(i64::MAX));
            if let Some(year) = date.year() {
                t.add_i64(self.year, year);
            }
        }
        t.add_text(self.access, doc.rights.access.as_str());
        if doc.rights.access == AccessLevel::Embargoed
            && let Some(until) = doc.rights.embargo_until
        {
            let day = chancery_model::date::days::from_civil(
                i64::from(until.year()),
                until.month() as u8,
                until.day() as u8,
            );
            t.add_i64(self.embargo_until, day);
        }
        t
    }
}
