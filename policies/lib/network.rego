# METADATA
# description: |
#   Network semantics shared by the security group and network ACL checks:
#   which CIDRs are open to the internet and which rules cover a port.
package kansa.lib.network

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

# port_range(s) parses Alibaba Cloud's "from/to" ("22/22", "1/65535",
# "-1/-1") into [from, to]; undefined when malformed.
port_range(s) := [to_number(parts[0]), to_number(parts[1])] if {
	is_string(s)
	parts := split(s, "/")
	count(parts) == 2
	regex.match(`^-?[0-9]+$`, parts[0])
	regex.match(`^-?[0-9]+$`, parts[1])
}

# port_facts(r, unk) summarizes a rule's protocol and port range, with unk
# the rule's unresolved attributes (meta.unknown):
# {"protocol": "all"|"tcp"|"other"|"unknown", "from": n, "to": n,
#  "all_ports": bool, "from_unknown": bool, "to_unknown": bool}.
# "all" is -1/"-1"/"all"; "tcp" is "tcp"/"6".
port_facts(r, unk) := object.union(range_facts(r, unk), {"protocol": protocol_class(object.get(r, "protocol", null), "protocol" in unk)})

# protocol_class(v, is_unknown) classifies a protocol value.
protocol_class(_, true) := "unknown"

protocol_class(v, false) := _class(lower(v)) if is_string(v)

protocol_class(v, false) := _class(sprintf("%v", [v])) if is_number(v)

protocol_class(null, false) := "other"

_class(p) := "all" if {
	p in {"-1", "all"}
} else := "tcp" if {
	p in {"tcp", "6"}
} else := "other"

# range_facts(r, unk): Alibaba port_range ("22/22", "-1/-1" = every port) else AWS from/to.
range_facts(rule, unk) := {"all_ports": false, "from": null, "to": null, "from_unknown": true, "to_unknown": true} if {
	"port_range" in unk
} else := f if {
	pr := object.get(rule, "port_range", null)
	is_string(pr)
	f := _string_range(pr)
} else := {
	"all_ports": false,
	"from": object.get(rule, "from_port", null),
	"to": object.get(rule, "to_port", null),
	"from_unknown": "from_port" in unk,
	"to_unknown": "to_port" in unk,
}

_string_range(pr) := {"all_ports": r == [-1, -1], "from": r[0], "to": r[1], "from_unknown": false, "to_unknown": false} if {
	r := port_range(pr)
} else := {"all_ports": false, "from": null, "to": null, "from_unknown": false, "to_unknown": false}

# coverage(f, p) is "yes", "maybe" or "no": do the port facts f let port p through?
# Protocol all covers every port whatever the range says; tcp uses the range;
# other protocols never cover a TCP port.
coverage(f, p) := "yes" if {
	f.protocol == "all"
} else := "no" if {
	f.protocol == "other"
} else := "yes" if {
	f.protocol == "tcp"
	f.all_ports
} else := "yes" if {
	f.protocol == "tcp"
	is_number(f.from)
	is_number(f.to)
	f.from <= p
	p <= f.to
} else := "no" if {
	f.protocol == "tcp"
	not f.from_unknown
	not f.to_unknown
} else := "no" if {
	# tcp with a known bound that already excludes p
	f.protocol == "tcp"
	not f.from_unknown
	is_number(f.from)
	f.from > p
} else := "no" if {
	f.protocol == "tcp"
	not f.to_unknown
	is_number(f.to)
	f.to < p
} else := "maybe"

# covers(r, p) holds when rule r certainly lets TCP port p through: protocol
# -1/all covers every port whatever the range says; tcp/6 covers p when
# from <= p <= to (Alibaba "-1/-1" is every port; AWS tcp -1..-1 covers
# nothing); udp, icmp, gre and others never cover a TCP port.
covers(r, p) if coverage(port_facts(r, object.get(r, ["meta", "unknown"], [])), p) == "yes"

# may_cover(r, p) holds when r covers p, or could once its unresolved
# protocol or ports are known.
may_cover(r, p) if coverage(port_facts(r, object.get(r, ["meta", "unknown"], [])), p) != "no"
