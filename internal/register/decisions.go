package register

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/jsoncat"
	"github.com/ekatalog/ekatalog/formats/ubl/catresponse"
	"github.com/ekatalog/ekatalog/internal/compare"
	"github.com/ekatalog/ekatalog/internal/diff"
	"github.com/ekatalog/ekatalog/internal/pipeline"
)

// Rules are a buyer's approval rules for one supplier. Without rules a
// submission with no error-level findings is accepted automatically; with
// them it is held as pending when any rule holds it.
type Rules struct {
	// MaxPriceRisePercent holds a submission in which a price rose by more
	// than this against the feed's current version, or lies more than this
	// above the agreed price. nil: prices do not hold.
	MaxPriceRisePercent *float64 `json:"maxPriceRisePercent"`
	// HoldOnUnitChange holds a submission in which an item's unit changed
	// against the current version, or differs from the agreement's.
	HoldOnUnitChange bool `json:"holdOnUnitChange"`
	// HoldOnAgreedItemMissing holds a submission that lacks an item of the
	// agreement.
	HoldOnAgreedItemMissing bool `json:"holdOnAgreedItemMissing"`
}

// Hold is one reason a submission was held for review.
type Hold struct {
	Rule   string `json:"rule"`
	ItemID string `json:"sellerItemId,omitempty"`
	// Percent is the price rise, for price holds.
	Percent *float64 `json:"percent,omitempty"`
	// Limit is the buyer's maxPriceRisePercent, for price holds.
	Limit   *float64 `json:"limit,omitempty"`
	Message string   `json:"message"`
}

// Rule IDs of holds.
const (
	HoldPriceRise      = "HOLD-PRICE-RISE"            // against the current version
	HoldAboveAgreement = "HOLD-PRICE-ABOVE-AGREEMENT" // against the agreement
	HoldUnitChanged    = "HOLD-UNIT-CHANGED"
	HoldUnitAgreement  = "HOLD-UNIT-MISMATCH"
	HoldAgreedMissing  = "HOLD-AGREED-ITEM-MISSING"
)

// SetRules stores a buyer's approval rules for a supplier.
func (s *Store) SetRules(ctx context.Context, buyer, supplier string, r Rules) (Rules, error) {
	if r.MaxPriceRisePercent != nil && (*r.MaxPriceRisePercent < 0 || math.IsNaN(*r.MaxPriceRisePercent) || *r.MaxPriceRisePercent > 1e6) {
		return r, errStatus(http.StatusBadRequest, "maxPriceRisePercent: give a percentage of 0 or more")
	}
	b, err := json.Marshal(r)
	if err != nil {
		return r, err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE subscriptions SET rules = $1, updated = $2 WHERE buyer_id = $3 AND supplier_id = $4`,
		string(b), now(), buyer, supplier)
	if err != nil {
		return r, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return r, fmt.Errorf("subscription of %s to %s: %w", buyer, supplier, ErrNotFound)
	}
	return r, nil
}

// rulesOf returns a subscription's rules, nil when the buyer set none.
func (s *Store) rulesOf(ctx context.Context, buyer, supplier string) (*Rules, error) {
	var raw sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT rules FROM subscriptions WHERE buyer_id = $1 AND supplier_id = $2`, buyer, supplier).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("subscription of %s to %s: %w", buyer, supplier, ErrNotFound)
	}
	if err != nil || !raw.Valid || raw.String == "" {
		return nil, err
	}
	var r Rules
	if err := json.Unmarshal([]byte(raw.String), &r); err != nil {
		return nil, fmt.Errorf("rules of %s for %s: %w", buyer, supplier, err)
	}
	return &r, nil
}

// above reports whether a percentage is above a limit, without the noise
// of floating point: 20 → 21 is 5 %, not 5.000000000000004 %.
func above(x, limit float64) bool { return math.Round(x*1e6) > math.Round(limit*1e6) }

func pct(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }

