provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environments" {
  type = map(object({
    cidr      = string
    flow_logs = optional(bool, true)
  }))
}

module "network" {
  source       = "./modules/network"
  for_each     = var.environments
  name         = each.key
  cidr_block   = each.value.cidr
  enable_flows = each.value.flow_logs
}

# A VPC outside the module whose flow log is declared through a local.
resource "aws_vpc" "shared" {
  cidr_block = "10.100.0.0/16"
}

locals {
  shared_vpc = aws_vpc.shared.id
}

resource "aws_flow_log" "shared" {
  vpc_id          = local.shared_vpc
  traffic_type    = "ALL"
  log_destination = module.network["prod"].log_group_arn
}
