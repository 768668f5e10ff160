package config

import (
	"errors"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
)

func TestLoadDir(t *testing.T) {
	tests := []struct {
		name      string
		fs        fstest.MapFS
		files     int
		resources []string
		errors    int // files with errors
		check     func(t *testing.T, m *Module)
	}{
		{"tf and tf.json, other files ignored", fstest.MapFS{
			"a.tf":          {Data: []byte(`resource "aws_vpc" "a" {}`)},
			"b.tf.json":     {Data: []byte(`{"resource": {"aws_vpc": {"b": {}}}}`)},
			"notes.txt":     {Data: []byte(`resource "aws_vpc" "c" {}`)},
			".hidden.tf":    {Data: []byte(`resource "aws_vpc" "d" {}`)},
			"sub/nested.tf": {Data: []byte(`resource "aws_vpc" "e" {}`)},
		}, 2, []string{"aws_vpc.a", "aws_vpc.b"}, 0, nil},
		{"duplicate resource", fstest.MapFS{
			"a.tf": {Data: []byte("resource \"aws_vpc\" \"a\" {}\nresource \"aws_vpc\" \"a\" {}\n")},
		}, 1, []string{"aws_vpc.a"}, 1, nil},
		{"meta-arguments are not configuration", fstest.MapFS{
			"a.tf": {Data: []byte(`
resource "aws_vpc" "a" {
  count      = 2
  provider   = aws.west
  depends_on = []
  cidr_block = "10.0.0.0/16"
  lifecycle {
    ignore_changes = all
  }
  tags {
  }
}
data "aws_vpc" "d" {}
`)},
		}, 1, []string{"aws_vpc.a", "data.aws_vpc.d"}, 0, func(t *testing.T, m *Module) {
			r := m.Resources["aws_vpc.a"]
			if r.Count == nil || r.Provider != "aws.west" || len(r.Config.Attrs) != 1 || len(r.Config.Blocks) != 1 {
				t.Errorf("resource: count %v provider %q attrs %d blocks %d", r.Count, r.Provider, len(r.Config.Attrs), len(r.Config.Blocks))
			}
			if r.Range.Start.Line != 2 || r.Range.End.Line != 12 {
				t.Errorf("range %v", r.Range)
			}
			if m.Resources["data.aws_vpc.d"].Mode != Data {
				t.Errorf("data mode")
			}
		}},
		{"declarations", fstest.MapFS{
			"a.tf": {Data: []byte(`
terraform {
  required_providers {
    alicloud = { source = "aliyun/alicloud", version = "1.162.0" }
    aws      = "~> 5.0"
  }
}
variable "v" {
  type    = string
  default = "x"
}
locals { l = 1 }
output "o" { value = 1 }
module "m" {
  source = "./m"
  input  = 1
  count  = 1
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
`)},
		}, 1, nil, 0, func(t *testing.T, m *Module) {
			if m.Variables["v"].Default == nil || m.Variables["v"].TypeExpr == nil || m.Locals["l"] == nil || m.Outputs["o"].Expr == nil {
				t.Errorf("declarations missing")
			}
			mc := m.ModuleCalls["m"]
			if mc.Source != "./m" || mc.Count == nil || mc.Args["input"] == nil || len(mc.Args) != 1 {
				t.Errorf("module call %+v", mc)
			}
			if len(m.Providers) != 1 || m.Providers[0].Alias != "west" {
				t.Errorf("providers %+v", m.Providers)
			}
			if m.RequiredProviders["alicloud"] != "1.162.0" || m.RequiredProviders["aws"] != "~> 5.0" {
				t.Errorf("required providers %v", m.RequiredProviders)
			}
		}},
		{"override merges", fstest.MapFS{
			"a.tf":          {Data: []byte("resource \"aws_vpc\" \"a\" {\n  cidr_block = \"1\"\n  tags = {}\n  ingress {}\n}\n")},
			"a_override.tf": {Data: []byte("resource \"aws_vpc\" \"a\" {\n  cidr_block = \"2\"\n  ingress {}\n  ingress {}\n}\n")},
		}, 2, []string{"aws_vpc.a"}, 0, func(t *testing.T, m *Module) {
			c := m.Resources["aws_vpc.a"].Config
			if len(c.Attrs) != 2 || c.Attr("cidr_block").Range.Filename != "a_override.tf" || len(c.Blocks) != 2 {
				t.Errorf("merged config: attrs %d blocks %d", len(c.Attrs), len(c.Blocks))
			}
		}},
		{"syntax error and bad encoding skip the file", fstest.MapFS{
			"a.tf":      {Data: []byte(`resource "aws_vpc" {`)},
			"b.tf":      {Data: []byte("\xc3\x28")},
			"ok.tf":     {Data: []byte(`resource "aws_vpc" "ok" {}`)},
			"j.tf.json": {Data: []byte(`{"resource": `)},
		}, 1, []string{"aws_vpc.ok"}, 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, diags, err := LoadDir(tt.fs, ".")
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Files) != tt.files {
				t.Errorf("files %v, want %d", m.Files, tt.files)
			}
			errFiles := map[string]bool{}
			for _, d := range diags {
				if d.Severity == hcl.DiagError {
					if d.Subject != nil {
						errFiles[d.Subject.Filename] = true
					}
					if d.Subject == nil || d.Subject.Filename == "" || d.Subject.Start.Line == 0 {
						t.Errorf("diagnostic without location: %v", d)
					}
				}
			}
			if len(errFiles) != tt.errors {
				t.Errorf("files with errors %d, want %d: %v", len(errFiles), tt.errors, diags)
			}
			if tt.resources != nil {
				var got []string
				for k := range m.Resources {
					got = append(got, k)
				}
				if len(got) != len(tt.resources) {
					t.Errorf("resources %v, want %v", got, tt.resources)
				}
				for _, r := range tt.resources {
					if m.Resources[r] == nil {
						t.Errorf("missing %s", r)
					}
				}
			}
			if tt.check != nil {
				tt.check(t, m)
			}
		})
	}
	if _, _, err := LoadDir(fstest.MapFS{}, "missing"); err == nil {
		t.Errorf("missing directory: no error")
	}
}

