//! Which documents name an authority record (in a linked mention, as sender or recipient),
//! whatever their access level: what curation needs to find the documents to relink when an
//! editor merges a duplicate record into another. Never shown to readers as it is.

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use crate::entities::EntityKind;
use crate::error::IndexError;
use crate::index::SearchIndex;

impl SearchIndex {
    /// The identifiers of every indexed document that names `entity_id` (a person,
    /// `org:…` or `place:…` identifier), in no particular order.
    pub fn documents_naming(&self, entity_id: &str) -> Result<Vec<String>, IndexError> {
        let field = match EntityKind::of_agent_id(entity_id) {
            EntityKind::Person => self.fields.person,
            EntityKind::Org => self.fields.org,
            EntityKind::Place => self.fields.place,
        };
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(field, entity_id),
            IndexRecordOption::Basic,
        );
        let found = searcher.search(&query, &DocSetCollector)?;
        let mut ids = Vec::with_capacity(found.len());
        for address in found {
            let stored: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = stored.get_first(self.fields.id).and_then(|v| v.as_str()) {
                ids.push(id.to_string());
            }
        }
        Ok(ids)
    }
}
