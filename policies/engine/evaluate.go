package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
)

// passMessage is the message of a pass finding.
const passMessage = "passed"

// Evaluate judges state with every check in one evaluation and returns the
// findings in canonical order: fail (deny), unknown (unknown; severity low,
// the caller decides whether to show them) and pass (every object at a
// check's selector with no fail or unknown finding of that check).
// Account-scope checks are evaluated like any other; the caller decides
// whether a code scan shows them.
func (e *Engine) Evaluate(ctx context.Context, state *model.State) ([]finding.Finding, error) {
	if state == nil {
		return nil, fmt.Errorf("evaluate policies: nil state")
	}
	doc, input, err := toInput(state)
	if err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	if e.query == nil {
		return nil, nil
	}
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("evaluate policies: %w (%d results)", errNoResult, len(rs))
	}
	bindings := rs[0].Bindings
	var out []finding.Finding
	for _, c := range e.checks {
		decided := map[string]bool{}
		for _, v := range []struct {
			name   string
			status finding.Status
		}{{c.denyVar, finding.StatusFail}, {c.unknownVar, finding.StatusUnknown}} {
			if v.name == "" {
				continue
			}
			fs, ids, err := toFindings(c.rule, v.status, bindings[v.name])
			if err != nil {
				return nil, fmt.Errorf("evaluate policies: %w", err)
			}
			for _, id := range ids {
				decided[id] = true
			}
			out = append(out, fs...)
		}
		if c.rule.Selector != "" {
			passes, err := passFindings(c.rule, doc, decided)
			if err != nil {
				return nil, fmt.Errorf("evaluate policies: %w", err)
			}
			out = append(out, passes...)
		}
	}
	finding.Sort(out)
	return out, nil
}

// toInput converts the state once: to a generic JSON tree (to find the
// objects at each selector) and to the ast.Value Rego reads as input.
func toInput(state *model.State) (any, ast.Value, error) {
	s := *state // Normalize on a shallow copy: never change the caller's state.
	s.Normalize()
	b, err := json.Marshal(&s)
	if err != nil {
		return nil, nil, fmt.Errorf("encode model: %w", err)
	}
	var doc any
	if err := util.NewJSONDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("decode model: %w", err)
	}
	v, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, nil, fmt.Errorf("convert model: %w", err)
	}
	return doc, v, nil
}

// toFindings maps one check's deny or unknown set to findings.
// It also returns the identity (address, else ARN, else ID) of each
// finding's resource.
func toFindings(rule finding.Rule, status finding.Status, set any) ([]finding.Finding, []string, error) {
	if set == nil {
		return nil, nil, nil
	}
	items, ok := set.([]any)
	if !ok {
		return nil, nil, fmt.Errorf("check %s (%s): %s is %T, want a set of results", rule.ID, rule.File, setName(status), set)
	}
	out := make([]finding.Finding, 0, len(items))
	ids := make([]string, 0, len(items))
	for _, it := range items {
		f, id, err := toFinding(rule, status, it)
		if err != nil {
			return nil, nil, fmt.Errorf("check %s (%s): %s result: %w", rule.ID, rule.File, setName(status), err)
		}
		out = append(out, f)
		ids = append(ids, id)
	}
	return out, ids, nil
}

func setName(s finding.Status) string {
	if s == finding.StatusUnknown {
		return "unknown"
	}
	return "deny"
}

func toFinding(rule finding.Rule, status finding.Status, item any) (finding.Finding, string, error) {
	obj, ok := item.(map[string]any)
	if !ok {
		return finding.Finding{}, "", fmt.Errorf("want an object {\"resource\": r, \"msg\": \"...\"}, got %s", brief(item))
	}
	for k := range obj {
		switch k {
		case "resource", "msg", "attribute":
		default:
			return finding.Finding{}, "", fmt.Errorf("unexpected key %q (want resource, msg and optionally attribute)", k)
		}
	}
	msg, ok := obj["msg"].(string)
	if !ok {
		return finding.Finding{}, "", fmt.Errorf("msg must be a string, got %s", brief(obj["msg"]))
	}
	res, ok := obj["resource"].(map[string]any)
	if !ok {
		return finding.Finding{}, "", fmt.Errorf("resource must be a model object with meta, got %s", brief(obj["resource"]))
	}
	meta, err := metaOf(res)
	if err != nil {
		return finding.Finding{}, "", err
	}
	f := finding.Finding{
		CheckID:  rule.ID,
		Severity: rule.Severity,
		Status:   status,
		Resource: resourceOf(meta),
		Message:  msg,
	}
	if status == finding.StatusUnknown {
		// checks.md: --strict-unknowns reports them as low-severity findings.
		f.Severity = finding.SeverityLow
	}
	if a, present := obj["attribute"]; present {
		s, ok := a.(string)
		if !ok {
			return finding.Finding{}, "", fmt.Errorf("attribute must be a string, got %s", brief(a))
		}
		f.Attribute = s
	}
	f.StartLine, f.EndLine = meta.StartLine, meta.EndLine
	if line, ok := meta.Attributes[f.Attribute]; ok && f.Attribute != "" && line > 0 {
		f.StartLine, f.EndLine = line, line
	}
	return f, meta.Identity(), nil
}

