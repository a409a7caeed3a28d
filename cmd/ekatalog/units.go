package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/ekatalog/ekatalog/catalog/units"
	"github.com/spf13/cobra"
)

func newUnitsCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "units [TEXT...]",
		Short: "Look up unit codes and the free-text words that map to them",
		Long: `With a word ("kasse", "stk"), prints the codes it may mean, most likely first.
With a code ("XBX", "H87"), prints the code's name, status and the words that map to it.
Without arguments, lists every word ekatalog knows with its code.`,
		Example: `  ekatalog units kasse
  ekatalog units XBX
  ekatalog units stk æske "pk."`,
		RunE: func(cmd *cobra.Command, args []string) error {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			defer tw.Flush()
			if len(args) == 0 {
				return listAliases(tw)
			}
			unknown := 0
			for i, a := range args {
				if i > 0 {
					fmt.Fprintln(tw)
				}
				if !describeUnit(tw, a) {
					unknown++
				}
			}
			if unknown == len(args) {
				return &exitError{code: exitFindings}
			}
			return nil
		},
	}
}

func listAliases(tw *tabwriter.Writer) error {
	fmt.Fprintln(tw, "CODE\tNAME\tWORDS")
	for _, u := range units.All() {
		if words := units.AliasesOf(u.Code); len(words) > 0 {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", u.Code, u.Name, strings.Join(words, ", "))
		}
	}
	return nil
}

func unitFlags(u units.Unit) string {
	var f []string
	f = append(f, u.Status.String())
	if u.InPeppol {
		f = append(f, "PEPPOL")
	}
	if u.InOIOUBL {
		f = append(f, "OIOUBL")
	}
	if u.Rec21 {
		f = append(f, "Rec 21 package")
	}
	return strings.Join(f, ", ")
}

// describeUnit prints what text means; false when nothing matches.
func describeUnit(tw *tabwriter.Writer, text string) bool {
	res, ok := units.Resolve(text)
	if ok && !res.ByAlias {
		u := res.Unit
		if res.Replaced != "" {
			old, _ := units.Lookup(res.Replaced)
			fmt.Fprintf(tw, "%s\t%s\t(%s) → replaced by %s\n", old.Code, old.Name, unitFlags(old), res.Code)
		}
		fmt.Fprintf(tw, "%s\t%s\t(%s)\n", u.Code, u.Name, unitFlags(u))
		if words := units.AliasesOf(u.Code); len(words) > 0 {
			fmt.Fprintf(tw, "\twords:\t%s\n", strings.Join(words, ", "))
		}
		if oio, ok := units.ForTarget(u.Code, units.OIOUBL); ok && oio != u.Code {
			fmt.Fprintf(tw, "\tOIOUBL:\t%s\n", oio)
		}
		return true
	}
	cands := units.Search(text)
	if len(cands) == 0 {
		fmt.Fprintf(tw, "%q\tno unit code or word matches\n", text)
		return false
	}
	ctx := units.ContextAlternatives(text, "da")
	switch {
	case ok && len(res.Alternatives) > 0:
		fmt.Fprintf(tw, "%q is ambiguous; most likely first:\n", text)
	case len(ctx) > 0:
		fmt.Fprintf(tw, "%q is a Danish word spelled like the code %s: read as the word, and ambiguous in a catalogue with Danish headers; both readings, the Danish first:\n", text, strings.Join(ctx, ", "))
	default:
		fmt.Fprintf(tw, "%q:\n", text)
	}
	for _, c := range cands {
		fmt.Fprintf(tw, "  %s\t%s\t(%s)\n", c.Code, c.Unit.Name, unitFlags(c.Unit))
	}
	return true
}
