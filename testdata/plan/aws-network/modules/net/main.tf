variable "cidrs" {
  type = map(string)
}

resource "aws_vpc" "this" {
  for_each   = var.cidrs
  cidr_block = each.value
}

resource "aws_flow_log" "this" {
  count        = 1
  vpc_id       = aws_vpc.this["a"].id
  traffic_type = "ALL"
  log_destination = "arn:aws:logs:eu-west-1:123456789012:log-group:net"
}

resource "aws_security_group" "db" {
  for_each = var.cidrs
  name     = "db-${each.key}"
  vpc_id   = aws_vpc.this[each.key].id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "db_ssh" {
  for_each          = var.cidrs
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [each.value]
  security_group_id = aws_security_group.db[each.key].id
}

output "vpc_ids" {
  value = { for k, v in aws_vpc.this : k => v.id }
}

output "first_vpc_id" {
  value = aws_vpc.this["a"].id
}
