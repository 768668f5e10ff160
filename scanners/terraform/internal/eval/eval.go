package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/config"
)

// Limits that keep hostile or broken input from hanging a scan.
const (
	MaxModuleDepth = 64
	// DefaultMaxEvalDepth bounds how deeply references may nest.
	DefaultMaxEvalDepth = 256
	// DefaultMaxInstances bounds the instances one count or for_each expands to.
	DefaultMaxInstances = 10000
	maxDynamic          = 10000
	// maxGenerated bounds the blocks all dynamic blocks of a scan may generate.
	maxGenerated = 200000
	// maxTotalInstances bounds resource and module instances of a whole scan
	// (nested for_each multiplies).
	maxTotalInstances = 100000
	// DefaultMaxTotalInstances is maxTotalInstances, for documentation.
	DefaultMaxTotalInstances = maxTotalInstances
)

// Limits bound one evaluation; a zero field takes its default.
type Limits struct {
	// MaxEvalDepth bounds how deeply references may nest (DefaultMaxEvalDepth).
	MaxEvalDepth int
	// MaxInstances bounds the instances of one count or for_each (DefaultMaxInstances).
	MaxInstances int
	// MaxTotalInstances bounds the resource and module instances of the whole
	// scan (DefaultMaxTotalInstances).
	MaxTotalInstances int
	// Files bound each module file loaded during evaluation.
	Files config.Limits
}

func orDefault(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// SetModuleCache makes the evaluator load module directories through c,
// shared with the other root modules of the same scan (nil: no sharing).
func (e *Evaluator) SetModuleCache(c *config.Cache) { e.cache = c }

// SetLimits replaces the default limits; call it before Instances.
func (e *Evaluator) SetLimits(l Limits) {
	e.maxInstances = orDefault(l.MaxTotalInstances, maxTotalInstances)
	e.maxPerBlock = orDefault(l.MaxInstances, DefaultMaxInstances)
	e.maxEvalDepth = orDefault(l.MaxEvalDepth, DefaultMaxEvalDepth)
	e.fileLimits = l.Files
}

// Evaluator evaluates a module tree with Terraform semantics, lazily and by
// reference. It is used once per scan and is not safe for concurrent use.
type Evaluator struct {
	ctx     context.Context
	fsys    fs.FS
	rootDir string
	funcs   map[string]function.Function

	modules map[string]*loadedModule
	// cache shares loaded module directories between root modules (may be nil).
	cache *config.Cache
	// installed maps modules.json keys to module directories (nil until read).
	installed map[string]string
	diags     hcl.Diagnostics
	seen      map[string]bool
	// checked holds the unread resources whose references checkStatic checked.
	checked map[*config.Resource]bool

	generated int
	instances int
	// maxInstances is the scan's instance budget (maxTotalInstances; tests lower it).
	maxInstances int
	// maxPerBlock bounds one count or for_each; maxEvalDepth the reference depth.
	maxPerBlock  int
	maxEvalDepth int
	fileLimits   config.Limits
	// secret receives the strings of sensitive values (nil: nobody asks).
	secret func(string)

	memo   map[string]any
	active map[string]int
	stack  []string
	cyclic map[string]bool

	// Root is the root module instance.
	Root *ModuleInstance
}

type loadedModule struct {
	mod *config.Module
	err error
}

// New creates an evaluator for the root module root (already loaded from
// rootDir in fsys) with the given root variable values.
func New(ctx context.Context, fsys fs.FS, rootDir string, root *config.Module, vars map[string]cty.Value) *Evaluator {
	e := &Evaluator{
		ctx: ctx, fsys: fsys, rootDir: rootDir,
		modules: map[string]*loadedModule{rootDir: {mod: root}},
		seen:    map[string]bool{},
		memo:    map[string]any{}, active: map[string]int{}, cyclic: map[string]bool{},
		maxInstances: maxTotalInstances, maxPerBlock: DefaultMaxInstances, maxEvalDepth: DefaultMaxEvalDepth,
	}
	e.funcs = functions(fsys, rootDir)
	e.Root = &ModuleInstance{e: e, Mod: root, rootVars: vars, dirs: []string{rootDir}}
	return e
}

// Diagnostics returns the problems found so far, de-duplicated.
func (e *Evaluator) Diagnostics() hcl.Diagnostics { return e.diags }

// AddDiag records a diagnostic once (per location and summary).
func (e *Evaluator) AddDiag(d *hcl.Diagnostic) {
	key := d.Summary + "|" + d.Detail
	if d.Subject != nil {
		key = d.Subject.String() + "|" + key
	}
	if e.seen[key] {
		return
	}
	e.seen[key] = true
	e.diags = append(e.diags, d)
}

func (e *Evaluator) warn(rng hcl.Range, summary, detail string) {
	e.AddDiag(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: detail, Subject: rng.Ptr()})
}

func (e *Evaluator) errorf(rng hcl.Range, summary, detail string) {
	e.AddDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr()})
}

// budget takes n instances from the scan's instance budget; when it is
// exhausted it records a diagnostic and returns false.
func (e *Evaluator) budget(n int, rng hcl.Range) bool {
	e.instances += n
	if e.instances > e.maxInstances {
		e.errorf(rng, "Too many instances", "the scan expanded more than "+strconv.Itoa(e.maxInstances)+" resource and module instances; the rest are unknown (limits.max_total_instances)")
		return false
	}
	return true
}

