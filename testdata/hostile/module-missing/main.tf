module "net" {
  source = "./modules/nope"
}
