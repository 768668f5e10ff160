package markdown

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reportutil"
)

// Limits that keep a summary well inside GitHub's 1 MiB step-summary cap,
// which is shared by every step of a job.
const (
	// DefaultMaxRows is the most rows any one table shows.
	DefaultMaxRows = 200
	// DefaultMaxBytes is the size budget of the whole document.
	DefaultMaxBytes = 512 << 10
	// CommentMaxBytes is a budget for a pull-request comment: GitHub refuses
	// comment bodies over 65,536 characters.
	CommentMaxBytes = 60 << 10
	// minMaxBytes is the smallest budget honoured; smaller values are raised
	// to it so the fixed head of the document always fits.
	minMaxBytes = 4 << 10
	// reserve is kept free for the notes and closing tags written after the
	// budget is reached (the footer's length is added to it).
	reserve = 1 << 10
	// Longest cell contents, in runes, before truncation with an ellipsis.
	maxMessageRunes  = 500
	maxResourceRunes = 200
	maxPathRunes     = 200
	maxTitleRunes    = 160
	maxToolRunes     = 64
)

// Options tune the summary.
type Options struct {
	// FailOn is the lowest severity that fails the scan (the CLI's --fail-on);
	// it decides the verdict. finding.SeverityNone never fails.
	FailOn finding.Severity
	// MaxRows caps the rows of each table; 0 or less means DefaultMaxRows.
	MaxRows int
	// MaxBytes caps the size of the document; 0 or less means
	// DefaultMaxBytes. Values below 4 KiB are raised to 4 KiB.
	MaxBytes int
	// LinkBase, when it is an http(s) URL, prefixes the file links, e.g.
	// "https://github.com/OWNER/REPO/blob/SHA/infra/" (ending at the scanned
	// root, since finding paths are relative to it). Empty: links are
	// relative to the document. The writer reads no environment variables;
	// the caller builds this from them if it wants to.
	LinkBase string
}

// DefaultOptions are the options Write uses: fail on low and above, 200 rows
// per table, 512 KiB in all.
func DefaultOptions() Options {
	return Options{FailOn: finding.SeverityLow, MaxRows: DefaultMaxRows, MaxBytes: DefaultMaxBytes}
}

// Write renders r as a Markdown summary to w with DefaultOptions.
func Write(w io.Writer, r *finding.Report) error {
	return WriteOptions(w, r, DefaultOptions())
}

// WriteOptions renders r as a Markdown summary to w. The document is built
// in memory and written with a single call, so w sees all of it or an error.
func WriteOptions(w io.Writer, r *finding.Report, opts Options) error {
	if w == nil {
		return errors.New("markdown report: nil writer")
	}
	if r == nil {
		return errors.New("markdown report: nil report")
	}
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxBytes < minMaxBytes {
		opts.MaxBytes = minMaxBytes
	}
	d := &doc{opts: opts, footer: footer(r.Tool), links: newLinker(opts.LinkBase)}
	d.render(r)
	if _, err := io.WriteString(w, d.b.String()); err != nil {
		return fmt.Errorf("markdown report: %w", err)
	}
	return nil
}

// doc is one document being rendered under a size budget.
type doc struct {
	b    strings.Builder
	opts Options
	// full is set once something did not fit; nothing optional is added after.
	full bool
	// notes are written at the end, about what the budget left out.
	notes []string
	// footer closes the document; its length is part of the reserve.
	footer string
	links  linker
}

// linker renders locations, linking files under base.
type linker struct {
	base string
}

