package engine

import (
	"context"
	"io/fs"
	"math/rand"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/plan"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

// sameInput fails unless Input gives exactly the value of the JSON round
// trip it replaces: equal values, and the same text (so the same keys).
func sameInput(t *testing.T, name string, s *model.State) {
	t.Helper()
	want, err := inputJSON(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	got, err := Input(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if got.Compare(want) != 0 || got.String() != want.String() {
		t.Fatalf("%s: Input differs from the JSON conversion\n got %s\nwant %s", name, got, want)
	}
}

// TestInputFixtures compares the two conversions on the model of every
// Terraform directory and plan under testdata and on the states of the
// engine's tests.
func TestInputFixtures(t *testing.T) {
	root := os.DirFS("../../testdata")
	tfDirs := map[string]bool{}
	var plans []string
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch {
		case strings.HasSuffix(p, ".tf"), strings.HasSuffix(p, ".tf.json"):
			tfDirs[path.Dir(p)] = true
		case path.Base(p) == "plan.json":
			plans = append(plans, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	scanned := 0
	for dir := range tfDirs {
		s, _, err := terraform.Scan(ctx, root, dir, terraform.Options{})
		if err != nil || s == nil {
			continue // hostile inputs the scanner refuses
		}
		sameInput(t, dir, s)
		scanned++
	}
	for _, p := range plans {
		s, _, err := plan.Scan(ctx, root, p, plan.Options{})
		if err != nil || s == nil {
			continue
		}
		sameInput(t, p, s)
		scanned++
	}
	if scanned < 20 {
		t.Fatalf("only %d fixture models compared", scanned)
	}
	sameInput(t, "bigState", bigState())
	sameInput(t, "empty", model.New(model.SourceAWS, model.ScopeAccount))
}

// TestInputEveryField fills every field of the model, at random, with
// nil, empty and zero values, invalid UTF-8 and ordinary values, and
// compares the two conversions.
func TestInputEveryField(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := range 300 {
		s := &model.State{}
		fill(r, reflect.ValueOf(s).Elem(), 0)
		sameInput(t, "random state", s)
		if t.Failed() {
			t.Fatalf("state %d", i)
		}
	}
}

var strs = []string{"", "a", "0.0.0.0/0", "bad\xffutf8\xfe", "\u2028<&>\"\\", "é\x80", "\ufffd"}

func fill(r *rand.Rand, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(r.Intn(2) == 0)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt([]int64{0, 1, -1, 22, 1 << 40}[r.Intn(5)])
	case reflect.String:
		v.SetString(strs[r.Intn(len(strs))])
	case reflect.Pointer:
		if r.Intn(3) > 0 {
			p := reflect.New(v.Type().Elem())
			fill(r, p.Elem(), depth+1)
			v.Set(p)
		}
	case reflect.Slice:
		switch n := r.Intn(4); {
		case n == 0 || depth > 6: // nil
		default:
			s := reflect.MakeSlice(v.Type(), n-1, n-1)
			for i := range s.Len() {
				fill(r, s.Index(i), depth+1)
			}
			v.Set(s)
		}
	case reflect.Map:
		switch n := r.Intn(4); n {
		case 0: // nil
		default:
			m := reflect.MakeMap(v.Type())
			for range n - 1 {
				k := reflect.New(v.Type().Key()).Elem()
				fill(r, k, depth+1)
				e := reflect.New(v.Type().Elem()).Elem()
				fill(r, e, depth+1)
				m.SetMapIndex(k, e)
			}
			v.Set(m)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(r, v.Field(i), depth+1)
			}
		}
	}
}

// TestInputRejects: types whose JSON encoding Input does not reproduce are
// refused, not converted differently.
func TestInputRejects(t *testing.T) {
	type embedded struct{ A string }
	for _, tc := range []struct {
		name string
		typ  reflect.Type
	}{
		{"float", reflect.TypeFor[float64]()},
		{"bytes", reflect.TypeFor[[]byte]()},
		{"interface", reflect.TypeFor[any]()},
		{"marshaler", reflect.TypeFor[ast.Number]()},
		{"int keys", reflect.TypeFor[map[int]string]()},
		{"embedded", reflect.TypeFor[struct{ embedded }]()},
		{"string option", reflect.TypeFor[struct {
			A int `json:"a,string"`
		}]()},
		{"duplicate name", reflect.StructOf([]reflect.StructField{
			{Name: "A", Type: reflect.TypeFor[int](), Tag: `json:"x"`},
			{Name: "B", Type: reflect.TypeFor[int](), Tag: `json:"x"`},
		})},
	} {
		enc := inputEncoder{plans: map[reflect.Type][]inputField{}}
		if err := enc.check(tc.typ); err == nil {
			t.Errorf("%s: %s accepted", tc.name, tc.typ)
		}
	}
	enc := inputEncoder{plans: map[reflect.Type][]inputField{}}
	if err := enc.check(reflect.TypeFor[model.State]()); err != nil {
		t.Errorf("model.State: %v", err)
	}
}
