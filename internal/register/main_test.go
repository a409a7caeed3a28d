package register

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ekatalog/ekatalog/internal/register/pgtest"
)

// cluster is the package's throw-away PostgreSQL, shared by its tests;
// nil with pgSkip saying why when there is none.
var (
	cluster *pgtest.Cluster
	pgSkip  string
)

func TestMain(m *testing.M) {
	var err error
	cluster, pgSkip, err = pgtest.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "register tests: starting PostgreSQL:", err)
		os.Exit(1)
	}
	code := m.Run()
	cluster.Stop()
	os.Exit(code)
}

// eachDB runs fn on a fresh SQLite file and on a fresh PostgreSQL database.
func eachDB(t *testing.T, fn func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, "sqlite:"+filepath.Join(t.TempDir(), "register.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		fn(t, newPostgres(t))
	})
}

// newPostgres is the URL of a fresh database on the test cluster.
func newPostgres(t testing.TB) string {
	t.Helper()
	if cluster == nil {
		t.Skip(pgSkip)
	}
	url, err := cluster.NewDatabase("reg")
	if err != nil {
		t.Fatal(err)
	}
	return url
}

func openStore(t testing.TB, url string) *Store {
	t.Helper()
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
