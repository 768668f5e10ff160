package aws

import (
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/aws/smithy-go"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/internal/cloudutil"
)

const testAccount = "111122223333"

func testReader() *reader {
	return &reader{account: testAccount, partition: "aws", timeout: time.Second, parallel: 2, gaps: &cloudutil.Gaps{}, log: slog.New(slog.DiscardHandler)}
}

// apiErr is an API error as the SDK returns it.
func apiErr(code string) error {
	return &smithy.GenericAPIError{Code: code, Message: code + " message"}
}

var denied = apiErr("AccessDenied")

// gapPaths lists the paths of r's gaps, "region path" each.
func gapPaths(r *reader) []string {
	var out []string
	for _, g := range r.gaps.List() {
		out = append(out, g.Region+" "+g.Path)
	}
	return out
}

func equal[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func equalSlice[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// ptrText shows a *bool or *int as text ("nil" when unset).
func ptrText[T any](p *T) any {
	if p == nil {
		return "nil"
	}
	return *p
}

// unknowns returns m's unknown attributes.
func unknowns(m model.Meta) []string { return m.Unknown }
