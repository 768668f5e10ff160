package terraform

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kansa-sec/kansa/internal/benchcorpus"
	"github.com/kansa-sec/kansa/internal/diag"
	"github.com/kansa-sec/kansa/internal/model"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/config"
	"github.com/kansa-sec/kansa/scanners/terraform/internal/eval"
)

// resourceTypeLit matches a string literal that names a resource type of a
// provider kansa adapts (or may adapt next).
var resourceTypeLit = regexp.MustCompile(`^(aws|alicloud|azurerm|google|kubernetes|tencentcloud|huaweicloud|oci)_[a-z0-9_]+$`)

// TestReadTypes checks readTypes against the adapt code: the scan evaluates
// only the declared types, so a type an adapter reads but readTypes misses
// would silently read as absent. Every resource type named in the adapt
// code must be declared, every declared type must be named there, and
// instances are read only through adapter.of (which refuses an undeclared
// type), never from byType directly.
func TestReadTypes(t *testing.T) {
	fset := token.NewFileSet()
	paths, err := filepath.Glob("adapt*.go")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]string{} // type -> where
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && isReadTypesDecl(gd) {
				continue // the list itself
			}
			fn, _ := decl.(*ast.FuncDecl)
			ast.Inspect(decl, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.BasicLit:
					if x.Kind != token.STRING {
						return true
					}
					s, err := strconv.Unquote(x.Value)
					if err == nil && resourceTypeLit.MatchString(s) {
						named[s] = fset.Position(x.Pos()).String()
					}
				case *ast.SelectorExpr:
					if x.Sel.Name == "byType" && (fn == nil || (fn.Name.Name != "of" && fn.Name.Name != "adaptFrom")) {
						t.Errorf("%s: reads byType directly; use a.of(type) so that undeclared types are refused", fset.Position(x.Pos()))
					}
				}
				return true
			})
		}
	}
	if len(named) == 0 {
		t.Fatal("found no resource type in the adapt code; is the pattern still right?")
	}
	for typ, where := range named {
		if !readTypes[typ] {
			t.Errorf("%s: the adapt code names %s, which readTypes does not declare: its instances would not be evaluated", where, typ)
		}
	}
	for typ := range readTypes {
		if _, ok := named[typ]; !ok {
			t.Errorf("readTypes declares %s, which no adapter reads: its instances would be evaluated for nothing", typ)
		}
	}
}

func isReadTypesDecl(gd *ast.GenDecl) bool {
	for _, spec := range gd.Specs {
		if vs, ok := spec.(*ast.ValueSpec); ok && slices.ContainsFunc(vs.Names, func(id *ast.Ident) bool { return id.Name == "readTypes" }) {
			return true
		}
	}
	return false
}

// TestAdaptReadsOnlyDeclaredTypes runs the adapters over an instance of every
// declared type, so that a lookup of an undeclared type reached only when
// some instance exists (a bucket's ACL, a store's project) panics here.
func TestAdaptReadsOnlyDeclaredTypes(t *testing.T) {
	var insts []ResourceInstance
	for typ := range readTypes {
		insts = append(insts, ResourceInstance{Type: typ, Address: typ + ".x", Provider: strings.SplitN(typ, "_", 2)[0]})
	}
	sort.Slice(insts, func(i, j int) bool { return insts[i].Type < insts[j].Type })
	defer func() {
		if r := recover(); r != nil {
			t.Fatal(r)
		}
	}()
	Adapt(model.SourceTerraform, insts, nil)
}

func TestAdapterRefusesUndeclaredType(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("reading an undeclared type did not panic")
		}
	}()
	a := &adapter{byType: map[string][]*eval.Instance{}}
	a.of("aws_instance")
}

// TestDemandSameModel scans every Terraform fixture of the repository and a
// generated corpus twice, evaluating every resource and evaluating by
// demand, and requires the same model, the same errors and no warning the
// full evaluation does not give.
func TestDemandSameModel(t *testing.T) {
	type target struct {
		name string
		fsys fs.FS
		path string
	}
	var targets []target
	for _, root := range []string{"terraform", "examples", "hostile", "secrets", "plan"} {
		dir := filepath.Join("..", "..", "testdata", root)
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if entries, err := os.ReadDir(p); err != nil || len(config.Files(".", entries)) == 0 {
				return nil
			}
			// As the CLI does: symlinks may not leave the directory.
			r, err := os.OpenRoot(p)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = r.Close() })
			targets = append(targets, target{name: strings.TrimPrefix(filepath.ToSlash(p), "../../"), fsys: r.FS(), path: "."})
			return nil
		})
	}
	corpus := benchcorpus.Build(0.1, 1)
	mfs := fstest.MapFS{}
	for p, b := range corpus.Files {
		mfs[p] = &fstest.MapFile{Data: b}
	}
	for _, r := range corpus.Roots {
		targets = append(targets, target{name: "corpus/" + r, fsys: mfs, path: r})
	}
	if len(targets) < 50 {
		t.Fatalf("only %d targets found", len(targets))
	}
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			full, fullDiags, err1 := scanTypes(context.Background(), tg.fsys, tg.path, Options{}, nil)
			lazy, lazyDiags, err2 := scanTypes(context.Background(), tg.fsys, tg.path, Options{}, readsType)
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("errors differ: %v / %v", err1, err2)
			}
			if a, b := modelJSON(t, full), modelJSON(t, lazy); a != b {
				t.Errorf("models differ:\nfull: %s\nlazy: %s", a, b)
			}
			if a, b := diagsOf(fullDiags, diag.Error), diagsOf(lazyDiags, diag.Error); !slices.Equal(a, b) {
				t.Errorf("errors differ:\nfull: %q\nlazy: %q", a, b)
			}
			all := diagsOf(fullDiags, diag.Warning)
			for _, w := range diagsOf(lazyDiags, diag.Warning) {
				if !slices.Contains(all, w) {
					t.Errorf("warning only with demand evaluation: %s", w)
				}
			}
		})
	}
}

