locals {
  me = "${local.me}-x"
}
resource "aws_vpc" "x" {
  cidr_block = local.me
}
