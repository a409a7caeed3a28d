package register

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
	"time"
)

// AuditEntry is one row of the audit log: who did what, when, and how it
// went.
type AuditEntry struct {
	ID    int64     `json:"id"`
	At    time.Time `json:"at"`
	Party string    `json:"party,omitempty"`
	// Actor is the party's ID, "operator" for the command line, or
	// "anonymous" for a request without a known token.
	Actor  string `json:"actor"`
	Action string `json:"action"`
	Object string `json:"object"`
	// Status is the HTTP status; 0 for an operator command that worked, 1
	// for one that failed.
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// Audit appends a row to the audit log.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = now()
	}
	var party sql.NullString
	if e.Party != "" {
		party = sql.NullString{String: e.Party, Valid: true}
	}
	if e.Actor == "" {
		e.Actor = "anonymous"
	}
	_, err := s.db.ExecContext(context.WithoutCancel(ctx), `INSERT INTO audit (at, party_id, actor, action, object, status, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.At, party, e.Actor, e.Action, e.Object, e.Status, e.Detail)
	return err
}

// AuditLog returns the audit rows, oldest first: of one party when party is
// set (what it did, and what the operator did to it), since a time when
// since is set.
func (s *Store) AuditLog(ctx context.Context, party string, since time.Time) ([]AuditEntry, error) {
	q := `SELECT id, at, COALESCE(party_id, ''), actor, action, object, status, detail FROM audit WHERE 1 = 1`
	var args []any
	if party != "" {
		args = append(args, party)
		q += fmt.Sprintf(` AND party_id = $%d`, len(args))
	}
	if !since.IsZero() {
		args = append(args, since.UTC())
		q += fmt.Sprintf(` AND at >= $%d`, len(args))
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.Party, &e.Actor, &e.Action, &e.Object, &e.Status, &e.Detail); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		es = append(es, e)
	}
	return es, rows.Err()
}

// PrintAudit writes audit rows one per line: time, actor, status, action,
// object and detail, tab-separated.
func PrintAudit(w io.Writer, es []AuditEntry) error {
	for _, e := range es {
		detail := strings.NewReplacer("\t", " ", "\n", " ").Replace(e.Detail)
		if _, err := fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\n", e.At.Format("2006-01-02T15:04:05.000000Z07:00"), e.Actor, e.Status, e.Action, e.Object, detail); err != nil {
			return err
		}
	}
	return nil
}
