package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/kansa-sec/kansa/policies"
)

// TestCheckConventions: every check has complete METADATA, a unique ID, and
// a _test.rego package (<check package>_test) with at least one test_pass_*
// and one test_fail_* test.
func TestCheckConventions(t *testing.T) {
	e := newTestEngine(t, Options{})
	results, err := e.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	type counts struct{ pass, fail int }
	byPkg := map[string]*counts{}
	for _, r := range results {
		c := byPkg[r.Package]
		if c == nil {
			c = &counts{}
			byPkg[r.Package] = c
		}
		switch {
		case strings.HasPrefix(r.Name, "test_pass_"):
			c.pass++
		case strings.HasPrefix(r.Name, "test_fail_"):
			c.fail++
		}
	}
	seen := map[string]bool{}
	for _, r := range e.Rules() {
		if seen[r.ID] {
			t.Errorf("duplicate check ID %s", r.ID)
		}
		seen[r.ID] = true
		if !strings.HasPrefix(r.Package, "kansa.") || !strings.HasPrefix(r.File, "policies/") {
			t.Errorf("%s: package %s file %s", r.ID, r.Package, r.File)
		}
		c := byPkg[r.Package+"_test"]
		if c == nil || c.pass == 0 || c.fail == 0 {
			t.Errorf("%s (%s): needs at least one test_pass_* and one test_fail_* in package %s_test", r.ID, r.File, r.Package)
		}
	}
}

// TestDefaultConfigMatchesStockOPA: stock `opa test policies/` loads
// data.json as data, so data.kansa.config there equals DefaultConfig.
func TestDefaultConfigMatchesStockOPA(t *testing.T) {
	res, err := loader.NewFileLoader().WithFS(policies.FS()).All([]string{"."})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Documents["kansa"].(map[string]any)["config"]
	want := DefaultConfig()
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Errorf("opa loader sees %s, DefaultConfig is %s", gb, wb)
	}
	wantShape := map[string]any{
		"ports":      map[string]any{"ssh": []any{22.0}, "rdp": []any{3389.0}},
		"open_cidrs": []any{"0.0.0.0/0", "::/0"},
		"retention":  map[string]any{"audit": 1095.0, "access": 365.0, "network": 30.0, "default": 365.0},
		"checks":     map[string]any{},
	}
	if !reflect.DeepEqual(want, wantShape) {
		t.Errorf("DefaultConfig = %v", want)
	}
}

func TestConfigMerge(t *testing.T) {
	e := newTestEngine(t, Options{Config: map[string]any{
		"ports":     map[string]any{"ssh": []int{22, 2222}},
		"retention": map[string]any{"audit": 2000},
		"checks":    map[string]any{"aws-sg-no-public-rdp": map[string]any{"ports": map[string]any{"rdp": []int{3389, 3390}}}},
	}})
	cfg := e.Config()
	b, _ := json.Marshal(cfg)
	want := `{"checks":{"aws-sg-no-public-rdp":{"ports":{"rdp":[3389,3390]}}},"open_cidrs":["0.0.0.0/0","::/0"],"ports":{"rdp":[3389],"ssh":[22,2222]},"retention":{"access":365,"audit":2000,"default":365,"network":30}}`
	if string(b) != want {
		t.Errorf("Config() = %s\nwant %s", b, want)
	}
	// DefaultConfig is not changed by the merge.
	if DefaultConfig()["retention"].(map[string]any)["audit"] != 1095.0 {
		t.Error("DefaultConfig changed")
	}
}

// TestStockOPATest runs the embedded tests the way `opa test policies/`
// does: OPA's own loader and a default runner, no kansa compiler settings.
func TestStockOPATest(t *testing.T) {
	res, err := loader.NewFileLoader().WithFS(policies.FS()).WithProcessAnnotation(true).All([]string{"."})
	if err != nil {
		t.Fatal(err)
	}
	store, err := res.Store()
	if err != nil {
		t.Fatal(err)
	}
	ch, err := tester.NewRunner().SetStore(store).Run(context.Background(), res.ParsedModules())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		if !r.Pass() {
			t.Errorf("%s.%s: fail=%v err=%v", r.Package, r.Name, r.Fail, r.Error)
		}
	}
	if n == 0 {
		t.Fatal("no tests ran")
	}
}
