package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/ekatalog/ekatalog/internal/register"
	"github.com/spf13/cobra"
)

// dbURL is the register's database: --db, else EKATALOG_DB, else the
// embedded default.
func dbURL(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv("EKATALOG_DB"); env != "" {
		return env
	}
	return register.DefaultDB
}

const dbHelp = "register database: sqlite:PATH or postgres://user:pass@host:port/dbname?sslmode=… (default: $EKATALOG_DB, else " + register.DefaultDB + ")"

type registerCmd struct {
	env *env
	db  string
}

func newRegisterCmd(e *env) *cobra.Command {
	c := &registerCmd{env: e}
	cmd := &cobra.Command{
		Use:   "register [--db URL] SUBCOMMAND",
		Short: "The operator's side of the catalogue register: parties, tokens, subscriptions, migrations, audit",
		Long: `The register behind "ekatalog serve": suppliers submit catalogues once, each
buyer's system pulls them as a feed in its own format. These commands are the
operator's: they work on the database directly and are written to the audit
log as "operator".

The database is --db, else $EKATALOG_DB, else ` + register.DefaultDB + `
(created on first use). The schema is migrated on every use.`,
		Example: `  ekatalog register party add --kind supplier --id 12345678 --name "Kontorgrossisten A/S"
  ekatalog register party add --kind buyer --id 5798000000001 --name "Aarhus Kommune"
  ekatalog register token --party 12345678 > supplier.token
  ekatalog register subscribe --buyer 5798000000001 --supplier 12345678 --target peppol-bis3 --agreement aftale.xlsx
  ekatalog register audit --party 12345678 --since 24h
  ekatalog register --db postgres://ekatalog:secret@db:5432/ekatalog migrate`,
	}
	cmd.PersistentFlags().StringVar(&c.db, "db", "", dbHelp)
	party := &cobra.Command{Use: "party", Short: "Add and list parties (suppliers and buyers)"}
	party.AddCommand(c.partyAdd(), c.partyList())
	cmd.AddCommand(c.migrate(), party, c.token(), c.subscribe(), c.audit())
	return cmd
}

// withStore opens the register (migrating it when asked), runs fn and
// closes it.
func (c *registerCmd) withStore(migrate bool, fn func(s *register.Store) error) error {
	url := dbURL(c.db)
	var s *register.Store
	var err error
	if migrate {
		s, err = register.Open(context.Background(), url)
	} else {
		s, err = register.OpenNoMigrate(url)
	}
	if err != nil {
		return usageError(err)
	}
	defer s.Close()
	return fn(s)
}

// audited runs an operator command and writes its audit row.
func (c *registerCmd) audited(s *register.Store, action, party, object string, fn func() (string, error)) error {
	detail, err := fn()
	e := register.AuditEntry{Party: party, Actor: "operator", Action: action, Object: object, Detail: detail}
	if err != nil {
		e.Status, e.Detail = 1, err.Error()
		if _, perr := s.Party(context.Background(), party); perr != nil {
			e.Party = "" // the audit's party must exist
		}
	}
	if aerr := s.Audit(context.Background(), e); aerr != nil && err == nil {
		err = aerr
	}
	if err != nil {
		return usageError(err)
	}
	return nil
}

func (c *registerCmd) migrate() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Bring the database's schema to this version of ekatalog and print the schema version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.withStore(false, func(s *register.Store) error {
				v, err := s.Migrate(context.Background())
				if err != nil {
					return usageError(err)
				}
				fmt.Fprintln(c.env.stdout, v)
				return nil
			})
		},
	}
}

func (c *registerCmd) partyAdd() *cobra.Command {
	var p register.Party
	cmd := &cobra.Command{
		Use:   "add --kind supplier|buyer --id ID --name NAME [--scheme EAS]",
		Short: "Add a supplier or a buyer and print its ID",
		Long: `Adds a party. The ID is the party's own identifier (a CVR or GLN number).
--scheme is its PEPPOL EAS code; without it, 8 digits are taken as a CVR
number (0184) and 13 digits as a GLN (0088).`,
		Example: `  ekatalog register party add --kind supplier --id 12345678 --name "Kontorgrossisten A/S"
  ekatalog register party add --kind buyer --id 5798000000001 --name "Aarhus Kommune"
  ekatalog register party add --kind buyer --id DK29189897 --scheme 0198 --name "Region Syd"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.withStore(true, func(s *register.Store) error {
				return c.audited(s, "party add", p.ID, p.ID, func() (string, error) {
					added, err := s.AddParty(context.Background(), p)
					if err != nil {
						return "", err
					}
					fmt.Fprintln(c.env.stdout, added.ID)
					return fmt.Sprintf("%s %q scheme %s", added.Kind, added.Name, added.Scheme), nil
				})
			})
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&p.Kind, "kind", "", "supplier or buyer (required)")
	fs.StringVar(&p.ID, "id", "", "the party's identifier, a CVR or GLN number (required)")
	fs.StringVar(&p.Name, "name", "", "the party's name (required)")
	fs.StringVar(&p.Scheme, "scheme", "", "PEPPOL EAS code of the ID (default: 0184 for 8 digits, 0088 for 13)")
	for _, f := range []string{"kind", "id", "name"} {
		cmd.MarkFlagRequired(f)
	}
	return cmd
}

func (c *registerCmd) partyList() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the parties: ID, kind, scheme and name, tab-separated",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.withStore(true, func(s *register.Store) error {
				ps, err := s.Parties(context.Background())
				if err != nil {
					return usageError(err)
				}
				for _, p := range ps {
					fmt.Fprintf(c.env.stdout, "%s\t%s\t%s\t%s\n", p.ID, p.Kind, p.Scheme, p.Name)
				}
				return nil
			})
		},
	}
}

func (c *registerCmd) token() *cobra.Command {
	var party string
	cmd := &cobra.Command{
		Use:   "token --party ID",
		Short: "Make a bearer token for a party; it is printed once, alone on standard output",
		Long: `Makes a new bearer token for a party and prints it alone on standard output.
It is shown this once: the register keeps only its SHA-256 hash. Earlier
tokens of the party stay valid.`,
		Example: `  ekatalog register token --party 12345678 > supplier.token
  curl -H "Authorization: Bearer $(cat supplier.token)" http://127.0.0.1:8080/api/v1/register/submissions`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.withStore(true, func(s *register.Store) error {
				return c.audited(s, "token", party, party, func() (string, error) {
					tok, err := s.NewToken(context.Background(), party)
					if err != nil {
						return "", err
					}
					fmt.Fprintln(c.env.stdout, tok)
					fmt.Fprintf(c.env.stderr, "ekatalog register: a new token for %s; it is not shown again, keep it safe\n", party)
					return "token created", nil
				})
			})
		},
	}
	cmd.Flags().StringVar(&party, "party", "", "the party's ID (required)")
	cmd.MarkFlagRequired("party")
	return cmd
}

