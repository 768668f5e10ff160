resource "aws_security_group_rule" "x" {
  type              = "ingress"
  security_group_id = aws_security_group.nope.id
  from_port         = var.nope
  to_port           = local.nope
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
}