func TestIsOverrideFile(t *testing.T) {
	for name, want := range map[string]bool{
		"override.tf": true, "x_override.tf": true, "dir/override.tf.json": true, "x_override.tf.json": true,
		"main.tf": false, "overrides.tf": false, "override_x.tf": false,
	} {
		if got := IsOverrideFile(name); got != want {
			t.Errorf("IsOverrideFile(%q) = %v", name, got)
		}
	}
}

func TestNestingLimit(t *testing.T) {
	for _, open := range []string{"(", "[", "{a=", "!", "-", "- ", "f(", `"${`, "[for x in ", "true ? 1 : "} {
		for n, wantOK := range map[int]bool{100: true, 30000: false} {
			src := "locals { x = " + strings.Repeat(open, n) + "1\n}\n"
			_, diags := ParseFile([]byte(src), "main.tf")
			deep := false
			for _, d := range diags {
				deep = deep || d.Summary == "Nesting too deep"
			}
			if deep == wantOK {
				t.Errorf("%q x %d: nesting diagnostic %v", open, n, deep)
			}
		}
	}
}

func TestMayDeclareModule(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            bool
	}{
		{"block", "a.tf", "module \"net\" {\n  source = \"./net\"\n}\n", true},
		{"indented block", "a.tf", "\n\t  module \"net\" {}", true},
		{"identifier label", "a.tf", "module net {}", true},
		{"after a block comment", "a.tf", "/* net */ module \"net\" {}", true},
		{"crlf and bom", "a.tf", "\ufeffmodule \"a\" {}\r\nmodule \"b\" {}\r\n", true},
		{"only references", "a.tf", "output \"id\" {\n  value = module.net.id\n}\n", false},
		{"reference starting a line", "a.tf", "locals {\n  ids = [\n    module.net.id,\n  ]\n}\n", false},
		{"longer names", "a.tf", "variable \"modules\" {}\nlocals {\n  module_count = 1\n}\n", false},
		{"commented out", "a.tf", "# module \"net\" {}\n// module \"x\" {}\n", false},
		{"no mention", "a.tf", "resource \"aws_vpc\" \"v\" {}", false},
		{"json is always parsed", "a.tf.json", `{"resource": {}}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mayDeclareModule(tt.file, []byte(tt.src)); got != tt.want {
				t.Errorf("mayDeclareModule = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestModuleCalls: discovery's partial load finds the module calls a full
// load finds, override files and JSON included, and skips broken files.
func TestModuleCalls(t *testing.T) {
	fsys := fstest.MapFS{
		"d/main.tf":           {Data: []byte("module \"net\" {\n  source = \"./net\"\n}\nmodule \"dyn\" {\n  source = \"${path.module}/x\"\n}\n")},
		"d/outputs.tf":        {Data: []byte("output \"id\" {\n  value = module.net.id\n}\n")},
		"d/more.tf.json":      {Data: []byte(`{"module": {"db": {"source": "../db"}}}`)},
		"d/broken.tf":         {Data: []byte("module \"bad\" {\n")},
		"d/net_override.tf":   {Data: []byte("module \"net\" {\n  source = \"./net2\"\n}\n")},
		"d/extra_override.tf": {Data: []byte("module \"extra\" {\n  source = \"../extra\"\n}\n")},
	}
	entries, err := fsys.ReadDir("d")
	if err != nil {
		t.Fatal(err)
	}
	files := Files("d", entries)
	full, _, err := LoadFiles(fsys, "d", files)
	if err != nil {
		t.Fatal(err)
	}
	got := (*Cache)(nil).ModuleCalls(fsys, "d", files, Limits{})
	summary := func(calls map[string]*ModuleCall) string {
		var out []string
		for name, c := range calls {
			out = append(out, name+"="+c.Source+"/"+strconv.FormatBool(c.SourceSet))
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	want := "db=../db/true dyn=/false extra=../extra/true net=./net2/true"
	if s := summary(full.ModuleCalls); s != want {
		t.Fatalf("full load: %s, want %s", s, want)
	}
	if s := summary(got); s != want {
		t.Errorf("ModuleCalls: %s, want %s", s, want)
	}
}

// endless is a file system of one file that never ends and whose size is
// unknown (0), counting the bytes read from it.
type endless struct{ read *int64 }

func (e endless) Open(string) (fs.File, error) { return endlessFile(e), nil }

type endlessFile endless

func (endlessFile) Stat() (fs.FileInfo, error) { return endlessInfo{}, nil }
func (endlessFile) Close() error               { return nil }
func (f endlessFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	*f.read += int64(len(p))
	return len(p), nil
}

type endlessInfo struct{ fs.FileInfo }

func (endlessInfo) Size() int64 { return 0 }

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"small.tf": {Data: []byte("# ten bytes")[:10]},
		"big.tf":   {Data: []byte(strings.Repeat("x", 11))},
	}
	tests := []struct {
		name    string
		limit   int64
		want    string
		tooBig  bool
		missing bool
	}{
		{"small.tf", 10, "# ten byte", false, false},
		{"small.tf", 100, "# ten byte", false, false},
		{"big.tf", 10, "", true, false},
		{"nothing.tf", 10, "", false, true},
	}
	for _, tt := range tests {
		got, err := ReadFile(fsys, tt.name, tt.limit)
		var tooLarge *TooLargeError
		switch {
		case tt.tooBig:
			if !errors.As(err, &tooLarge) || tooLarge.Limit != tt.limit {
				t.Errorf("%s limit %d: error %v, want a TooLargeError", tt.name, tt.limit, err)
			}
		case tt.missing:
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s: error %v, want not exist", tt.name, err)
			}
		case err != nil || string(got) != tt.want:
			t.Errorf("%s limit %d: %q, %v; want %q", tt.name, tt.limit, got, err, tt.want)
		}
	}
	// A file whose size the file system does not tell is cut off while reading.
	var n int64
	if _, err := ReadFile(endless{&n}, "huge.tf", 1<<20); !errors.As(err, new(*TooLargeError)) {
		t.Fatalf("endless file: error %v, want a TooLargeError", err)
	}
	if n > 2<<20 {
		t.Errorf("read %d bytes of an endless file with a 1 MiB limit", n)
	}
}
