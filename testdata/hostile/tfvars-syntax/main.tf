variable "cidr" {}
resource "aws_vpc" "x" {
  cidr_block = var.cidr
}
