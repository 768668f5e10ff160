package terraform

import (
	"github.com/kansa-sec/kansa/internal/golden"

	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kansa-sec/kansa/internal/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden scans each testdata/terraform/<case> directory and compares the
// model JSON with model.golden.json (exactly the model, so other packages can
// use it as policy input) and the diagnostics with diagnostics.golden.json.
func TestGolden(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "terraform")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			dir := filepath.Join(root, e.Name())
			state, diags, err := Scan(context.Background(), os.DirFS(dir), ".", Options{})
			if err != nil {
				t.Fatalf("Scan: %v", err)
			}
			if diags == nil {
				diags = diag.Diagnostics{}
			}
			compareGolden(t, filepath.Join(dir, "model.golden.json"), state)
			compareGolden(t, filepath.Join(dir, "diagnostics.golden.json"), diags)
		})
	}
}

func compareGolden(t *testing.T, path string, v any) {
	t.Helper()
	golden.CompareJSON(t, path, v, *update)
}
