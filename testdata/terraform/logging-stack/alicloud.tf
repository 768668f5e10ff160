provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_log_project" "audit" {
  project_name = "org-audit"
}

resource "alicloud_log_store" "actiontrail" {
  project_name  = alicloud_log_project.audit.project_name
  logstore_name = "actiontrail_org"
}

resource "alicloud_log_store" "other" {
  project_name     = alicloud_log_project.audit.project_name
  logstore_name    = "app"
  retention_period = 3650
}

resource "alicloud_oss_bucket" "trail" {
  bucket = "org-actiontrail"
}

resource "alicloud_oss_bucket_acl" "trail" {
  bucket = alicloud_oss_bucket.trail.bucket
  acl    = "public-read"
}

resource "alicloud_actiontrail_trail" "org" {
  trail_name      = "org"
  sls_project_arn = "acs:log:cn-hangzhou:1234567890:project/${alicloud_log_project.audit.project_name}"
  oss_bucket_name = alicloud_oss_bucket.trail.bucket
  event_rw        = "Write"
}

resource "alicloud_config_configuration_recorder" "main" {}

resource "alicloud_ram_role_policy_attachment" "admin" {
  role_name   = "ops"
  policy_name = "AdministratorAccess"
  policy_type = "System"
}
