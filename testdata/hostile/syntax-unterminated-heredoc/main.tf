locals {
  doc = <<EOT
hello
