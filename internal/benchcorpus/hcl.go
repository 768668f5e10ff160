package benchcorpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// file builds one HCL file line by line with two-space indentation.
type file struct {
	strings.Builder
	depth int
}

// l writes one line: format with args, indented.
func (f *file) l(format string, args ...any) {
	f.WriteString(strings.Repeat("  ", f.depth))
	if len(args) == 0 {
		f.WriteString(format)
	} else {
		fmt.Fprintf(f, format, args...)
	}
	f.WriteByte('\n')
}

// open writes "header {" and indents.
func (f *file) open(format string, args ...any) {
	if format == "" {
		f.l("{")
	} else {
		f.l(format+" {", args...)
	}
	f.depth++
}

// close dedents and writes "}".
func (f *file) close() {
	f.depth--
	f.l("}")
}

// blank writes an empty line.
func (f *file) blank() { f.WriteByte('\n') }

// attr writes name = value with the value already in HCL syntax.
func (f *file) attr(name, value string) { f.l("%s = %s", name, value) }

// variable writes a variable block.
func (f *file) variable(name, typ, desc, def string) {
	f.open("variable %q", name)
	f.attr("description", q(desc))
	f.attr("type", typ)
	if def != "" {
		f.attr("default", def)
	}
	f.close()
	f.blank()
}

// output writes an output block.
func (f *file) output(name, desc, value string) {
	f.open("output %q", name)
	f.attr("description", q(desc))
	f.attr("value", value)
	f.close()
	f.blank()
}

// q quotes s as an HCL string; "${" stays a template interpolation.
func q(s string) string { return strconv.Quote(s) }

// list renders a list of HCL expressions.
func list(items ...string) string { return "[" + strings.Join(items, ", ") + "]" }

// qlist renders a list of quoted strings.
func qlist(items ...string) string {
	qs := make([]string, len(items))
	for i, s := range items {
		qs[i] = q(s)
	}
	return list(qs...)
}

// pick returns one element of xs.
func pick[T any](rng *rand.Rand, xs ...T) T { return xs[rng.IntN(len(xs))] }

// chance is true with probability p.
func chance(rng *rand.Rand, p float64) bool { return rng.Float64() < p }

// between returns an int in [lo, hi].
func between(rng *rand.Rand, lo, hi int) int { return lo + rng.IntN(hi-lo+1) }

// tagsBlock writes a tags map attribute.
