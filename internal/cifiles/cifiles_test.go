package cifiles

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// root is the repository root, from this package's directory.
const root = "../.."

// yamlFiles lists every CI-related YAML file of the repository, relative to root.
func yamlFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"action.yml", ".pre-commit-hooks.yaml", ".goreleaser.yaml", ".golangci.yml"}
	for _, dir := range []string{".github/workflows", "examples"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
				rel, err := filepath.Rel(root, p)
				if err != nil {
					return err
				}
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatalf("list %s: %v", dir, err)
		}
	}
	sort.Strings(files)
	return files
}

func readYAML(t *testing.T, rel string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

func TestYAMLFilesParse(t *testing.T) {
	files := yamlFiles(t)
	for _, want := range []string{
		".github/workflows/ci.yml", ".github/workflows/release.yml",
		"examples/github/terraform-pr.yml", "examples/github/aws-nightly.yml", "examples/github/alicloud-nightly.yml",
		"examples/gitlab/.gitlab-ci.yml", "examples/pre-commit/.pre-commit-config.yaml",
	} {
		if !slices.Contains(files, want) {
			t.Errorf("%s is missing", want)
		}
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			var doc yaml.Node
			readYAML(t, f, &doc)
			if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
				t.Fatalf("%s: empty document", f)
			}
			if k := doc.Content[0].Kind; k != yaml.MappingNode && k != yaml.SequenceNode {
				t.Errorf("%s: top level is neither a mapping nor a list", f)
			}
		})
	}
}

// action is the part of action.yml the tests read.
type action struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Description string  `yaml:"description"`
		Required    bool    `yaml:"required"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string            `yaml:"name"`
			ID    string            `yaml:"id"`
			Uses  string            `yaml:"uses"`
			Run   string            `yaml:"run"`
			Shell string            `yaml:"shell"`
			With  map[string]string `yaml:"with"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func TestActionInputs(t *testing.T) {
	var a action
	readYAML(t, "action.yml", &a)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	wantInputs := map[string]string{
		"path": ".", "sarif": "kansa.sarif", "junit": "", "fail-on": "low",
		"config": "", "args": "", "version": "latest",
	}
	var names []string
	for name := range a.Inputs {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(a.Inputs) != len(wantInputs) {
		t.Errorf("inputs %v, want exactly %d: %v", names, len(wantInputs), wantInputs)
	}
	docs, err := os.ReadFile(filepath.Join(root, "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	for name, def := range wantInputs {
		in, ok := a.Inputs[name]
		if !ok {
			t.Errorf("input %q missing", name)
			continue
		}
		if in.Default == nil || *in.Default != def {
			t.Errorf("input %q: default %v, want %q", name, in.Default, def)
		}
		if in.Required {
			t.Errorf("input %q is required; every input has a default", name)
		}
		if in.Description == "" {
			t.Errorf("input %q has no description", name)
		}
		if !bytes.Contains(docs, []byte("`"+name+"`")) {
			t.Errorf("input %q is not documented in docs/ci.md", name)
		}
	}
	for _, out := range []string{"sarif", "exit-code"} {
		o, ok := a.Outputs[out]
		if !ok || !strings.Contains(o.Value, "steps.scan.outputs."+out) {
			t.Errorf("output %q missing or not from the scan step: %+v", out, o)
		}
		if !bytes.Contains(docs, []byte("`"+out+"`")) {
			t.Errorf("output %q is not documented in docs/ci.md", out)
		}
	}
	var setupGo, scan bool
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q: a composite run step needs a shell", s.Name)
		}
		// Inputs reach scripts through env: an expression pasted into shell
		// code would let an input inject commands.
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q: expression inside run; pass it through env", s.Name)
		}
		if strings.HasPrefix(s.Uses, "actions/setup-go@") && s.With["go-version"] == "1.26" {
			setupGo = true
		}
		if s.ID == "scan" && strings.Contains(s.Run, "scripts/action-run.sh") {
			scan = true
		}
	}
	if !setupGo {
		t.Error("no actions/setup-go step with go-version 1.26")
	}
	if !scan {
		t.Error("no step with id scan running scripts/action-run.sh")
	}
}

