package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

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
	start := time.Now()
	input, err := Input(state)
	if err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	if e.query == nil {
		return nil, nil
	}
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("evaluate policies: %w", e.runaway(input, ctx.Err()))
		}
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
			passes, err := passFindings(c.rule, input, decided)
			if err != nil {
				return nil, fmt.Errorf("evaluate policies: %w", err)
			}
			out = append(out, passes...)
		}
	}
	finding.Sort(out)
	e.logger.Debug("policies evaluated", "checks", len(e.checks), "findings", len(out), "duration", time.Since(start))
	return out, nil
}

// RunawayError says that evaluation was cancelled (deadline or signal) and,
// when one could be found, which custom check did not finish.
type RunawayError struct {
	// CheckID and File name the custom check that did not finish within
	// RunawayBudget on its own; both are empty when none was found.
	CheckID, File string
	// Err is the context's error (context.DeadlineExceeded or Canceled).
	Err error
}

// Error implements error.
func (e *RunawayError) Error() string {
	if e.CheckID == "" {
		return fmt.Sprintf("policy evaluation did not finish: %v", e.Err)
	}
	return fmt.Sprintf("policy evaluation did not finish: custom check %s (%s) runs away: it did not finish within %s on its own", e.CheckID, e.File, RunawayBudget)
}

// Unwrap returns the context's error.
func (e *RunawayError) Unwrap() error { return e.Err }

// RunawayBudget is how long each custom check may take alone when kansa
// looks for the one that made a cancelled evaluation run away.
const RunawayBudget = time.Second

// runaway is called when the evaluation of every check was cancelled. The
// built-in checks are trusted and bounded by their tests; custom checks are
// not, so each is evaluated alone, with RunawayBudget, and the first that
// does not finish is named. This costs time only on the failure path.
func (e *Engine) runaway(input ast.Value, cause error) error {
	if !errors.Is(cause, context.DeadlineExceeded) {
		// Interrupted (a signal): stop now rather than search.
		return &RunawayError{Err: cause}
	}
	// The whole search is bounded too, however many custom checks there are.
	search, stop := context.WithTimeout(context.Background(), 5*RunawayBudget)
	defer stop()
	for _, c := range e.checks {
		if !c.custom || search.Err() != nil {
			continue
		}
		ctx, cancel := context.WithTimeout(search, RunawayBudget)
		pq, err := rego.New(
			rego.ParsedQuery(queryBody([]check{c})),
			rego.Compiler(e.compiler),
			rego.Store(e.store()),
			rego.StrictBuiltinErrors(false),
		).PrepareForEval(ctx)
		if err == nil {
			// Only whether this check alone runs out of time matters here;
			// its results and errors were reported by the full evaluation.
			_, _ = pq.Eval(ctx, rego.EvalParsedInput(input))
		}
		timedOut := ctx.Err() != nil && search.Err() == nil
		cancel()
		if timedOut {
			e.logger.Debug("runaway custom check", "check", c.rule.ID, "file", c.rule.File)
			return &RunawayError{CheckID: c.rule.ID, File: c.rule.File, Err: cause}
		}
	}
	return &RunawayError{Err: cause}
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
		sid, err := subjectOf(it)
		if err != nil {
			return nil, nil, fmt.Errorf("check %s (%s): %s result: %w", rule.ID, rule.File, setName(status), err)
		}
		if sid != "" {
			ids = append(ids, sid)
		}
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
		case "resource", "msg", "attribute", "subject":
		default:
			return finding.Finding{}, "", fmt.Errorf("unexpected key %q (want resource, msg and optionally attribute, subject)", k)
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

	if a, present := obj["attribute"]; present {
		s, ok := a.(string)
		if !ok {
			return finding.Finding{}, "", fmt.Errorf("attribute must be a string, got %s", brief(a))
		}
		f.Attribute = s
	}
	f.StartLine, f.EndLine = meta.StartLine, meta.EndLine
	if meta.BlockStartLine > 0 {
		// A nested block (an inline rule): point at the block, not the whole resource.
		f.BlockStartLine, f.BlockEndLine = meta.BlockStartLine, max(meta.BlockEndLine, meta.BlockStartLine)
		f.StartLine, f.EndLine = f.BlockStartLine, f.BlockEndLine
	}
	if line, ok := meta.Attributes[f.Attribute]; ok && f.Attribute != "" && line > 0 {
		f.StartLine, f.EndLine = line, line
	}
	if status == finding.StatusUnknown {
		f.Message = withReasons(f.Message, f.Attribute, meta.Reasons)
	}
	return f, meta.Identity(), nil
}

// subjectOf returns the identity of a result's optional "subject": the
// object at the check's selector the result is about when the resource that
// must change is another one (a bucket whose public access block is
// incomplete). A subject is not reported as passing; "" when absent.
func subjectOf(item any) (string, error) {
	obj, _ := item.(map[string]any)
	raw, present := obj["subject"]
	if !present {
		return "", nil
	}
	sub, ok := raw.(map[string]any)
	if !ok {
		return "", fmt.Errorf("subject must be a model object with meta, got %s", brief(raw))
	}
	m, err := metaOf(sub)
	if err != nil {
		return "", fmt.Errorf("subject: %w", err)
	}
	return m.Identity(), nil
}

