resource "alicloud_vpc" "main" {
  vpc_name   = "${local.name_prefix}-main"
  cidr_block = "172.16.0.0/12"
}

resource "alicloud_vpc_flow_log" "main" {
  flow_log_name  = "${local.name_prefix}-main"
  resource_type  = "VPC"
  resource_id    = alicloud_vpc.main.id
  traffic_type   = "All"
  project_name   = "webapp-logs"
  log_store_name = "vpc-flow"
}

resource "alicloud_vpc" "legacy" {
  vpc_name   = "${local.name_prefix}-legacy"
  cidr_block = "192.168.0.0/16"
}

resource "alicloud_security_group" "app" {
  security_group_name = "${local.name_prefix}-app"
  vpc_id              = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  security_group_id = alicloud_security_group.app.id
}

resource "alicloud_security_group_rule" "rdp_blocked" {
  type              = "ingress"
  ip_protocol       = "tcp"
  policy            = "drop"
  port_range        = "3389/3389"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.app.id
}
