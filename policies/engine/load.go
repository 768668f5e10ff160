package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/kansa-sec/kansa/policies"
)

// module is one Rego file. Policy files are parsed when loaded; test files
// (_test.rego) only when the tests are run (Engine.tests), since a scan
// never needs them: mod is nil and src holds the text until then.
type module struct {
	// name is how errors and rules name the file: "policies/aws/ec2/x.rego"
	// for built-ins, the OS path for custom policies.
	name   string
	mod    *ast.Module
	src    string
	test   bool
	custom bool
}

// parse parses the module's source.
func (m *module) parse() error {
	mod, err := ast.ParseModuleWithOpts(m.name, m.src, parserOptions())
	if err != nil {
		return fmt.Errorf("parse %s: %w", m.name, err)
	}
	m.mod, m.src = mod, ""
	return nil
}

// parserOptions are used for every module: Rego v1, METADATA kept.
func parserOptions() ast.ParserOptions {
	return ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}
}

// builtinPrefix names embedded files in errors and finding.Rule.File.
const builtinPrefix = "policies/"

// loadBuiltin parses every .rego file of the embedded policies.
func loadBuiltin() ([]module, error) {
	return loadFS(policies.FS(), func(p string) string { return builtinPrefix + p }, false)
}

// loadCustom parses every .rego file under the OS directory dir.
func loadCustom(dir string) ([]module, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("policy directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("policy directory %s: not a directory", dir)
	}
	return loadFS(os.DirFS(dir), func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }, true)
}

func loadFS(fsys fs.FS, display func(string) string, custom bool) ([]module, error) {
	var out []module
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if path.Ext(p) != ".rego" {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read %s: %w", display(p), err)
		}
		m := module{name: display(p), src: string(src), test: strings.HasSuffix(p, "_test.rego"), custom: custom}
		if !m.test {
			if err := m.parse(); err != nil {
				return err
			}
		}
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// networkBuiltins reach outside the process (the network, the environment,
// files outside the scan root), with what each reaches; they are not in the
// capabilities unless Options.AllowNetworkBuiltins is set. The JSON schema
// built-ins are here because a schema's $ref may name file:// or http(s)://
// documents, which OPA loads from the OS and the network.
var networkBuiltins = map[string]string{
	"http.send":          "reaches the network",
	"net.lookup_ip_addr": "reaches the network",
	"opa.runtime":        "reads the environment",
	"json.verify_schema": "loads the files and URLs a schema's $ref names",
	"json.match_schema":  "loads the files and URLs a schema's $ref names",
}

// capabilities are OPA's built-ins minus networkBuiltins unless allowed.
func capabilities(allowNetwork bool) *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	if allowNetwork {
		return caps
	}
	// No host is reachable either (OPA applies allow_net to http.send and to
	// remote schema references), should a built-in slip through.
	caps.AllowNet = []string{}
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if _, out := networkBuiltins[b.Name]; !out {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	return caps
}

// checkNetworkBuiltins reports the first call to a network built-in, with
// its location and the flag that allows it.
func checkNetworkBuiltins(m module) error {
	var found *ast.Location
	var name string
	note := func(n string, loc *ast.Location) {
		if _, out := networkBuiltins[n]; found == nil && out {
			found, name = loc, n
		}
	}
	ast.WalkExprs(m.mod, func(e *ast.Expr) bool {
		if e.IsCall() {
			note(e.Operator().String(), e.Location)
		}
		return false
	})
	ast.WalkTerms(m.mod, func(t *ast.Term) bool {
		if c, ok := t.Value.(ast.Call); ok && len(c) > 0 {
			note(c[0].String(), t.Location)
		}
		return false
	})
	if found == nil {
		return nil
	}
	return fmt.Errorf("%s: %s %s and is disabled; rerun with --allow-network-builtins to allow it (a policy from a pull request could otherwise send CI secrets out)", locString(m.name, found), name, networkBuiltins[name])
}

// locString formats file:line for errors.
func locString(file string, loc *ast.Location) string {
	if loc == nil {
		return file
	}
	if loc.File != "" {
		file = loc.File
	}
	return fmt.Sprintf("%s:%d", file, loc.Row)
}
