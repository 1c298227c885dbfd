//! The index's fields, and how a document fills them.

use chancery_model::{AccessLevel, Document};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis;
use crate::entities::Named;

/// The fields of the index.
#[derive(Debug, Clone)]
pub struct Fields {
    /// The document's identifier (raw, stored): the key for updates and deletes.
    pub id: Field,
    /// Title words and stems, with positions (boosted in ranking); stored for hit lists
    /// with the language marker (read it through [`analysis::strip_language`]).
    pub title: Field,
    /// Caption words and stems, with positions.
    pub caption: Field,
    /// Full-text words and stems, with positions (phrases).
    pub text: Field,
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
    /// Identifiers of the persons the document names or is sent by or to (filters and
    /// facets); each once.
    pub person: Field,
    /// Identifiers of the organizations (`org:…`), likewise.
    pub org: Field,
    /// Identifiers of the places (`place:…`), likewise.
    pub place: Field,
    /// The names of persons, organizations and places as the document writes them, linked
    /// or not, each a separate value (so a phrase never runs from one name into the next);
    /// exact words with positions, no stems.
    pub names: Field,
    /// The documents this one relates to (replies to, refers to, encloses, …), by
    /// identifier: how a document finds the replies and references to it.
    pub relation: Field,
}

impl Fields {
    /// Builds the schema and its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let positions = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analysis::TEXT)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let id = b.add_text_field("id", STRING | STORED | FAST);
        let title = b.add_text_field("title", positions.clone() | STORED);
        let caption = b.add_text_field("caption", positions.clone());
        let text = b.add_text_field("text", positions.clone());
        let doc_type = b.add_text_field("type", STRING | FAST | STORED);
        let language = b.add_text_field("lang", STRING | FAST | STORED);
        let collection = b.add_text_field("collection", STRING | FAST);
        let date = b.add_text_field("date", STORED);
        let earliest = b.add_i64_field("earliest", INDEXED | FAST);
        let latest = b.add_i64_field("latest", INDEXED | FAST);
        let year = b.add_i64_field("year", FAST);
        let access = b.add_text_field("access", STRING | FAST);
        let embargo_until = b.add_i64_field("embargo_until", FAST);
        let person = b.add_text_field("person", STRING | FAST);
        let org = b.add_text_field("org", STRING | FAST);
        let place = b.add_text_field("place", STRING | FAST);
        let names = b.add_text_field("names", positions);
        let relation = b.add_text_field("relation", STRING);
        let fields = Fields {
            id,
            title,
            caption,
            text,
            doc_type,
            language,
            collection,
            date,
            earliest,
            latest,
            year,
            access,
            embargo_until,
            person,
            org,
            place,
            names,
            relation,
        };
        (b.build(), fields)
    }

    /// The index document for `doc`.
    pub fn document(&self, doc: &Document) -> TantivyDocument {
        let mut t = TantivyDocument::default();
        t.add_text(self.id, doc.id.to_string());
        let language = doc.language.as_deref();
        t.add_text(self.title, analysis::with_language(language, &doc.title));
        if let Some(caption) = &doc.caption {
            t.add_text(self.caption, analysis::with_language(language, caption));
        }
        t.add_text(self.text, analysis::with_language(language, &doc.text()));
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
        for relation in &doc.relations {
            if let Ok(target) = relation.target.trim().parse::<chancery_model::DocumentId>() {
                t.add_text(self.relation, target.to_string());
            }
        }
        let named = Named::of(doc);
        for (field, values) in [
            (self.person, &named.persons),
            (self.org, &named.orgs),
            (self.place, &named.places),
            (self.names, &named.names),
        ] {
            for value in values {
                t.add_text(field, value);
            }
        }
        t
    }
}
