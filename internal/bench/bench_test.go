package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/kansa-sec/kansa/internal/benchcorpus"
	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/internal/scan"
	"github.com/kansa-sec/kansa/policies/engine"
	jsonreport "github.com/kansa-sec/kansa/reports/json"
	"github.com/kansa-sec/kansa/reports/junit"
	"github.com/kansa-sec/kansa/reports/sarif"
	"github.com/kansa-sec/kansa/reports/table"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

var (
	benchScale = flag.Float64("benchscale", envScale(), "corpus scale for the benchmarks (1 ≈ 2,000 files); default $KANSA_BENCH_SCALE or 1")
	benchSeed  = flag.Int64("benchseed", 1, "corpus seed for the benchmarks")
)

func envScale() float64 {
	if s, err := strconv.ParseFloat(os.Getenv("KANSA_BENCH_SCALE"), 64); err == nil && s > 0 {
		return s
	}
	return 1
}

// corpusDir is a corpus written to disk once per test binary.
type corpusDir struct {
	dir    string
	corpus *benchcorpus.Corpus
	stats  benchcorpus.Stats
	src    map[string][]byte // .tf files only, for the parse benchmark
}

var (
	tmpRoot string
	corpora sync.Map // scale key -> *corpusOnce
)

type corpusOnce struct {
	once sync.Once
	c    *corpusDir
	err  error
}

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "kansa-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tmpRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// getCorpus generates the corpus of the given scale on first use.
func getCorpus(tb testing.TB, scale float64) *corpusDir {
	tb.Helper()
	v, _ := corpora.LoadOrStore(scale, &corpusOnce{})
	co := v.(*corpusOnce)
	co.once.Do(func() {
		c := benchcorpus.Build(scale, *benchSeed)
		dir := filepath.Join(tmpRoot, "scale-"+strconv.FormatFloat(scale, 'f', -1, 64))
		if err := c.Write(dir); err != nil {
			co.err = err
			return
		}
		src := map[string][]byte{}
		for p, b := range c.Files {
			if strings.HasSuffix(p, ".tf") {
				src[p] = b
			}
		}
		co.c = &corpusDir{dir: dir, corpus: c, stats: c.Stats(), src: src}
	})
	if co.err != nil {
		tb.Fatal(co.err)
	}
	return co.c
}

// report sets the throughput metrics: the whole corpus once per op.
func (c *corpusDir) report(b *testing.B) {
	throughput(b, c.stats.Files, c.stats.Lines)
}

// throughput reports files/s and lines/s for files and lines handled per op.
func throughput(b *testing.B, files, lines int) {
	sec := b.Elapsed().Seconds()
	if sec <= 0 {
		return
	}
	b.ReportMetric(float64(files)*float64(b.N)/sec, "files/s")
	b.ReportMetric(float64(lines)*float64(b.N)/sec, "lines/s")
}

func newEngine(tb testing.TB) *engine.Engine {
	tb.Helper()
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return eng
}

// scanAll runs scanners/terraform over every root and returns the states.
func scanAll(tb testing.TB, c *corpusDir) []*model.State {
	tb.Helper()
	fsys := os.DirFS(c.dir)
	states := make([]*model.State, 0, len(c.corpus.Roots))
	for _, root := range c.corpus.Roots {
		st, _, err := terraform.Scan(context.Background(), fsys, root, terraform.Options{})
		if err != nil {
			tb.Fatalf("%s: %v", root, err)
		}
		states = append(states, st)
	}
	return states
}

func targets(c *corpusDir) []scan.TerraformTarget {
	ts := make([]scan.TerraformTarget, len(c.corpus.Roots))
	for i, r := range c.corpus.Roots {
		ts[i] = scan.TerraformTarget{Path: r}
	}
	return ts
}

var tool = finding.Tool{Name: "kansa", Version: "bench"}

