package markdown

import (
	"github.com/kansa-sec/kansa/internal/golden"

	"bytes"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kansa-sec/kansa/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/reports/markdown")

// goldenDir is the shared testdata folder, from this package's directory.
var goldenDir = filepath.Join("..", "..", "testdata", "reports", "markdown")

var tool = finding.Tool{Name: "kansa", Version: "0.1.0-test", InformationURI: "https://github.com/kansa-sec/kansa"}

var rules = []finding.Rule{
	{ID: "aws-sg-no-public-ssh", Title: "Security groups must not open SSH to the internet", Severity: finding.SeverityCritical, Scope: finding.ScopeResource},
	{ID: "aws-sg-no-public-rdp", Title: "Security groups must not open RDP to the internet", Severity: finding.SeverityCritical, Scope: finding.ScopeResource},
	{ID: "aws-vpc-flow-logs-enabled", Title: "VPC flow logs must be enabled", Severity: finding.SeverityHigh, Scope: finding.ScopeResource},
	{ID: "aws-cloudwatch-log-retention", Title: "Log groups must keep logs long enough", Severity: finding.SeverityMedium, Scope: finding.ScopeResource},
}

func tf(check string, sev finding.Severity, st finding.Status, addr, file string, line int, msg string) finding.Finding {
	return finding.Finding{
		CheckID: check, Severity: sev, Status: st, Message: msg, StartLine: line, EndLine: line,
		Resource: finding.Resource{Address: addr, Type: strings.SplitN(addr, ".", 2)[0], Provider: "aws", Source: "terraform", File: file, StartLine: line},
	}
}

// reports are the golden cases, built by hand from the finding types.
func reports() map[string]*finding.Report {
	mixed := &finding.Report{
		Tool: tool, Target: "terraform:infra", Root: ".", Rules: rules,
		Findings: []finding.Finding{
			tf("aws-vpc-flow-logs-enabled", finding.SeverityHigh, finding.StatusFail, `module.net.aws_vpc.this["prod"]`, "modules/network/main.tf", 3, `module.net.aws_vpc.this["prod"] has no flow log`),
			tf("aws-sg-no-public-ssh", finding.SeverityCritical, finding.StatusFail, "aws_security_group.web", "main.tf", 14, "aws_security_group.web allows 0.0.0.0/0 to port 22 (ingress[1])"),
			tf("aws-sg-no-public-ssh", finding.SeverityCritical, finding.StatusFail, "aws_security_group_rule.admin", "sg.tf", 40, "aws_security_group_rule.admin allows ::/0 to ports 0-65535"),
			tf("aws-sg-no-public-rdp", finding.SeverityCritical, finding.StatusPass, "aws_security_group.web", "main.tf", 10, ""),
			tf("aws-cloudwatch-log-retention", finding.SeverityMedium, finding.StatusUnknown, "aws_cloudwatch_log_group.app", "logs.tf", 2, "retention_in_days depends on var.days, which has no value"),
			{
				CheckID: "aws-sg-no-public-ssh", Severity: finding.SeverityCritical, Status: finding.StatusSuppressed,
				Resource: finding.Resource{Address: "aws_security_group.bastion", Type: "aws_security_group", Provider: "aws", Source: "terraform", File: "bastion.tf", StartLine: 5},
				Message:  "aws_security_group.bastion allows 0.0.0.0/0 to port 22", StartLine: 7,
				Suppression: &finding.Suppression{Kind: "inSource", Justification: "bastion, restricted by NACL", Expires: "2026-12-31", File: "bastion.tf", Line: 4},
			},
			{
				CheckID: "aws-vpc-flow-logs-enabled", Severity: finding.SeverityHigh, Status: finding.StatusSuppressed,
				Resource:    finding.Resource{Address: "module.sandbox.aws_vpc.this", Type: "aws_vpc", Provider: "aws", Source: "terraform", File: "modules/sandbox/main.tf", StartLine: 1},
				Message:     "module.sandbox.aws_vpc.this has no flow log",
				Suppression: &finding.Suppression{Kind: "external", Justification: "sandbox VPCs carry no production traffic"},
			},
			tf("aws-cloudwatch-log-retention", finding.SeverityMedium, finding.StatusBaseline, "aws_cloudwatch_log_group.old", "logs.tf", 20, "aws_cloudwatch_log_group.old keeps logs 7 days, less than 365"),
		},
		Diagnostics: []finding.DiagnosticRef{
			{Severity: "warning", Message: `suppression for aws-sg-no-public-rdp expired on 2025-01-01`, File: "main.tf", Line: 9, Column: 1},
		},
	}

	live := &finding.Report{
		Tool: tool, Target: "aws:123456789012", Rules: rules,
		Findings: []finding.Finding{
			{
				CheckID: "aws-sg-no-public-rdp", Severity: finding.SeverityCritical, Status: finding.StatusFail,
				Resource: finding.Resource{ARN: "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc", Type: "aws_security_group", Provider: "aws", Source: "aws", Region: "eu-west-1", Account: "123456789012"},
				Message:  "sg-0abc allows 0.0.0.0/0 to port 3389",
			},
			{
				CheckID: "aws-vpc-flow-logs-enabled", Severity: finding.SeverityHigh, Status: finding.StatusError,
				Resource: finding.Resource{ARN: "arn:aws:ec2:ap-east-1:123456789012:vpc/*", Type: "aws_vpc", Provider: "aws", Source: "aws", Region: "ap-east-1", Account: "123456789012"},
				Message:  "ec2:DescribeFlowLogs: AccessDenied",
			},
		},
		Diagnostics: []finding.DiagnosticRef{
			{Severity: "error", Message: "ap-east-1: region not enabled for this account"},
		},
	}

	clean := &finding.Report{
		Tool: tool, Target: "terraform:.", Rules: rules[:1],
		Findings: []finding.Finding{
			tf("aws-sg-no-public-ssh", finding.SeverityCritical, finding.StatusPass, "aws_security_group.web", "main.tf", 1, ""),
		},
	}

	syntax := &finding.Report{
		Tool: tool, Target: "terraform:.",
		Diagnostics: []finding.DiagnosticRef{
			{Severity: "error", Message: "Argument or block definition required; An argument or block definition is required here.", File: "broken.tf", Line: 3, Column: 7},
		},
	}

	return map[string]*finding.Report{"mixed": mixed, "live": live, "clean": clean, "syntax-error": syntax, "empty": {}}
}

func TestGolden(t *testing.T) {
	for name, r := range reports() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			golden.Compare(t, filepath.Join(goldenDir, name+".md"), buf.Bytes(), *update)
		})
	}
}

