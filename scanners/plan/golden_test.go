package plan

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

// TestGolden pins the model of every plan fixture under testdata/plan.
func TestGolden(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			dir := fx.dir
			state, diags, err := Scan(context.Background(), os.DirFS(dir), fx.plan(), Options{})
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
