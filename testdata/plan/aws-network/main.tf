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

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "unlogged" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_cloudwatch_log_group" "flow" {
  name = "vpc-flow"
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "ssh from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "admin" {
  name   = "admin"
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.admin.id
}

resource "aws_vpc_security_group_ingress_rule" "ssh6" {
  security_group_id = aws_security_group.admin.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv6         = "::/0"
}

module "net" {
  source = "./modules/net"
  cidrs  = { a = "10.10.0.0/16", b = "10.11.0.0/16" }
}

resource "aws_flow_log" "net" {
  for_each     = module.net.vpc_ids
  vpc_id       = each.value
  traffic_type = "REJECT"
  log_destination = aws_cloudwatch_log_group.flow.arn
}

# Known only after apply: the bastion's address. The rule must stay
# undecided, never pass or fail on its own.
resource "aws_eip" "bastion" {
  domain = "vpc"
}

resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["${aws_eip.bastion.public_ip}/32"]
  }
}

# A link through a local value: the plan's configuration does not list
# locals, the .tf files do.
locals {
  logged_vpc = aws_vpc.via_local.id
}

resource "aws_vpc" "via_local" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_flow_log" "via_local" {
  vpc_id          = local.logged_vpc
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
}
