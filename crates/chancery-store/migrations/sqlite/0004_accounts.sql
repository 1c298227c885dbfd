-- Schema version 4: accounts. Users with roles, browser sessions and API tokens (only
-- hashes of their secrets are kept), and the audit log of who did what.

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    name                 TEXT    NOT NULL UNIQUE,
    role                 TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'registered')),
    -- An argon2id PHC string.
    password_hash        TEXT    NOT NULL,
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    created_us           INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
    -- SHA-256 of the session cookie's secret.
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    csrf       TEXT    NOT NULL,
    created_us INTEGER NOT NULL,
    expires_us INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    name       TEXT    NOT NULL,
    -- SHA-256 of the token's secret.
    token_hash TEXT    NOT NULL UNIQUE,
    scope      TEXT    NOT NULL CHECK (scope IN ('read', 'write')),
    created_us INTEGER NOT NULL,
    revoked_us INTEGER
) STRICT;

CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at_us   INTEGER NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    target  TEXT,
    detail  TEXT,
    address TEXT
) STRICT;
