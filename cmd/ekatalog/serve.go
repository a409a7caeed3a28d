package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/ekatalog/ekatalog/internal/register"
	"github.com/ekatalog/ekatalog/internal/server"
	"github.com/spf13/cobra"
)

type serveCmd struct {
	env       *env
	addr      string
	db        string
	maxUpload sizeFlag
	maxMemory sizeFlag
	limits    limitFlags
	cfg       server.Config
}

func newServeCmd(e *env) *cobra.Command {
	def := server.Defaults()
	c := &serveCmd{env: e, cfg: def, maxUpload: sizeFlag(def.MaxUpload), maxMemory: sizeFlag(def.MaxMemory)}
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Serve a web page and a JSON API for validating and converting catalogues",
		Long: `Serves the page where a supplier uploads a catalogue, chooses the buyer's
profile and sees the report (in Danish or English), and the JSON API for
integrations, described at /api/v1/openapi.json:

  POST /api/v1/validate   the compliance report (?format=json|html|xlsx)
  POST /api/v1/convert    the converted file (form field target)
  POST /api/v1/compare    a catalogue against an agreement
  GET  /api/v1/profiles   GET /api/v1/targets   GET /healthz

and the catalogue register under /api/v1/register (see "ekatalog register"
and the README): suppliers POST /submissions, buyers GET /feeds/{supplier}.
Its database is --db, else $EKATALOG_DB, else ` + register.DefaultDB + `
(created on first use); the schema is migrated on start. Any number of
servers may share one PostgreSQL database.

Uploads are multipart/form-data: the catalogue in the part "file", and
"profile" (a name or a profile file), "target", "lang" (en or da),
"mapping" and "header" (JSON files, as --mapping and --header), and for
compare "agreement" and "tolerance". They are kept in temporary files only
while their request runs. At most
--max-concurrent catalogues are worked on at once, and only while the most
their readers can hold (reckoned from the upload's format and size and the
limits --max-value, --max-record, --max-fields) fits in --max-memory
together; the others wait, up to --queue of them; beyond that the server
answers 503 with Retry-After at once. An upload whose worst case alone is
larger than --max-memory gets 413. The Go memory limit is set to
--max-memory plus 48 MiB (GOMEMLIMIT overrides it), so that the whole
server stays under 512 MB resident with the defaults. SIGINT or SIGTERM
stops it after the requests under way have finished.`,
		Example: `  ekatalog serve
  ekatalog serve --addr :8080 --max-upload 200MB --timeout 5m
  ekatalog serve --max-concurrent 4 --queue 32 --max-memory 1GB
  ekatalog serve --max-value 4MB     # smaller worst cases: more Excel uploads at once
  ekatalog serve --db postgres://ekatalog:secret@127.0.0.1:5432/ekatalog?sslmode=disable
  curl -F file=@katalog.csv -F profile=dk-ehandel http://127.0.0.1:8080/api/v1/validate
  curl -F file=@katalog.xlsx -F header=@header.json -F target=peppol-bis3 -OJ http://127.0.0.1:8080/api/v1/convert
  curl -F file=@katalog.csv -F agreement=@aftale.xlsx -F lang=da 'http://127.0.0.1:8080/api/v1/compare?format=html'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return c.run() },
	}
	fs := cmd.Flags()
	fs.StringVar(&c.db, "db", "", dbHelp)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; :8080 for every interface)")
	fs.Var(&c.maxUpload, "max-upload", "largest upload accepted (64MB, 512KiB, 1GB); larger ones get 413")
	fs.Lookup("max-upload").DefValue = "64MB"
	fs.DurationVar(&c.cfg.Timeout, "timeout", def.Timeout, "time limit of one request: upload, work and answer")
	fs.IntVar(&c.cfg.MaxConcurrent, "max-concurrent", def.MaxConcurrent, "catalogues worked on at once")
	fs.IntVar(&c.cfg.Queue, "queue", def.Queue, "requests that may wait for a slot; beyond, 503 with Retry-After")
	fs.Var(&c.maxMemory, "max-memory", "memory budget of the work at once (256MB, 1GB): each request is admitted against its worst case")
	fs.Lookup("max-memory").DefValue = "384MB"
	c.limits.register(fs)
	return cmd
}

func (c *serveCmd) run() error {
	c.cfg.MaxUpload, c.cfg.MaxMemory = int64(c.maxUpload), int64(c.maxMemory)
	var err error
	if c.cfg.Limits, err = c.limits.limits(); err != nil {
		return err
	}
	if c.cfg.Timeout <= 0 || c.cfg.MaxConcurrent <= 0 || c.cfg.Queue < 0 {
		return usageError(fmt.Errorf("--timeout and --max-concurrent must be positive and --queue not negative"))
	}
	queue := c.cfg.Queue
	if queue == 0 {
		c.cfg.Queue = -1 // server.Config's zero value is the default
	}
	c.cfg.Log = c.env.stderr
	store, err := register.Open(context.Background(), dbURL(c.db))
	if err != nil {
		return usageError(err)
	}
	defer store.Close()
	// The register's submissions are admitted against the same memory
	// budget as the server's own uploads.
	var srv *server.Server
	admit := func(ctx context.Context, name, path string) (func(), error) {
		release, err := srv.Admit(ctx, name, path)
		switch {
		case errors.Is(err, server.ErrBusy):
			return nil, register.ErrBusy
		case errors.Is(err, server.ErrOverBudget):
			return nil, register.ErrTooLarge
		}
		return release, err
	}
	api := register.NewHandler(store, register.HandlerConfig{MaxUpload: c.cfg.MaxUpload,
		MaxConcurrent: c.cfg.MaxConcurrent, Queue: queue, Log: c.env.stderr, Admit: admit})
	c.cfg.Register, c.cfg.RegisterPages = api, register.NewPages(store, api)
	srv, err = server.New(c.cfg)
	if err != nil {
		return err
	}
	// Room for the work at once, unlike the command line's small limit.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(server.SoftMemoryLimit(c.cfg.MaxMemory))
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return usageError(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(c.env.stderr, "ekatalog serve: listening on http://%s (max upload %s, timeout %s, %d at once, queue %d, memory budget %s; register %s)\n",
		ln.Addr(), server.FormatSize(c.cfg.MaxUpload), c.cfg.Timeout, c.cfg.MaxConcurrent, queue, server.FormatSize(c.cfg.MaxMemory), store)
	if err := srv.Serve(ctx, ln, c.cfg.Timeout+15*time.Second); err != nil {
		return err
	}
	fmt.Fprintln(c.env.stderr, "ekatalog serve: stopped")
	return nil
}
