package reporttest

import (
	"strings"

	"github.com/kansa-sec/kansa/internal/finding"
)

// Tool is the tool identity every fixture carries (a fixed version keeps
// goldens stable).
func Tool() finding.Tool {
	return finding.Tool{Name: "kansa", Version: "0.1.0-test", InformationURI: "https://github.com/kansa-sec/kansa"}
}

// Case is a named report fixture.
type Case struct {
	Name   string
	Report *finding.Report
}

// Cases returns every fixture, in a fixed order: the ones each writer's
// golden and validity tests run over.
func Cases() []Case {
	return []Case{
		{"empty", Empty()},
		{"realistic", Realistic()},
		{"passing", Passing()},
		{"live", Live()},
		{"hostile", Hostile()},
	}
}

// Empty is a scan that evaluated nothing.
func Empty() *finding.Report {
	return &finding.Report{Tool: Tool(), Target: "terraform:empty"}
}

// Rules returns the checks the fixtures evaluate, with metadata shaped like
// the built-in policies'.
func Rules() []finding.Rule {
	return []finding.Rule{
		{
			ID:          "aws-sg-no-public-ssh",
			Title:       "Security groups must not allow SSH from the internet",
			Description: "An ingress rule from 0.0.0.0/0 or ::/0 whose protocol is tcp, 6 or all and whose port range covers 22 exposes SSH to the whole internet.",
			Severity:    finding.SeverityCritical,
			Scope:       finding.ScopeResource,
			Selector:    "aws.ec2.security_groups",
			Frameworks: []finding.Framework{
				{Name: "cis-aws", Version: "5.0.0", Controls: []string{"5.3", "5.4"}},
				{Name: "cis-aws", Version: "6.0.0", Controls: []string{"6.3", "6.4"}},
			},
			Remediation: "Restrict the rule to a known range:\n\n```hcl\ningress {\n  from_port   = 22\n  to_port     = 22\n  protocol    = \"tcp\"\n  cidr_blocks = [\"10.0.0.0/8\"]\n}\n```\n",
			Package:     "kansa.aws.ec2.sg_no_public_ssh",
		},
		{
			ID:          "aws-cloudtrail-log-validation",
			Title:       "CloudTrail log file validation must be enabled",
			Description: "Without log file validation nobody can prove that delivered CloudTrail logs were not modified.",
			Severity:    finding.SeverityHigh,
			Scope:       finding.ScopeResource,
			Selector:    "aws.cloudtrail.trails",
			Frameworks: []finding.Framework{
				{Name: "cis-aws", Version: "5.0.0", Controls: []string{"3.2"}},
				{Name: "cis-aws", Version: "6.0.0", Controls: []string{"4.2"}},
			},
			Remediation: "Set `enable_log_file_validation = true` on the `aws_cloudtrail` resource.",
			Package:     "kansa.aws.cloudtrail.log_validation",
		},
		{
			ID:          "aws-cloudwatch-log-retention",
			Title:       "Log groups must keep logs for their tier's minimum",
			Description: "A CloudWatch log group whose retention is shorter than the minimum of the logs that feed it.",
			Severity:    finding.SeverityMedium,
			Scope:       finding.ScopeResource,
			Selector:    "aws.logs.log_groups",
			Frameworks:  []finding.Framework{{Name: "pci-dss", Version: "4.0", Controls: []string{"10.5.1"}}},
			Remediation: "Raise `retention_in_days` to at least the tier minimum (365 for access logs).",
			Package:     "kansa.aws.logs.log_retention",
		},
		{
			ID:          "aws-cloudtrail-enabled",
			Title:       "A multi-region CloudTrail trail must be logging",
			Description: "The account needs a multi-region trail that is logging and records management read and write events.",
			Severity:    finding.SeverityCritical,
			Scope:       finding.ScopeAccount,
			Frameworks:  []finding.Framework{{Name: "cis-aws", Version: "5.0.0", Controls: []string{"3.1"}}},
			Remediation: "Create an `aws_cloudtrail` with `is_multi_region_trail = true`.",
			Package:     "kansa.aws.cloudtrail.enabled",
		},
		{
			ID:          "alicloud-sg-no-public-rdp",
			Title:       "Security groups must not allow RDP from the internet",
			Description: "An ingress accept rule from 0.0.0.0/0 or ::/0 whose port range covers 3389.",
			Severity:    finding.SeverityCritical,
			Scope:       finding.ScopeResource,
			Selector:    "alicloud.ecs.security_groups",
			Frameworks:  []finding.Framework{{Name: "cis-alicloud", Version: "2.0.0", Controls: []string{"4.4"}}},
			Remediation: "Set `cidr_ip` of the `alicloud_security_group_rule` to a known range.",
			Package:     "kansa.alicloud.ecs.sg_no_public_rdp",
		},
		{
			ID:          "alicloud-sls-logstore-retention",
			Title:       "SLS logstores must keep logs for their tier's minimum",
			Description: "A logstore whose retention_period (default 30) is shorter than its tier minimum.",
			Severity:    finding.SeverityMedium,
			Scope:       finding.ScopeResource,
			Selector:    "alicloud.sls.logstores",
			Frameworks:  []finding.Framework{{Name: "cis-alicloud", Version: "2.0.0", Controls: []string{"2.23"}}},
			Remediation: "Set `retention_period = 365` or more.",
			Package:     "kansa.alicloud.sls.logstore_retention",
		},
		{
			ID:       "alicloud-waf-log-analysis",
			Title:    "WAF log analysis must be enabled",
			Severity: finding.SeverityLow,
			Scope:    finding.ScopeAccount,
			Package:  "kansa.alicloud.waf.log_analysis",
		},
	}
}

