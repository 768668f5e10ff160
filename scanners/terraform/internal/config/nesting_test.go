package config

import (
	"strings"
	"testing"
)

func TestCheckNesting(t *testing.T) {
	deep := func(open, close string, n int) string { return strings.Repeat(open, n) + strings.Repeat(close, n) }
	tests := []struct {
		name, src string
		json      bool
		wantLine  int // 0: accepted
	}{
		{"ordinary config", "locals {\n  x = [for s in [\"a\"] : \"${s}-${upper(s)}\"]\n}\n", false, 0},
		{"parens at the limit", "locals {\n  x = " + deep("(", ")", MaxNesting-2) + "\n}\n", false, 0},
		{"parens past the limit", "locals {\n  x = " + deep("(", ")", 100000) + "\n}\n", false, 2},
		{"nested templates", "locals {\n  x = " + strings.Repeat(`"${`, 300) + "1" + strings.Repeat(`}"`, 300) + "\n}\n", false, 2},
		{"brackets in a string do not count", "locals {\n  x = \"" + strings.Repeat("[", 1000) + "\"\n}\n", false, 0},
		{"json at depth", `{"locals": {"x": ` + deep("[", "]", 10) + "}}", true, 0},
		{"json past the limit", "{\n\"locals\": {\"x\": " + deep("[", "]", 100000) + "}}", true, 2},
		{"json brackets in strings", `{"locals": {"x": "` + strings.Repeat("[", 1000) + `"}}`, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := checkNesting([]byte(tt.src), "main.tf", tt.json, MaxNesting)
			switch {
			case tt.wantLine == 0 && d != nil:
				t.Fatalf("rejected: %v", d)
			case tt.wantLine != 0 && d == nil:
				t.Fatal("accepted")
			case tt.wantLine != 0 && d.Subject.Start.Line != tt.wantLine:
				t.Fatalf("line %d, want %d", d.Subject.Start.Line, tt.wantLine)
			}
		})
	}
}
