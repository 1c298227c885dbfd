//! Enrichment on the way in: every document read is enriched (mentions, its date when it has
//! none, senders and recipients) before it is committed, on the reader threads.

use std::sync::Arc;

use chancery_enrich::references::{DocumentLookup, relations};
use chancery_enrich::{EnrichError, Gazetteer, Options, enrich_with};
use chancery_model::{Authority, Document};
use chancery_store::{Store, StoreError};

/// Enriches documents against a gazetteer; cheap to clone (the gazetteer is shared).
#[derive(Debug, Clone)]
pub struct Enricher {
    gazetteer: Arc<Gazetteer>,
    /// The default options: references are looked for ([`Enricher::apply_and_relate`]).
    options: Options,
    /// The same without looking for references, which [`Enricher::apply`] would throw away.
    without_references: Options,
}

impl Enricher {
    /// An enricher over `gazetteer` with the default [`Options`].
    pub fn new(gazetteer: Arc<Gazetteer>) -> Self {
        let options = Options::default();
        Self {
            gazetteer,
            without_references: Options {
                references: false,
                ..options.clone()
            },
            options,
        }
    }

    /// An enricher over the built-in baseline only.
    pub fn baseline() -> Result<Self, EnricherError> {
        Ok(Self::new(Arc::new(Gazetteer::baseline()?)))
    }

    /// An enricher over the built-in baseline and the archive's own authority records.
    pub fn from_store(store: &dyn Store) -> Result<Self, EnricherError> {
        let records = store.authorities(None)?;
        let mut builder = Gazetteer::builder().with_baseline();
        for record in &records {
            match record {
                Authority::Agent(a) => builder.add_agents([a]),
                Authority::Place(p) => builder.add_places([p]),
            };
        }
        Ok(Self::new(Arc::new(builder.build()?)))
    }

    /// The gazetteer names are looked up in.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Enriches `doc` in place. What a reader or an editor gave (date, senders, recipients,
    /// mentions from markup or judged by an editor) is kept; earlier automatic mentions are
    /// replaced by the ones found now.
    pub fn apply(&self, doc: &mut Document) {
        enrich_with(doc, &self.gazetteer, &self.without_references).apply(doc);
    }

    /// Enriches `doc` in place like [`Enricher::apply`], and turns its references to other
    /// documents into relations through `lookup` (relations it already has stay). Returns
    /// how many relations were added.
    pub fn apply_and_relate(&self, doc: &mut Document, lookup: &impl DocumentLookup) -> usize {
        let found = enrich_with(doc, &self.gazetteer, &self.options);
        let references = found.references.clone();
        found.apply(doc);
        let mut added = 0;
        for relation in relations(doc, &references, lookup) {
            if !doc.relations.iter().any(|r| r.target == relation.target) {
                doc.relations.push(relation);
                added += 1;
            }
        }
        added
    }
}

/// Why an enricher could not be made.
#[derive(Debug, thiserror::Error)]
pub enum EnricherError {
    /// The authority records could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The gazetteer could not be compiled.
    #[error("cannot compile the authority names: {0}")]
    Gazetteer(#[from] EnrichError),
}
