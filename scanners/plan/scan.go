package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

// Options configure a plan scan.
type Options struct {
	// SourceDir is the root module's directory inside fsys, used to map
	// resources back to their .tf blocks. "" means: the plan's directory
	// when it holds .tf files, else no source (lines are 0).
	SourceDir string
	// Logger receives progress and diagnostics; may be nil.
	Logger *slog.Logger
	// Secret, when set, is called with every string the plan marks
	// sensitive (after_sensitive, sensitive_values, root variables declared
	// sensitive), so the caller can keep them out of everything it prints.
	Secret func(value string)
}

// Scan reads the plan JSON at planPath inside fsys and adapts its planned
// values to the model.
//
// Input problems (not JSON, not a plan, an unsupported format_version) are
// returned as error diagnostics with file:line:col and a nil state; error
// is only for a failure to read the file.
func Scan(ctx context.Context, fsys fs.FS, planPath string, opts Options) (state *model.State, diags diag.Diagnostics, err error) {
	defer func() {
		// Nothing in the user's input may crash the scanner.
		if r := recover(); r != nil {
			state, err = nil, fmt.Errorf("scan plan %s: internal error: %v", planPath, r)
		}
	}()
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	planPath = terraform.CleanPath(planPath)
	data, err := fs.ReadFile(fsys, planPath)
	if err != nil {
		return nil, nil, fmt.Errorf("scan plan %s: %w", planPath, err)
	}
	doc, d := decode(planPath, data)
	if d != nil {
		return nil, diag.Diagnostics{*d}, nil
	}
	if opts.Secret != nil {
		for _, sec := range doc.secrets {
			opts.Secret(sec)
		}
	}
	var src *sources
	srcRoot := ""
	switch {
	case opts.SourceDir != "":
		srcRoot = terraform.CleanPath(opts.SourceDir)
		if fi, err := fs.Stat(fsys, srcRoot); err != nil || !fi.IsDir() {
			return nil, nil, fmt.Errorf("scan plan %s: source directory %s: not a readable directory", planPath, opts.SourceDir)
		}
		src = newSources(fsys, srcRoot)
	case hasTerraform(fsys, path.Dir(planPath)):
		srcRoot = path.Dir(planPath)
		src = newSources(fsys, srcRoot)
	}
	b := &builder{doc: doc, planPath: planPath, src: src, res: &resolver{exists: map[string]bool{}, src: src}}
	insts := b.instances(srcRoot)
	log.Debug("terraform plan read", "path", planPath, "format_version", doc.formatVersion, "instances", len(insts), "source", srcRoot)
	state = terraform.Adapt(model.SourcePlan, insts, b.region)
	restateReasons(state)
	if src != nil {
		diags = append(diags, src.diags...)
	}
	diags = append(diags, doc.warnings...)
	diags.Sort()
	if err := ctx.Err(); err != nil {
		return state, diags, fmt.Errorf("scan plan %s: %w", planPath, err)
	}
	return state, diags, nil
}

// document is what the scan reads from the file: the values, the changes
// by address and the configuration.
type document struct {
	formatVersion string
	values        *tfjson.StateValues
	changes       map[string]*tfjson.Change
	config        *tfjson.Config
	variables     map[string]*tfjson.PlanVariable
	warnings      diag.Diagnostics
	// secrets are the string values the plan marks sensitive.
	secrets []string
}

// supportedMajors are the plan/state JSON format majors this scanner reads.
var supportedMajors = []string{"0", "1"}

