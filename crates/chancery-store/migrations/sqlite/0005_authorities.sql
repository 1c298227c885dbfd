-- Schema version 5: authority records (persons, organizations, places) that enrichment
-- links documents to. Like documents, every change is a revision: `authority_revisions`
-- is append-only and `authorities` holds the head of each record.

CREATE TABLE authorities (
    id          TEXT    PRIMARY KEY,
    -- `person`, `organization` or `place`.
    kind        TEXT    NOT NULL CHECK (kind IN ('person', 'organization', 'place')),
    -- The preferred name, folded to lower case, for listing in name order.
    sort_name   TEXT    NOT NULL,
    -- The record as JSON (the model's Agent or Place).
    record      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    updated_us  INTEGER NOT NULL
) STRICT;

CREATE INDEX authorities_by_kind ON authorities (kind, sort_name, id);

CREATE TABLE authority_revisions (
    id          TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    record      TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    at_us       INTEGER NOT NULL,
    PRIMARY KEY (id, revision)
) STRICT;