// newLinker accepts base only when it is an absolute http(s) URL that
// cannot break out of the link; it adds the final slash.
func newLinker(base string) linker {
	web := strings.HasPrefix(base, "https://") || strings.HasPrefix(base, "http://")
	if !web || strings.ContainsAny(base, " <>()[]|`\"\\") || clean(base) != base || len(base) > 2048 {
		return linker{}
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return linker{base: base}
}

// fits reports whether s can be added within the budget, and marks the
// document full when it cannot.
func (d *doc) fits(s string) bool {
	if d.full {
		return false
	}
	if d.b.Len()+len(s)+reserve+len(d.footer) > d.opts.MaxBytes {
		d.full = true
		return false
	}
	return true
}

// tally counts a report's findings by status.
type tally struct {
	failBySeverity [finding.SeverityCritical + 1]int
	fail, counting int
	pass           int
	suppressed     int
	unknown        int
	baseline       int
	errored        int
	errorDiags     int
}

func count(r *finding.Report, failOn finding.Severity) tally {
	var t tally
	for _, f := range r.Findings {
		switch f.Status {
		case finding.StatusFail:
			t.fail++
			if f.Severity >= finding.SeverityNone && f.Severity <= finding.SeverityCritical {
				t.failBySeverity[f.Severity]++
			}
			if f.Counts(failOn) {
				t.counting++
			}
		case finding.StatusPass:
			t.pass++
		case finding.StatusSuppressed:
			t.suppressed++
		case finding.StatusUnknown:
			t.unknown++
		case finding.StatusBaseline:
			t.baseline++
		case finding.StatusError:
			t.errored++
		}
	}
	for _, dg := range r.Diagnostics {
		if dg.Severity == "error" {
			t.errorDiags++
		}
	}
	return t
}

func (d *doc) render(r *finding.Report) {
	fs := append([]finding.Finding(nil), r.Findings...)
	finding.Sort(fs)
	t := count(r, d.opts.FailOn)

	d.title(t)
	d.head(r, t)

	var fails, suppressed, unknown, errored []finding.Finding
	for _, f := range fs {
		switch f.Status {
		case finding.StatusFail:
			fails = append(fails, f)
		case finding.StatusSuppressed:
			suppressed = append(suppressed, f)
		case finding.StatusUnknown:
			unknown = append(unknown, f)
		case finding.StatusError:
			errored = append(errored, f)
		}
	}
	d.checkTables(r, fails)

	if t.suppressed > 0 {
		fmt.Fprintf(&d.b, "%s suppressed by inline comments or the config file; they do not count for the exit status.\n\n", plural(t.suppressed, "finding", "findings"))
	}
	d.details(fmt.Sprintf("Suppressed findings (%d)", len(suppressed)),
		"| check | resource | location | kind | justification | expires |\n|---|---|---|---|---|---|\n",
		rows(suppressed, d.links.suppressedRow), "findings")
	d.details(fmt.Sprintf("Undecided findings: values that could not be resolved (%d)", len(unknown)),
		"| check | resource | location | message |\n|---|---|---|---|\n",
		rows(unknown, d.links.messageRow), "findings")
	d.details(fmt.Sprintf("Checks not evaluated (%d)", len(errored)),
		"| check | resource | location | message |\n|---|---|---|---|\n",
		rows(errored, d.links.messageRow), "results")
	diagRows := make([]string, 0, len(r.Diagnostics))
	for _, dg := range r.Diagnostics {
		diagRows = append(diagRows, d.links.diagnosticRow(dg))
	}
	// Diagnostics start open when the scan failed: they say why.
	d.detailsOpen(fmt.Sprintf("Diagnostics (%d)", len(r.Diagnostics)),
		"| severity | location | message |\n|---|---|---|\n",
		diagRows, "diagnostics", t.errorDiags > 0)

	for _, n := range d.notes {
		d.b.WriteString(n)
	}
	d.b.WriteString(d.footer)
}

// footer names the tool and its version.
func footer(tool finding.Tool) string {
	name := tool.Name
	if name == "" {
		name = "kansa"
	}
	s := "_Report by " + text(name, maxToolRunes)
	if tool.Version != "" {
		s += " " + text(tool.Version, maxToolRunes)
	}
	return s + "._\n"
}

// title writes the first line: the verdict.
func (d *doc) title(t tally) {
	failOn := d.opts.FailOn
	var s string
	switch {
	case t.errorDiags > 0:
		s = "## ⚠️ kansa: scan error — " + plural(t.errorDiags, "error", "errors")
		if t.counting > 0 {
			s += ", " + plural(t.counting, "finding", "findings") + " at or above " + failOn.String()
		}
	case t.counting > 0:
		s = "## ❌ kansa: failed — " + plural(t.counting, "finding", "findings") + " at or above " + failOn.String()
	case t.fail == 0:
		s = "## ✅ kansa: passed — no failing findings"
	case failOn == finding.SeverityNone:
		s = "## ✅ kansa: passed — " + plural(t.fail, "failing finding", "failing findings") + " (fail-on: none)"
	default:
		s = "## ✅ kansa: passed — " + plural(t.fail, "failing finding", "failing findings") + ", none at or above " + failOn.String()
	}
	d.b.WriteString(s + "\n\n")
}

// head writes the target line, the severity totals and the other counts.
func (d *doc) head(r *finding.Report, t tally) {
	var parts []string
	if r.Target != "" {
		parts = append(parts, "Target: "+code(r.Target, maxResourceRunes, false))
	}
	parts = append(parts, plural(len(r.Rules), "check", "checks")+" evaluated")
	if d.opts.FailOn == finding.SeverityNone {
		parts = append(parts, "fail-on: none")
	} else {
		parts = append(parts, "fail-on: "+d.opts.FailOn.String())
	}
	d.b.WriteString(strings.Join(parts, " · ") + "\n\n")

	d.b.WriteString("| failing | critical | high | medium | low |\n|---|---:|---:|---:|---:|\n")
	fmt.Fprintf(&d.b, "| %d | %d | %d | %d | %d |\n\n", t.fail,
		t.failBySeverity[finding.SeverityCritical], t.failBySeverity[finding.SeverityHigh],
		t.failBySeverity[finding.SeverityMedium], t.failBySeverity[finding.SeverityLow])

	fmt.Fprintf(&d.b, "%d passed · %d suppressed · %d unknown · %d baseline · %d not evaluated · %s\n\n",
		t.pass, t.suppressed, t.unknown, t.baseline, t.errored, plural(len(r.Diagnostics), "diagnostic", "diagnostics"))
}

// checkGroup is the failures of one check.
type checkGroup struct {
	id       string
	severity finding.Severity
	fails    []finding.Finding
}

// checkTables writes one section per check with failures, worst first.
func (d *doc) checkTables(r *finding.Report, fails []finding.Finding) {
	var groups []*checkGroup
	byID := map[string]*checkGroup{}
	for _, f := range fails {
		g := byID[f.CheckID]
		if g == nil {
			g = &checkGroup{id: f.CheckID, severity: f.Severity}
			byID[f.CheckID] = g
			groups = append(groups, g)
		}
		if f.Severity > g.severity {
			g.severity = f.Severity
		}
		g.fails = append(g.fails, f)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if groups[i].severity != groups[j].severity {
			return groups[i].severity > groups[j].severity
		}
		return groups[i].id < groups[j].id
	})

	skippedChecks, skippedFindings := 0, 0
	for _, g := range groups {
		heading := "### " + code(g.id, maxResourceRunes, false) + " · " + g.severity.String()
		if rule, ok := r.RuleByID(g.id); ok && rule.Title != "" {
			heading += " · " + text(rule.Title, maxTitleRunes)
		}
		heading += fmt.Sprintf(" (%d)\n\n", len(g.fails))
		rs := rows(g.fails, d.links.failRow)
		if !d.fits(heading + tableHeadFail + firstOr(rs)) {
			skippedChecks++
			skippedFindings += len(g.fails)
			continue
		}
		d.b.WriteString(heading)
		d.table(tableHeadFail, rs, "findings")
		d.b.WriteString("\n")
	}
	if skippedChecks > 0 {
		d.notes = append(d.notes, fmt.Sprintf("_%s with %s not shown: the summary reached its size limit. The SARIF, JUnit and JSON reports have every finding._\n\n",
			plural(skippedChecks, "more check", "more checks"), plural(skippedFindings, "failing finding", "failing findings")))
	}
}

