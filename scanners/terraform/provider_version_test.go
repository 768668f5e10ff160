package terraform

import "testing"

func TestMaxBelow(t *testing.T) {
	limit := version{1, 256, 0}
	tests := []struct {
		c    string
		want bool
	}{
		{"1.162.0", true},
		{"= 1.162.0", true},
		{"~> 1.200.0", true},
		{"~> 1.200", false},
		{">= 1.100", false},
		{">= 1.100, < 1.256.0", true},
		{"<= 1.255.9", true},
		{"<= 1.256.0", false},
		{"1.256.0", false},
		{"garbage", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := maxBelow(tt.c, limit); got != tt.want {
			t.Errorf("maxBelow(%q) = %v, want %v", tt.c, got, tt.want)
		}
	}
}