// memoize evaluates compute once per key, detecting cycles: a key met again
// while it is being evaluated yields fallback, records a diagnostic naming the
// cycle, and every member of the cycle ends as fallback.
func (e *Evaluator) memoize(key string, rng hcl.Range, kind string, fallback any, compute func() any) any {
	if v, ok := e.memo[key]; ok {
		return v
	}
	if e.ctx.Err() != nil {
		return fallback
	}
	if idx, ok := e.active[key]; ok {
		cycle := append(append([]string{}, e.stack[idx:]...), key)
		for _, k := range cycle {
			e.cyclic[k] = true
		}
		e.errorf(rng, "cycle in "+kind+": "+strings.Join(cycleNames(cycle), " -> "), "the values involved are unknown")
		return fallback
	}
	if len(e.stack) >= e.maxEvalDepth {
		e.errorf(rng, "evaluation too deep", "references nest deeper than "+strconv.Itoa(e.maxEvalDepth)+" levels; "+key+" is unknown")
		return fallback
	}
	e.active[key] = len(e.stack)
	e.stack = append(e.stack, key)
	v := compute()
	e.stack = e.stack[:len(e.stack)-1]
	delete(e.active, key)
	if e.cyclic[key] {
		v = fallback
	}
	e.memo[key] = v
	return v
}

// ModuleInstance is one instance of a module (the root, or one key of a module call).
type ModuleInstance struct {
	e   *Evaluator
	Mod *config.Module
	// Path is the address prefix ("" for root, `module.net["a"].` for a child).
	Path string
	// Unknown explains why the instance is a representative of an unknown
	// count/for_each of its (or an ancestor's) module call; "" when known.
	Unknown string

	parent   *ModuleInstance
	call     *config.ModuleCall
	callKey  keyData
	rootVars map[string]cty.Value
	dirs     []string
}

// Parent returns the calling module instance, nil for the root.
func (mi *ModuleInstance) Parent() *ModuleInstance { return mi.parent }

// keyData holds count.index or each.key/each.value of an instance.
type keyData struct {
	kind  int // 0 none, 1 count, 2 for_each
	index cty.Value
	key   cty.Value
	value cty.Value
}

const (
	keyNone = iota
	keyCount
	keyEach
)

// Scope is what an expression is evaluated in.
type scope struct {
	mi    *ModuleInstance
	key   keyData
	iters map[string]cty.Value
}

// Instance is one evaluated resource instance.
type Instance struct {
	Resource *config.Resource
	Module   *ModuleInstance
	// Address is the full Terraform address, e.g. module.net.aws_vpc.this[0].
	Address string
	// Unknown explains why the instance is a representative of an unknown
	// count/for_each; "" when its key is known.
	Unknown string
	// Body holds the evaluated configuration.
	Body *Body
}

// Body is an evaluated block body.
type Body struct {
	Attrs  map[string]*Attr
	Blocks []*Block
}

// Attr is an evaluated attribute.
type Attr struct {
	Value cty.Value
	Range hcl.Range
}

// Block is an evaluated nested block. Dynamic blocks are expanded into one
// Block per element, with Dynamic set and Range at the content block.
type Block struct {
	Type    string
	Labels  []string
	Body    *Body
	Range   hcl.Range
	Dynamic bool
	// Unknown is set on the single representative of a dynamic block whose
	// for_each is unknown.
	Unknown bool
}

// Get returns the attribute called name or nil.
func (b *Body) Get(name string) *Attr {
	if b == nil {
		return nil
	}
	return b.Attrs[name]
}

type resourceExpansion struct {
	kind      int
	unknown   bool
	instances []*Instance
	keys      []cty.Value
}

// FormatKey renders an instance key the way Terraform addresses do.
func FormatKey(k cty.Value) string {
	if k == cty.NilVal || !k.IsKnown() || k.IsNull() {
		return ""
	}
	if k.Type() == cty.Number {
		bf := k.AsBigFloat()
		i, _ := bf.Int64()
		return "[" + strconv.FormatInt(i, 10) + "]"
	}
	if k.Type() == cty.String {
		return "[" + strconv.Quote(k.AsString()) + "]"
	}
	return ""
}

// Instances returns the managed resource instances of the module tree whose
// type want accepts (every type when want is nil), in a deterministic order:
// a module's resources by "type.name" with their instances in key order
// (count numerically, for_each keys lexically), then its module calls by
// name, depth first.
//
// Evaluation follows demand: the configuration of a resource whose type want
// refuses is evaluated only when something evaluated refers to it. Its
// count or for_each is still evaluated (the instance budget and invalid
// counts do not depend on who reads a resource), and the references of its
// configuration to undeclared variables, locals and module calls are still
// reported (checkStatic), but an expression of it that fails to evaluate is
// not. Every module call is expanded, and every variable, local and output
// is evaluated.
func (e *Evaluator) Instances(want func(resourceType string) bool) []*Instance {
	var out []*Instance
	var walk func(mi *ModuleInstance)
	walk = func(mi *ModuleInstance) {
		if e.ctx.Err() != nil {
			return
		}
		for _, key := range sortedKeys(mi.Mod.Resources) {
			r := mi.Mod.Resources[key]
			if r.Mode != config.Managed {
				continue
			}
			if want == nil || want(r.Type) {
				out = append(out, mi.expand(r).instances...)
				continue
			}
			if ks := mi.keysOf(r); !ks.failed && len(ks.keys) > 0 {
				mi.checkStatic(r)
			}
		}
		// Like Terraform, judge every variable, local and output even when nothing
		// refers to it, so a cycle or a bad expression in unused code is
		// still reported (values are memoized, so this costs little).
		for _, name := range sortedKeys(mi.Mod.Variables) {
			mi.variable(name)
		}
		for _, name := range sortedKeys(mi.Mod.Locals) {
			mi.local(name)
		}
		for _, name := range sortedKeys(mi.Mod.Outputs) {
			mi.output(name)
		}
		for _, name := range sortedKeys(mi.Mod.ModuleCalls) {
			for _, child := range mi.children(name).children {
				walk(child)
			}
		}
	}
	walk(e.Root)
	return out
}

