package kansa.lib.network_test

import data.kansa.lib.network

test_open_cidrs if {
	every c in ["0.0.0.0/0", "::/0", "0.1.0.0/0", "1.0.0.0/0", "1.2.3.4/0", "0.0.0.0/00", "2001:db8::/0"] {
		network.is_open_cidr(c)
	}
}

test_not_open_cidrs if {
	every c in [
		"/0", "250.250.250.1:8451", "1.2.3.4", "0.0.0.0", "10.0.0.0/8", "0.0.0.0/1", "1.2.3.4/5",
		"::/1", "", "0.0.0.0/0/0", "0.0.0.0/-0", "abc/0", "0.0.0.0/ 0", " 0.0.0.0/0", 0, null,
	] {
		not network.is_open_cidr(c)
	}
}

test_open_cidrs_from_config if {
	network.is_open_cidr("10.0.0.0/8") with data.kansa.config.open_cidrs as ["10.1.0.0/16"]
	not network.is_open_cidr("0.0.0.0/0") with data.kansa.config.open_cidrs as ["::/0"]
}

test_normalize_cidr if {
	network.normalize_cidr("0.0.0.0/00") == "0.0.0.0/0"
	network.normalize_cidr("10.0.0.0/008") == "10.0.0.0/8"
}

test_malformed_cidrs if {
	every c in ["/0", "250.250.250.1:8451", "1.2.3.4", "0.0.0.0/33", "::/129"] {
		network.malformed_cidr(c)
	}
	not network.malformed_cidr("1.2.3.4/5")
}

test_port_range if {
	network.port_range("22/22") == [22, 22]
	network.port_range("1/65535") == [1, 65535]
	network.port_range("-1/-1") == [-1, -1]
	not network.port_range("22")
	not network.port_range("a/b")
	not network.port_range(22)
}

rule(proto, from, to) := {"meta": {}, "protocol": proto, "from_port": from, "to_port": to}

ali(proto, pr) := {"meta": {}, "protocol": proto, "port_range": pr}

test_all_protocols_cover_every_port if {
	every r in [rule("-1", 0, 0), rule("all", 0, 0), rule(-1, 0, 0), rule("-1", 80, 80), rule("ALL", -1, -1)] {
		network.covers(r, 22)
		network.covers(r, 3389)
	}
}

test_tcp_covers_inside_range if {
	network.covers(rule("tcp", 22, 22), 22)
	network.covers(rule("6", 0, 65535), 3389)
	network.covers(rule("TCP", 20, 23), 22)
}

test_tcp_does_not_cover_outside_range if {
	not network.covers(rule("tcp", 22, 22), 3389)
	not network.covers(rule("tcp", 23, 100), 22)
	not network.covers(rule("tcp", 0, 0), 22)
	not network.covers(rule("tcp", -1, -1), 22)
}

test_tcp_zero_is_port_zero_only if network.covers(rule("tcp", 0, 0), 0)

test_other_protocols_never_cover if {
	every r in [rule("udp", 0, 65535), rule("17", 0, 65535), rule("icmp", -1, -1), rule("gre", 0, 65535), ali("udp", "-1/-1"), ali("gre", "-1/-1")] {
		not network.covers(r, 22)
	}
}

test_alicloud_port_ranges if {
	network.covers(ali("tcp", "22/22"), 22)
	network.covers(ali("tcp", "1/65535"), 3389)
	network.covers(ali("tcp", "-1/-1"), 22)
	network.covers(ali("all", "-1/-1"), 22)
	network.covers(ali("all", "444/445"), 22)
	not network.covers(ali("tcp", "1/21"), 22)
	not network.covers(ali("tcp", "22"), 22)
}

test_may_cover_unknown_protocol if {
	network.may_cover({"meta": {"unknown": ["protocol"]}, "from_port": 80, "to_port": 80}, 22)
	not network.covers({"meta": {"unknown": ["protocol"]}, "from_port": 80, "to_port": 80}, 22)
}

test_may_cover_unknown_ports if {
	network.may_cover({"meta": {"unknown": ["from_port", "to_port"]}, "protocol": "tcp"}, 22)
	network.may_cover({"meta": {"unknown": ["from_port"]}, "protocol": "tcp", "to_port": 100}, 22)
	not network.may_cover({"meta": {"unknown": ["from_port"]}, "protocol": "tcp", "to_port": 21}, 22)
	not network.may_cover({"meta": {"unknown": ["to_port"]}, "protocol": "tcp", "from_port": 23}, 22)
	network.may_cover({"meta": {"unknown": ["port_range"]}, "protocol": "tcp"}, 22)
}

test_may_cover_not_for_known_misses if {
	not network.may_cover(rule("tcp", 80, 80), 22)
	not network.may_cover({"meta": {"unknown": ["from_port"]}, "protocol": "udp"}, 22)
}

test_missing_protocol_covers_nothing if not network.covers({"meta": {}, "from_port": 22, "to_port": 22}, 22)

test_protocol_class if {
	network.protocol_class("ALL", false) == "all"
	network.protocol_class(-1, false) == "all"
	network.protocol_class("TCP", false) == "tcp"
	network.protocol_class(6, false) == "tcp"
	network.protocol_class("udp", false) == "other"
	network.protocol_class(17, false) == "other"
	network.protocol_class(null, false) == "other"
	network.protocol_class("tcp", true) == "unknown"
	not network.protocol_class(true, false)
}
