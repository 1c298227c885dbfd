//! Search for Chancery: the query language people type, and the tantivy index that answers
//! it. The index is derived from the store and follows its change log (DESIGN.md,
//! principle 3): [`SearchIndex::catch_up`] applies every change after the last one the index
//! committed, and [`SearchIndex::rebuild`] makes a fresh index beside the old one and swaps
//! it in atomically.
//!
//! ```
//! let query = chancery_index::query::parse("Gromyko -type:telegram").unwrap();
//! assert_eq!(query.to_string(), "(and Gromyko (not type:telegram))");
//! ```

pub mod analysis;
mod browse;
mod compile;
mod entities;
mod error;
mod facets;
mod index;
mod layout;
mod list;
mod naming;
pub mod priority;
pub mod query;
mod schema;
mod search;
mod snippet;

pub use browse::{Granularity, Neighbour, PeriodCount};
pub use compile::{DateMode, Visibility};
pub use error::IndexError;
pub use facets::{ENTITY_FACET_LIMIT, FacetCount, Facets};
pub use index::{CRASH_BEFORE_INDEX_COMMIT, CatchUp, SearchIndex};
pub use list::{ListKey, ListOrder, ListPage, ListRequest, StableStatistics, UNDATED};
pub use search::{Hit, MAX_LIMIT, SearchRequest, SearchResults, Sort};
pub use snippet::Snippet;
