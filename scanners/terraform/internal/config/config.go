package config

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

// Module is one Terraform module directory (or a single file loaded as a module).
type Module struct {
	// Dir is the fsys path of the module directory ("." for the root of fsys).
	Dir string
	// Files lists the fsys paths of the files that were loaded, sorted.
	Files       []string
	Variables   map[string]*Variable
	Locals      map[string]*Local
	Outputs     map[string]*Output
	ModuleCalls map[string]*ModuleCall
	// Resources holds managed resources and data sources, keyed by
	// "type.name" and "data.type.name".
	Resources map[string]*Resource
	Providers []*Provider
	// RequiredProviders maps a provider name to its version constraint
	// (terraform { required_providers { ... } }), when one is written.
	RequiredProviders map[string]string
}

// Variable is an input variable declaration.
type Variable struct {
	Name    string
	Default hcl.Expression // nil when absent
	// TypeExpr is the type constraint expression, nil when absent.
	TypeExpr hcl.Expression
	// Sensitive is set by `sensitive = true`: the value must never be printed.
	Sensitive bool
	DeclRange hcl.Range
}

// Local is one named value in a locals block.
type Local struct {
	Name  string
	Expr  hcl.Expression
	Range hcl.Range
}

// Output is an output value declaration.
type Output struct {
	Name      string
	Expr      hcl.Expression
	DeclRange hcl.Range
}

// ModuleCall is a module block.
type ModuleCall struct {
	Name       string
	Source     string
	SourceSet  bool
	SourceExpr hcl.Expression
	Count      hcl.Expression
	ForEach    hcl.Expression
	// Args are the input variable arguments.
	Args      map[string]*Attribute
	DeclRange hcl.Range
}

// Mode is managed ("resource") or data.
type Mode int

// Resource modes.
const (
	Managed Mode = iota
	Data
)

// Resource is a resource or data block.
type Resource struct {
	Mode      Mode
	Type      string
	Name      string
	Count     hcl.Expression
	ForEach   hcl.Expression
	Config    *Body
	DeclRange hcl.Range
	// Range spans the whole block (first to last line).
	Range hcl.Range
	// Provider is the provider configuration the resource names with its
	// provider meta-argument ("aws.west"), or "" for the default one.
	Provider string
}

// Key returns "type.name" or "data.type.name".
func (r *Resource) Key() string {
	if r.Mode == Data {
		return "data." + r.Type + "." + r.Name
	}
	return r.Type + "." + r.Name
}

// Provider is a provider configuration block.
type Provider struct {
	Name   string
	Alias  string
	Config *Body
}

// Body is a schema-less view of a block body: its attributes and nested blocks,
// in source order. JSON bodies have attributes only (nested blocks appear as
// object-valued attributes).
type Body struct {
	Attrs  []*Attribute
	Blocks []*Block
}

// Attr returns the attribute called name, or nil.
func (b *Body) Attr(name string) *Attribute {
	if b == nil {
		return nil
	}
	for _, a := range b.Attrs {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// Attribute is a name = expression pair.
type Attribute struct {
	Name  string
	Expr  hcl.Expression
	Range hcl.Range
}

// Block is a nested block.
type Block struct {
	Type     string
	Labels   []string
	Body     *Body
	DefRange hcl.Range
	Range    hcl.Range
}

var fileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "terraform"},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "module", LabelNames: []string{"name"}},
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "provider", LabelNames: []string{"name"}},
		{Type: "moved"},
		{Type: "import"},
		{Type: "removed"},
		{Type: "check", LabelNames: []string{"name"}},
		{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	},
}

// resourceMeta are the meta-arguments of resource blocks, which are not provider configuration.
var resourceMeta = map[string]bool{
	"count": true, "for_each": true, "provider": true, "depends_on": true,
	"lifecycle": true, "provisioner": true, "connection": true,
}

var moduleMeta = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true,
}

// MaxNesting bounds how deeply brackets and unary operators may nest in a
// file: the parser recurses per level, and no real configuration comes close.
const MaxNesting = 512

// maxQuestionMarks bounds "?" in a file: conditionals chain recursively in
// the parser, and a real file holds a few hundred at most.
const maxQuestionMarks = 20000

