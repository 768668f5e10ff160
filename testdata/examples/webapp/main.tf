locals {
  networks = {
    prod    = { cidr = "10.0.0.0/16", flow_logs = true }
    staging = { cidr = "10.1.0.0/16", flow_logs = false }
  }
  name_prefix = "webapp-${var.environment}"
}

module "network" {
  source   = "./modules/network"
  for_each = local.networks

  name      = "${local.name_prefix}-${each.key}"
  cidr      = each.value.cidr
  flow_logs = each.value.flow_logs
}

resource "aws_security_group" "web" {
  name   = "${local.name_prefix}-web"
  vpc_id = module.network["prod"].vpc_id

  dynamic "ingress" {
    for_each = var.web_ingress
    content {
      description = ingress.value.description
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidr_blocks
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "bastion" {
  name   = "${local.name_prefix}-bastion"
  vpc_id = module.network["prod"].vpc_id

  # kansa:ignore aws-sg-no-public-ssh reason="bastion host; access restricted by NACL and MFA" exp:2099-12-31
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }
}

resource "aws_vpc_security_group_ingress_rule" "rdp_v6" {
  security_group_id = aws_security_group.web.id
  cidr_ipv6         = "::/0"
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}
