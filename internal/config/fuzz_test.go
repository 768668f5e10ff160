package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: any bytes as .kansa.yaml give a File or an error naming the
// file, never a panic (YAML anchors and aliases included). Seeded from the
// settings files of the shared fixtures.
func FuzzParse(f *testing.F) {
	for _, pat := range []string{"*/.kansa.yaml", "*/*/.kansa.yaml", "*/*/*/.kansa.yaml"} {
		seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", pat))
		for _, s := range seeds {
			if b, err := os.ReadFile(s); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("fail_on: high\nskip:\n  - id: aws-sg-no-public-ssh\n    resource: aws_security_group.*\n    expires: 2026-12-31\n"))
	f.Add([]byte("limits: {max_file_size: 10, max_instances: -1}\nretention: {audit: 365}\n"))
	f.Add([]byte("a: &a [*a, *a]\nb: &b [*a, *a]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse(".kansa.yaml", src)
		if err == nil {
			_ = file.PolicyConfig()
		}
	})
}
