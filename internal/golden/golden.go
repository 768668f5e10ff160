// Package golden compares test output with golden files under testdata/ and
// rewrites them when a test runs with its package's -update flag. Every
// golden test of the repository (scanner models, reports, CLI output) goes
// through it, so they fail and update the same way.
package golden

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Compare checks got against the file at path. With update it writes got
// there instead (creating the directory) and passes.
func Compare(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
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
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update after an intended change and review the diff)\n--- got ---\n%s", path, got)
	}
}

// CompareJSON encodes v as indented JSON, without HTML escaping, and
// compares it like Compare.
func CompareJSON(t testing.TB, path string, v any, update bool) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	Compare(t, path, buf.Bytes(), update)
}
