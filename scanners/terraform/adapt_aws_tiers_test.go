package terraform

import (
	"fmt"
	"testing"
)

// TestRetentionTiers: what feeds a log group or bucket sets its tier, and a
// lifecycle configuration resource is located for the S3 retention check.
func TestRetentionTiers(t *testing.T) {
	s, _ := scan(t, files("main.tf", `
resource "aws_cloudwatch_log_group" "trail" { retention_in_days = 400 }
resource "aws_cloudwatch_log_group" "flow" {
  name              = "flow"
  retention_in_days = 14
}
resource "aws_cloudwatch_log_group" "app" {}
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_flow_log" "main" {
  vpc_id         = aws_vpc.main.id
  traffic_type   = "ALL"
  log_group_name = "flow"
}
resource "aws_s3_bucket" "trail" { bucket = "trail" }
resource "aws_s3_bucket" "access" { bucket = "access" }
resource "aws_s3_bucket" "config" { bucket = "config" }
resource "aws_s3_bucket" "site" {
  bucket = "site"
  logging {
    target_bucket = aws_s3_bucket.access.id
  }
  lifecycle_rule {
    enabled = true
    expiration {
      days = 7
    }
  }
}
resource "aws_config_delivery_channel" "main" { s3_bucket_name = aws_s3_bucket.config.bucket }
resource "aws_s3_bucket_lifecycle_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    id     = "expire"
    status = "Enabled"
    expiration {
      days = 90
    }
  }
}
`), Options{})
	got := map[string]string{}
	for _, g := range s.AWS.Logs.LogGroups {
		got[g.Meta.Address] = fmt.Sprintf("%s %d", g.Tier, *g.RetentionInDays)
	}
	for _, b := range s.AWS.S3.Buckets {
		exp, lm := "nil", ""
		if b.ExpirationDays != nil {
			exp = fmt.Sprint(*b.ExpirationDays)
		}
		if b.LifecycleMeta != nil {
			lm = " " + b.LifecycleMeta.Address
		}
		got[b.Meta.Address] = fmt.Sprintf("%q %s%s", b.Tier, exp, lm)
	}
	want := map[string]string{
		"aws_cloudwatch_log_group.trail": "audit 400",
		"aws_cloudwatch_log_group.flow":  "network 14",
		"aws_cloudwatch_log_group.app":   "default 0",
		"aws_s3_bucket.trail":            `"audit" 90 aws_s3_bucket_lifecycle_configuration.trail`,
		"aws_s3_bucket.access":           `"access" 0`,
		"aws_s3_bucket.config":           `"audit" 0`,
		"aws_s3_bucket.site":             `"" 7`,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %s, want %s", k, got[k], v)
		}
	}
}
