//! Accounts in SQLite: users, sessions, API tokens, the audit log.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::codec::{int, micros, timestamp, uint};
use super::fail::{Fail, corrupt};
use crate::accounts::{
    ApiToken, AuditEntry, NewApiToken, NewAuditEntry, NewUser, Role, Session, TokenScope, User,
    UserChange,
};
use crate::clock::Clock;
use crate::error::StoreError;

const USER_COLUMNS: &str =
    "u.id, u.name, u.role, u.password_hash, u.disabled, u.must_change_password, u.created_us";

fn user(row: &Row<'_>, at: usize) -> Result<User, Fail> {
    let role: String = row.get(at + 2)?;
    Ok(User {
        id: uint(row.get(at)?)?,
        name: row.get(at + 1)?,
        role: role.parse::<Role>().map_err(corrupt)?,
        password_hash: row.get(at + 3)?,
        disabled: row.get(at + 4)?,
        must_change_password: row.get(at + 5)?,
        created: timestamp(row.get(at + 6)?)?,
    })
}

pub(crate) fn create_user(
    conn: &Connection,
    clock: &dyn Clock,
    new: NewUser,
) -> Result<User, Fail> {
    let taken: Option<i64> = conn
        .prepare_cached("SELECT id FROM users WHERE name = ?1")?
        .query_row([&new.name], |row| row.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(Fail::Store(StoreError::NameTaken { name: new.name }));
    }
    conn.prepare_cached(
        "INSERT INTO users (name, role, password_hash, disabled, must_change_password, created_us) \
         VALUES (?1, ?2, ?3, 0, ?4, ?5)",
    )?
    .execute(params![
        new.name,
        new.role.as_str(),
        new.password_hash,
        new.must_change_password,
        micros(clock.now())
    ])?;
    let id = uint(conn.last_insert_rowid())?;
    user_by_id(conn, id)?.ok_or_else(|| corrupt(format!("user {id} vanished after its creation")))
}

pub(crate) fn user_by_id(conn: &Connection, id: u64) -> Result<Option<User>, Fail> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users AS u WHERE u.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([int(id)])?;
    rows.next()?.map(|row| user(row, 0)).transpose()
}

pub(crate) fn user_by_name(conn: &Connection, name: &str) -> Result<Option<User>, Fail> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users AS u WHERE u.name = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([name])?;
    rows.next()?.map(|row| user(row, 0)).transpose()
}

pub(crate) fn users(conn: &Connection) -> Result<Vec<User>, Fail> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users AS u ORDER BY u.name");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(user(row, 0)?);
    }
    Ok(out)
}

pub(crate) fn update_user(
    conn: &mut Connection,
    id: u64,
    change: &UserChange,
) -> Result<User, Fail> {
    let tx = conn.transaction()?;
    if user_by_id(&tx, id)?.is_none() {
        return Err(Fail::Store(StoreError::AccountNotFound {
            what: format!("user {id}"),
        }));
    }
    if let Some(role) = change.role {
        tx.execute(
            "UPDATE users SET role = ?2 WHERE id = ?1",
            params![int(id), role.as_str()],
        )?;
    }
    if let Some(hash) = &change.password_hash {
        tx.execute(
            "UPDATE users SET password_hash = ?2 WHERE id = ?1",
            params![int(id), hash],
        )?;
    }
    if let Some(disabled) = change.disabled {
        tx.execute(
            "UPDATE users SET disabled = ?2 WHERE id = ?1",
            params![int(id), disabled],
        )?;
    }
    if let Some(must) = change.must_change_password {
        tx.execute(
            "UPDATE users SET must_change_password = ?2 WHERE id = ?1",
            params![int(id), must],
        )?;
    }
    // A disabled account or a new password ends every session of the user.
    if change.disabled == Some(true) || change.password_hash.is_some() {
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [int(id)])?;
    }
    let updated = user_by_id(&tx, id)?.ok_or_else(|| corrupt(format!("user {id} vanished")))?;
    tx.commit()?;
    Ok(updated)
}

pub(crate) fn create_session(conn: &Connection, session: &Session) -> Result<(), Fail> {
    conn.prepare_cached(
        "INSERT INTO sessions (token_hash, user_id, csrf, created_us, expires_us) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        session.token_hash,
        int(session.user_id),
        session.csrf,
        micros(session.created),
        micros(session.expires)
    ])?;
    Ok(())
}

pub(crate) fn session(
    conn: &Connection,
    clock: &dyn Clock,
    token_hash: &str,
) -> Result<Option<(Session, User)>, Fail> {
    let sql = format!(
        "SELECT s.token_hash, s.user_id, s.csrf, s.created_us, s.expires_us, {USER_COLUMNS} \
         FROM sessions AS s JOIN users AS u ON u.id = s.user_id \
         WHERE s.token_hash = ?1 AND s.expires_us > ?2 AND u.disabled = 0"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![token_hash, micros(clock.now())])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let session = Session {
        token_hash: row.get(0)?,
        user_id: uint(row.get(1)?)?,
        csrf: row.get(2)?,
        created: timestamp(row.get(3)?)?,
        expires: timestamp(row.get(4)?)?,
    };
    Ok(Some((session, user(row, 5)?)))
}

