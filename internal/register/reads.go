package register

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Submissions lists a supplier's submissions, newest first.
func (s *Store) Submissions(ctx context.Context, supplier string) ([]*Submission, error) {
	get := func(id string) (*Submission, error) { return s.Submission(ctx, supplier, id) }
	return s.submissionsBy(ctx, get, `SELECT id FROM submissions WHERE supplier_id = $1 ORDER BY received DESC, id`, supplier)
}

// Submission returns a supplier's submission; another supplier's answers
// ErrNotFound as one that does not exist.
func (s *Store) Submission(ctx context.Context, supplier, id string) (*Submission, error) {
	sub := &Submission{Feeds: []FeedOutcome{}}
	var rep string
	err := s.db.QueryRowContext(ctx, `SELECT id, supplier_id, received, file_name, format, sha256, size, lines, report
		FROM submissions WHERE id = $1 AND supplier_id = $2`, id, supplier).
		Scan(&sub.ID, &sub.Supplier, &sub.Received, &sub.File, &sub.Format, &sub.SHA256, &sub.Size, &sub.Lines, &rep)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("submission %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	sub.Received = sub.Received.UTC()
	var st stored
	if err := json.Unmarshal([]byte(rep), &st); err != nil {
		return nil, fmt.Errorf("submission %s: stored report: %w", id, err)
	}
	sub.Report, sub.Reports = st.Report, st.Reports
	rows, err := s.db.QueryContext(ctx, `SELECT buyer_id, status, version, profile, errors, warnings, comparison, held, diff,
		EXISTS (SELECT 1 FROM decisions d WHERE d.submission_id = f.submission_id AND d.buyer_id = f.buyer_id)
		FROM submission_feeds f WHERE submission_id = $1 ORDER BY buyer_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o FeedOutcome
		var v sql.NullInt64
		var cmp, held, dj sql.NullString
		var decided bool
		if err := rows.Scan(&o.Buyer, &o.Status, &v, &o.Profile, &o.Errors, &o.Warnings, &cmp, &held, &dj, &decided); err != nil {
			return nil, err
		}
		if held.Valid {
			if err := json.Unmarshal([]byte(held.String), &o.Held); err != nil {
				return nil, err
			}
		}
		if dj.Valid {
			o.Diff = json.RawMessage(dj.String)
		}
		if decided {
			o.Response = ResponsePath(id, o.Buyer)
		}
		if v.Valid {
			o.Version = &v.Int64
		}
		if cmp.Valid {
			o.Comparison = json.RawMessage(cmp.String)
		}
		sub.Feeds = append(sub.Feeds, o)
	}
	return sub, rows.Err()
}

// Original returns the bytes of a supplier's submission as uploaded.
func (s *Store) Original(ctx context.Context, supplier, id string) (name string, data []byte, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT file_name, original FROM submissions WHERE id = $1 AND supplier_id = $2`, id, supplier).
		Scan(&name, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, fmt.Errorf("submission %s: %w", id, ErrNotFound)
	}
	return name, data, err
}

// Feed is a buyer's feed of one supplier's catalogue.
type Feed struct {
	Supplier string    `json:"supplier"`
	Version  int64     `json:"version"`
	Lines    int       `json:"lines"`
	Updated  time.Time `json:"updated"`
}

// Feeds lists a buyer's feeds: one per subscription, version 0 while
// nothing has been accepted.
func (s *Store) Feeds(ctx context.Context, buyer string) ([]Feed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.supplier_id, COALESCE(f.version, 0), COALESCE(v.lines, 0), f.updated, s.created
		FROM subscriptions s
		LEFT JOIN feeds f ON f.buyer_id = s.buyer_id AND f.supplier_id = s.supplier_id
		LEFT JOIN feed_versions v ON v.buyer_id = f.buyer_id AND v.supplier_id = f.supplier_id AND v.version = f.version
		WHERE s.buyer_id = $1 ORDER BY s.supplier_id`, buyer)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	feeds := []Feed{}
	for rows.Next() {
		var f Feed
		var updated sql.NullTime
		var created time.Time
		if err := rows.Scan(&f.Supplier, &f.Version, &f.Lines, &updated, &created); err != nil {
			return nil, err
		}
		f.Updated = created.UTC()
		if updated.Valid {
			f.Updated = updated.Time.UTC()
		}
		feeds = append(feeds, f)
	}
	return feeds, rows.Err()
}

// Version is one version of a feed.
type Version struct {
	Version    int64     `json:"version"`
	Submission string    `json:"submission"`
	Lines      int       `json:"lines"`
	Created    time.Time `json:"created"`
}

// Versions lists a feed's versions, oldest first. A buyer without a
// subscription to the supplier gets ErrNotFound.
func (s *Store) Versions(ctx context.Context, buyer, supplier string) ([]Version, error) {
	if _, err := s.Subscription(ctx, buyer, supplier); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT version, submission_id, lines, created FROM feed_versions
		WHERE buyer_id = $1 AND supplier_id = $2 ORDER BY version`, buyer, supplier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	vs := []Version{}
	for rows.Next() {
		var v Version
		if err := rows.Scan(&v.Version, &v.Submission, &v.Lines, &v.Created); err != nil {
			return nil, err
		}
		v.Created = v.Created.UTC()
		vs = append(vs, v)
	}
	return vs, rows.Err()
}

// CurrentVersion is a feed's current version number (0: none yet). A buyer
// without a subscription to the supplier gets ErrNotFound.
func (s *Store) CurrentVersion(ctx context.Context, buyer, supplier string) (Subscription, int64, error) {
	sub, err := s.Subscription(ctx, buyer, supplier)
	if err != nil {
		return sub, 0, err
	}
	var v int64
	err = s.db.QueryRowContext(ctx, `SELECT version FROM feeds WHERE buyer_id = $1 AND supplier_id = $2`, buyer, supplier).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return sub, 0, nil
	}
	return sub, v, err
}

// canonicalOf returns the gzip'd canonical catalogue of a feed's version
// and its submission's file name.
func (s *Store) canonicalOf(ctx context.Context, buyer, supplier string, version int64) (name string, gz []byte, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT s.file_name, COALESCE(v.canonical, s.canonical) FROM feed_versions v JOIN submissions s ON s.id = v.submission_id
		WHERE v.buyer_id = $1 AND v.supplier_id = $2 AND v.version = $3`, buyer, supplier, version).Scan(&name, &gz)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, fmt.Errorf("version %d of the feed of %s: %w", version, supplier, ErrNotFound)
	}
	return name, gz, err
}

// submissionsBy reads the submissions whose IDs the query returns, in its
// order, each through get (as its supplier or a buyer sees it); an empty
// list rather than nil when there are none.
func (s *Store) submissionsBy(ctx context.Context, get func(id string) (*Submission, error), query string, args ...any) ([]*Submission, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	subs := make([]*Submission, 0, len(ids))
	for _, id := range ids {
		sub, err := get(id)
		if err != nil {
			return nil, err
		}
		subs = append(subs, sub)
	}
	return subs, nil
}
