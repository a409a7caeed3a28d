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
// Buyers decide (decisions.go): a buyer's approval rules (subscriptions.rules,
// JSON) hold an error-free submission as "pending" when a price rose beyond
// the limit against the current version or the agreement, a unit changed, or
// an agreed item is missing. A decision, the register's automatic ones
// included, is a row of its own in decisions (only ever inserted; triggers
// refuse UPDATE and DELETE), makes the accepted lines the feed's next
// version through nextVersion (a version of part of a submission keeps its
// own canonical catalogue in feed_versions.canonical), is written to the
// audit log, and is answered by a PEPPOL Catalogue Response (package
// formats/ubl/catresponse).
//
// Pages (pages.go) are the register for people, under /register/: Danish
// and English, no JavaScript; a bearer token logs in to a session kept in the
// database (sessions, the cookie's value hashed), every form post carries
// the session's CSRF token, logging out ends the session.
package register
