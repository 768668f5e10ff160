output "vpc_id" {
  value = aws_vpc.this.id
}

output "log_group_arn" {
  value = one(aws_cloudwatch_log_group.flows[*].arn)
}
