package plan

import (
	"encoding/json"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/kansa-sec/kansa/internal/diag"
)

// srcBody is where a block and its contents sit in the .tf files.
type srcBody struct {
	Range hcl.Range
	Attrs map[string]hcl.Range
	// Templates holds the literal text around the single reference of a
	// template argument ("${aws_cloudwatch_log_group.x.arn}:*" -> "", ":*").
	Templates map[string][2]string
	Blocks    map[string][]*srcBody
	// Dynamic holds the content body of each `dynamic "name"` block.
	Dynamic map[string]*srcBody
}

func newSrcBody(rng hcl.Range) *srcBody {
	return &srcBody{Range: rng, Attrs: map[string]hcl.Range{}, Templates: map[string][2]string{}, Blocks: map[string][]*srcBody{}, Dynamic: map[string]*srcBody{}}
}

// sources maps resources back to their blocks in the .tf files of each
// module directory. It only locates: the plan stays the source of values.
type sources struct {
	fsys  fs.FS
	root  string                   // the root module's directory
	mods  map[string]*moduleSource // by directory
	diags diag.Diagnostics
	// installed maps a module call path ("vpc", "net.sub") to the
	// directory `terraform init` downloaded it to; nil until read.
	installed map[string]string
}

// moduleSource is what one module directory declares.
type moduleSource struct {
	resources map[string]*srcBody // "type.name" -> block
	// locals holds each local value's references in the form the plan's
	// configuration uses (aws_vpc.main.id), which the plan does not list.
	locals map[string][]string
}

func newSources(fsys fs.FS, root string) *sources {
	return &sources{fsys: fsys, root: root, mods: map[string]*moduleSource{}}
}

// installedDir returns the directory of a registry or git module that
// `terraform init` recorded in .terraform/modules/modules.json, "" when
// it is not there.
func (s *sources) installedDir(callPath string) string {
	if s == nil {
		return ""
	}
	if s.installed == nil {
		s.installed = map[string]string{}
		data, err := fs.ReadFile(s.fsys, path.Join(s.root, ".terraform", "modules", "modules.json"))
		if err != nil {
			return ""
		}
		var manifest struct {
			Modules []struct{ Key, Dir string }
		}
		if json.Unmarshal(data, &manifest) != nil {
			return ""
		}
		for _, m := range manifest.Modules {
			d := path.Clean(path.Join(s.root, filepath.ToSlash(m.Dir)))
			if m.Key != "" && fs.ValidPath(d) {
				s.installed[m.Key] = d
			}
		}
	}
	return s.installed[callPath]
}

// hasTerraform reports whether dir holds .tf or .tf.json files.
func hasTerraform(fsys fs.FS, dir string) bool {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if !e.IsDir() && isTerraformFile(e.Name()) {
			return true
		}
	}
	return false
}