pub(crate) fn delete_session(
    conn: &Connection,
    clock: &dyn Clock,
    token_hash: &str,
) -> Result<(), Fail> {
    conn.prepare_cached("DELETE FROM sessions WHERE token_hash = ?1")?
        .execute([token_hash])?;
    // Expired sessions go at the same time, so the table does not grow for ever.
    conn.prepare_cached("DELETE FROM sessions WHERE expires_us <= ?1")?
        .execute([micros(clock.now())])?;
    Ok(())
}

fn api_token_row(row: &Row<'_>) -> Result<ApiToken, Fail> {
    let scope: String = row.get(4)?;
    let revoked: Option<i64> = row.get(6)?;
    Ok(ApiToken {
        id: uint(row.get(0)?)?,
        user_id: uint(row.get(1)?)?,
        name: row.get(2)?,
        token_hash: row.get(3)?,
        scope: scope.parse::<TokenScope>().map_err(corrupt)?,
        created: timestamp(row.get(5)?)?,
        revoked: revoked.map(timestamp).transpose()?,
    })
}

const TOKEN_COLUMNS: &str =
    "t.id, t.user_id, t.name, t.token_hash, t.scope, t.created_us, t.revoked_us";

pub(crate) fn create_api_token(
    conn: &Connection,
    clock: &dyn Clock,
    new: NewApiToken,
) -> Result<ApiToken, Fail> {
    if user_by_id(conn, new.user_id)?.is_none() {
        return Err(Fail::Store(StoreError::AccountNotFound {
            what: format!("user {}", new.user_id),
        }));
    }
    conn.prepare_cached(
        "INSERT INTO api_tokens (user_id, name, token_hash, scope, created_us) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![int(new.user_id), new.name, new.token_hash, new.scope.as_str(), micros(clock.now())])?;
    let id = conn.last_insert_rowid();
    let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens AS t WHERE t.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    let row = rows
        .next()?
        .ok_or_else(|| corrupt(format!("API token {id} vanished")))?;
    api_token_row(row)
}

pub(crate) fn api_token(
    conn: &Connection,
    token_hash: &str,
) -> Result<Option<(ApiToken, User)>, Fail> {
    let sql = format!(
        "SELECT {TOKEN_COLUMNS}, {USER_COLUMNS} FROM api_tokens AS t JOIN users AS u ON u.id = t.user_id \
         WHERE t.token_hash = ?1 AND t.revoked_us IS NULL AND u.disabled = 0"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([token_hash])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    Ok(Some((api_token_row(row)?, user(row, 7)?)))
}

pub(crate) fn api_tokens(conn: &Connection, user_id: Option<u64>) -> Result<Vec<ApiToken>, Fail> {
    let sql = format!(
        "SELECT {TOKEN_COLUMNS} FROM api_tokens AS t WHERE ?1 IS NULL OR t.user_id = ?1 ORDER BY t.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([user_id.map(int)])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(api_token_row(row)?);
    }
    Ok(out)
}

pub(crate) fn revoke_api_token(conn: &Connection, clock: &dyn Clock, id: u64) -> Result<(), Fail> {
    let changed = conn
        .prepare_cached(
            "UPDATE api_tokens SET revoked_us = ?2 WHERE id = ?1 AND revoked_us IS NULL",
        )?
        .execute(params![int(id), micros(clock.now())])?;
    if changed == 0 {
        let exists: Option<i64> = conn
            .prepare_cached("SELECT id FROM api_tokens WHERE id = ?1")?
            .query_row([int(id)], |r| r.get(0))
            .optional()?;
        if exists.is_none() {
            return Err(Fail::Store(StoreError::AccountNotFound {
                what: format!("API token {id}"),
            }));
        }
    }
    Ok(())
}

pub(crate) fn append_audit(
    conn: &Connection,
    clock: &dyn Clock,
    entry: NewAuditEntry,
) -> Result<(), Fail> {
    conn.prepare_cached(
        "INSERT INTO audit (at_us, actor, action, target, detail, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![micros(clock.now()), entry.actor, entry.action, entry.target, entry.detail, entry.address])?;
    Ok(())
}

pub(crate) fn audit_log(
    conn: &Connection,
    before: Option<u64>,
    limit: usize,
) -> Result<Vec<AuditEntry>, Fail> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at_us, actor, action, target, detail, address FROM audit \
         WHERE ?1 IS NULL OR seq < ?1 ORDER BY seq DESC LIMIT ?2",
    )?;
    let mut rows = stmt.query(params![before.map(int), int(limit as u64)])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(AuditEntry {
            seq: uint(row.get(0)?)?,
            at: timestamp(row.get(1)?)?,
            actor: row.get(2)?,
            action: row.get(3)?,
            target: row.get(4)?,
            detail: row.get(5)?,
            address: row.get(6)?,
        });
    }
    Ok(out)
}
