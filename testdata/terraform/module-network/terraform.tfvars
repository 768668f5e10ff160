environments = {
  prod    = { cidr = "10.0.0.0/16" }
  staging = { cidr = "10.1.0.0/16", flow_logs = false }
}
