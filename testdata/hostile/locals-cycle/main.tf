locals {
  a = local.b
  b = local.c
  c = local.a
}
resource "aws_vpc" "x" {
  cidr_block = local.a
}
