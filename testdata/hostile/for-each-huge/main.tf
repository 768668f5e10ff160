resource "aws_vpc" "x" {
  for_each   = toset([for i in range(1000000) : tostring(i)])
  cidr_block = "10.0.0.0/16"
}
