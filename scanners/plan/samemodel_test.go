package plan

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kansa-sec/kansa/scanners/terraform"
)

// TestSameModelAsHCL: a plan and the code it was planned from yield the
// same model. The only differences allowed are Meta.Source and
// Meta.Defaulted: a plan carries the provider's defaults as values, where
// the HCL adapter applies the documented default and says so.
func TestSameModelAsHCL(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "plan")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			fsys := os.DirFS(filepath.Join(root, e.Name()))
			fromPlan, _, err := Scan(context.Background(), fsys, "plan.json", Options{})
			if err != nil || fromPlan == nil {
				t.Fatalf("plan: %v", err)
			}
			fromHCL, _, err := terraform.Scan(context.Background(), fsys, ".", terraform.Options{})
			if err != nil {
				t.Fatalf("terraform: %v", err)
			}
			got, want := comparable(t, fromPlan), comparable(t, fromHCL)
			if got != want {
				t.Errorf("models differ\nplan:\n%s\nhcl:\n%s", got, want)
			}
		})
	}
}

// comparable renders a model as JSON without source and defaulted markers.
func comparable(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var x any
	if err := json.Unmarshal(b, &x); err != nil {
		t.Fatal(err)
	}
	var strip func(any) any
	strip = func(v any) any {
		switch y := v.(type) {
		case map[string]any:
			delete(y, "source")
			delete(y, "defaulted")
			for k, e := range y {
				y[k] = strip(e)
			}
		case []any:
			for i, e := range y {
				y[i] = strip(e)
			}
		}
		return v
	}
	out, _ := json.MarshalIndent(strip(x), "", " ")
	return string(out)
}
