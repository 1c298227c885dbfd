-- Schema version 3: where each OAI-PMH harvest stands, so that an interrupted harvest
-- resumes from its last page and the next one asks only for what changed.

CREATE TABLE harvests (
    -- The provider's base URL with the metadata prefix and set harvested.
    source      TEXT    PRIMARY KEY,
    -- The provider's responseDate at the start of the last completed harvest: the `from`
    -- of the next one.
    next_from   TEXT,
    -- The resumption token after the last page stored, while a harvest is unfinished.
    token       TEXT,
    -- The provider's responseDate at the start of the unfinished harvest.
    run_started TEXT,
    updated_us  INTEGER NOT NULL
) STRICT;