// holds applies rules to a submission for one buyer: its diff against the
// feed's current version (nil when there is none) and its comparison with
// the agreement (nil when there is none).
func holds(r *Rules, d *diff.Result, c *compare.Result) []Hold {
	var hs []Hold
	if d != nil {
		for _, ch := range d.Changed {
			if r.MaxPriceRisePercent != nil && ch.PriceChange != nil && !math.IsNaN(*ch.PriceChange) && above(*ch.PriceChange, *r.MaxPriceRisePercent) {
				p := math.Round(*ch.PriceChange*100) / 100
				hs = append(hs, Hold{Rule: HoldPriceRise, ItemID: ch.ItemID, Percent: &p, Limit: r.MaxPriceRisePercent,
					Message: fmt.Sprintf("price rise of %s %% against the current version, above the %s %% allowed", pct(p), pct(*r.MaxPriceRisePercent))})
			}
			if r.HoldOnUnitChange {
				for _, f := range ch.Fields {
					if f.Field == "unit" {
						hs = append(hs, Hold{Rule: HoldUnitChanged, ItemID: ch.ItemID,
							Message: fmt.Sprintf("unit changed from %s to %s", f.Old, f.New)})
					}
				}
			}
		}
	}
	if c != nil {
		missing := 0
		for i := range c.Findings {
			f := &c.Findings[i]
			switch f.Rule {
			case compare.RuleAbove, compare.RuleAboveMax:
				if pc := c.Price(i); r.MaxPriceRisePercent != nil && pc != nil && above(pc.Percent, *r.MaxPriceRisePercent) {
					p := math.Round(pc.Percent*100) / 100
					hs = append(hs, Hold{Rule: HoldAboveAgreement, ItemID: f.Item, Percent: &p, Limit: r.MaxPriceRisePercent,
						Message: fmt.Sprintf("price %s %% above the agreement, above the %s %% allowed", pct(p), pct(*r.MaxPriceRisePercent))})
				}
			case compare.RuleUnitMismatch:
				if r.HoldOnUnitChange {
					hs = append(hs, Hold{Rule: HoldUnitAgreement, ItemID: f.Item, Message: f.Message("en")})
				}
			case compare.RuleMissing:
				if r.HoldOnAgreedItemMissing {
					missing++
					hs = append(hs, Hold{Rule: HoldAgreedMissing, ItemID: f.Item, Message: f.Message("en")})
				}
			}
		}
		// Findings beyond the kept ones are only counted.
		if n := c.Summary.AgreementItems - c.Summary.AgreementFound; r.HoldOnAgreedItemMissing && n > missing {
			hs = append(hs, Hold{Rule: HoldAgreedMissing, Message: fmt.Sprintf("%d more agreed items are not in the catalogue", n-missing)})
		}
	}
	return hs
}

// LineRejection is a line a buyer rejected, and why.
type LineRejection struct {
	SellerItemID string `json:"sellerItemId"`
	Reason       string `json:"reason"`
}

// Decision is one decision on a submission for a buyer. It is never
// changed: a new decision makes a new record.
type Decision struct {
	ID         int64     `json:"id"`
	Submission string    `json:"submission"`
	Buyer      string    `json:"buyer"`
	Supplier   string    `json:"supplier"`
	Decided    time.Time `json:"decided"`
	// Actor is the buyer's party ID, or "automatic".
	Actor       string          `json:"actor"`
	Decision    string          `json:"decision"`
	Status      string          `json:"status"`
	Version     *int64          `json:"version"`
	Reason      string          `json:"reason"`
	RejectLines []LineRejection `json:"rejectLines"`
	ResponseID  string          `json:"responseId"`
}

// Automatic is the actor of the register's own decisions.
const Automatic = "automatic"

// DecideRequest is a buyer's decision on a submission.
type DecideRequest struct {
	Decision    string          `json:"decision"`
	Reason      string          `json:"reason"`
	RejectLines []LineRejection `json:"rejectLines"`
}

// ResponsePath is where a supplier fetches the Catalogue Response of a
// submission for a buyer.
func ResponsePath(submission, buyer string) string {
	return Prefix + "/submissions/" + submission + "/response?buyer=" + buyer
}

// response builds the Catalogue Response of a decision.
func response(d *Decision, catalogueID string, buyer, supplier Party) (string, error) {
	code := catresponse.Accepted
	if d.Status == Rejected {
		code = catresponse.Rejected
	}
	notes := []string{d.Reason}
	for _, l := range d.RejectLines {
		notes = append(notes, catresponse.LineNote(l.SellerItemID, l.Reason))
	}
	r := catresponse.Response{ID: d.ResponseID, Issued: d.Decided, Code: code, Notes: notes,
		Sender:    catresponse.Party{ID: buyer.ID, Scheme: buyer.Scheme, Name: buyer.Name},
		Receiver:  catresponse.Party{ID: supplier.ID, Scheme: supplier.Scheme, Name: supplier.Name},
		Catalogue: catalogueID}
	b, err := catresponse.Write(r)
	return string(b), err
}