func TestDeterministic(t *testing.T) {
	r := reports()["mixed"]
	var first bytes.Buffer
	if err := Write(&first, r); err != nil {
		t.Fatal(err)
	}
	// Reverse the findings: the writer sorts a copy, so the output must not change
	// and the caller's slice must stay as it was.
	rev := *r
	rev.Findings = append([]finding.Finding(nil), r.Findings...)
	for i, j := 0, len(rev.Findings)-1; i < j; i, j = i+1, j-1 {
		rev.Findings[i], rev.Findings[j] = rev.Findings[j], rev.Findings[i]
	}
	before := rev.Findings[0]
	var second bytes.Buffer
	if err := Write(&second, &rev); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Error("output depends on the order of the findings")
	}
	if rev.Findings[0] != before {
		t.Error("Write reordered the caller's findings")
	}
}

func TestVerdict(t *testing.T) {
	high := tf("aws-vpc-flow-logs-enabled", finding.SeverityHigh, finding.StatusFail, "aws_vpc.main", "main.tf", 1, "no flow log")
	low := tf("x-low", finding.SeverityLow, finding.StatusFail, "aws_vpc.main", "main.tf", 1, "hygiene")
	errDiag := []finding.DiagnosticRef{{Severity: "error", Message: "boom"}}
	tests := []struct {
		name   string
		fs     []finding.Finding
		diags  []finding.DiagnosticRef
		failOn finding.Severity
		want   string
	}{
		{"nothing", nil, nil, finding.SeverityLow, "## ✅ kansa: passed — no failing findings\n"},
		{"fails", []finding.Finding{high, low}, nil, finding.SeverityLow, "## ❌ kansa: failed — 2 findings at or above low\n"},
		{"below threshold", []finding.Finding{low}, nil, finding.SeverityHigh, "## ✅ kansa: passed — 1 failing finding, none at or above high\n"},
		{"partly above", []finding.Finding{high, low}, nil, finding.SeverityHigh, "## ❌ kansa: failed — 1 finding at or above high\n"},
		{"fail-on none", []finding.Finding{high}, nil, finding.SeverityNone, "## ✅ kansa: passed — 1 failing finding (fail-on: none)\n"},
		{"error wins", []finding.Finding{high}, errDiag, finding.SeverityLow, "## ⚠️ kansa: scan error — 1 error, 1 finding at or above low\n"},
		{"warning only", nil, []finding.DiagnosticRef{{Severity: "warning", Message: "w"}}, finding.SeverityLow, "## ✅ kansa: passed — no failing findings\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			opts := DefaultOptions()
			opts.FailOn = tt.failOn
			if err := WriteOptions(&buf, &finding.Report{Findings: tt.fs, Diagnostics: tt.diags}, opts); err != nil {
				t.Fatal(err)
			}
			if first, _, _ := strings.Cut(buf.String(), "\n"); first+"\n" != tt.want {
				t.Errorf("title = %q, want %q", first, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words 0.0.0.0/0", "plain words 0.0.0.0/0"},
		{"a|b", `a\|b`},
		{"`rm -rf`", "\\`rm -rf\\`"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"&lt;", "&amp;lt;"},
		{"ingress[1]", `ingress\[1\]`},
		{"![x](http://e)", `\!\[x\](http://e)`},
		{"*bold* _it_ ~~s~~ $x$ #1", `\*bold\* \_it\_ \~\~s\~\~ \$x\$ \#1`},
		{`back\slash`, `back\\slash`},
		{"two\nlines\r\tend", "two lines  end"},
		{"bell\a", "bell"},
		{"bidi \u202Eevil", "bidi \uFFFDevil"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
	}
	for _, tt := range tests {
		if got := text(tt.in, 1000); got != tt.want {
			t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCode(t *testing.T) {
	tests := []struct {
		in      string
		inTable bool
		want    string
	}{
		{"aws_vpc.this[0]", true, "`aws_vpc.this[0]`"},
		{`aws_vpc.this["a<b>"]`, true, "`aws_vpc.this[\"a<b>\"]`"},
		{"a`b", false, "``a`b``"},
		{"`x`", false, "`` `x` ``"},
		{"a|b", false, "`a|b`"},
		{"a|b", true, `a\|b`},
		{"a`b", true, "a\\`b"},
		{"", true, ""},
		{"line\nbreak", false, "`line break`"},
	}
	for _, tt := range tests {
		if got := code(tt.in, 1000, tt.inTable); got != tt.want {
			t.Errorf("code(%q, %v) = %q, want %q", tt.in, tt.inTable, got, tt.want)
		}
	}
}

func TestFileLocation(t *testing.T) {
	tests := []struct {
		file      string
		line, col int
		want      string
	}{
		{"main.tf", 12, 0, "[main.tf:12](main.tf#L12)"},
		{"modules/net/main.tf", 3, 7, "[modules/net/main.tf:3:7](modules/net/main.tf#L3)"},
		{"main.tf", 0, 0, "[main.tf](main.tf)"},
		{"my dir/(x)#.tf", 1, 0, `[my dir/(x)\#.tf:1](my%20dir/%28x%29%23.tf#L1)`},
		{"/abs/main.tf", 1, 0, "/abs/main.tf:1"},
		{"../outside.tf", 1, 0, "../outside.tf:1"},
		{"./main.tf", 1, 0, "./main.tf:1"},
		{`C:\infra\main.tf`, 1, 0, `C:\\infra\\main.tf:1`},
		{"javascript:alert(1)", 1, 0, "javascript:alert(1):1"},
		{"a/../../b.tf", 2, 0, "a/../../b.tf:2"},
		{"<b>.tf", 2, 0, "[&lt;b&gt;.tf:2](%3Cb%3E.tf#L2)"},
	}
	for _, tt := range tests {
		if got := (linker{}).fileLocation(tt.file, tt.line, tt.col); got != tt.want {
			t.Errorf("fileLocation(%q, %d, %d) = %q, want %q", tt.file, tt.line, tt.col, got, tt.want)
		}
	}
}

func TestLinkBase(t *testing.T) {
	tests := []struct{ base, want string }{
		{"", "[main.tf:3](main.tf#L3)"},
		{"https://github.com/o/r/blob/abc123/infra", "[main.tf:3](https://github.com/o/r/blob/abc123/infra/main.tf#L3)"},
		{"https://github.com/o/r/blob/abc123/", "[main.tf:3](https://github.com/o/r/blob/abc123/main.tf#L3)"},
		{"javascript:alert(1)//", "[main.tf:3](main.tf#L3)"},
		{"https://e.com/a)[x](y", "[main.tf:3](main.tf#L3)"},
		{"https://e.com/a b", "[main.tf:3](main.tf#L3)"},
		{"https://e.com/\n", "[main.tf:3](main.tf#L3)"},
	}
	for _, tt := range tests {
		if got := newLinker(tt.base).fileLocation("main.tf", 3, 0); got != tt.want {
			t.Errorf("base %q: %q, want %q", tt.base, got, tt.want)
		}
	}
	var buf bytes.Buffer
	opts := DefaultOptions()
	opts.LinkBase = "https://github.com/o/r/blob/abc123"
	if err := WriteOptions(&buf, reports()["mixed"], opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "[main.tf:14](https://github.com/o/r/blob/abc123/main.tf#L14)") {
		t.Errorf("LinkBase not used:\n%s", buf.String())
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"longer than ten", 10, "longer th…"},
		{"日本語のテキスト", 4, "日本語…"},
	}
	for _, tt := range tests {
		got := truncate(tt.in, tt.limit)
		if got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("truncate(%q, %d) is not valid UTF-8", tt.in, tt.limit)
		}
	}
}

// many builds a report with n failing findings spread over checks checks.
func many(n, checks int, msg string) *finding.Report {
	r := &finding.Report{Tool: tool, Target: "terraform:big"}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("check-%03d", i%checks)
		r.Findings = append(r.Findings, tf(id, finding.SeverityHigh, finding.StatusFail,
			fmt.Sprintf("aws_vpc.v%05d", i), "main.tf", i+1, msg))
	}
	return r
}

func TestTruncation(t *testing.T) {
	tests := []struct {
		name      string
		r         *finding.Report
		opts      Options
		wantRows  int
		wantNotes []string
	}{
		{
			name:      "row limit per table",
			r:         many(250, 1, "no flow log"),
			opts:      DefaultOptions(),
			wantRows:  200,
			wantNotes: []string{"_50 more findings not shown._"},
		},
		{
			name:     "under the limit",
			r:        many(20, 2, "no flow log"),
			opts:     DefaultOptions(),
			wantRows: 20,
		},
		{
			name:      "custom row limit",
			r:         many(10, 1, "no flow log"),
			opts:      Options{FailOn: finding.SeverityLow, MaxRows: 3},
			wantRows:  3,
			wantNotes: []string{"_7 more findings not shown._"},
		},
		{
			name:      "smallest budget",
			r:         many(3000, 300, strings.Repeat("<long|message> ", 40)),
			opts:      Options{FailOn: finding.SeverityLow, MaxBytes: minMaxBytes},
			wantNotes: []string{"not shown: the summary reached its size limit"},
		},
		{
			name:      "pull-request comment budget",
			r:         many(3000, 300, strings.Repeat("<long|message> ", 40)),
			opts:      Options{FailOn: finding.SeverityLow, MaxBytes: CommentMaxBytes},
			wantNotes: []string{"not shown: the summary reached its size limit"},
		},
		{
			name:      "byte budget across checks",
			r:         many(3000, 300, strings.Repeat("<long|message> ", 40)),
			opts:      Options{FailOn: finding.SeverityLow, MaxBytes: 64 << 10},
			wantNotes: []string{"not shown: the summary reached its size limit"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteOptions(&buf, tt.r, tt.opts); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			limit := tt.opts.MaxBytes
			if limit <= 0 {
				limit = DefaultMaxBytes
			}
			if len(out) > limit {
				t.Errorf("output is %d bytes, over the %d-byte budget", len(out), limit)
			}
			if tt.wantRows > 0 {
				if got := strings.Count(out, "| `aws_vpc.v"); got != tt.wantRows {
					t.Errorf("%d finding rows, want %d", got, tt.wantRows)
				}
			}
			for _, n := range tt.wantNotes {
				if !strings.Contains(out, n) {
					t.Errorf("output lacks note %q", n)
				}
			}
			if !strings.HasSuffix(out, "_Report by kansa 0.1.0-test._\n") {
				t.Error("footer missing: the document was cut in the middle")
			}
			if strings.Count(out, "<details") != strings.Count(out, "</details>") {
				t.Error("unbalanced <details>")
			}
		})
	}
}

func TestHugeFieldsStayBounded(t *testing.T) {
	huge := strings.Repeat("x|<", 1<<16)
	r := &finding.Report{
		Tool: finding.Tool{Name: huge, Version: huge}, Target: huge,
		Rules:       []finding.Rule{{ID: "c", Title: huge}},
		Findings:    []finding.Finding{tf("c", finding.SeverityLow, finding.StatusFail, huge, huge, 1, huge)},
		Diagnostics: []finding.DiagnosticRef{{Severity: huge, Message: huge, File: huge}},
	}
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 32<<10 {
		t.Errorf("one finding with huge fields gave %d bytes", buf.Len())
	}
	if strings.Contains(buf.String(), "not shown") {
		t.Errorf("the finding was left out instead of truncated:\n%s", buf.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestErrors(t *testing.T) {
	if err := Write(nil, &finding.Report{}); err == nil {
		t.Error("nil writer: no error")
	}
	if err := Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil report: no error")
	}
	err := Write(failingWriter{}, &finding.Report{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write error not returned: %v", err)
	}
}

// FuzzWrite checks that no input makes the writer panic, exceed its budget
// or break a table row across lines.
func FuzzWrite(f *testing.F) {
	f.Add("aws_vpc.main", "main.tf", "no flow log", 3, 2)
	f.Add("a|b`c<d>", "../x y.tf", "m\n|x|", -1, 9)
	f.Fuzz(func(t *testing.T, addr, file, msg string, line, sev int) {
		r := &finding.Report{
			Target: addr,
			Findings: []finding.Finding{
				{CheckID: addr, Severity: finding.Severity(sev), Status: finding.StatusFail, Message: msg, StartLine: line,
					Resource: finding.Resource{Address: addr, File: file}},
				{CheckID: msg, Status: finding.StatusSuppressed, Message: msg, Suppression: &finding.Suppression{Kind: addr, Justification: msg}},
			},
			Diagnostics: []finding.DiagnosticRef{{Severity: msg, Message: msg, File: file, Line: line}},
		}
		var buf bytes.Buffer
		if err := Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		if buf.Len() > DefaultMaxBytes {
			t.Fatalf("%d bytes", buf.Len())
		}
		for _, l := range strings.Split(buf.String(), "\n") {
			if strings.HasPrefix(l, "| ") && !strings.HasSuffix(l, " |") {
				t.Fatalf("broken table row %q", l)
			}
		}
	})
}
