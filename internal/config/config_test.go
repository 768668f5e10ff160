package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src, wantErr string
		check              func(t *testing.T, f *File)
	}{
		{name: "empty", src: "", check: func(t *testing.T, f *File) {
			if len(f.Skip) != 0 {
				t.Fatal(f.Skip)
			}
		}},
		{name: "skips and retention", src: `
fail_on: high
skip:
  - id: aws-sg-no-public-ssh
    resource: aws_security_group.bastion*
    reason: restricted by NACL
    expires: 2026-12-31
retention:
  audit: 2000
parameters:
  ports: {ssh: [22, 2222]}
`, check: func(t *testing.T, f *File) {
			if f.FailOn != "high" || len(f.Skip) != 1 || f.Skip[0].Resource != "aws_security_group.bastion*" || f.Skip[0].Expires != "2026-12-31" {
				t.Fatalf("%+v", f)
			}
			pc := f.PolicyConfig()
			if pc["retention"].(map[string]any)["audit"] != 2000 || pc["ports"] == nil {
				t.Fatalf("policy config %v", pc)
			}
		}},
		{name: "typo is an error", src: "skips: []\n", wantErr: "field skips not found"},
		{name: "bad yaml", src: "skip: [\n", wantErr: ".kansa.yaml"},
		{name: "limits", src: "limits:\n  max_file_size: 1048576\n  max_instances: 50\n  max_total_instances: 500\n  max_nesting: 64\n  max_eval_depth: 32\n", check: func(t *testing.T, f *File) {
			want := Limits{MaxFileSize: 1 << 20, MaxInstances: 50, MaxTotalInstances: 500, MaxNesting: 64, MaxEvalDepth: 32}
			if f.Limits != want {
				t.Fatalf("limits %+v, want %+v", f.Limits, want)
			}
		}},
		{name: "negative limit", src: "limits:\n  max_instances: -1\n", wantErr: "limits.max_instances: -1 is negative"},
		{name: "limit typo", src: "limits:\n  max_instance: 5\n", wantErr: "field max_instance not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(".kansa.yaml", []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, f)
		})
	}
}
