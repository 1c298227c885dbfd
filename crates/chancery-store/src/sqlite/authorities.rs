//! Authority records: heads in `authorities`, every change appended to
//! `authority_revisions`.

use chancery_model::{Agent, Authority, Place};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::codec;
use super::fail::{Fail, corrupt};
use crate::clock::Clock;
use crate::error::StoreError;
use crate::types::{AuthorityWrite, WriteMeta};

/// Writes `records` in one transaction: new ones at revision 1, changed ones at the next
/// revision, equal ones not at all.
pub(crate) fn put(
    conn: &mut Connection,
    clock: &dyn Clock,
    records: &[Authority],
    meta: &WriteMeta,
) -> Result<AuthorityWrite, Fail> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let at = codec::micros(clock.now());
    let outcome = write_records(&tx, at, records, meta)?;
    tx.commit()?;
    Ok(outcome)
}

/// Writes `records` inside the transaction `tx`, at time `at`.
fn write_records(
    tx: &Transaction,
    at: i64,
    records: &[Authority],
    meta: &WriteMeta,
) -> Result<AuthorityWrite, Fail> {
    let mut outcome = AuthorityWrite::default();
    {
        let mut head =
            tx.prepare_cached("SELECT record, revision FROM authorities WHERE id = ?1")?;
        let mut upsert = tx.prepare_cached(
            "INSERT INTO authorities (id, kind, sort_name, record, revision, updated_us) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (id) DO UPDATE SET kind = ?2, sort_name = ?3, record = ?4, \
             revision = ?5, updated_us = ?6",
        )?;
        let mut revision = tx.prepare_cached(
            "INSERT INTO authority_revisions (id, revision, record, actor, reason, at_us) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for record in records {
            let json = serde_json::to_string(record)
                .map_err(|e| corrupt(format!("authority {}: {e}", record.id())))?;
            let current: Option<(String, i64)> = head
                .query_row([record.id()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let next = match current {
                Some((old, _)) if old == json => {
                    outcome.unchanged += 1;
                    continue;
                }
                Some((_, rev)) => {
                    outcome.changed += 1;
                    rev + 1
                }
                None => {
                    outcome.added += 1;
                    1
                }
            };
            let sort_name = record.preferred_name().to_lowercase();
            upsert.execute(params![
                record.id(),
                record.kind(),
                sort_name,
                json,
                next,
                at
            ])?;
            revision.execute(params![
                record.id(),
                next,
                json,
                meta.actor,
                meta.reason,
                at
            ])?;
        }
    }
    Ok(outcome)
}

/// Merges the record `duplicate` into `merged` (the record it is a duplicate of, with the
/// duplicate's names already taken in): `merged` is written as a new revision (or created,
/// when it was a baseline entity not yet in the store), the duplicate gets a revision
/// saying where it went and leaves lists and lookups, and records merged earlier into the
/// duplicate now point at `merged` too. One transaction.
pub(crate) fn merge(
    conn: &mut Connection,
    clock: &dyn Clock,
    duplicate: &str,
    merged: &Authority,
    meta: &WriteMeta,
) -> Result<(), Fail> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let at = codec::micros(clock.now());
    let row: Option<(String, String, i64, Option<String>)> = tx
        .prepare_cached(
            "SELECT kind, record, revision, merged_into FROM authorities WHERE id = ?1",
        )?
        .query_row([duplicate], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((kind, record, revision, merged_into)) = row else {
        return Err(Fail::Store(StoreError::AuthorityNotFound {
            id: duplicate.to_string(),
        }));
    };
    if let Some(target) = merged_into {
        return Err(Fail::Store(StoreError::CannotMerge {
            message: format!("'{duplicate}' was merged into '{target}' already"),
        }));
    }
    if duplicate == merged.id() {
        return Err(Fail::Store(StoreError::CannotMerge {
            message: format!("'{duplicate}' cannot be merged into itself"),
        }));
    }
    if kind != merged.kind() {
        return Err(Fail::Store(StoreError::CannotMerge {
            message: format!(
                "'{duplicate}' is a {kind} and '{}' a {}",
                merged.id(),
                merged.kind()
            ),
        }));
    }
    let target_merged: Option<Option<String>> = tx
        .prepare_cached("SELECT merged_into FROM authorities WHERE id = ?1")?
        .query_row([merged.id()], |r| r.get(0))
        .optional()?;
    if let Some(Some(target)) = target_merged {
        return Err(Fail::Store(StoreError::CannotMerge {
            message: format!(
                "'{}' was itself merged into '{target}': merge into that",
                merged.id()
            ),
        }));
    }
    write_records(&tx, at, std::slice::from_ref(merged), meta)?;
    let next = revision + 1;
    tx.prepare_cached(
        "UPDATE authorities SET merged_into = ?2, revision = ?3, updated_us = ?4 WHERE id = ?1",
    )?
    .execute(params![duplicate, merged.id(), next, at])?;
    tx.prepare_cached(
        "INSERT INTO authority_revisions (id, revision, record, actor, reason, at_us) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        duplicate,
        next,
        record,
        meta.actor,
        format!("merged into {}: {}", merged.id(), meta.reason),
        at
    ])?;
    tx.prepare_cached("UPDATE authorities SET merged_into = ?2 WHERE merged_into = ?1")?
        .execute(params![duplicate, merged.id()])?;
    tx.commit()?;
    Ok(())
}

/// The record that `id` was merged into, if it was.
pub(crate) fn merged_into(conn: &Connection, id: &str) -> Result<Option<String>, Fail> {
    Ok(conn
        .prepare_cached("SELECT merged_into FROM authorities WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

/// The record `id`, if there is one.
pub(crate) fn get(conn: &Connection, id: &str) -> Result<Option<Authority>, Fail> {
    let row: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT kind, record FROM authorities WHERE id = ?1 AND merged_into IS NULL",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(kind, json)| decode(id, &kind, &json)).transpose()
}

/// Every record (of `kind` when given), in name order.
pub(crate) fn all(conn: &Connection, kind: Option<&str>) -> Result<Vec<Authority>, Fail> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, record FROM authorities \
         WHERE (?1 IS NULL OR kind = ?1) AND merged_into IS NULL \
         ORDER BY kind, sort_name, id",
    )?;
    let rows = stmt.query_map([kind], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, json) = row?;
        out.push(decode(&id, &kind, &json)?);
    }
    Ok(out)
}

/// How many records there are of each kind: persons, organizations, places.
pub(crate) fn counts(conn: &Connection) -> Result<[u64; 3], Fail> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, count(*) FROM authorities WHERE merged_into IS NULL GROUP BY kind",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut counts = [0u64; 3];
    for row in rows {
        let (kind, n) = row?;
        let slot = match kind.as_str() {
            "person" => 0,
            "organization" => 1,
            _ => 2,
        };
        counts[slot] = u64::try_from(n).unwrap_or(0);
    }
    Ok(counts)
}

fn decode(id: &str, kind: &str, json: &str) -> Result<Authority, Fail> {
    let bad = |e: serde_json::Error| corrupt(format!("authority {id} does not read back: {e}"));
    Ok(if kind == "place" {
        Authority::Place(serde_json::from_str::<Place>(json).map_err(bad)?)
    } else {
        Authority::Agent(serde_json::from_str::<Agent>(json).map_err(bad)?)
    })
}