// isOverride reports whether n is an override file: it changes arguments of
// blocks declared elsewhere, which keep their location.
func isOverride(n string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(n, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

func isTerraformFile(n string) bool {
	return strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json")
}

// resource returns the block of resource "typ" "name" in module dir, nil
// when it is not found (or declared twice, which is not a valid module).
func (s *sources) resource(dir, typ, name string) *srcBody {
	if m := s.module(dir); m != nil {
		return m.resources[typ+"."+name]
	}
	return nil
}

// local returns the references of local value name in module dir.
func (s *sources) local(dir, name string) ([]string, bool) {
	if m := s.module(dir); m != nil {
		refs, ok := m.locals[name]
		return refs, ok
	}
	return nil, false
}

func (s *sources) module(dir string) *moduleSource {
	if s == nil || dir == "" {
		return nil
	}
	m, ok := s.mods[dir]
	if !ok {
		m = s.load(dir)
		s.mods[dir] = m
	}
	return m
}

func (s *sources) load(dir string) *moduleSource {
	ms := &moduleSource{resources: map[string]*srcBody{}, locals: map[string][]string{}}
	out := ms.resources
	ents, err := fs.ReadDir(s.fsys, dir)
	if err != nil {
		s.diags = append(s.diags, diag.Diagnostic{Severity: diag.Warning, Summary: "Source directory not readable",
			Detail: "resources of this module are located in the plan only: " + err.Error(), File: dir})
		return ms
	}
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		if !e.IsDir() && isTerraformFile(e.Name()) && !isOverride(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	dups := map[string]bool{}
	for _, n := range names {
		file := path.Join(dir, n)
		data, err := fs.ReadFile(s.fsys, file)
		if err != nil {
			continue
		}
		found := map[string]*srcBody{}
		if strings.HasSuffix(n, ".json") {
			parseJSONFile(data, file, found)
		} else {
			parseHCLFile(data, file, found, ms.locals)
		}
		for k, b := range found {
			if _, seen := out[k]; seen {
				dups[k] = true
			}
			out[k] = b
		}
	}
	for k := range dups {
		// Two blocks for one address: the directory is not one module
		// (or uses override files); do not guess which one the plan means.
		delete(out, k)
	}
	return ms
}

// parseHCLFile indexes the resource blocks and local values of one .tf file.
func parseHCLFile(data []byte, file string, out map[string]*srcBody, locals map[string][]string) {
	f, diags := hclsyntax.ParseConfig(data, file, hcl.InitialPos)
	if f == nil || diags.HasErrors() {
		return
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	for _, b := range body.Blocks {
		switch {
		case b.Type == "resource" && len(b.Labels) == 2:
			out[b.Labels[0]+"."+b.Labels[1]] = walkHCL(b.Body, b.Range())
		case b.Type == "locals":
			for n, a := range b.Body.Attributes {
				var refs []string
				for _, t := range a.Expr.Variables() {
					if s := traversalString(t); s != "" {
						refs = append(refs, s)
					}
				}
				locals[n] = refs
			}
		}
	}
}

// traversalString renders the static part of a traversal as the plan's
// configuration lists references: aws_vpc.main["a"].id.
func traversalString(t hcl.Traversal) string {
	var b strings.Builder
	for _, s := range t {
		switch x := s.(type) {
		case hcl.TraverseRoot:
			b.WriteString(x.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + x.Name)
		case hcl.TraverseIndex:
			k, ok := keyOf(x.Key)
			if !ok {
				return b.String()
			}
			b.WriteString(formatKey(k))
		default:
			return b.String()
		}
	}
	return b.String()
}

// walkHCL records where the arguments and nested blocks of a body are.
func walkHCL(body *hclsyntax.Body, rng hcl.Range) *srcBody {
	sb := newSrcBody(rng)
	for n, a := range body.Attributes {
		sb.Attrs[n] = a.SrcRange
		if t, ok := templateAround(a.Expr); ok {
			sb.Templates[n] = t
		}
	}
	for _, b := range body.Blocks {
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			for _, c := range b.Body.Blocks {
				if c.Type == "content" {
					sb.Dynamic[b.Labels[0]] = walkHCL(c.Body, c.Range())
				}
			}
			if sb.Dynamic[b.Labels[0]] == nil {
				sb.Dynamic[b.Labels[0]] = newSrcBody(b.Range())
			}
			continue
		}
		sb.Blocks[b.Type] = append(sb.Blocks[b.Type], walkHCL(b.Body, b.Range()))
	}
	return sb
}

// parseJSONFile indexes the resource blocks of one .tf.json file, with the
// lines of their top-level arguments.
func parseJSONFile(data []byte, file string, out map[string]*srcBody) {
	f, diags := hcljson.Parse(data, file)
	if f == nil || diags.HasErrors() {
		return
	}
	content, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "resource", LabelNames: []string{"type", "name"}}}})
	if content == nil {
		return
	}
	for _, b := range content.Blocks {
		sb := newSrcBody(b.DefRange)
		attrs, _ := b.Body.JustAttributes()
		for n, a := range attrs {
			sb.Attrs[n] = a.Range
			if a.Range.End.Line > sb.Range.End.Line {
				sb.Range.End = a.Range.End
			}
		}
		out[b.Labels[0]+"."+b.Labels[1]] = sb
	}
}

// childDir is the directory of a module call's source, "" when it is not a
// local path (registry and git modules are located in the plan only).
func childDir(parent, source string) string {
	if parent == "" {
		return ""
	}
	if !isLocalSource(source) {
		return ""
	}
	d := path.Clean(path.Join(parent, source))
	if !fs.ValidPath(d) {
		return ""
	}
	return d
}

// templateAround returns the literal text before and after the one
// reference of a template such as "${aws_cloudwatch_log_group.x.arn}:*".
func templateAround(e hclsyntax.Expression) ([2]string, bool) {
	t, ok := e.(*hclsyntax.TemplateExpr)
	if !ok {
		return [2]string{}, false
	}
	var out [2]string
	refs := 0
	for _, p := range t.Parts {
		switch x := p.(type) {
		case *hclsyntax.LiteralValueExpr:
			if !x.Val.Type().Equals(cty.String) || x.Val.IsNull() {
				return [2]string{}, false
			}
			out[refs] += x.Val.AsString()
		case *hclsyntax.ScopeTraversalExpr:
			refs++
			if refs > 1 {
				return [2]string{}, false
			}
		default:
			return [2]string{}, false
		}
	}
	return out, refs == 1
}

// isLocalSource reports whether a module source is a local path.
func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || src == "." || src == ".."
}
