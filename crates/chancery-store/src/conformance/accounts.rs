//! Accounts: users, sessions, API tokens and the audit log.

use jiff::SignedDuration;

use super::fixture::*;
use super::{Backend, TestResult};
use crate::accounts::{NewApiToken, NewAuditEntry, NewUser, Role, Session, TokenScope, UserChange};
use crate::clock::Clock;
use crate::error::StoreError;

fn new_user(name: &str, role: Role) -> NewUser {
    NewUser {
        name: name.into(),
        role,
        password_hash: format!("$argon2id$hash-of-{name}"),
        must_change_password: false,
    }
}

/// Users are created once per name, found by name and number, changed, and disabled.
pub fn users_are_kept_and_changed<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let alice = s.create_user(new_user("alice", Role::Admin))?;
    let bob = s.create_user(new_user("bob", Role::Editor))?;
    assert!(matches!(
        s.create_user(new_user("alice", Role::Registered)),
        Err(StoreError::NameTaken { .. })
    ));
    assert_eq!(s.user_by_name("alice")?, Some(alice.clone()));
    assert_eq!(s.user(bob.id)?.map(|u| u.role), Some(Role::Editor));
    assert_eq!(
        s.users()?
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>(),
        ["alice", "bob"]
    );
    let bob = s.update_user(
        bob.id,
        &UserChange {
            role: Some(Role::Registered),
            ..UserChange::default()
        },
    )?;
    assert_eq!(bob.role, Role::Registered);
    assert!(matches!(
        s.update_user(999, &UserChange::default()),
        Err(StoreError::AccountNotFound { .. })
    ));
    assert_eq!(s.user_by_name("nobody")?, None);
    Ok(())
}

/// Sessions are found until they expire, and end with logout, a new password or a
/// disabled account.
pub fn sessions_end_as_they_should<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let user = s.create_user(new_user("carol", Role::Editor))?;
    let now = f.clock.now();
    let session = |hash: &str| Session {
        token_hash: hash.into(),
        user_id: user.id,
        csrf: format!("csrf-{hash}"),
        created: now,
        expires: now + SignedDuration::from_hours(12),
    };
    s.create_session(&session("one"))?;
    s.create_session(&session("two"))?;
    s.create_session(&session("three"))?;
    let (found, owner) = s.session("one")?.ok_or("session one missing")?;
    assert_eq!(
        (found.csrf.as_str(), owner.name.as_str()),
        ("csrf-one", "carol")
    );
    s.delete_session("one")?;
    assert_eq!(s.session("one")?, None);
    // A new password ends the others.
    s.update_user(
        user.id,
        &UserChange {
            password_hash: Some("$argon2id$new".into()),
            ..UserChange::default()
        },
    )?;
    assert_eq!(s.session("two")?, None);
    s.create_session(&session("four"))?;
    f.clock.advance(SignedDuration::from_hours(13));
    assert_eq!(s.session("four")?, None, "expired");
    f.clock.advance(SignedDuration::from_hours(-13));
    s.update_user(
        user.id,
        &UserChange {
            disabled: Some(true),
            ..UserChange::default()
        },
    )?;
    assert_eq!(
        s.session("four")?,
        None,
        "disabled accounts have no sessions"
    );
    Ok(())
}

/// Tokens are found by hash until revoked; a disabled user's tokens do not work.
pub fn api_tokens_work_until_revoked<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    let user = s.create_user(new_user("dave", Role::Editor))?;
    let token = s.create_api_token(NewApiToken {
        user_id: user.id,
        name: "scripts".into(),
        token_hash: "h1".into(),
        scope: TokenScope::Write,
    })?;
    assert_eq!(
        s.api_token("h1")?.map(|(t, u)| (t.scope, u.name)),
        Some((TokenScope::Write, "dave".to_string()))
    );
    assert_eq!(s.api_tokens(Some(user.id))?.len(), 1);
    s.revoke_api_token(token.id)?;
    assert_eq!(s.api_token("h1")?, None);
    assert!(s.api_tokens(None)?[0].revoked.is_some());
    assert!(matches!(
        s.revoke_api_token(77),
        Err(StoreError::AccountNotFound { .. })
    ));
    s.create_api_token(NewApiToken {
        user_id: user.id,
        name: "read".into(),
        token_hash: "h2".into(),
        scope: TokenScope::Read,
    })?;
    s.update_user(
        user.id,
        &UserChange {
            disabled: Some(true),
            ..UserChange::default()
        },
    )?;
    assert_eq!(s.api_token("h2")?, None);
    assert!(
        s.create_api_token(NewApiToken {
            user_id: 999,
            name: "x".into(),
            token_hash: "h3".into(),
            scope: TokenScope::Read
        })
        .is_err()
    );
    Ok(())
}

/// The audit log keeps every line, newest first, in pages.
pub fn the_audit_log_pages_newest_first<B: Backend>(backend: &B) -> TestResult {
    let f = fixture(backend)?;
    let s = f.store.as_ref();
    for i in 0..5 {
        s.append_audit(NewAuditEntry {
            actor: "alice".into(),
            action: if i == 0 {
                "login-failed".into()
            } else {
                "edit".into()
            },
            target: Some(format!("doc-{i}")),
            detail: None,
            address: Some("127.0.0.1".into()),
        })?;
    }
    let page = s.audit_log(None, 3)?;
    assert_eq!(
        page.iter()
            .map(|e| e.target.clone().unwrap_or_default())
            .collect::<Vec<_>>(),
        ["doc-4", "doc-3", "doc-2"]
    );
    let rest = s.audit_log(Some(page[2].seq), 10)?;
    assert_eq!(rest.len(), 2);
    assert_eq!(rest[1].action, "login-failed");
    Ok(())
}
