package kansa.lib.net_test

import data.kansa.lib.net

test_open_cidrs if {
	every c in ["0.0.0.0/0", "::/0", "0.1.0.0/0", "1.0.0.0/0", "1.2.3.4/0", "0.0.0.0/00", "2001:db8::/0"] {
		net.is_open_cidr(c)
	}
}

test_not_open_cidrs if {
	every c in [
		"/0", "250.250.250.1:8451", "1.2.3.4", "0.0.0.0", "10.0.0.0/8", "0.0.0.0/1", "1.2.3.4/5",
		"::/1", "", "0.0.0.0/0/0", "0.0.0.0/-0", "abc/0", "0.0.0.0/ 0", " 0.0.0.0/0", 0, null,
	] {
		not net.is_open_cidr(c)
	}
}

test_open_cidrs_from_config if {
	net.is_open_cidr("10.0.0.0/8") with data.kansa.config.open_cidrs as ["10.1.0.0/16"]
	not net.is_open_cidr("0.0.0.0/0") with data.kansa.config.open_cidrs as ["::/0"]
}

test_normalize_cidr if {
	net.normalize_cidr("0.0.0.0/00") == "0.0.0.0/0"
	net.normalize_cidr("10.0.0.0/008") == "10.0.0.0/8"
}

test_malformed_cidrs if {
	every c in ["/0", "250.250.250.1:8451", "1.2.3.4", "0.0.0.0/33", "::/129"] {
		net.malformed_cidr(c)
	}
	not net.malformed_cidr("1.2.3.4/5")
}

test_port_range if {
	net.port_range("22/22") == [22, 22]
	net.port_range("1/65535") == [1, 65535]
	net.port_range("-1/-1") == [-1, -1]
	not net.port_range("22")
	not net.port_range("a/b")
	not net.port_range(22)
}

rule(proto, from, to) := {"meta": {}, "protocol": proto, "from_port": from, "to_port": to}

ali(proto, pr) := {"meta": {}, "protocol": proto, "port_range": pr}

test_all_protocols_cover_every_port if {
	every r in [rule("-1", 0, 0), rule("all", 0, 0), rule(-1, 0, 0), rule("-1", 80, 80), rule("ALL", -1, -1)] {
		net.covers(r, 22)
		net.covers(r, 3389)
	}
}

test_tcp_covers_inside_range if {
	net.covers(rule("tcp", 22, 22), 22)
	net.covers(rule("6", 0, 65535), 3389)
	net.covers(rule("TCP", 20, 23), 22)
}

test_tcp_does_not_cover_outside_range if {
	not net.covers(rule("tcp", 22, 22), 3389)
	not net.covers(rule("tcp", 23, 100), 22)
	not net.covers(rule("tcp", 0, 0), 22)
	not net.covers(rule("tcp", -1, -1), 22)
}

test_tcp_zero_is_port_zero_only if net.covers(rule("tcp", 0, 0), 0)

test_other_protocols_never_cover if {
	every r in [rule("udp", 0, 65535), rule("17", 0, 65535), rule("icmp", -1, -1), rule("gre", 0, 65535), ali("udp", "-1/-1"), ali("gre", "-1/-1")] {
		not net.covers(r, 22)
	}
}

test_alicloud_port_ranges if {
	net.covers(ali("tcp", "22/22"), 22)
	net.covers(ali("tcp", "1/65535"), 3389)
	net.covers(ali("tcp", "-1/-1"), 22)
	net.covers(ali("all", "-1/-1"), 22)
	net.covers(ali("all", "444/445"), 22)
	not net.covers(ali("tcp", "1/21"), 22)
	not net.covers(ali("tcp", "22"), 22)
}

test_may_cover_unknown_protocol if {
	net.may_cover({"meta": {"unknown": ["protocol"]}, "from_port": 80, "to_port": 80}, 22)
	not net.covers({"meta": {"unknown": ["protocol"]}, "from_port": 80, "to_port": 80}, 22)
}

test_may_cover_unknown_ports if {
	net.may_cover({"meta": {"unknown": ["from_port", "to_port"]}, "protocol": "tcp"}, 22)
	net.may_cover({"meta": {"unknown": ["from_port"]}, "protocol": "tcp", "to_port": 100}, 22)
	not net.may_cover({"meta": {"unknown": ["from_port"]}, "protocol": "tcp", "to_port": 21}, 22)
	not net.may_cover({"meta": {"unknown": ["to_port"]}, "protocol": "tcp", "from_port": 23}, 22)
	net.may_cover({"meta": {"unknown": ["port_range"]}, "protocol": "tcp"}, 22)
}

test_may_cover_not_for_known_misses if {
	not net.may_cover(rule("tcp", 80, 80), 22)
	not net.may_cover({"meta": {"unknown": ["from_port"]}, "protocol": "udp"}, 22)
}
