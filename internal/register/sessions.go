package register

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"time"
)

// SessionTTL is how long a page session lasts without logging in again.
const SessionTTL = 8 * time.Hour

// Session is a person's login to the pages.
type Session struct {
	Party Party
	// CSRF is the token every form post of the session carries.
	CSRF string
}

func randomToken() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// NewSession logs a party in with its bearer token and returns the
// session's cookie value (stored only as a hash) and the session.
func (s *Store) NewSession(ctx context.Context, token string) (string, *Session, error) {
	p, err := s.Authenticate(ctx, token)
	if err != nil {
		return "", nil, err
	}
	value := randomToken()
	sess := &Session{Party: p, CSRF: randomToken()}
	t := now()
	_, err = s.db.ExecContext(ctx, `INSERT INTO sessions (hash, party_id, csrf, created, expires) VALUES ($1, $2, $3, $4, $5)`,
		hashToken(value), p.ID, sess.CSRF, t, t.Add(SessionTTL))
	if err != nil {
		return "", nil, err
	}
	return value, sess, nil
}

// SessionOf returns the live session of a cookie value; ErrNotFound for
// one that never was, has ended or has expired.
func (s *Store) SessionOf(ctx context.Context, value string) (*Session, error) {
	if value == "" || len(value) > 100 {
		return nil, ErrNotFound
	}
	sess := &Session{}
	p := &sess.Party
	err := s.db.QueryRowContext(ctx, `SELECT p.id, p.kind, p.name, p.scheme, p.created, x.csrf FROM sessions x JOIN parties p ON p.id = x.party_id
		WHERE x.hash = $1 AND x.ended IS NULL AND x.expires > $2`, hashToken(value), now()).
		Scan(&p.ID, &p.Kind, &p.Name, &p.Scheme, &p.Created, &sess.CSRF)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return sess, err
}

// EndSession logs a session out: it opens no page afterwards.
func (s *Store) EndSession(ctx context.Context, value string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET ended = $1 WHERE hash = $2 AND ended IS NULL`, now(), hashToken(value))
	return err
}
