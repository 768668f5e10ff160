package plan

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/kansa-sec/kansa/scanners/terraform"
)

// TestSameModelAsHCL: a plan and the code it was planned from yield the
// same model. The only differences allowed are Meta.Source, Meta.Reasons
// (a plan says why a value is unknown more precisely) and Meta.Defaulted
// (a plan carries the provider's defaults as values, where the HCL adapter
// applies the documented default and says so), and for the
// fixtures in looseRules what a plan cannot give back: the order of rules
// from dynamic blocks (the plan's configuration omits dynamic blocks, and
// the provider returns the set in its own order) and protocol numbers the
// provider normalizes to names (6 -> tcp).
func TestSameModelAsHCL(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			fsys := os.DirFS(fx.dir)
			fromPlan, _, err := Scan(context.Background(), fsys, fx.plan(), Options{})
			if err != nil || fromPlan == nil {
				t.Fatalf("plan: %v", err)
			}
			fromHCL, _, err := terraform.Scan(context.Background(), fsys, fx.root, terraform.Options{})
			if err != nil {
				t.Fatalf("terraform: %v", err)
			}
			got, want := comparable(t, fromPlan, looseRules[fx.name]), comparable(t, fromHCL, looseRules[fx.name])
			if got != want {
				t.Errorf("models differ\nplan:\n%s\nhcl:\n%s", got, want)
			}
		})
	}
}

var looseRules = map[string]bool{"aws-dynamic": true}

// comparable renders a model as JSON without source, reasons and defaulted markers;
// loose also drops rule labels, sorts rules and names protocol numbers.
func comparable(t *testing.T, v any, loose bool) string {
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
			delete(y, "reasons")
			for k, e := range y {
				y[k] = strip(e)
			}
			if loose {
				if name, ok := map[any]string{"6": "tcp", "17": "udp", "1": "icmp"}[y["protocol"]]; ok {
					y["protocol"] = name
				}
				if rules, ok := y["rules"].([]any); ok {
					for _, r := range rules {
						if m, ok := r.(map[string]any); ok {
							delete(m, "label")
						}
					}
					sort.Slice(rules, func(i, j int) bool {
						a, _ := json.Marshal(rules[i])
						b, _ := json.Marshal(rules[j])
						return string(a) < string(b)
					})
				}
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
