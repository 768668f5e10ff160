# Input problems must not stop the scan: every resource that can be read
# still reaches the model, and each problem is a located diagnostic.

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
}

locals {
  a = local.b
  b = local.a
}

resource "aws_flow_log" "remote" {
  vpc_id = module.vpc.vpc_id
}

resource "aws_vpc" "local" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "ssh" {
  name = local.a
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}
