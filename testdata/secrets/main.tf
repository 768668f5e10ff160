# A fixture full of fake secrets (none of them is real). kansa must never
# print any value listed in secrets.txt: not in findings, reports, diagnostics
# or debug logs. policies/echo.rego tries hard to print them.

variable "sg_name" {
  type      = string
  sensitive = true
  default   = "kansa-fake-sg-name-Qm4Zt"
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "api_token" {
  sensitive = true
}

variable "nested" {
  type      = map(string)
  sensitive = true
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAKANSAFAKE0000001"
  secret_key = "kansaFAKEsecretKEY/0000000000+0000000001"
}

resource "aws_security_group" "web" {
  name        = var.sg_name
  description = "managed, token ${var.api_token}"

  ingress {
    description = var.db_password
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# The secret ends up in the resource address.
resource "aws_security_group" "keyed" {
  for_each    = toset([var.nested["inner"]])
  name        = "sg-AKIAKANSAFAKE0000002"
  description = upper("x")

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags = {
    Name = "vpc-${var.db_password}"
  }
}

# A child module's sensitive variable, fed a literal.
module "app" {
  source = "./modules/app"
  token  = "kansa-fake-module-token-Ty6Gh"
}

# A value marked with sensitive().
locals {
  marked = sensitive("kansa-fake-marked-literal-Pk2Js")
}

resource "aws_security_group" "marked" {
  name = local.marked
}