// NestingOK reports where src first nests brackets ((, [, {), or chains
// unary operators (! and -), deeper than MaxNesting, or holds more than
// maxQuestionMarks "?" — shapes on which the recursive parser could exhaust
// the stack — so hostile input is refused before it is parsed.
func NestingOK(src []byte) (hcl.Pos, bool) {
	return nestingWithin(src, MaxNesting)
}

// nestingWithin is NestingOK with the nesting bound max.
func nestingWithin(src []byte, max int) (hcl.Pos, bool) {
	depth, unary, questions := 0, 0, 0
	line, col := 1, 1
	for i, c := range src {
		switch c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		case '!', '-':
			unary++
		case '?':
			questions++
		}
		if c != '!' && c != '-' && c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			unary = 0
		}
		if depth > max || unary > max || questions > maxQuestionMarks {
			return hcl.Pos{Line: line, Column: col, Byte: i}, false
		}
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return hcl.Pos{}, true
}

// MaxFileSize is the largest configuration file that is parsed.
const MaxFileSize = 8 << 20

// Limits bound what one configuration file may cost. A zero field takes
// the default (MaxFileSize, MaxNesting).
type Limits struct {
	// MaxFileSize is the largest file, in bytes, that is parsed.
	MaxFileSize int64
	// MaxNesting bounds bracket and unary-operator nesting in a file.
	MaxNesting int
}

func (l Limits) fileSize() int64 {
	if l.MaxFileSize > 0 {
		return l.MaxFileSize
	}
	return MaxFileSize
}

func (l Limits) nesting() int {
	if l.MaxNesting > 0 {
		return l.MaxNesting
	}
	return MaxNesting
}

// TooLargeError is ReadFile's error for a file over the size limit.
type TooLargeError struct {
	// Limit is the size limit in bytes.
	Limit int64
}

func (e *TooLargeError) Error() string {
	return "larger than " + strconv.FormatInt(e.Limit, 10) + " bytes"
}

