package delta

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/ekatalog/ekatalog/formats/bmecat"
	"github.com/ekatalog/ekatalog/formats/cxml"
	"github.com/ekatalog/ekatalog/internal/keyindex"
)

// Source is a stream of canonical lines; every formats.Reader is one.
type Source interface {
	Header() catalog.Header
	Next(l *catalog.Line) error
}

// Summary counts the changes from OLD to NEW.
type Summary struct {
	OldLines, NewLines            int
	Added, Removed, Changed, Same int
	// Findings say what the update document could not carry
	// (TARGET-DROPPED, the writer's own notes); set with Options.Target.
	Findings []catalog.Finding
}

// readings keeps, within one cap, the reading findings (warnings and
// errors) of the lines delta reads: a line that could not be read as
// written goes into the output as what was made of it, and the caller
// must say so. Source names the file.
type readings struct {
	catalog.Cap
	list []catalog.Finding
}

func (r *readings) line(file string, l *catalog.Line) {
	l.PlaceFindings()
	for _, f := range l.Findings {
		if f.Severity == catalog.Info || !r.Keep(f.RuleID()) {
			continue
		}
		f.Source = file
		r.list = append(r.list, f.Detach())
	}
}

// Options for Changes.
type Options struct {
	// Carries is the set of fields the target writes (zero: every field).
	// Lines are compared on these alone, less the line ID (a CSV line's
	// ordinal moves with every inserted line) and the action: a change to
	// a field the target cannot write is no change of its document.
	Carries catalog.FieldSet
	// Header, when set, is merged over NEW's header for the update
	// document.
	Header *catalog.Header
	// SizeHint is about the bytes OLD's records take (its file's size
	// will do): the arena is allocated once. 0: grown as needed.
	SizeHint int
	// Target, when set, is the target written: what it cannot carry is
	// reported in Summary.Findings.
	Target *formats.Target
}

// ApplyOptions for Apply.
type ApplyOptions struct {
	// SizeHint is about the bytes BASE's records take (its file's size
	// will do), as Options.SizeHint.
	SizeHint int
	// Target, when set, is the target written: what it cannot carry is
	// among the findings.
	Target *formats.Target
}

// compareMask is the set of fields two versions of a line are compared on.
func compareMask(carries catalog.FieldSet) catalog.FieldSet {
	if carries == 0 {
		carries = formats.AllFields
	}
	carries &^= 1<<catalog.FieldLineID | 1<<catalog.FieldAction
	return carries
}

// store holds the lines of one catalogue version as records in an arena
// (catalog.AppendRecord), indexed by the keys of catalog.Line.MatchKeys,
// the first line of a key winning. Nothing in it is a pointer per line.
type store struct {
	arena   []byte
	ents    []entry
	keys    []byte // the keys of the entries: id, gtin, line ID
	byID    *keyindex.Index
	byGTIN  *keyindex.Index
	byLine  *keyindex.Index
	scratch catalog.Line
}

type entry struct {
	off, n  uint64
	koff    uint64
	kn      [3]uint32 // lengths of id, gtin, line ID in keys
	lineID  [2]uint32 // the line ID (offset within keys, length): kept for writing
	order   int64
	line    int32 // the line's ordinal in its file
	matched bool  // Changes: seen in NEW; Apply: superseded or deleted
}

func newStore(hint int) *store {
	s := &store{arena: make([]byte, 0, hint), keys: make([]byte, 0, hint/8)}
	key := func(k int) func(int32) []byte {
		return func(i int32) []byte {
			e := &s.ents[i]
			off := e.koff
			for j := 0; j < k; j++ {
				off += uint64(e.kn[j])
			}
			return s.keys[off : off+uint64(e.kn[k])]
		}
	}
	s.byID, s.byGTIN, s.byLine = keyindex.New(key(0)), keyindex.New(key(1)), keyindex.New(key(2))
	return s
}

var errTooMany = errors.New("too many lines to hold in memory")

