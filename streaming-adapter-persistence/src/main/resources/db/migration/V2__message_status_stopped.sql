-- A user can stop a streaming answer (POST /v1/streams/{id}/stop): the text so far is stored with status 'stopped'.
-- Portable between PostgreSQL and H2: drop and re-add the check.
ALTER TABLE messages DROP CONSTRAINT ck_messages_status;
ALTER TABLE messages ADD CONSTRAINT ck_messages_status CHECK (status IN ('complete', 'interrupted', 'failed', 'stopped'));
