package sarif_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	"github.com/kansa-sec/kansa/reports/sarif"
)

func FuzzWrite(f *testing.F) {
	for _, s := range reporttest.FuzzSeeds {
		f.Add(s.S, s.T, s.N)
	}
	schema := schema(f)
	f.Fuzz(func(t *testing.T, s, u string, n int) {
		var buf bytes.Buffer
		if err := sarif.Write(&buf, reporttest.Fuzzed(s, u, n)); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Fatalf("invalid SARIF: %v\n%s", err, buf.Bytes())
		}
	})
}

func TestWriteError(t *testing.T) {
	if err := sarif.Write(reporttest.ErrWriter{}, reporttest.Realistic()); err == nil || errors.Unwrap(err) == nil {
		t.Errorf("want a wrapped write error, got %v", err)
	}
}