// ReadFile reads file name of fsys, but never more than limit+1 bytes: a
// longer file is a *TooLargeError, found from its size when the file
// system reports one and else while reading, so a huge file in a pull
// request costs neither the time nor the memory of reading it.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read-only: nothing to lose on close
	size := int64(0)
	if info, err := f.Stat(); err == nil {
		if info.Size() > limit {
			return nil, &TooLargeError{Limit: limit}
		}
		size = info.Size()
	}
	if size == 0 {
		size = 511 // unknown: start small, grow as needed
	}
	buf := make([]byte, 0, size+1) // +1: the read that meets EOF needs room

	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &TooLargeError{Limit: limit}
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// IsOverrideFile reports whether name is a Terraform override file
// (override.tf, foo_override.tf, and their .tf.json forms).
func IsOverrideFile(name string) bool {
	base := path.Base(name)
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// IsConfigFile reports whether name is a Terraform configuration file.
func IsConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// IsLoaded reports whether a file named name (not a directory) is loaded
// with its directory: a configuration file that is not hidden.
func IsLoaded(name string) bool {
	return IsConfigFile(name) && !strings.HasPrefix(name, ".")
}

// LoadDir loads every *.tf and *.tf.json file of dir in fsys (override files
// are loaded like others). Problems are returned as diagnostics; a file with
// a syntax error is skipped. The error is only for an unreadable directory.
func LoadDir(fsys fs.FS, dir string) (*Module, hcl.Diagnostics, error) {
	return LoadDirWithLimits(fsys, dir, Limits{})
}

// LoadDirWithLimits is LoadDir with file limits other than the defaults.
func LoadDirWithLimits(fsys fs.FS, dir string, lim Limits) (*Module, hcl.Diagnostics, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	return LoadFilesWithLimits(fsys, dir, Files(dir, entries), lim)
}

// Files returns the fsys paths of the configuration files among the
// entries of dir, sorted: the files LoadDir loads (hidden files are not).
func Files(dir string, entries []fs.DirEntry) []string {
	var files []string
	for _, e := range entries {
		if e.IsDir() || !IsLoaded(e.Name()) {
			continue
		}
		files = append(files, path.Join(dir, e.Name()))
	}
	sort.Strings(files)
	return files
}

// LoadFiles loads the given files as one module whose directory is dir.
func LoadFiles(fsys fs.FS, dir string, files []string) (*Module, hcl.Diagnostics, error) {
	return LoadFilesWithLimits(fsys, dir, files, Limits{})
}

// LoadFilesWithLimits is LoadFiles with file limits other than the defaults.
func LoadFilesWithLimits(fsys fs.FS, dir string, files []string, lim Limits) (*Module, hcl.Diagnostics, error) {
	m, diags := loadFiles(dir, files, lim, func(name string) ([]byte, error) { return ReadFile(fsys, name, lim.fileSize()) })
	return m, diags, nil
}

// ModuleCalls returns the module calls that the given configuration files
// of dir declare, as LoadFilesWithLimits would find them, parsing only the
// files that can declare one (see mayDeclareModule). Root discovery needs
// nothing else from a directory, and most files of a tree have no module
// block. Files that cannot be read or parsed are left out: the scan that
// loads the directory reports them. With a cache, the listing and the
// contents read are kept in it for the load that parses them, so no
// directory is listed twice and no file is read twice.
func (c *Cache) ModuleCalls(fsys fs.FS, dir string, files []string, lim Limits) map[string]*ModuleCall {
	if c != nil {
		c.keepFiles(dir, files)
	}
	srcs := map[string][]byte{}
	var keep []string
	for _, name := range files {
		src, err := ReadFile(fsys, name, lim.fileSize())
		if err != nil {
			continue // not kept: the scan reads it again and reports why
		}
		if c != nil {
			c.keep(name, src)
		}
		if mayDeclareModule(name, src) {
			srcs[name] = src
			keep = append(keep, name)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	m, _ := loadFiles(dir, keep, lim, func(name string) ([]byte, error) { return srcs[name], nil })
	return m.ModuleCalls
}

// mayDeclareModule reports whether src can hold a module block. In native
// syntax a block header begins its line, after blanks or a block comment,
// so a file without the word module there has none; JSON files (rare, and
// able to spell a key with escapes) are always parsed.
func mayDeclareModule(name string, src []byte) bool {
	if !strings.HasSuffix(name, ".tf") {
		return true
	}
	const word = "module"
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte(word))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len(word)
		if i < len(src) && src[i] != ' ' && src[i] != '\t' && src[i] != '"' {
			continue // a longer name (modules, module_x) or a reference (module.x)
		}
		line := src[bytes.LastIndexByte(src[:at], '\n')+1 : at]
		if len(bytes.Trim(line, " \t\r\ufeff")) == 0 || bytes.Contains(line, []byte("*/")) {
			return true
		}
	}
}

// loadFiles loads files (read with read) as one module whose directory is dir.
func loadFiles(dir string, files []string, lim Limits, read func(string) ([]byte, error)) (*Module, hcl.Diagnostics) {
	m := &Module{
		Dir:         dir,
		Variables:   map[string]*Variable{},
		Locals:      map[string]*Local{},
		Outputs:     map[string]*Output{},
		ModuleCalls: map[string]*ModuleCall{},
		Resources:   map[string]*Resource{},
	}
	var diags hcl.Diagnostics
	// Override files are merged into the declarations of the others, after them.
	var base, overrides []string
	for _, name := range files {
		if IsOverrideFile(name) {
			overrides = append(overrides, name)
		} else {
			base = append(base, name)
		}
	}
	for i, name := range append(base, overrides...) {
		override := i >= len(base)
		src, err := read(name)
		var tooLarge *TooLargeError
		if err != nil && !errors.As(err, &tooLarge) {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "Cannot read file", Detail: err.Error(),
				Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
			})
			continue
		}
		if tooLarge != nil || int64(len(src)) > lim.fileSize() {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "File too large", Detail: "configuration files over " + strconv.FormatInt(lim.fileSize(), 10) + " bytes are not scanned (limits.max_file_size)",
				Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
			})
			continue
		}
		f, ds := ParseFileWithLimits(src, name, lim)
		diags = append(diags, ds...)
		if f == nil || ds.HasErrors() {
			continue
		}
		m.Files = append(m.Files, name)
		if override {
			diags = append(diags, m.mergeOverride(f)...)
		} else {
			diags = append(diags, m.addFile(f)...)
		}
	}
	sort.Strings(m.Files)
	return m, diags
}

