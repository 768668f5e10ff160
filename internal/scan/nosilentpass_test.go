package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kansa-sec/kansa/internal/finding"
	"github.com/kansa-sec/kansa/policies/engine"
	"github.com/kansa-sec/kansa/scanners/terraform"
)

// silentCase is one check's no-silent-pass case: fail is Terraform that
// fails the check; each of broken is the same input with the value the
// check decides on replaced by var.unset (a variable with no value) or made
// otherwise unresolvable.
type silentCase struct {
	fail   string
	broken []string
	// codeUnknown marks checks that code cannot decide at all (Security
	// Center, Cloud Firewall, WAF log analysis): fail must report unknown.
	codeUnknown bool
}

// sg and friends build the snippets below.
const (
	awsSG = `resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = %PORT%
    to_port     = %PORT%
    protocol    = "tcp"
    cidr_blocks = [%CIDR%]
  }
}
`
	aliRule = `resource "alicloud_security_group" "app" {
  security_group_name = "app"
}
resource "alicloud_security_group_rule" "r" {
  type              = "ingress"
  ip_protocol       = "tcp"
  policy            = "accept"
  port_range        = %RANGE%
  cidr_ip           = %CIDR%
  security_group_id = alicloud_security_group.app.id
}
`
	trail = `resource "aws_s3_bucket" "trail" {
  bucket = "trail-logs"
}
resource "aws_cloudtrail" "t" {
  name                          = "t"
  s3_bucket_name                = aws_s3_bucket.trail.id
  is_multi_region_trail         = %MULTI%
  enable_log_file_validation    = %VALIDATION%
  enable_logging                = %LOGGING%
  kms_key_id                    = %KMS%
  cloud_watch_logs_group_arn    = %CWL%
  include_global_service_events = true
}
`
	aliTrail = `resource "alicloud_oss_bucket" "b" {
  bucket = "trail-logs"
  acl    = %ACL%
}
resource "alicloud_actiontrail_trail" "t" {
  trail_name      = "t"
  trail_region    = %REGION%
  event_rw        = "All"
  status          = %STATUS%
  oss_bucket_name = alicloud_oss_bucket.b.bucket
  sls_project_arn = %SLS%
}
`
	recorder = `resource "aws_config_configuration_recorder" "r" {
  name     = "r"
  role_arn = "arn:aws:iam::123456789012:role/config"
  recording_group {
    all_supported                 = %ALL%
    include_global_resource_types = true
  }
}
`
)

// fill replaces %KEY% placeholders: pairs of key, value.
func fill(tmpl string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		tmpl = strings.ReplaceAll(tmpl, "%"+kv[i]+"%", kv[i+1])
	}
	return tmpl
}

func trailWith(kv ...string) string {
	base := []string{"MULTI", "true", "VALIDATION", "true", "LOGGING", "true", "KMS", `"arn:aws:kms:eu-west-1:123456789012:key/k"`,
		"CWL", `"arn:aws:logs:eu-west-1:123456789012:log-group:trail:*"`}
	return fill(fill(trail, kv...), base...)
}

func aliTrailWith(kv ...string) string {
	return fill(fill(aliTrail, kv...), "ACL", `"private"`, "REGION", `"All"`, "STATUS", `"Enable"`, "SLS", `"acs:log:cn-hangzhou:123456789012:project/trail"`)
}

