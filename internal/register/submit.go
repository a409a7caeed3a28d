package register

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/diff"
	"github.com/ekatalog/ekatalog/internal/pipeline"
	"github.com/ekatalog/ekatalog/internal/report"
)

// Outcomes of a submission for one buyer.
const (
	Accepted = "accepted"
	Rejected = "rejected"
	Pending  = "pending" // held for the buyer's decision (decisions come later)
)

// FeedOutcome is what a submission became for one buyer.
type FeedOutcome struct {
	Buyer   string `json:"buyer"`
	Status  string `json:"status"`
	Version *int64 `json:"version"`
	// Profile is the buyer's profile, the one the submission was checked
	// against for this buyer; Errors and Warnings are its counts.
	Profile  string `json:"profile"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	// Comparison is the comparison with the buyer's agreement (as
	// `ekatalog compare --format json`), when the buyer has one.
	Comparison json.RawMessage `json:"comparison,omitempty"`
	// Held are the findings of the buyer's approval rules that held the
	// submission for review; Diff is its diff against the feed's version
	// current when it came (as `ekatalog diff --format json`), when the
	// buyer has rules and the feed a version.
	Held []Hold          `json:"held,omitempty"`
	Diff json.RawMessage `json:"diff,omitempty"`
	// Response is where the supplier fetches the buyer's Catalogue
	// Response, once there is a decision.
	Response string `json:"response,omitempty"`
}

// Submission is a catalogue a supplier sent, as the API answers it.
type Submission struct {
	ID       string        `json:"id"`
	Supplier string        `json:"supplier"`
	Received time.Time     `json:"received"`
	SHA256   string        `json:"sha256"`
	File     string        `json:"file"`
	Format   string        `json:"format"`
	Size     int64         `json:"size"`
	Lines    int           `json:"lines"`
	Feeds    []FeedOutcome `json:"feeds"`
	// Report is the compliance report: under the buyers' profile when all
	// share one, else the one with the most errors; Reports holds one per
	// profile then.
	Report  json.RawMessage   `json:"report"`
	Reports []json.RawMessage `json:"reports,omitempty"`
}

// stored is the part of a submission kept as JSON in its row.
type stored struct {
	Report  json.RawMessage   `json:"report"`
	Reports []json.RawMessage `json:"reports,omitempty"`
}

// SubmitRequest is one upload.
type SubmitRequest struct {
	Supplier string
	// Path is the uploaded file; Name what the supplier called it.
	Path, Name string
	// Header, when set, is merged over the catalogue's own header.
	Header *catalog.Header
	// Buyers limits the submission to these subscribers; empty means all.
	Buyers []string
	// Lang is the language of the reports' messages.
	Lang string
}

// InputError is a submission that could not be read at all: the supplier's
// problem, answered 422.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// checker is one profile's validation of the catalogue.
type checker struct {
	name string
	// receiver is the buyer the header names while validating: the first
	// subscriber with this profile (every buyer is a party with a name, an
	// ID and a scheme, so the receiver checks come out the same).
	receiver catalog.Party
	profile  *catalog.Profile
	rep      *catalog.Report
	v        *catalog.Validator
	json     json.RawMessage
}

func newID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Submit reads a supplier's catalogue once, validates it under each
// subscribed buyer's profile, compares it with each buyer's agreement, and
// stores the original, the canonical catalogue and every buyer's outcome in
// one transaction.
func (s *Store) Submit(ctx context.Context, req SubmitRequest) (*Submission, error) {
	if req.Lang == "" {
		req.Lang = "en"
	}
	subs, err := s.SubscribersOf(ctx, req.Supplier)
	if err != nil {
		return nil, err
	}
	if len(req.Buyers) > 0 {
		var chosen []Subscription
		for _, b := range req.Buyers {
			i := slices.IndexFunc(subs, func(s Subscription) bool { return s.Buyer == b })
			if i < 0 {
				return nil, fmt.Errorf("buyer %s: %w", b, ErrNotFound)
			}
			if !slices.ContainsFunc(chosen, func(s Subscription) bool { return s.Buyer == b }) {
				chosen = append(chosen, subs[i])
			}
		}
		subs = chosen
	}
	// One validator per distinct profile.
	var checkers []*checker
	byBuyer := make([]int, len(subs))
	for i, sub := range subs {
		j := slices.IndexFunc(checkers, func(c *checker) bool { return c.name == sub.Profile })
		if j < 0 {
			p, err := s.profile(ctx, sub)
			if err != nil {
				return nil, fmt.Errorf("profile of %s's subscription: %w", sub.Buyer, err)
			}
			b, err := s.Party(ctx, sub.Buyer)
			if err != nil {
				return nil, err
			}
			checkers = append(checkers, &checker{name: sub.Profile, profile: p, receiver: headerParty(b)})
			j = len(checkers) - 1
		}
		byBuyer[i] = j
	}
	original, err := os.ReadFile(req.Path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(original)
	sub := &Submission{ID: newID(), Supplier: req.Supplier, File: filepath.Base(req.Name), SHA256: hex.EncodeToString(sum[:]),
		Size: int64(len(original))}

	supplier, err := s.Party(ctx, req.Supplier)
	if err != nil {
		return nil, err
	}
	canonical, lines, format, catID, err := readOnce(req, checkers, defaults(sub.ID, supplier))
	if err != nil {
		return nil, err
	}
	sub.Format, sub.Lines = format, lines
	p, _ := report.ByName("json")
	worst := 0
	for i, c := range checkers {
		var b bytes.Buffer
		if err := p.Print(&b, []*catalog.Report{c.rep}, report.Options{Lang: req.Lang}); err != nil {
			return nil, err
		}
		c.json = json.RawMessage(bytes.TrimSpace(b.Bytes()))
		if c.rep.Summary.Errors > checkers[worst].rep.Summary.Errors {
			worst = i
		}
	}
	st := stored{Report: checkers[worst].json}
	if len(checkers) > 1 {
		for _, c := range checkers {
			st.Reports = append(st.Reports, c.json)
		}
	}
	sub.Report, sub.Reports = st.Report, st.Reports

	// Comparisons with agreements read the canonical copy.
	var canonPath string
	defer func() {
		if canonPath != "" {
			os.Remove(canonPath)
		}
	}()
	for i, sb := range subs {
		c := checkers[byBuyer[i]]
		o := FeedOutcome{Buyer: sb.Buyer, Profile: sb.Profile, Errors: c.rep.Summary.Errors, Warnings: c.rep.Summary.Warnings, Status: Accepted}
		if c.rep.Summary.Errors > 0 || c.rep.Error != "" {
			o.Status = Rejected
		}
		// The canonical copy goes to a file only for a buyer who compares
		// or has rules.
		var rules *Rules
		if o.Status == Accepted {
			if rules, err = s.rulesOf(ctx, sb.Buyer, sb.Supplier); err != nil {
				return nil, err
			}
		}
		if canonPath == "" && (sb.agreementID.Valid || rules != nil) {
			if canonPath, err = gunzipToTemp(canonical); err != nil {
				return nil, err
			}
		}
		var cmp *compare.Result
		if sb.agreementID.Valid {
			if cmp, o.Comparison, err = s.compareWith(ctx, sb, canonPath, sub.File, req.Lang); err != nil {
				return nil, err
			}
		}
		if rules != nil {
			if err := s.applyRules(ctx, &o, rules, sb, canonPath, lines, cmp); err != nil {
				return nil, err
			}
		}
		sub.Feeds = append(sub.Feeds, o)
	}
	if err := s.store(ctx, sub, original, canonical, catID, st); err != nil {
		return nil, err
	}
	return sub, nil
}

// readOnce reads the upload once: every line goes through each profile's
// validator and into the canonical JSON, gzip'd.
func readOnce(req SubmitRequest, checkers []*checker, def catalog.Header) (canonical []byte, lines int, format, catID string, err error) {
	src, err := pipeline.Open(req.Path, pipeline.Options{Name: filepath.Base(req.Name), Header: req.Header})
	if err != nil {
		return nil, 0, "", "", &InputError{err}
	}
	defer src.Close()
	own := src.Header()
	// What the catalogue does not say, the register knows: the seller is
	// the supplier, the catalogue's ID the submission's.
	h := def
	h.Merge(own)
	if len(checkers) == 0 {
		// No subscriber yet: the report under the format's default profile.
		p, err := catalog.BuiltinProfile(pipeline.DefaultProfile(src))
		if err != nil {
			return nil, 0, "", "", err
		}
		checkers = append(checkers, &checker{name: p.Name, profile: p})
	}
	for _, c := range checkers {
		c.rep = &catalog.Report{File: src.Name, Format: src.Format.Name, Layout: formats.LayoutOf(src.Reader)}
		vh := h
		vh.Receiver = c.receiver
		vh.Receiver.Country = h.Receiver.Country
		c.v = catalog.NewValidator(c.profile, vh, src.Reader.Fields(), src.Reader, c.rep)
	}
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed) // stored once, read on every feed: speed over size
	w := jsoncat.NewWriter(gz)
	if err := w.Begin(h); err != nil {
		return nil, 0, "", "", err
	}
	err = src.Each(func(l *catalog.Line) error {
		// Validation normalises these in place; each profile sees the
		// line as read.
		unit, content, text, action, bad := l.Unit, l.ContentUnit, l.UnitText, l.Action, l.Bad
		for i, c := range checkers {
			if i > 0 {
				l.Unit, l.ContentUnit, l.UnitText, l.Action, l.Bad = unit, content, text, action, bad
			}
			c.v.Line(l)
		}
		return w.Line(l)
	})
	if err != nil {
		return nil, 0, "", "", err
	}
	if err := src.Unreadable(); err != nil {
		return nil, 0, "", "", &InputError{err}
	}
	lines = src.Lines()
	for _, c := range checkers {
		c.v.End(src.Reader.Findings(), src.Err()) // each validator judges an empty catalogue itself
	}
	if err := w.End(); err != nil {
		return nil, 0, "", "", err
	}
	if err := gz.Close(); err != nil {
		return nil, 0, "", "", err
	}
	return buf.Bytes(), lines, src.Format.Name, h.ID, nil
}

// headerParty is a register party as a catalogue header names it.
func headerParty(p Party) catalog.Party {
	cp := catalog.Party{Name: p.Name, ID: p.ID, IDScheme: p.Scheme, EndpointID: p.ID, EndpointScheme: p.Scheme}
	if p.Scheme == "0184" {
		cp.Country = "DK"
	}
	return cp
}

// defaults is the header the register gives a submission where the
// catalogue says nothing: the supplier as seller, the submission's ID as
// the catalogue's, its day as issue date and start of validity.
func defaults(id string, supplier Party) catalog.Header {
	day := now().Format("2006-01-02")
	return catalog.Header{ID: id, IssueDate: day, ValidFrom: day, Seller: headerParty(supplier)}
}

func gunzipToTemp(gz []byte) (string, error) {
	f, err := os.CreateTemp("", "ekatalog-register-*.json")
	if err != nil {
		return "", err
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err == nil {
		_, err = io.Copy(f, zr)
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// compareWith compares the canonical catalogue with a buyer's agreement.
func (s *Store) compareWith(ctx context.Context, sb Subscription, canonPath, name, lang string) (*compare.Result, json.RawMessage, error) {
	data, err := s.file(ctx, sb.agreementID)
	if err != nil {
		return nil, nil, err
	}
	a, err := loadAgreement(sb.Agreement, data)
	if err != nil {
		return nil, nil, err
	}
	res, err := compare.Compare(a, canonPath, pipeline.Options{InputFormat: "json", Name: name}, compare.Options{})
	if err != nil {
		return nil, nil, err
	}
	p, err := report.For(report.Comparisons, "json")
	if err != nil {
		return nil, nil, err
	}
	var b bytes.Buffer
	if err := p.Compare(&b, res, report.Options{Lang: lang}); err != nil {
		return nil, nil, err
	}
	return res, json.RawMessage(bytes.TrimSpace(b.Bytes())), nil
}

// applyRules holds an error-free submission as pending when the buyer's
// approval rules say so: it is diffed against the feed's current version
// and its comparison with the agreement is looked at.
func (s *Store) applyRules(ctx context.Context, o *FeedOutcome, rules *Rules, sb Subscription, canonPath string, lines int, cmp *compare.Result) error {
	var d *diff.Result
	if _, v, err := s.CurrentVersion(ctx, sb.Buyer, sb.Supplier); err != nil {
		return err
	} else if v > 0 {
		_, gz, err := s.canonicalOf(ctx, sb.Buyer, sb.Supplier, v)
		if err != nil {
			return err
		}
		cur, err := gunzipToTemp(gz)
		if err != nil {
			return err
		}
		defer os.Remove(cur)
		// Every changed line is listed, so that no price rise goes unseen.
		d, err = diff.Diff(cur, canonPath, pipeline.Options{InputFormat: "json", Name: fmt.Sprintf("version %d", v)},
			pipeline.Options{InputFormat: "json", Name: "submission"}, diff.Options{Limit: max(lines, 1)})
		if err != nil {
			return err
		}
		pr, err := report.For(report.Diffs, "json")
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := pr.Diff(&b, d, report.Options{Lang: "en"}); err != nil {
			return err
		}
		o.Diff = json.RawMessage(bytes.TrimSpace(b.Bytes()))
	}
	if o.Held = holds(rules, d, cmp); len(o.Held) > 0 {
		o.Status = Pending
	}
	return nil
}

// loadAgreement reads an agreement kept in the register.
func loadAgreement(name string, data []byte) (*compare.Agreement, error) {
	dir, err := os.MkdirTemp("", "ekatalog-agreement-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, filepath.Base(name))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, err
	}
	return compare.LoadAgreement(path, pipeline.Options{})
}

// store writes a submission in one transaction: its row, and for each
// accepted buyer the feed's next version under the feed's lock.
func (s *Store) store(ctx context.Context, sub *Submission, original, canonical []byte, catID string, st stored) error {
	rep, err := json.Marshal(st)
	if err != nil {
		return err
	}
	// The parties of the Catalogue Responses, read before the transaction.
	parties := map[string]Party{}
	for _, id := range append([]string{sub.Supplier}, func() (ids []string) {
		for _, o := range sub.Feeds {
			ids = append(ids, o.Buyer)
		}
		return ids
	}()...) {
		if parties[id], err = s.Party(ctx, id); err != nil {
			return err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The time is taken inside the transaction, so that versions and
	// submissions are in the order they were committed.
	sub.Received = now()
	if _, err := tx.ExecContext(ctx, `INSERT INTO submissions (id, supplier_id, received, file_name, format, sha256, size, original, canonical, lines, report, catalogue_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		sub.ID, sub.Supplier, sub.Received, sub.File, sub.Format, sub.SHA256, sub.Size, original, canonical, sub.Lines, string(rep), catID); err != nil {
		return err
	}
	if catID == "" {
		catID = sub.ID
	}
	for i := range sub.Feeds {
		o := &sub.Feeds[i]
		if o.Status == Accepted {
			v, err := s.nextVersion(ctx, tx, o.Buyer, sub.Supplier, sub.ID, sub.Lines, nil, sub.Received)
			if err != nil {
				return err
			}
			o.Version = &v
		}
		var cmp sql.NullString
		if o.Comparison != nil {
			cmp = sql.NullString{String: string(o.Comparison), Valid: true}
		}
		var held, dj sql.NullString
		if len(o.Held) > 0 {
			b, _ := json.Marshal(o.Held)
			held = sql.NullString{String: string(b), Valid: true}
		}
		if o.Diff != nil {
			dj = sql.NullString{String: string(o.Diff), Valid: true}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO submission_feeds (submission_id, buyer_id, status, version, profile, errors, warnings, comparison, held, diff)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, sub.ID, o.Buyer, o.Status, o.Version, o.Profile, o.Errors, o.Warnings, cmp, held, dj); err != nil {
			return err
		}
		// Accepting or rejecting without the buyer is a decision too, with
		// its record and its Catalogue Response.
		if o.Status != Pending {
			d := &Decision{Submission: sub.ID, Buyer: o.Buyer, Supplier: sub.Supplier, Decided: sub.Received, Actor: Automatic,
				Decision: "accept", Status: o.Status, Version: o.Version, Reason: "accepted automatically: no errors under the profile " + o.Profile}
			if o.Status == Rejected {
				d.Decision = "reject"
				d.Reason = fmt.Sprintf("rejected automatically: %d error-level findings under the profile %s; the validation report of the submission lists them", o.Errors, o.Profile)
				if o.Errors == 0 {
					d.Reason = "rejected automatically: the catalogue could not be read to the end"
				}
			}
			if err := s.record(ctx, tx, d, catID, parties[o.Buyer], parties[sub.Supplier]); err != nil {
				return err
			}
			o.Response = ResponsePath(sub.ID, o.Buyer)
			if err := s.auditDecision(ctx, tx, d); err != nil {
				return err
			}
		}
	}
	if hook := os.Getenv("EKATALOG_TEST_COMMIT_DELAY"); hook != "" {
		// Tests widen the window in which a killed process has written
		// everything but the commit.
		if d, err := time.ParseDuration(hook); err == nil {
			time.Sleep(d)
		}
	}
	return tx.Commit()
}

