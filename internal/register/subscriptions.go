package register

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/mappings"
)

// Subscription is a buyer's subscription to a supplier's catalogues.
type Subscription struct {
	Buyer    string `json:"buyer"`
	Supplier string `json:"supplier"`
	// Target is a built-in target, or the name of the template file
	// stored with the subscription.
	Target string `json:"target"`
	// Profile is a built-in profile, or the name of the profile file
	// stored with the subscription.
	Profile string `json:"profile"`
	// Agreement is the name of the agreement file stored with the
	// subscription, "" when there is none.
	Agreement string    `json:"agreement,omitempty"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`

	templateID, profileID, agreementID sql.NullInt64
}

// SubscribeOptions are the files and names of a subscription. Target and
// Profile are built-in names or paths of files, which are read and stored
// in the register; Agreement is a path.
type SubscribeOptions struct {
	Buyer, Supplier, Target, Profile, Agreement string
}

// isFile reports whether a target or profile names a file rather than a
// built-in.
func isFile(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".json") || strings.ContainsRune(name, os.PathSeparator)
}

// Subscribe adds or replaces the subscription of a buyer to a supplier.
// Files named are checked (a template or profile must parse, an agreement
// must be readable as one) and stored in the register.
func (s *Store) Subscribe(ctx context.Context, o SubscribeOptions) (Subscription, error) {
	sub := Subscription{Buyer: o.Buyer, Supplier: o.Supplier}
	b, err := s.Party(ctx, o.Buyer)
	if err != nil {
		return sub, err
	}
	if b.Kind != Buyer {
		return sub, fmt.Errorf("--buyer %s is a %s, not a buyer", b.ID, b.Kind)
	}
	sp, err := s.Party(ctx, o.Supplier)
	if err != nil {
		return sub, err
	}
	if sp.Kind != Supplier {
		return sub, fmt.Errorf("--supplier %s is a %s, not a supplier", sp.ID, sp.Kind)
	}
	type file struct {
		kind, name string
		data       []byte
		id         *sql.NullInt64
	}
	var files []file
	if o.Target == "" {
		return sub, fmt.Errorf("--target is required (see ekatalog targets, or a template file ending in .json)")
	}
	target, err := formats.TargetByName(o.Target)
	if err != nil {
		return sub, err
	}
	sub.Target = o.Target
	if isFile(o.Target) {
		data, err := os.ReadFile(o.Target)
		if err != nil {
			return sub, err
		}
		sub.Target = filepath.Base(o.Target)
		files = append(files, file{"template", sub.Target, data, &sub.templateID})
	} else {
		sub.Target = target.Name
	}
	switch {
	case o.Profile == "":
		// The target's own rules, else the general e-commerce profile.
		sub.Profile = target.Profile
		if sub.Profile == "" {
			sub.Profile = "dk-ehandel"
		}
	case isFile(o.Profile):
		data, err := os.ReadFile(o.Profile)
		if err != nil {
			return sub, err
		}
		if _, err := catalog.ParseProfile(o.Profile, data); err != nil {
			return sub, err
		}
		sub.Profile = filepath.Base(o.Profile)
		files = append(files, file{"profile", sub.Profile, data, &sub.profileID})
	default:
		if _, err := catalog.BuiltinProfile(o.Profile); err != nil {
			return sub, err
		}
		sub.Profile = o.Profile
	}
	if o.Agreement != "" {
		data, err := os.ReadFile(o.Agreement)
		if err != nil {
			return sub, err
		}
		sub.Agreement = filepath.Base(o.Agreement)
		files = append(files, file{"agreement", sub.Agreement, data, &sub.agreementID})
		if _, err := loadAgreement(sub.Agreement, data); err != nil {
			return sub, err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return sub, err
	}
	defer tx.Rollback()
	t := now()
	for _, f := range files {
		sum := sha256.Sum256(f.data)
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO files (kind, name, sha256, data, created) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			f.kind, f.name, hex.EncodeToString(sum[:]), f.data, t).Scan(&id); err != nil {
			return sub, err
		}
		*f.id = sql.NullInt64{Int64: id, Valid: true}
	}
	sub.Created, sub.Updated = t, t
	_, err = tx.ExecContext(ctx, `INSERT INTO subscriptions (buyer_id, supplier_id, target, template_id, profile, profile_id, agreement_id, created, updated)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
		ON CONFLICT (buyer_id, supplier_id) DO UPDATE SET target = excluded.target, template_id = excluded.template_id,
			profile = excluded.profile, profile_id = excluded.profile_id, agreement_id = excluded.agreement_id, updated = excluded.updated`,
		sub.Buyer, sub.Supplier, sub.Target, sub.templateID, sub.Profile, sub.profileID, sub.agreementID, t)
	if err != nil {
		return sub, err
	}
	if err := tx.Commit(); err != nil {
		return sub, err
	}
	return s.Subscription(ctx, sub.Buyer, sub.Supplier)
}

