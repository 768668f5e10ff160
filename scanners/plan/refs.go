package plan

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/kansa-sec/kansa/internal/model"
)

// maxRefDepth bounds how many module inputs/outputs a reference is followed
// through, so a malformed configuration cannot loop.
const maxRefDepth = 32

// modInst is one module instance: the root, or one key of a module call.
type modInst struct {
	// path is the address prefix: "" for the root, `module.net["a"].` below.
	path   string
	cfg    *tfjson.ConfigModule // nil when the configuration does not describe it
	parent *modInst
	call   *tfjson.ModuleCall
	// key is the instance key of the module call (nil, an int or a string).
	key any
	// dir is the module's source directory inside fsys ("" when unknown).
	dir string
	// callPath names the module by its calls ("net.sub"), as
	// .terraform/modules/modules.json keys it.
	callPath string
}

// step is one part of a parsed address: a name, or an instance key.
type step struct {
	name  string
	key   any // int or string when isKey
	isKey bool
}

// parseAddress splits a Terraform address or reference
// (module.net["a"].aws_vpc.this[0].id) into steps.
func parseAddress(s string) ([]step, bool) {
	t, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.InitialPos)
	if diags.HasErrors() || len(t) == 0 {
		return nil, false
	}
	var out []step
	for _, tr := range t {
		switch x := tr.(type) {
		case hcl.TraverseRoot:
			out = append(out, step{name: x.Name})
		case hcl.TraverseAttr:
			out = append(out, step{name: x.Name})
		case hcl.TraverseIndex:
			k, ok := keyOf(x.Key)
			if !ok {
				return nil, false
			}
			out = append(out, step{key: k, isKey: true})
		default:
			return nil, false
		}
	}
	return out, true
}

// keyOf turns a literal index of a traversal into an instance key (int or string).
func keyOf(v cty.Value) (any, bool) {
	if !v.IsKnown() || v.IsNull() {
		return nil, false
	}
	switch v.Type() {
	case cty.String:
		return v.AsString(), true
	case cty.Number:
		if i, acc := v.AsBigFloat().Int64(); acc == big.Exact {
			return int(i), true
		}
	}
	return nil, false
}

// formatKey renders an instance key the way Terraform addresses do.
func formatKey(k any) string {
	switch x := k.(type) {
	case int:
		return "[" + strconv.Itoa(x) + "]"
	case string:
		return "[" + strconv.Quote(x) + "]"
	}
	return ""
}

// indexKey turns a planned value's index (number or string) into a key.
func indexKey(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<31 {
			return int(x)
		}
	case int:
		return x
	case string:
		return x
	}
	return nil
}

// resolver follows configuration references to the instance they name.
type resolver struct {
	// exists holds the address of every planned resource instance.
	exists map[string]bool
	// src, when the .tf files are at hand, supplies what the plan's
	// configuration leaves out: local values. May be nil.
	src *sources
}

// refCtx is where an expression is evaluated: a module instance and the
// count/for_each key of the resource (or module call) that holds it.
type refCtx struct {
	mi *modInst
	// key is the count.index or each.key of the holder (nil when none).
	key any
	// forEach are the references of the holder's for_each expression.
	forEach []string
	// elem says the expression's value is indexed by key: it is the
	// for_each collection read through each.value.
	elem bool
}

// primaryRefs drops the less specific forms Terraform lists beside a
// reference (aws_vpc.main beside aws_vpc.main.id) and the key symbols.
func primaryRefs(refs []string) []string {
	var out []string
	for _, r := range refs {
		switch r {
		case "count.index", "each.key", "count", "each":
			continue
		}
		shadowed := false
		for _, o := range refs {
			if o != r && (strings.HasPrefix(o, r+".") || strings.HasPrefix(o, r+"[")) {
				shadowed = true
				break
			}
		}
		if !shadowed {
			out = append(out, r)
		}
	}
	return out
}

// hasKeyRef reports whether refs use count.index or each.key, which pair a
// reference with the instance of the same key.
func hasKeyRef(refs []string) bool {
	for _, r := range refs {
		if r == "count.index" || r == "each.key" {
			return true
		}
	}
	return false
}