func (c *registerCmd) subscribe() *cobra.Command {
	var o register.SubscribeOptions
	cmd := &cobra.Command{
		Use:   "subscribe --buyer ID --supplier ID --target TARGET [--profile P] [--agreement FILE]",
		Short: "Subscribe a buyer to a supplier's catalogues and print the subscription (JSON)",
		Long: `Subscribes a buyer to a supplier: each catalogue the supplier submits is
validated under --profile (default: the target's own, else dk-ehandel),
compared with --agreement when given, and becomes the next version of the
buyer's feed when it has no error-level findings. The feed is pulled in
--target (one of "ekatalog targets", or a template file ending in .json).
A template, profile or agreement file is stored in the register. Subscribing
again replaces the subscription.`,
		Example: `  ekatalog register subscribe --buyer 5798000000001 --supplier 12345678 --target peppol-bis3
  ekatalog register subscribe --buyer 5798000000002 --supplier 12345678 --target csv-da --profile dk-ehandel --agreement aftale.xlsx`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.withStore(true, func(s *register.Store) error {
				return c.audited(s, "subscribe", o.Buyer, o.Buyer+" to "+o.Supplier, func() (string, error) {
					sub, err := s.Subscribe(context.Background(), o)
					if err != nil {
						return "", err
					}
					b, _ := json.MarshalIndent(sub, "", "  ")
					fmt.Fprintln(c.env.stdout, string(b))
					return fmt.Sprintf("target %s profile %s agreement %q", sub.Target, sub.Profile, sub.Agreement), nil
				})
			})
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.Buyer, "buyer", "", "the buyer's ID (required)")
	fs.StringVar(&o.Supplier, "supplier", "", "the supplier's ID (required)")
	fs.StringVar(&o.Target, "target", "", "the feed's format: a target of \"ekatalog targets\" or a template file (.json) (required)")
	fs.StringVar(&o.Profile, "profile", "", "validation profile: a built-in name or a profile file (default: the target's, else dk-ehandel)")
	fs.StringVar(&o.Agreement, "agreement", "", "the buyer's agreement with the supplier (price/item list in any format ekatalog reads)")
	for _, f := range []string{"buyer", "supplier", "target"} {
		cmd.MarkFlagRequired(f)
	}
	return cmd
}

func (c *registerCmd) audit() *cobra.Command {
	var party, since string
	cmd := &cobra.Command{
		Use:   "audit [--party ID] [--since TIME]",
		Short: "Print the audit log, one line per request: time, actor, status, action, object, detail",
		Long: `Prints the audit log oldest first, one line per request or operator command,
tab-separated: time (UTC), who (a party ID, "operator" or "anonymous" for a
request without a valid token), the HTTP status (0 for an operator command
that worked, 1 for one that failed), the action, the object and a detail.`,
		Example: `  ekatalog register audit
  ekatalog register audit --party 12345678 --since 2026-12-01
  ekatalog register audit --since 1h`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := parseSince(since)
			if err != nil {
				return usageError(err)
			}
			return c.withStore(true, func(s *register.Store) error {
				es, err := s.AuditLog(context.Background(), party, t)
				if err != nil {
					return usageError(err)
				}
				return register.PrintAudit(c.env.stdout, es)
			})
		},
	}
	cmd.Flags().StringVar(&party, "party", "", "only this party's rows")
	cmd.Flags().StringVar(&since, "since", "", "only rows from this time on: 2026-12-05, 2026-12-05T10:00:00Z, or a duration ago (24h, 90m)")
	return cmd
}

func parseSince(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return time.Now().Add(-d).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("--since %q: give a time (2026-12-05, 2026-12-05T10:00:00Z) or a duration ago (24h)", s)
}