// record inserts a decision and its Catalogue Response inside tx. The
// parties are read before the transaction: a transaction waiting for a
// second connection of the pool could wait for itself.
func (s *Store) record(ctx context.Context, tx *sql.Tx, d *Decision, catalogueID string, buyer, supplier Party) error {
	if d.RejectLines == nil {
		d.RejectLines = []LineRejection{}
	}
	d.ResponseID = "CR-" + newID()
	xml, err := response(d, catalogueID, buyer, supplier)
	if err != nil {
		return err
	}
	lines, _ := json.Marshal(d.RejectLines)
	return tx.QueryRowContext(ctx, `INSERT INTO decisions (submission_id, buyer_id, supplier_id, decided, actor, decision, status, version, reason, rejected_lines, response_id, response)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		d.Submission, d.Buyer, d.Supplier, d.Decided, d.Actor, d.Decision, d.Status, d.Version, d.Reason, string(lines), d.ResponseID, xml).Scan(&d.ID)
}

// auditDecision writes a decision into the audit log, in the decision's
// transaction: no decision without its audit row.
func (s *Store) auditDecision(ctx context.Context, tx *sql.Tx, d *Decision) error {
	v := "-"
	if d.Version != nil {
		v = strconv.FormatInt(*d.Version, 10)
	}
	var rl []string
	for _, l := range d.RejectLines {
		rl = append(rl, l.SellerItemID+": "+l.Reason)
	}
	detail := fmt.Sprintf("decision %d by %s: %s -> %s, version %s; reason: %s", d.ID, d.Actor, d.Decision, d.Status, v, d.Reason)
	if len(rl) > 0 {
		detail += "; rejected lines: " + strings.Join(rl, "; ")
	}
	detail += "; response " + d.ResponseID
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (at, party_id, actor, action, object, status, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		d.Decided, d.Buyer, d.Actor, "decision", "submission "+d.Submission+" for "+d.Buyer, 0, detail)
	return err
}

// Decide records a buyer's decision on a pending submission (or one the
// buyer rejected before, which may still be accepted). Accepted lines
// become the feed's next version; a submission of another buyer, or of
// none, is ErrNotFound.
func (s *Store) Decide(ctx context.Context, buyer, id string, req DecideRequest) (*Decision, error) {
	var supplier, status, catID string
	var errs int
	var gz []byte
	err := s.db.QueryRowContext(ctx, `SELECT s.supplier_id, f.status, f.errors, COALESCE(s.catalogue_id, s.id), s.canonical
		FROM submission_feeds f JOIN submissions s ON s.id = f.submission_id WHERE f.submission_id = $1 AND f.buyer_id = $2`,
		id, buyer).Scan(&supplier, &status, &errs, &catID, &gz)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("submission %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	req.Reason = strings.TrimSpace(req.Reason)
	switch req.Decision {
	case "accept", "reject":
	default:
		return nil, errStatus(http.StatusBadRequest, "decision %q: give \"accept\" or \"reject\"", req.Decision)
	}
	if req.Decision == "reject" && req.Reason == "" {
		return nil, errStatus(http.StatusBadRequest, "a rejection needs a reason: the supplier reads it in the Catalogue Response")
	}
	if len(req.Reason) > 2000 {
		return nil, errStatus(http.StatusBadRequest, "the reason is longer than 2000 characters")
	}
	rejected := map[string]string{}
	for i, l := range req.RejectLines {
		l.SellerItemID, l.Reason = strings.TrimSpace(l.SellerItemID), strings.TrimSpace(l.Reason)
		if l.SellerItemID == "" || l.Reason == "" || len(l.Reason) > 2000 {
			return nil, errStatus(http.StatusBadRequest, "rejectLines[%d]: give the line's sellerItemId and a reason", i)
		}
		req.RejectLines[i] = l
		rejected[l.SellerItemID] = l.Reason
	}
	if req.Decision == "reject" && len(req.RejectLines) > 0 {
		return nil, errStatus(http.StatusBadRequest, "rejectLines go with \"accept\" (accept the rest); a \"reject\" rejects the whole catalogue")
	}
	if req.Reason == "" {
		req.Reason = "accepted"
		if len(rejected) > 0 {
			req.Reason = "accepted except for the lines named"
		}
	}
	if !decidable(status, errs) {
		return nil, errStatus(http.StatusConflict, "submission %s is %s for %s: only a pending submission, or one the buyer rejected, can be decided on", id, status, buyer)
	}
	d := &Decision{Submission: id, Buyer: buyer, Supplier: supplier, Actor: buyer, Decision: req.Decision, Reason: req.Reason,
		RejectLines: req.RejectLines, Status: Rejected}
	var part []byte // the accepted lines, when some were rejected
	lines := 0
	if req.Decision == "accept" {
		d.Status = Accepted
		if len(rejected) > 0 {
			var kept int
			if part, kept, err = withoutLines(gz, rejected); err != nil {
				return nil, err
			}
			if kept == 0 {
				d.Status = Rejected // nothing left to accept
				part = nil
			}
			lines = kept
		} else if err := s.db.QueryRowContext(ctx, `SELECT lines FROM submissions WHERE id = $1`, id).Scan(&lines); err != nil {
			return nil, err
		}
	}
	bp, err := s.Party(ctx, buyer)
	if err != nil {
		return nil, err
	}
	sp, err := s.Party(ctx, supplier)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// Once more under the lock: two decisions at once do not both pass.
	if err := tx.QueryRowContext(ctx, `SELECT status, errors FROM submission_feeds WHERE submission_id = $1 AND buyer_id = $2`+s.forUpdate(),
		id, buyer).Scan(&status, &errs); err != nil {
		return nil, err
	}
	if !decidable(status, errs) {
		return nil, errStatus(http.StatusConflict, "submission %s is %s for %s already", id, status, buyer)
	}
	d.Decided = now()
	if d.Status == Accepted {
		v, err := s.nextVersion(ctx, tx, buyer, supplier, id, lines, part, d.Decided)
		if err != nil {
			return nil, err
		}
		d.Version = &v
	}
	if _, err := tx.ExecContext(ctx, `UPDATE submission_feeds SET status = $1, version = $2 WHERE submission_id = $3 AND buyer_id = $4`,
		d.Status, d.Version, id, buyer); err != nil {
		return nil, err
	}
	if err := s.record(ctx, tx, d, catID, bp, sp); err != nil {
		return nil, err
	}
	if err := s.auditDecision(ctx, tx, d); err != nil {
		return nil, err
	}
	return d, tx.Commit()
}

// decidable: pending, or rejected by a buyer (no errors) and so open to a
// new decision.
func decidable(status string, errs int) bool {
	return status == Pending || status == Rejected && errs == 0
}

// withoutLines copies a gzip'd canonical catalogue without the lines of the
// items named; every item named must be in it.
func withoutLines(gz []byte, drop map[string]string) ([]byte, int, error) {
	path, err := gunzipToTemp(gz)
	if err != nil {
		return nil, 0, err
	}
	defer os.Remove(path)
	src, err := pipeline.Open(path, pipeline.Options{InputFormat: "json", Name: "canonical.json", Sequential: true})
	if err != nil {
		return nil, 0, err
	}
	defer src.Close()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	w := jsoncat.NewWriter(zw)
	if err := w.Begin(src.Header()); err != nil {
		return nil, 0, err
	}
	seen := map[string]bool{}
	kept := 0
	err = src.Each(func(l *catalog.Line) error {
		if _, ok := drop[l.SellerItemID]; ok {
			seen[l.SellerItemID] = true
			return nil
		}
		kept++
		return w.Line(l)
	})
	if err == nil {
		err = src.Err()
	}
	if err != nil {
		return nil, 0, err
	}
	var unknown []string
	for id := range drop {
		if !seen[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return nil, 0, errStatus(http.StatusBadRequest, "rejectLines: no line with sellerItemId %s in the submission", strings.Join(unknown, ", "))
	}
	if err := w.End(); err != nil {
		return nil, 0, err
	}
	if err := zw.Close(); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), kept, nil
}

// Decisions lists the decisions on a submission for a buyer, oldest first.
func (s *Store) Decisions(ctx context.Context, submission, buyer string) ([]Decision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, submission_id, buyer_id, supplier_id, decided, actor, decision, status, version, reason, rejected_lines, response_id
		FROM decisions WHERE submission_id = $1 AND buyer_id = $2 ORDER BY id`, submission, buyer)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ds []Decision
	for rows.Next() {
		var d Decision
		var v sql.NullInt64
		var rl string
		if err := rows.Scan(&d.ID, &d.Submission, &d.Buyer, &d.Supplier, &d.Decided, &d.Actor, &d.Decision, &d.Status, &v, &d.Reason, &rl, &d.ResponseID); err != nil {
			return nil, err
		}
		d.Decided = d.Decided.UTC()
		if v.Valid {
			d.Version = &v.Int64
		}
		json.Unmarshal([]byte(rl), &d.RejectLines)
		ds = append(ds, d)
	}
	return ds, rows.Err()
}