// workflow is the part of a GitHub workflow the tests read.
type workflow struct {
	Permissions yaml.Node `yaml:"permissions"`
	Jobs        map[string]struct {
		Permissions map[string]string `yaml:"permissions"`
		Steps       []struct {
			Uses string            `yaml:"uses"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func TestWorkflows(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root, ".github/workflows/*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	examples, err := filepath.Glob(filepath.Join(root, "examples/github/*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, examples...)
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		rel = filepath.ToSlash(rel)
		t.Run(rel, func(t *testing.T) {
			var w workflow
			readYAML(t, rel, &w)
			// Least privilege: the token's default scope is set explicitly.
			if w.Permissions.Kind == 0 {
				t.Error("no top-level permissions")
			}
			for name, j := range w.Jobs {
				for _, s := range j.Steps {
					if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
						if j.Permissions["security-events"] != "write" {
							t.Errorf("job %s uploads SARIF without security-events: write", name)
						}
						if strings.HasPrefix(rel, "examples/") && s.With["category"] == "" {
							t.Errorf("job %s uploads SARIF without a category", name)
						}
					}
					if strings.HasPrefix(s.Uses, "aws-actions/configure-aws-credentials@") ||
						strings.HasPrefix(s.Uses, "aliyun/configure-aliyun-credentials-action@") {
						if j.Permissions["id-token"] != "write" {
							t.Errorf("job %s uses OIDC credentials without id-token: write", name)
						}
						if s.With["role-to-assume"] == "" {
							t.Errorf("job %s: no role-to-assume", name)
						}
					}
				}
			}
		})
	}
}

func TestPreCommitHook(t *testing.T) {
	var hooks []struct {
		ID            string `yaml:"id"`
		Language      string `yaml:"language"`
		Entry         string `yaml:"entry"`
		Files         string `yaml:"files"`
		PassFilenames *bool  `yaml:"pass_filenames"`
	}
	readYAML(t, ".pre-commit-hooks.yaml", &hooks)
	if len(hooks) != 1 || hooks[0].ID != "kansa" {
		t.Fatalf("want one hook with id kansa, got %+v", hooks)
	}
	h := hooks[0]
	if h.Language != "golang" || h.Entry != "kansa scan terraform" {
		t.Errorf("hook: language %q entry %q", h.Language, h.Entry)
	}
	if h.PassFilenames == nil || *h.PassFilenames {
		t.Error("pass_filenames must be false: kansa scans a module as a whole")
	}
	re, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatalf("files: %v", err)
	}
	for name, want := range map[string]bool{
		"main.tf": true, "modules/net/vpc.tf.json": true, "prod.tfvars": false, "main.tf.bak": false, "README.md": false,
	} {
		if re.MatchString(name) != want {
			t.Errorf("files %q matches %q = %v, want %v", h.Files, name, !want, want)
		}
	}

	var cfg struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Hooks []struct {
				ID string `yaml:"id"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	readYAML(t, "examples/pre-commit/.pre-commit-config.yaml", &cfg)
	if len(cfg.Repos) != 1 || cfg.Repos[0].Repo != "https://github.com/kansa-sec/kansa" ||
		len(cfg.Repos[0].Hooks) != 1 || cfg.Repos[0].Hooks[0].ID != "kansa" {
		t.Errorf("example pre-commit config does not use the kansa hook: %+v", cfg)
	}
}

func TestGoreleaser(t *testing.T) {
	var g struct {
		Version int `yaml:"version"`
		Builds  []struct {
			Main    string   `yaml:"main"`
			Goos    []string `yaml:"goos"`
			Goarch  []string `yaml:"goarch"`
			Flags   []string `yaml:"flags"`
			Ldflags []string `yaml:"ldflags"`
		} `yaml:"builds"`
		Archives  []any `yaml:"archives"`
		Checksum  any   `yaml:"checksum"`
		Sboms     []any `yaml:"sboms"`
		Changelog struct {
			Use string `yaml:"use"`
		} `yaml:"changelog"`
	}
	readYAML(t, ".goreleaser.yaml", &g)
	if g.Version != 2 {
		t.Errorf("version %d, want 2", g.Version)
	}
	if len(g.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(g.Builds))
	}
	b := g.Builds[0]
	if b.Main != "./cmd/kansa" || !slices.Contains(b.Flags, "-trimpath") || len(b.Ldflags) == 0 {
		t.Errorf("build: %+v", b)
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, goos) {
			t.Errorf("goos lacks %s", goos)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.Goarch, arch) {
			t.Errorf("goarch lacks %s", arch)
		}
	}
	if len(g.Archives) == 0 || g.Checksum == nil || len(g.Sboms) == 0 || g.Changelog.Use != "git" {
		t.Error("archives, checksum, sboms and a git changelog are all required")
	}
}

// TestGolangciExclusionsExplained enforces the house rule that every
// exclusion in .golangci.yml carries a comment giving its reason.
func TestGolangciExclusionsExplained(t *testing.T) {
	var doc yaml.Node
	readYAML(t, ".golangci.yml", &doc)
	top := doc.Content[0]
	if v := lookup(top, "version"); v == nil || v.Value != "2" {
		t.Fatal(`.golangci.yml: want version "2"`)
	}
	linters := lookup(top, "linters")
	var checked int
	explained := func(what string, n *yaml.Node) {
		checked++
		if strings.TrimSpace(n.HeadComment) == "" && strings.TrimSpace(n.LineComment) == "" {
			t.Errorf("%s (line %d) has no comment giving its reason", what, n.Line)
		}
	}
	if rules := lookup(linters, "exclusions", "rules"); rules != nil {
		for _, r := range rules.Content {
			explained("exclusion rule", r)
		}
	}
	if dis := lookup(linters, "settings", "gocritic", "disabled-checks"); dis != nil {
		for _, c := range dis.Content {
			explained("disabled gocritic check "+c.Value, c)
		}
	}
	if checks := lookup(linters, "settings", "staticcheck", "checks"); checks != nil {
		for _, c := range checks.Content {
			if strings.HasPrefix(c.Value, "-") {
				explained("disabled staticcheck check "+c.Value, c)
			}
		}
	}
	if dis := lookup(linters, "disable"); dis != nil {
		for _, c := range dis.Content {
			explained("disabled linter "+c.Value, c)
		}
	}
	if checked == 0 {
		t.Error("found no exclusions to check: has the file's layout changed?")
	}
}

// lookup follows keys through nested mappings.
func lookup(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
				break
			}
		}
		n = next
	}
	return n
}

func TestActionlint(t *testing.T) {
	if os.Getenv("KANSA_ACTIONLINT") != "1" {
		t.Skip("set KANSA_ACTIONLINT=1 to lint the workflows with `go tool actionlint` (builds actionlint on first use)")
	}
	files, err := filepath.Glob(filepath.Join(root, ".github/workflows/*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	examples, err := filepath.Glob(filepath.Join(root, "examples/github/*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"tool", "actionlint"}
	for _, f := range append(files, examples...) {
		rel, _ := filepath.Rel(root, f)
		args = append(args, filepath.ToSlash(rel))
	}
	cmd := exec.CommandContext(t.Context(), "go", args...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
