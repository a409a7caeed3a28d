-- +goose Up
CREATE TABLE parties (
    id      TEXT PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('supplier', 'buyer')),
    name    TEXT NOT NULL,
    scheme  TEXT NOT NULL,
    created TIMESTAMPTZ NOT NULL
);

CREATE TABLE tokens (
    hash     TEXT PRIMARY KEY,            -- hex SHA-256 of the token; the token itself is never stored
    party_id TEXT NOT NULL REFERENCES parties (id),
    created  TIMESTAMPTZ NOT NULL,
    revoked  TIMESTAMPTZ
);
CREATE INDEX tokens_party ON tokens (party_id);

-- Files the operator stores in the register: templates, profiles, agreements.
CREATE TABLE files (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind    TEXT NOT NULL,                -- template, profile, agreement
    name    TEXT NOT NULL,
    sha256  TEXT NOT NULL,
    data    BYTEA NOT NULL,
    created TIMESTAMPTZ NOT NULL
);

CREATE TABLE subscriptions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    buyer_id     TEXT NOT NULL REFERENCES parties (id),
    supplier_id  TEXT NOT NULL REFERENCES parties (id),
    target       TEXT NOT NULL,           -- a built-in target, or the name of the template file
    template_id  BIGINT REFERENCES files (id),
    profile      TEXT NOT NULL,           -- a built-in profile, or the name of the profile file
    profile_id   BIGINT REFERENCES files (id),
    agreement_id BIGINT REFERENCES files (id),
    rules        TEXT,                    -- the buyer's approval rules (JSON), later
    created      TIMESTAMPTZ NOT NULL,
    updated      TIMESTAMPTZ NOT NULL,
    UNIQUE (buyer_id, supplier_id)
);
CREATE INDEX subscriptions_supplier ON subscriptions (supplier_id);

CREATE TABLE submissions (
    id          TEXT PRIMARY KEY,
    supplier_id TEXT NOT NULL REFERENCES parties (id),
    received    TIMESTAMPTZ NOT NULL,
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        BIGINT NOT NULL,
    original    BYTEA NOT NULL,            -- the bytes as uploaded
    canonical   BYTEA,                     -- gzip'd canonical JSON, once per submission
    lines       BIGINT NOT NULL,
    report      TEXT NOT NULL             -- the submission's answer without feeds (JSON)
);
CREATE INDEX submissions_supplier ON submissions (supplier_id, received);

-- The outcome of a submission for one buyer.
CREATE TABLE submission_feeds (
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    buyer_id      TEXT NOT NULL REFERENCES parties (id),
    status        TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'pending')),
    version       BIGINT,
    profile       TEXT NOT NULL,
    errors        BIGINT NOT NULL,
    warnings      BIGINT NOT NULL,
    comparison    TEXT,                   -- the comparison with the buyer's agreement (JSON)
    PRIMARY KEY (submission_id, buyer_id)
);
CREATE INDEX submission_feeds_buyer ON submission_feeds (buyer_id, status);

-- A feed's version counter; its row is locked while a version is added.
CREATE TABLE feeds (
    buyer_id    TEXT NOT NULL REFERENCES parties (id),
    supplier_id TEXT NOT NULL REFERENCES parties (id),
    version     BIGINT NOT NULL,
    updated     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (buyer_id, supplier_id)
);

CREATE TABLE feed_versions (
    buyer_id      TEXT NOT NULL,
    supplier_id   TEXT NOT NULL,
    version       BIGINT NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions (id),
    lines         BIGINT NOT NULL,
    created       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (buyer_id, supplier_id, version),
    FOREIGN KEY (buyer_id, supplier_id) REFERENCES feeds (buyer_id, supplier_id)
);

CREATE TABLE audit (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL,
    party_id TEXT,                        -- NULL: no or an unknown token
    actor    TEXT NOT NULL,               -- the party, "operator", or "anonymous"
    action   TEXT NOT NULL,               -- GET /api/v1/register/feeds/…, party add, …
    object   TEXT NOT NULL,
    status   BIGINT NOT NULL,            -- HTTP status, or 0 for operator commands that worked
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
