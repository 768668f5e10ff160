package reporttest

import (
	"github.com/kansa-sec/kansa/internal/golden"

	"flag"
	"path/filepath"
	"runtime"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/reports")

// RepoPath returns the path of rel (slash-separated, relative to the
// repository root) on this machine.
func RepoPath(rel string) string {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	return filepath.Join(root, filepath.FromSlash(rel))
}

// Golden compares got with testdata/reports/<format>/<name>, or rewrites the
// file when the test runs with -update.
func Golden(t *testing.T, format, name string, got []byte) {
	t.Helper()
	golden.Compare(t, RepoPath("testdata/reports/"+format+"/"+name), got, *update)
}
