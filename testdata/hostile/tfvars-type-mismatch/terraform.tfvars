count_a = "many"
