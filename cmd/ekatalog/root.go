package main

import (
	"io"

	"github.com/spf13/cobra"
)

// env is what the commands read and write; tests give their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "ekatalog",
		Short: "Validate and convert supplier e-catalogues for Danish e-procurement",
		Long: `ekatalog reads supplier catalogues (CSV, Excel, PEPPOL BIS 3 and OIOUBL XML),
checks them against a profile of mandatory fields, code lists and identifier
rules, and writes the import files of e-procurement systems.

Exit codes: 0 no errors, 1 error-level findings, 2 usage error or unreadable input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError(err) })
	root.AddCommand(
		newValidateCmd(e),
		newConvertCmd(e),
		newUnitsCmd(e),
		newProfilesCmd(e),
		newTargetsCmd(e),
		newBatchCmd(e),
		newTemplateCmd(e),
		newCompareCmd(e),
		newDiffCmd(e),
		newApplyCmd(e),
		newServeCmd(e),
		newRegisterCmd(e),
	)
	return root
}