// endToEnd scans the targets ts in one call, as `kansa scan terraform TARGET...`.
// The working directory must be the corpus directory so that "../" modules are reachable.
func endToEnd(tb testing.TB, eng *engine.Engine, ts []scan.TerraformTarget) *scan.Result {
	tb.Helper()
	res, err := scan.Terraform(context.Background(), eng, ts, terraform.Options{}, scan.Options{Tool: tool})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// TestSmoke runs the whole pipeline once over a tiny corpus, so the
// benchmark code is compiled and exercised by a plain `go test`.
func TestSmoke(t *testing.T) {
	c := getCorpus(t, 0.05)
	t.Chdir(c.dir)
	res := endToEnd(t, newEngine(t), targets(c))
	if res.Diagnostics.HasErrors() {
		t.Fatalf("errors scanning the corpus: %v", res.Diagnostics)
	}
	if len(res.Report.Findings) == 0 {
		t.Fatal("no findings")
	}
	for name, w := range writers {
		if err := w(io.Discard, res.Report); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// BenchmarkParse parses every .tf file of the corpus once with hclsyntax,
// the parser scanners/terraform uses, from memory (files/s counts .tf files
// only; terraform.Scan parses shared modules once per root that calls them).
func BenchmarkParse(b *testing.B) {
	c := getCorpus(b, *benchScale)
	b.ReportAllocs()
	for b.Loop() {
		for name, src := range c.src {
			if _, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
	}
	lines := 0
	for _, src := range c.src {
		lines += bytes.Count(src, []byte("\n"))
	}
	throughput(b, len(c.src), lines)
}

// BenchmarkTerraformScan loads, evaluates and adapts every root module
// (scanners/terraform.Scan): reading files, parsing, evaluation, model.
func BenchmarkTerraformScan(b *testing.B) {
	c := getCorpus(b, *benchScale)
	b.ReportAllocs()
	for b.Loop() {
		scanAll(b, c)
	}
	c.report(b)
}

// BenchmarkRoots finds the root modules of the corpus tree as `kansa scan
// terraform DIR` does before it scans them (terraform.Roots): it reads and
// parses every directory once into a fresh module cache. It runs before the
// roots are scanned concurrently, so it bounds the wall time of a tree scan
// from below; compare -cpu 1,2.
func BenchmarkRoots(b *testing.B) {
	c := getCorpus(b, *benchScale)
	fsys := os.DirFS(c.dir)
	b.ReportAllocs()
	for b.Loop() {
		roots, err := terraform.Roots(context.Background(), fsys, ".", terraform.Options{Modules: terraform.NewModuleCache()})
		if err != nil {
			b.Fatal(err)
		}
		// Modules no root calls at this scale are roots of their own.
		if len(roots) < len(c.corpus.Roots) {
			b.Fatalf("%d roots, want at least %d", len(roots), len(c.corpus.Roots))
		}
	}
	c.report(b)
}

// BenchmarkEngineNew loads and compiles the built-in policies: a fixed cost
// per run, independent of the corpus.
func BenchmarkEngineNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		newEngine(b)
	}
}

// BenchmarkEvaluate judges the model of every root module with the policies
// (policies/engine.Evaluate: model to ast.Value, one prepared query, findings).
func BenchmarkEvaluate(b *testing.B) {
	eng := newEngine(b)
	ctx := context.Background()
	eachState(b, func(st *model.State) error {
		_, err := eng.Evaluate(ctx, st)
		return err
	})
}

// eachState times fn over the model of every root module of the corpus
// (the models are built before the timer starts).
func eachState(b *testing.B, fn func(*model.State) error) {
	c := getCorpus(b, *benchScale)
	states := scanAll(b, c)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, st := range states {
			if err := fn(st); err != nil {
				b.Fatal(err)
			}
		}
	}
	c.report(b)
}

// BenchmarkModelToInput converts the model of every root module to the
// ast.Value Rego reads (engine.Input, the first step of engine.Evaluate), so
// BenchmarkEvaluate minus this is the policy evaluation proper.
func BenchmarkModelToInput(b *testing.B) {
	eachState(b, func(st *model.State) error {
		_, err := engine.Input(st)
		return err
	})
}

// BenchmarkModelToInputJSON is the conversion engine.Input replaced, kept
// for comparison: JSON encoding of the model, OPA's JSON decoder,
// ast.InterfaceToValue. Both give the same value (policies/engine tests).
func BenchmarkModelToInputJSON(b *testing.B) {
	eachState(b, func(st *model.State) error {
		s := *st
		s.Normalize()
		js, err := json.Marshal(&s)
		if err != nil {
			return err
		}
		var doc any
		if err := util.NewJSONDecoder(bytes.NewReader(js)).Decode(&doc); err != nil {
			return err
		}
		_, err = ast.InterfaceToValue(doc)
		return err
	})
}

var writers = map[string]func(io.Writer, *finding.Report) error{
	"sarif": sarif.Write,
	"junit": junit.Write,
	"json":  jsonreport.Write,
	"table": func(w io.Writer, r *finding.Report) error { return table.Write(w, r, table.Options{}) },
}

// BenchmarkReport writes the report of the whole corpus in every format.
func BenchmarkReport(b *testing.B) {
	c := getCorpus(b, *benchScale)
	b.Chdir(c.dir)
	res := endToEnd(b, newEngine(b), targets(c))
	for _, name := range []string{"json", "junit", "sarif", "table"} {
		w := writers[name]
		b.Run(name, func(b *testing.B) {
			var cw countWriter
			b.ReportAllocs()
			for b.Loop() {
				cw = 0
				if err := w(&cw, res.Report); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(res.Report.Findings)), "findings")
			b.ReportMetric(float64(cw), "bytes/report")
		})
	}
}

// BenchmarkEndToEnd scans every root module of the corpus in one
// internal/scan.Terraform call with a prepared engine (what
// `kansa scan terraform ROOT...` does after loading the policies).
// BenchmarkTreeScan scans the corpus as one tree, as `kansa scan terraform .`
// does from its directory: root discovery, the roots scanned concurrently
// with one shared module cache, policies, findings (no report writing).
func BenchmarkTreeScan(b *testing.B) {
	benchScan(b, func(*corpusDir) []scan.TerraformTarget { return []scan.TerraformTarget{{Path: "."}} })
}

func BenchmarkEndToEnd(b *testing.B) {
	benchScan(b, targets)
}

// benchScan times scan.Terraform over the targets of the corpus, from its
// directory, with one prepared engine, and reports the findings.
func benchScan(b *testing.B, targetsOf func(*corpusDir) []scan.TerraformTarget) {
	c := getCorpus(b, *benchScale)
	b.Chdir(c.dir)
	eng := newEngine(b)
	ts := targetsOf(c)
	b.ReportAllocs()
	b.ResetTimer()
	var findings int
	for b.Loop() {
		findings = len(endToEnd(b, eng, ts).Report.Findings)
	}
	c.report(b)
	b.ReportMetric(float64(findings), "findings")
}

type countWriter int

func (w *countWriter) Write(p []byte) (int, error) {
	*w += countWriter(len(p))
	return len(p), nil
}
