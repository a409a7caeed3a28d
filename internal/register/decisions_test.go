package register

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ekatalog/ekatalog/formats/ubl/catresponse"
)

// priced writes old.csv with prices replaced ("10,00" → "10,80").
func priced(t *testing.T, name string, repl ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, "diff", "old.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(repl); i += 2 {
		if !bytes.Contains(b, []byte(repl[i])) {
			t.Fatalf("old.csv has no %q", repl[i])
		}
		b = bytes.Replace(b, []byte(repl[i]), []byte(repl[i+1]), 1)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func (a *api) decide(party, id, body string) (int, []byte) {
	a.t.Helper()
	res, b := a.do(party, "POST", "/submissions/"+id+"/decision", strings.NewReader(body), "application/json")
	return res.StatusCode, b
}

// checkResponse runs the T58 checks, and the UBL XSD when xmllint is
// there, on a Catalogue Response.
func checkResponse(t *testing.T, xml []byte) {
	t.Helper()
	fs, err := catresponse.Check(xml)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		t.Errorf("T58 %s at %s: %s", f.Rule, f.Pos.XPath, f.Text)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Log("xmllint not installed: the XSD check of the response did not run")
		return
	}
	xsd := filepath.Join("..", "..", "..", "shared", "standards", "ubl-2.1-xsd", "maindoc", "UBL-ApplicationResponse-2.1.xsd")
	if _, err := os.Stat(xsd); err != nil {
		t.Log("no UBL 2.1 XSD at", xsd)
		return
	}
	p := filepath.Join(t.TempDir(), "response.xml")
	os.WriteFile(p, xml, 0o644)
	if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, p).CombinedOutput(); err != nil {
		t.Errorf("xmllint --schema: %v\n%s", err, out)
	}
}

