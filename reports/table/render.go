package table

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// cell is a plain-text value and the ANSI color it is shown in.
type cell struct {
	text  string
	color string
}

// minWidth is the narrowest a shrinkable column gets before lines are
// simply cut at the terminal width.
const minWidth = 8

// table writes rows indented by two spaces, with an optional bold header.
// When a width is set and the table is wider, the shrinkable columns
// (indices, in order of preference) give up space first, down to minWidth;
// their values are cut with an ellipsis. The last column is never padded.
func (p *printer) table(header []string, rows [][]cell, shrink ...int) {
	cols := len(header)
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	widths := make([]int, cols)
	for i, h := range header {
		widths[i] = runewidth.StringWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], runewidth.StringWidth(c.text))
		}
	}
	if p.o.Width > 0 {
		total := func() int {
			n := len(gap) + len(gap)*(cols-1)
			for _, w := range widths {
				n += w
			}
			return n
		}
		for _, i := range shrink {
			if i >= cols {
				continue
			}
			if over := total() - p.o.Width; over > 0 && widths[i] > minWidth {
				widths[i] = max(minWidth, widths[i]-over)
			}
		}
	}
	if header != nil {
		cells := make([]cell, len(header))
		for i, h := range header {
			cells[i] = cell{h, ansiBold}
		}
		p.row(cells, widths)
	}
	for _, r := range rows {
		p.row(r, widths)
	}
}

// naturalWidth is the width a table needs without truncation.
func naturalWidth(header []string, rows [][]cell) int {
	var widths []int
	grow := func(i, w int) {
		for len(widths) <= i {
			widths = append(widths, 0)
		}
		widths[i] = max(widths[i], w)
	}
	for i, h := range header {
		grow(i, runewidth.StringWidth(h))
	}
	for _, r := range rows {
		for i, c := range r {
			grow(i, runewidth.StringWidth(c.text))
		}
	}
	n := len(gap) * len(widths)
	for _, w := range widths {
		n += w
	}
	return n
}

// columnOf returns column i of rows as one-cell rows.
func columnOf(rows [][]cell, i int) [][]cell {
	out := make([][]cell, 0, len(rows))
	for _, r := range rows {
		if i < len(r) {
			out = append(out, []cell{r[i]})
		}
	}
	return out
}

// blocks writes finding rows (severity, status, check, resource, location,
// message) as three-line blocks, for terminals too narrow for the table:
//
//	CRITICAL  fail  aws-sg-no-public-ssh
//	    module.net.aws_security_group.web[0]  modules/net/sg.tf:19
//	    module.net.aws_security_group.web[0] allows 0.0.0.0/0 to port 22
func (p *printer) blocks(rows [][]cell) {
	var w0, w1 int
	for _, r := range rows {
		if len(r) >= 6 {
			w0 = max(w0, runewidth.StringWidth(r[0].text))
			w1 = max(w1, runewidth.StringWidth(r[1].text))
		}
	}
	pad := func(c cell, w int) cell {
		return cell{gap + strings.Repeat(" ", w-runewidth.StringWidth(c.text)), ""}
	}
	for _, r := range rows {
		if len(r) < 6 {
			continue
		}
		p.cells([]cell{{gap, ""}, r[0], pad(r[0], w0), r[1], pad(r[1], w1), r[2]})
		where := []cell{{gap + gap, ""}, r[3]}
		if r[4].text != "" {
			where = append(where, cell{gap, ""}, r[4])
		}
		p.cells(where)
		p.cells([]cell{{gap + gap, ""}, r[5]})
	}
}

// row pads and truncates each cell to its column, then writes the line.
func (p *printer) row(cells []cell, widths []int) {
	pieces := []cell{{gap, ""}}
	for i, w := range widths {
		c := cell{}
		if i < len(cells) {
			c = cells[i]
		}
		t := c.text
		if runewidth.StringWidth(t) > w {
			t = runewidth.Truncate(t, w, ellipsis)
		}
		pad := ""
		if i < len(widths)-1 {
			pad = strings.Repeat(" ", w-runewidth.StringWidth(t)) + gap
		}
		pieces = append(pieces, cell{t, c.color}, cell{pad, ""})
	}
	p.cells(pieces)
}

// cells writes pieces as one line: cut at the terminal width (with an
// ellipsis), then colored, trailing spaces trimmed.
func (p *printer) cells(pieces []cell) {
	left := p.o.Width
	var b strings.Builder
	for _, pc := range pieces {
		t := pc.text
		if p.o.Width > 0 {
			if left <= 0 {
				break
			}
			if w := runewidth.StringWidth(t); w > left {
				t = runewidth.Truncate(t, left, ellipsis)
				left = 0
			} else {
				left -= w
			}
		}
		b.WriteString(p.color(pc.color, t))
	}
	s := b.String()
	p.emit(strings.TrimRight(s, " "))
}
