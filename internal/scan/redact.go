package scan

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/finding"
)

// Redacted replaces a secret in findings, diagnostics and logs.
const Redacted = "(sensitive)"

// minSecretLen is the shortest secret that is redacted: replacing every "a"
// or "10" of a report would destroy it and protect nothing.
const minSecretLen = 4

// credentialRe matches cloud credentials wherever they appear, secret or
// not: AWS access key IDs and Alibaba Cloud AccessKey IDs.
var credentialRe = regexp.MustCompile(`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b|\bLTAI[A-Za-z0-9]{12,20}\b`)

// Redactor keeps secrets out of what a scan prints: the values of
// sensitive Terraform variables it learns during the scan, and anything
// shaped like a cloud access key. It is safe for concurrent use.
type Redactor struct {
	mu      sync.RWMutex
	secrets []string // longest first, so a secret containing another goes whole
}

// NewRedactor returns a Redactor that knows no secret yet.
func NewRedactor() *Redactor { return &Redactor{} }

// Add records a secret; values shorter than 4 characters are ignored.
func (r *Redactor) Add(secret string) {
	if len(strings.TrimSpace(secret)) < minSecretLen {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.secrets {
		if s == secret {
			return
		}
	}
	r.secrets = append(r.secrets, secret)
	sort.SliceStable(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
}

// String returns s with every known secret and credential replaced by Redacted.
func (r *Redactor) String(s string) string {
	if r == nil || s == "" {
		return s
	}
	r.mu.RLock()
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, Redacted)
	}
	r.mu.RUnlock()
	return credentialRe.ReplaceAllString(s, Redacted)
}

// findings redacts what a finding prints about its resource.
func (r *Redactor) findings(fs []finding.Finding) {
	for i := range fs {
		f := &fs[i]
		f.Message = r.String(f.Message)
		f.Attribute = r.String(f.Attribute)
		f.Resource.Address = r.String(f.Resource.Address)
		f.Resource.ARN = r.String(f.Resource.ARN)
		if f.Suppression != nil {
			f.Suppression.Justification = r.String(f.Suppression.Justification)
		}
	}
}

// diagnostics redacts diagnostics' texts.
func (r *Redactor) diagnostics(ds diag.Diagnostics) {
	for i := range ds {
		ds[i].Summary = r.String(ds[i].Summary)
		ds[i].Detail = r.String(ds[i].Detail)
		ds[i].Resource = r.String(ds[i].Resource)
	}
}

// Handler wraps h so that log messages and attribute values are redacted
// when they are written (secrets learnt later in the scan included).
func (r *Redactor) Handler(h slog.Handler) slog.Handler { return redactHandler{r: r, h: h} }

type redactHandler struct {
	r *Redactor
	h slog.Handler
}

var _ slog.Handler = redactHandler{}

func (h redactHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.h.Enabled(ctx, l) }

func (h redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.h.Handle(ctx, out)
}

func (h redactHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.r.String(v.String()))
	case slog.KindGroup:
		g := v.Group()
		out := make([]any, 0, len(g))
		for _, x := range g {
			out = append(out, h.attr(x))
		}
		return slog.Group(a.Key, out...)
	case slog.KindAny:
		return slog.String(a.Key, h.r.String(fmt.Sprint(v.Any())))
	default:
		return slog.Attr{Key: a.Key, Value: v}
	}
}

func (h redactHandler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = h.attr(a)
	}
	return redactHandler{r: h.r, h: h.h.WithAttrs(out)}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{r: h.r, h: h.h.WithGroup(name)}
}

// sink returns a secret callback for a scanner that tells r, and prev too
// when the caller set one.
func (r *Redactor) sink(prev func(string)) func(string) {
	if prev == nil {
		return r.Add
	}
	return func(s string) { prev(s); r.Add(s) }
}
