package benchcorpus_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kansa-sec/kansa/internal/benchcorpus"
	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

func TestDeterministic(t *testing.T) {
	a := benchcorpus.Build(0.1, 7).Stats()
	b := benchcorpus.Build(0.1, 7).Stats()
	if a != b {
		t.Fatalf("same seed, different corpus:\n%v\n%v", a, b)
	}
	if c := benchcorpus.Build(0.1, 8).Stats(); c.Digest == a.Digest {
		t.Fatalf("seeds 7 and 8 gave the same corpus %s", c.Digest)
	}
}

// A larger scale extends a smaller one: the first team is the same.
func TestLargerScaleExtends(t *testing.T) {
	small := benchcorpus.Build(0.05, 3)
	big := benchcorpus.Build(0.25, 3)
	if len(big.Files) <= len(small.Files) {
		t.Fatalf("scale 0.25 has %d files, scale 0.05 %d", len(big.Files), len(small.Files))
	}
	for p, b := range small.Files {
		if string(big.Files[p]) != string(b) {
			t.Fatalf("%s differs between scales", p)
		}
	}
}

func TestTeams(t *testing.T) {
	for _, tc := range []struct {
		scale float64
		want  int
	}{{0, 1}, {-1, 1}, {0.01, 1}, {0.05, 1}, {1, 12}, {4, 48}, {16, 192}} {
		if got := benchcorpus.Teams(tc.scale); got != tc.want {
			t.Errorf("Teams(%v) = %d, want %d", tc.scale, got, tc.want)
		}
	}
}

func TestScaleOneSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the full 1x corpus")
	}
	s := benchcorpus.Build(1, 1).Stats()
	if s.Files < 1800 || s.Files > 2400 {
		t.Errorf("scale 1 has %d files, want about 2,000", s.Files)
	}
}

// Every generated root module scans with no error diagnostics.
func TestScansWithoutErrors(t *testing.T) {
	c := benchcorpus.Build(0.05, 1)
	fsys := fstest.MapFS{}
	for p, b := range c.Files {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	kinds := map[string]bool{}
	for _, root := range c.Roots {
		state, diags, err := terraform.Scan(context.Background(), fsys, root, terraform.Options{})
		if err != nil {
			t.Fatalf("%s: %v", root, err)
		}
		for _, d := range diags {
			if d.Severity == diag.Error {
				t.Errorf("%s: %s", root, d.String())
			}
		}
		if state == nil {
			t.Fatalf("%s: nil state", root)
		}
		kinds[root[strings.LastIndex(root, "/")+1:]] = true
	}
	if len(kinds) < 4 {
		t.Errorf("only %d kinds of root module: %v", len(kinds), kinds)
	}
	if len(c.Modules) == 0 {
		t.Errorf("no modules")
	}
}
