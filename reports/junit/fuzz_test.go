package junit_test

import (
	"bytes"
	"testing"

	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	"github.com/kansa-sec/kansa/reports/junit"
)

func FuzzWrite(f *testing.F) {
	for _, s := range reporttest.FuzzSeeds {
		f.Add(s.S, s.T, s.N)
	}
	f.Fuzz(func(t *testing.T, s, u string, n int) {
		var buf bytes.Buffer
		if err := junit.Write(&buf, reporttest.Fuzzed(s, u, n)); err != nil {
			t.Fatal(err)
		}
		checkCounts(t, buf.Bytes()) // parses the XML strictly, then re-counts
	})
}

func TestFuzzSeedsValidate(t *testing.T) {
	for _, s := range reporttest.FuzzSeeds {
		validate(t, write(t, reporttest.Fuzzed(s.S, s.T, s.N)))
	}
}

func TestWriteError(t *testing.T) {
	if err := junit.Write(reporttest.ErrWriter{}, reporttest.Realistic()); err == nil {
		t.Error("want a write error")
	}
}