// Response returns the newest Catalogue Response of a supplier's submission
// for a buyer; ErrNotFound while nothing was decided, or for another
// supplier's submission.
func (s *Store) Response(ctx context.Context, supplier, submission, buyer string) (string, error) {
	var xml string
	err := s.db.QueryRowContext(ctx, `SELECT response FROM decisions WHERE submission_id = $1 AND buyer_id = $2 AND supplier_id = $3
		ORDER BY id DESC LIMIT 1`, submission, buyer, supplier).Scan(&xml)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("response to submission %s: %w", submission, ErrNotFound)
	}
	return xml, err
}

// Pending lists the submissions held for a buyer's decision, oldest first,
// each with the buyer's outcome only.
func (s *Store) Pending(ctx context.Context, buyer string) ([]*Submission, error) {
	get := func(id string) (*Submission, error) { return s.SubmissionForBuyer(ctx, buyer, id) }
	return s.submissionsBy(ctx, get, `SELECT f.submission_id FROM submission_feeds f JOIN submissions s ON s.id = f.submission_id
		WHERE f.buyer_id = $1 AND f.status = $2 ORDER BY s.received, s.id`, buyer, Pending)
}

// Incoming lists every submission sent to a buyer, newest first, each with
// the buyer's outcome only.
func (s *Store) Incoming(ctx context.Context, buyer string) ([]*Submission, error) {
	get := func(id string) (*Submission, error) { return s.SubmissionForBuyer(ctx, buyer, id) }
	return s.submissionsBy(ctx, get, `SELECT f.submission_id FROM submission_feeds f JOIN submissions s ON s.id = f.submission_id
		WHERE f.buyer_id = $1 ORDER BY s.received DESC, s.id`, buyer)
}

