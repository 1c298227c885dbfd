//! Documents found by what they point at: those that name an authority record (in a linked
//! mention, as sender or recipient), whatever their access level — what curation needs to
//! relink documents when an editor merges a duplicate record into another, never shown to
//! readers as it is — and those that relate to a document (its replies and references), as
//! a viewer may see them.

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use crate::compile::{Compiler, DateMode, Visibility};
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
        let query = TermQuery::new(
            Term::from_field_text(field, entity_id),
            IndexRecordOption::Basic,
        );
        self.ids_of(&query, usize::MAX)
    }

    /// The identifiers of up to `limit` documents the viewer may see whose relations point at
    /// the document `id` (replies to it, references to it, …), in no particular order.
    pub fn documents_relating_to(
        &self,
        id: &str,
        visibility: &Visibility,
        limit: usize,
    ) -> Result<Vec<String>, IndexError> {
        let term: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(self.fields.relation, id),
            IndexRecordOption::Basic,
        ));
        let compiler = Compiler::new(&self.fields, &[], DateMode::Overlap);
        let query: Box<dyn Query> = match compiler.visibility(visibility) {
            Some(gate) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, term),
                (Occur::Must, gate),
            ])),
            None => term,
        };
        self.ids_of(query.as_ref(), limit)
    }

    /// The stored identifiers of up to `limit` documents matching `query`.
    fn ids_of(&self, query: &dyn Query, limit: usize) -> Result<Vec<String>, IndexError> {
        let searcher = self.reader.searcher();
        let found = searcher.search(query, &DocSetCollector)?;
        let mut ids = Vec::with_capacity(found.len().min(limit));
        for address in found.into_iter().take(limit) {
            let stored: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = stored.get_first(self.fields.id).and_then(|v| v.as_str()) {
                ids.push(id.to_string());
            }
        }
        Ok(ids)
    }
}
