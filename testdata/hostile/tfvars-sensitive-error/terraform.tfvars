ports = ["hunter2-not-a-number"]