// ProviderRegion returns the known region of the root module's provider
// configuration ref ("aws" for the default one, "aws.west" for an alias), or "".
func (e *Evaluator) ProviderRegion(ref string) string {
	name, alias, _ := strings.Cut(ref, ".")
	for _, p := range e.Root.Mod.Providers {
		if p.Name != name || p.Alias != alias {
			continue
		}
		a := p.Config.Attr("region")
		if a == nil {
			return ""
		}
		v := (&scope{mi: e.Root}).eval(a.Expr)
		if v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
			return v.AsString()
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// expand evaluates count/for_each of r and each instance's configuration.
func (mi *ModuleInstance) expand(r *config.Resource) *resourceExpansion {
	fallback := &resourceExpansion{unknown: true}
	return mi.e.memoize(mi.Path+r.Key(), r.DeclRange, "references", fallback, func() any {
		return mi.doExpand(r)
	}).(*resourceExpansion)
}

func (mi *ModuleInstance) doExpand(r *config.Resource) *resourceExpansion {
	base := mi.Path + r.Key()
	ks := mi.keysOf(r)
	if ks.failed {
		return &resourceExpansion{unknown: true}
	}
	kind, reason := ks.kind, ks.reason
	x := &resourceExpansion{kind: kind, unknown: reason != ""}
	for _, kd := range ks.keys {
		inst := &Instance{Resource: r, Module: mi, Address: base, Unknown: reason}
		if reason == "" {
			k := kd.index
			if kind == keyEach {
				k = kd.key
			}
			inst.Address = base + FormatKey(k)
			x.keys = append(x.keys, k)
		}
		if inst.Unknown == "" {
			inst.Unknown = mi.Unknown
		}
		if r.Mode == config.Managed {
			isc := &scope{mi: mi, key: kd}
			inst.Body = isc.evalBody(r.Config)
		}
		x.instances = append(x.instances, inst)
	}
	return x
}

// keySet is the instance keys of a resource: its count or for_each evaluated.
type keySet struct {
	keys   []keyData
	kind   int
	reason string // why the keys are unknown ("" when known)
	// failed is set when the keys are part of a cycle or the instance budget
	// ran out: the resource has no instances and references to it are unknown.
	failed bool
}

// keysSuffix marks the memo key of a resource's count/for_each, evaluated on
// its own so that a resource nobody reads is counted without evaluating its
// configuration. Cycle messages show it as the resource (cycleNames).
const keysSuffix = "\x00keys"

// keysOf evaluates the count or for_each of r once per module instance and
// takes its instances from the scan's budget.
func (mi *ModuleInstance) keysOf(r *config.Resource) *keySet {
	return mi.e.memoize(mi.Path+r.Key()+keysSuffix, r.DeclRange, "references", &keySet{failed: true}, func() any {
		sc := &scope{mi: mi}
		keys, kind, reason := sc.expansionKeys(r.Count, r.ForEach)
		if !mi.e.budget(len(keys), r.DeclRange) {
			return &keySet{failed: true}
		}
		return &keySet{keys: keys, kind: kind, reason: reason}
	}).(*keySet)
}

// cycleNames turns the memo keys of a cycle into the names it reports: a
// resource's count/for_each key is the resource, and is left out right after
// the resource itself (the expansion evaluates its keys first).
func cycleNames(keys []string) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		base, isKeys := strings.CutSuffix(k, keysSuffix)
		if isKeys && len(out) > 0 && out[len(out)-1] == base {
			continue
		}
		out = append(out, base)
	}
	return out
}

// checkStatic reports, once per resource, the references of r's
// configuration to undeclared input variables, locals and module calls,
// without evaluating it: the warnings evaluation would give (checkDeclared),
// for a resource nobody reads. The content of dynamic blocks is left out, as
// evaluation leaves it out when for_each is empty.
func (mi *ModuleInstance) checkStatic(r *config.Resource) {
	e := mi.e
	if e.checked == nil {
		e.checked = map[*config.Resource]bool{}
	}
	if e.checked[r] {
		return
	}
	e.checked[r] = true
	sc := &scope{mi: mi}
	var body func(b *config.Body)
	body = func(b *config.Body) {
		if b == nil {
			return
		}
		for _, a := range b.Attrs {
			sc.checkRefs(a.Expr)
		}
		for _, blk := range b.Blocks {
			if blk.Type != "dynamic" {
				body(blk.Body)
			} else if fe := blk.Body.Attr("for_each"); fe != nil && len(blk.Labels) == 1 {
				sc.checkRefs(fe.Expr)
			}
		}
	}
	body(r.Config)
}

// checkRefs reports the references of expr to undeclared input variables,
// locals and module calls, as context does when it evaluates expr (in a
// scope without dynamic block iterators).
func (sc *scope) checkRefs(expr hcl.Expression) {
	for _, t := range expr.Variables() {
		name, ok := attrStep(t, 1)
		if !ok {
			continue
		}
		switch t.RootName() {
		case "var":
			checkDeclared(sc, t, "input variable", "var.", name, sc.mi.Mod.Variables)
		case "local":
			checkDeclared(sc, t, "local value", "local.", name, sc.mi.Mod.Locals)
		case "module":
			checkDeclared(sc, t, "module call", "module.", name, sc.mi.Mod.ModuleCalls)
		}
	}
}