func rule(id string) finding.Rule {
	for _, r := range Rules() {
		if r.ID == id {
			return r
		}
	}
	return finding.Rule{ID: id}
}

func tf(typ, addr, file string, start, end int) finding.Resource {
	provider := "aws"
	if strings.HasPrefix(typ, "alicloud_") {
		provider = "alicloud"
	}
	return finding.Resource{Address: addr, Type: typ, Provider: provider, Source: "terraform", File: file, StartLine: start, EndLine: end}
}

func fnd(id string, st finding.Status, res finding.Resource, msg string) finding.Finding {
	return finding.Finding{CheckID: id, Severity: rule(id).Severity, Status: st, Resource: res, Message: msg}
}

// Realistic is a Terraform scan of an AWS + Alibaba repository: failures,
// passes, an inline and a config-file suppression, a baseline finding, an
// unknown, and two diagnostics (an error and a warning).
func Realistic() *finding.Report {
	r := &finding.Report{Tool: Tool(), Target: "terraform:infra", Root: "infra"}
	for _, x := range Rules() {
		if x.Scope == finding.ScopeResource {
			r.Rules = append(r.Rules, x)
		}
	}

	ssh := fnd("aws-sg-no-public-ssh", finding.StatusFail,
		tf("aws_security_group", "module.net.aws_security_group.web[0]", "modules/net/sg.tf", 10, 31),
		"module.net.aws_security_group.web[0] allows 0.0.0.0/0 to port 22 (ingress[1])")
	ssh.Attribute, ssh.StartLine, ssh.EndLine = "ingress[1]", 19, 24

	bastion := fnd("aws-sg-no-public-ssh", finding.StatusSuppressed,
		tf("aws_security_group", "aws_security_group.bastion", "network.tf", 40, 55),
		"aws_security_group.bastion allows 0.0.0.0/0 to port 22 (ingress[0])")
	bastion.Attribute, bastion.StartLine, bastion.EndLine = "ingress[0]", 44, 49
	bastion.Suppression = &finding.Suppression{Kind: "inSource", Justification: "bastion, restricted by NACL", Expires: "2026-12-31", File: "network.tf", Line: 39}

	trail := fnd("aws-cloudtrail-log-validation", finding.StatusFail,
		tf("aws_cloudtrail", "aws_cloudtrail.main", "logging/trail.tf", 1, 20),
		"aws_cloudtrail.main does not enable log file validation (enable_log_file_validation is unset)")

	legacy := fnd("aws-cloudtrail-log-validation", finding.StatusBaseline,
		tf("aws_cloudtrail", "aws_cloudtrail.legacy", "logging/trail.tf", 22, 30),
		"aws_cloudtrail.legacy does not enable log file validation (enable_log_file_validation = false)")
	legacy.Attribute, legacy.StartLine, legacy.EndLine = "enable_log_file_validation", 27, 27

	flow := fnd("aws-cloudwatch-log-retention", finding.StatusUnknown,
		tf("aws_cloudwatch_log_group", "aws_cloudwatch_log_group.flow", "logging/groups.tf", 1, 4),
		"aws_cloudwatch_log_group.flow: retention_in_days depends on var.flow_retention, unknown until apply")
	flow.Attribute, flow.StartLine, flow.EndLine = "retention_in_days", 3, 3

	app := fnd("aws-cloudwatch-log-retention", finding.StatusSuppressed,
		tf("aws_cloudwatch_log_group", "aws_cloudwatch_log_group.app", "logging/groups.tf", 6, 9),
		"aws_cloudwatch_log_group.app keeps logs 14 days, below the default tier minimum of 365")
	app.Attribute, app.StartLine, app.EndLine = "retention_in_days", 8, 8
	app.Suppression = &finding.Suppression{Kind: "external", Justification: "application debug logs, not audit evidence"}

	rdp := fnd("alicloud-sg-no-public-rdp", finding.StatusFail,
		tf("alicloud_security_group_rule", "alicloud_security_group_rule.rdp", "alicloud/security groups.tf", 12, 21),
		"alicloud_security_group_rule.rdp allows 0.0.0.0/0 to port 3389 (port_range 1/65535)")
	rdp.Attribute, rdp.StartLine, rdp.EndLine = "port_range", 17, 17

	r.Findings = []finding.Finding{
		ssh, bastion,
		fnd("aws-sg-no-public-ssh", finding.StatusPass, tf("aws_security_group", "aws_security_group.internal", "network.tf", 60, 75), "aws_security_group.internal passes"),
		trail, legacy,
		flow, app,
		fnd("aws-cloudwatch-log-retention", finding.StatusPass, tf("aws_cloudwatch_log_group", "aws_cloudwatch_log_group.trail", "logging/groups.tf", 11, 14), "aws_cloudwatch_log_group.trail passes"),
		rdp,
		fnd("alicloud-sls-logstore-retention", finding.StatusPass, tf("alicloud_log_store", "alicloud_log_store.audit", "alicloud/sls.tf", 1, 6), "alicloud_log_store.audit passes"),
	}
	finding.Sort(r.Findings)
	r.Diagnostics = []finding.DiagnosticRef{
		{Severity: "error", Message: "Unclosed configuration block: there is no closing brace for this block", File: "broken.tf", Line: 7, Column: 12},
		{Severity: "warning", Message: `variable "flow_retention" has no value; treated as unknown`, File: "variables.tf", Line: 4, Column: 1},
	}
	return r
}