// TestDecisionFlow is the contract's decision flow: a submission within the
// buyer's rules is accepted automatically, one with an 8 % price rise
// against a 5 % rule is held as pending, the buyer rejects one line and
// accepts the rest, the feed's new version has the accepted lines, and the
// supplier gets a Catalogue Response naming the rejected line and why.
func TestDecisionFlow(t *testing.T) {
	eachDB(t, func(t *testing.T, url string) {
		a := newAPI(t, url)
		ctx := context.Background()
		// Without a token or with an unknown one: 401.
		for _, c := range [][2]string{{"PUT", "/subscriptions/" + supplierID + "/rules"}, {"GET", "/pending"},
			{"POST", "/submissions/ffffffffffffffffffffffff/decision"}, {"GET", "/submissions/ffffffffffffffffffffffff/response?buyer=" + buyerA}} {
			for _, tok := range []string{"", "ekr_made-up"} {
				if res, _ := a.do(tok, c[0], c[1], strings.NewReader(`{}`), "application/json"); res.StatusCode != 401 {
					t.Errorf("%s %s with token %q: %d", c[0], c[1], tok, res.StatusCode)
				}
			}
		}
		// Rules of another buyer's subscription, or none: 404.
		rules := `{"maxPriceRisePercent": 5, "holdOnUnitChange": true, "holdOnAgreedItemMissing": true}`
		if res, b := a.do(otherBuyer, "PUT", "/subscriptions/"+supplierID+"/rules", strings.NewReader(rules), "application/json"); res.StatusCode != 404 {
			t.Errorf("rules of a subscription the buyer does not have: %d %s", res.StatusCode, b)
		}
		if res, _ := a.do(supplierID, "PUT", "/subscriptions/"+supplierID+"/rules", strings.NewReader(rules), "application/json"); res.StatusCode != 404 {
			t.Errorf("rules set by the supplier: %d", res.StatusCode)
		}
		if res, b := a.do(buyerA, "PUT", "/subscriptions/"+supplierID+"/rules", strings.NewReader(`{"maxPriceRisePercent": -1}`), "application/json"); res.StatusCode != 400 {
			t.Errorf("negative percentage: %d %s", res.StatusCode, b)
		}
		res, b := a.do(buyerA, "PUT", "/subscriptions/"+supplierID+"/rules", strings.NewReader(rules), "application/json")
		if res.StatusCode != 200 || decode[Rules](t, b).MaxPriceRisePercent == nil {
			t.Fatalf("rules: %d %s", res.StatusCode, b)
		}
		// Version 1: nothing to compare with, accepted.
		_, b = a.submitFile(supplierID, filepath.Join(testdata, "diff", "old.csv"), buyerA)
		if s := decode[Submission](t, b); s.Feeds[0].Status != Accepted || *s.Feeds[0].Version != 1 {
			t.Fatalf("first submission: %s", b)
		}
		// Within the rules: 4,50 → 4,60 is 2.2 %. Accepted automatically.
		_, b = a.submitFile(supplierID, priced(t, "within.csv", ";4,50;", ";4,60;"), buyerA)
		within := decode[Submission](t, b)
		if o := within.Feeds[0]; o.Status != Accepted || *o.Version != 2 || len(o.Held) != 0 || o.Response == "" {
			t.Fatalf("within the rules: %s", b)
		}
		// 8 % on D-002 (10,00 → 10,80), 5 % on D-003 (20,00 → 21,00, at the
		// limit): held for A; B has no rules and takes it at once.
		_, b = a.submitFile(supplierID, priced(t, "rise.csv", ";4,50;", ";4,60;", ";10,00;", ";10,80;", ";20,00;", ";21,00;"))
		held := decode[Submission](t, b)
		if len(held.Feeds) != 2 {
			t.Fatalf("feeds: %s", b)
		}
		oa, ob := held.Feeds[0], held.Feeds[1]
		if oa.Buyer != buyerA || oa.Status != Pending || oa.Version != nil || oa.Response != "" {
			t.Fatalf("8 %% against 5 %%: %+v", oa)
		}
		if len(oa.Held) != 1 || oa.Held[0].Rule != HoldPriceRise || oa.Held[0].ItemID != "D-002" || *oa.Held[0].Percent < 7.99 || *oa.Held[0].Percent > 8.01 {
			t.Errorf("held by: %+v", oa.Held)
		}
		if ob.Status != Accepted || ob.Version == nil {
			t.Errorf("B without rules: %+v", ob)
		}
		// The pending list: A sees it with the diff and what held it; B,
		// the other buyer and the supplier see nothing of it.
		res, b = a.get(buyerA, "/pending")
		pend := decode[struct{ Submissions []Submission }](t, b)
		if res.StatusCode != 200 || len(pend.Submissions) != 1 || pend.Submissions[0].ID != held.ID || len(pend.Submissions[0].Feeds) != 1 {
			t.Fatalf("pending: %d %s", res.StatusCode, b)
		}
		var d struct{ Summary struct{ Changed int } }
		if err := json.Unmarshal(pend.Submissions[0].Feeds[0].Diff, &d); err != nil || d.Summary.Changed != 2 {
			t.Errorf("the pending submission's diff: %v %s", err, pend.Submissions[0].Feeds[0].Diff)
		}
		for _, p := range []string{buyerB, otherBuyer} {
			_, b = a.get(p, "/pending")
			if n := len(decode[struct{ Submissions []Submission }](t, b).Submissions); n != 0 {
				t.Errorf("%s sees %d pending", p, n)
			}
		}
		if res, _ := a.get(supplierID, "/pending"); res.StatusCode != 404 {
			t.Errorf("the supplier's pending: %d", res.StatusCode)
		}
		// No response while nothing is decided.
		if res, _ := a.get(supplierID, "/submissions/"+held.ID+"/response?buyer="+buyerA); res.StatusCode != 404 {
			t.Errorf("response of a pending submission: %d", res.StatusCode)
		}
		// Deciding on what is not yours: 404, like what does not exist.
		body := `{"decision": "accept", "reason": "prices checked against the tender", "rejectLines": [{"sellerItemId": "D-002", "reason": "price rise above the agreement"}]}`
		for _, p := range []string{otherBuyer, supplierID, otherSupplier} {
			if code, b := a.decide(p, held.ID, body); code != 404 {
				t.Errorf("decision as %s: %d %s", p, code, b)
			}
		}
		if code, _ := a.decide(buyerA, "ffffffffffffffffffffffff", body); code != 404 {
			t.Errorf("decision on nothing: %d", code)
		}
		// B took it already: nothing to decide.
		if code, b := a.decide(buyerB, held.ID, body); code != 409 {
			t.Errorf("decision on an accepted submission: %d %s", code, b)
		}
		for _, bad := range []string{`{"decision": "maybe"}`, `{"decision": "reject"}`, `{"decision": "accept", "rejectLines": [{"sellerItemId": "D-002"}]}`,
			`{"decision": "accept", "rejectLines": [{"sellerItemId": "NO-SUCH", "reason": "x"}]}`, `not json`} {
			if code, b := a.decide(buyerA, held.ID, bad); code != 400 {
				t.Errorf("%s: %d %s", bad, code, b)
			}
		}
		// The buyer rejects D-002 and accepts the rest.
		code, b := a.decide(buyerA, held.ID, body)
		out := decode[struct {
			Status   string
			Version  *int64
			Response string
		}](t, b)
		if code != 200 || out.Status != Accepted || out.Version == nil || *out.Version != 3 || !strings.HasPrefix(out.Response, "http://") || !strings.HasSuffix(out.Response, ResponsePath(held.ID, buyerA)) {
			t.Fatalf("decision: %d %s", code, b)
		}
		if code, b := a.decide(buyerA, held.ID, body); code != 409 {
			t.Errorf("a second decision on an accepted submission: %d %s", code, b)
		}
		// Version 3 has the accepted lines: all but D-002, D-003 at 21.
		res, b = a.get(buyerA, "/feeds/"+supplierID+"?format=json")
		feed := decode[struct {
			Lines []struct {
				SellerItemID string
				Price        float64
			}
		}](t, b)
		if res.StatusCode != 200 || res.Header.Get("ETag") != `"3"` || len(feed.Lines) != held.Lines-1 {
			t.Fatalf("feed after the decision: %d %s, %d lines of %d", res.StatusCode, res.Header.Get("ETag"), len(feed.Lines), held.Lines)
		}
		for _, l := range feed.Lines {
			if l.SellerItemID == "D-002" {
				t.Error("the rejected line is in the feed")
			}
			if l.SellerItemID == "D-003" && l.Price != 21 {
				t.Errorf("D-003 at %v", l.Price)
			}
		}
		_, b = a.get(buyerA, "/feeds/"+supplierID+"/versions")
		vs := decode[struct{ Versions []Version }](t, b).Versions
		if len(vs) != 3 || vs[2].Submission != held.ID || vs[2].Lines != held.Lines-1 {
			t.Errorf("versions: %s", b)
		}
		// The supplier's Catalogue Response: AP, the reason, the line.
		res, b = a.get(supplierID, "/submissions/"+held.ID+"/response?buyer="+buyerA)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/xml") {
			t.Fatalf("response: %d %s", res.StatusCode, b)
		}
		for _, want := range []string{"<cbc:ResponseCode>AP</cbc:ResponseCode>", "<cbc:Note>D-002: price rise above the agreement</cbc:Note>",
			"<cbc:Note>prices checked against the tender</cbc:Note>", `<cbc:EndpointID schemeID="0088">` + buyerA, `<cbc:EndpointID schemeID="0184">` + supplierID,
			"<cbc:ID>" + held.ID + "</cbc:ID>"} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("the response has no %s:\n%s", want, b)
			}
		}
		checkResponse(t, b)
		for _, p := range []string{otherSupplier, buyerA, otherBuyer} {
			if res, _ := a.get(p, "/submissions/"+held.ID+"/response?buyer="+buyerA); res.StatusCode != 404 {
				t.Errorf("response as %s: %d", p, res.StatusCode)
			}
		}
		// The automatic decisions have responses too.
		res, b = a.get(supplierID, "/submissions/"+within.ID+"/response")
		if res.StatusCode != 200 || !bytes.Contains(b, []byte(">AP<")) {
			t.Errorf("response to the automatic acceptance: %d %s", res.StatusCode, b)
		}
		checkResponse(t, b)
		res, b = a.submitFile(supplierID, brokenCopy(t), buyerA)
		broken := decode[Submission](t, b)
		res, b = a.get(supplierID, "/submissions/"+broken.ID+"/response")
		if res.StatusCode != 200 || !bytes.Contains(b, []byte(">RE<")) {
			t.Errorf("response to the automatic rejection: %d %s", res.StatusCode, b)
		}
		checkResponse(t, b)

		// Another rise, rejected as a whole: RE, the feed stays at 3.
		_, b = a.submitFile(supplierID, priced(t, "rise2.csv", ";15,00;", ";17,00;"), buyerA)
		again := decode[Submission](t, b)
		if again.Feeds[0].Status != Pending {
			t.Fatalf("second rise: %s", b)
		}
		if code, b := a.decide(buyerA, again.ID, `{"decision": "reject", "reason": "Kaffefilter <13 %> over aftalen"}`); code != 200 ||
			!bytes.Contains(b, []byte(`"status": "rejected"`)) || !bytes.Contains(b, []byte(`"version": null`)) {
			t.Errorf("reject: %d %s", code, b)
		}
		_, b = a.get(supplierID, "/submissions/"+again.ID+"/response?buyer="+buyerA)
		if !bytes.Contains(b, []byte(">RE<")) || !bytes.Contains(b, []byte("Kaffefilter &lt;13 %&gt; over aftalen")) {
			t.Errorf("the rejection's response:\n%s", b)
		}
		checkResponse(t, b)
		if _, v, _ := a.s.CurrentVersion(ctx, buyerA, supplierID); v != 3 {
			t.Errorf("version after a rejection: %d", v)
		}
		// A buyer may change its mind about a rejection: a new decision, a
		// new record, the next version.
		code, b = a.decide(buyerA, again.ID, `{"decision": "accept", "reason": "agreed on the phone"}`)
		if code != 200 || !bytes.Contains(b, []byte(`"version": 4`)) {
			t.Errorf("accept after reject: %d %s", code, b)
		}
		ds, err := a.s.Decisions(ctx, again.ID, buyerA)
		if err != nil || len(ds) != 2 || ds[0].Status != Rejected || ds[1].Status != Accepted || ds[1].Actor != buyerA {
			t.Errorf("decisions: %v %+v", err, ds)
		}
		ds, _ = a.s.Decisions(ctx, held.ID, buyerA)
		if len(ds) != 1 || ds[0].Actor != buyerA || ds[0].Reason != "prices checked against the tender" || len(ds[0].RejectLines) != 1 ||
			ds[0].Decided.IsZero() || *ds[0].Version != 3 {
			t.Errorf("the decision's record: %+v", ds)
		}
		ds, _ = a.s.Decisions(ctx, within.ID, buyerA)
		if len(ds) != 1 || ds[0].Actor != Automatic {
			t.Errorf("the automatic decision's record: %+v", ds)
		}
		// Records cannot be changed or removed.
		if _, err := a.s.db.Exec(`UPDATE decisions SET reason = 'changed'`); err == nil {
			t.Error("a decision was changed")
		}
		if _, err := a.s.db.Exec(`DELETE FROM decisions`); err == nil {
			t.Error("decisions were deleted")
		}
		// The audit log has the decisions.
		es, err := a.s.AuditLog(ctx, buyerA, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var log bytes.Buffer
		PrintAudit(&log, es)
		for _, want := range []string{"decision\tsubmission " + held.ID, "rejected lines: D-002: price rise above the agreement", "automatic\t0\tdecision"} {
			if !strings.Contains(log.String(), want) {
				t.Errorf("the audit has no %q:\n%s", want, log.String())
			}
		}
		if testing.Verbose() {
			t.Logf("audit:\n%s", log.String())
		}
	})
}