// expansionKeys evaluates count or for_each. When the value is unknown (or
// invalid) it returns one representative key with unknown values and a reason.
func (sc *scope) expansionKeys(count, forEach hcl.Expression) ([]keyData, int, string) {
	e := sc.mi.e
	switch {
	case forEach != nil:
		v := sc.eval(forEach)
		rep := []keyData{{kind: keyEach, key: cty.UnknownVal(cty.String), value: cty.DynamicVal}}
		// A map or object needs only known keys; a set needs every element known.
		if !v.IsKnown() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
			return rep, keyEach, "for_each is unknown"
		}
		if v.IsNull() {
			e.errorf(forEach.Range(), "Invalid for_each argument", "for_each is null")
			return rep, keyEach, "for_each is null"
		}
		ty := v.Type()
		var keys []keyData
		switch {
		case ty.IsMapType() || ty.IsObjectType():
			for it := v.ElementIterator(); it.Next(); {
				k, val := it.Element()
				keys = append(keys, keyData{kind: keyEach, key: k, value: val})
			}
		case ty.IsSetType() && (ty.ElementType() == cty.String || ty.ElementType() == cty.DynamicPseudoType):
			for it := v.ElementIterator(); it.Next(); {
				_, val := it.Element()
				if val.IsNull() {
					e.errorf(forEach.Range(), "Invalid for_each argument", "for_each set contains null")
					return rep, keyEach, "for_each is invalid"
				}
				keys = append(keys, keyData{kind: keyEach, key: val, value: val})
			}
		default:
			e.errorf(forEach.Range(), "Invalid for_each argument", "for_each must be a map or a set of strings, not "+ty.FriendlyName())
			return rep, keyEach, "for_each is invalid"
		}
		if len(keys) > e.maxPerBlock {
			e.errorf(forEach.Range(), "Too many instances", "only the first "+strconv.Itoa(e.maxPerBlock)+" are scanned (limits.max_instances)")
			keys = keys[:e.maxPerBlock]
		}
		sort.SliceStable(keys, func(i, j int) bool { return keys[i].key.AsString() < keys[j].key.AsString() })
		return keys, keyEach, ""
	case count != nil:
		v := sc.eval(count)
		rep := []keyData{{kind: keyCount, index: cty.UnknownVal(cty.Number)}}
		if !v.IsKnown() {
			return rep, keyCount, "count is unknown"
		}
		n, err := convert.Convert(v, cty.Number)
		if err != nil || n.IsNull() {
			e.errorf(count.Range(), "Invalid count argument", "count must be a whole number")
			return rep, keyCount, "count is invalid"
		}
		i, acc := n.AsBigFloat().Int64()
		if acc != 0 || i < 0 {
			e.errorf(count.Range(), "Invalid count argument", "count must be a non-negative whole number")
			return rep, keyCount, "count is invalid"
		}
		if i > int64(e.maxPerBlock) {
			e.errorf(count.Range(), "Too many instances", "only the first "+strconv.Itoa(e.maxPerBlock)+" are scanned (limits.max_instances)")
			i = int64(e.maxPerBlock)
		}
		keys := make([]keyData, i)
		for j := range keys {
			keys[j] = keyData{kind: keyCount, index: cty.NumberIntVal(int64(j))}
		}
		return keys, keyCount, ""
	}
	return []keyData{{}}, keyNone, ""
}

// evalBody evaluates every attribute and nested block, expanding dynamic blocks.
func (sc *scope) evalBody(b *config.Body) *Body {
	out := &Body{Attrs: map[string]*Attr{}}
	if b == nil {
		return out
	}
	for _, a := range b.Attrs {
		out.Attrs[a.Name] = &Attr{Value: sc.eval(a.Expr), Range: a.Range}
	}
	for _, blk := range b.Blocks {
		if blk.Type == "dynamic" {
			out.Blocks = append(out.Blocks, sc.expandDynamic(blk)...)
			continue
		}
		out.Blocks = append(out.Blocks, &Block{Type: blk.Type, Labels: blk.Labels, Body: sc.evalBody(blk.Body), Range: blk.Range})
	}
	return out
}

func (sc *scope) expandDynamic(blk *config.Block) []*Block {
	e := sc.mi.e
	if len(blk.Labels) != 1 {
		e.warn(blk.DefRange, "Invalid dynamic block", "a dynamic block needs one label, the type of block to generate")
		return nil
	}
	genType := blk.Labels[0]
	iter := genType
	if a := blk.Body.Attr("iterator"); a != nil {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			iter = kw
		}
	}
	var content *config.Block
	for _, c := range blk.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	fe := blk.Body.Attr("for_each")
	if content == nil || fe == nil {
		e.warn(blk.DefRange, "Invalid dynamic block", "a dynamic block needs for_each and a content block")
		return nil
	}
	labelsAttr := blk.Body.Attr("labels")
	gen := func(k, v cty.Value, unknown bool) *Block {
		child := &scope{mi: sc.mi, key: sc.key, iters: map[string]cty.Value{}}
		for n, iv := range sc.iters {
			child.iters[n] = iv
		}
		child.iters[iter] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		out := &Block{Type: genType, Dynamic: true, Unknown: unknown, Range: content.Range, Body: child.evalBody(content.Body)}
		if labelsAttr != nil {
			lv := child.eval(labelsAttr.Expr)
			if lv.IsWhollyKnown() && !lv.IsNull() && lv.CanIterateElements() {
				for it := lv.ElementIterator(); it.Next(); {
					_, l := it.Element()
					if s, err := convert.Convert(l, cty.String); err == nil && !s.IsNull() {
						out.Labels = append(out.Labels, s.AsString())
					}
				}
			}
		}
		return out
	}
	v := sc.eval(fe.Expr)
	if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
		if v.IsKnown() && !v.IsNull() && !v.CanIterateElements() {
			e.warn(fe.Range, "Invalid dynamic for_each value", "cannot iterate over "+v.Type().FriendlyName())
		}
		return []*Block{gen(cty.DynamicVal, cty.DynamicVal, true)}
	}
	var out []*Block
	for it := v.ElementIterator(); it.Next(); {
		if e.generated++; e.generated > maxGenerated {
			e.warn(fe.Range, "Too many dynamic blocks", "dynamic blocks generated more than "+strconv.Itoa(maxGenerated)+" blocks; the rest are not scanned")
			break
		}
		k, val := it.Element()
		if v.Type().IsSetType() {
			k = val
		}
		out = append(out, gen(k, val, false))
		if len(out) >= maxDynamic {
			break
		}
	}
	return out
}

