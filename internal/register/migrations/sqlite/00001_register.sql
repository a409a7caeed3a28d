-- +goose Up
CREATE TABLE parties (
    id      TEXT PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('supplier', 'buyer')),
    name    TEXT NOT NULL,
    scheme  TEXT NOT NULL,
    created TIMESTAMP NOT NULL
);

CREATE TABLE tokens (
    hash     TEXT PRIMARY KEY,            -- hex SHA-256 of the token; the token itself is never stored
    party_id TEXT NOT NULL REFERENCES parties (id),
    created  TIMESTAMP NOT NULL,
    revoked  TIMESTAMP
);
CREATE INDEX tokens_party ON tokens (party_id);

-- Files the operator stores in the register: templates, profiles, agreements.
CREATE TABLE files (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT NOT NULL,                -- template, profile, agreement
    name    TEXT NOT NULL,
    sha256  TEXT NOT NULL,
    data    BLOB NOT NULL,
    created TIMESTAMP NOT NULL
);

CREATE TABLE subscriptions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    buyer_id     TEXT NOT NULL REFERENCES parties (id),
    supplier_id  TEXT NOT NULL REFERENCES parties (id),
    target       TEXT NOT NULL,           -- a built-in target, or the name of the template file
    template_id  INTEGER REFERENCES files (id),
    profile      TEXT NOT NULL,           -- a built-in profile, or the name of the profile file
    profile_id   INTEGER REFERENCES files (id),
    agreement_id INTEGER REFERENCES files (id),
    rules        TEXT,                    -- the buyer's approval rules (JSON), later
    created      TIMESTAMP NOT NULL,
    updated      TIMESTAMP NOT NULL,
    UNIQUE (buyer_id, supplier_id)
);
CREATE INDEX subscriptions_supplier ON subscriptions (supplier_id);

CREATE TABLE submissions (
    id          TEXT PRIMARY KEY,
    supplier_id TEXT NOT NULL REFERENCES parties (id),
    received    TIMESTAMP NOT NULL,
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    original    BLOB NOT NULL,            -- the bytes as uploaded
    canonical   BLOB,                     -- gzip'd canonical JSON, once per submission
    lines       INTEGER NOT NULL,
    report      TEXT NOT NULL             -- the submission's answer without feeds (JSON)
);
CREATE INDEX submissions_supplier ON submissions (supplier_id, received);

-- The outcome of a submission for one buyer.
CREATE TABLE submission_feeds (
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    buyer_id      TEXT NOT NULL REFERENCES parties (id),
    status        TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'pending')),
    version       INTEGER,
    profile       TEXT NOT NULL,
    errors        INTEGER NOT NULL,
    warnings      INTEGER NOT NULL,
    comparison    TEXT,                   -- the comparison with the buyer's agreement (JSON)
    PRIMARY KEY (submission_id, buyer_id)
);
CREATE INDEX submission_feeds_buyer ON submission_feeds (buyer_id, status);

-- A feed's version counter; its row is locked while a version is added.
CREATE TABLE feeds (
    buyer_id    TEXT NOT NULL REFERENCES parties (id),
    supplier_id TEXT NOT NULL REFERENCES parties (id),
    version     INTEGER NOT NULL,
    updated     TIMESTAMP NOT NULL,
    PRIMARY KEY (buyer_id, supplier_id)
);

CREATE TABLE feed_versions (
    buyer_id      TEXT NOT NULL,
    supplier_id   TEXT NOT NULL,
    version       INTEGER NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    lines         INTEGER NOT NULL,
    created       TIMESTAMP NOT NULL,
    PRIMARY KEY (buyer_id, supplier_id, version),
    FOREIGN KEY (buyer_id, supplier_id) REFERENCES feeds (buyer_id, supplier_id)
);

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TIMESTAMP NOT NULL,
    party_id TEXT,                        -- NULL: no or an unknown token
    actor    TEXT NOT NULL,               -- the party, "operator", or "anonymous"
    action   TEXT NOT NULL,               -- GET /api/v1/register/feeds/…, party add, …
    object   TEXT NOT NULL,
    status   INTEGER NOT NULL,            -- HTTP status, or 0 for operator commands that worked
    detail   TEXT NOT NULL
);
CREATE INDEX audit_party ON audit (party_id, at);
CREATE INDEX audit_at ON audit (at);

-- +goose Down
DROP TABLE audit;
DROP TABLE feed_versions;
DROP TABLE feeds;
DROP TABLE submission_feeds;
DROP TABLE submissions;
DROP TABLE subscriptions;
DROP TABLE files;
DROP TABLE tokens;
DROP TABLE parties;
