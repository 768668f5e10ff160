package scan

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/internal/waiver"
	"github.com/kansa-sec/kansa/policies/engine"
)

// Collector reads a live cloud account into the model (scanners/aws,
// scanners/alicloud). Collect returns an error only when nothing could be
// read at all (no credentials, the identity call failed); a list call that
// fails in one region or service is a model.Gap in the state, and a failed
// call about one resource an unknown attribute of that resource.
type Collector interface {
	Collect(ctx context.Context) (*model.State, diag.Diagnostics, error)
}

// Live reads an account with c and judges it. Every check runs, account
// scope included. A check that reads a path the collector could not fill
// (a Gap) is not judged on the partial data for that region: its findings
// there are replaced by one error finding that names the failed call. A
// check left undecided by a failed call about one resource is an error
// finding too, whatever --strict-unknowns says: on a live scan an unknown
// value always means a call failed.
func Live(ctx context.Context, eng *engine.Engine, c Collector, o Options) (*Result, error) {
	start := time.Now()
	o.Redactor = o.redactor()
	res := &Result{Report: &finding.Report{Tool: o.Tool}}
	state, diags, err := c.Collect(ctx)
	res.Diagnostics = append(res.Diagnostics, diags...)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, fmt.Errorf("collect: %w", ctxErr)
	}
	if err != nil {
		res.Report.Target = "live"
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Severity: diag.Error, Summary: err.Error()})
		return res.finish(selectRules(eng.Rules(), o, model.ScopeAccount), o.Redactor)
	}
	rules := providerRules(selectRules(eng.Rules(), o, model.ScopeAccount), state.Source)
	state.Scope = model.ScopeAccount
	state.Normalize()
	state.Gaps = model.SortGaps(state.Gaps)
	res.Report.Target = string(state.Source)
	if state.Account != "" {
		res.Report.Target += ":" + state.Account
	}
	for _, g := range state.Gaps {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Severity: diag.Warning, Summary: gapText(g)})
	}
	fs, err := evaluate(ctx, eng, state, o)
	if err != nil {
		return nil, err
	}
	fs = withGaps(fs, rules, state)
	res.Diagnostics = append(res.Diagnostics, waiver.Apply(nil, fs, o.Waivers)...)
	res.Report.Findings = fs
	o.logger().Info("scanned account", "target", res.Report.Target, "regions", len(state.Regions), "findings", len(fs), "gaps", len(state.Gaps), "elapsed", time.Since(start).Round(time.Millisecond))
	return res.finish(rules, o.Redactor)
}

// providerRules keeps the rules that read the model of the live scan's
// cloud: an AWS account is not judged by Alibaba Cloud checks, and its
// reports should not list them as evaluated. A rule whose reads name no
// provider (a custom check reading nothing known) stays.
func providerRules(rules []finding.Rule, provider model.Source) []finding.Rule {
	if provider == "" {
		return rules
	}
	var out []finding.Rule
	for _, r := range rules {
		keep := len(r.Reads) == 0
		for _, p := range r.Reads {
			if p == string(provider) || strings.HasPrefix(p, string(provider)+".") {
				keep = true
				break
			}
		}
		if keep {
			out = append(out, r)
		}
	}
	return out
}

// withGaps turns unknown findings into errors (the value is unknown because
// a call failed) and, for every check that reads a gap's path, replaces its
// findings in the gap's region with one error finding per region.
func withGaps(fs []finding.Finding, rules []finding.Rule, state *model.State) []finding.Finding {
	type key struct{ check, region string }
	reasons := map[key][]string{}
	var order []key
	affected := func(r finding.Rule, region string) bool {
		for _, g := range state.Gaps {
			if g.InRegion(region) && slices.ContainsFunc(r.Reads, g.Covers) {
				return true
			}
		}
		return false
	}
	for _, r := range rules {
		for _, g := range state.Gaps {
			if !slices.ContainsFunc(r.Reads, g.Covers) {
				continue
			}
			k := key{r.ID, g.Region}
			if _, ok := reasons[k]; !ok {
				order = append(order, k)
			}
			reasons[k] = append(reasons[k], g.Operation+": "+g.Reason)
		}
	}
	byID := map[string]finding.Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	out := fs[:0]
	for _, f := range fs {
		if r, ok := byID[f.CheckID]; ok && affected(r, f.Resource.Region) {
			continue
		}
		if f.Status == finding.StatusUnknown {
			f.Status = finding.StatusError
		}
		out = append(out, f)
	}
	provider := string(state.Source)
	for _, k := range order {
		r := byID[k.check]
		where := "any region"
		if k.region != "" {
			where = k.region
		}
		out = append(out, finding.Finding{
			CheckID:  r.ID,
			Severity: r.Severity,
			Status:   finding.StatusError,
			Resource: finding.Resource{
				ARN:      accountID(provider, state.Account, k.region),
				Type:     provider + "_account",
				Provider: provider,
				Source:   provider,
				Region:   k.region,
				Account:  state.Account,
			},
			Message: fmt.Sprintf("not evaluated in %s: %s", where, strings.Join(slices.Compact(reasons[k]), "; ")),
		})
	}
	return out
}

// accountID names the account (and region) an error finding is about, in
// the form the account-scope checks use for their findings.
func accountID(provider, account, region string) string {
	id := provider + "-account"
	if account != "" {
		id += ":" + account
	}
	if region != "" {
		id += "/" + region
	}
	return id
}

func gapText(g model.Gap) string {
	where := "global"
	if g.Region != "" {
		where = g.Region
	}
	return fmt.Sprintf("%s: %s failed, %s not evaluated: %s", where, g.Operation, g.Path, g.Reason)
}
