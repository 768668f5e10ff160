package table

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/reports/internal/reportutil"
)

// Options controls the rendering.
type Options struct {
	// Color adds ANSI colors (severities, statuses, headings).
	Color bool
	// Width truncates every line to this many terminal columns; 0 means no
	// limit.
	Width int
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiBRed   = "\x1b[1;31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiMag    = "\x1b[35m"
	ansiGreen  = "\x1b[32m"
	ansiDim    = "\x1b[2m"
	gap        = "  "
	ellipsis   = "…"
)

// Write renders r on w. A nil report renders as an empty one. Every string
// from the report is reduced to one line of printable text, so a message
// cannot move the cursor or recolor the terminal.
func Write(w io.Writer, r *finding.Report, o Options) error {
	r = reportutil.OrEmpty(r)
	bw := bufio.NewWriter(w)
	p := &printer{w: bw, o: o}
	p.report(r)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

type printer struct {
	w *bufio.Writer
	o Options
}

// emit writes s and a newline. bufio.Writer errors are sticky: Write
// reports the first one when it flushes, so they are not checked here.
func (p *printer) emit(s string) {
	_, _ = p.w.WriteString(s)
	_ = p.w.WriteByte('\n')
}

func (p *printer) color(code, s string) string {
	if !p.o.Color || code == "" || s == "" {
		return s
	}
	return code + s + ansiReset
}

// line writes one line, truncated to the width. s must be plain text; the
// colors are applied by the caller after truncation (see row).
func (p *printer) line(s string) {
	if p.o.Width > 0 && runewidth.StringWidth(s) > p.o.Width {
		s = runewidth.Truncate(s, p.o.Width, ellipsis)
	}
	p.emit(strings.TrimRight(s, " "))
}

func (p *printer) heading(s string) {
	if p.o.Width > 0 && runewidth.StringWidth(s) > p.o.Width {
		s = runewidth.Truncate(s, p.o.Width, ellipsis)
	}
	p.emit(p.color(ansiBold, s))
}

func (p *printer) report(r *finding.Report) {
	rules := reportutil.Rules(r)
	title := "kansa"
	if v := reportutil.Line(r.Tool.Version); v != "" {
		title += " " + v
	}
	if t := reportutil.Line(r.Target); t != "" {
		title += " · " + t
	}
	p.heading(title)

	if len(r.Diagnostics) > 0 {
		p.emit("")
		p.heading("Diagnostics")
		var rows [][]cell
		for _, d := range r.Diagnostics {
			sev := reportutil.Line(d.Severity)
			if sev == "" {
				sev = "note"
			}
			code := ansiYellow
			if sev == "error" {
				code = ansiBRed
			}
			msg := reportutil.Line(d.Message)
			if msg == "" {
				msg = "(no message)"
			}
			rows = append(rows, []cell{{sev, code}, {diagLocation(d), ""}, {msg, ""}})
		}
		p.table(nil, rows, 2)
	}

	p.emit("")
	listed, hidden := attention(r.Findings)
	if len(listed) == 0 {
		switch {
		case len(r.Findings) == 0:
			p.line("No findings.")
		default:
			p.line("No failing findings.")
		}
	} else {
		p.heading("Findings")
		rows := make([][]cell, 0, len(listed))
		for _, f := range listed {
			rows = append(rows, []cell{
				{strings.ToUpper(severityName(f.Severity)), severityColor(f.Severity)},
				{statusName(f.Status), statusColor(f.Status)},
				{reportutil.RuleID(f.CheckID), ""},
				{reportutil.Line(reportutil.Identity(f)), ""},
				{reportutil.Line(reportutil.Location(f)), ansiDim},
				{reportutil.Message(f), ""},
			})
		}
		header := []string{"SEVERITY", "STATUS", "CHECK", "RESOURCE", "LOCATION", "MESSAGE"}
		// Too wide: cut messages while at least minMessage columns of them
		// remain, else switch to blocks.
		const minMessage = 30
		natural := naturalWidth(header, rows)
		msg := naturalWidth(header[5:], columnOf(rows, 5)) - len(gap)
		switch {
		case p.o.Width == 0 || natural <= p.o.Width:
			p.table(header, rows)
		case p.o.Width-(natural-msg) >= minMessage:
			p.table(header, rows, 5)
		default:
			p.blocks(rows)
		}
	}
	if hidden != "" {
		p.line(hidden)
	}

	if len(rules) > 0 {
		p.emit("")
		p.heading("Checks")
		p.table([]string{"CHECK", "SEVERITY", "FAILING", "TOTAL", "NOTES"}, checkRows(rules, r.Findings), 4, 0)
	}

	p.emit("")
	for _, l := range totals(r.Findings) {
		p.line(l)
	}
}

// attention returns the findings listed individually (failures, errors,
// unknowns: most severe first, canonical order within a severity) and a
// line counting those that are not (suppressed, baseline).
func attention(fs []finding.Finding) ([]finding.Finding, string) {
	var listed []finding.Finding
	var suppressed, baseline int
	for _, f := range fs {
		switch f.Status {
		case finding.StatusPass:
		case finding.StatusSuppressed:
			suppressed++
		case finding.StatusBaseline:
			baseline++
		default:
			listed = append(listed, f)
		}
	}
	sort.SliceStable(listed, func(i, j int) bool {
		a, b := listed[i], listed[j]
		if ra, rb := statusRank(a.Status), statusRank(b.Status); ra != rb {
			return ra < rb
		}
		return a.Severity > b.Severity
	})
	var parts []string
	if suppressed > 0 {
		parts = append(parts, strconv.Itoa(suppressed)+" suppressed")
	}
	if baseline > 0 {
		parts = append(parts, strconv.Itoa(baseline)+" baseline")
	}
	if len(parts) == 0 {
		return listed, ""
	}
	return listed, "Not listed: " + strings.Join(parts, ", ") + " (in the JSON and SARIF reports)."
}

func statusRank(s finding.Status) int {
	switch s {
	case finding.StatusFail:
		return 0
	case finding.StatusError:
		return 1
	}
	return 2
}

// checkRows is the posture by check: failing and total resources, checks
// with failures first, most severe first, report order otherwise.
func checkRows(rules []finding.Rule, fs []finding.Finding) [][]cell {
	type tally struct {
		resources map[string]finding.Status // worst status per resource
		order     []string
	}
	index := reportutil.NewIndex(rules)
	tallies := make([]tally, len(rules))
	for _, f := range fs {
		t := &tallies[index.Of(f.CheckID)]
		if t.resources == nil {
			t.resources = map[string]finding.Status{}
		}
		id := reportutil.Identity(f)
		prev, seen := t.resources[id]
		if !seen {
			t.order = append(t.order, id)
		}
		if !seen || worse(f.Status, prev) {
			t.resources[id] = f.Status
		}
	}
	type row struct {
		rule  finding.Rule
		fail  int
		total int
		notes []string
		pos   int
	}
	rows := make([]row, 0, len(rules))
	for i, x := range rules {
		t := tallies[i]
		counts := map[finding.Status]int{}
		for _, id := range t.order {
			counts[t.resources[id]]++
		}
		rw := row{rule: x, fail: counts[finding.StatusFail], total: len(t.order), pos: i}
		for _, s := range []finding.Status{finding.StatusError, finding.StatusUnknown, finding.StatusSuppressed, finding.StatusBaseline} {
			if n := counts[s]; n > 0 {
				rw.notes = append(rw.notes, strconv.Itoa(n)+" "+string(s))
			}
		}
		other := rw.total - rw.fail - counts[finding.StatusPass] - counts[finding.StatusError] - counts[finding.StatusUnknown] - counts[finding.StatusSuppressed] - counts[finding.StatusBaseline]
		if other > 0 {
			rw.notes = append(rw.notes, strconv.Itoa(other)+" other")
		}
		if rw.total == 0 {
			rw.notes = append(rw.notes, "no resources")
		}
		rows = append(rows, rw)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.fail > 0) != (b.fail > 0) {
			return a.fail > 0
		}
		return a.rule.Severity > b.rule.Severity
	})
	out := make([][]cell, 0, len(rows))
	for _, rw := range rows {
		failColor := ansiGreen
		if rw.fail > 0 {
			failColor = ansiRed
		}
		out = append(out, []cell{
			{reportutil.RuleID(rw.rule.ID), ""},
			{severityName(rw.rule.Severity), severityColor(rw.rule.Severity)},
			{strconv.Itoa(rw.fail), failColor},
			{strconv.Itoa(rw.total), ""},
			{strings.Join(rw.notes, ", "), ansiDim},
		})
	}
	return out
}

