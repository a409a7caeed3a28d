package bmecat

import (
	"errors"
	"io"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats/internal/outfmt"
)

// errNoProducts: BMEcat's T_UPDATE_PRODUCTS needs at least one product.
var errNoProducts = errors.New("a BMEcat T_UPDATE_PRODUCTS needs at least one product, and there is no change to write")

// PrevVersionExtra is the name of the header extra that carries the
// version of the catalogue an update applies to; the update writer writes
// it as T_UPDATE_PRODUCTS prev_version (0 without it).
const PrevVersionExtra = "previousVersion"

// NewUpdateWriter returns a writer of a BMEcat 2005 T_UPDATE_PRODUCTS
// document: every line a PRODUCT whose mode is its action (add → new,
// update, delete). A deleted product is written whole, as the XSD wants.
func NewUpdateWriter(w io.Writer, now time.Time) *Writer {
	return &Writer{x: outfmt.NewXML(w), s: v2005, when: now, update: true}
}

// NewUpdateWriter12 returns a writer of a BMEcat 1.2 T_UPDATE_PRODUCTS
// document (ARTICLE mode new, update, delete), in 1.2's update namespace.
func NewUpdateWriter12(w io.Writer, now time.Time) *Writer {
	return &Writer{x: outfmt.NewXML(w), s: v12, when: now, update: true}
}

func (w *Writer) namespace() string {
	if w.update && w.s == v12 {
		return NS12UpdateProducts
	}
	return w.s.ns
}

// transaction opens the document's transaction.
func (w *Writer) transaction(h catalog.Header) string {
	if !w.update {
		return "  <T_NEW_CATALOG>\n"
	}
	prev := "0"
	for _, e := range h.Extra {
		if e.Name == PrevVersionExtra {
			if v, _, _ := strings.Cut(catalogVersion(e.Value), "."); majorRE.MatchString(v) {
				prev = strings.TrimLeft(v, "0")
				if prev == "" {
					prev = "0"
				}
			}
		}
	}
	return "  <T_UPDATE_PRODUCTS prev_version=\"" + prev + "\">\n"
}

func (w *Writer) transactionEnd() string {
	if w.update {
		return "  </T_UPDATE_PRODUCTS>\n"
	}
	return "  </T_NEW_CATALOG>\n"
}

// productTag opens a PRODUCT (ARTICLE), with its mode in an update.
func (w *Writer) productTag(l *catalog.Line) {
	if !w.update {
		w.x.Raw(w.s.t.product)
		return
	}
	w.written++
	mode := "update"
	switch l.Action {
	case "add":
		mode = "new"
	case "delete":
		mode = "delete"
	}
	w.x.Raw("    <" + w.s.product + " mode=\"" + mode + "\">\n")
}