// metaOf decodes obj["meta"] into a model.Meta.
func metaOf(obj map[string]any) (model.Meta, error) {
	raw, ok := obj["meta"].(map[string]any)
	if !ok {
		return model.Meta{}, fmt.Errorf("resource has no meta object (return the model object itself, not a copy of some fields)")
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return model.Meta{}, fmt.Errorf("resource meta: %w", err)
	}
	var m model.Meta
	if err := json.Unmarshal(b, &m); err != nil {
		return model.Meta{}, fmt.Errorf("resource meta: %w", err)
	}
	return m, nil
}

func resourceOf(m model.Meta) finding.Resource {
	return finding.Resource{
		Address:   m.Address,
		ARN:       m.ARN,
		Type:      m.Type,
		Provider:  m.Provider(),
		Source:    string(m.Source),
		File:      m.File,
		StartLine: m.StartLine,
		EndLine:   m.EndLine,
		Region:    m.Region,
		Account:   m.Account,
	}
}

// passFindings returns a pass finding for every object at the rule's
// selector whose identity, and the identities of every object nested in it
// (the rules of a group), have no fail or unknown finding.
func passFindings(rule finding.Rule, doc any, decided map[string]bool) ([]finding.Finding, error) {
	list, ok := lookup(doc, rule.Selector)
	if !ok {
		return nil, nil
	}
	var out []finding.Finding
	for _, it := range list {
		obj, ok := it.(map[string]any)
		if !ok {
			continue
		}
		meta, err := metaOf(obj)
		if err != nil {
			return nil, fmt.Errorf("check %s: object at %s: %w", rule.ID, rule.Selector, err)
		}
		if anyDecided(obj, decided) {
			continue
		}
		out = append(out, finding.Finding{
			CheckID:   rule.ID,
			Severity:  rule.Severity,
			Status:    finding.StatusPass,
			Resource:  resourceOf(meta),
			Message:   passMessage,
			StartLine: meta.StartLine,
			EndLine:   meta.EndLine,
		})
	}
	return out, nil
}

// anyDecided walks v for "meta" objects and reports whether any identity is decided.
func anyDecided(v any, decided map[string]bool) bool {
	switch x := v.(type) {
	case map[string]any:
		if m, ok := x["meta"].(map[string]any); ok {
			for _, k := range []string{"address", "arn", "id"} {
				if s, _ := m[k].(string); s != "" {
					if decided[s] {
						return true
					}
					break
				}
			}
		}
		for k, c := range x {
			if k == "meta" {
				continue
			}
			if anyDecided(c, decided) {
				return true
			}
		}
	case []any:
		for _, c := range x {
			if anyDecided(c, decided) {
				return true
			}
		}
	}
	return false
}

// lookup returns the list at a dotted path of doc.
func lookup(doc any, path string) ([]any, bool) {
	cur := doc
	for _, seg := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur = m[seg]
	}
	l, ok := cur.([]any)
	return l, ok
}

// validateSelectors checks every selector names a list in the model.
func validateSelectors(checks []check) error {
	doc, _, err := toInput(model.New(model.SourceTerraform, model.ScopeCode))
	if err != nil {
		return err
	}
	for _, c := range checks {
		if c.rule.Selector == "" {
			continue
		}
		if _, ok := lookup(doc, c.rule.Selector); !ok {
			return fmt.Errorf("%s: check %s: custom.selector %q is not a list of resources in the model (e.g. aws.ec2.security_groups)", c.rule.File, c.rule.ID, c.rule.Selector)
		}
	}
	return nil
}

func brief(v any) string {
	b, err := json.Marshal(v)
	if err != nil || len(b) > 120 {
		return fmt.Sprintf("%T", v)
	}
	return string(b)
}