// decode parses data as plan JSON (or state JSON) and reports why it cannot.
func decode(file string, data []byte) (*document, *diag.Diagnostic) {
	bad := func(summary, detail string, offset int64) *diag.Diagnostic {
		d := &diag.Diagnostic{Severity: diag.Error, Summary: summary, Detail: detail, File: file}
		if offset >= 0 {
			d.Line, d.Column = position(data, offset)
		}
		return d
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			at := se.Offset
			if at > 0 && !strings.Contains(se.Error(), "unexpected end") {
				at-- // Offset counts the offending byte
			}
			return nil, bad("Not a Terraform plan: invalid JSON", se.Error(), at)
		}
		return nil, bad("Not a Terraform plan", "want the JSON object printed by `terraform show -json plan.out`", -1)
	}
	var version string
	if raw, ok := probe["format_version"]; !ok || json.Unmarshal(raw, &version) != nil || version == "" {
		return nil, bad("Not a Terraform plan: no format_version", "want the output of `terraform show -json plan.out`", -1)
	}
	major, _, _ := strings.Cut(version, ".")
	supported := false
	for _, m := range supportedMajors {
		supported = supported || m == major
	}
	if !supported {
		return nil, bad("Unsupported plan format_version "+version, "this kansa reads format versions 0.x and 1.x", -1)
	}
	doc := &document{formatVersion: version, changes: map[string]*tfjson.Change{}}
	var p tfjson.Plan
	p.UseJSONNumber(true)
	if err := p.UnmarshalJSON(data); err != nil {
		return nil, bad("Not a Terraform plan", err.Error(), -1)
	}
	doc.values, doc.config, doc.variables = p.PlannedValues, p.Config, p.Variables
	var errored bool
	if raw, ok := probe["errored"]; ok && json.Unmarshal(raw, &errored) == nil && errored {
		doc.warnings = append(doc.warnings, diag.Diagnostic{Severity: diag.Warning, File: file,
			Summary: "The plan errored", Detail: "Terraform could not plan everything; resources it did not plan are not scanned"})
	}
	if p.Complete != nil && !*p.Complete {
		doc.warnings = append(doc.warnings, diag.Diagnostic{Severity: diag.Warning, File: file,
			Summary: "The plan is incomplete", Detail: "deferred changes or -target left resources out of the plan; they are not scanned"})
	}
	for _, rc := range p.ResourceChanges {
		if rc == nil || rc.Change == nil {
			continue
		}
		sensitiveStrings(rc.Change.Before, rc.Change.BeforeSensitive, &doc.secrets)
		sensitiveStrings(rc.Change.After, rc.Change.AfterSensitive, &doc.secrets)
		if rc.DeposedKey != "" {
			continue
		}
		doc.changes[rc.Address] = rc.Change
	}
	if p.Config != nil && p.Config.RootModule != nil {
		for name, v := range p.Config.RootModule.Variables {
			if v != nil && v.Sensitive && p.Variables[name] != nil {
				sensitiveStrings(p.Variables[name].Value, true, &doc.secrets)
			}
		}
	}
	if doc.values == nil {
		if _, ok := probe["values"]; ok {
			// `terraform show -json` of a state: the values are current.
			var st tfjson.State
			st.UseJSONNumber(true)
			if err := st.UnmarshalJSON(data); err != nil {
				return nil, bad("Not a Terraform plan or state", err.Error(), -1)
			}
			doc.values = st.Values
		} else if p.PriorState != nil {
			doc.values = p.PriorState.Values
		}
	}
	if doc.values == nil {
		return nil, bad("Not a Terraform plan: no planned_values", "want the output of `terraform show -json plan.out`", -1)
	}
	walkResources(doc.values.RootModule, 0, func(r *tfjson.StateResource) {
		var mask any
		if len(r.SensitiveValues) > 0 && json.Unmarshal(r.SensitiveValues, &mask) == nil {
			sensitiveStrings(map[string]any(r.AttributeValues), mask, &doc.secrets)
		}
	})
	return doc, nil
}

// walkResources calls fn for every resource of m and its child modules.
func walkResources(m *tfjson.StateModule, depth int, fn func(*tfjson.StateResource)) {
	if m == nil || depth > 64 {
		return
	}
	for _, r := range m.Resources {
		if r != nil {
			fn(r)
		}
	}
	for _, c := range m.ChildModules {
		walkResources(c, depth+1, fn)
	}
}

// sensitiveStrings appends to out every string of v that mask (true, or
// the same shape with true at sensitive leaves) marks sensitive.
func sensitiveStrings(v, mask any, out *[]string) {
	switch m := mask.(type) {
	case bool:
		if m {
			allStrings(v, out, 0)
		}
	case map[string]any:
		if o, ok := v.(map[string]any); ok {
			for k, mk := range m {
				sensitiveStrings(o[k], mk, out)
			}
		}
	case []any:
		if l, ok := v.([]any); ok {
			for i := range min(len(l), len(m)) {
				sensitiveStrings(l[i], m[i], out)
			}
		}
	}
}

