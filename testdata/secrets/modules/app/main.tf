variable "token" {
  type      = string
  sensitive = true
}

resource "aws_security_group" "app" {
  name = "app-${var.token}"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
