cidr = 
