package engine

import (
	"context"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/profiler"
	"github.com/open-policy-agent/opa/v1/rego"
)

func TestDebugTiming(t *testing.T) {
	qs := os.Getenv("KT")
	if qs == "" {
		t.Skip()
	}
	e := newTestEngine(t, Options{})
	c, err := e.compile(false)
	if err != nil {
		t.Fatal(err)
	}
	input, _ := toInput(bigState())
	for _, q := range strings.Split(qs, "@@") {
		pq, err := rego.New(rego.Query(q), rego.Compiler(c), rego.Store(e.store())).PrepareForEval(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		start := time.Now()
		p := profiler.New()
		opts := []rego.EvalOption{rego.EvalParsedInput(input)}
		if os.Getenv("KP") != "" {
			opts = append(opts, rego.EvalQueryTracer(p))
		}
		_, err = pq.Eval(context.Background(), opts...)
		if err != nil {
			t.Fatal(err)
		}
		d := time.Since(start)
		runtime.ReadMemStats(&m1)
		t.Logf("%s: %v %d mallocs", q, d, m1.Mallocs-m0.Mallocs)
		if os.Getenv("KP") != "" {
			for _, s := range p.ReportTopNResults(15, []string{"total_time_ns"}) {
				t.Logf("%v %d %d %s", time.Duration(s.ExprTimeNs), s.NumEval, s.NumRedo, s.Location)
			}
		}
	}
}