// silentCases has one case per check ID. Cases for checks not (yet) in the
// engine are skipped; a check without a case fails the test.
var silentCases = map[string]silentCase{
	"aws-sg-no-public-ssh": {
		fail:   fill(awsSG, "PORT", "22", "CIDR", `"0.0.0.0/0"`),
		broken: []string{fill(awsSG, "PORT", "22", "CIDR", "var.unset"), fill(awsSG, "PORT", "var.unset", "CIDR", `"0.0.0.0/0"`)},
	},
	"aws-sg-no-public-rdp": {
		fail:   fill(awsSG, "PORT", "3389", "CIDR", `"0.0.0.0/0"`),
		broken: []string{fill(awsSG, "PORT", "3389", "CIDR", "var.unset"), fill(awsSG, "PORT", "var.unset", "CIDR", `"0.0.0.0/0"`)},
	},
	"aws-vpc-flow-logs-enabled": {
		fail: `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}`,
		broken: []string{
			`resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_flow_log" "f" {
  vpc_id       = var.unset
  traffic_type = "ALL"
}`,
			`resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_flow_log" "f" {
  vpc_id       = aws_vpc.elsewhere.id
  traffic_type = "ALL"
}`,
		},
	},
	"alicloud-sg-no-public-ssh": {
		fail:   fill(aliRule, "RANGE", `"22/22"`, "CIDR", `"0.0.0.0/0"`),
		broken: []string{fill(aliRule, "RANGE", `"22/22"`, "CIDR", "var.unset"), fill(aliRule, "RANGE", "var.unset", "CIDR", `"0.0.0.0/0"`)},
	},
	"alicloud-sg-no-public-rdp": {
		fail:   fill(aliRule, "RANGE", `"3389/3389"`, "CIDR", `"0.0.0.0/0"`),
		broken: []string{fill(aliRule, "RANGE", `"3389/3389"`, "CIDR", "var.unset"), fill(aliRule, "RANGE", "var.unset", "CIDR", `"0.0.0.0/0"`)},
	},
	"alicloud-vpc-flow-logs-enabled": {
		fail: `resource "alicloud_vpc" "main" {
  cidr_block = "172.16.0.0/12"
}`,
		broken: []string{`resource "alicloud_vpc" "main" {
  cidr_block = "172.16.0.0/12"
}
resource "alicloud_vpc_flow_log" "f" {
  resource_type = "VPC"
  resource_id   = var.unset
  traffic_type  = "All"
}`},
	},

	// Checks being written in parallel: written against the catalog
	// (checks.md); adjust when a check lands and its case fails.
	"aws-cloudtrail-enabled": {
		fail: `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}`,
		broken: []string{trailWith("MULTI", "var.unset"), trailWith("LOGGING", "var.unset")},
	},
	"aws-cloudtrail-multi-region": {
		fail:   trailWith("MULTI", "false"),
		broken: []string{trailWith("MULTI", "var.unset")},
	},
	"aws-cloudtrail-log-validation": {
		fail:   trailWith("VALIDATION", "false"),
		broken: []string{trailWith("VALIDATION", "var.unset")},
	},
	"aws-cloudtrail-kms-encryption": {
		fail:   trailWith("KMS", "null"),
		broken: []string{trailWith("KMS", "var.unset")},
	},
	"aws-cloudtrail-cloudwatch-logs": {
		fail:   trailWith("CWL", "null"),
		broken: []string{trailWith("CWL", "var.unset")},
	},
	"aws-cloudtrail-logging-enabled": {
		fail:   trailWith("LOGGING", "false"),
		broken: []string{trailWith("LOGGING", "var.unset")},
	},
	"aws-cloudtrail-bucket-access-logging": {
		fail: trailWith(),
		broken: []string{trailWith() + `resource "aws_s3_bucket_logging" "l" {
  bucket        = var.unset
  target_bucket = "access-logs"
  target_prefix = "trail/"
}`},
	},
	"aws-cloudtrail-bucket-not-public": {
		fail: trailWith(),
		broken: []string{trailWith() + `resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.trail.id
  block_public_acls       = var.unset
  block_public_policy     = var.unset
  ignore_public_acls      = var.unset
  restrict_public_buckets = var.unset
}`},
	},
	"aws-config-recorder-enabled": {
		fail: `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}`,
		broken: []string{fill(recorder, "ALL", "true") + `resource "aws_config_configuration_recorder_status" "s" {
  name       = aws_config_configuration_recorder.r.name
  is_enabled = var.unset
}`},
	},
	"aws-config-records-all-resources": {
		fail:   fill(recorder, "ALL", "false"),
		broken: []string{fill(recorder, "ALL", "var.unset")},
	},
	"aws-config-delivery-channel": {
		fail: fill(recorder, "ALL", "true"),
		broken: []string{fill(recorder, "ALL", "true") + `resource "aws_config_delivery_channel" "d" {
  count          = var.unset
  name           = "d"
  s3_bucket_name = "config-logs"
}`},
	},
	"aws-nacl-no-public-admin-ports": {
		fail: `resource "aws_network_acl" "n" {
  vpc_id = "vpc-123"
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }
}`,
		broken: []string{`resource "aws_network_acl" "n" {
  vpc_id = "vpc-123"
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = var.unset
  }
}`},
	},
	"aws-cloudwatch-log-retention": {
		fail: `resource "aws_cloudwatch_log_group" "g" {
  retention_in_days = 1
}`,
		broken: []string{`resource "aws_cloudwatch_log_group" "g" {
  retention_in_days = var.unset
}`},
	},
	"aws-s3-log-bucket-retention": {
		fail: trailWith() + `resource "aws_s3_bucket_lifecycle_configuration" "l" {
  bucket = aws_s3_bucket.trail.id
  rule {
    id     = "expire"
    status = "Enabled"
    expiration { days = 1 }
  }
}`,
		broken: []string{trailWith() + `resource "aws_s3_bucket_lifecycle_configuration" "l" {
  bucket = aws_s3_bucket.trail.id
  rule {
    id     = "expire"
    status = "Enabled"
    expiration { days = var.unset }
  }
}`},
	},
	"aws-s3-public-access-block": {
		fail: `resource "aws_s3_bucket" "b" {
  bucket = "b"
}`,
		broken: []string{`resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = var.unset
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`},
	},
	"aws-iam-no-administrator-access": {
		fail: `resource "aws_iam_role_policy_attachment" "a" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}`,
		broken: []string{`resource "aws_iam_role_policy_attachment" "a" {
  role       = "ops"
  policy_arn = var.unset
}`},
	},
	"alicloud-actiontrail-enabled": {
		fail: `resource "alicloud_vpc" "main" {
  cidr_block = "172.16.0.0/12"
}`,
		broken: []string{aliTrailWith("REGION", "var.unset"), aliTrailWith("STATUS", "var.unset")},
	},
	"alicloud-actiontrail-all-regions-events": {
		fail:   aliTrailWith("REGION", `"cn-hangzhou"`),
		broken: []string{aliTrailWith("REGION", "var.unset")},
	},
	"alicloud-actiontrail-logging-enabled": {
		fail:   aliTrailWith("STATUS", `"Disable"`),
		broken: []string{aliTrailWith("STATUS", "var.unset")},
	},
	"alicloud-actiontrail-sls-delivery": {
		fail:   aliTrailWith("SLS", "null"),
		broken: []string{aliTrailWith("SLS", "var.unset")},
	},
	"alicloud-actiontrail-oss-not-public": {
		fail:   aliTrailWith("ACL", `"public-read"`),
		broken: []string{aliTrailWith("ACL", "var.unset")},
	},
	"alicloud-config-recorder-enabled": {
		fail: `resource "alicloud_vpc" "main" {
  cidr_block = "172.16.0.0/12"
}`,
		broken: []string{`resource "alicloud_config_configuration_recorder" "r" {
  count               = var.unset
  enterprise_edition  = false
}`},
	},
	"alicloud-sls-logstore-retention": {
		fail: `resource "alicloud_log_store" "s" {
  project_name     = "p"
  logstore_name    = "s"
  retention_period = 1
}`,
		broken: []string{`resource "alicloud_log_store" "s" {
  project_name     = "p"
  logstore_name    = "s"
  retention_period = var.unset
}`},
	},
	"alicloud-ram-no-administrator-access": {
		fail: `resource "alicloud_ram_role_policy_attachment" "a" {
  role_name   = "ops"
  policy_name = "AdministratorAccess"
  policy_type = "System"
}`,
		broken: []string{`resource "alicloud_ram_role_policy_attachment" "a" {
  role_name   = "ops"
  policy_name = var.unset
  policy_type = "System"
}`},
	},
	// Account checks with no Terraform resource: code can never satisfy
	// them, so with --require-account-checks they fail whatever the input.
	"alicloud-security-center-log-analysis": {fail: `resource "alicloud_vpc" "main" {
  cidr_block = "172.16.0.0/12"
}`, codeUnknown: true},
	"alicloud-cloudfirewall-log-analysis": {fail: `resource "alicloud_vpc" "main" {
  cidr_block = "172.16.0.0/12"
}`, codeUnknown: true},
	"alicloud-waf-log-analysis": {fail: `resource "alicloud_vpc" "main" {
  cidr_block = "172.16.0.0/12"
}`, codeUnknown: true},
}

