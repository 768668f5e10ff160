package config

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// MaxNesting bounds how deeply brackets, braces, parentheses and template
// interpolations may nest in one file. HCL's parsers recurse once per level
// without a limit, and running out of stack is a fatal error Go cannot
// recover from, so hostile input is measured before it is parsed. Real
// configurations stay far below this.
const MaxNesting = 256

// checkNesting returns an error diagnostic at the first token that nests
// deeper than limit. It uses HCL's lexer (a state machine, not recursive)
// for native syntax and a string-aware byte scan for JSON.
func checkNesting(src []byte, name string, json bool, limit int) *hcl.Diagnostic {
	var pos hcl.Pos
	var ok bool
	if json {
		pos, ok = jsonNesting(src, limit)
	} else {
		pos, ok = hclNesting(src, name, limit)
	}
	if ok {
		return nil
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Nesting too deep",
		Detail:   fmt.Sprintf("expressions nest more than %d levels deep here; kansa does not parse such files", limit),
		Subject:  &hcl.Range{Filename: name, Start: pos, End: pos},
	}
}

func hclNesting(src []byte, name string, limit int) (hcl.Pos, bool) {
	depth := 0
	toks, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	for _, tok := range toks {
		switch tok.Type {
		case hclsyntax.TokenOParen, hclsyntax.TokenOBrack, hclsyntax.TokenOBrace,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl, hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			depth++
			if depth > limit {
				return tok.Range.Start, false
			}
		case hclsyntax.TokenCParen, hclsyntax.TokenCBrack, hclsyntax.TokenCBrace,
			hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			if depth > 0 {
				depth--
			}
		}
	}
	return hcl.Pos{}, true
}

func jsonNesting(src []byte, limit int) (hcl.Pos, bool) {
	depth, line, col := 0, 1, 1
	inStr := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case inStr && c == '\\':
			i++
			col++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '[' || c == '{':
			depth++
			if depth > limit {
				return hcl.Pos{Line: line, Column: col, Byte: i}, false
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return hcl.Pos{}, true
}
