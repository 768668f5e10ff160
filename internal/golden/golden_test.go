package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder catches the failures Compare reports.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }

func TestCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "out.golden")
	Compare(t, path, []byte("one\n"), true) // creates the directory and the file
	if b, err := os.ReadFile(path); err != nil || string(b) != "one\n" {
		t.Fatalf("update wrote %q, %v", b, err)
	}
	tests := []struct {
		got      string
		wantFail bool
	}{
		{"one\n", false},
		{"two\n", true},
	}
	for _, tt := range tests {
		r := &recorder{TB: t}
		Compare(r, path, []byte(tt.got), false)
		if r.failed != tt.wantFail {
			t.Errorf("Compare(%q) failed = %v, want %v", tt.got, r.failed, tt.wantFail)
		}
	}
	r := &recorder{TB: t}
	Compare(r, filepath.Join(t.TempDir(), "missing"), nil, false)
	if !r.failed {
		t.Error("a missing golden file passed")
	}
	CompareJSON(t, filepath.Join(t.TempDir(), "v.json"), map[string]string{"a": "<b>"}, true)
}
