-- Schema version 6: merged authority records. When an editor merges a duplicate record
-- into another, the duplicate's head stays (with its revisions) and names the record it
-- now lives on; lists, counts and lookups leave it out and addresses of it redirect there.

ALTER TABLE authorities ADD COLUMN merged_into TEXT;

CREATE INDEX authorities_merged_into ON authorities (merged_into) WHERE merged_into IS NOT NULL;
