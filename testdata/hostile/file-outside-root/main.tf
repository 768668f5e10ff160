resource "aws_security_group" "x" {
  description = file("/etc/passwd")
  name        = file("../../../../../../etc/hostname")
}
