//! The conformance suite every [`Store`] backend passes (the atuin pattern: one suite, many
//! databases).
//!
//! A backend's test file implements [`Backend`] (how to make a fresh archive and open it) and
//! expands [`conformance_tests!`](crate::conformance_tests), which makes one `#[test]` per
//! function of this module:
//!
//! ```ignore
//! struct Sqlite;
//! impl chancery_store::conformance::Backend for Sqlite { /* a temp dir per archive */ }
//! chancery_store::conformance_tests!(Sqlite);
//! ```
//!
//! The tests use only the trait, with a [`FixedClock`](crate::FixedClock) so times are known.
//! Each returns an error (rather than panicking) when the store fails, and asserts what it
//! expects.

use std::error::Error;
use std::sync::Arc;

use crate::clock::Clock;
use crate::error::StoreError;
use crate::store::Store;

mod accounts;
mod authorities;
mod durability;
mod editing;
mod fixture;
mod harvest;
mod imports;
mod journal;
mod listing;
mod revisions;

pub use accounts::{
    api_tokens_work_until_revoked, sessions_end_as_they_should, the_audit_log_pages_newest_first,
    users_are_kept_and_changed,
};
pub use authorities::{authorities_are_kept_and_revised, duplicates_merge_into_one_record};
pub use durability::{
    check_is_clean_after_every_kind_of_write, readers_see_whole_batches_only,
    reopening_keeps_everything, times_come_from_the_clock_and_never_go_back,
};
pub use editing::{
    delete_is_a_tombstone_and_restore_brings_content_back, put_of_equal_content_writes_nothing,
    stale_put_conflicts,
};
pub use harvest::{harvest_states_are_remembered, heads_follow_the_latest_change};
pub use imports::{
    duplicate_ids_in_one_batch, failed_batch_leaves_nothing, import_outcomes,
    reimport_after_edit_keeps_the_edit,
};
pub use journal::{failed_files_are_journaled, run_lifecycle};
pub use listing::{keyset_pagination_is_stable, list_filters, scan_streams_everything};
pub use revisions::{change_log_is_continuous_and_pages, revisions_are_never_overwritten};

/// What a test returns: `Err` when the store failed.
pub type TestResult = Result<(), Box<dyn Error>>;

/// How the suite makes archives of one backend.
pub trait Backend {
    /// What keeps an archive alive between openings (a temporary directory, a scratch
    /// database); dropping it removes the archive.
    type Archive;

    /// Makes a fresh, empty archive.
    fn create(&self) -> Result<Self::Archive, Box<dyn Error>>;

    /// Opens the archive with `clock`. It may be opened again after the store is dropped.
    fn open(
        &self,
        archive: &Self::Archive,
        clock: Arc<dyn Clock>,
    ) -> Result<Box<dyn Store>, StoreError>;
}

/// Makes one `#[test]` per conformance test, for the backend `$backend` (an expression of a
/// type implementing [`Backend`]).
#[macro_export]
macro_rules! conformance_tests {
    ($backend:expr) => {
        $crate::conformance_tests!(@each $backend;
            import_outcomes,
            duplicate_ids_in_one_batch,
            reimport_after_edit_keeps_the_edit,
            revisions_are_never_overwritten,
            change_log_is_continuous_and_pages,
            stale_put_conflicts,
            put_of_equal_content_writes_nothing,
            delete_is_a_tombstone_and_restore_brings_content_back,
            failed_batch_leaves_nothing,
            list_filters,
            keyset_pagination_is_stable,
            scan_streams_everything,
            check_is_clean_after_every_kind_of_write,
            failed_files_are_journaled,
            run_lifecycle,
            reopening_keeps_everything,
            times_come_from_the_clock_and_never_go_back,
            readers_see_whole_batches_only,
            heads_follow_the_latest_change,
            harvest_states_are_remembered,
            users_are_kept_and_changed,
            sessions_end_as_they_should,
            api_tokens_work_until_revoked,
            the_audit_log_pages_newest_first,
            authorities_are_kept_and_revised,
            duplicates_merge_into_one_record,
        );
    };
    (@each $backend:expr; $($name:ident,)*) => {
        $(
            #[test]
            fn $name() -> $crate::conformance::TestResult {
                $crate::conformance::$name(&$backend)
            }
        )*
    };
}
