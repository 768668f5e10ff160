package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/kansa-sec/kansa/internal/finding"
)

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	selectorPattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)*$`)
)

// packageAnnotation returns the package-scoped METADATA of m, or nil.
func packageAnnotation(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

// parseRule reads a check's package METADATA into a Rule.
func parseRule(m module, a *ast.Annotations) (finding.Rule, error) {
	where := locString(m.name, a.Location)
	fail := func(format string, args ...any) (finding.Rule, error) {
		return finding.Rule{}, fmt.Errorf("%s: METADATA of package %s: %s", where, pkgName(m.mod), fmt.Sprintf(format, args...))
	}
	r := finding.Rule{
		Title:       strings.TrimSpace(a.Title),
		Description: strings.TrimSpace(a.Description),
		Package:     pkgName(m.mod),
		File:        m.name,
		Custom:      m.custom,
	}
	if r.Title == "" {
		return fail("title is required")
	}
	if r.Description == "" {
		return fail("description is required")
	}
	c := a.Custom
	id, err := customString(c, "id", true)
	if err != nil {
		return fail("%v", err)
	}
	if !idPattern.MatchString(id) {
		return fail("custom.id %q must be kebab-case (lower-case letters, digits, single dashes)", id)
	}
	r.ID = id
	sev, err := customString(c, "severity", true)
	if err != nil {
		return fail("%v", err)
	}
	switch s, perr := finding.ParseSeverity(sev); {
	case perr != nil || s == finding.SeverityNone || sev != strings.ToLower(sev):
		return fail("custom.severity %q must be low, medium, high or critical", sev)
	default:
		r.Severity = s
	}
	scope, err := customString(c, "scope", true)
	if err != nil {
		return fail("%v", err)
	}
	switch finding.Scope(scope) {
	case finding.ScopeResource, finding.ScopeAccount:
		r.Scope = finding.Scope(scope)
	default:
		return fail("custom.scope %q must be resource or account", scope)
	}
	sel, err := customString(c, "selector", r.Scope == finding.ScopeResource)
	if err != nil {
		return fail("%v", err)
	}
	if sel != "" && !selectorPattern.MatchString(sel) {
		return fail("custom.selector %q must be a dotted model path such as aws.ec2.security_groups", sel)
	}
	r.Selector = sel
	if r.Remediation, err = customString(c, "remediation", false); err != nil {
		return fail("%v", err)
	}
	r.Remediation = strings.TrimSpace(r.Remediation)
	if r.Frameworks, err = parseFrameworks(c["frameworks"]); err != nil {
		return fail("%v", err)
	}
	for k := range c {
		switch k {
		case "id", "severity", "scope", "selector", "frameworks", "remediation":
		default:
			return fail("unknown custom key %q (want id, severity, scope, selector, frameworks, remediation)", k)
		}
	}
	for _, rr := range a.RelatedResources {
		if rr != nil {
			r.References = append(r.References, rr.Ref.String())
		}
	}
	return r, nil
}

func customString(c map[string]any, key string, required bool) (string, error) {
	v, ok := c[key]
	if !ok || v == nil {
		if required {
			return "", fmt.Errorf("custom.%s is required", key)
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("custom.%s must be a string, not %T", key, v)
	}
	if required && strings.TrimSpace(s) == "" {
		return "", fmt.Errorf("custom.%s is required", key)
	}
	return s, nil
}

// parseFrameworks reads {framework: {version: control | [controls]}}.
func parseFrameworks(v any) ([]finding.Framework, error) {
	if v == nil {
		return nil, nil
	}
	fws, ok := asMap(v)
	if !ok {
		return nil, fmt.Errorf("custom.frameworks must map a framework to {version: controls}, not %T", v)
	}
	var out []finding.Framework
	for name, versions := range fws {
		vm, ok := asMap(versions)
		if !ok {
			return nil, fmt.Errorf("custom.frameworks.%s must map a version to controls (e.g. \"5.0.0\": [\"5.3\"]), not %T", name, versions)
		}
		for version, controls := range vm {
			cs, err := controlList(controls)
			if err != nil {
				return nil, fmt.Errorf("custom.frameworks.%s.%s: %w", name, version, err)
			}
			out = append(out, finding.Framework{Name: name, Version: version, Controls: cs})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return versionLess(out[i].Version, out[j].Version)
	})
	return out, nil
}

func controlList(v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil, fmt.Errorf("empty control")
		}
		return []string{x}, nil
	case []any:
		if len(x) == 0 {
			return nil, fmt.Errorf("no controls")
		}
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok || s == "" {
				return nil, fmt.Errorf("control %v must be a quoted string (3.10 unquoted would read as 3.1)", e)
			}
			out = append(out, s)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("controls %v must be a quoted string or a list of them (3.10 unquoted would read as 3.1)", v)
	}
}

func asMap(v any) (map[string]any, bool) {
	switch m := v.(type) {
	case map[string]any:
		return m, true
	case map[any]any:
		out := make(map[string]any, len(m))
		for k, x := range m {
			ks, ok := k.(string)
			if !ok {
				return nil, false
			}
			out[ks] = x
		}
		return out, true
	}
	return nil, false
}

// versionLess orders dotted versions numerically ("1.4.0" < "5.0.0" < "10.0").
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] == bs[i] {
			continue
		}
		if len(as[i]) != len(bs[i]) && isDigits(as[i]) && isDigits(bs[i]) {
			return len(as[i]) < len(bs[i])
		}
		return as[i] < bs[i]
	}
	return len(as) < len(bs)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// pkgName is the package path without "data." ("kansa.aws.ec2.x").
func pkgName(m *ast.Module) string {
	return strings.TrimPrefix(m.Package.Path.String(), "data.")
}
