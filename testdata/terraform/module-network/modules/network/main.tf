variable "name" {
  type = string
}

variable "cidr_block" {
  type = string
}

variable "enable_flows" {
  type    = bool
  default = true
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr_block
  tags = {
    Name = "vpc-${var.name}"
  }
}

resource "aws_cloudwatch_log_group" "flows" {
  count             = var.enable_flows ? 1 : 0
  name              = "/vpc/${var.name}/flows"
  retention_in_days = 30
}

resource "aws_flow_log" "this" {
  count           = var.enable_flows ? 1 : 0
  vpc_id          = aws_vpc.this.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flows[0].arn
}