// Passing is a scan where every check holds.
func Passing() *finding.Report {
	r := &finding.Report{Tool: Tool(), Target: "terraform:good", Rules: []finding.Rule{rule("aws-cloudtrail-log-validation"), rule("alicloud-sls-logstore-retention")}}
	r.Findings = []finding.Finding{
		fnd("aws-cloudtrail-log-validation", finding.StatusPass, tf("aws_cloudtrail", "aws_cloudtrail.main", "trail.tf", 1, 12), "aws_cloudtrail.main passes"),
		fnd("alicloud-sls-logstore-retention", finding.StatusPass, tf("alicloud_log_store", "alicloud_log_store.audit", "sls.tf", 1, 6), "alicloud_log_store.audit passes"),
	}
	finding.Sort(r.Findings)
	return r
}

// Live is a scan of live accounts: findings located by ARN only, an
// account-scope check, and a check that could not be evaluated.
func Live() *finding.Report {
	r := &finding.Report{Tool: Tool(), Target: "aws:123456789012", Rules: []finding.Rule{
		rule("aws-cloudtrail-enabled"), rule("aws-cloudtrail-log-validation"), rule("alicloud-sg-no-public-rdp"), rule("alicloud-waf-log-analysis"),
	}}
	arn := func(typ, provider, arn, region, account string) finding.Resource {
		return finding.Resource{ARN: arn, Type: typ, Provider: provider, Source: provider, Region: region, Account: account}
	}
	r.Findings = []finding.Finding{
		fnd("aws-cloudtrail-enabled", finding.StatusFail, arn("aws_account", "aws", "arn:aws:iam::123456789012:root", "", "123456789012"),
			"account 123456789012 has no multi-region trail that is logging"),
		fnd("aws-cloudtrail-log-validation", finding.StatusFail, arn("aws_cloudtrail", "aws", "arn:aws:cloudtrail:ap-northeast-1:123456789012:trail/audit", "ap-northeast-1", "123456789012"),
			"trail audit does not validate log files"),
		fnd("aws-cloudtrail-log-validation", finding.StatusError, arn("aws_cloudtrail", "aws", "arn:aws:cloudtrail:eu-west-1:123456789012:trail/*", "eu-west-1", "123456789012"),
			"cloudtrail:DescribeTrails in eu-west-1: AccessDenied"),
		fnd("alicloud-sg-no-public-rdp", finding.StatusFail, arn("alicloud_security_group", "alicloud", "acs:ecs:cn-hangzhou:1234567890123456:securitygroup/sg-bp1abcdefg", "cn-hangzhou", "1234567890123456"),
			"sg-bp1abcdefg allows 0.0.0.0/0 to port 3389 (rule 2)"),
		fnd("alicloud-waf-log-analysis", finding.StatusPass, arn("alicloud_account", "alicloud", "acs:waf::1234567890123456:instance", "", "1234567890123456"),
			"WAF log analysis enabled"),
	}
	finding.Sort(r.Findings)
	return r
}

