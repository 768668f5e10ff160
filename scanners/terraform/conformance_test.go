package terraform

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestConformanceRobustness scans every .tf file of the shared peer corpus,
// one at a time, and checks that none panics or hangs. Findings are judged
// elsewhere.
func TestConformanceRobustness(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "conformance")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("conformance corpus not present at %s: %v", root, err)
	}
	fsys := os.DirFS(root)
	var files []string
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tf.json")) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no Terraform files in the conformance corpus")
	}
	for _, f := range files {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		start := time.Now()
		state, _, err := Scan(ctx, fsys, f, Options{})
		cancel()
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if state == nil {
			t.Errorf("%s: nil state", f)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: took %v", f, d)
		}
	}
	t.Logf("scanned %d files", len(files))
}
