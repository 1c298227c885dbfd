//! Search for Chancery: the query language people type, and (to come) the tantivy index
//! that answers it.
//!
//! ```
//! let query = chancery_index::query::parse("Gromyko -type:telegram").unwrap();
//! assert_eq!(query.to_string(), "(and Gromyko (not type:telegram))");
//! ```

pub mod query;