// ParseFile parses HCL native syntax or JSON (by the name's suffix).
func ParseFile(src []byte, name string) (*hcl.File, hcl.Diagnostics) {
	return ParseFileWithLimits(src, name, Limits{})
}

// LoadVarFile reads and parses the variables file name of fsys (.tfvars,
// .tfvars.json) like a configuration file: never read past the size
// limit, problems as diagnostics at the file.
func LoadVarFile(fsys fs.FS, name string, lim Limits) (*hcl.File, hcl.Diagnostics) {
	src, err := ReadFile(fsys, name, lim.fileSize())
	if tooLarge := (*TooLargeError)(nil); errors.As(err, &tooLarge) {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError, Summary: "File too large",
			Detail:  "variables files over " + strconv.FormatInt(lim.fileSize(), 10) + " bytes are not read (limits.max_file_size)",
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
		}}
	}
	if err != nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError, Summary: "Cannot read variables file", Detail: err.Error(),
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
		}}
	}
	return ParseFileWithLimits(src, name, lim)
}

// ParseFileWithLimits is ParseFile with a nesting bound other than the default.
func ParseFileWithLimits(src []byte, name string, lim Limits) (*hcl.File, hcl.Diagnostics) {
	if !utf8.Valid(src) {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError, Summary: "Invalid file encoding",
			Detail:  "the file is not valid UTF-8 text",
			Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
		}}
	}
	if pos, ok := nestingWithin(src, lim.nesting()); !ok {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError, Summary: "Nesting too deep",
			Detail:  "brackets or unary operators nest deeper than " + strconv.Itoa(lim.nesting()) + " levels, or conditionals chain too long; the file is not parsed",
			Subject: &hcl.Range{Filename: name, Start: pos, End: pos},
		}}
	}
	if strings.HasSuffix(name, ".json") {
		return hcljson.Parse(src, name)
	}
	return hclsyntax.ParseConfig(src, name, hcl.InitialPos)
}

func (m *Module) addFile(f *hcl.File) hcl.Diagnostics {
	content, _, diags := f.Body.PartialContent(fileSchema)
	for _, blk := range content.Blocks {
		switch blk.Type {
		case "terraform":
			m.addRequiredProviders(blk.Body)
		case "variable":
			diags = append(diags, m.addVariable(blk)...)
		case "locals":
			attrs, ds := blk.Body.JustAttributes()
			diags = append(diags, ds...)
			for _, a := range sortedAttrs(attrs) {
				if prev, ok := m.Locals[a.Name]; ok {
					diags = append(diags, duplicate("local value", a.Name, a.NameRange, prev.Range))
					continue
				}
				m.Locals[a.Name] = &Local{Name: a.Name, Expr: a.Expr, Range: a.Range}
			}
		case "output":
			name := blk.Labels[0]
			attrs, _ := blk.Body.JustAttributes()
			o := &Output{Name: name, DeclRange: blk.DefRange}
			if a, ok := attrs["value"]; ok {
				o.Expr = a.Expr
			}
			m.Outputs[name] = o
		case "module":
			diags = append(diags, m.addModuleCall(blk)...)
		case "resource", "data":
			diags = append(diags, m.addResource(blk)...)
		case "provider":
			p := &Provider{Name: blk.Labels[0], Config: bodyOf(blk.Body)}
			if a := p.Config.Attr("alias"); a != nil {
				if v, d := a.Expr.Value(nil); !d.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type().FriendlyName() == "string" {
					p.Alias = v.AsString()
				}
			}
			m.Providers = append(m.Providers, p)
		}
	}
	return diags
}

