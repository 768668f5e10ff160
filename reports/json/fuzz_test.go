package json_test

import (
	"bytes"
	stdjson "encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	kjson "github.com/kansa-sec/kansa/reports/json"
)

func FuzzWrite(f *testing.F) {
	for _, s := range reporttest.FuzzSeeds {
		f.Add(s.S, s.T, s.N)
	}
	f.Fuzz(func(t *testing.T, s, u string, n int) {
		var buf bytes.Buffer
		if err := kjson.Write(&buf, reporttest.Fuzzed(s, u, n)); err != nil {
			t.Fatal(err)
		}
		if !stdjson.Valid(buf.Bytes()) || !utf8.Valid(buf.Bytes()) {
			t.Fatalf("invalid JSON:\n%s", buf.Bytes())
		}
	})
}

func TestWriteError(t *testing.T) {
	if err := kjson.Write(reporttest.ErrWriter{}, reporttest.Realistic()); err == nil {
		t.Error("want a write error")
	}
}
