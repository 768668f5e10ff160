resource "aws_vpc" "broken" {
  cidr_block = "10.1.0.0/16"