// eval evaluates expr in the scope; errors become warnings and unknown.
func (sc *scope) eval(expr hcl.Expression) (result cty.Value) {
	if expr == nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	// Literals (cidr_block = "10.0.0.0/16") need no context: most attributes
	// of a configuration are.
	switch x := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return x.Val
	case *hclsyntax.TemplateExpr:
		if x.IsStringLiteral() {
			if v, diags := x.Value(nil); !diags.HasErrors() {
				return v
			}
		}
	}
	e := sc.mi.e
	defer func() {
		if r := recover(); r != nil {
			e.warn(expr.Range(), "Evaluation failed", fmt.Sprint("internal error while evaluating: ", r))
			result = cty.DynamicVal
		}
	}()
	ctx := sc.context(expr)
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity == hcl.DiagError {
				rng := expr.Range()
				if d.Subject != nil {
					rng = *d.Subject
				}
				e.warn(rng, "Cannot evaluate expression: "+d.Summary, d.Detail+" (the value is treated as unknown)")
			}
		}
		return cty.DynamicVal
	}
	if v.ContainsMarked() {
		v, _ = v.UnmarkDeep()
	}
	return v
}

// context builds an EvalContext holding only what expr refers to.
func (sc *scope) context(expr hcl.Expression) *hcl.EvalContext {
	traversals := expr.Variables()
	if len(traversals) == 0 {
		// A literal, or an expression of functions and its own for
		// variables: nothing to look up.
		return &hcl.EvalContext{Functions: sc.mi.e.funcs}
	}
	// names is what objects built for references must carry; only
	// references to resources, data sources and modules need it.
	var names map[string]bool
	attrsRead := func() map[string]bool {
		if names == nil {
			names = attrNames(expr)
		}
		return names
	}
	var vars map[string]map[string]cty.Value
	var typed map[string]map[string]map[string]cty.Value
	top := map[string]cty.Value{}
	set := func(root, name string, v cty.Value) {
		if vars == nil {
			vars = map[string]map[string]cty.Value{}
		}
		if vars[root] == nil {
			vars[root] = map[string]cty.Value{}
		}
		vars[root][name] = v
	}
	// Modules referenced as a whole value (module.net, not module.net.out)
	// carry every output.
	var whole map[string]bool
	for _, t := range traversals {
		if name, ok := attrStep(t, 1); ok && t.RootName() == "module" && len(t) == 2 {
			if whole == nil {
				whole = map[string]bool{}
			}
			whole[name] = true
		}
	}
	for _, t := range traversals {
		root := t.RootName()
		if iv, ok := sc.iters[root]; ok {
			top[root] = iv
			continue
		}
		name, ok := attrStep(t, 1)
		switch root {
		case "count":
			idx := cty.Value(cty.UnknownVal(cty.Number))
			if sc.key.kind == keyCount {
				idx = sc.key.index
			}
			top["count"] = cty.ObjectVal(map[string]cty.Value{"index": idx})
		case "each":
			k, v := cty.Value(cty.UnknownVal(cty.String)), cty.DynamicVal
			if sc.key.kind == keyEach {
				k, v = sc.key.key, sc.key.value
			}
			top["each"] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		case "path":
			top["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(relPath(sc.mi.e.rootDir, sc.mi.Mod.Dir)),
				"root":   cty.StringVal("."),
				"cwd":    cty.StringVal("."),
			})
		case "terraform":
			top["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "self":
			top["self"] = cty.DynamicVal
		case "var":
			if ok {
				checkDeclared(sc, t, "input variable", "var.", name, sc.mi.Mod.Variables)
				set("var", name, sc.mi.variable(name))
			}
		case "local":
			if ok {
				checkDeclared(sc, t, "local value", "local.", name, sc.mi.Mod.Locals)
				set("local", name, sc.mi.local(name))
			}
		case "module":
			if ok {
				checkDeclared(sc, t, "module call", "module.", name, sc.mi.Mod.ModuleCalls)
				set("module", name, sc.mi.moduleValue(name, attrsRead(), whole[name]))
			}
		case "data":
			typ, ok1 := attrStep(t, 1)
			nm, ok2 := attrStep(t, 2)
			if ok1 && ok2 {
				if typed == nil {
					typed = map[string]map[string]map[string]cty.Value{}
				}
				if typed["data"] == nil {
					typed["data"] = map[string]map[string]cty.Value{}
				}
				if typed["data"][typ] == nil {
					typed["data"][typ] = map[string]cty.Value{}
				}
				typed["data"][typ][nm] = sc.mi.resourceValue("data."+typ+"."+nm, attrsRead(), t, 3)
			}
		default:
			if ok {
				set(root, name, sc.mi.resourceValue(root+"."+name, attrsRead(), t, 2))
			} else {
				top[root] = cty.DynamicVal
			}
		}
	}
	ctx := &hcl.EvalContext{Variables: top, Functions: sc.mi.e.funcs}
	for root, m := range vars {
		if _, done := top[root]; !done {
			top[root] = cty.ObjectVal(m)
		}
	}
	for root, types := range typed {
		obj := map[string]cty.Value{}
		for typ, m := range types {
			obj[typ] = cty.ObjectVal(m)
		}
		top[root] = cty.ObjectVal(obj)
	}
	for _, t := range traversals {
		if _, ok := top[t.RootName()]; !ok {
			// var, local, module or data used without a name (var[0]).
			top[t.RootName()] = cty.DynamicVal
		}
	}
	return ctx
}