// add stores l (its fields in set) as a new entry; replacing, when ≥ 0, is
// the entry it supersedes (its keys are pointed at the new one).
func (s *store) add(l *catalog.Line, set catalog.FieldSet, order int64) (int32, error) {
	if len(s.ents) >= math.MaxInt32-1 {
		return 0, errTooMany
	}
	off := len(s.arena)
	s.arena = catalog.AppendRecord(s.arena, l, set)
	// Indexed by every key it has: a line that names its item by line ID
	// alone (a UBL pricing update) finds an item that has an item number.
	// The keys are catalog.Line.MatchKeys's, the line ID whether or not
	// the line has the others.
	id, gtin, lineID := catalog.ItemKey(l.SellerItemID), catalog.GTINKey(l.GTIN), strings.TrimSpace(l.LineID)
	koff := len(s.keys)
	s.keys = append(append(append(s.keys, id...), gtin...), lineID...)
	lid := len(s.keys)
	s.keys = append(s.keys, l.LineID...)
	n := int32(len(s.ents))
	s.ents = append(s.ents, entry{off: uint64(off), n: uint64(len(s.arena) - off), koff: uint64(koff),
		kn: [3]uint32{uint32(len(id)), uint32(len(gtin)), uint32(len(lineID))}, lineID: [2]uint32{uint32(lid - koff), uint32(len(l.LineID))},
		order: order, line: int32(l.Src.Line)})
	for _, k := range []struct {
		x   *keyindex.Index
		key string
	}{{s.byID, id}, {s.byGTIN, gtin}, {s.byLine, lineID}} {
		if k.key == "" {
			continue
		}
		if old, ok := k.x.Get(k.key); !ok {
			k.x.Put(k.key, n)
		} else if s.ents[old].matched {
			// The key's entry was superseded or deleted: the new one takes it.
			k.x.Replace(k.key, n)
		}
	}
	return n, nil
}

// find returns the live (unmatched) entry a line names: by item number,
// else by GTIN, else by line ID (catalog.Line.MatchKeys).
func (s *store) find(l *catalog.Line) (int32, bool) {
	i, by := s.findBy(l)
	return i, by != catalog.FieldNone
}

// findBy is find, saying which key found the entry (FieldNone: none).
func (s *store) findBy(l *catalog.Line) (int32, catalog.Field) {
	id, gtin, lineID := l.MatchKeys()
	if i, ok := s.byID.Get(id); ok && !s.ents[i].matched {
		return i, catalog.FieldSellerItemID
	}
	if i, ok := s.byGTIN.Get(gtin); ok && !s.ents[i].matched {
		return i, catalog.FieldGTIN
	}
	if i, ok := s.byLine.Get(lineID); ok && !s.ents[i].matched {
		return i, catalog.FieldLineID
	}
	return 0, catalog.FieldNone
}

func (s *store) rec(i int32) []byte {
	e := &s.ents[i]
	return s.arena[e.off : e.off+e.n]
}

// line decodes entry i into l, with its line ID.
func (s *store) line(i int32, l *catalog.Line) error {
	if err := catalog.DecodeRecord(s.rec(i), l); err != nil {
		return err
	}
	e := &s.ents[i]
	if l.LineID == "" {
		o := e.koff + uint64(e.lineID[0])
		l.LineID = string(s.keys[o : o+uint64(e.lineID[1])])
	}
	l.Src.Line = int(e.line)
	return nil
}

// readErr names the file of a read error that does not name it.
func readErr(name string, err error) error {
	var re *catalog.ReadError
	if errors.As(err, &re) || name == "" {
		return err
	}
	return &catalog.ReadError{File: name, Err: err}
}

