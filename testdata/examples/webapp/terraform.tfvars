environment = "prod"

web_ingress = [
  { port = 443, cidr_blocks = ["0.0.0.0/0"], description = "HTTPS" },
  { port = 80, cidr_blocks = ["0.0.0.0/0"], description = "HTTP redirect" },
  { port = 22, cidr_blocks = ["0.0.0.0/0"], description = "temporary SSH for debugging" },
]