// Hostile carries strings a writer must survive: invalid UTF-8, control and
// escape characters, markup, a NUL, URI-hostile paths, a check without a
// rule, missing lines, a suppressed finding without a suppression, empty
// identities, a duplicate rule and an unknown severity.
func Hostile() *finding.Report {
	r := &finding.Report{Tool: finding.Tool{Name: "kansa", Version: "dev"}, Target: "terraform:\x1b[31mred\x1b[0m"}
	r.Rules = []finding.Rule{
		{ID: "custom-\"quoted\"<rule>&", Title: "Title with \x00 NUL and \xff\xfe bad bytes", Description: "]]> <!-- --> <![CDATA[x]]>", Severity: finding.SeverityHigh,
			Frameworks:  []finding.Framework{{Name: "my fw", Version: "1 .0", Controls: []string{"a b", "a b", ""}}, {Name: ""}},
			Remediation: "line1\r\nline2\u2028\u0085", Custom: true, References: []string{"not a url"}},
		{ID: "custom-\"quoted\"<rule>&", Title: "duplicate"},
		{ID: "", Title: "empty id", Severity: finding.Severity(42)},
	}
	long := strings.Repeat("very long message 監査 ", 40)
	r.Findings = []finding.Finding{
		{CheckID: "custom-\"quoted\"<rule>&", Severity: finding.SeverityHigh, Status: finding.StatusFail,
			Resource: finding.Resource{Address: "aws_s3_bucket.b[\"key with spaces\"]", File: "C:/odd dir/#hash?q=1%20.tf", StartLine: 5, EndLine: 2},
			Message:  "bad \xff byte, ESC \x1b[2J, bell \a, NUL \x00, tab\tnewline\nCR\r<tag attr=\"v\">&amp; \uFFFE ]]> cdata end"},
		{CheckID: "custom-\"quoted\"<rule>&", Severity: finding.SeverityHigh, Status: finding.StatusSuppressed,
			Resource: finding.Resource{ARN: "arn:aws:s3:::b", File: "../outside.tf"}, Message: long},
		{CheckID: "no-rule-check", Severity: finding.Severity(-3), Status: finding.StatusUnknown, Resource: finding.Resource{}, Message: ""},
		{CheckID: "no-rule-check", Severity: finding.SeverityLow, Status: finding.Status("weird"), Resource: finding.Resource{Type: "t"}, Message: "status nobody knows"},
		{CheckID: "no-rule-check", Severity: finding.SeverityLow, Status: finding.StatusBaseline, Resource: finding.Resource{Address: "x.y", File: "\\win\\path.tf"}, StartLine: -4},
	}
	finding.Sort(r.Findings)
	r.Diagnostics = []finding.DiagnosticRef{
		{Severity: "", Message: ""},
		{Severity: "error", Message: "\xc3\x28 invalid", File: "a b.tf", Line: 0, Column: 9},
		{Severity: "fatal", Message: "line\nbreak", Line: -1},
	}
	return r
}