func (m *Module) addVariable(blk *hcl.Block) hcl.Diagnostics {
	name := blk.Labels[0]
	if prev, ok := m.Variables[name]; ok {
		return hcl.Diagnostics{duplicate("variable", name, blk.DefRange, prev.DeclRange)}
	}
	v := &Variable{Name: name, DeclRange: blk.DefRange}
	content, _, diags := blk.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "default"}, {Name: "type"}, {Name: "sensitive"},
	}})
	if a, ok := content.Attributes["default"]; ok {
		v.Default = a.Expr
	}
	if a, ok := content.Attributes["type"]; ok {
		v.TypeExpr = a.Expr
	}
	if a, ok := content.Attributes["sensitive"]; ok {
		// Anything but a literal false counts as sensitive: when in doubt, redact.
		val, ds := a.Expr.Value(nil)
		v.Sensitive = ds.HasErrors() || !val.IsKnown() || val.IsNull() || val.Type() != cty.Bool || val.True()
	}
	m.Variables[name] = v
	return diags
}

func (m *Module) addModuleCall(blk *hcl.Block) hcl.Diagnostics {
	name := blk.Labels[0]
	if prev, ok := m.ModuleCalls[name]; ok {
		return hcl.Diagnostics{duplicate("module call", name, blk.DefRange, prev.DeclRange)}
	}
	mc := &ModuleCall{Name: name, DeclRange: blk.DefRange, Args: map[string]*Attribute{}}
	body := bodyOf(blk.Body)
	for _, a := range body.Attrs {
		switch a.Name {
		case "source":
			mc.SourceExpr = a.Expr
			if v, d := a.Expr.Value(nil); !d.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type().FriendlyName() == "string" {
				mc.Source, mc.SourceSet = v.AsString(), true
			}
		case "count":
			mc.Count = a.Expr
		case "for_each":
			mc.ForEach = a.Expr
		default:
			if !moduleMeta[a.Name] {
				mc.Args[a.Name] = a
			}
		}
	}
	m.ModuleCalls[name] = mc
	return nil
}

func (m *Module) addResource(blk *hcl.Block) hcl.Diagnostics {
	r := &Resource{Type: blk.Labels[0], Name: blk.Labels[1], DeclRange: blk.DefRange, Range: blockRange(blk)}
	if blk.Type == "data" {
		r.Mode = Data
	}
	if prev, ok := m.Resources[r.Key()]; ok {
		return hcl.Diagnostics{duplicate("resource", r.Key(), blk.DefRange, prev.DeclRange)}
	}
	body := bodyOf(blk.Body)
	cfg := &Body{}
	for _, a := range body.Attrs {
		switch a.Name {
		case "count":
			r.Count = a.Expr
		case "for_each":
			r.ForEach = a.Expr
		case "provider":
			if t, d := hcl.AbsTraversalForExpr(a.Expr); !d.HasErrors() && len(t) == 2 {
				if attr, ok := t[1].(hcl.TraverseAttr); ok {
					r.Provider = t.RootName() + "." + attr.Name
				}
			}
		default:
			if !resourceMeta[a.Name] {
				cfg.Attrs = append(cfg.Attrs, a)
			}
		}
	}
	for _, b := range body.Blocks {
		if !resourceMeta[b.Type] {
			cfg.Blocks = append(cfg.Blocks, b)
		}
	}
	r.Config = cfg
	m.Resources[r.Key()] = r
	return nil
}

func blockRange(blk *hcl.Block) hcl.Range {
	if sb, ok := blk.Body.(*hclsyntax.Body); ok {
		return hcl.RangeBetween(blk.DefRange, sb.SrcRange)
	}
	return blk.DefRange
}

// bodyOf converts an hcl.Body into the schema-less Body.
func bodyOf(b hcl.Body) *Body {
	out := &Body{}
	if sb, ok := b.(*hclsyntax.Body); ok {
		names := make([]string, 0, len(sb.Attributes))
		for n := range sb.Attributes {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			return posLess(sb.Attributes[names[i]].SrcRange.Start, sb.Attributes[names[j]].SrcRange.Start)
		})
		for _, n := range names {
			a := sb.Attributes[n]
			out.Attrs = append(out.Attrs, &Attribute{Name: n, Expr: a.Expr, Range: a.SrcRange})
		}
		for _, blk := range sb.Blocks {
			out.Blocks = append(out.Blocks, &Block{
				Type: blk.Type, Labels: blk.Labels, Body: bodyOf(blk.Body),
				DefRange: blk.DefRange(), Range: blk.Range(),
			})
		}
		return out
	}
	attrs, _ := b.JustAttributes()
	for _, a := range sortedAttrs(attrs) {
		out.Attrs = append(out.Attrs, &Attribute{Name: a.Name, Expr: a.Expr, Range: a.Range})
	}
	return out
}

