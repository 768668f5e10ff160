variable "count_a" {
  type = number
}