// SubmissionForBuyer is a submission as a buyer it was sent to sees it:
// with that buyer's outcome only. Any other buyer gets ErrNotFound.
func (s *Store) SubmissionForBuyer(ctx context.Context, buyer, id string) (*Submission, error) {
	var supplier string
	err := s.db.QueryRowContext(ctx, `SELECT s.supplier_id FROM submission_feeds f JOIN submissions s ON s.id = f.submission_id
		WHERE f.submission_id = $1 AND f.buyer_id = $2`, id, buyer).Scan(&supplier)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("submission %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	sub, err := s.Submission(ctx, supplier, id)
	if err != nil {
		return nil, err
	}
	sub.Feeds = slices.DeleteFunc(sub.Feeds, func(o FeedOutcome) bool { return o.Buyer != buyer })
	sub.Reports = nil
	return sub, nil
}

// Text is the hold's message in the language: the stored message is
// English; Danish is made from the rule.
func (h Hold) Text(lang string) string {
	if lang != "da" {
		return h.Message
	}
	num := func(f *float64) string {
		if f == nil {
			return "?"
		}
		return catalog.DecimalComma("da", pct(*f))
	}
	switch h.Rule {
	case HoldPriceRise:
		return "prisstigning på " + num(h.Percent) + " % i forhold til den gældende version, over de tilladte " + num(h.Limit) + " %"
	case HoldAboveAgreement:
		return "prisen ligger " + num(h.Percent) + " % over aftalen, over de tilladte " + num(h.Limit) + " %"
	case HoldUnitChanged:
		return "enheden er ændret i forhold til den gældende version (" + h.Message + ")"
	case HoldUnitAgreement:
		return "enheden afviger fra aftalens, så prisen kan ikke sammenlignes"
	case HoldAgreedMissing:
		if h.ItemID == "" {
			return "flere aftalevarer mangler i kataloget (" + h.Message + ")"
		}
		return "aftalevaren findes ikke i kataloget"
	}
	return h.Message
}