// unknownCount finds where a resource block's body starts.
var unknownCount = regexp.MustCompile(`(?m)^resource "[a-z0-9_]+" "[a-z0-9_]+" \{`)

// TestNoSilentPass: for every check, input that fails it still fails, or is
// reported unknown, when the value the check decides on is unresolved —
// never pass, never silence. Each resource that failed must fail or be
// unknown (account-scope checks: the check as a whole). var.unset is tried
// both declared without a value and undeclared; resource-scope checks are
// also tried with count = var.unset on every resource.
func TestNoSilentPass(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{StrictUnknowns: true, RequireAccountChecks: true}
	var covered []string
	for _, r := range eng.Rules() {
		c, ok := silentCases[r.ID]
		if !ok {
			t.Errorf("add a no-silent-pass case for %s to silentCases", r.ID)
			continue
		}
		covered = append(covered, r.ID)
		t.Run(r.ID, func(t *testing.T) {
			o := opts
			o.Only = []string{r.ID}
			if c.codeUnknown {
				n := map[finding.Status]int{}
				for _, st := range statuses(t, eng, c.fail, o, r.ID) {
					for k, v := range st {
						n[k] += v
					}
				}
				if n[finding.StatusPass]+n[finding.StatusFail] > 0 || n[finding.StatusUnknown] == 0 {
					t.Fatalf("%s cannot be decided on code: want only unknown, got %v", r.ID, n)
				}
				return
			}
			failing := map[string]bool{}
			for addr, st := range statuses(t, eng, c.fail, o, r.ID) {
				if st[finding.StatusFail] > 0 {
					failing[addr] = true
				}
			}
			if len(failing) == 0 {
				t.Fatalf("the failing input does not fail %s; fix the case", r.ID)
			}
			broken := c.broken
			if r.Scope == finding.ScopeResource {
				// Whether the resources exist at all is unknown.
				broken = append(slices.Clone(broken), unknownCount.ReplaceAllString(c.fail, "$0\n  count = var.unset\n"))
			}
			for i, b := range broken {
				for _, decl := range []string{"variable \"unset\" {}\n", ""} {
					what := fmt.Sprintf("broken input %d (var.unset %s)", i, map[bool]string{true: "declared", false: "undeclared"}[decl != ""])
					got := statuses(t, eng, decl+b, o, r.ID)
					if r.Scope != finding.ScopeResource {
						n := map[finding.Status]int{}
						for _, st := range got {
							for k, v := range st {
								n[k] += v
							}
						}
						if n[finding.StatusPass] > 0 || n[finding.StatusFail]+n[finding.StatusUnknown] == 0 {
							t.Errorf("%s: %s reports %v, want fail or unknown and no pass", what, r.ID, got)
						}
						continue
					}
					// When the break cuts a link (a trail's bucket, a block's
					// bucket), the check may report unknown on the other end of
					// it instead: the decision moved, it was not dropped.
					moved := false
					for addr, st := range got {
						if !failing[addr] && st[finding.StatusUnknown] > 0 {
							moved = true
						}
					}
					for addr := range failing {
						st := got[addr]
						switch {
						case st[finding.StatusFail]+st[finding.StatusUnknown] > 0:
						case moved:
						case st[finding.StatusPass] > 0:
							t.Errorf("%s passes %s on %s: %v", what, r.ID, addr, got)
						default:
							t.Errorf("%s is silent for %s on %s: %v", what, r.ID, addr, got)
						}
					}
				}
			}
		})
	}
	sort.Strings(covered)
	t.Logf("%d checks covered: %s", len(covered), strings.Join(covered, ", "))
}

// statuses scans src as main.tf and counts check id's findings by resource
// address (or ARN) and status.
func statuses(t *testing.T, eng *engine.Engine, src string, o Options, id string) map[string]map[finding.Status]int {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Terraform(context.Background(), eng, []TerraformTarget{{Path: dir}}, terraform.Options{}, o)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[finding.Status]int{}
	for _, f := range res.Report.Findings {
		if f.CheckID != id {
			continue
		}
		addr := f.Resource.Address + f.Resource.ARN
		if out[addr] == nil {
			out[addr] = map[finding.Status]int{}
		}
		out[addr][f.Status]++
	}
	return out
}
