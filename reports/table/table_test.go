package table_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reporttest"
	"github.com/kansa-sec/kansa/reports/table"
)

func write(t *testing.T, r *finding.Report, o table.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := table.Write(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, c := range reporttest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			got := write(t, c.Report, table.Options{})
			if !bytes.Equal(got, write(t, c.Report, table.Options{})) {
				t.Fatal("output is not deterministic")
			}
			reporttest.Golden(t, "table", c.Name+".txt", got)
			reporttest.Golden(t, "table", c.Name+".w80.txt", write(t, c.Report, table.Options{Width: 80}))
		})
	}
}

// TestGoldenCutMessages pins the middle layout: a table whose messages are
// cut to fit, used while enough of them stays readable.
func TestGoldenCutMessages(t *testing.T) {
	reporttest.Golden(t, "table", "realistic.w160.txt", write(t, reporttest.Realistic(), table.Options{Width: 160}))
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestColorIsOnlyDecoration(t *testing.T) {
	for _, c := range reporttest.Cases() {
		for _, width := range []int{0, 60, 120} {
			plain := write(t, c.Report, table.Options{Width: width})
			colored := write(t, c.Report, table.Options{Color: true, Width: width})
			if c.Name == "realistic" && !bytes.Contains(colored, []byte("\x1b[")) {
				t.Errorf("%s: no color codes with Color set", c.Name)
			}
			if got := ansi.ReplaceAll(colored, nil); !bytes.Equal(got, plain) {
				t.Errorf("%s width %d: colored output without its color codes differs from plain output\n%s\n---\n%s", c.Name, width, got, plain)
			}
		}
	}
}

func TestWidth(t *testing.T) {
	for _, c := range append(reporttest.Cases(), reporttest.Case{Name: "nil"}) {
		for _, width := range []int{1, 20, 40, 80, 100} {
			out := write(t, c.Report, table.Options{Width: width})
			for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
				if w := runewidth.StringWidth(line); w > width {
					t.Errorf("%s width %d: line is %d wide: %q", c.Name, width, w, line)
				}
			}
		}
	}
}

func TestHostileStringsAreInert(t *testing.T) {
	out := write(t, reporttest.Hostile(), table.Options{})
	if !utf8.Valid(out) {
		t.Error("output is not valid UTF-8")
	}
	for _, b := range out {
		if b < 0x20 && b != '\n' {
			t.Fatalf("control byte %#x in output", b)
		}
	}
}

func TestRealisticContent(t *testing.T) {
	out := string(write(t, reporttest.Realistic(), table.Options{}))
	for _, want := range []string{
		"broken.tf:7:12", // diagnostics come first
		"CRITICAL  fail",
		"modules/net/sg.tf:19",
		"Not listed: 2 suppressed, 1 baseline",
		"3 failures: critical 2, high 1, medium 0, low 0.\n3 passed, 2 suppressed, 1 baseline, 1 unknown, 0 errors.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "Diagnostics") > strings.Index(out, "Findings") {
		t.Error("diagnostics must come before findings")
	}
	if strings.Contains(out, "aws_security_group.bastion") {
		t.Error("a suppressed finding is listed")
	}
}
