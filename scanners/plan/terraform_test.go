package plan

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFixtureMatchesTerraform re-plans the AWS fixtures under
// testdata/plan with a real terraform binary and checks that the committed plan.json gives the
// same model. It needs terraform on PATH and the AWS provider in a local
// filesystem mirror named by KANSA_TF_PLUGIN_MIRROR (providers are not
// downloaded); it is skipped otherwise.
func TestFixtureMatchesTerraform(t *testing.T) {
	mirror := os.Getenv("KANSA_TF_PLUGIN_MIRROR")
	tf, err := exec.LookPath("terraform")
	if mirror == "" || err != nil {
		t.Skip("set KANSA_TF_PLUGIN_MIRROR to a provider mirror and put terraform on PATH to run")
	}
	for _, fx := range fixtures(t) {
		if fx.name == "alicloud" {
			continue // written by hand: no alicloud provider offline
		}
		t.Run(fx.name, func(t *testing.T) { replan(t, tf, mirror, fx) })
	}
}

func replan(t *testing.T, tf, mirror string, fx fixture) {
	src := fx.dir
	work := t.TempDir()
	if err := os.CopyFS(work, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	cli := filepath.Join(t.TempDir(), "cli.tfrc")
	conf := "provider_installation {\n  filesystem_mirror {\n    path = " + strconvQuote(mirror) + "\n  }\n}\n"
	if err := os.WriteFile(cli, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	run := func(args ...string) []byte {
		cmd := exec.CommandContext(ctx, tf, args...)
		cmd.Dir = filepath.Join(work, filepath.FromSlash(fx.root))
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cli, "TF_IN_AUTOMATION=1",
			"AWS_ACCESS_KEY_ID=AKIAEXAMPLEEXAMPLE00", "AWS_SECRET_ACCESS_KEY=example")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	run("init", "-input=false", "-no-color")
	run("plan", "-input=false", "-refresh=false", "-no-color", "-out=plan.out")
	fresh := path.Join(fx.root, "fresh.json")
	if err := os.WriteFile(filepath.Join(work, filepath.FromSlash(fresh)), run("show", "-json", "plan.out"), 0o644); err != nil {
		t.Fatal(err)
	}
	model := func(name string) string {
		st, diags, err := Scan(ctx, os.DirFS(work), name, Options{})
		if err != nil || st == nil {
			t.Fatalf("%s: %v %v", name, err, diags)
		}
		b, _ := json.MarshalIndent(st, "", " ")
		return string(b)
	}
	if fresh, committed := model(fresh), model(fx.plan()); fresh != committed {
		t.Errorf("the committed plan.json no longer matches what terraform plans; regenerate it (see testdata/plan/README.md)\nfresh:\n%s", fresh)
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
