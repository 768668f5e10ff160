variable "environment" {
  type    = string
  default = "dev"
}

variable "web_ingress" {
  description = "Ingress rules of the web tier"
  type = list(object({
    port        = number
    cidr_blocks = list(string)
    description = string
  }))
  default = []
}

variable "admin_cidr" {
  type    = string
  default = "10.20.0.0/16"
}