// TestRulesAgainstAgreement: the rules hold a submission for what its
// comparison with the agreement finds: prices above it by more than the
// limit, units that differ, agreed items that are missing.
func TestRulesAgainstAgreement(t *testing.T) {
	eachDB(t, func(t *testing.T, url string) {
		s := openStore(t, url)
		setup(t, s)
		ctx := context.Background()
		cmp := filepath.Join(testdata, "compare")
		if _, err := s.Subscribe(ctx, SubscribeOptions{Buyer: buyerB, Supplier: supplierID, Target: "json", Profile: "minimal",
			Agreement: filepath.Join(cmp, "agreement.csv")}); err != nil {
			t.Fatal(err)
		}
		max := 5.0
		if _, err := s.SetRules(ctx, buyerB, supplierID, Rules{MaxPriceRisePercent: &max, HoldOnUnitChange: true, HoldOnAgreedItemMissing: true}); err != nil {
			t.Fatal(err)
		}
		// katalog.csv without A-114, whose GTIN A-113 has too (an error).
		data, err := os.ReadFile(filepath.Join(cmp, "katalog.csv"))
		if err != nil {
			t.Fatal(err)
		}
		var keep []string
		for _, l := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(l, "A-114;") {
				keep = append(keep, l)
			}
		}
		path := filepath.Join(t.TempDir(), "katalog.csv")
		os.WriteFile(path, []byte(strings.Join(keep, "\n")), 0o644)
		sub, err := s.Submit(ctx, SubmitRequest{Supplier: supplierID, Path: path, Name: "katalog.csv", Buyers: []string{buyerB}})
		if err != nil {
			t.Fatal(err)
		}
		o := sub.Feeds[0]
		if o.Status != Pending || o.Comparison == nil {
			t.Fatalf("%+v", o)
		}
		got := map[string]bool{}
		for _, h := range o.Held {
			got[h.Rule+" "+h.ItemID] = true
		}
		for _, want := range []string{HoldAgreedMissing + " A-115", HoldAgreedMissing + " A-116", HoldUnitAgreement + " A-109", HoldAboveAgreement + " A-105"} {
			if !got[want] {
				t.Errorf("not held for %s: %+v", want, o.Held)
			}
		}
		// A-101 is 5 % above its agreed price: within the rule.
		if got[HoldAboveAgreement+" A-101"] {
			t.Errorf("held for a rise at the limit: %+v", o.Held)
		}
		// Pending for B, and nowhere else.
		pend, err := s.Pending(ctx, buyerB)
		if err != nil || len(pend) != 1 || pend[0].ID != sub.ID {
			t.Errorf("pending: %v %v", err, pend)
		}
		if pend, _ := s.Pending(ctx, buyerA); len(pend) != 0 {
			t.Errorf("pending for A: %v", pend)
		}
	})
}