func allStrings(v any, out *[]string, depth int) {
	if depth > 64 {
		return
	}
	switch x := v.(type) {
	case string:
		*out = append(*out, x)
	case map[string]any:
		for _, e := range x {
			allStrings(e, out, depth+1)
		}
	case []any:
		for _, e := range x {
			allStrings(e, out, depth+1)
		}
	}
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, offset int64) (int, int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// builder turns the document into adapter input.
type builder struct {
	doc      *document
	planPath string
	src      *sources
	res      *resolver
}

// planned is one managed resource instance of planned_values and the module
// instance that holds it.
type planned struct {
	res *tfjson.StateResource
	mi  *modInst
}

func (b *builder) instances(srcRoot string) []terraform.ResourceInstance {
	var rootCfg *tfjson.ConfigModule
	if b.doc.config != nil {
		rootCfg = b.doc.config.RootModule
	}
	root := &modInst{cfg: rootCfg, dir: srcRoot}
	var all []planned
	mods := map[string]*modInst{"": root}
	var walk func(m *tfjson.StateModule, depth int)
	walk = func(m *tfjson.StateModule, depth int) {
		if m == nil || depth > 64 {
			return
		}
		mi := b.moduleInstance(mods, m.Address)
		for _, r := range m.Resources {
			if r == nil || r.Mode != tfjson.ManagedResourceMode || r.DeposedKey != "" {
				continue
			}
			b.res.exists[r.Address] = true
			all = append(all, planned{res: r, mi: mi})
		}
		for _, c := range m.ChildModules {
			walk(c, depth+1)
		}
	}
	walk(b.doc.values.RootModule, 0)
	sort.SliceStable(all, func(i, j int) bool { return all[i].res.Address < all[j].res.Address })
	out := make([]terraform.ResourceInstance, 0, len(all))
	for _, p := range all {
		out = append(out, b.instance(p))
	}
	return out
}

// moduleInstance returns the module instance at address (module.a["x"].module.b).
func (b *builder) moduleInstance(mods map[string]*modInst, address string) *modInst {
	if mi, ok := mods[address]; ok {
		return mi
	}
	steps, ok := parseAddress(address)
	mi := mods[""]
	if !ok {
		mi = &modInst{path: address + "."}
		mods[address] = mi
		return mi
	}
	for i := 0; i < len(steps); i++ {
		if steps[i].name != "module" || steps[i].isKey || i+1 >= len(steps) {
			break
		}
		name := steps[i+1].name
		i++
		var key any
		if i+1 < len(steps) && steps[i+1].isKey {
			key = steps[i+1].key
			i++
		}
		p := mi.path + "module." + name + formatKey(key) + "."
		child, ok := mods[strings.TrimSuffix(p, ".")]
		if !ok {
			var call *tfjson.ModuleCall
			if mi.cfg != nil {
				call = mi.cfg.ModuleCalls[name]
			}
			child = mi.child(name, call, key, b.src)
			mods[strings.TrimSuffix(p, ".")] = child
		}
		mi = child
	}
	mods[address] = mi
	return mi
}

// configResource finds the configuration block of a planned resource.
func configResource(mi *modInst, r *tfjson.StateResource) *tfjson.ConfigResource {
	if mi == nil || mi.cfg == nil {
		return nil
	}
	for _, c := range mi.cfg.Resources {
		if c != nil && c.Mode == r.Mode && c.Type == r.Type && c.Name == r.Name {
			return c
		}
	}
	return nil
}

func (b *builder) instance(p planned) terraform.ResourceInstance {
	r := p.res
	cr := configResource(p.mi, r)
	ctx := refCtx{mi: p.mi, key: indexKey(r.Index)}
	var exprs map[string]*tfjson.Expression
	provider := ""
	if cr != nil {
		exprs = cr.Expressions
		provider = cr.ProviderConfigKey
		if cr.ForEachExpression != nil && cr.ForEachExpression.ExpressionData != nil {
			ctx.forEach = cr.ForEachExpression.References
		}
	}
	values := r.AttributeValues
	var unknown map[string]any
	if ch := b.doc.changes[r.Address]; ch != nil {
		if after, ok := ch.After.(map[string]any); ok {
			values = after
		}
		unknown, _ = ch.AfterUnknown.(map[string]any)
	}
	var sb *srcBody
	if b.src != nil {
		sb = b.src.resource(p.mi.dir, r.Type, r.Name)
	}
	in := terraform.ResourceInstance{Type: r.Type, Address: r.Address, Provider: provider, File: b.planPath,
		Module: p.mi.path, RequiredProviders: b.requiredProviders(p.mi)}
	if sb != nil {
		in.File = sb.Range.Filename
		in.Range = sb.Range
	}
	bb := bodyBuilder{res: b.res, ctx: ctx}
	in.Body = bb.body(values, unknown, exprs, cr != nil, sb)
	return in
}

// region returns the constant region of a provider configuration key
// ("aws", "aws.west", "module.net:aws"), or of the root variable it names.
func (b *builder) region(key string) string {
	if b.doc.config == nil {
		return ""
	}
	pcs := b.doc.config.ProviderConfigs
	pc := pcs[key]
	if pc == nil {
		if _, after, ok := strings.Cut(key, ":"); ok {
			pc = pcs[after]
		}
	}
	if pc == nil {
		return ""
	}
	e := pc.Expressions["region"]
	if e == nil || e.ExpressionData == nil {
		return ""
	}
	if s, ok := e.ConstantValue.(string); ok {
		return s
	}
	if pc.ModuleAddress == "" {
		if prim := primaryRefs(e.References); len(prim) == 1 && strings.HasPrefix(prim[0], "var.") {
			if v := b.doc.variables[strings.TrimPrefix(prim[0], "var.")]; v != nil {
				if s, ok := v.Value.(string); ok {
					return s
				}
			}
		}
	}
	return ""
}

// requiredProviders returns the provider version constraints that apply to
// module instance mi: the root's, overridden by each module down to mi.
func (b *builder) requiredProviders(mi *modInst) map[string]string {
	if b.doc.config == nil {
		return nil
	}
	var chain []string // module addresses without keys, root first
	for m := mi; m != nil; m = m.parent {
		addr := ""
		if m.callPath != "" {
			addr = "module." + strings.ReplaceAll(m.callPath, ".", ".module.")
		}
		chain = append([]string{addr}, chain...)
	}
	out := map[string]string{}
	for _, addr := range chain {
		for _, pc := range b.doc.config.ProviderConfigs {
			if pc != nil && pc.ModuleAddress == addr && pc.VersionConstraint != "" && pc.Name != "" {
				out[pc.Name] = pc.VersionConstraint
			}
		}
	}
	return out
}
