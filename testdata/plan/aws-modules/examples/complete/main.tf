terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

locals {
  networks = {
    prod  = { cidr = "10.0.0.0/16", flow_log = true, ssh = [] }
    stage = { cidr = "10.1.0.0/16", flow_log = false, ssh = ["0.0.0.0/0"] }
  }
}

module "network" {
  source   = "../../"
  for_each = local.networks

  name            = each.key
  cidr            = each.value.cidr
  enable_flow_log = each.value.flow_log
  ssh_cidrs       = each.value.ssh
}

module "sandbox" {
  source = "../../"
  count  = 1

  name = "sandbox-${count.index}"
  cidr = "10.9.0.0/16"
}

# A flow log added from outside for the sandbox VPC, through the module output.
resource "aws_flow_log" "sandbox" {
  vpc_id               = module.sandbox[0].vpc_id
  traffic_type         = "REJECT"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
}

# RDP opened on every network's group from the root.
resource "aws_security_group_rule" "rdp" {
  for_each          = module.network
  type              = "ingress"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = each.value.security_group_id
}
