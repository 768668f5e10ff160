package waiver

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/kansa-sec/kansa/internal/diag"
)

// Directive is one inline `kansa:ignore` comment.
type Directive struct {
	// IDs are the check IDs the directive suppresses.
	IDs []string
	// Reason is the justification given with reason="...".
	Reason string
	// Expires is the last day the directive applies (zero: never expires).
	Expires time.Time
	// File and Line locate the comment.
	File string
	Line int
}

// Covers reports whether the directive suppresses check id.
func (d Directive) Covers(id string) bool {
	for _, x := range d.IDs {
		if x == id {
			return true
		}
	}
	return false
}

// Expired reports whether the directive has lapsed at now: it applies
// through the whole of its expiry day (UTC).
func (d Directive) Expired(now time.Time) bool { return lapsed(d.Expires, now) }

// lapsed reports whether a suppression whose last day is last no longer
// applies at now; the zero time never lapses. Inline directives and config
// skips share this rule.
func lapsed(last, now time.Time) bool {
	return !last.IsZero() && now.UTC().After(last.Add(24*time.Hour-time.Nanosecond))
}

const marker = "kansa:ignore"

var (
	checkIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	dateRe    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// FileDirectives are the inline directives of one source file.
type FileDirectives struct {
	// ByLine maps a 1-based line number to the directive written on it.
	ByLine map[int]Directive
	// commentOnly marks lines that hold nothing but a comment, so a stack of
	// comments above a block is searched as one.
	commentOnly map[int]bool
}

// Above returns the directives in the run of comment-only lines directly
// above line (nearest first).
func (f FileDirectives) Above(line int) []Directive {
	var out []Directive
	for l := line - 1; l >= 1 && f.commentOnly[l]; l-- {
		if d, ok := f.ByLine[l]; ok {
			out = append(out, d)
		}
	}
	return out
}

// ParseFile finds every inline directive in src. It returns them with a
// warning diagnostic for each malformed one (which is then ignored: a typo
// must not silently waive a finding).
func ParseFile(file string, src []byte) (FileDirectives, diag.Diagnostics) {
	out := FileDirectives{ByLine: map[int]Directive{}, commentOnly: map[int]bool{}}
	var diags diag.Diagnostics
	if !bytes.Contains(src, []byte(marker)) {
		return out, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		comment := commentStart(text)
		if comment >= 0 && strings.TrimSpace(text[:comment]) == "" {
			out.commentOnly[line] = true
		}
		idx := strings.Index(text, marker)
		if idx < 0 || comment < 0 || comment > idx {
			continue // no directive, or "kansa:ignore" inside a string
		}
		d, err := parseDirective(text[idx+len(marker):])
		if err != nil {
			diags = append(diags, diag.Warnf(file, line, idx+1, "ignoring malformed kansa:ignore comment: %v", err))
			continue
		}
		d.File, d.Line = file, line
		out.ByLine[line] = d
	}
	if err := sc.Err(); err != nil {
		diags = append(diags, diag.Warnf(file, line, 0, "reading kansa:ignore comments: %v", err))
	}
	return out, diags
}

// commentStart returns the byte offset of the first comment opener (#, // or
// /*) outside a double-quoted string, or -1.
func commentStart(s string) int {
	inStr := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '#':
			return i
		case c == '/' && i+1 < len(s) && (s[i+1] == '/' || s[i+1] == '*'):
			return i
		}
	}
	return -1
}

// parseDirective parses what follows "kansa:ignore": IDs (comma separated),
// then optional reason="..." and exp:YYYY-MM-DD in any order.
func parseDirective(rest string) (Directive, error) {
	var d Directive
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "*/"))
	if rest == "" {
		return d, fmt.Errorf("no check ID (want: kansa:ignore CHECK-ID reason=\"...\")")
	}
	ids, rest := splitWord(rest)
	for _, id := range strings.Split(ids, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if !checkIDRe.MatchString(id) {
			return d, fmt.Errorf("invalid check ID %q", id)
		}
		d.IDs = append(d.IDs, id)
	}
	if len(d.IDs) == 0 {
		return d, fmt.Errorf("no check ID")
	}
	for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
		switch {
		case strings.HasPrefix(rest, "reason="):
			v, r, err := parseValue(rest[len("reason="):])
			if err != nil {
				return d, fmt.Errorf("reason: %w", err)
			}
			d.Reason, rest = v, r
		case strings.HasPrefix(rest, "exp:"), strings.HasPrefix(rest, "exp="):
			var v string
			v, rest = splitWord(rest[4:])
			if !dateRe.MatchString(v) {
				return d, fmt.Errorf("expiry %q is not a YYYY-MM-DD date", v)
			}
			t, err := time.Parse("2006-01-02", v)
			if err != nil {
				return d, fmt.Errorf("expiry %q: %w", v, err)
			}
			d.Expires = t
		default:
			w, _ := splitWord(rest)
			return d, fmt.Errorf("unexpected %q (want reason=\"...\" or exp:YYYY-MM-DD)", w)
		}
	}
	return d, nil
}

func splitWord(s string) (word, rest string) {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// parseValue reads a double-quoted string (with \" escapes) or a bare word.
func parseValue(s string) (string, string, error) {
	if !strings.HasPrefix(s, `"`) {
		w, rest := splitWord(s)
		return w, rest, nil
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '"':
			return b.String(), s[i+1:], nil
		default:
			b.WriteByte(c)
		}
	}
	return "", "", fmt.Errorf("unterminated quoted string")
}
