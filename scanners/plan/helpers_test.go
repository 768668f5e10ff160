package plan

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
)

// res is one planned resource instance of a test plan.
type res struct {
	module  string // "" for the root, else the module instance address
	addr    string // full address
	typ     string
	name    string
	index   any
	after   map[string]any
	unknown map[string]any
}

// planJSON builds plan JSON (format 1.2) from instances and a raw
// "configuration" object.
func planJSON(t *testing.T, rs []res, config string) string {
	t.Helper()
	byMod := map[string][]map[string]any{}
	var mods []string
	var changes []map[string]any
	for _, r := range rs {
		pv := map[string]any{"address": r.addr, "mode": "managed", "type": r.typ, "name": r.name,
			"provider_name": "registry.terraform.io/hashicorp/" + strings.SplitN(r.typ, "_", 2)[0], "schema_version": 0, "values": r.after}
		if r.index != nil {
			pv["index"] = r.index
		}
		if _, ok := byMod[r.module]; !ok && r.module != "" {
			mods = append(mods, r.module)
		}
		byMod[r.module] = append(byMod[r.module], pv)
		unk := r.unknown
		if unk == nil {
			unk = map[string]any{}
		}
		changes = append(changes, map[string]any{"address": r.addr, "mode": "managed", "type": r.typ, "name": r.name,
			"change": map[string]any{"actions": []string{"create"}, "before": nil, "after": r.after, "after_unknown": unk}})
	}
	root := map[string]any{"resources": byMod[""]}
	var children []map[string]any
	for _, m := range mods {
		children = append(children, map[string]any{"address": m, "resources": byMod[m]})
	}
	if len(children) > 0 {
		root["child_modules"] = children
	}
	doc := map[string]any{"format_version": "1.2", "terraform_version": "1.11.4",
		"planned_values": map[string]any{"root_module": root}, "resource_changes": changes,
		"configuration": json.RawMessage(config)}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func scanPlan(t *testing.T, fsys fstest.MapFS, planPath string, opts Options) (*model.State, diag.Diagnostics) {
	t.Helper()
	st, diags, err := Scan(context.Background(), fsys, planPath, opts)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if st == nil {
		t.Fatalf("no state; diagnostics: %v", diags)
	}
	return st, diags
}

func mapFS(kv ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return m
}

func vpc(t *testing.T, vs []model.VPC, addr string) model.VPC {
	t.Helper()
	for _, v := range vs {
		if v.Meta.Address == addr {
			return v
		}
	}
	t.Fatalf("no VPC %s", addr)
	return model.VPC{}
}

func group(t *testing.T, gs []model.SecurityGroup, addr string) model.SecurityGroup {
	t.Helper()
	for _, g := range gs {
		if g.Meta.Address == addr {
			return g
		}
	}
	t.Fatalf("no security group %s", addr)
	return model.SecurityGroup{}
}

func rule(t *testing.T, rs []model.SecurityGroupRule, label string) model.SecurityGroupRule {
	t.Helper()
	for _, r := range rs {
		if r.Label == label {
			return r
		}
	}
	var have []string
	for _, r := range rs {
		have = append(have, r.Label)
	}
	t.Fatalf("no rule %s; have %v", label, have)
	return model.SecurityGroupRule{}
}

func sameStrings(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func str(p *int) string {
	if p == nil {
		return "<nil>"
	}
	return strconv.Itoa(*p)
}

// fixture is one directory of testdata/plan: the root module (where
// plan.json sits, relative to the fixture directory) and its plan.
type fixture struct {
	name, dir, root string
}

func (f fixture) plan() string { return path.Join(f.root, "plan.json") }

// fixtures lists testdata/plan/*, each with the directory of its plan.json.
func fixtures(t *testing.T) []fixture {
	t.Helper()
	base := filepath.Join("..", "..", "testdata", "plan")
	entries, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(base, e.Name())
		root := ""
		_ = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && root == "" && d.Name() == "plan.json" {
				root = path.Dir(p)
			}
			return nil
		})
		if root == "" {
			t.Fatalf("%s: no plan.json", dir)
		}
		out = append(out, fixture{name: e.Name(), dir: dir, root: root})
	}
	return out
}