const tableHeadFail = "| resource | location | message |\n|---|---|---|\n"

// table writes head and as many rows as the row limit and the budget allow,
// then a note counting the rows left out.
func (d *doc) table(head string, rs []string, noun string) {
	n := 0
	for _, row := range rs {
		if n >= d.opts.MaxRows {
			break
		}
		add := row
		if n == 0 {
			add = head + row
		}
		if !d.fits(add) {
			break
		}
		d.b.WriteString(add)
		n++
	}
	if rest := len(rs) - n; rest > 0 {
		if n > 0 {
			d.b.WriteString("\n")
		}
		fmt.Fprintf(&d.b, "_%d more %s not shown._\n", rest, noun)
	}
}

// details writes a collapsed section holding a table, or nothing when there
// are no rows.
func (d *doc) details(summary, head string, rs []string, noun string) {
	d.detailsOpen(summary, head, rs, noun, false)
}

// detailsOpen is details, expanded from the start when expanded is true.
func (d *doc) detailsOpen(summary, head string, rs []string, noun string, expanded bool) {
	if len(rs) == 0 {
		return
	}
	tag := "<details>"
	if expanded {
		tag = "<details open>"
	}
	open := tag + "<summary>" + summary + "</summary>\n\n"
	if !d.fits(open + head + rs[0]) {
		d.notes = append(d.notes, "_"+summary+" not shown: the summary reached its size limit._\n\n")
		return
	}
	d.b.WriteString(open)
	d.table(head, rs, noun)
	d.b.WriteString("\n</details>\n\n")
}