// nextVersion adds the next version of a feed inside tx: the feed's row is
// created when missing, then locked (FOR UPDATE on PostgreSQL; SQLite's
// transaction holds the write lock), so concurrent submissions get gapless
// numbers.
//
// canonical is the version's own catalogue when it is part of the
// submission (the lines a buyer accepted); nil is the whole submission.
func (s *Store) nextVersion(ctx context.Context, tx *sql.Tx, buyer, supplier, submission string, lines int, canonical []byte, t time.Time) (int64, error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO feeds (buyer_id, supplier_id, version, updated) VALUES ($1, $2, 0, $3)
		ON CONFLICT (buyer_id, supplier_id) DO NOTHING`, buyer, supplier, t); err != nil {
		return 0, err
	}
	var cur int64
	if err := tx.QueryRowContext(ctx, `SELECT version FROM feeds WHERE buyer_id = $1 AND supplier_id = $2`+s.forUpdate(),
		buyer, supplier).Scan(&cur); err != nil {
		return 0, err
	}
	v := cur + 1
	if _, err := tx.ExecContext(ctx, `UPDATE feeds SET version = $1, updated = $2 WHERE buyer_id = $3 AND supplier_id = $4`,
		v, t, buyer, supplier); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO feed_versions (buyer_id, supplier_id, version, submission_id, lines, created, canonical)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, buyer, supplier, v, submission, lines, t, canonical); err != nil {
		return 0, err
	}
	return v, nil
}
