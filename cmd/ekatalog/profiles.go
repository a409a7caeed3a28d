package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/ekatalog/ekatalog/catalog"
	"github.com/ekatalog/ekatalog/formats"
	"github.com/spf13/cobra"
)

func newProfilesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "profiles",
		Short: "List the built-in validation profiles",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, name := range catalog.BuiltinProfiles {
				p, err := catalog.BuiltinProfile(name)
				if err != nil {
					return err
				}
				fmt.Fprintf(tw, "%s\t%s\n", p.Name, p.Description)
			}
			return tw.Flush()
		},
	}
}

func newTargetsCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "targets",
		Short: "List the output formats of convert and batch",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, t := range formats.Targets {
				fmt.Fprintf(tw, "%s\t%s\n", t.Name, t.Description)
			}
			return tw.Flush()
		},
	}
}
