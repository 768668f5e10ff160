# A module laid out like terraform-aws-modules: this directory is the
# module; examples/complete calls it with source = "../../".

variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "enable_flow_log" {
  type    = bool
  default = false
}

variable "ssh_cidrs" {
  type    = list(string)
  default = []
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
  tags       = { Name = var.name }
}

resource "aws_flow_log" "this" {
  count                = var.enable_flow_log ? 1 : 0
  vpc_id               = aws_vpc.this.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
}

resource "aws_security_group" "this" {
  name   = var.name
  vpc_id = aws_vpc.this.id
}

resource "aws_security_group_rule" "ssh" {
  count             = length(var.ssh_cidrs) > 0 ? 1 : 0
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = var.ssh_cidrs
  security_group_id = aws_security_group.this.id
}

output "vpc_id" {
  value = aws_vpc.this.id
}

output "security_group_id" {
  value = aws_security_group.this.id
}
