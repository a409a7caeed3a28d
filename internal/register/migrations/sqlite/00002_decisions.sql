-- +goose Up
-- The catalogue's own ID (the header's; the submission's ID when it had
-- none): what a Catalogue Response refers to.
ALTER TABLE submissions ADD COLUMN catalogue_id TEXT;

-- Why a submission is pending: the findings of the buyer's rules (JSON),
-- and the diff against the version current when it came (JSON).
ALTER TABLE submission_feeds ADD COLUMN held TEXT;
ALTER TABLE submission_feeds ADD COLUMN diff TEXT;

-- A version made of part of a submission (the lines a buyer accepted):
-- its own gzip'd canonical catalogue; NULL is the submission's whole one.
ALTER TABLE feed_versions ADD COLUMN canonical BLOB;

-- Every decision on a submission for one buyer, automatic or a person's.
-- Rows are only ever inserted: the triggers refuse changes.
CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id  TEXT NOT NULL REFERENCES submissions (id),
    buyer_id       TEXT NOT NULL REFERENCES parties (id),
    supplier_id    TEXT NOT NULL REFERENCES parties (id),
    decided        TIMESTAMP NOT NULL,
    actor          TEXT NOT NULL,          -- the buyer's party ID, or "automatic"
    decision       TEXT NOT NULL CHECK (decision IN ('accept', 'reject')),
    status         TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
    version        INTEGER,
    reason         TEXT NOT NULL,
    rejected_lines TEXT NOT NULL,          -- JSON [{"sellerItemId": …, "reason": …}]
    response_id    TEXT NOT NULL,
    response       TEXT NOT NULL           -- the Catalogue Response (UBL ApplicationResponse)
);
CREATE INDEX decisions_submission ON decisions (submission_id, buyer_id, id);

-- The web pages' sessions: a token logs a person in; the cookie's value is
-- stored only as its SHA-256. Ending a session (logout) sets ended; an
-- ended or expired session opens no page. Kept in the database, so any
-- server on it knows every session.
CREATE TABLE sessions (
    hash     TEXT PRIMARY KEY,
    party_id TEXT NOT NULL REFERENCES parties (id),
    csrf     TEXT NOT NULL,              -- the session's token for form posts
    created  TIMESTAMP NOT NULL,
    expires  TIMESTAMP NOT NULL,
    ended    TIMESTAMP
);
CREATE INDEX sessions_party ON sessions (party_id);

-- +goose StatementBegin
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decisions are never changed: a new decision makes a new record');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decisions are never deleted');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE sessions;
DROP TRIGGER decisions_no_delete;
DROP TRIGGER decisions_no_update;
DROP TABLE decisions;
ALTER TABLE feed_versions DROP COLUMN canonical;
ALTER TABLE submission_feeds DROP COLUMN diff;
ALTER TABLE submission_feeds DROP COLUMN held;
ALTER TABLE submissions DROP COLUMN catalogue_id;
