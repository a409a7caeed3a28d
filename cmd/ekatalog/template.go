package main

import (
	"fmt"

	"github.com/ekatalog/ekatalog/internal/atomicfile"
	tmpl "github.com/ekatalog/ekatalog/internal/template"
	"github.com/spf13/cobra"
)

type templateCmd struct {
	env     *env
	profile string
	output  string
}

func newTemplateCmd(e *env) *cobra.Command {
	c := &templateCmd{env: e}
	cmd := &cobra.Command{
		Use:   "template --profile NAME -o FILE.xlsx",
		Short: "Write an empty Excel template for suppliers to fill in for a profile",
		Long: `Writes an Excel workbook a supplier fills in: the sheet "` + tmpl.DataSheet + `" with a column
per field, headed with the Danish names ekatalog reads back, mandatory
columns in orange and recommended ones in yellow (a legend above them); a
drop-down of unit words and codes on the unit column (sheet "` + tmpl.UnitsSheet + `"); and
the sheet "` + tmpl.InstructionsSheet + `" listing every field in Danish and English with its
meaning, its use under the profile, its rules and an example, and the
catalogue header data the profile asks for, which is given with --header.`,
		Example: `  ekatalog template --profile dk-ehandel -o skabelon.xlsx
  ekatalog template --profile oioubl -o oioubl-skabelon.xlsx
  ekatalog template --profile my-profile.json -o skabelon.xlsx`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return c.run() },
	}
	cmd.Flags().StringVar(&c.profile, "profile", "dk-ehandel", "validation profile: a built-in name or a profile file")
	cmd.Flags().StringVarP(&c.output, "output", "o", "", "the workbook to write (required; - for standard output, not a terminal)")
	cmd.MarkFlagRequired("output")
	return cmd
}

func (c *templateCmd) run() error {
	if (c.output == "-" || c.output == "") && isTerminal(c.env.stdout) {
		return usageError(fmt.Errorf("the template is a binary workbook; give a file with -o, e.g. -o skabelon.xlsx"))
	}
	p, err := loadProfile(c.profile)
	if err != nil {
		return usageError(err)
	}
	out, err := atomicfile.Create(c.output, c.env.stdout)
	if err != nil {
		return usageError(err)
	}
	if err := tmpl.Write(out, p); err != nil {
		out.Abort()
		return usageError(err)
	}
	return out.Commit()
}
