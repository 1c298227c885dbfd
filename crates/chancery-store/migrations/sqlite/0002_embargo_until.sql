-- Schema version 2: the day an embargo ends, beside the access level, so that the access
-- gate can judge a document from its listing row (OAI-PMH headers, sitemaps) without
-- reading its snapshot. ISO dates (YYYY-MM-DD) compare correctly as text.

ALTER TABLE documents ADD COLUMN embargo_until TEXT;

UPDATE documents SET embargo_until = (
    SELECT json_extract(r.snapshot, '$.rights.embargo_until')
    FROM revisions AS r
    WHERE r.document_key = documents.key AND r.revision = documents.content_revision
);
