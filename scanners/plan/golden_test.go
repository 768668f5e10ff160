package plan

import (
	"bytes"
	"context"
	"encoding/json"
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

func compareGolden(t *testing.T, golden string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run with -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff)\n%s", golden, got)
	}
}
