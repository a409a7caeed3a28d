package source_test

// go test ./... -update rewrites the golden files of every package that has
// them; each package's tests take the flag, from the one place it is
// defined, so the command runs as written everywhere.
import _ "github.com/ekatalog/ekatalog/testkit/golden"
