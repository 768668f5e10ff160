package waiver

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/finding"
)

// Skip is one entry of the config file's `skip:` list.
type Skip struct {
	// ID is the check ID; "*" matches every check.
	ID string `yaml:"id"`
	// Resource is a glob over the resource address or ARN ("*" matches any
	// run of characters); empty matches every resource.
	Resource string `yaml:"resource"`
	// Reason is the justification shown in reports.
	Reason string `yaml:"reason"`
	// Expires is the last day (YYYY-MM-DD) the skip applies; empty: never expires.
	Expires string `yaml:"expires"`
}

// Options control how suppressions are applied.
type Options struct {
	// Skips are the config file's entries.
	Skips []Skip
	// NoInline ignores inline comments (auditors use it to see everything).
	NoInline bool
	// Now is the clock expiry is judged against.
	Now time.Time
}

// Apply marks failing findings that a live suppression covers as suppressed.
// Inline directives are read from the findings' source files in fsys (whose
// Resource.File must be fsys-relative at this point). It returns warnings
// for malformed and expired suppressions.
func Apply(fsys fs.FS, findings []finding.Finding, o Options) diag.Diagnostics {
	var diags diag.Diagnostics
	skips, ds := compileSkips(o.Skips)
	diags = append(diags, ds...)
	files := map[string]FileDirectives{}
	expiredSeen := map[string]bool{}
	for i := range findings {
		f := &findings[i]
		if f.Status != finding.StatusFail {
			continue
		}
		if !o.NoInline && fsys != nil && f.Resource.File != "" {
			fd, ok := files[f.Resource.File]
			if !ok {
				if src, err := fs.ReadFile(fsys, f.Resource.File); err == nil {
					var pd diag.Diagnostics
					fd, pd = ParseFile(f.Resource.File, src)
					diags = append(diags, pd...)
				}
				files[f.Resource.File] = fd
			}
			if d, ok := matchInline(fd, *f); ok {
				if d.Expired(o.Now) {
					key := fmt.Sprintf("%s:%d", d.File, d.Line)
					if !expiredSeen[key] {
						expiredSeen[key] = true
						diags = append(diags, diag.Warnf(d.File, d.Line, 0, "kansa:ignore expired on %s; the finding counts again", d.Expires.Format("2006-01-02")))
					}
				} else {
					f.Status = finding.StatusSuppressed
					f.Suppression = &finding.Suppression{Kind: "inSource", Justification: d.Reason, Expires: dateString(d.Expires), File: d.File, Line: d.Line}
					continue
				}
			}
		}
		for _, s := range skips {
			if !s.matches(*f) {
				continue
			}
			if s.expired(o.Now) {
				if !expiredSeen[s.key] {
					expiredSeen[s.key] = true
					diags = append(diags, diag.Diagnostic{Severity: diag.Warning, Summary: fmt.Sprintf("config skip %s expired on %s; its findings count again", s.key, s.Expires)})
				}
				continue
			}
			f.Status = finding.StatusSuppressed
			f.Suppression = &finding.Suppression{Kind: "external", Justification: s.Reason, Expires: s.Expires}
			break
		}
	}
	return diags
}

// matchInline finds a directive for f's check directly above the offending
// attribute, the offending nested block, or the resource itself.
func matchInline(fd FileDirectives, f finding.Finding) (Directive, bool) {
	for _, line := range []int{f.StartLine, f.BlockStartLine, f.Resource.StartLine} {
		if line <= 0 {
			continue
		}
		for _, d := range fd.Above(line) {
			if d.Covers(f.CheckID) {
				return d, true
			}
		}
	}
	return Directive{}, false
}

type compiledSkip struct {
	Skip
	key     string
	re      *regexp.Regexp
	expires time.Time
}

func compileSkips(in []Skip) ([]compiledSkip, diag.Diagnostics) {
	var out []compiledSkip
	var diags diag.Diagnostics
	for i, s := range in {
		c := compiledSkip{Skip: s, key: fmt.Sprintf("#%d (%s %s)", i+1, s.ID, s.Resource)}
		if s.ID == "" {
			diags = append(diags, diag.Diagnostic{Severity: diag.Warning, Summary: fmt.Sprintf("config skip %s has no id; ignored", c.key)})
			continue
		}
		if s.Resource != "" {
			c.re = globToRegexp(s.Resource)
		}
		if s.Expires != "" {
			t, err := time.Parse("2006-01-02", s.Expires)
			if err != nil {
				diags = append(diags, diag.Diagnostic{Severity: diag.Warning, Summary: fmt.Sprintf("config skip %s: expires %q is not a YYYY-MM-DD date; ignored", c.key, s.Expires)})
				continue
			}
			c.expires = t
		}
		out = append(out, c)
	}
	return out, diags
}

func (s compiledSkip) matches(f finding.Finding) bool {
	if s.ID != "*" && s.ID != f.CheckID {
		return false
	}
	// A glob may name the address alone or the root-qualified identity.
	return s.re == nil || s.re.MatchString(f.Resource.Identity()) ||
		(f.Resource.Address != "" && s.re.MatchString(f.Resource.Address))
}

func (s compiledSkip) expired(now time.Time) bool { return lapsed(s.expires, now) }

// globToRegexp turns a glob where "*" matches any run of characters and "?"
// one character into an anchored regular expression.
func globToRegexp(g string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range g {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