const subColumns = `s.buyer_id, s.supplier_id, s.target, s.template_id, s.profile, s.profile_id, s.agreement_id,
	COALESCE(a.name, ''), s.created, s.updated`

func scanSub(sc interface{ Scan(...any) error }) (Subscription, error) {
	var sub Subscription
	err := sc.Scan(&sub.Buyer, &sub.Supplier, &sub.Target, &sub.templateID, &sub.Profile, &sub.profileID, &sub.agreementID,
		&sub.Agreement, &sub.Created, &sub.Updated)
	sub.Created, sub.Updated = sub.Created.UTC(), sub.Updated.UTC()
	return sub, err
}

// Subscription returns a buyer's subscription to a supplier.
func (s *Store) Subscription(ctx context.Context, buyer, supplier string) (Subscription, error) {
	sub, err := scanSub(s.db.QueryRowContext(ctx, `SELECT `+subColumns+` FROM subscriptions s LEFT JOIN files a ON a.id = s.agreement_id
		WHERE s.buyer_id = $1 AND s.supplier_id = $2`, buyer, supplier))
	if errors.Is(err, sql.ErrNoRows) {
		return sub, fmt.Errorf("subscription of %s to %s: %w", buyer, supplier, ErrNotFound)
	}
	return sub, err
}

// SubscribersOf lists the subscriptions to a supplier, by buyer.
func (s *Store) SubscribersOf(ctx context.Context, supplier string) ([]Subscription, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+subColumns+` FROM subscriptions s LEFT JOIN files a ON a.id = s.agreement_id
		WHERE s.supplier_id = $1 ORDER BY s.buyer_id`, supplier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var subs []Subscription
	for rows.Next() {
		sub, err := scanSub(rows)
		if err != nil {
			return nil, err
		}
		subs = append(subs, sub)
	}
	return subs, rows.Err()
}

// file returns a stored file's bytes.
func (s *Store) file(ctx context.Context, id sql.NullInt64) ([]byte, error) {
	var data []byte
	err := s.db.QueryRowContext(ctx, `SELECT data FROM files WHERE id = $1`, id.Int64).Scan(&data)
	return data, err
}

// target returns the subscription's target, or the target named.
func (s *Store) target(ctx context.Context, sub Subscription, name string) (*formats.Target, error) {
	if name != "" && name != sub.Target {
		if isFile(name) {
			return nil, fmt.Errorf("unknown target %q", name)
		}
		return formats.TargetByName(name)
	}
	if !sub.templateID.Valid {
		return formats.TargetByName(sub.Target)
	}
	data, err := s.file(ctx, sub.templateID)
	if err != nil {
		return nil, err
	}
	t, err := mappings.ParseTemplate(sub.Target, data)
	if err != nil {
		return nil, err
	}
	return formats.TemplateTarget(t), nil
}

// profile returns the subscription's validation profile.
func (s *Store) profile(ctx context.Context, sub Subscription) (*catalog.Profile, error) {
	if !sub.profileID.Valid {
		return catalog.BuiltinProfile(sub.Profile)
	}
	data, err := s.file(ctx, sub.profileID)
	if err != nil {
		return nil, err
	}
	return catalog.ParseProfile(sub.Profile, data)
}
