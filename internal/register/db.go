package register

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

// DefaultDB is the database of `ekatalog serve` and `ekatalog register`
// when neither --db nor EKATALOG_DB says otherwise.
const DefaultDB = "sqlite:ekatalog-data/register.db"

//go:embed migrations
var migrations embed.FS

// Dialect is the SQL flavour of a database.
type Dialect int

const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// Store is an open register database.
type Store struct {
	db      *sql.DB
	dialect Dialect
	// url is what the store was opened with, without a password.
	url string
}

// DB returns the database handle (for tests and tools).
func (s *Store) DB() *sql.DB { return s.db }

// Dialect returns the store's SQL flavour.
func (s *Store) Dialect() Dialect { return s.dialect }

// String names the database without its password.
func (s *Store) String() string { return s.url }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Open opens the database at url ("sqlite:PATH" or "postgres://…") and
// migrates its schema to the newest version. A SQLite file and its folder
// are created on first use.
func Open(ctx context.Context, url string) (*Store, error) {
	s, err := OpenNoMigrate(url)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// OpenNoMigrate opens the database without touching its schema.
func OpenNoMigrate(url string) (*Store, error) {
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(url, "sqlite:")
		path = strings.TrimPrefix(path, "//") // sqlite://PATH is accepted too
		if path == "" {
			return nil, fmt.Errorf("--db %s: no file named (sqlite:PATH)", url)
		}
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("--db %s: %w", url, err)
			}
		}
		// Every transaction takes the write lock at BEGIN (immediate), so
		// two writers never both read a version counter; a writer waits up
		// to busy_timeout for another. WAL lets readers go on meanwhile.
		dsn := "file:" + path + "?_txlock=immediate&_pragma=busy_timeout(20000)&_pragma=journal_mode(WAL)" +
			"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_time_format=sqlite"
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("--db %s: %w", url, err)
		}
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		db.SetConnMaxIdleTime(5 * time.Minute)
		if err := db.Ping(); err != nil {
			db.Close()
			return nil, fmt.Errorf("--db %s: %w", url, err)
		}
		return &Store{db: db, dialect: SQLite, url: url}, nil
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		db, err := sql.Open("pgx", url)
		if err != nil {
			return nil, fmt.Errorf("--db %s: %w", redact(url), err)
		}
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16)
		db.SetConnMaxIdleTime(5 * time.Minute)
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("--db %s: %w", redact(url), err)
		}
		return &Store{db: db, dialect: Postgres, url: redact(url)}, nil
	}
	return nil, fmt.Errorf("--db %q: give sqlite:PATH or postgres://user:pass@host:port/dbname", url)
}

// redact hides the password of a database URL.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 {
		return url
	}
	userinfo := url[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return url[:scheme+3] + userinfo[:i] + ":***" + url[at:]
	}
	return url
}

// Migrate brings the schema to the newest embedded version and returns it.
// On PostgreSQL a session lock keeps two servers that start at once from
// migrating together.
func (s *Store) Migrate(ctx context.Context) (int64, error) {
	sub, err := fs.Sub(migrations, "migrations/"+s.dialect.String())
	if err != nil {
		return 0, err
	}
	var opts []goose.ProviderOption
	gd := goose.DialectSQLite3
	if s.dialect == Postgres {
		gd = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return 0, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gd, s.db, sub, opts...)
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return 0, fmt.Errorf("%s: migrating the register's schema: %w", s.url, err)
	}
	return p.GetDBVersion(ctx)
}

// SchemaVersion is the schema version of the database (0 when never
// migrated).
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	sub, _ := fs.Sub(migrations, "migrations/"+s.dialect.String())
	gd := goose.DialectSQLite3
	if s.dialect == Postgres {
		gd = goose.DialectPostgres
	}
	p, err := goose.NewProvider(gd, s.db, sub)
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}

// forUpdate is the clause that locks the selected rows of a write
// transaction: SQLite's transactions already hold the database's write lock.
func (s *Store) forUpdate() string {
	if s.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// now is the time stored in the register: UTC, to the microsecond (what
// PostgreSQL keeps).
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// ErrNotFound is what every lookup of something absent, or belonging to
// another party, returns.
var ErrNotFound = errors.New("not found")

// busy reports whether err means the database is busy (SQLite's lock wait
// ran out, PostgreSQL's serialization or lock failures): the request may be
// retried and is answered 503.
func busy(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "SQLITE_BUSY") || strings.Contains(s, "database is locked") ||
		strings.Contains(s, "SQLSTATE 40001") || strings.Contains(s, "SQLSTATE 40P01") ||
		strings.Contains(s, "SQLSTATE 55P03") || strings.Contains(s, "SQLSTATE 53300") ||
		strings.Contains(s, "too many clients")
}
