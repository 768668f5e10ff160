package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hostileCase is one directory of testdata/hostile with its expect.txt.
type hostileCase struct {
	name, desc, stderr string
	exit               int
}

func loadHostile(t *testing.T, dir string) hostileCase {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "expect.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := hostileCase{name: filepath.Base(dir)}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		v = strings.TrimSpace(v)
		switch k {
		case "desc":
			c.desc = v
		case "exit":
			c.exit, err = strconv.Atoi(v)
			if err != nil {
				t.Fatalf("%s: exit: %v", dir, err)
			}
		case "stderr":
			c.stderr = v
		}
	}
	return c
}

// runBounded runs kansa and fails the test if it does not return within limit:
// hostile input must never hang the scanner.
func runBounded(t *testing.T, dir string, limit time.Duration, args ...string) (string, string, int) {
	t.Helper()
	type result struct {
		stdout, stderr string
		code           int
	}
	done := make(chan result, 1)
	t.Chdir(dir)
	go func() {
		var r result
		r.stdout, r.stderr, r.code = run(t, "", args...)
		done <- r
	}()
	select {
	case r := <-done:
		return r.stdout, r.stderr, r.code
	case <-time.After(limit):
		t.Fatalf("scan did not finish within %s", limit)
		return "", "", -1
	}
}

// TestHostileCorpus scans every case of testdata/hostile: each must finish in
// time, without a panic, with its documented exit status and message.
func TestHostileCorpus(t *testing.T) {
	root, err := filepath.Abs("../../testdata/hostile")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		c := loadHostile(t, dir)
		n++
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runBounded(t, dir, 60*time.Second, "scan", "terraform", ".", "--format", "json")
			if code != c.exit {
				t.Fatalf("%s: exit %d, want %d\nstderr:\n%s", c.desc, code, c.exit, stderr)
			}
			if c.stderr != "" && !strings.Contains(stderr, c.stderr) {
				t.Fatalf("%s: stderr does not mention %q:\n%s", c.desc, c.stderr, stderr)
			}
			if code != ExitError || strings.Contains(stdout, `"schema_version"`) {
				parseJSON(t, stdout) // a report is still written, and it is valid JSON
			}
			for _, secret := range []string{"root:x:0:0", "hunter2"} {
				if strings.Contains(stdout+stderr, secret) {
					t.Fatalf("output leaks file content outside the scan root (%q)", secret)
				}
			}
		})
	}
	if n < 30 {
		t.Errorf("hostile corpus has %d cases, want at least 30", n)
	}
}

// TestHostileGenerated covers inputs too large to commit.
func TestHostileGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("large generated inputs; skipped with -short")
	}
	tests := []struct {
		name    string
		content func() string
		exit    int
		stderr  string
	}{
		{"file over the size limit", func() string {
			var b strings.Builder
			for i := 0; b.Len() < 17<<20; i++ {
				fmt.Fprintf(&b, "resource \"aws_vpc\" \"v%d\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n", i)
			}
			return b.String()
		}, ExitError, "too large"},
		{"expression nested 100000 deep", func() string {
			return "locals {\n  x = " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000) + "\n}\n"
		}, ExitError, "main.tf"},
		{"list nested 100000 deep", func() string {
			return "locals {\n  x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n}\n"
		}, ExitError, "main.tf"},
		{"json nested 100000 deep", nil, ExitError, "main.tf.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			if tt.content == nil {
				files["main.tf.json"] = `{"locals": {"x": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}}"
			} else {
				files["main.tf"] = tt.content()
			}
			dir := writeTree(t, files)
			_, stderr, code := runBounded(t, dir, 60*time.Second, "scan", "terraform", ".", "--format", "json")
			if code != tt.exit || !strings.Contains(stderr, tt.stderr) {
				t.Fatalf("exit %d (want %d), stderr:\n%.2000s", code, tt.exit, stderr)
			}
		})
	}
}
