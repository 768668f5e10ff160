variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "flow_logs" {
  type    = bool
  default = true
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
  tags = {
    Name = var.name
  }
}

resource "aws_cloudwatch_log_group" "flow" {
  count             = var.flow_logs ? 1 : 0
  name              = "/vpc/${var.name}/flow"
  retention_in_days = 90
}

resource "aws_flow_log" "this" {
  count           = var.flow_logs ? 1 : 0
  vpc_id          = aws_vpc.this.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow[0].arn
}

output "vpc_id" {
  value = aws_vpc.this.id
}
