package terraform

import (
	"testing"

	"github.com/kansa-sec/kansa/internal/model"
)

// TestAlicloudLogstoreFeeders: the ActionTrail logstore of a trail's project
// is audit tier, other logstores of that project are not, and a logstore
// that an unresolved trail or flow log may feed has an unknown fed_by.
func TestAlicloudLogstoreFeeders(t *testing.T) {
	tests := []struct {
		name, src   string
		store, tier string
		unknown     bool
	}{
		{"trail logstore", `
resource "alicloud_log_project" "p" { project_name = "audit" }
resource "alicloud_actiontrail_trail" "t" {
  trail_name      = "main"
  sls_project_arn = "acs:log:cn-hangzhou:1:project/${alicloud_log_project.p.project_name}"
}
resource "alicloud_log_store" "s" {
  project_name  = alicloud_log_project.p.project_name
  logstore_name = "actiontrail_main"
}`, "alicloud_log_store.s", "audit", false},
		{"other logstore of the trail project", `
resource "alicloud_log_project" "p" { project_name = "audit" }
resource "alicloud_actiontrail_trail" "t" {
  trail_name      = "main"
  sls_project_arn = "acs:log:cn-hangzhou:1:project/audit"
}
resource "alicloud_log_store" "s" {
  project_name  = alicloud_log_project.p.project_name
  logstore_name = "app"
}`, "alicloud_log_store.s", "default", false},
		{"unresolved trail name", `
variable "trail" {}
resource "alicloud_actiontrail_trail" "t" {
  trail_name      = var.trail
  sls_project_arn = "acs:log:cn-hangzhou:1:project/audit"
}
resource "alicloud_log_store" "s" {
  project_name  = "audit"
  logstore_name = "actiontrail_main"
}`, "alicloud_log_store.s", "default", true},
		{"unresolved flow log destination", `
variable "store" {}
resource "alicloud_vpc" "v" {}
resource "alicloud_vpc_flow_log" "f" {
  resource_type  = "VPC"
  resource_id    = alicloud_vpc.v.id
  project_name   = "net"
  log_store_name = var.store
}
resource "alicloud_log_store" "s" {
  project_name  = "net"
  logstore_name = "flows"
}`, "alicloud_log_store.s", "default", true},
		{"unresolved logstore name, nothing feeds anything", `
variable "name" {}
resource "alicloud_log_store" "s" {
  project_name  = "net"
  logstore_name = var.name
}`, "alicloud_log_store.s", "default", false},
		{"flow log destination", `
resource "alicloud_vpc" "v" {}
resource "alicloud_vpc_flow_log" "f" {
  resource_type  = "VPC"
  resource_id    = alicloud_vpc.v.id
  project_name   = "net"
  log_store_name = alicloud_log_store.s.logstore_name
}
resource "alicloud_log_store" "s" {
  project_name  = "net"
  logstore_name = "flows"
}`, "alicloud_log_store.s", "network", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := scan(t, files("main.tf", tc.src), Options{})
			var got *model.Logstore
			for i := range s.Alicloud.SLS.Logstores {
				if s.Alicloud.SLS.Logstores[i].Meta.Address == tc.store {
					got = &s.Alicloud.SLS.Logstores[i]
				}
			}
			if got == nil {
				t.Fatalf("no %s in %+v", tc.store, s.Alicloud.SLS.Logstores)
			}
			if got.Tier != tc.tier || got.Meta.IsUnknown("fed_by") != tc.unknown {
				t.Errorf("tier %q unknown fed_by %v (%v), want %q %v", got.Tier, got.Meta.IsUnknown("fed_by"), got.Meta.Reasons, tc.tier, tc.unknown)
			}
		})
	}
}