// checkDeclared warns about a reference to an undeclared variable, local or
// module call, suggesting the closest declared name. The value is unknown.
func checkDeclared[V any](sc *scope, t hcl.Traversal, kind, prefix, name string, decls map[string]V) {
	if _, ok := decls[name]; ok {
		return
	}
	declared := sortedKeys(decls)
	where := "the root module"
	if sc.mi.parent != nil {
		where = "module directory " + sc.mi.Mod.Dir
	}
	detail := prefix + name + " is not declared in " + where + "; its value is unknown"
	if s := suggest(name, declared); s != "" {
		detail += " (did you mean " + prefix + s + "?)"
	}
	sc.mi.e.warn(t.SourceRange(), "Reference to undeclared "+kind, detail)
}

// suggest returns the declared name closest to given, or "".
func suggest(given string, declared []string) string {
	best, bestDist := "", 3
	for _, d := range declared {
		if dist := levenshtein.Distance(given, d, nil); dist < bestDist {
			best, bestDist = d, dist
		}
	}
	return best
}

func attrStep(t hcl.Traversal, i int) (string, bool) {
	if len(t) <= i {
		return "", false
	}
	switch s := t[i].(type) {
	case hcl.TraverseAttr:
		return s.Name, true
	case hcl.TraverseIndex:
		if s.Key.Type() == cty.String && s.Key.IsKnown() {
			return s.Key.AsString(), true
		}
	}
	return "", false
}

// attrNames collects every attribute name an expression reads, so that
// objects built for references carry those attributes (unknown when unset).
func attrNames(expr hcl.Expression) map[string]bool {
	names := map[string]bool{"id": true, "arn": true}
	add := func(t hcl.Traversal) {
		for _, s := range t {
			if a, ok := s.(hcl.TraverseAttr); ok {
				names[a.Name] = true
			}
		}
	}
	if n, ok := expr.(hclsyntax.Node); ok {
		_ = hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
			switch x := n.(type) {
			case *hclsyntax.ScopeTraversalExpr:
				add(x.Traversal)
			case *hclsyntax.RelativeTraversalExpr:
				add(x.Traversal)
			case *hclsyntax.IndexExpr:
				if lit, ok := x.Key.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
					names[lit.Val.AsString()] = true
				}
			}
			return nil
		})
		return names
	}
	for _, t := range expr.Variables() {
		add(t)
	}
	return names
}

// variable returns the value of input variable name (unknown when it has none).
func (mi *ModuleInstance) variable(name string) cty.Value {
	decl, ok := mi.Mod.Variables[name]
	if !ok {
		return cty.DynamicVal
	}
	return mi.e.memoize(mi.Path+"var."+name, decl.DeclRange, "references", cty.DynamicVal, func() any {
		var v cty.Value
		var rng hcl.Range
		if mi.parent == nil {
			rv, ok := mi.rootVars[name]
			if !ok {
				return cty.DynamicVal
			}
			v, rng = rv, decl.DeclRange
		} else if a, ok := mi.call.Args[name]; ok {
			v, rng = (&scope{mi: mi.parent, key: mi.callKey}).eval(a.Expr), a.Range
		} else if decl.Default != nil {
			v, rng = (&scope{mi: mi}).evalConst(decl.Default), decl.Default.Range()
		} else {
			return cty.DynamicVal
		}
		v = ConvertVariable(mi.e, decl, v, rng)
		if decl.Sensitive && mi.e.secret != nil {
			EachString(v, mi.e.secret)
		}
		return v
	}).(cty.Value)
}

// SetSecretHook makes the evaluator call fn with every string held by a
// variable declared sensitive (in any module) or passed to sensitive(), as
// it evaluates them, so that the caller can keep them out of its output.
func (e *Evaluator) SetSecretHook(fn func(string)) {
	e.secret = fn
	e.funcs["sensitive"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			EachString(args[0], fn)
			return args[0], nil
		},
	})
}

// EachString calls fn with every known string in v (v itself, or the
// elements and attributes of a collection or structure, recursively).
func EachString(v cty.Value, fn func(string)) {
	_ = cty.Walk(v, func(_ cty.Path, x cty.Value) (bool, error) {
		if x.IsMarked() || !x.IsKnown() || x.IsNull() {
			return false, nil
		}
		if x.Type() == cty.String {
			fn(x.AsString())
		}
		return true, nil
	})
}

// ConvertVariable applies decl's type constraint (and optional attribute
// defaults) to v. A value that does not convert is unknown, with a diagnostic.
func ConvertVariable(e interface{ AddDiag(*hcl.Diagnostic) }, decl *config.Variable, v cty.Value, rng hcl.Range) cty.Value {
	if decl.TypeExpr == nil || v.IsNull() {
		return v
	}
	ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(decl.TypeExpr)
	if diags.HasErrors() {
		return v
	}
	if defaults != nil {
		v = defaults.Apply(v)
	}
	out, err := convert.Convert(v, ty)
	if err != nil {
		e.AddDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid value for variable " + decl.Name,
			Detail: err.Error() + " (the value is treated as unknown)", Subject: rng.Ptr()})
		return cty.UnknownVal(ty)
	}
	return out
}

// evalConst evaluates an expression that may not refer to anything (a variable default).
func (sc *scope) evalConst(expr hcl.Expression) cty.Value {
	v, diags := expr.Value(&hcl.EvalContext{Functions: sc.mi.e.funcs})
	if diags.HasErrors() {
		sc.mi.e.warn(expr.Range(), "Invalid default value", diags.Error())
		return cty.DynamicVal
	}
	return v
}

func (mi *ModuleInstance) local(name string) cty.Value {
	decl, ok := mi.Mod.Locals[name]
	if !ok {
		return cty.DynamicVal
	}
	return mi.e.memoize(mi.Path+"local."+name, decl.Range, "locals", cty.DynamicVal, func() any {
		return (&scope{mi: mi}).eval(decl.Expr)
	}).(cty.Value)
}

