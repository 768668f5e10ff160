package reportutil

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kansa-sec/kansa/internal/finding"
)

// OrEmpty returns r, or an empty report when r is nil, so writers never
// dereference nil.
func OrEmpty(r *finding.Report) *finding.Report {
	if r == nil {
		return &finding.Report{}
	}
	return r
}

// Rules returns the rules a report renders, in report order: the first rule
// of each ID in r.Rules, then a placeholder rule (ID, severity of its first
// finding) for every check ID that has findings but no rule, sorted by ID.
// IDs are compared as RuleID prints them, so every finding's check has
// exactly one rule in the result and no two rules print the same ID.
func Rules(r *finding.Report) []finding.Rule {
	seen := make(map[string]bool, len(r.Rules))
	out := make([]finding.Rule, 0, len(r.Rules))
	for _, x := range r.Rules {
		if id := RuleID(x.ID); !seen[id] {
			seen[id] = true
			out = append(out, x)
		}
	}
	var extra []finding.Rule
	for _, f := range r.Findings {
		if id := RuleID(f.CheckID); !seen[id] {
			seen[id] = true
			extra = append(extra, finding.Rule{ID: f.CheckID, Title: f.CheckID, Severity: f.Severity})
		}
	}
	sort.SliceStable(extra, func(i, j int) bool { return extra[i].ID < extra[j].ID })
	return append(out, extra...)
}

// RuleID is a check ID as reports print it: one printable line, never
// empty ("unnamed-check").
func RuleID(id string) string {
	if s := Line(id); s != "" {
		return s
	}
	return "unnamed-check"
}

// Index finds rules by check ID.
type Index map[string]int

// NewIndex indexes rules (as returned by Rules) by their printed ID.
func NewIndex(rules []finding.Rule) Index {
	m := make(Index, len(rules))
	for i, x := range rules {
		if _, ok := m[RuleID(x.ID)]; !ok {
			m[RuleID(x.ID)] = i
		}
	}
	return m
}

// Of returns the position of the rule of checkID (0 when there is none,
// which cannot happen for the findings of the report the rules came from).
func (ix Index) Of(checkID string) int {
	return ix[RuleID(checkID)]
}

// ValidUTF8 replaces invalid UTF-8 sequences with U+FFFD.
func ValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// Text returns s as valid UTF-8 without control characters other than tab
// and newline (a carriage return becomes a newline, CRLF one newline). It is
// the form of a string safe in every report format, including XML 1.0.
func Text(s string) string {
	s = ValidUTF8(s)
	if !strings.ContainsFunc(s, badRune) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		switch {
		case c == '\r':
			b.WriteByte('\n')
		case badRune(c):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// badRune reports characters that XML 1.0 forbids or a terminal interprets:
// C0/C1 controls other than tab and newline, and the non-characters U+FFFE
// and U+FFFF.
func badRune(c rune) bool {
	if c == '\t' || c == '\n' {
		return false
	}
	return unicode.IsControl(c) || c == 0xFFFE || c == 0xFFFF
}

// Line returns s as a single line of printable text: Text, with every run
// of whitespace (newlines included) collapsed to one space and trimmed.
func Line(s string) string {
	return strings.Join(strings.Fields(Text(s)), " ")
}

// FrameworkTags returns one tag per framework control of the rule, as
// "<NAME>-<version>-<control>" with the name upper-cased ("CIS-AWS-5.0.0-5.3",
// "PCI-DSS-4.0-10.5.1"), in metadata order, without duplicates or spaces.
func FrameworkTags(rule finding.Rule) []string {
	var tags []string
	seen := map[string]bool{}
	for _, fw := range rule.Frameworks {
		name := strings.ToUpper(tagPart(fw.Name))
		if name == "" {
			continue
		}
		prefix := name
		if v := tagPart(fw.Version); v != "" {
			prefix += "-" + v
		}
		controls := fw.Controls
		if len(controls) == 0 {
			controls = []string{""}
		}
		for _, c := range controls {
			t := prefix
			if c := tagPart(c); c != "" {
				t += "-" + c
			}
			if !seen[t] {
				seen[t] = true
				tags = append(tags, t)
			}
		}
	}
	return tags
}

// tagPart makes s usable inside a tag: printable, no whitespace.
func tagPart(s string) string {
	return strings.Join(strings.Fields(Line(s)), "-")
}

// Lines returns the 1-based line range a finding points at: the finding's
// own lines, else its resource's, never below 1, end never before start.
// ok is false when neither carries a line (start and end are then 1).
func Lines(f finding.Finding) (start, end int, ok bool) {
	start, end = f.StartLine, f.EndLine
	if start < 1 {
		start, end = f.Resource.StartLine, f.Resource.EndLine
	}
	ok = start >= 1
	if start < 1 {
		start = 1
	}
	if end < start {
		end = start
	}
	return start, end, ok
}

// Identity names the finding's resource: its address, else its ARN, else
// its file, else its type, else "(unknown resource)".
func Identity(f finding.Finding) string {
	switch {
	case f.Resource.Identity() != "":
		return f.Resource.Identity()
	case f.Resource.File != "":
		return f.Resource.File
	case f.Resource.Type != "":
		return f.Resource.Type
	}
	return "(unknown resource)"
}

// Location renders "file:line" (or "file" without a line, "" without a file).
func Location(f finding.Finding) string {
	if f.Resource.File == "" {
		return ""
	}
	start, _, ok := Lines(f)
	if !ok {
		return f.Resource.File
	}
	return f.Resource.File + ":" + strconv.Itoa(start)
}

// Message is the finding's message, or a sentence naming the resource and
// the check when the policy gave none.
func Message(f finding.Finding) string {
	if m := Line(f.Message); m != "" {
		return m
	}
	return Line(Identity(f)) + " does not satisfy " + RuleID(f.CheckID)
}
