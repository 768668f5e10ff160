package terraform

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"testing/fstest"
	"time"
)

// fuzzLimits keep each fuzz input cheap: the default limits let one input
// expand to 100000 instances, which takes seconds and stalls the fuzzer.
// The limits themselves are tested in TestLimits.
var fuzzLimits = Limits{MaxInstances: 50, MaxTotalInstances: 500}

// fuzzSeeds returns the files matching each glob under the repository's
// testdata and, when present, the shared conformance corpus beside the
// repository (or KANSA_CONFORMANCE_DIR); at most max files.
func fuzzSeeds(max int, globs ...string) [][]byte {
	roots := []string{filepath.Join("..", "..", "testdata")}
	if d := os.Getenv("KANSA_CONFORMANCE_DIR"); d != "" {
		roots = append(roots, d)
	} else {
		roots = append(roots, filepath.Join("..", "..", "..", "shared", "conformance"))
	}
	var out [][]byte
	for _, root := range roots {
		for _, g := range globs {
			matches, _ := filepath.Glob(filepath.Join(root, g))
			for _, m := range matches {
				if b, err := os.ReadFile(m); err == nil && len(out) < max {
					out = append(out, b)
				}
			}
		}
	}
	return out
}

// FuzzScan feeds arbitrary bytes as a module's only file: Scan must neither
// panic nor hang, whatever the input. The fixtures under testdata (the
// hostile corpus included) and the conformance corpus seed it.
func FuzzScan(f *testing.F) {
	for _, b := range fuzzSeeds(300, "*/*/*.tf", "*/*/*/*.tf", "*/*/*/*/*.tf") {
		f.Add(b)
	}
	f.Add([]byte(`locals { a = local.a }`))
	f.Add([]byte(`module "m" { source = "./" }`))
	f.Add([]byte(`resource "aws_vpc" "v" { for_each = { for i in range(3) : i => i } }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"main.tf": {Data: src}, "mod/main.tf": {Data: src}}
		fuzzScan(t, fsys, src)
	})
}

// FuzzVarFile feeds arbitrary bytes as terraform.tfvars (or, when the first
// byte is odd, terraform.tfvars.json) of a module declaring variables of
// several types: reading and converting the values must neither panic nor
// hang. Seeded from the tfvars files under testdata.
func FuzzVarFile(f *testing.F) {
	for _, b := range fuzzSeeds(100, "*/*/*.tfvars", "*/*/*.tfvars.json", "*/*/*/*.tfvars") {
		f.Add(b)
	}
	f.Add([]byte(`ports = [22, 3389]` + "\n" + `name = "x"` + "\n" + `tags = { a = "b" }`))
	f.Add([]byte(`{"ports": [22], "cidrs": {"a": ["0.0.0.0/0"]}}`))
	f.Add([]byte(`name = "${local.x}"` + "\n" + `ports = var.ports`))
	const mod = `
variable "name" {}
variable "ports" { type = list(number) }
variable "cidrs" { type = map(list(string)) }
variable "tags" {
  type      = map(string)
  sensitive = true
}
variable "rules" {
  type = list(object({ port = number, cidr = optional(string, "0.0.0.0/0") }))
}
resource "aws_security_group" "sg" {
  name = var.name
  tags = var.tags
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = lookup(var.cidrs, "a", [])
    }
  }
}
`
	f.Fuzz(func(t *testing.T, src []byte) {
		name := "terraform.tfvars"
		if len(src) > 0 && src[0]&1 == 1 {
			name += ".json"
		}
		fuzzScan(t, fstest.MapFS{"main.tf": {Data: []byte(mod)}, name: {Data: src}}, src)
	})
}

// fuzzScan scans fsys under a 2 s deadline. Scan must return without an
// internal error (a recovered panic) and must honour the deadline: one that
// has not returned 10 s later hangs (the margin keeps a loaded machine from
// reporting a slow input as a hang).
func fuzzScan(t *testing.T, fsys fstest.MapFS, src []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, _, err := Scan(ctx, fsys, ".", Options{Limits: fuzzLimits})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil && ctx.Err() == nil {
			t.Fatalf("Scan: %v", err)
		}
	case <-time.After(12 * time.Second):
		panic("Scan ignores its deadline on input " + strconv.Quote(string(src)))
	}
}

// TestMutatedFixtures is a deterministic, fast stand-in for fuzzing in CI:
// seeded random edits of the fixtures (broken braces, templates, bytes) must
// never panic or hang the scanner.
func TestMutatedFixtures(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "terraform", "*", "*.tf"))
	var corpus [][]byte
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			corpus = append(corpus, b)
		}
	}
	if len(corpus) == 0 {
		t.Skip("no fixtures")
	}
	toks := []string{"{", "}", "[", "]", "(", ")", `"`, "${", "%{", "=", "\n", "local.a", "var.x", "[*]", ".", "...", "=>", "?", ":"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 400 {
		src := append([]byte{}, corpus[rng.IntN(len(corpus))]...)
		for range 1 + rng.IntN(5) {
			p := rng.IntN(len(src) + 1)
			switch rng.IntN(3) {
			case 0:
				tok := toks[rng.IntN(len(toks))]
				src = append(src[:p], append([]byte(tok), src[p:]...)...)
			case 1:
				if p < len(src) {
					src = append(src[:p], src[p+1:]...)
				}
			default:
				if p < len(src) {
					src[p] = byte(rng.IntN(256))
				}
			}
		}
		fsys := fstest.MapFS{"main.tf": {Data: src}, "mod/main.tf": {Data: src}}
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, _, _ = Scan(context.Background(), fsys, ".", Options{})
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Scan hangs on input %q", src)
		}
	}
}

