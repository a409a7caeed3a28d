// Package register is the catalogue register behind `ekatalog serve` and
// `ekatalog register`: parties (suppliers and buyers) with bearer tokens,
// buyers' subscriptions to suppliers, submissions whose original bytes and
// canonical catalogue are kept, and per-buyer feeds with gapless versions.
//
// Storage is database/sql over SQLite (modernc.org/sqlite, pure Go, the
// default) or PostgreSQL (jackc/pgx/v5 through its database/sql driver, so
// both share one storage layer). The schema is versioned with goose; each
// dialect has its own copy of every migration under migrations/, with the
// same version numbers and the same tables.
//
// Nothing is held in process memory between requests: every server on one
// PostgreSQL database sees the same register, and the version counter of a
// feed is locked in the database (SELECT … FOR UPDATE on PostgreSQL, an
// immediate write transaction on SQLite).
//
// Room for buyers' decisions (a later issue): submission_feeds.status
// already admits "pending", subscriptions.rules holds a buyer's approval
// rules as JSON, and nextVersion is the one place a feed gets a version, so
// a decision's transaction can call it as a submission's does. Decision
// records go into a table of their own, added by a new migration and only
// ever inserted into.
package register
