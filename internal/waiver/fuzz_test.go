package waiver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseFile: any bytes as a source file give directives and diagnostics,
// never a panic; every directive sits on a line of the input and names at
// least one well-formed check ID. Seeded from the Terraform files under
// testdata that carry kansa:ignore comments, and the hostile corpus.
func FuzzParseFile(f *testing.F) {
	for _, g := range []string{"*/*/*.tf", "*/*/*/*.tf"} {
		matches, _ := filepath.Glob(filepath.Join("..", "..", "testdata", g))
		for _, m := range matches {
			if b, err := os.ReadFile(m); err == nil && strings.Contains(string(b), marker) {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("# kansa:ignore aws-sg-no-public-ssh reason=\"bastion\" exp:2026-12-31\nresource \"a\" \"b\" {}\n"))
	f.Add([]byte("// kansa:ignore a,b reason=\"x\nfoo\n/* kansa:ignore */\n"))
	f.Add([]byte("#kansa:ignore\n# kansa:ignore Bad_ID exp:2026-02-30\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fd, _ := ParseFile("main.tf", src)
		lines := strings.Count(string(src), "\n") + 1
		for line, d := range fd.ByLine {
			if line < 1 || line > lines || d.Line != line {
				t.Fatalf("directive on line %d (Line %d) of a %d-line input", line, d.Line, lines)
			}
			if len(d.IDs) == 0 {
				t.Fatalf("directive on line %d suppresses no check", line)
			}
			for _, id := range d.IDs {
				if !checkIDRe.MatchString(id) {
					t.Fatalf("directive on line %d has malformed ID %q", line, id)
				}
			}
			_ = fd.Above(line + 1)
		}
	})
}