func rows(fs []finding.Finding, row func(finding.Finding) string) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, row(f))
	}
	return out
}

func firstOr(rs []string) string {
	if len(rs) == 0 {
		return ""
	}
	return rs[0]
}

func (l linker) failRow(f finding.Finding) string {
	return "| " + code(reportutil.Identity(f), maxResourceRunes, true) + " | " + l.findingLocation(f) + " | " + text(f.Message, maxMessageRunes) + " |\n"
}

func (l linker) messageRow(f finding.Finding) string {
	return "| " + code(f.CheckID, maxResourceRunes, true) + " | " + code(reportutil.Identity(f), maxResourceRunes, true) + " | " + l.findingLocation(f) + " | " + text(f.Message, maxMessageRunes) + " |\n"
}

func (l linker) suppressedRow(f finding.Finding) string {
	kind, why, expires := "", "", ""
	if s := f.Suppression; s != nil {
		switch s.Kind {
		case "inSource":
			kind = "inline"
		case "external":
			kind = "config file"
		default:
			kind = text(s.Kind, maxTitleRunes)
		}
		why = text(s.Justification, maxMessageRunes)
		expires = text(s.Expires, maxTitleRunes)
	}
	return "| " + code(f.CheckID, maxResourceRunes, true) + " | " + code(reportutil.Identity(f), maxResourceRunes, true) + " | " + l.findingLocation(f) + " | " + kind + " | " + why + " | " + expires + " |\n"
}

func (l linker) diagnosticRow(dg finding.DiagnosticRef) string {
	loc := ""
	if dg.File != "" {
		loc = l.fileLocation(dg.File, dg.Line, dg.Column)
	}
	return "| " + text(dg.Severity, maxTitleRunes) + " | " + loc + " | " + text(dg.Message, maxMessageRunes) + " |\n"
}

// findingLocation is file:line (a relative link when the path is safe to
// link) for code, else region and account for live resources.
func (l linker) findingLocation(f finding.Finding) string {
	line := f.StartLine
	if line <= 0 {
		line = f.Resource.StartLine
	}
	if f.Resource.File != "" {
		return l.fileLocation(f.Resource.File, line, 0)
	}
	var parts []string
	if f.Resource.Region != "" {
		parts = append(parts, text(f.Resource.Region, maxTitleRunes))
	}
	if f.Resource.Account != "" {
		parts = append(parts, text(f.Resource.Account, maxTitleRunes))
	}
	return strings.Join(parts, " · ")
}

// fileLocation renders file:line[:col]. A clean relative path becomes a
// link: relative to the document (no host, so nothing depends on the CI
// environment), or under Options.LinkBase when the caller gave one; any
// other path is plain text.
func (l linker) fileLocation(file string, line, col int) string {
	label := file
	if line > 0 {
		label += ":" + strconv.Itoa(line)
		if col > 0 {
			label += ":" + strconv.Itoa(col)
		}
	}
	label = text(label, maxPathRunes)
	if !linkable(file) {
		return label
	}
	dest := l.base + escapePath(file)
	if line > 0 {
		dest += "#L" + strconv.Itoa(line)
	}
	return "[" + label + "](" + dest + ")"
}
