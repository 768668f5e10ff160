# METADATA
# description: |
#   Network semantics shared by the security group and network ACL checks:
#   which CIDRs are open to the internet and which rules cover a port.
package kansa.lib.net

import data.kansa.lib

# normalize_cidr(c) is the canonical "ip/bits" form of a well-formed CIDR
# ("0.0.0.0/00" -> "0.0.0.0/0"); undefined for anything else ("/0", bare IPs,
# "250.250.250.1:8451", non-strings).
normalize_cidr(c) := n if {
	is_string(c)
	parts := split(c, "/")
	count(parts) == 2
	regex.match(`^[0-9]{1,3}$`, parts[1])
	n := sprintf("%s/%d", [parts[0], to_number(parts[1])])
	net.cidr_is_valid(n)
}

# valid_cidr(c) holds when c is a well-formed CIDR.
valid_cidr(c) if normalize_cidr(c)

# malformed_cidr(c) holds when c is not a well-formed CIDR.
malformed_cidr(c) if not valid_cidr(c)

# open_cidrs are the networks that mean "the whole internet"
# (data.kansa.config.open_cidrs, default 0.0.0.0/0 and ::/0).
open_cidrs := data.kansa.config.open_cidrs

# is_open_cidr(c) holds when c, once normalized, contains one of open_cidrs:
# "0.0.0.0/0", "::/0", and any other prefix of length 0 such as "1.2.3.4/0".
is_open_cidr(c) if {
	n := normalize_cidr(c)
	some o in open_cidrs
	net.cidr_contains(n, o)
}

# protocol(r) is r.protocol as a lower-case string ("-1" for the number -1).
protocol(r) := lower(sprintf("%v", [r.protocol])) if lib.known(r, "protocol")

_all_protocols := {"-1", "all"}

_tcp_protocols := {"tcp", "6"}

# all_protocols(r) holds when r's protocol is every protocol (-1, "-1", "all").
all_protocols(r) if protocol(r) in _all_protocols

# tcp(r) holds when r's protocol is TCP ("tcp" or "6").
tcp(r) if protocol(r) in _tcp_protocols

# port_range(s) parses Alibaba Cloud's "from/to" ("22/22", "1/65535",
# "-1/-1") into [from, to]; undefined when malformed.
port_range(s) := [to_number(parts[0]), to_number(parts[1])] if {
	is_string(s)
	parts := split(s, "/")
	count(parts) == 2
	regex.match(`^-?[0-9]+$`, parts[0])
	regex.match(`^-?[0-9]+$`, parts[1])
}

# bounds(r) is [from, to] of rule r when both are known: Alibaba port_range,
# else AWS from_port/to_port.
bounds(r) := port_range(r.port_range) if lib.known(r, "port_range")
else := [r.from_port, r.to_port] if {
	not lib.known(r, "port_range")
	lib.known(r, "from_port")
	lib.known(r, "to_port")
	is_number(r.from_port)
	is_number(r.to_port)
}

# in_range(b, p) holds when range b covers port p: from <= p <= to.
in_range(b, p) if {
	b[0] <= p
	p <= b[1]
}

# covers(r, p) holds when rule r certainly lets port p through: protocol -1 or
# all covers every port whatever the range says; tcp/6 covers p when the
# range does. Alibaba's port_range "-1/-1" means every port (AWS tcp with
# from_port = to_port = -1 covers nothing). udp, icmp, gre and others never
# cover a TCP port.
covers(r, _) if all_protocols(r)

covers(r, p) if {
	tcp(r)
	in_range(bounds(r), p)
}

covers(r, _) if {
	tcp(r)
	lib.known(r, "port_range")
	port_range(r.port_range) == [-1, -1]
}

# may_cover(r, p) holds when r covers p, or could cover it once its unknown
# protocol or port values are resolved.
may_cover(r, p) if covers(r, p)

may_cover(r, _) if lib.unknown(r, "protocol")

may_cover(r, p) if {
	tcp(r)
	lib.unknown_any(r, ["port_range", "from_port", "to_port"])
	_bound_allows(r, "from_port", p, 1)
	_bound_allows(r, "to_port", p, -1)
}

# a known from_port must be <= p (sign 1); a known to_port >= p (sign -1).
_bound_allows(r, attr, _, _) if not lib.known(r, attr)

_bound_allows(r, attr, p, sign) if {
	lib.known(r, attr)
	sign * r[attr] <= sign * p
}

_bound_allows(r, _, _, _) if lib.known(r, "port_range")
