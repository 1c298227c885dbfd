-- Chancery store, schema version 1.
--
-- The truth is in `changes` (the append-only change log) and `revisions` (one full JSON
-- snapshot per revision, hash-chained per document). `documents` and `document_collections`
-- hold the current state for listing and are derived from those two (but for the internal
-- document key); `check` verifies that.
-- Times are microseconds since 1970-01-01 UTC.

CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    actor       TEXT    NOT NULL,
    arguments   TEXT    NOT NULL,
    started_us  INTEGER NOT NULL,
    finished_us INTEGER,
    -- 'running' until finish_import says 'completed', 'failed' or 'interrupted'.
    status      TEXT    NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted'))
) STRICT;

CREATE TABLE import_files (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES import_runs (id),
    path         TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    format       TEXT,
    outcome      TEXT    NOT NULL CHECK (outcome IN ('imported', 'failed')),
    error        TEXT,
    warnings     TEXT    NOT NULL, -- JSON array of strings
    new          INTEGER NOT NULL,
    changed      INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL,
    kept_deleted INTEGER NOT NULL,
    at_us        INTEGER NOT NULL
) STRICT;

CREATE INDEX import_files_by_run ON import_files (run_id, id);

-- The change log. AUTOINCREMENT keeps sequence numbers from ever being reused, and
-- sqlite_sequence is updated inside the writing transaction, so a rolled-back batch leaves
-- no gap.
CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('create', 'update', 'delete', 'restore')),
    actor       TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    at_us       INTEGER NOT NULL,
    -- The import run that wrote this revision; NULL for edits.
    import_run  INTEGER REFERENCES import_runs (id)
) STRICT;

-- The current state of each document, for listing and for the import's unchanged test.
-- `key` is an internal number given in insertion order: the per-document rows of the other
-- tables are keyed by it, so importing new documents appends to their b-trees instead of
-- writing pages all over them (as random UUIDs would).
CREATE TABLE documents (
    key              INTEGER PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    head_revision    INTEGER NOT NULL,
    -- The latest revision holding a snapshot: the head, or the one before a tombstone.
    content_revision INTEGER NOT NULL,
    deleted          INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    head_hash        TEXT    NOT NULL,
    content_hash     TEXT    NOT NULL,
    -- The content hash of the latest revision written by an import, if any.
    import_hash      TEXT,
    title            TEXT    NOT NULL,
    title_folded     TEXT    NOT NULL,
    doc_type         TEXT,
    date_edtf        TEXT,
    date_text        TEXT,
    date_earliest    INTEGER,
    date_latest      INTEGER,
    -- date_earliest, or the extremes for open starts and undated documents (see order.rs).
    sort_day         INTEGER NOT NULL,
    access           TEXT    NOT NULL,
    language         TEXT,
    created_us       INTEGER NOT NULL,
    updated_us       INTEGER NOT NULL
) STRICT;

-- Listing order and keyset pagination.
CREATE INDEX documents_order ON documents (sort_day, id);

-- Revisions share their change's sequence number as row id, so they are appended in order.
-- A tombstone has no snapshot.
CREATE TABLE revisions (
    seq          INTEGER PRIMARY KEY REFERENCES changes (seq),
    document_key INTEGER NOT NULL REFERENCES documents (key),
    revision     INTEGER NOT NULL,
    snapshot     TEXT,
    hash         TEXT    NOT NULL,
    UNIQUE (document_key, revision)
) STRICT;

CREATE TABLE document_collections (
    document_key INTEGER NOT NULL REFERENCES documents (key),
    collection   TEXT    NOT NULL,
    PRIMARY KEY (document_key, collection)
) STRICT, WITHOUT ROWID;

CREATE INDEX document_collections_by_collection ON document_collections (collection, document_key);
