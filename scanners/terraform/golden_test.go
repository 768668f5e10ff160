package terraform

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenResult is what a golden file pins: the model and the diagnostics.
type goldenResult struct {
	Model       any `json:"model"`
	Diagnostics any `json:"diagnostics"`
}

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
			got, err := json.MarshalIndent(goldenResult{Model: state, Diagnostics: diags}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join(dir, "model.golden.json")
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
				t.Errorf("model differs from %s (run go test -update and review the diff)\n%s", golden, got)
			}
		})
	}
}
