package plan

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/kansa-sec/kansa/scanners/terraform"
)

// bodyBuilder turns one instance's planned values into the adapters' Body.
type bodyBuilder struct {
	res *resolver
	ctx refCtx
	// nested is set below the resource's own attributes, inside blocks.
	nested bool
}

// body builds the Body of values (after) with unknown (after_unknown),
// reading exprs, the configuration of this block. configKnown says exprs
// is authoritative: an attribute it does not set is unset, even when the
// plan computes it (the HCL meaning). src locates the block (may be nil).
func (bb bodyBuilder) body(values, unknown map[string]any, exprs map[string]*tfjson.Expression, configKnown bool, src *srcBody) *terraform.Body {
	out := &terraform.Body{Attrs: map[string]*terraform.Attr{}}
	names := map[string]bool{}
	for n := range values {
		names[n] = true
	}
	for n, u := range unknown {
		if u != false {
			names[n] = true
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		v, u := values[n], unknown[n]
		e := exprs[n]
		hasExpr := e != nil && e.ExpressionData != nil
		var dyn *srcBody
		var rng hcl.Range
		if src != nil {
			dyn, rng = src.Dynamic[n], src.Attrs[n]
		}
		switch {
		case hasExpr && e.NestedBlocks != nil, dyn != nil:
			var cfg []map[string]*tfjson.Expression
			if hasExpr {
				cfg = e.NestedBlocks
			}
			var static []*srcBody
			if src != nil {
				static = src.Blocks[n]
			}
			if u == true {
				// The whole block list is unknown (a dynamic block over an
				// unknown collection).
				out.Attrs[n] = &terraform.Attr{Value: cty.DynamicVal, Range: rangeOf(dyn)}
				continue
			}
			out.Blocks = append(out.Blocks, bb.blocks(n, v, u, cfg, static, dyn, configKnown)...)
		case !hasExpr:
			if !configKnown {
				out.Attrs[n] = &terraform.Attr{Value: toCty(v, u), Range: rng}
				continue
			}
			if u == true {
				// Known after apply only because the provider computes it:
				// the code leaves it unset.
				continue
			}
			if (src != nil && isObjectList(v)) || (bb.nested && isZero(v)) {
				// A computed block list the code does not write (inline
				// rules that mirror standalone rule resources, ...), or an
				// argument a block leaves unset that the provider fills
				// with its zero value ("" for an unset ipv6_cidr_block).
				// A non-zero value stays: it may come from a block paired
				// with the wrong configuration block.
				continue
			}
			if v == nil {
				continue
			}
			out.Attrs[n] = &terraform.Attr{Value: toCty(v, u), Range: rng}
		case isObjectList(v):
			// The attributes-as-blocks form (ingress on aws_security_group):
			// the configuration lists the blocks as one constant value.
			cfg := constBlocks(e.ConstantValue)
			var static []*srcBody
			if src != nil {
				static = src.Blocks[n]
			}
			if len(static) > 0 {
				out.Blocks = append(out.Blocks, bb.blocks(n, v, u, cfg, static, dyn, cfg != nil)...)
				continue
			}
			v, u = inConfigOrder(v, u, cfg)
			out.Attrs[n] = &terraform.Attr{Value: toCty(v, u), Range: rng}
		default:
			val := toCty(v, u)
			if u == true && len(e.References) > 0 {
				if ph, ok := bb.res.placeholder(bb.ctx, e.References, n, 0); ok {
					if src != nil {
						// "${aws_cloudwatch_log_group.x.arn}:*" keeps its text.
						t := src.Templates[n]
						ph = t[0] + ph + t[1]
					}
					val = cty.StringVal(ph)
				}
			}
			out.Attrs[n] = &terraform.Attr{Value: val, Range: rng}
		}
	}
	return out
}

func rangeOf(b *srcBody) hcl.Range {
	if b == nil {
		return hcl.Range{}
	}
	return b.Range
}

// blocks pairs the elements of a nested block list with the configuration
// blocks (in source order) that wrote them: first by their constant
// arguments, then in order. Elements no static block wrote come from a
// dynamic block (dyn) and keep their unknowns.
func (bb bodyBuilder) blocks(typ string, v, u any, cfg []map[string]*tfjson.Expression, static []*srcBody, dyn *srcBody, configKnown bool) []*terraform.Block {
	elems := objectList(v)
	unks, _ := u.([]any)
	known := configKnown && cfg != nil
	// One slot per static block: the configuration's when it lists them,
	// else the source's (a block list built from references).
	for len(cfg) < len(static) {
		cfg = append(cfg, nil)
	}
	owner := matchBlocks(elems, cfg, dyn == nil)
	order := ownerOrder(owner)
	var out []*terraform.Block
	inner := bb
	inner.nested = true
	for _, i := range order {
		var eu map[string]any
		if i < len(unks) {
			eu, _ = unks[i].(map[string]any)
		}
		blk := &terraform.Block{Type: typ}
		if j := owner[i]; j >= 0 {
			var sb *srcBody
			if j < len(static) {
				sb = static[j]
			}
			blk.Range = rangeOf(sb)
			blk.Body = inner.body(elems[i], eu, cfg[j], known && cfg[j] != nil, sb)
		} else {
			blk.Dynamic = dyn != nil
			blk.Range = rangeOf(dyn)
			blk.Body = inner.body(elems[i], eu, nil, false, dyn)
		}
		out = append(out, blk)
	}
	return out
}

// constMatch returns how many constant arguments of a configuration block
// the element's planned values equal, 0 when any differs.
func constMatch(cfg map[string]*tfjson.Expression, el map[string]any) int {
	n := 0
	for k, e := range cfg {
		if e == nil || e.ExpressionData == nil || e.NestedBlocks != nil || e.ConstantValue == nil || e.ConstantValue == tfjson.UnknownConstantValue {
			continue
		}
		if canon(e.ConstantValue) != canon(el[k]) {
			return 0
		}
		n++
	}
	return n
}

// canon renders a JSON value canonically: numbers by value (a numeric
// string equals its number, as the provider converts it), strings
// case-folded, object keys sorted.
func canon(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
		return strconv.Quote(strings.ToLower(x))
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = canon(e)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = strconv.Quote(k) + ":" + canon(x[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return "?"
}

func isObjectList(v any) bool {
	l, ok := v.([]any)
	if !ok || len(l) == 0 {
		return false
	}
	for _, e := range l {
		if _, ok := e.(map[string]any); !ok {
			return false
		}
	}
	return true
}

// objectList returns the objects of a block list (a single object for
// single-nested blocks).
func objectList(v any) []map[string]any {
	switch x := v.(type) {
	case map[string]any:
		return []map[string]any{x}
	case []any:
		out := make([]map[string]any, 0, len(x))
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			} else {
				out = append(out, map[string]any{})
			}
		}
		return out
	}
	return nil
}

// toCty converts a planned JSON value and its after_unknown mask (true, or
// the same shape with true at unknown leaves) into a cty value.
func toCty(v any, u any) cty.Value {
	if u == true {
		return cty.DynamicVal
	}
	switch x := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType)
	case bool:
		return cty.BoolVal(x)
	case json.Number:
		n, err := cty.ParseNumberVal(x.String())
		if err != nil {
			return cty.StringVal(x.String())
		}
		return n
	case float64:
		return cty.NumberFloatVal(x)
	case string:
		return cty.StringVal(x)
	case []any:
		us, _ := u.([]any)
		if len(x) == 0 && len(us) == 0 {
			return cty.EmptyTupleVal
		}
		n := max(len(x), len(us))
		vals := make([]cty.Value, n)
		for i := range n {
			var e, eu any
			if i < len(x) {
				e = x[i]
			}
			if i < len(us) {
				eu = us[i]
			}
			vals[i] = toCty(e, eu)
		}
		return cty.TupleVal(vals)
	case map[string]any:
		us, _ := u.(map[string]any)
		attrs := make(map[string]cty.Value, len(x))
		for k, e := range x {
			attrs[k] = toCty(e, us[k])
		}
		for k, eu := range us {
			if _, ok := x[k]; !ok && eu == true {
				attrs[k] = cty.DynamicVal
			}
		}
		return cty.ObjectVal(attrs)
	}
	return cty.DynamicVal
}

