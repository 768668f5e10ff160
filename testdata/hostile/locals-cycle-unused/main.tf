locals {
  p = local.q
  q = local.p
}