func (mi *ModuleInstance) output(name string) cty.Value {
	decl, ok := mi.Mod.Outputs[name]
	if !ok || decl.Expr == nil {
		return cty.DynamicVal
	}
	return mi.e.memoize(mi.Path+"output."+name, decl.DeclRange, "references", cty.DynamicVal, func() any {
		return (&scope{mi: mi}).eval(decl.Expr)
	}).(cty.Value)
}

// resourceValue is the value of a reference to a resource or data source:
// one object, a tuple (count) or an object by key (for_each).
//
// A reference to an undeclared resource (common in partial code) keeps the
// identity of what it names: id and arn are placeholders of that address, so
// it links to nothing in the scan, and every other attribute is unknown.
func (mi *ModuleInstance) resourceValue(key string, names map[string]bool, t hcl.Traversal, next int) cty.Value {
	r, ok := mi.Mod.Resources[key]
	if !ok {
		if len(t) > next {
			if _, isAttr := t[next].(hcl.TraverseAttr); !isAttr {
				return cty.DynamicVal
			}
		}
		if !strings.Contains(key, "_") {
			return cty.DynamicVal
		}
		dangling := &Instance{Address: mi.Path + key}
		return dangling.object(names)
	}
	x := mi.expand(r)
	if x.unknown {
		return cty.DynamicVal
	}
	switch x.kind {
	case keyCount:
		if len(x.instances) == 0 {
			return cty.EmptyTupleVal
		}
		vals := make([]cty.Value, len(x.instances))
		for i, inst := range x.instances {
			vals[i] = inst.object(names)
		}
		return cty.TupleVal(vals)
	case keyEach:
		if len(x.instances) == 0 {
			return cty.EmptyObjectVal
		}
		m := map[string]cty.Value{}
		for i, inst := range x.instances {
			m[x.keys[i].AsString()] = inst.object(names)
		}
		return cty.ObjectVal(m)
	}
	if len(x.instances) == 0 {
		return cty.DynamicVal
	}
	return x.instances[0].object(names)
}

// object is the value of one instance as a reference sees it: the configured
// attributes, placeholders for unset id/arn, unknown for every other name read.
func (inst *Instance) object(names map[string]bool) cty.Value {
	attrs := map[string]cty.Value{}
	if inst.Body != nil {
		for n, a := range inst.Body.Attrs {
			attrs[n] = a.Value
		}
		byType := map[string][]cty.Value{}
		for _, b := range inst.Body.Blocks {
			byType[b.Type] = append(byType[b.Type], b.Body.object())
		}
		for t, l := range byType {
			if _, ok := attrs[t]; !ok {
				attrs[t] = cty.TupleVal(l)
			}
		}
	}
	for _, n := range []string{"id", "arn"} {
		if v, ok := attrs[n]; !ok || v.IsNull() {
			attrs[n] = cty.StringVal(model.Placeholder(inst.Address, n))
		}
	}
	for n := range names {
		if _, ok := attrs[n]; !ok {
			attrs[n] = cty.DynamicVal
		}
	}
	return cty.ObjectVal(attrs)
}

func (b *Body) object() cty.Value {
	attrs := map[string]cty.Value{}
	for n, a := range b.Attrs {
		attrs[n] = a.Value
	}
	byType := map[string][]cty.Value{}
	for _, blk := range b.Blocks {
		byType[blk.Type] = append(byType[blk.Type], blk.Body.object())
	}
	for t, l := range byType {
		if _, ok := attrs[t]; !ok {
			attrs[t] = cty.TupleVal(l)
		}
	}
	return cty.ObjectVal(attrs)
}

type callExpansion struct {
	kind     int
	unknown  bool
	children []*ModuleInstance
	keys     []cty.Value
}

// children expands module call name into module instances.
func (mi *ModuleInstance) children(name string) *callExpansion {
	call := mi.Mod.ModuleCalls[name]
	if call == nil {
		return &callExpansion{unknown: true}
	}
	return mi.e.memoize(mi.Path+"module."+name, call.DeclRange, "references", &callExpansion{unknown: true}, func() any {
		return mi.expandCall(call)
	}).(*callExpansion)
}

// IsLocalSource reports whether a module source is a local path.
func IsLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || src == "." || src == ".."
}

func (mi *ModuleInstance) expandCall(call *config.ModuleCall) *callExpansion {
	e := mi.e
	unknown := &callExpansion{unknown: true}
	if !call.SourceSet {
		e.warn(call.DeclRange, "Module source not resolved", "module "+call.Name+" has no literal source; its outputs are unknown")
		return unknown
	}
	var dir string
	if IsLocalSource(call.Source) {
		dir = path.Clean(path.Join(mi.Mod.Dir, call.Source))
	} else {
		key := mi.manifestKey(call.Name)
		d, ok := e.installedModule(key)
		if !ok {
			e.warn(call.DeclRange, "Remote module not downloaded",
				"module."+strings.ReplaceAll(key, ".", ".module.")+": source "+strconv.Quote(call.Source)+" is not downloaded; run terraform init to scan it (its resources are not scanned and its outputs are unknown)")
			return unknown
		}
		dir = d
	}
	if !fs.ValidPath(dir) {
		e.errorf(call.DeclRange, "Module directory outside the scanned tree", "module "+call.Name+" source "+strconv.Quote(call.Source)+" leaves the scanned directory")
		return unknown
	}
	for i, d := range mi.dirs {
		if d == dir {
			chain := append(append([]string{}, mi.dirs[i:]...), dir)
			e.errorf(call.DeclRange, "module cycle: "+strings.Join(chain, " -> "), "module "+call.Name+" calls a module that is already being expanded")
			return unknown
		}
	}
	if len(mi.dirs) >= MaxModuleDepth {
		e.errorf(call.DeclRange, "Modules nested too deeply", "more than "+strconv.Itoa(MaxModuleDepth)+" levels of module calls")
		return unknown
	}
	mod := e.loadModule(dir, call)
	if mod == nil {
		return unknown
	}
	sc := &scope{mi: mi}
	keys, kind, reason := sc.expansionKeys(call.Count, call.ForEach)
	x := &callExpansion{kind: kind, unknown: reason != ""}
	if !e.budget(len(keys), call.DeclRange) {
		return unknown
	}
	for _, kd := range keys {
		child := &ModuleInstance{e: e, Mod: mod, parent: mi, call: call, callKey: kd, Unknown: mi.Unknown,
			dirs: append(append([]string{}, mi.dirs...), dir)}
		child.Path = mi.Path + "module." + call.Name
		if reason != "" {
			child.Unknown = "module " + call.Name + ": " + reason
		} else {
			k := kd.index
			if kind == keyEach {
				k = kd.key
			}
			child.Path += FormatKey(k)
			x.keys = append(x.keys, k)
		}
		child.Path += "."
		x.children = append(x.children, child)
	}
	return x
}

