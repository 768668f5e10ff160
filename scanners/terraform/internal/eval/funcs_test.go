package eval

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/zclconf/go-cty/cty"

	"github.com/kansa-sec/kansa/scanners/terraform/internal/config"
)

// evalLocal evaluates local.x of a module made of src (plus extra files).
func evalLocal(t *testing.T, src string, extra fstest.MapFS) (cty.Value, *Evaluator) {
	t.Helper()
	fsys := fstest.MapFS{"main.tf": {Data: []byte(src)}}
	for k, v := range extra {
		fsys[k] = v
	}
	mod, diags, err := config.LoadDir(fsys, ".")
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v %v", err, diags)
	}
	e := New(context.Background(), fsys, ".", mod, map[string]cty.Value{})
	return e.Root.local("x"), e
}

func TestFunctionsAndExpressions(t *testing.T) {
	extra := fstest.MapFS{
		"policy.json":         {Data: []byte(`{"Version": "2012-10-17"}`)},
		"tpl/user_data.tftpl": {Data: []byte(`port=${port}%{ for c in cidrs } ${c}%{ endfor }`)},
	}
	tests := []struct {
		expr string
		want cty.Value
	}{
		{`cidrsubnet("10.0.0.0/16", 8, 2)`, cty.StringVal("10.0.2.0/24")},
		{`cidrhost("10.0.0.0/24", 5)`, cty.StringVal("10.0.0.5")},
		{`cidrsubnets("10.0.0.0/16", 8, 8)`, cty.ListVal([]cty.Value{cty.StringVal("10.0.0.0/24"), cty.StringVal("10.0.1.0/24")})},
		{`format("%s-%03d", "sg", 7)`, cty.StringVal("sg-007")},
		{`format("%-8s|%5.2f", "ab", 1.5)`, cty.StringVal("ab      | 1.50")},
		{`length(setproduct(["a", "b"], [1, 2]))`, cty.NumberIntVal(4)},
		{`indent(2, "a\nb")`, cty.StringVal("a\n  b")},
		{`join(",", split(" ", "a b c"))`, cty.StringVal("a,b,c")},
		{`replace("a-b-c", "-", "_")`, cty.StringVal("a_b_c")},
		{`replace("a1b22", "/[0-9]+/", "#")`, cty.StringVal("a#b#")},
		{`upper(lower("MiX"))`, cty.StringVal("MIX")},
		{`length("abc") + length([1, 2]) + length({a = 1})`, cty.NumberIntVal(6)},
		{`lookup({a = "x"}, "b", "dflt")`, cty.StringVal("dflt")},
		{`lookup({a = "x"}, "a")`, cty.StringVal("x")},
		{`element(["a", "b"], 3)`, cty.StringVal("b")},
		{`flatten([["a"], ["b", ["c"]]])`, cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b"), cty.StringVal("c")})},
		{`merge({a = 1}, {b = 2}).b`, cty.NumberIntVal(2)},
		{`concat(["a"], ["b"])[1]`, cty.StringVal("b")},
		{`coalesce("", "x")`, cty.StringVal("x")},
		{`compact(["a", "", "b"])`, cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})},
		{`distinct(["a", "a"])`, cty.ListVal([]cty.Value{cty.StringVal("a")})},
		{`range(3)[2]`, cty.NumberIntVal(2)},
		{`zipmap(["a"], [1]).a`, cty.NumberIntVal(1)},
		{`one([]) == null`, cty.True},
		{`one(["x"])`, cty.StringVal("x")},
		{`sum([1, 2, 3])`, cty.NumberIntVal(6)},
		{`startswith("0.0.0.0/0", "0.0") && endswith("ab", "b") && strcontains("abc", "b")`, cty.True},
		{`alltrue([true, true]) && !anytrue([false])`, cty.True},
		{`contains(keys({a = 1, b = 2}), "b")`, cty.True},
		{`values({a = "x"})[0]`, cty.StringVal("x")},
		{`jsondecode(jsonencode({a = [1]})).a[0]`, cty.NumberIntVal(1)},
		{`tostring(22)`, cty.StringVal("22")},
		{`tonumber("22")`, cty.NumberIntVal(22)},
		{`tobool("true")`, cty.True},
		{`length(toset(["a", "a", "b"]))`, cty.NumberIntVal(2)},
		{`tolist(["a"])[0]`, cty.StringVal("a")},
		{`tomap({a = "b"})["a"]`, cty.StringVal("b")},
		{`try({ a = 1 }.b, "fallback")`, cty.StringVal("fallback")},
		{`can(regex("^sg-", "sg-1"))`, cty.True},
		{`can(regex("^sg-", "x"))`, cty.False},
		{`[for p in [22, 3389] : p if p > 100][0]`, cty.NumberIntVal(3389)},
		{`{for k, v in {a = 1} : upper(k) => v * 2}.A`, cty.NumberIntVal(2)},
		{`([{ p = 1 }, { p = 2 }][*].p)[1]`, cty.NumberIntVal(2)},
		{`"x-${terraform.workspace}-${path.module}"`, cty.StringVal("x-default-.")},
		{`true ? "a" : "b"`, cty.StringVal("a")},
		{`jsondecode(file("${path.module}/policy.json")).Version`, cty.StringVal("2012-10-17")},
		{`fileexists("policy.json") && !fileexists("nope.json")`, cty.True},
		{`templatefile("tpl/user_data.tftpl", { port = 22, cidrs = ["a", "b"] })`, cty.StringVal("port=22 a b")},
		{`sha256("a")`, cty.StringVal("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb")},
		{`base64encode("hi")`, cty.StringVal("aGk=")},
		{`md5("a")`, cty.StringVal("0cc175b9c0f1b6a831c399e269772661")},
		{`max(1, 5, 3)`, cty.NumberIntVal(5)},
		{`uuid() == ""`, cty.UnknownVal(cty.Bool)},
		{`convert("1", number)`, cty.NumberIntVal(1)},
		{`yamldecode("rules:\n  - port: 22\n    cidr: 0.0.0.0/0\n").rules[0].port`, cty.NumberIntVal(22)},
		{`yamldecode(yamlencode({a = ["x"]})).a[0]`, cty.StringVal("x")},
		{`filesha256("policy.json") == sha256(file("policy.json"))`, cty.True},
		{`filemd5("policy.json") == md5(file("policy.json"))`, cty.True},
		// A dangling reference keeps the identity of what it names.
		{`aws_vpc.undeclared.id`, cty.StringVal("tf:aws_vpc.undeclared.id")},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, e := evalLocal(t, "locals {\n  x = "+tt.expr+"\n}\n", extra)
			if len(e.Diagnostics()) != 0 {
				t.Fatalf("diagnostics: %v", e.Diagnostics())
			}
			if !tt.want.IsKnown() {
				if got.IsKnown() {
					t.Errorf("got %#v, want unknown", got)
				}
				return
			}
			if !got.RawEquals(tt.want) {
				if got.IsKnown() && tt.want.IsKnown() && got.Type().Equals(tt.want.Type()) == false && got.Equals(tt.want).True() {
					return
				}
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestEvaluationErrorsAreUnknown(t *testing.T) {
	tests := []struct {
		expr     string
		wantDiag bool
	}{
		{`nosuch(1)`, true},
		{`file("/etc/passwd")`, true},
		{`file("../outside")`, true},
		{`1 + "a"`, true},
		{`format("%999999999d", 1)`, true},
		{`formatlist("%.99999999f", [1])`, true},
		{`indent(999999999, "a\nb")`, true},
		{`setproduct(range(100), range(100), range(100))`, true},
		{`jsondecode("${join("", [for i in range(600) : "["])}1${join("", [for i in range(600) : "]"])}")`, true},
		{`var.undeclared`, true},
		{`aws_vpc.dangling.cidr_block`, false},
		{`aws_vpc.dangling[0].id`, false},
		{`module.none.out`, true},
		{`data.aws_vpc.none.cidr_block`, false},
		{`each.key`, false},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, e := evalLocal(t, "locals {\n  x = "+tt.expr+"\n}\n", nil)
			if got.IsWhollyKnown() {
				t.Errorf("got known %#v, want unknown", got)
			}
			if has := len(e.Diagnostics()) > 0; has != tt.wantDiag {
				t.Errorf("diagnostics %v, want some: %v", e.Diagnostics(), tt.wantDiag)
			}
		})
	}
}