func modelJSON(t *testing.T, s *model.State) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func diagsOf(ds diag.Diagnostics, sev diag.Severity) []string {
	var out []string
	for _, d := range ds {
		if d.Severity == sev {
			out = append(out, d.File+":"+strconv.Itoa(d.Line)+":"+strconv.Itoa(d.Column)+": "+d.Summary+": "+d.Detail)
		}
	}
	return out
}

// TestDemandDiagnostics pins what a resource nobody reads still reports.
func TestDemandDiagnostics(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// want are substrings of diagnostics both evaluations give; lost are
		// those only the full evaluation gives.
		want, lost []string
	}{
		{"failing expression unread", `resource "aws_instance" "i" { ami = tonumber("x") }`,
			nil, []string{"Cannot evaluate expression"}},
		{"failing expression read through an output", `resource "aws_instance" "i" { ami = tonumber("x") }
output "o" { value = aws_instance.i.ami }`,
			[]string{"Cannot evaluate expression"}, nil},
		{"undeclared references", `variable "region" {}
locals { tags = {} }
resource "aws_instance" "i" {
  ami  = var.regoin
  tags = local.tagz
  subnet_id = module.net.id
  ebs_block_device { volume_size = var.nope }
  dynamic "network_interface" {
    for_each = local.nics
    content { device_index = var.inside }
  }
}`,
			[]string{"var.regoin is not declared in the root module; its value is unknown (did you mean var.region?)",
				"local.tagz", "module.net", "var.nope", "local.nics"},
			// Dynamic content is evaluated only when for_each has elements
			// (or is unknown, as here); a static check cannot tell.
			[]string{"var.inside"}},
		{"undeclared reference in count 0", `resource "aws_instance" "i" {
  count = 0
  ami   = var.nope
}`, nil, nil},
		{"invalid count", `resource "aws_instance" "i" { count = -1 }`,
			[]string{"Invalid count argument"}, nil},
		{"invalid for_each", `resource "aws_instance" "i" { for_each = 3 }`,
			[]string{"Invalid for_each argument"}, nil},
		{"cycle through an unread resource and a local", `locals { x = aws_instance.i.id }
resource "aws_instance" "i" { user_data = local.x }`,
			// Reported from where evaluation meets the cycle first.
			[]string{"cycle in ", "local.x -> aws_instance.i"}, []string{"cycle in references: aws_instance.i -> local.x -> aws_instance.i"}},
		{"count of an unread resource refers to itself", `resource "aws_instance" "i" { count = length(aws_instance.i) }`,
			[]string{"cycle in references: aws_instance.i -> aws_instance.i"}, nil},
		{"count of a read resource refers to itself", `resource "aws_vpc" "v" { count = length(aws_vpc.v) }`,
			[]string{"cycle in references: aws_vpc.v -> aws_vpc.v"}, nil},
		{"for_each of a read resource through a local", `locals { keys = toset([aws_vpc.v.cidr_block]) }
resource "aws_vpc" "v" { for_each = local.keys }`,
			[]string{"cycle in references: aws_vpc.v -> local.keys -> aws_vpc.v"}, nil},
		{"read resource refers to an unread one in a cycle", `resource "aws_instance" "i" { subnet_id = aws_vpc.v.id }
resource "aws_vpc" "v" { cidr_block = aws_instance.i.private_ip }`,
			[]string{"cycle in references: ", "aws_vpc.v -> aws_instance.i"}, []string{"cycle in references: aws_instance.i -> aws_vpc.v -> aws_instance.i"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := files("main.tf", tt.src)
			_, fullDiags, err := scanTypes(context.Background(), fsys, ".", Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, lazyDiags := scan(t, fsys, Options{})
			all := func(ds diag.Diagnostics) string {
				var b strings.Builder
				for _, d := range ds {
					b.WriteString(d.Summary + ": " + d.Detail + "\n")
				}
				return b.String()
			}
			full, lazy := all(fullDiags), all(lazyDiags)
			for _, w := range tt.want {
				if !strings.Contains(full, w) || !strings.Contains(lazy, w) {
					t.Errorf("want %q in both\nfull:\n%s\ndemand:\n%s", w, full, lazy)
				}
			}
			for _, w := range tt.lost {
				if !strings.Contains(full, w) || strings.Contains(lazy, w) {
					t.Errorf("want %q only in the full evaluation\nfull:\n%s\ndemand:\n%s", w, full, lazy)
				}
			}
			if len(tt.lost) == 0 && full != lazy {
				t.Errorf("diagnostics differ\nfull:\n%s\ndemand:\n%s", full, lazy)
			}
			if len(tt.want)+len(tt.lost) == 0 && full != "" {
				t.Errorf("want no diagnostic, got\n%s", full)
			}
		})
	}
}
