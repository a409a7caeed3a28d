// Package pgtest starts a throw-away PostgreSQL cluster for tests: initdb
// and pg_ctl from /usr/lib/postgresql/*/bin, run as the postgres user when
// the test runs as root, listening on 127.0.0.1 on a free port, with its
// data in a temporary folder. EKATALOG_TEST_POSTGRES=postgres://… uses an
// existing server instead.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// Cluster is a running PostgreSQL server.
type Cluster struct {
	// URL is the server's maintenance database (postgres).
	URL  string
	dir  string
	bin  string
	asPG bool
	n    atomic.Int64
}

// binDir finds the newest PostgreSQL's programs.
func binDir() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Strings(dirs)
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	return ""
}

// Start starts a cluster, or connects to EKATALOG_TEST_POSTGRES. skip is
// set, with the reason, when neither is possible.
func Start() (c *Cluster, skip string, err error) {
	if url := os.Getenv("EKATALOG_TEST_POSTGRES"); url != "" {
		return &Cluster{URL: url}, "", nil
	}
	bin := binDir()
	if bin == "" {
		return nil, "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin; apt-get install postgresql, or set EKATALOG_TEST_POSTGRES=postgres://…)", nil
	}
	c = &Cluster{bin: bin}
	c.asPG = os.Geteuid() == 0
	c.reapStale()
	// The folder names the test process, so that a later run can stop a
	// cluster whose test died without cleaning up (a panic skips TestMain's
	// end).
	if c.dir, err = os.MkdirTemp("", fmt.Sprintf("ekatalog-pg-%d-*", os.Getpid())); err != nil {
		return nil, "", err
	}
	if c.asPG {
		u, err := user.Lookup("postgres")
		if err != nil {
			c.Stop()
			return nil, "running as root and there is no postgres user to run the cluster as", nil
		}
		var uid, gid int
		fmt.Sscan(u.Uid, &uid)
		fmt.Sscan(u.Gid, &gid)
		os.Chmod(c.dir, 0o700)
		if err := os.Chown(c.dir, uid, gid); err != nil {
			c.Stop()
			return nil, "", err
		}
	}
	data := filepath.Join(c.dir, "data")
	if out, err := c.run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"); err != nil {
		c.Stop()
		return nil, "", fmt.Errorf("initdb: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		c.Stop()
		return nil, "", err
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB", port, c.dir)
	if out, err := c.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(c.dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		c.Stop()
		return nil, "", fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	c.URL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	return c, "", nil
}

func (c *Cluster) run(prog string, args ...string) ([]byte, error) {
	var cmd *exec.Cmd
	path := filepath.Join(c.bin, prog)
	if c.asPG {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.dir
	return cmd.CombinedOutput()
}

// Stop stops the cluster and removes its files; a server given by
// EKATALOG_TEST_POSTGRES is left alone.
func (c *Cluster) Stop() {
	if c == nil || c.dir == "" {
		return
	}
	if _, err := os.Stat(filepath.Join(c.dir, "data", "postmaster.pid")); err == nil {
		c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	}
	os.RemoveAll(c.dir)
}

// reapStale stops and removes the clusters of test processes that are no
// longer running.
func (c *Cluster) reapStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "ekatalog-pg-*-*"))
	for _, d := range dirs {
		var pid int
		if _, err := fmt.Sscanf(filepath.Base(d), "ekatalog-pg-%d-", &pid); err != nil || pid <= 0 {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); err == nil {
			continue // its test is still running
		}
		stale := &Cluster{dir: d, bin: c.bin, asPG: c.asPG}
		stale.Stop()
	}
}

// NewDatabase creates an empty database on the cluster and returns its URL.
func (c *Cluster) NewDatabase(prefix string) (string, error) {
	name := fmt.Sprintf("%s_%d_%d", strings.ToLower(prefix), os.Getpid(), c.n.Add(1))
	db, err := sql.Open("pgx", c.URL)
	if err != nil {
		return "", err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	i := strings.LastIndex(c.URL, "/")
	q := ""
	if j := strings.Index(c.URL[i:], "?"); j >= 0 {
		q = c.URL[i+j:]
	}
	return c.URL[:i+1] + name + q, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
