package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretsNeverPrinted scans testdata/secrets (sensitive variables from
// defaults and terraform.tfvars used in names, descriptions, tags and a
// for_each key; AWS keys in the provider block and a name; a custom policy
// that echoes every attribute into its messages and print()s the resources)
// in every output format with debug logging, and greps stdout and stderr
// for each secret listed in secrets.txt.
func TestSecretsNeverPrinted(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/secrets")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "secrets.txt"))
	if err != nil {
		t.Fatal(err)
	}
	secrets := strings.Fields(string(b))
	if len(secrets) < 5 {
		t.Fatalf("secrets.txt lists %d secrets", len(secrets))
	}
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			stdout, stderr, code := run(t, dir, "scan", "terraform", ".", "--policy", "policies", "--format", format,
				"--log-level", "debug", "--strict-unknowns", "--require-account-checks")
			if code != ExitFindings {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			for _, s := range secrets {
				if strings.Contains(stdout, s) {
					t.Errorf("stdout (%s) prints secret %q", format, s)
				}
				if strings.Contains(stderr, s) {
					t.Errorf("stderr (%s, debug log) prints secret %q", format, s)
				}
			}
			// The secrets would have been printed: the redaction marker stands in.
			if !strings.Contains(stdout, "(sensitive)") || !strings.Contains(stderr, "(sensitive)") {
				t.Errorf("no redaction marker in the %s output or the debug log; is the fixture still reaching the output?", format)
			}
		})
	}
}