// Changes streams NEW past OLD (held as records, one per line, as
// internal/diff holds it) and writes what changed through the writer
// begin returns, as the target's update document: every line of NEW that
// OLD lacks with action add, every line whose carried fields differ with
// action update (the whole new line), then every line of OLD that NEW
// lacks with action delete (the old line's fields). Lines are matched as
// diff matches them (catalog.Line.MatchKeys). The update document's header
// is NEW's with action update.
func Changes(oldName string, old Source, newName string, nw Source, begin func(catalog.Header) (formats.Writer, error), o Options) (Summary, error) {
	var sum Summary
	mask := compareMask(o.Carries)
	carries := o.Carries
	if carries == 0 {
		carries = formats.AllFields
	}
	carries.Add(catalog.FieldSellerItemID)
	s := newStore(o.SizeHint)
	var read readings
	var l catalog.Line
	for {
		l.Reset()
		err := old.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			return sum, readErr(oldName, err)
		}
		read.line(oldName, &l)
		if _, err := s.add(&l, mask, int64(sum.OldLines)); err != nil {
			return sum, readErr(oldName, err)
		}
		sum.OldLines++
	}
	h := nw.Header()
	if o.Header != nil {
		h.Merge(*o.Header)
	}
	h.Action = "update"
	if v := old.Header().Version; v != "" {
		h.Extra = append(slices.Clip(h.Extra), catalog.Extra{Name: bmecat.PrevVersionExtra, Value: v})
	}
	w, err := begin(h)
	if err != nil {
		return sum, err
	}
	var lw *lossWriter
	if o.Target != nil {
		lw = newLossWriter(w, o.Target)
		w = lw
	}
	if err := w.Begin(h); err != nil {
		return sum, err
	}
	var buf []byte
	// A writer that chooses its document by what changed (OIOUBL: a
	// pricing update when only prices did) is told, before each update
	// line, the old line and the fields that changed.
	cw, _ := w.(changeWriter)
	if lw != nil {
		cw, _ = lw.Writer.(changeWriter)
	}
	var prev catalog.Line
	// The line IDs written, so that a deleted line, written last with its
	// old ID, does not take the ID of a line written before it (UBL wants
	// them unique within the document).
	ids := map[string]struct{}{}
	for {
		l.Reset()
		err := nw.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			return sum, readErr(newName, err)
		}
		read.line(newName, &l)
		sum.NewLines++
		i, by := s.findBy(&l)
		// A line found by a key the target cannot write (an item
		// renumbered, found by its GTIN, for a target without GTINs) is
		// the old item deleted and a new one added: the update document
		// could not name the old item otherwise.
		if !carries.Has(by) {
			by = catalog.FieldNone
		}
		if by == catalog.FieldNone {
			sum.Added++
			l.Action = "add"
			ids[lineID(&l)] = struct{}{}
			if err := w.Line(&l); err != nil {
				return sum, err
			}
			continue
		}
		s.ents[i].matched = true
		buf = catalog.AppendRecord(buf[:0], &l, mask)
		if string(buf) == string(s.rec(i)) {
			sum.Same++
			continue
		}
		sum.Changed++
		if cw != nil {
			if err := s.line(i, &prev); err != nil {
				return sum, err
			}
			cw.Changed(&prev, changedFields(&prev, &l, mask))
		}
		l.Action = "update"
		ids[lineID(&l)] = struct{}{}
		if err := w.Line(&l); err != nil {
			return sum, err
		}
	}
	for i := range s.ents {
		if s.ents[i].matched {
			continue
		}
		sum.Removed++
		if err := s.line(int32(i), &l); err != nil {
			return sum, err
		}
		l.Action = "delete"
		if _, taken := ids[lineID(&l)]; taken {
			id := "deleted-" + l.LineID
			for k := 2; ; k++ {
				if _, taken := ids[id]; !taken {
					break
				}
				id = "deleted-" + l.LineID + "-" + strconv.Itoa(k)
			}
			l.LineID = id
		}
		ids[l.LineID] = struct{}{}
		if err := w.Line(&l); err != nil {
			return sum, err
		}
	}
	err = w.End()
	sum.Findings = read.list
	if lw != nil {
		sum.Findings = append(sum.Findings, lw.findings()...)
	}
	if err != nil && sum.Added+sum.Removed+sum.Changed == 0 {
		// The update documents that need a line (PEPPOL, OIOUBL, BMEcat)
		// refuse an empty one: nothing to send is not a failure.
		return sum, fmt.Errorf("%w: %v", ErrNoChanges, err)
	}
	return sum, err
}

// ErrNoChanges is returned by Changes when nothing the target carries
// changed and the target's update document cannot be empty, so none was
// written.
var ErrNoChanges = errors.New("nothing changed")