// placeholder resolves an expression whose value is unknown until apply to
// the identity the HCL scanner gives it: the placeholder of the id or arn of
// the one resource instance it references. attr is the name of the
// attribute being read, used to guess id/arn when the reference lost its
// attribute (aws_vpc.main[count.index].id is listed as aws_vpc.main).
func (r *resolver) placeholder(c refCtx, refs []string, attr string, depth int) (string, bool) {
	if depth > maxRefDepth || c.mi == nil {
		return "", false
	}
	prim := primaryRefs(refs)
	if len(prim) != 1 {
		return "", false
	}
	steps, ok := parseAddress(prim[0])
	if !ok {
		return "", false
	}
	switch root := steps[0].name; root {
	case "module":
		return r.moduleOutput(c, refs, steps, attr, depth)
	case "var":
		if len(steps) < 2 || c.mi.parent == nil || c.mi.call == nil {
			return "", false
		}
		e := c.mi.call.Expressions[steps[1].name]
		if e == nil || e.ExpressionData == nil {
			return "", false
		}
		pc := refCtx{mi: c.mi.parent, key: c.mi.key}
		if c.mi.call.ForEachExpression != nil && c.mi.call.ForEachExpression.ExpressionData != nil {
			pc.forEach = c.mi.call.ForEachExpression.References
		}
		return r.placeholder(pc, e.References, attr, depth+1)
	case "each":
		// each.value or each.value.id: the element of the for_each
		// collection with this instance's key.
		if len(steps) < 2 || steps[1].name != "value" || c.key == nil || len(c.forEach) == 0 {
			return "", false
		}
		if len(steps) > 2 {
			if steps[2].isKey {
				return "", false
			}
			attr = steps[2].name
			if len(steps) > 3 {
				return "", false
			}
		}
		ec := refCtx{mi: c.mi, key: c.key, elem: true}
		return r.placeholder(ec, c.forEach, attr, depth+1)
	case "local":
		// The plan's configuration has no locals; the source does.
		if len(steps) != 2 {
			return "", false
		}
		lrefs, ok := r.src.local(c.mi.dir, steps[1].name)
		if !ok {
			return "", false
		}
		lc := c
		lc.elem = c.elem || (c.key != nil && hasKeyRef(refs))
		return r.placeholder(lc, lrefs, attr, depth+1)
	case "data", "path", "terraform", "self", "count":
		return "", false
	default:
		if !isResourceType(root) || len(steps) < 2 || steps[1].isKey {
			return "", false
		}
		base := c.mi.path + root + "." + steps[1].name
		rest := steps[2:]
		addr := ""
		if len(rest) > 0 && rest[0].isKey {
			addr = base + formatKey(rest[0].key)
			rest = rest[1:]
		} else if r.exists[base] {
			addr = base
		} else if c.key != nil && (hasKeyRef(refs) || c.elem) {
			addr = base + formatKey(c.key)
		}
		if addr == "" {
			return "", false
		}
		name := ""
		switch {
		case len(rest) > 0 && !rest[0].isKey:
			name = rest[0].name
		case strings.HasSuffix(attr, "arn"):
			name = "arn"
		case strings.HasSuffix(attr, "id"):
			name = "id"
		}
		return r.instanceAttr(addr, name)
	}
}

// moduleOutput follows module.NAME[key].OUTPUT into the child's output expression.
func (r *resolver) moduleOutput(c refCtx, refs []string, steps []step, attr string, depth int) (string, bool) {
	if len(steps) < 2 || c.mi.cfg == nil {
		return "", false
	}
	name := steps[1].name
	call := c.mi.cfg.ModuleCalls[name]
	if call == nil || call.Module == nil {
		return "", false
	}
	rest := steps[2:]
	if len(rest) == 0 {
		// for_each = module.network read as each.value.vpc_id: the
		// instance with this key, the output named by the attribute.
		if !c.elem || c.key == nil || attr == "" {
			return "", false
		}
		rest = []step{{key: c.key, isKey: call.CountExpression != nil || call.ForEachExpression != nil}, {name: attr}}
		if !rest[0].isKey {
			rest = rest[1:]
		}
	}
	var key any
	switch {
	case rest[0].isKey:
		key = rest[0].key
		rest = rest[1:]
	case (call.CountExpression != nil || call.ForEachExpression != nil) && hasKeyRef(refs) && c.key != nil:
		key = c.key
	case c.elem && call.CountExpression == nil && call.ForEachExpression == nil:
		// module.net.vpc_ids read element-wise: the output is a collection
		// keyed like the instances it lists.
	case call.CountExpression != nil || call.ForEachExpression != nil:
		return "", false
	}
	if len(rest) == 0 || rest[0].isKey {
		return "", false
	}
	out := call.Module.Outputs[rest[0].name]
	if out == nil || out.Expression == nil || out.Expression.ExpressionData == nil {
		return "", false
	}
	child := c.mi.child(name, call, key, r.src)
	cc := refCtx{mi: child}
	if c.elem && key == nil {
		cc.key, cc.elem = c.key, true
	}
	return r.placeholder(cc, out.Expression.References, attr, depth+1)
}

// instanceAttr is the placeholder of attribute name (id or arn) of a planned instance.
func (r *resolver) instanceAttr(addr, name string) (string, bool) {
	if !r.exists[addr] || (name != "id" && name != "arn") {
		return "", false
	}
	return model.Placeholder(addr, name), true
}

// isResourceType reports whether a reference root names a resource type
// (provider_type) rather than a symbol.
func isResourceType(s string) bool { return strings.Contains(s, "_") }

// child returns the instance with key of module call name below mi, with
// its configuration and source directory when known.
func (mi *modInst) child(name string, call *tfjson.ModuleCall, key any, src *sources) *modInst {
	c := &modInst{path: mi.path + "module." + name + formatKey(key) + ".", parent: mi, key: key,
		callPath: strings.TrimPrefix(mi.callPath+"."+name, ".")}
	if call != nil {
		c.call, c.cfg = call, call.Module
		c.dir = childDir(mi.dir, call.Source)
		if c.dir == "" && mi.dir != "" {
			c.dir = src.installedDir(c.callPath)
		}
	}
	return c
}
