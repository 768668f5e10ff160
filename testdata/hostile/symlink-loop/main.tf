resource "aws_vpc" "x" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_flow_log" "x" {
  vpc_id = aws_vpc.x.id
}