// worse orders statuses for one resource: fail > error > unknown >
// suppressed > baseline > pass.
func worse(a, b finding.Status) bool {
	rank := func(s finding.Status) int {
		switch s {
		case finding.StatusFail:
			return 6
		case finding.StatusError:
			return 5
		case finding.StatusSuppressed:
			return 3
		case finding.StatusBaseline:
			return 2
		case finding.StatusPass:
			return 1
		}
		return 4 // unknown and anything unrecognized
	}
	return rank(a) > rank(b)
}

func totals(fs []finding.Finding) []string {
	var bySev [5]int
	counts := map[finding.Status]int{}
	for _, f := range fs {
		counts[f.Status]++
		if f.Status == finding.StatusFail {
			s := min(max(f.Severity, finding.SeverityLow), finding.SeverityCritical)
			bySev[s]++
		}
	}
	fail := counts[finding.StatusFail]
	return []string{
		fmt.Sprintf("%s: critical %d, high %d, medium %d, low %d.", plural(fail, "failure", "failures"),
			bySev[finding.SeverityCritical], bySev[finding.SeverityHigh], bySev[finding.SeverityMedium], bySev[finding.SeverityLow]),
		fmt.Sprintf("%d passed, %d suppressed, %d baseline, %d unknown, %s.",
			counts[finding.StatusPass], counts[finding.StatusSuppressed], counts[finding.StatusBaseline], counts[finding.StatusUnknown],
			plural(counts[finding.StatusError], "error", "errors")),
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func severityName(s finding.Severity) string {
	if s < finding.SeverityNone || s > finding.SeverityCritical {
		return "unknown"
	}
	return s.String()
}

func severityColor(s finding.Severity) string {
	switch s {
	case finding.SeverityCritical:
		return ansiBRed
	case finding.SeverityHigh:
		return ansiRed
	case finding.SeverityMedium:
		return ansiYellow
	case finding.SeverityLow:
		return ansiCyan
	}
	return ""
}

func statusName(s finding.Status) string {
	switch s {
	case finding.StatusFail, finding.StatusError, finding.StatusUnknown:
		return string(s)
	}
	return "unknown"
}

func statusColor(s finding.Status) string {
	switch s {
	case finding.StatusFail:
		return ansiRed
	case finding.StatusError:
		return ansiMag
	}
	return ansiYellow
}

func diagLocation(d finding.DiagnosticRef) string {
	loc := reportutil.Line(d.File)
	if loc != "" && d.Line > 0 {
		loc += ":" + strconv.Itoa(d.Line)
		if d.Column > 0 {
			loc += ":" + strconv.Itoa(d.Column)
		}
	}
	return loc
}
