package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// TestStepSummaryLinks checks the file links of the Markdown summary inside
// GitHub Actions: finding paths are relative to the scanned root, so the
// blob URL must name that root's path in the repository.
func TestStepSummaryLinks(t *testing.T) {
	const blob = "https://github.com/o/r/blob/0123abc/"
	tests := []struct {
		name string
		// file holds the one open security group (default infra/prod/main.tf).
		file string
		// target is scanned from cwd, a directory of the repository ("" for
		// its root), which is the workspace unless workspace names a
		// subdirectory.
		target, cwd, workspace string
		// noWorkspace leaves GITHUB_WORKSPACE unset: the working directory
		// stands for it.
		noWorkspace bool
		noGitHub    bool
		// wantLink is the link of the finding, without #L.
		wantLink string
	}{
		{name: "repository root", file: "main.tf", target: ".", wantLink: blob + "main.tf"},
		{name: "subdirectory", target: "infra/prod", wantLink: blob + "infra/prod/main.tf"},
		{name: "subdirectory given with ./ and a slash", target: "./infra/prod/", wantLink: blob + "infra/prod/main.tf"},
		{name: "single file", target: "infra/prod/main.tf", wantLink: blob + "infra/prod/main.tf"},
		{name: "blank in a directory name", file: "my infra/main.tf", target: "my infra", wantLink: blob + "my%20infra/main.tf"},
		{name: "run from a subdirectory", target: "prod", cwd: "infra", wantLink: blob + "infra/prod/main.tf"},
		{name: "no GITHUB_WORKSPACE", target: "infra/prod", noWorkspace: true, wantLink: blob + "infra/prod/main.tf"},
		{name: "outside the workspace", file: "outside/main.tf", target: "../outside", cwd: "ws", workspace: "ws", wantLink: "main.tf"},
		{name: "not in GitHub Actions", target: "infra/prod", noGitHub: true, wantLink: "main.tf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "infra/prod/main.tf"
			}
			repo := writeTree(t, map[string]string{file: openSSH, "ws/placeholder.txt": ""})
			workspace := filepath.Join(repo, tt.workspace)
			vars := map[string]string{}
			if !tt.noGitHub {
				vars = map[string]string{"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "0123abc"}
				if !tt.noWorkspace {
					vars["GITHUB_WORKSPACE"] = workspace
				}
			}
			var out, errb bytes.Buffer
			e := &env{
				stdout: &out, stderr: &errb,
				getenv:  func(k string) string { return vars[k] },
				now:     func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) },
				version: "0.0.0-test",
			}
			t.Chdir(filepath.Join(repo, tt.cwd))
			if code := e.run(context.Background(), []string{"scan", "terraform", tt.target, "--format", "markdown"}); code != ExitFindings {
				t.Fatalf("exit %d, want 1\n%s", code, errb.String())
			}
			links := regexp.MustCompile(`\]\(([^)#]*)#L\d+\)`).FindAllStringSubmatch(out.String(), -1)
			if len(links) != 1 || links[0][1] != tt.wantLink {
				t.Errorf("links %q, want one to %s\n%s", links, tt.wantLink, out.String())
			}
		})
	}
}

// TestRelativeDirFollowsSymlinks: a workspace reached through a symbolic
// link still contains the scanned root.
func TestRelativeDirFollowsSymlinks(t *testing.T) {
	real := writeTree(t, map[string]string{"infra/main.tf": openSSH})
	link := filepath.Join(t.TempDir(), "ws")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if got, ok := relativeDir(link, filepath.Join(real, "infra")); !ok || got != "infra" {
		t.Errorf("relativeDir = %q, %v; want infra, true", got, ok)
	}
}
