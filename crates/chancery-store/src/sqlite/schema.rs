//! Connection settings and schema migrations.
//!
//! Migrations are the numbered SQL files in `migrations/sqlite/`, compiled into the binary.
//! The database's `PRAGMA user_version` says how many have been applied; each pending one runs
//! in its own write transaction together with the version bump, so a crash mid-migration
//! leaves the previous version intact.

use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use super::fail::{Fail, corrupt};

/// The migrations in order: migration `i` (from 0) brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/sqlite/0001_initial.sql"),
    include_str!("../../migrations/sqlite/0002_embargo_until.sql"),
    include_str!("../../migrations/sqlite/0003_harvests.sql"),
    include_str!("../../migrations/sqlite/0004_accounts.sql"),
    include_str!("../../migrations/sqlite/0005_authorities.sql"),
    include_str!("../../migrations/sqlite/0006_authority_merges.sql"),
];

/// The schema version this build writes (the database's `PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Database pages of 16 KiB rather than SQLite's 4 KiB. A revision row (a snapshot of a few
/// KB) fits several to a page instead of one with a third of the page empty, and an import
/// batch writes fewer, fuller pages: the archive is a quarter smaller and imports about a
/// third faster (measured with `benches/import.rs`).
const PAGE_SIZE: i64 = 16 * 1024;

/// The writer's page cache: import batches touch index pages all over the b-trees, and a
/// cache that holds them saves re-reading them from the OS for every document. Fixed size,
/// so memory stays flat as the archive grows.
const WRITER_CACHE_KIB: i64 = 64 * 1024;

/// Each reader's page cache.
const READER_CACHE_KIB: i64 = 8 * 1024;

/// After a checkpoint the write-ahead log is truncated to this size, so one huge import does
/// not leave a huge `-wal` file behind.
const WAL_SIZE_LIMIT: i64 = 64 * 1024 * 1024;

/// Settings every connection needs.
pub(crate) fn configure(
    conn: &Connection,
    busy_timeout: Duration,
    writer: bool,
) -> Result<(), Fail> {
    conn.busy_timeout(busy_timeout)?;
    if writer {
        // Only takes effect when the file is created (before the first table), so it must
        // come first; on an existing archive it is a no-op.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // FULL makes every committed transaction durable on its own (one fsync of the WAL per
    // commit), which is what "either all of a batch or none" needs across a power cut.
    conn.pragma_update(None, "synchronous", "FULL")?;
    let cache = if writer {
        WRITER_CACHE_KIB
    } else {
        READER_CACHE_KIB
    };
    conn.pragma_update(None, "cache_size", -cache)?;
    conn.set_prepared_statement_cache_capacity(64);
    if writer {
        conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
    }
    Ok(())
}

/// Switches the database to write-ahead logging, so readers never wait for the writer.
pub(crate) fn enable_wal(conn: &Connection) -> Result<(), Fail> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if mode.eq_ignore_ascii_case("wal") {
        Ok(())
    } else {
        // SQLite keeps the old mode when the file system cannot do WAL (no shared memory).
        Err(Fail::Store(crate::StoreError::CannotOpen {
            path: conn.path().unwrap_or_default().into(),
            detail: format!(
                "the file system does not support write-ahead logging (journal mode stays '{mode}')"
            ),
        }))
    }
}

/// What [`migrate`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Migration {
    /// The schema is current (after applying what was pending).
    Current,
    /// The database is newer than this build.
    Newer(u32),
}

/// Applies pending migrations.
pub(crate) fn migrate(conn: &mut Connection) -> Result<Migration, Fail> {
    // A cheap read first, so opening an up-to-date archive takes no write lock (another
    // process may be importing).
    let version = user_version(conn)?;
    if version == SCHEMA_VERSION {
        return Ok(Migration::Current);
    }
    if version > SCHEMA_VERSION {
        return Ok(Migration::Newer(version));
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read again under the write lock: another process may have migrated meanwhile.
        let version = user_version(&tx)?;
        if version > SCHEMA_VERSION {
            return Ok(Migration::Newer(version));
        }
        let Some(sql) = MIGRATIONS.get(version as usize) else {
            return Ok(Migration::Current);
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

fn user_version(conn: &Connection) -> Result<u32, Fail> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    u32::try_from(version).map_err(|_| corrupt(format!("schema version {version} is out of range")))
}
