locals {
  big = range(100000000)
}
resource "aws_vpc" "x" {
  cidr_block = length(local.big) > 0 ? "10.0.0.0/16" : "x"
}
