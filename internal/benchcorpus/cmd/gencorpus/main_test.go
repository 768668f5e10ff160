package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	roots := filepath.Join(dir, "roots.txt")
	var out, errb bytes.Buffer
	if code := run([]string{"-scale", "0.05", "-seed", "2", "-out", filepath.Join(dir, "c"), "-roots", roots}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "root modules") {
		t.Errorf("stats line missing: %q", out.String())
	}
	b, err := os.ReadFile(roots)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(b))
	if len(lines) != 15 {
		t.Fatalf("%d roots, want 15", len(lines))
	}
	if _, err := os.Stat(filepath.Join(dir, "c", lines[0], "main.tf")); err != nil {
		t.Errorf("root %s has no main.tf: %v", lines[0], err)
	}
}

func TestRunNeedsOut(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-scale", "1"}, &out, &errb); code != 2 {
		t.Errorf("exit %d without -out, want 2", code)
	}
}
