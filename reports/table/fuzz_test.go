package table_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	"github.com/kansa-sec/kansa/reports/table"
)

func FuzzWrite(f *testing.F) {
	for _, s := range reporttest.FuzzSeeds {
		f.Add(s.S, s.T, s.N)
	}
	f.Fuzz(func(t *testing.T, s, u string, n int) {
		width := n % 200
		if width < 0 {
			width = -width
		}
		var buf bytes.Buffer
		if err := table.Write(&buf, reporttest.Fuzzed(s, u, n), table.Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		out := buf.Bytes()
		if !utf8.Valid(out) {
			t.Fatal("invalid UTF-8")
		}
		for _, b := range out {
			if b < 0x20 && b != '\n' {
				t.Fatalf("control byte %#x in output", b)
			}
		}
		if width > 0 {
			for _, line := range strings.Split(string(out), "\n") {
				if runewidth.StringWidth(line) > width {
					t.Fatalf("line wider than %d: %q", width, line)
				}
			}
		}
	})
}

func TestWriteError(t *testing.T) {
	if err := table.Write(reporttest.ErrWriter{}, reporttest.Realistic(), table.Options{}); err == nil {
		t.Error("want a write error")
	}
}
