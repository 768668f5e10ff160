package engine

import (
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"

	"github.com/kansa-sec/kansa/policies"
)

var update = flag.Bool("update", false, "rewrite shipped .rego files as opa fmt formats them")

// TestRegoFormatted: every shipped .rego file is as `opa fmt` writes it
// (go test -run Formatted -update rewrites them).
func TestRegoFormatted(t *testing.T) {
	err := fs.WalkDir(policies.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".rego" {
			return err
		}
		src, err := fs.ReadFile(policies.FS(), p)
		if err != nil {
			return err
		}
		out, err := format.SourceWithOpts(p, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if string(out) != string(src) && *update {
			return os.WriteFile(filepath.Join("..", filepath.FromSlash(p)), out, 0o644)
		}
		if string(out) != string(src) {
			t.Errorf("%s is not opa-fmt formatted; formatted:\n%s", p, out)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