// constBlocks turns a constant list of objects into per-block expressions,
// nil when the value is not a known constant list of objects.
func constBlocks(c any) []map[string]*tfjson.Expression {
	l, ok := c.([]any)
	if !ok {
		return nil
	}
	out := make([]map[string]*tfjson.Expression, 0, len(l))
	for _, e := range l {
		m, ok := e.(map[string]any)
		if !ok {
			return nil
		}
		blk := make(map[string]*tfjson.Expression, len(m))
		for k, v := range m {
			if v == nil {
				// Listed as null: the block leaves the argument unset.
				continue
			}
			blk[k] = &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{ConstantValue: v}}
		}
		out = append(out, blk)
	}
	return out
}

// inConfigOrder reorders a list of objects (and its unknown mask) into the
// order of the configuration that wrote them: sets come back from the
// provider sorted, and labels such as ingress[1] follow the code.
func inConfigOrder(v, u any, cfg []map[string]*tfjson.Expression) (any, any) {
	elems := objectList(v)
	if len(cfg) == 0 || len(elems) == 0 {
		return v, u
	}
	owner := matchBlocks(elems, cfg, true)
	order := ownerOrder(owner)
	unks, _ := u.([]any)
	nv := make([]any, 0, len(elems))
	var nu []any
	for _, i := range order {
		nv = append(nv, elems[i])
		if unks != nil {
			var eu any = false
			if i < len(unks) {
				eu = unks[i]
			}
			nu = append(nu, eu)
		}
	}
	if unks == nil {
		return nv, u
	}
	return nv, nu
}

// matchBlocks returns, per element, the index of the configuration block
// that wrote it (-1 for none): first by constant arguments, then (when
// inOrder) the rest in order.
func matchBlocks(elems []map[string]any, cfg []map[string]*tfjson.Expression, inOrder bool) []int {
	owner := make([]int, len(elems))
	used := make([]bool, len(cfg))
	for i := range owner {
		owner[i] = -1
	}
	for i, el := range elems {
		best, bestN := -1, 0
		for j, c := range cfg {
			if n := constMatch(c, el); !used[j] && n > bestN {
				best, bestN = j, n
			}
		}
		if best >= 0 {
			owner[i], used[best] = best, true
		}
	}
	if inOrder {
		next := 0
		for i := range elems {
			if owner[i] >= 0 {
				continue
			}
			for next < len(cfg) && used[next] {
				next++
			}
			if next < len(cfg) {
				owner[i], used[next] = next, true
			}
		}
	}
	return owner
}

// ownerOrder lists element indexes by owning block, unowned last.
func ownerOrder(owner []int) []int {
	order := make([]int, len(owner))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		oa, ob := owner[order[a]], owner[order[b]]
		if (oa < 0) != (ob < 0) {
			return ob < 0
		}
		return oa < ob
	})
	return order
}

// isZero reports whether a planned value is the zero value a provider plans
// for an argument the code leaves unset: null, false, 0, "", [] or {}.
func isZero(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case string:
		return x == ""
	case json.Number:
		f, err := x.Float64()
		return err == nil && f == 0
	case float64:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}
