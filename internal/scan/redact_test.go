package scan

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestRedactor(t *testing.T) {
	r := NewRedactor()
	r.Add("abc") // too short to redact
	r.Add("hunter22")
	r.Add("hunter22-long")
	tests := []struct{ in, want string }{
		{"password hunter22-long and hunter22", "password (sensitive) and (sensitive)"},
		{"abc stays", "abc stays"},
		{"key AKIAABCDEFGHIJKLMNOP in a name", "key (sensitive) in a name"},
		{"alibaba LTAI5tABCDEFGHIJKLMN", "alibaba (sensitive)"},
		{"AKIA too short", "AKIA too short"},
	}
	for _, tt := range tests {
		if got := r.String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var buf bytes.Buffer
	log := slog.New(r.Handler(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	log.With("early", "hunter22").Debug("value hunter22", "attr", "x hunter22", "any", []string{"hunter22"}, slog.Group("g", "k", "hunter22"))
	if strings.Contains(buf.String(), "hunter22") {
		t.Errorf("log prints a secret: %s", buf.String())
	}
}