// Fuzzed builds a report with s and t in every string field a writer
// renders and n steering numbers and statuses, for fuzz tests.
func Fuzzed(s, t string, n int) *finding.Report {
	statuses := []finding.Status{finding.StatusFail, finding.StatusPass, finding.StatusSuppressed, finding.StatusUnknown, finding.StatusError, finding.StatusBaseline, finding.Status(t)}
	st := statuses[((n%len(statuses))+len(statuses))%len(statuses)]
	sev := finding.Severity(n % 7)
	r := &finding.Report{
		Tool:   finding.Tool{Name: s, Version: t, InformationURI: s},
		Target: t,
		Rules: []finding.Rule{{
			ID: s, Title: t, Description: s, Severity: sev, Remediation: t,
			Frameworks: []finding.Framework{{Name: s, Version: t, Controls: []string{s, t}}},
			References: []string{t}, Custom: n%2 == 0,
		}},
		Diagnostics: []finding.DiagnosticRef{{Severity: t, Message: s, File: t, Line: n, Column: -n}},
	}
	for i, id := range []string{s, t, ""} {
		f := finding.Finding{
			CheckID: id, Severity: sev, Status: st, Message: t, Attribute: s,
			Resource:  finding.Resource{Address: s, ARN: t, Type: s, File: t, StartLine: n - i, EndLine: n - 2*i},
			StartLine: n * i, EndLine: -n,
		}
		if i == 1 {
			f.Resource.Address = ""
			f.Suppression = &finding.Suppression{Kind: s, Justification: t, Expires: s}
		}
		r.Findings = append(r.Findings, f)
	}
	finding.Sort(r.Findings)
	return r
}

// FuzzSeeds are the seed inputs of every writer's fuzz test.
var FuzzSeeds = []struct {
	S, T string
	N    int
}{
	{"aws-sg-no-public-ssh", "main.tf", 3},
	{"", "", 0},
	{"\xff\xfe\x00", "\x1b[31m]]><x>&amp;", -7},
	{"C:\\a b\\c.tf", "https://example.com/x y", 1 << 30},
	{"\u2028\uFFFE\r\n", "監査 ログ", 5},
	{"\x86", "", 0},
	{" ", "", 20},
	{"0", "// ", 1073741841},
}

// ErrWriter fails every write, to check that writers return errors.
type ErrWriter struct{}

// Write implements io.Writer by refusing.
func (ErrWriter) Write([]byte) (int, error) { return 0, errWrite }

var errWrite = errorString("write refused")

type errorString string

func (e errorString) Error() string { return string(e) }
