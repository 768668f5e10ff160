package markdown

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean makes s one line of valid UTF-8 without control or bidirectional
// formatting characters (which could make a line read differently from
// what it says).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r):
			// dropped
		case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069', r == '\u200E', r == '\u200F':
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// truncate shortens s to at most limit runes, ending with an ellipsis when cut.
func truncate(s string, limit int) string {
	if limit <= 0 || utf8.RuneCountInString(s) <= limit {
		return s
	}
	n := 0
	for i := range s {
		if n == limit-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// text escapes s for inline Markdown, also inside a table cell: characters
// that start emphasis, links, code, math, strikethrough or a cell break are
// backslash-escaped and HTML's angle brackets and ampersand become entities.
func text(s string, limit int) string {
	s = truncate(clean(s), limit)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']', '|', '~', '$', '#', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// code renders s as an inline code span. In a table, a value holding a
// pipe or a backtick is rendered as escaped text instead: renderers
// disagree on backslashes before an escaped pipe inside code.
func code(s string, limit int, inTable bool) string {
	s = truncate(clean(s), limit)
	if s == "" {
		return ""
	}
	if inTable && strings.ContainsAny(s, "|`") {
		return text(s, limit)
	}
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			if run > longest {
				longest = run
			}
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	pad := ""
	if s[0] == '`' || s[len(s)-1] == '`' || (s[0] == ' ' && s[len(s)-1] == ' ' && strings.TrimSpace(s) != "") {
		pad = " "
	}
	return fence + pad + s + pad + fence
}

// linkable reports whether p is a clean relative slash path inside the
// scanned root, safe to use as a link destination, and short enough that
// its label is not truncated.
func linkable(p string) bool {
	if p == "" || utf8.RuneCountInString(p) > maxPathRunes || p == "." || strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\:") {
		return false
	}
	if clean(p) != p || path.Clean(p) != p {
		return false
	}
	return p != ".." && !strings.HasPrefix(p, "../")
}

// escapePath percent-encodes every byte of p except unreserved characters
// and slashes, so the destination cannot close the link or start a scheme.
func escapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// plural renders "1 finding" or "2 findings".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