// metaOf reads obj["meta"] into a model.Meta.
func metaOf(obj map[string]any) (model.Meta, error) {
	raw, ok := obj["meta"].(map[string]any)
	if !ok {
		return model.Meta{}, fmt.Errorf("resource has no meta object (return the model object itself, not a copy of some fields)")
	}
	m := model.Meta{
		Source:    model.Source(str(raw["source"])),
		Type:      str(raw["type"]),
		Address:   str(raw["address"]),
		ARN:       str(raw["arn"]),
		ID:        str(raw["id"]),
		File:      str(raw["file"]),
		StartLine: num(raw["start_line"]),
		EndLine:   num(raw["end_line"]),
		// A nested block (an inline rule) keeps its own lines.
		BlockStartLine: num(raw["block_start_line"]),
		BlockEndLine:   num(raw["block_end_line"]),
		Region:         str(raw["region"]),
		Account:        str(raw["account"]),
	}
	if reasons, ok := raw["reasons"].(map[string]any); ok {
		m.Reasons = make(map[string]string, len(reasons))
		for k, v := range reasons {
			m.Reasons[k] = str(v)
		}
	}
	if attrs, ok := raw["attributes"].(map[string]any); ok {
		m.Attributes = make(map[string]int, len(attrs))
		for k, v := range attrs {
			m.Attributes[k] = num(v)
		}
	}
	return m, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) int {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		if err != nil {
			return 0
		}
		return int(i)
	case float64:
		return int(n)
	case int:
		return n
	case int64:
		return int(n)
	}
	return 0
}

func resourceOf(m model.Meta) finding.Resource {
	arn := m.ARN
	if arn == "" && m.Address == "" && (m.Source == model.SourceAWS || m.Source == model.SourceAlicloud) {
		// A live object without an ARN (the account, placed in a region)
		// is named by its ID, so reports and baselines can key on it.
		arn = m.ID
	}
	return finding.Resource{
		Address:   m.Address,
		ARN:       arn,
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
func passFindings(rule finding.Rule, input ast.Value, decided map[string]bool) ([]finding.Finding, error) {
	list, ok := lookup(input, rule.Selector)
	if !ok {
		return nil, nil
	}
	var out []finding.Finding
	var err error
	list.Foreach(func(t *ast.Term) {
		obj, ok := t.Value.(ast.Object)
		if !ok || err != nil || anyDecided(obj, decided) {
			return
		}
		metaTerm := obj.Get(metaKey)
		if metaTerm == nil {
			err = fmt.Errorf("check %s: an object at %s has no meta", rule.ID, rule.Selector)
			return
		}
		raw, jerr := ast.JSON(metaTerm.Value)
		if jerr != nil {
			err = fmt.Errorf("check %s: object at %s: %w", rule.ID, rule.Selector, jerr)
			return
		}
		meta, merr := metaOf(map[string]any{"meta": raw})
		if merr != nil {
			err = fmt.Errorf("check %s: object at %s: %w", rule.ID, rule.Selector, merr)
			return
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
	})
	return out, err
}

var (
	metaKey     = ast.StringTerm("meta")
	identityKey = []*ast.Term{ast.StringTerm("address"), ast.StringTerm("arn"), ast.StringTerm("id")}
)

// anyDecided walks v for "meta" objects and reports whether the identity
// (address, else ARN, else ID) of any of them is decided.
func anyDecided(v ast.Value, decided map[string]bool) bool {
	switch x := v.(type) {
	case ast.Object:
		if mt := x.Get(metaKey); mt != nil {
			if m, ok := mt.Value.(ast.Object); ok {
				for _, k := range identityKey {
					if s, ok := termString(m.Get(k)); ok && s != "" {
						if decided[s] {
							return true
						}
						break
					}
				}
			}
		}
		found := false
		x.Until(func(k, c *ast.Term) bool {
			if k.Equal(metaKey) {
				return false
			}
			found = anyDecided(c.Value, decided)
			return found
		})
		return found
	case *ast.Array:
		found := false
		x.Until(func(c *ast.Term) bool {
			found = anyDecided(c.Value, decided)
			return found
		})
		return found
	}
	return false
}

func termString(t *ast.Term) (string, bool) {
	if t == nil {
		return "", false
	}
	s, ok := t.Value.(ast.String)
	return string(s), ok
}

// lookup returns the array at a dotted path of the input.
func lookup(input ast.Value, path string) (*ast.Array, bool) {
	cur := input
	for _, seg := range strings.Split(path, ".") {
		obj, ok := cur.(ast.Object)
		if !ok {
			return nil, false
		}
		t := obj.Get(ast.StringTerm(seg))
		if t == nil {
			return nil, false
		}
		cur = t.Value
	}
	arr, ok := cur.(*ast.Array)
	return arr, ok
}

// validateSelectors checks every selector names a list in the model.
func validateSelectors(checks []check) error {
	input, err := Input(model.New(model.SourceTerraform, model.ScopeCode))
	if err != nil {
		return err
	}
	for _, c := range checks {
		if c.rule.Selector == "" {
			continue
		}
		if _, ok := lookup(input, c.rule.Selector); !ok {
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

// withReasons appends why values were unresolved (the adapter's
// meta.reasons) to an unknown finding's message: the reason of the blamed
// attribute when there is one, else every reason, so a reader knows whether
// a variable lacks a value, a module was not downloaded, and so on.
func withReasons(msg, attr string, reasons map[string]string) string {
	if r := reasons[attr]; attr != "" && r != "" {
		if strings.Contains(msg, r) {
			return msg
		}
		return msg + " (" + r + ")"
	}
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var why []string
	for _, k := range keys {
		r := reasons[k]
		if r == "" || strings.Contains(msg, r) {
			continue
		}
		why = append(why, k+": "+r)
	}
	if len(why) == 0 {
		return msg
	}
	return msg + " (" + strings.Join(why, "; ") + ")"
}
