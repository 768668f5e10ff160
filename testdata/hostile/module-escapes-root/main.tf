module "up" {
  source = "../../../../../../../../../../etc"
}