func TestDeepNesting(t *testing.T) {
	src := "locals {\n"
	for i := 0; i < 400; i++ {
		src += "  l" + itoa(i) + " = local.l" + itoa(i+1) + "\n"
	}
	src += "  l400 = 1\n  x = local.l0\n}\n"
	got, e := evalLocal(t, src, nil)
	if got.IsKnown() {
		t.Errorf("got %#v past the depth limit", got)
	}
	if len(e.Diagnostics()) == 0 {
		t.Errorf("no diagnostic for the depth limit")
	}
}

func itoa(i int) string { return cty.NumberIntVal(int64(i)).AsBigFloat().Text('f', 0) }

func TestExpansionBudget(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf": {Data: []byte(`module "a" {
  source = "./a"
  count  = 20
}`)},
		"a/main.tf": {Data: []byte(`module "b" {
  source = "../b"
  count  = 20
}`)},
		"b/main.tf": {Data: []byte(`resource "aws_vpc" "v" { count = 20 }`)},
	}
	mod, _, err := config.LoadDir(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	e := New(context.Background(), fsys, ".", mod, nil)
	e.maxInstances = 1000
	insts := e.Instances(nil)
	if len(insts) > 1000 || len(insts) == 0 {
		t.Errorf("%d instances, want at most the budget", len(insts))
	}
	found := false
	for _, d := range e.Diagnostics() {
		found = found || d.Summary == "Too many instances"
	}
	if !found {
		t.Errorf("no budget diagnostic: %v", e.Diagnostics())
	}
}

func TestCancelledContext(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`resource "aws_vpc" "v" { count = 3 }`)}}
	mod, _, _ := config.LoadDir(fsys, ".")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := New(ctx, fsys, ".", mod, nil).Instances(nil); len(got) != 0 {
		t.Errorf("cancelled scan expanded %d instances", len(got))
	}
}
