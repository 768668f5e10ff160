package waiver

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/kansa-sec/kansa/internal/finding"
)

func TestParseDirective(t *testing.T) {
	tests := []struct {
		name, line string
		wantIDs    []string
		reason     string
		exp        string
		wantErr    bool
	}{
		{"hash", `# kansa:ignore aws-sg-no-public-ssh reason="bastion, restricted by NACL"`, []string{"aws-sg-no-public-ssh"}, "bastion, restricted by NACL", "", false},
		{"slashes and expiry", `// kansa:ignore aws-sg-no-public-rdp exp:2026-12-31 reason="temp"`, []string{"aws-sg-no-public-rdp"}, "temp", "2026-12-31", false},
		{"block comment", `/* kansa:ignore a-b,c-d reason=legacy */`, []string{"a-b", "c-d"}, "legacy", "", false},
		{"escaped quote", `# kansa:ignore x reason="say \"hi\""`, []string{"x"}, `say "hi"`, "", false},
		{"no id", `# kansa:ignore`, nil, "", "", true},
		{"bad id", `# kansa:ignore AWS_SG reason="x"`, nil, "", "", true},
		{"bad date", `# kansa:ignore x exp:2026-13-40`, nil, "", "", true},
		{"unterminated", `# kansa:ignore x reason="oops`, nil, "", "", true},
		{"unknown option", `# kansa:ignore x because=yes`, nil, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fd, diags := ParseFile("main.tf", []byte(tt.line+"\n"))
			if tt.wantErr {
				if len(diags) != 1 || len(fd.ByLine) != 0 {
					t.Fatalf("want one diagnostic and no directive, got %v %v", diags, fd.ByLine)
				}
				return
			}
			if len(diags) != 0 {
				t.Fatalf("unexpected diagnostics %v", diags)
			}
			d, ok := fd.ByLine[1]
			if !ok {
				t.Fatal("directive not found")
			}
			if len(d.IDs) != len(tt.wantIDs) || d.IDs[0] != tt.wantIDs[0] || d.Reason != tt.reason {
				t.Errorf("got %+v", d)
			}
			if got := dateString(d.Expires); got != tt.exp {
				t.Errorf("expiry %q, want %q", got, tt.exp)
			}
		})
	}
}

func TestMarkerInsideStringIsNotADirective(t *testing.T) {
	fd, diags := ParseFile("main.tf", []byte(`description = "# kansa:ignore x"`+"\n"))
	if len(fd.ByLine) != 0 || len(diags) != 0 {
		t.Fatalf("string content taken as a directive: %v %v", fd.ByLine, diags)
	}
}

const src = `resource "aws_security_group" "a" {
  # kansa:ignore aws-sg-no-public-ssh reason="bastion"
  ingress {
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# an unrelated comment
# kansa:ignore aws-sg-no-public-ssh exp:2020-01-01 reason="old"
resource "aws_security_group" "b" {
}

# kansa:ignore aws-sg-no-public-rdp reason="other check"
resource "aws_security_group" "c" {
}

# kansa:ignore aws-sg-no-public-ssh reason="not adjacent"

resource "aws_security_group" "d" {
}
`

func fail(addr string, start, line int) finding.Finding {
	return finding.Finding{CheckID: "aws-sg-no-public-ssh", Status: finding.StatusFail, Severity: finding.SeverityCritical,
		Resource: finding.Resource{Address: addr, File: "main.tf", StartLine: start}, StartLine: line}
}

func TestApplyInline(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(src)}}
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		f        finding.Finding
		noInline bool
		want     finding.Status
	}{
		{"above the offending block", fail("aws_security_group.a", 1, 3), false, finding.StatusSuppressed},
		{"expired stays failing", fail("aws_security_group.b", 10, 10), false, finding.StatusFail},
		{"other check id", fail("aws_security_group.c", 14, 14), false, finding.StatusFail},
		{"blank line breaks adjacency", fail("aws_security_group.d", 19, 19), false, finding.StatusFail},
		{"--no-inline-suppressions", fail("aws_security_group.a", 1, 3), true, finding.StatusFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := []finding.Finding{tt.f}
			diags := Apply(fsys, fs, Options{Now: now, NoInline: tt.noInline})
			if fs[0].Status != tt.want {
				t.Fatalf("status %s, want %s (diags %v)", fs[0].Status, tt.want, diags)
			}
			if tt.want == finding.StatusSuppressed && (fs[0].Suppression == nil || fs[0].Suppression.Kind != "inSource" || fs[0].Suppression.Justification != "bastion") {
				t.Fatalf("suppression %+v", fs[0].Suppression)
			}
			if tt.name == "expired stays failing" && len(diags) != 1 {
				t.Fatalf("want an expiry warning, got %v", diags)
			}
		})
	}
}

func TestApplyConfigSkips(t *testing.T) {
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		skip Skip
		want finding.Status
	}{
		{"exact", Skip{ID: "aws-sg-no-public-ssh", Resource: "module.net.aws_security_group.web[\"a\"]", Reason: "r"}, finding.StatusSuppressed},
		{"glob", Skip{ID: "aws-sg-no-public-ssh", Resource: "module.net.*", Reason: "r"}, finding.StatusSuppressed},
		{"any resource", Skip{ID: "aws-sg-no-public-ssh"}, finding.StatusSuppressed},
		{"any check", Skip{ID: "*", Resource: "module.*"}, finding.StatusSuppressed},
		{"other resource", Skip{ID: "aws-sg-no-public-ssh", Resource: "aws_security_group.x"}, finding.StatusFail},
		{"other check", Skip{ID: "aws-sg-no-public-rdp"}, finding.StatusFail},
		{"expired", Skip{ID: "aws-sg-no-public-ssh", Expires: "2026-11-22"}, finding.StatusFail},
		{"expires today still applies", Skip{ID: "aws-sg-no-public-ssh", Expires: "2026-11-23"}, finding.StatusSuppressed},
		{"bad date ignored", Skip{ID: "aws-sg-no-public-ssh", Expires: "soon"}, finding.StatusFail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := []finding.Finding{fail(`module.net.aws_security_group.web["a"]`, 1, 1)}
			Apply(nil, fs, Options{Now: now, Skips: []Skip{tt.skip}})
			if fs[0].Status != tt.want {
				t.Fatalf("status %s, want %s", fs[0].Status, tt.want)
			}
			if tt.want == finding.StatusSuppressed && fs[0].Suppression.Kind != "external" {
				t.Fatalf("kind %q", fs[0].Suppression.Kind)
			}
		})
	}
}

func TestPassingFindingsAreNeverSuppressed(t *testing.T) {
	fs := []finding.Finding{{CheckID: "x", Status: finding.StatusPass}}
	Apply(nil, fs, Options{Skips: []Skip{{ID: "*"}}})
	if fs[0].Status != finding.StatusPass {
		t.Fatal("pass became", fs[0].Status)
	}
}