func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Range.Start != out[j].Range.Start {
			return posLess(out[i].Range.Start, out[j].Range.Start)
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func posLess(a, b hcl.Pos) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

func duplicate(kind, name string, at, prev hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Duplicate " + kind,
		Detail:   kind + " " + name + " was already declared at " + prev.String(),
		Subject:  at.Ptr(),
	}
}

// mergeOverride merges an override file into the module as Terraform does:
// each block replaces the arguments it sets (and the nested blocks of the
// types it declares) of the block with the same name; locals replace locals.
func (m *Module) mergeOverride(f *hcl.File) hcl.Diagnostics {
	tmp := &Module{
		Variables: map[string]*Variable{}, Locals: map[string]*Local{}, Outputs: map[string]*Output{},
		ModuleCalls: map[string]*ModuleCall{}, Resources: map[string]*Resource{},
	}
	diags := tmp.addFile(f)
	for n, l := range tmp.Locals {
		m.Locals[n] = l
	}
	for n, v := range tmp.Variables {
		base, ok := m.Variables[n]
		if !ok {
			m.Variables[n] = v
			continue
		}
		if v.Default != nil {
			base.Default = v.Default
		}
		if v.TypeExpr != nil {
			base.TypeExpr = v.TypeExpr
		}
	}
	for n, o := range tmp.Outputs {
		if base, ok := m.Outputs[n]; ok && o.Expr == nil {
			o.Expr = base.Expr
		}
		m.Outputs[n] = o
	}
	for n, c := range tmp.ModuleCalls {
		base, ok := m.ModuleCalls[n]
		if !ok {
			m.ModuleCalls[n] = c
			continue
		}
		if c.SourceExpr != nil {
			base.Source, base.SourceSet, base.SourceExpr = c.Source, c.SourceSet, c.SourceExpr
		}
		if c.Count != nil {
			base.Count = c.Count
		}
		if c.ForEach != nil {
			base.ForEach = c.ForEach
		}
		for k, a := range c.Args {
			base.Args[k] = a
		}
	}
	for k, r := range tmp.Resources {
		base, ok := m.Resources[k]
		if !ok {
			m.Resources[k] = r
			continue
		}
		if r.Count != nil {
			base.Count = r.Count
		}
		if r.ForEach != nil {
			base.ForEach = r.ForEach
		}
		if r.Provider != "" {
			base.Provider = r.Provider
		}
		base.Config = mergeBody(base.Config, r.Config)
	}
	m.Providers = append(m.Providers, tmp.Providers...)
	return diags
}

func mergeBody(base, over *Body) *Body {
	out := &Body{}
	set := map[string]bool{}
	for _, a := range over.Attrs {
		set[a.Name] = true
	}
	for _, a := range base.Attrs {
		if !set[a.Name] {
			out.Attrs = append(out.Attrs, a)
		}
	}
	out.Attrs = append(out.Attrs, over.Attrs...)
	types := map[string]bool{}
	for _, b := range over.Blocks {
		types[b.Type] = true
	}
	for _, b := range base.Blocks {
		if !types[b.Type] {
			out.Blocks = append(out.Blocks, b)
		}
	}
	out.Blocks = append(out.Blocks, over.Blocks...)
	return out
}

func (m *Module) addRequiredProviders(body hcl.Body) {
	content, _, _ := body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "required_providers"}}})
	for _, rp := range content.Blocks {
		attrs, _ := rp.Body.JustAttributes()
		for name, a := range attrs {
			v, d := a.Expr.Value(nil)
			if d.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
				continue
			}
			var version cty.Value
			switch {
			case v.Type() == cty.String:
				version = v
			case v.Type().IsObjectType() && v.Type().HasAttribute("version"):
				version = v.GetAttr("version")
			default:
				continue
			}
			if version.Type() == cty.String && !version.IsNull() {
				if m.RequiredProviders == nil {
					m.RequiredProviders = map[string]string{}
				}
				m.RequiredProviders[name] = version.AsString()
			}
		}
	}
}
