package reporttest

import (
	"bytes"
	"flag"
	"os"
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
	path := RepoPath("testdata/reports/" + format + "/" + name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s/%s differs from the golden file (go test -update rewrites it)\n--- got ---\n%s", format, name, got)
	}
}
