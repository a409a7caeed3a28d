package register

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog/check"
)

// Party kinds.
const (
	Supplier = "supplier"
	Buyer    = "buyer"
)

// Party is a supplier or a buyer.
type Party struct {
	ID      string    `json:"id"`
	Kind    string    `json:"kind"`
	Name    string    `json:"name"`
	Scheme  string    `json:"scheme"`
	Created time.Time `json:"created"`
}

var (
	digits8  = regexp.MustCompile(`^[0-9]{8}$`)
	digits13 = regexp.MustCompile(`^[0-9]{13}$`)
	easCode  = regexp.MustCompile(`^[0-9]{4}$`)
)

// InferScheme is the PEPPOL EAS code of a party ID by its form: 8 digits
// are a Danish CVR number (0184), 13 digits a GLN (0088); "" otherwise.
func InferScheme(id string) string {
	switch {
	case digits8.MatchString(id):
		return "0184"
	case digits13.MatchString(id):
		return "0088"
	}
	return ""
}

// AddParty registers a party. The scheme is inferred from the ID when
// empty; an ID of no known form then needs one.
func (s *Store) AddParty(ctx context.Context, p Party) (Party, error) {
	p.ID = strings.TrimSpace(p.ID)
	p.Name = strings.TrimSpace(p.Name)
	if p.Kind != Supplier && p.Kind != Buyer {
		return p, fmt.Errorf("party kind %q: give supplier or buyer", p.Kind)
	}
	if p.ID == "" || strings.ContainsAny(p.ID, "/?#% \t\r\n") || len(p.ID) > 100 {
		return p, fmt.Errorf("party ID %q: give the party's own identifier (a CVR or GLN number), without spaces or slashes", p.ID)
	}
	if p.Name == "" {
		return p, fmt.Errorf("party %s: --name is empty", p.ID)
	}
	if p.Scheme == "" {
		p.Scheme = InferScheme(p.ID)
		if p.Scheme == "" {
			return p, fmt.Errorf("party %s: the ID is neither a CVR number (8 digits) nor a GLN (13 digits); give its EAS code with --scheme", p.ID)
		}
	} else if !easCode.MatchString(p.Scheme) {
		return p, fmt.Errorf("party %s: --scheme %q is not a 4-digit PEPPOL EAS code (0184, 0088, …)", p.ID, p.Scheme)
	}
	// The ID goes into catalogue headers: one that fails its scheme's
	// check (a GLN's check digit) would fail every catalogue's validation.
	if rule, ok := check.SchemeID(p.Scheme, p.ID); rule != "" && !ok {
		return p, fmt.Errorf("party ID %s is not a valid identifier of scheme %s (check digit or form, PEPPOL rule %s)", p.ID, p.Scheme, rule)
	}
	p.Created = now()
	_, err := s.db.ExecContext(ctx, `INSERT INTO parties (id, kind, name, scheme, created) VALUES ($1, $2, $3, $4, $5)`,
		p.ID, p.Kind, p.Name, p.Scheme, p.Created)
	if err != nil {
		if existing, e := s.Party(ctx, p.ID); e == nil {
			return p, fmt.Errorf("party %s exists already (%s %q)", p.ID, existing.Kind, existing.Name)
		}
		return p, err
	}
	return p, nil
}

// Party returns a party by ID.
func (s *Store) Party(ctx context.Context, id string) (Party, error) {
	var p Party
	err := s.db.QueryRowContext(ctx, `SELECT id, kind, name, scheme, created FROM parties WHERE id = $1`, id).
		Scan(&p.ID, &p.Kind, &p.Name, &p.Scheme, &p.Created)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("party %s: %w", id, ErrNotFound)
	}
	p.Created = p.Created.UTC()
	return p, err
}

// Parties lists every party by ID.
func (s *Store) Parties(ctx context.Context) ([]Party, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, name, scheme, created FROM parties ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []Party
	for rows.Next() {
		var p Party
		if err := rows.Scan(&p.ID, &p.Kind, &p.Name, &p.Scheme, &p.Created); err != nil {
			return nil, err
		}
		p.Created = p.Created.UTC()
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// tokenPrefix marks ekatalog's tokens, so that one found in a log or a
// repository is recognisable.
const tokenPrefix = "ekr_"

// hashToken is how a token is stored and looked up: its SHA-256 in hex.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewToken makes a bearer token for a party and stores only its hash. The
// token cannot be recovered afterwards.
func (s *Store) NewToken(ctx context.Context, partyID string) (string, error) {
	if _, err := s.Party(ctx, partyID); err != nil {
		return "", err
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	_, err := s.db.ExecContext(ctx, `INSERT INTO tokens (hash, party_id, created) VALUES ($1, $2, $3)`,
		hashToken(token), partyID, now())
	if err != nil {
		return "", err
	}
	return token, nil
}

// Authenticate returns the party of a bearer token, or ErrNotFound.
func (s *Store) Authenticate(ctx context.Context, token string) (Party, error) {
	var p Party
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 200 {
		return p, ErrNotFound
	}
	err := s.db.QueryRowContext(ctx, `SELECT p.id, p.kind, p.name, p.scheme, p.created FROM tokens t JOIN parties p ON p.id = t.party_id
		WHERE t.hash = $1 AND t.revoked IS NULL`, hashToken(token)).Scan(&p.ID, &p.Kind, &p.Name, &p.Scheme, &p.Created)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	return p, err
}