// changeWriter is a writer that is told what changed before an update line.
type changeWriter interface {
	Changed(old *catalog.Line, fields catalog.FieldSet)
}

// changedFields are the fields of mask in which a and b differ.
func changedFields(a, b *catalog.Line, mask catalog.FieldSet) catalog.FieldSet {
	var out catalog.FieldSet
	var ra, rb []byte
	for f := catalog.FieldLineID; int(f) < len(catalog.Fields); f++ {
		if !mask.Has(f) {
			continue
		}
		var one catalog.FieldSet
		one.Add(f)
		ra, rb = catalog.AppendRecord(ra[:0], a, one), catalog.AppendRecord(rb[:0], b, one)
		if string(ra) != string(rb) {
			out.Add(f)
		}
	}
	return out
}

// lineID gives a line without a line ID its ordinal as one (what the
// writers would write) and returns it.
func lineID(l *catalog.Line) string {
	if l.LineID == "" {
		l.LineID = strconv.Itoa(l.Src.Line)
	}
	return l.LineID
}

// Update is one update document to apply.
type Update struct {
	Name   string
	Source Source
}

// ApplySummary counts what Apply did.
type ApplySummary struct {
	BaseLines, Lines                int
	Added, Updated, Deleted, Absent int
}

// Apply reads BASE into memory (records, as Changes holds OLD), applies
// the update documents in order and writes the whole catalogue through the
// writer begin returns, in BASE's order with added items after. A line
// with action delete removes the item it names; update replaces it, or,
// for a partial update (a UBL CataloguePricingUpdate or
// CatalogueItemSpecificationUpdate, a BMEcat T_UPDATE_PRICES, a cXML
// IndexItemPortion), sets the fields it carries; add, or a line with no
// action, adds the item or replaces it (cXML IndexItemAdd is an upsert),
// as does an update row of an incremental CIF load. A document whose
// header action is delete (a UBL CatalogueDeletion) removes every item, and
// one whose header action is replace (a CIF full load) stands for all of
// them. A delete or update of an item the catalogue does not have is a
// finding (APPLY-NOT-FOUND) naming the update file and line.
func Apply(baseName string, base Source, updates []Update, begin func(catalog.Header) (formats.Writer, error), o ApplyOptions) (ApplySummary, []catalog.Finding, error) {
	var sum ApplySummary
	var findings []catalog.Finding
	var read readings
	all := formats.AllFields
	s := newStore(o.SizeHint)
	var l catalog.Line
	var order int64
	for {
		l.Reset()
		err := base.Next(&l)
		if err == io.EOF {
			break
		}
		if err != nil {
			return sum, nil, readErr(baseName, err)
		}
		read.line(baseName, &l)
		if _, err := s.add(&l, all, order); err != nil {
			return sum, nil, readErr(baseName, err)
		}
		order++
		sum.BaseLines++
	}
	h := base.Header()
	var cur catalog.Line
	for _, u := range updates {
		uh := u.Source.Header()
		if uh.Action == "delete" || uh.Action == "replace" {
			for i := range s.ents {
				if !s.ents[i].matched {
					s.ents[i].matched = true
					sum.Deleted++
				}
			}
		}
		partial := partialOf(inner(u.Source))
		_, whole := inner(u.Source).(catalog.WholeLines)
		n := 0
		for {
			l.Reset()
			err := u.Source.Next(&l)
			if err == io.EOF {
				break
			}
			if err != nil {
				return sum, findings, readErr(u.Name, err)
			}
			read.line(u.Name, &l)
			n++
			i, found := s.find(&l)
			notFound := func() {
				sum.Absent++
				id, gtin, lineID := l.MatchKeys()
				key := id
				switch {
				case key != "":
				case gtin != "":
					key = "GTIN " + strings.TrimSpace(l.GTIN) // as written, not its key
				case lineID != "":
					key = "line ID " + lineID
				default:
					key = "(no item number, GTIN or line ID)"
				}
				findings = append(findings, catalog.Finding{Rule: catalog.RuleApplyNotFound, Severity: catalog.Error,
					Line: l.Src.Line, Pos: catalog.Pos{Row: l.Src.Row}, Field: catalog.FieldSellerItemID.String(), Value: key,
					Args: []string{u.Name, strconv.Itoa(ifZero(l.Src.Line, n)), l.Action, key}})
			}
			switch {
			case l.Action == "delete":
				if !found {
					notFound()
					continue
				}
				s.ents[i].matched = true
				sum.Deleted++
			case l.Action == "update" && partial(&l):
				if !found {
					notFound()
					continue
				}
				if err := s.line(i, &cur); err != nil {
					return sum, findings, err
				}
				cur.MergeFrom(&l)
				s.ents[i].matched = true
				if _, err := s.add(&cur, all, s.ents[i].order); err != nil {
					return sum, findings, err
				}
				sum.Updated++
			default: // a whole line: add, update, or no action
				if found {
					s.ents[i].matched = true
					if _, err := s.add(&l, all, s.ents[i].order); err != nil {
						return sum, findings, err
					}
					sum.Updated++
					continue
				}
				if l.Action == "update" && !whole {
					notFound() // still added: the line carries the whole item
				}
				if _, err := s.add(&l, all, order); err != nil {
					return sum, findings, err
				}
				order++
				sum.Added++
			}
		}
	}
	live := make([]int32, 0, len(s.ents))
	for i := range s.ents {
		if !s.ents[i].matched {
			live = append(live, int32(i))
		}
	}
	slices.SortStableFunc(live, func(a, b int32) int {
		return int(min(max(s.ents[a].order-s.ents[b].order, -1), 1))
	})
	h.Action = ""
	w, err := begin(h)
	if err != nil {
		return sum, findings, err
	}
	var lw *lossWriter
	if o.Target != nil {
		lw = newLossWriter(w, o.Target)
		w = lw
	}
	if err := w.Begin(h); err != nil {
		return sum, findings, err
	}
	// Line IDs stay as the base and the updates gave them, but for one
	// that an earlier line of the output already has (an added line
	// numbered like a line of the base): UBL wants them unique.
	ids := make(map[string]struct{}, len(live))
	for k, i := range live {
		if err := s.line(i, &l); err != nil {
			return sum, findings, err
		}
		l.Action = ""
		l.Src.Line = k + 1
		if _, taken := ids[l.LineID]; taken || l.LineID == "" {
			id := strconv.Itoa(k + 1)
			for n := 2; ; n++ {
				if _, taken := ids[id]; !taken {
					break
				}
				id = strconv.Itoa(k+1) + "-" + strconv.Itoa(n)
			}
			l.LineID = id
		}
		ids[l.LineID] = struct{}{}
		if err := w.Line(&l); err != nil {
			return sum, findings, err
		}
	}
	sum.Lines = len(live)
	err = w.End()
	findings = append(read.list, findings...)
	if lw != nil {
		findings = append(findings, lw.findings()...)
	}
	return sum, findings, err
}

func ifZero(v, alt int) int {
	if v == 0 {
		return alt
	}
	return v
}

// inner is the reader under a source that wraps one (Unwrap).
func inner(s Source) Source {
	for {
		u, ok := s.(interface{ Unwrap() Source })
		if !ok {
			return s
		}
		s = u.Unwrap()
	}
}

// partialOf says which update lines of a source carry only some fields of
// their item: the lines of a UBL pricing or item specification update, of
// a BMEcat T_UPDATE_PRICES, and cXML IndexItemPortion (action update).
func partialOf(src Source) func(*catalog.Line) bool {
	yes := func(*catalog.Line) bool { return true }
	if r, ok := src.(*cxml.Reader); ok && r != nil {
		return yes
	}
	if r, ok := src.(interface{ Transaction() string }); ok {
		// Known once the reader is past the header: asked per line.
		return func(*catalog.Line) bool { return r.Transaction() == bmecat.TUpdatePrices }
	}
	if r, ok := src.(interface{ Document() string }); ok && r.Document() != "Catalogue" {
		return yes
	}
	return func(*catalog.Line) bool { return false }
}
