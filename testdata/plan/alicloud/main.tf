terraform {
  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = "1.262.1"
    }
  }
}

provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "main"
  cidr_block = "172.16.0.0/12"
}

resource "alicloud_vpc" "nolog" {
  vpc_name   = "nolog"
  cidr_block = "10.0.0.0/8"
}

# status is left to the provider: unset means Active.
resource "alicloud_vpc_flow_log" "main" {
  flow_log_name  = "main"
  resource_type  = "VPC"
  resource_id    = alicloud_vpc.main.id
  traffic_type   = "All"
  project_name   = "flowlogs"
  log_store_name = "vpc"
}

resource "alicloud_security_group" "web" {
  security_group_name = "web"
  vpc_id              = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  security_group_id = alicloud_security_group.web.id
  cidr_ip           = "0.0.0.0/0"
}

resource "alicloud_security_group_rule" "rdp_internal" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "3389/3389"
  security_group_id = alicloud_security_group.web.id
  cidr_ip           = "10.0.0.0/8"
}

# No source and no port range: the provider sends cidr_ip 0.0.0.0/0 and
# port_range -1/-1, which the plan shows as known after apply.
resource "alicloud_security_group_rule" "all_default" {
  type              = "ingress"
  ip_protocol       = "all"
  security_group_id = alicloud_security_group.web.id
}
