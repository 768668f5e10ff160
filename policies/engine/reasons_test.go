package engine

import "testing"

func TestWithReasons(t *testing.T) {
	tests := []struct {
		name, msg, attr string
		reasons         map[string]string
		want            string
	}{
		{"the blamed attribute's reason", "x: cidr_blocks is unresolved", "cidr_blocks", map[string]string{"cidr_blocks": "var.cidrs has no value", "name": "n"}, "x: cidr_blocks is unresolved (var.cidrs has no value)"},
		{"every reason without an attribute", "x is undecided", "", map[string]string{"b": "two", "a": "one"}, "x is undecided (a: one; b: two)"},
		{"no reasons", "x is undecided", "", nil, "x is undecided"},
		{"already in the message", "x: module vpc not downloaded", "", map[string]string{"m": "module vpc not downloaded"}, "x: module vpc not downloaded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := withReasons(tt.msg, tt.attr, tt.reasons); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
