package engine

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// inputReads returns, per package name, the model paths its rules read
// directly ("aws.ec2.flow_logs" for input.aws.ec2.flow_logs[_]).
//
// A path is a reference's leading string terms after input, cut at the
// first variable or at depth 3 (provider.service.list, or
// provider.flag for a flag such as alicloud.waf_log_analysis). A reference
// to a whole provider or to the scan's own fields (input.aws,
// input.source, input.scope) reads no resource list: it probes whether the
// scan saw the provider at all, and is left out.
func inputReads(mods []module) map[string][]string {
	out := map[string][]string{}
	for _, m := range mods {
		if m.test {
			continue
		}
		name := pkgName(m.mod)
		for _, r := range m.mod.Rules {
			ast.WalkRefs(r, func(ref ast.Ref) bool {
				if p := modelPath(ref); p != "" && !slices.Contains(out[name], p) {
					out[name] = append(out[name], p)
				}
				return false
			})
		}
	}
	return out
}

// modelPath is the model path ref reads under input, or "".
func modelPath(ref ast.Ref) string {
	if len(ref) < 2 || !ref[0].Equal(ast.InputRootDocument) {
		return ""
	}
	var parts []string
	for _, t := range ref[1:] {
		s, ok := t.Value.(ast.String)
		if !ok || len(parts) == 3 {
			break
		}
		parts = append(parts, string(s))
	}
	if len(parts) < 2 {
		return ""
	}
	return strings.Join(parts, ".")
}

// dataDeps returns, per package name, the packages under data.kansa its
// rules refer to (imports and direct references), so that a check's reads
// include those of the helper packages it calls.
func dataDeps(mods []module) map[string][]string {
	pkgs := map[string]bool{}
	for _, m := range mods {
		if !m.test {
			pkgs[pkgName(m.mod)] = true
		}
	}
	out := map[string][]string{}
	add := func(from string, ref ast.Ref) {
		if len(ref) < 2 || !ref[0].Equal(ast.DefaultRootDocument) {
			return
		}
		// The longest prefix of the reference that names a package.
		for n := len(ref); n >= 2; n-- {
			name := strings.TrimPrefix(ref[:n].String(), "data.")
			if pkgs[name] {
				if name != from && !slices.Contains(out[from], name) {
					out[from] = append(out[from], name)
				}
				return
			}
		}
	}
	for _, m := range mods {
		if m.test {
			continue
		}
		name := pkgName(m.mod)
		for _, imp := range m.mod.Imports {
			if ref, ok := imp.Path.Value.(ast.Ref); ok {
				add(name, ref)
			}
		}
		for _, r := range m.mod.Rules {
			ast.WalkRefs(r, func(ref ast.Ref) bool {
				add(name, ref)
				return false
			})
		}
	}
	return out
}

// setReads fills each check's Rule.Reads: its selector, the model paths its
// package reads, and those of every package it depends on, transitively.
func setReads(checks []check, mods []module) {
	direct, deps := inputReads(mods), dataDeps(mods)
	for i := range checks {
		c := &checks[i]
		var reads []string
		if c.rule.Selector != "" {
			reads = append(reads, c.rule.Selector)
		}
		seen := map[string]bool{}
		stack := []string{strings.TrimPrefix(c.path.String(), "data.")}
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[p] {
				continue
			}
			seen[p] = true
			reads = append(reads, direct[p]...)
			stack = append(stack, deps[p]...)
		}
		slices.Sort(reads)
		c.rule.Reads = slices.Compact(reads)
	}
}
