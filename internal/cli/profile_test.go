package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProfileFlag(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": openSSH})
	for _, kind := range []string{"cpu", "mem"} {
		out := filepath.Join(t.TempDir(), kind+".prof")
		_, stderr, code := run(t, dir, "scan", "terraform", ".", "--format", "json", "--profile", kind+"="+out)
		if code != ExitFindings {
			t.Fatalf("%s: exit %d\n%s", kind, code, stderr)
		}
		if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
			t.Fatalf("%s profile not written: %v", kind, err)
		}
	}
	_, stderr, code := run(t, dir, "scan", "terraform", ".", "--profile", "gpu=x")
	if code != ExitError || !strings.Contains(stderr, "cpu=FILE or mem=FILE") {
		t.Fatalf("bad spec: exit %d\n%s", code, stderr)
	}
}