// manifestKey is the key `terraform init` gives the call name of mi in
// .terraform/modules/modules.json: call names from the root, joined by ".".
func (mi *ModuleInstance) manifestKey(name string) string {
	key := name
	for m := mi; m != nil && m.call != nil; m = m.parent {
		key = m.call.Name + "." + key
	}
	return key
}

// moduleManifest is .terraform/modules/modules.json, written by terraform init.
type moduleManifest struct {
	Modules []struct {
		Key    string `json:"Key"`
		Source string `json:"Source"`
		Dir    string `json:"Dir"`
	} `json:"Modules"`
}

// installedModule returns the directory (inside fsys) where terraform init
// put the module with manifest key, reading the root's
// .terraform/modules/modules.json once.
func (e *Evaluator) installedModule(key string) (string, bool) {
	if e.installed == nil {
		e.installed = map[string]string{}
		name := path.Join(e.rootDir, ".terraform/modules/modules.json")
		b, err := config.ReadFile(e.fsys, name, config.MaxFileSize)
		if tooLarge := (*config.TooLargeError)(nil); errors.As(err, &tooLarge) {
			e.warn(hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}, "Unreadable module manifest", "the file is "+err.Error()+"; remote modules are not scanned")
		}
		if err == nil {
			var m moduleManifest
			if err := json.Unmarshal(b, &m); err != nil {
				e.warn(hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}, "Unreadable module manifest", err.Error()+"; remote modules are not scanned")
			}
			for _, mod := range m.Modules {
				if mod.Key != "" && mod.Dir != "" {
					e.installed[mod.Key] = path.Clean(path.Join(e.rootDir, filepathToSlash(mod.Dir)))
				}
			}
		}
	}
	d, ok := e.installed[key]
	return d, ok
}

// filepathToSlash turns a manifest path written on Windows into a slash path.
func filepathToSlash(p string) string { return strings.ReplaceAll(p, "\\", "/") }

func (e *Evaluator) loadModule(dir string, call *config.ModuleCall) *config.Module {
	if lm, ok := e.modules[dir]; ok {
		if lm.err != nil {
			e.errorf(call.DeclRange, "Module not found", "module "+call.Name+": "+lm.err.Error())
		}
		return lm.mod
	}
	mod, diags, err := e.cache.LoadDir(e.fsys, dir, e.fileLimits)
	for _, d := range diags {
		e.AddDiag(d)
	}
	if err != nil {
		err = fmt.Errorf("cannot read module directory %s: %w", dir, err)
		e.modules[dir] = &loadedModule{err: err}
		e.errorf(call.DeclRange, "Module not found", "module "+call.Name+": "+err.Error())
		return nil
	}
	e.modules[dir] = &loadedModule{mod: mod}
	return mod
}

// moduleValue is the value of module.name: an object of the outputs read.
// When whole is set (module.name referenced as a value of its own), every
// declared output is included.
func (mi *ModuleInstance) moduleValue(name string, names map[string]bool, whole bool) cty.Value {
	x := mi.children(name)
	if x.unknown {
		return cty.DynamicVal
	}
	obj := func(child *ModuleInstance) cty.Value {
		attrs := map[string]cty.Value{}
		for n := range names {
			attrs[n] = child.output(n)
		}
		if whole {
			for n := range child.Mod.Outputs {
				attrs[n] = child.output(n)
			}
		}
		return cty.ObjectVal(attrs)
	}
	switch x.kind {
	case keyCount:
		if len(x.children) == 0 {
			return cty.EmptyTupleVal
		}
		vals := make([]cty.Value, len(x.children))
		for i, c := range x.children {
			vals[i] = obj(c)
		}
		return cty.TupleVal(vals)
	case keyEach:
		if len(x.children) == 0 {
			return cty.EmptyObjectVal
		}
		m := map[string]cty.Value{}
		for i, c := range x.children {
			m[x.keys[i].AsString()] = obj(c)
		}
		return cty.ObjectVal(m)
	}
	if len(x.children) == 0 {
		return cty.DynamicVal
	}
	return obj(x.children[0])
}

// relPath returns target relative to base (both clean fsys paths).
func relPath(base, target string) string {
	if base == target {
		return "."
	}
	if base == "." {
		return target
	}
	bs, ts := strings.Split(base, "/"), strings.Split(target, "/")
	if target == "." {
		ts = nil
	}
	i := 0
	for i < len(bs) && i < len(ts) && bs[i] == ts[i] {
		i++
	}
	var parts []string
	for range bs[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, ts[i:]...)
	if len(parts) == 0 {
		return "."
	}
	return strings.Join(parts, "/")
}