// FuzzExpression feeds arbitrary bytes as one expression that a module uses
// everywhere an expression can matter (count, for_each, dynamic blocks,
// attributes the adapters read, module inputs, functions over it), so the
// fuzzer spends its time in the evaluator and the adapters rather than on
// syntax errors. Scan must neither panic nor ignore its deadline.
func FuzzExpression(f *testing.F) {
	for _, s := range []string{
		`1`, `"0.0.0.0/0"`, `[22, 3389]`, `{ a = 1, b = "x" }`, `null`, `var.unset`, `local.v`,
		`range(3)`, `{ for i in range(3) : tostring(i) => i }`, `[for x in [1, 2] : x if x > 1]`,
		`try(tonumber("x"), 0)`, `cidrsubnet("10.0.0.0/8", 8, 2)`, `"${upper("a")}%{ for x in [1] }${x}%{ endfor }"`,
		`jsondecode("{\"a\": [1, 2]}")`, `lookup({}, "a", "b")`, `flatten([[1], [2, [3]]])`, `setproduct([1], ["a"])`,
		`aws_vpc.v[0].id`, `module.m.out`, `-1`, `1e400`, `"\u0000"`, `merge({a = 1}, null)`,
	} {
		f.Add([]byte(s))
	}
	const mod = `
variable "unset" {}
locals {
  v = %s
}
resource "aws_vpc" "v" {
  count      = try(length(local.v), local.v, 1)
  cidr_block = try(tostring(local.v), "10.0.0.0/16")
}
resource "aws_flow_log" "f" {
  for_each = try(toset([for x in local.v : tostring(x)]), tomap(local.v), {})
  vpc_id   = aws_vpc.v[0].id
}
resource "aws_security_group" "sg" {
  name = try(format("%%v", local.v), null)
  dynamic "ingress" {
    for_each = try(local.v, [])
    content {
      from_port   = try(ingress.value, 22)
      to_port     = try(ingress.value.to, ingress.key)
      protocol    = "tcp"
      cidr_blocks = try([tostring(local.v)], local.v, ["0.0.0.0/0"])
    }
  }
}
resource "alicloud_security_group_rule" "r" {
  type        = "ingress"
  ip_protocol = try(local.v, "tcp")
  port_range  = try(local.v, "22/22")
  cidr_ip     = local.v
}
module "m" {
  source = "./mod"
  in     = local.v
}
`
	const child = `
variable "in" {}
output "out" { value = var.in }
resource "aws_cloudwatch_log_group" "g" {
  retention_in_days = try(var.in, 1)
  name              = try(var.in.name, "g")
}
`
	f.Fuzz(func(t *testing.T, expr []byte) {
		fuzzScan(t, fstest.MapFS{
			"main.tf":     {Data: []byte(fmt.Sprintf(mod, expr))},
			"mod/main.tf": {Data: []byte(child)},
		}, expr)
	})
}
