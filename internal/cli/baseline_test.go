package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBaseline(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": openSSH})
	_, stderr, code := run(t, dir, "baseline", "create", "--output", "base.json", ".")
	if code != ExitOK || !strings.Contains(stderr, "recorded 1 finding") {
		t.Fatalf("create: exit %d\n%s", code, stderr)
	}
	// Move the resource down: matched by check and address, not line.
	moved := "\n\n\n# a comment\n" + openSSH
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, code := run(t, dir, "scan", "terraform", ".", "--format", "json", "--baseline", "base.json")
	if code != ExitOK {
		t.Fatalf("moved code resurrected a baselined finding: exit %d", code)
	}
	if got := parseJSON(t, stdout).with("baseline"); len(got) != 1 {
		t.Fatalf("baseline findings %v", got)
	}
	// A new failing resource counts.
	added := moved + strings.ReplaceAll(openSSH, `"web"`, `"api"`)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, code = run(t, dir, "scan", "terraform", ".", "--format", "json", "--baseline", "base.json")
	if code != ExitFindings || len(parseJSON(t, stdout).with("fail")) != 1 {
		t.Fatalf("new finding: exit %d\n%s", code, stdout)
	}
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"baseline", "create", "."}, "--output FILE is required"},
		{[]string{"scan", "terraform", ".", "--baseline", "nope.json"}, "read baseline"},
	} {
		_, stderr, code := run(t, dir, tt.args...)
		if code != ExitError || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%v: exit %d\n%s", tt.args, code, stderr)
		}
	}
}
